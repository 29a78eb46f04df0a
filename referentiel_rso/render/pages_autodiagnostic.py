"""Pages « Autodiagnostic » : la grille d'un organisme qui s'évalue au regard du référentiel.

- `autodiagnostic/index.md` : la grille, un vrai formulaire (un groupe par objectif : niveau, commentaire,
  actions types réalisées, valeurs des indicateurs), que docs/assets/javascripts/autodiagnostic.js garde
  dans le navigateur (localStorage), résume, exporte, importe et imprime. Rien ne quitte le navigateur.
- `autodiagnostic/grille-vierge/index.md` : la même grille, vierge, à imprimer (un tableau par engagement,
  chacun sur sa page) : ce que la page propose sans JavaScript.

Tout vient du catalogue : objectifs, actions types, indicateurs (P1, P2, de branche), unités, valeurs
publiées par les déclinaisons (repères, jamais pré-remplies comme valeur de l'organisme). Une nouvelle
édition ou une branche de plus apparaît sans code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.models.declinaison import Declinaison, Valeur
from referentiel_rso.render import urls
from referentiel_rso.render.pages_indicateurs import fiches_indicateurs

PAGE = "autodiagnostic/index.md"
PAGE_GRILLE = "autodiagnostic/grille-vierge/index.md"

# L'échelle de l'autodiagnostic : (code enregistré, libellé). Le référentiel n'en fixe pas ; celle-ci
# distingue ce qui n'est pas commencé, envisagé, engagé, acquis, et ce qui ne concerne pas l'organisme.
NIVEAUX = (
    ("non-engage", "Non engagé"),
    ("reflexion", "En réflexion"),
    ("en-cours", "En cours"),
    ("realise", "Réalisé"),
    ("non-applicable", "Non applicable"),
)
FORMAT = "rso-autodiagnostic"
VERSION = 1
"""Version du format d'export (JSON) et de la clé d'enregistrement : à augmenter si leur forme change."""


@dataclass
class Repere:
    """Valeur publiée par une branche pour un indicateur : affichée à côté de la saisie, comme repère."""

    branche: str
    valeur: str
    annee: Optional[int]
    source: str


@dataclass
class Action:
    id: str
    texte: str
    """Markdown du référentiel (rendu par le filtre `markdown_ligne`)."""
    groupe: Optional[str] = None


@dataclass
class LigneIndicateur:
    id: str
    intitule: str
    categorie: Optional[str]
    """« P1 », « P2 », « branche » ou None (non précisée par la source)."""
    unite: Optional[str]
    page: str
    branche: Optional[str] = None
    reperes: list[Repere] = field(default_factory=list)


@dataclass
class Bloc:
    """Un objectif, ou « l'enjeu dans son ensemble » (actions et indicateurs non rattachés)."""

    id: str
    intitule: Optional[str]
    actions: list[Action] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Textes des actions types qui ne sont pas des actions à cocher (Markdown)."""
    indicateurs: list[LigneIndicateur] = field(default_factory=list)


@dataclass
class Enjeu:
    enjeu: Any
    objectifs: list[Bloc]
    ensemble: Bloc
    nb_pratiques: int

    @property
    def tous_indicateurs(self) -> list[tuple[Any, LigneIndicateur]]:
        return [(self.enjeu, i) for b in [*self.objectifs, self.ensemble] for i in b.indicateurs]


def _reperes(fiche) -> list[Repere]:
    sortie = []
    for vp in fiche.valeurs:
        v: Valeur = vp.valeur
        if not v.certaine:
            continue  # valeur dont la source ne permet pas de dire l'indicateur : pas un repère
        d: Declinaison = vp.declinaison
        sortie.append(Repere(d.nom, v.affichage, v.annee, f"{d.titre} ({d.nom}, {d.date_texte})"))
    return sortie


def grille(catalogue: Catalogue) -> list[tuple[Any, list[Enjeu]]]:
    """[(engagement, [Enjeu…])] : la grille de l'autodiagnostic, dans l'ordre du référentiel."""
    fiches = {f.id: f for f in fiches_indicateurs(catalogue)}

    def ligne(f) -> LigneIndicateur:
        unite = f.unite or next((ib.unite for _, ib in f.repris_par if ib.unite), None)
        return LigneIndicateur(f.id, f.intitule, f.categorie, unite, f.page,
                               f.branche.nom if f.branche else None, _reperes(f))

    sortie = []
    for eng in catalogue.engagements:
        enjeux = []
        for e in catalogue.enjeux_de(eng.numero):
            blocs = {o.id: Bloc(o.id, o.intitule) for o in e.objectifs}
            ensemble = Bloc(e.id, None)
            seul = next(iter(blocs.values())) if len(blocs) == 1 else None

            def cible(objectif: Optional[str]) -> Bloc:
                # un enjeu à un seul objectif : tout ce qui est dit de l'enjeu vaut pour cet objectif
                return blocs.get(objectif or "") or seul or ensemble

            for g in e.actions_types:
                b = cible(g.objectif)
                groupes = [(g.intitule, g.actions, g.texte)] + [(s.intitule, s.actions, s.texte) for s in g.sous_groupes]
                for intitule, actions, texte in groupes:
                    for a in actions:
                        b.actions.append(Action(f"{b.id}-a{len(b.actions) + 1}", a, intitule))
                    if texte:
                        b.notes.append(texte)
            for i in e.indicateurs:
                cible(i.objectif).indicateurs.append(ligne(fiches[i.id]))
            for d in catalogue.declinaisons:
                for ib in d.indicateurs_enjeu(e.id):
                    if not ib.correspond_a:  # repris d'un indicateur du référentiel : déjà dans la grille
                        ensemble.indicateurs.append(ligne(fiches[ib.id]))
            for b in [*blocs.values(), ensemble]:
                # P1 d'abord, puis P2, puis catégorie non précisée, puis indicateurs de branche
                b.indicateurs.sort(key=lambda x: {"P1": 0, "P2": 1, None: 2}.get(x.categorie, 3))
            enjeux.append(Enjeu(e, list(blocs.values()), ensemble, len(catalogue.pratiques_de(e.id))))
        sortie.append((eng, enjeux))
    return sortie


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    donnees = grille(catalogue)
    ed = catalogue.referentiel.edition
    edition = f"« {ed.titre} », {ed.editeur}, {ed.date}"
    commun = dict(grille=donnees, niveaux=NIVEAUX, edition=edition, format=FORMAT, version=VERSION,
                  nb_objectifs=len(catalogue.objectifs))
    return {
        PAGE: env.get_template("autodiagnostic.md.j2").render(page=PAGE, **commun),
        PAGE_GRILLE: env.get_template("autodiagnostic_grille.md.j2").render(page=PAGE_GRILLE, **commun),
    }

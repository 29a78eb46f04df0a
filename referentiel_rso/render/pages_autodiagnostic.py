"""Pages « Autodiagnostic » : la grille d'un organisme qui s'évalue au regard du référentiel.

- `autodiagnostic/index.md` : l'accueil de l'autodiagnostic (les engagements et leur avancement, « Mes
  réponses » : nom de l'organisme, export, import, impression, effacement ; la synthèse).
- `autodiagnostic/engagement-<n>/index.md` : la grille d'un engagement, un vrai formulaire (un groupe par
  objectif : niveau, commentaire, actions types réalisées, valeurs des indicateurs).
  docs/assets/javascripts/autodiagnostic.js garde les réponses de toutes ces pages dans un seul
  enregistrement du navigateur (localStorage), les résume, les exporte, les importe et les imprime. Rien ne
  quitte le navigateur. Chacune de ces pages porte la structure de toute la grille (`structure`, en JSON) :
  le script en a besoin pour enregistrer, résumer et imprimer le tout depuis n'importe laquelle.
- `autodiagnostic/grille-vierge/index.md` et `…/grille-vierge/engagement-<n>/index.md` : la même grille,
  vierge, à imprimer (un tableau des objectifs et un des indicateurs par engagement) : ce que
  l'autodiagnostic propose sans JavaScript.

Une page par engagement : chacune reste légère (DOM, poids : budgets de scripts/mesures.py) quel que soit
le nombre d'indicateurs que les déclinaisons ajoutent.

Tout vient du catalogue : objectifs, actions types, indicateurs (P1, P2, de branche), unités, valeurs
publiées par les déclinaisons (repères, jamais pré-remplies comme valeur de l'organisme). Une nouvelle
édition ou une branche de plus apparaît sans code.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Optional

import nh3

from referentiel_rso import assainir
from referentiel_rso.catalogue import Catalogue
from referentiel_rso.models.declinaison import Declinaison, Valeur
from referentiel_rso.render import urls
from referentiel_rso.render.pages_indicateurs import fiches_indicateurs

PAGE = "autodiagnostic/index.md"
PAGE_GRILLE = "autodiagnostic/grille-vierge/index.md"
PAGE_GRILLE_PDF = "livret/grille-vierge/index.md"
"""Toute la grille vierge sur une page, source de pdf/autodiagnostic-grille-vierge.pdf (non publiée, comme livret/)."""
PDF_GRILLE = "pdf/autodiagnostic-grille-vierge.pdf"


def page_engagement(numero) -> str:
    """La grille d'un engagement, à remplir."""
    return f"autodiagnostic/engagement-{numero}/index.md"


def page_grille(numero) -> str:
    """La grille vierge d'un engagement, à imprimer."""
    return f"autodiagnostic/grille-vierge/engagement-{numero}/index.md"


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


def libelle_categorie(i: LigneIndicateur) -> str:
    """La catégorie d'un indicateur, dite en clair (grille, exports)."""
    if i.categorie in ("P1", "P2"):
        return i.categorie
    if i.categorie == "branche":
        return "indicateur de branche" + (f" ({i.branche})" if i.branche else "")
    return "catégorie non précisée"


def texte_repere(r: Repere) -> str:
    """Un repère publié par une branche, en une phrase (texte simple, non échappé)."""
    annee = f" en {r.annee}" if r.annee else " (année non précisée)"
    return f"Valeur publiée par la branche {r.branche} : {r.valeur}{annee} — source : {r.source}"


def _texte(valeur: object) -> str:
    return " ".join(str(valeur or "").split())


def _texte_action(markdown: str) -> str:
    """Le texte d'une action type tel qu'un lecteur le lit dans sa case à cocher (Markdown rendu, sans
    balise) : c'est lui que les exports JSON portent et qu'un import compare."""
    return _texte(html.unescape(nh3.clean(assainir.markdown_en_ligne(markdown), tags=set())))


def structure(donnees: list[tuple[Any, list[Enjeu]]], edition: str) -> dict:
    """La grille entière, pour autodiagnostic.js (enregistrer, résumer, exporter, importer, imprimer depuis
    n'importe quelle page) : engagements → enjeux → objectifs (et « l'enjeu dans son ensemble ») → actions
    types et indicateurs. Textes simples, non échappés : le script ne les écrit qu'en `textContent`."""

    def bloc(b: Bloc) -> dict:
        return {
            "id": b.id,
            "intitule": _texte(b.intitule),
            "actions": [{"id": a.id, "texte": _texte_action(a.texte)} for a in b.actions],
            "indicateurs": [{"id": i.id, "intitule": _texte(i.intitule), "categorie": i.categorie or "",
                             "libelleCategorie": libelle_categorie(i), "unite": _texte(i.unite),
                             "reperes": [_texte(texte_repere(r)) for r in i.reperes]} for i in b.indicateurs],
        }

    return {
        "format": FORMAT,
        "version": VERSION,
        "edition": _texte(edition),
        "niveaux": [{"code": code, "libelle": libelle} for code, libelle in NIVEAUX],
        "engagements": [{
            "numero": str(eng.numero),
            "titre": _texte(f"Engagement {eng.numero} — {eng.titre}"),
            "adresse": page_engagement(eng.numero).removesuffix("index.md"),  # depuis la racine du site
            "enjeux": [{
                "id": e.enjeu.id,
                "titre": _texte(f"Enjeu {e.enjeu.id} — {e.enjeu.titre}"),
                "objectifs": [bloc(o) for o in e.objectifs],
                "ensemble": bloc(e.ensemble) if (e.ensemble.actions or e.ensemble.indicateurs) else None,
            } for e in enjeux],
        } for eng, enjeux in donnees],
    }


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    donnees = grille(catalogue)
    ed = catalogue.referentiel.edition
    edition = f"« {ed.titre} », {ed.editeur}, {ed.date}"
    commun = dict(grille=donnees, niveaux=NIVEAUX, edition=edition, format=FORMAT, version=VERSION,
                  nb_objectifs=len(catalogue.objectifs), structure=assainir.json_dans_html(structure(donnees, edition)),
                  page_engagement=page_engagement, page_grille=page_grille, libelle_categorie=libelle_categorie,
                  texte_repere=texte_repere, PAGE=PAGE, PAGE_GRILLE=PAGE_GRILLE, PDF_GRILLE=PDF_GRILLE)
    sortie = {
        PAGE: env.get_template("autodiagnostic.md.j2").render(page=PAGE, **commun),
        PAGE_GRILLE: env.get_template("autodiagnostic_grille.md.j2").render(page=PAGE_GRILLE, **commun),
        PAGE_GRILLE_PDF: env.get_template("autodiagnostic_grille_pdf.md.j2").render(page=PAGE_GRILLE_PDF, **commun),
    }
    for k, (eng, enjeux) in enumerate(donnees):
        voisins = dict(precedent=donnees[k - 1][0] if k else None,
                       suivant=donnees[k + 1][0] if k + 1 < len(donnees) else None,
                       eng=eng, enjeux=enjeux, rang=k + 1)
        chemin = page_engagement(eng.numero)
        sortie[chemin] = env.get_template("autodiagnostic_engagement.md.j2").render(page=chemin, **commun, **voisins)
        chemin = page_grille(eng.numero)
        sortie[chemin] = env.get_template("autodiagnostic_grille_engagement.md.j2").render(page=chemin, **commun, **voisins)
    return sortie

"""Pages des indicateurs (une par indicateur du référentiel et par indicateur de branche).

Le Python rassemble les données (valeurs, séries, géométrie des graphiques) ; les gabarits
`indicateur.md.j2` et `indicateur_graphique.svg.j2` les mettent en forme. (Les pages des déclinaisons de
branche : pages_declinaisons.py.)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.models.declinaison import Declinaison, IndicateurBranche, Valeur, format_nombre
from referentiel_rso.render import urls


@dataclass
class ValeurPubliee:
    declinaison: Declinaison
    valeur: Valeur
    via: Optional[IndicateurBranche] = None
    """Indicateur de branche par lequel la valeur arrive sur la fiche d'un indicateur du référentiel."""


@dataclass
class Barre:
    annee: int
    texte: str
    x: float
    y: float
    largeur: float
    hauteur: float


@dataclass
class Serie:
    """Valeurs d'une branche pour un indicateur, sur au moins deux années : de quoi tracer un graphique."""

    ident: str
    titre: str
    description: str
    unite: str
    barres: list[Barre]
    largeur: int = 640
    hauteur: int = 240
    base: float = 0.0


@dataclass
class FicheIndicateur:
    id: str
    intitule: str
    categorie: Optional[str]
    """« P1 », « P2 », « branche », ou None si la publication ne permet pas de la lire."""
    enjeu: Any
    objectif: Any = None
    precision: Optional[str] = None
    unite: Optional[str] = None
    note: Optional[str] = None
    branche: Optional[Declinaison] = None
    """Pour un indicateur de branche : la branche qui le définit."""
    correspond_a: Any = None
    """Pour un indicateur de branche : l'indicateur du référentiel de même intitulé."""
    repris_par: list[tuple[Declinaison, IndicateurBranche]] = field(default_factory=list)
    """Pour un indicateur du référentiel : les indicateurs de branche qui le reprennent."""
    valeurs: list[ValeurPubliee] = field(default_factory=list)
    series: list[Serie] = field(default_factory=list)
    pratiques: list[tuple[Any, Any]] = field(default_factory=list)

    @property
    def page(self) -> str:
        return urls.page_indicateur(self.id)

    @property
    def branches(self) -> list[Declinaison]:
        """Branches qui suivent l'indicateur : celle qui le définit, celles qui le reprennent ou publient une valeur."""
        vues: list[Declinaison] = []
        candidates = ([self.branche] if self.branche else []) + [d for d, _ in self.repris_par] + [
            v.declinaison for v in self.valeurs]
        for d in candidates:
            if all(d.branche != x.branche for x in vues):
                vues.append(d)
        return vues


def _serie(ident: str, titre: str, unite: str, valeurs: list[Valeur]) -> Optional[Serie]:
    par_annee: dict[int, float] = {}
    for v in valeurs:
        if v.annee is None or not v.numerique:
            continue
        if v.annee in par_annee:
            return None  # deux valeurs pour la même année : le tableau suffit, pas de graphique trompeur
        par_annee[v.annee] = float(v.valeur)  # type: ignore[arg-type]
    if len(par_annee) < 2:
        return None
    serie = Serie(ident, titre, "", unite, [])
    gauche, droite, haut, bas = 16, 16, 28, 32
    zone_l, zone_h = serie.largeur - gauche - droite, serie.hauteur - haut - bas
    mini, maxi = min(0.0, *par_annee.values()), max(0.0, *par_annee.values())
    etendue = (maxi - mini) or 1.0
    pas = zone_l / len(par_annee)
    base = haut + zone_h * maxi / etendue
    serie.base = round(base, 1)
    for k, (annee, v) in enumerate(sorted(par_annee.items())):
        h = zone_h * abs(v) / etendue
        y = base - h if v >= 0 else base
        texte = format_nombre(int(v) if v.is_integer() else v)
        serie.barres.append(Barre(annee, texte, round(gauche + k * pas + pas * 0.2, 1), round(y, 1),
                                  round(pas * 0.6, 1), round(h, 1)))
    unite_txt = f" ({unite})" if unite else ""
    serie.description = "; ".join(f"{b.annee} : {b.texte}{unite_txt}" for b in serie.barres)
    return serie


def fiches_indicateurs(catalogue: Catalogue) -> list[FicheIndicateur]:
    fiches: dict[str, FicheIndicateur] = {}
    for enjeu, ind in catalogue.indicateurs:
        fiches[ind.id] = FicheIndicateur(
            ind.id, ind.intitule, ind.categorie, enjeu,
            objectif=catalogue.objectif(ind.objectif) if ind.objectif else None, precision=ind.precision,
            unite=ind.unite)
    for d in catalogue.declinaisons:
        for ib in d.indicateurs_branche:
            fiches[ib.id] = FicheIndicateur(
                ib.id, ib.intitule, "branche", catalogue.enjeu(ib.enjeu), unite=ib.unite, note=ib.note,
                branche=d, correspond_a=fiches.get(ib.correspond_a) if ib.correspond_a else None)
            if ib.correspond_a in fiches:
                fiches[ib.correspond_a].repris_par.append((d, ib))
    for d in catalogue.declinaisons:
        for v in d.valeurs:
            for id_ in v.indicateurs:
                fiches[id_].valeurs.append(ValeurPubliee(d, v))
                ib = d.indicateur_branche(id_)
                if ib and ib.correspond_a in fiches:
                    fiches[ib.correspond_a].valeurs.append(ValeurPubliee(d, v, via=ib))
    for p in catalogue.pratiques:
        for r in getattr(p, "resultats", ()):
            if getattr(r, "indicateur", None) in fiches:
                fiches[r.indicateur].pratiques.append((p, r))
    for f in fiches.values():
        for d in f.branches:
            certaines = [vp.valeur for vp in f.valeurs if vp.declinaison is d and vp.valeur.certaine]
            for unite in dict.fromkeys(v.unite or "" for v in certaines):
                ident = urls.slug(f"graphique-{f.id}-{d.branche}-{unite}")
                serie = _serie(ident, f"{f.intitule} — {d.nom}", unite,
                               [v for v in certaines if (v.unite or "") == unite])
                if serie:
                    f.series.append(serie)
    return list(fiches.values())


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    sortie: dict[str, str] = {}
    gabarit = env.get_template("indicateur.md.j2")
    for fiche in fiches_indicateurs(catalogue):
        sortie[fiche.page] = gabarit.render(page=fiche.page, f=fiche, nombre=format_nombre)
    return sortie

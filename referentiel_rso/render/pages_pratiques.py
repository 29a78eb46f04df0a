"""Pages des bonnes pratiques : une page par pratique et la bibliothèque (bonnes-pratiques/index.md).

Tout texte contribué passe par les filtres d'assainissement (referentiel_rso/assainir.py) :
`texte` (texte simple, échappé et neutralisé), `markdown` (Markdown → HTML assaini), `markdown_ligne`.
Les pages de pratiques portent les filtres Pagefind (`data-pagefind-filter`) que la recherche à
facettes de la bibliothèque (docs/assets/javascripts/bibliotheque.js) interroge.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from referentiel_rso import assainir, formats
from referentiel_rso.catalogue import Catalogue
from referentiel_rso.models.pratique import BRANCHES, ETATS
from referentiel_rso.render import urls

PAGE_BIBLIOTHEQUE = "bonnes-pratiques/index.md"
SCRIPT = "assets/javascripts/bibliotheque.js"
INDEX_PAGEFIND = "pagefind/"
PAR_PAGE = 20
ETATS_COURTS = {"proposee": "Proposée", "validee": "Validée par le CTP RSO"}
# valeurs du filtre « region » pour les pratiques sans territoire
SANS_REGION = {"nationale": "Portée nationale", "non-precisee": "Territoire non précisé"}


def filtres(p, catalogue: Catalogue) -> list[tuple[str, str]]:
    """Les filtres Pagefind d'une pratique : (nom, valeur), valeurs sans virgule ni deux-points."""
    valeurs: list[tuple[str, str]] = [("type", "bonne-pratique")]
    valeurs += [("engagement", str(n)) for n in p.engagements]
    valeurs += [("enjeu", e) for e in p.enjeux]
    valeurs += [("odd", str(n)) for n in p.odd]
    valeurs.append(("region", p.region if p.region else p.portee))
    valeurs.append(("branche", p.branche))
    if p.annee:
        valeurs.append(("annee", str(p.annee)))
    valeurs.append(("statut", p.statut.etat))
    return valeurs


def facettes(catalogue: Catalogue) -> list[dict]:
    """Les facettes de la bibliothèque et leurs valeurs présentes, dans l'ordre de lecture."""
    pratiques = catalogue.pratiques
    presentes: dict[str, set[str]] = defaultdict(set)
    for p in pratiques:
        for nom, valeur in filtres(p, catalogue):
            presentes[nom].add(valeur)
    ter = catalogue.territoires

    def nom_region(code: str) -> str:
        if code in SANS_REGION:
            return SANS_REGION[code]
        r = ter.region(code) if ter is not None else None
        return r.nom if r else code

    regions = sorted((c for c in presentes["region"] if c not in SANS_REGION), key=lambda c: urls.slug(nom_region(c)))
    regions += [c for c in SANS_REGION if c in presentes["region"]]
    return [
        {"nom": "engagement", "libelle": "Engagement", "valeurs": [
            (str(e.numero), f"{e.numero}. {e.titre}") for e in catalogue.engagements if str(e.numero) in presentes["engagement"]]},
        {"nom": "enjeu", "libelle": "Enjeu", "valeurs": [
            (e.id, f"{e.id} {e.titre}") for e in catalogue.enjeux if e.id in presentes["enjeu"]]},
        {"nom": "odd", "libelle": "Objectif de développement durable", "valeurs": [
            (str(o.numero), f"ODD {o.numero} — {o.titre}") for o in catalogue.table_odd.odd if str(o.numero) in presentes["odd"]]},
        {"nom": "region", "libelle": "Région", "valeurs": [(c, nom_region(c)) for c in regions]},
        {"nom": "branche", "libelle": "Branche", "valeurs": [
            (b, libelle) for b, libelle in BRANCHES.items() if b in presentes["branche"]]},
        {"nom": "annee", "libelle": "Année", "valeurs": [
            (a, a) for a in sorted(presentes["annee"], reverse=True)]},
        {"nom": "statut", "libelle": "Statut", "valeurs": [
            (s, libelle) for s, libelle in ETATS_COURTS.items() if s in presentes["statut"]]},
    ]


def par_region(catalogue: Catalogue) -> list[tuple[str, list]]:
    """(intitulé, pratiques) : les régions par ordre alphabétique, puis portée nationale, puis non précisé."""
    groupes: dict[str, list] = defaultdict(list)
    for p in catalogue.pratiques:
        groupes[p.region or p.portee].append(p)
    ter = catalogue.territoires
    noms = {c: (SANS_REGION.get(c) or (ter.region(c).nom if ter and ter.region(c) else c)) for c in groupes}
    regions = sorted((c for c in groupes if c not in SANS_REGION), key=lambda c: urls.slug(noms[c]))
    return [(noms[c], groupes[c]) for c in regions + [c for c in SANS_REGION if c in groupes]]


def environnement_pratiques(env):
    """L'environnement commun (filtres d'assainissement compris), plus les aides propres aux pratiques."""
    sur = env.overlay()
    sur.filters.update(date_fr=formats.date, nombre=formats.nombre)
    indicateurs = {i.id: i for _, i in env.globals["cat"].indicateurs}
    sur.globals.update(BRANCHES=BRANCHES, ETATS=ETATS, filtres=filtres, PAR_PAGE=PAR_PAGE,
                       indicateur=indicateurs.__getitem__)
    return sur


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    env = environnement_pratiques(env)
    sortie: dict[str, str] = {}
    gabarit = env.get_template("pratique.md.j2")
    for p in (*catalogue.pratiques, *catalogue.retirees):  # une retirée garde sa page, avec un avis
        sortie[p.page] = gabarit.render(page=p.page, p=p, bibliotheque=PAGE_BIBLIOTHEQUE)
    sortie[PAGE_BIBLIOTHEQUE] = env.get_template("bibliotheque.md.j2").render(
        page=PAGE_BIBLIOTHEQUE,
        pratiques=catalogue.pratiques,
        facettes=facettes(catalogue),
        par_region=par_region(catalogue),
        script=urls.asset(PAGE_BIBLIOTHEQUE, SCRIPT),
        index_pagefind=urls.asset(PAGE_BIBLIOTHEQUE, INDEX_PAGEFIND).rstrip("/") + "/",
    )
    return sortie

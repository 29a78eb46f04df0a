"""Pages du référentiel : engagements, fiches d'enjeu, ODD, ISO 26000, indicateurs, glossaire."""
from __future__ import annotations

from collections import defaultdict

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.render import urls


def glossaire(catalogue: Catalogue) -> list[dict]:
    """Toutes les entrées de glossaire des fiches, triées, avec leur ancre unique."""
    entrees = []
    vues: dict[str, int] = defaultdict(int)
    for enjeu in catalogue.enjeux:
        for g in enjeu.glossaire:
            ancre = urls.ancre_terme(g.terme)
            vues[ancre] += 1
            if vues[ancre] > 1:
                ancre = f"{ancre}-{vues[ancre]}"
            entrees.append({"terme": g.terme, "definition": g.definition, "enjeu": enjeu, "ancre": ancre})
    return sorted(entrees, key=lambda e: urls.slug(e["terme"]))


def abreviations(catalogue: Catalogue) -> list[dict]:
    """Les abréviations, une ligne par sigle : les variantes de casse (« Caf », « CAF ») sont réunies."""
    groupes: dict[str, dict] = {}
    for a in catalogue.abreviations.abreviations:
        g = groupes.setdefault(urls.slug(a.sigle), {"ancre": "abreviation-" + urls.slug(a.sigle), "sigles": [],
                                                     "definition": a.definition})
        g["sigles"].append(a.sigle)
    return sorted(groupes.values(), key=lambda g: g["ancre"])


def matrice_odd(catalogue: Catalogue) -> list[tuple]:
    """Lignes de la matrice enjeux × ODD : (enjeu, cellules). Une cellule est un ODD cité par l'enjeu
    (`Odd`), ou le nombre de colonnes consécutives sans ODD cité (`int`), réunies en une cellule vide
    (colspan) : une ligne a autant de cellules que de coches et de trous, pas dix-sept."""
    lignes = []
    for enjeu in catalogue.enjeux:
        cites = {c.numero for c in enjeu.odd}
        cellules: list = []
        for o in catalogue.table_odd.odd:
            if o.numero in cites:
                cellules.append(o)
            elif cellules and isinstance(cellules[-1], int):
                cellules[-1] += 1
            else:
                cellules.append(1)
        lignes.append((enjeu, cellules))
    return lignes


def ancres_glossaire(catalogue: Catalogue) -> dict[tuple[str, str], str]:
    return {(e["enjeu"].id, e["terme"]): e["ancre"] for e in glossaire(catalogue)}


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    sortie: dict[str, str] = {}
    ancres = ancres_glossaire(catalogue)
    sortie["engagements/index.md"] = env.get_template("engagements.md.j2").render(page="engagements/index.md")
    for eng in catalogue.engagements:
        chemin = urls.page_engagement(eng)
        sortie[chemin] = env.get_template("engagement.md.j2").render(page=chemin, eng=eng)
    for enjeu in catalogue.enjeux:
        chemin = urls.page_enjeu(enjeu)
        sortie[chemin] = env.get_template("fiche.md.j2").render(page=chemin, enjeu=enjeu, ancres_glossaire=ancres)
    sortie["odd/index.md"] = env.get_template("odd_index.md.j2").render(page="odd/index.md",
                                                                          matrice=matrice_odd(catalogue))
    for odd in catalogue.table_odd.odd:
        chemin = urls.page_odd(odd.numero)
        sortie[chemin] = env.get_template("odd.md.j2").render(page=chemin, odd=odd)
    sortie["iso-26000/index.md"] = env.get_template("iso_index.md.j2").render(page="iso-26000/index.md")
    for q in catalogue.table_iso.questions_centrales:
        chemin = urls.page_question(q)
        sortie[chemin] = env.get_template("iso.md.j2").render(page=chemin, q=q)
    sortie[urls.page_indicateurs()] = env.get_template("indicateurs.md.j2").render(page=urls.page_indicateurs())
    sortie["glossaire/index.md"] = env.get_template("glossaire.md.j2").render(
        page="glossaire/index.md", entrees=glossaire(catalogue), abreviations=abreviations(catalogue)
    )
    return sortie

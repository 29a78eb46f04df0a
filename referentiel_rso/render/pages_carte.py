"""Pages de la carte : « Carte » (carte/index.md), qui intègre le document de la carte (carte/carte.html,
écrit par l'étape « carte », referentiel_rso/build/carte.py) dans une iframe, et son alternative sans
JavaScript : la liste des mêmes initiatives, une page par région (carte/liste/<région>/index.md, puis
des pages numérotées …/2/, …/3/ au-delà de `PAR_PAGE` initiatives), par département, et une page
d'accueil de la liste qui mène aux régions avec leur nombre d'initiatives (carte/liste/index.md). Chaque
page reste dans le budget de poids et de nœuds quel que soit le nombre d'initiatives.

Le texte contribué (titres, organismes) passe par le filtre `texte` (referentiel_rso/assainir.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from referentiel_rso import assainir
from referentiel_rso.build import carte
from referentiel_rso.catalogue import Catalogue
from referentiel_rso.render import urls

SCRIPT_PAGE = "assets/javascripts/carte.js"
PAR_PAGE = 100
"""Initiatives au plus par page de la liste (li, lien, sigles : 3 à 5 éléments chacune ; avec le thème,
la page reste sous 1 000 éléments)."""


@dataclass
class GroupeDepartement:
    code: str | None
    nom: str
    initiatives: list[carte.Initiative] = field(default_factory=list)


@dataclass
class GroupeRegion:
    code: str | None
    nom: str
    departements: list[GroupeDepartement] = field(default_factory=list)

    @property
    def nombre(self) -> int:
        return sum(len(d.initiatives) for d in self.departements)

    @property
    def slug(self) -> str:
        return urls.slug(self.nom) or "region"


@dataclass
class PageListe:
    """Une page de la liste d'une région : ses départements (coupés au besoin), son rang."""
    region: GroupeRegion
    numero: int
    total: int
    departements: list[GroupeDepartement]
    suites: set[str | None] = field(default_factory=set)
    """Codes des départements commencés sur la page précédente."""

    @property
    def chemin(self) -> str:
        return chemin_liste(self.region, self.numero)


def chemin_liste(region: GroupeRegion, numero: int = 1) -> str:
    base = f"{carte.DOSSIER}/liste/{region.slug}"
    return f"{base}/index.md" if numero == 1 else f"{base}/{numero}/index.md"


def decouper(region: GroupeRegion, par_page: int = PAR_PAGE) -> list[PageListe]:
    """Les pages d'une région : au plus `par_page` initiatives chacune, dans l'ordre des départements."""
    morceaux: list[tuple[list[GroupeDepartement], set]] = [([], set())]
    place = par_page
    for d in region.departements:
        reste = list(d.initiatives)
        commence = False
        while reste:
            if place == 0:
                morceaux.append(([], set()))
                place = par_page
            pris, reste = reste[:place], reste[place:]
            morceaux[-1][0].append(GroupeDepartement(d.code, d.nom, pris))
            if commence:
                morceaux[-1][1].add(d.code)
            commence = True
            place -= len(pris)
    return [PageListe(region, k + 1, len(morceaux), deps, suites) for k, (deps, suites) in enumerate(morceaux)]


def par_territoire(liste: list[carte.Initiative], territoires) -> list[GroupeRegion]:
    """Les initiatives par région (ordre alphabétique), puis par département (ordre des codes) ; dans
    une région, celles dont le département n'est pas connu viennent en dernier."""
    regions: dict[str | None, dict[str | None, list[carte.Initiative]]] = {}
    for i in liste:
        regions.setdefault(i.region, {}).setdefault(i.departement, []).append(i)

    def nom_region(code):
        r = territoires.region(code) if code else None
        return r.nom if r else "Région non précisée"

    def nom_departement(code):
        d = territoires.departement(code) if code else None
        return d.nom if d else "Département non précisé"

    sortie = []
    for code_r in sorted(regions, key=lambda c: (c is None, urls.slug(nom_region(c)))):
        deps = regions[code_r]
        groupe = GroupeRegion(code_r, nom_region(code_r))
        for code_d in sorted(deps, key=lambda c: (c is None, c or "")):
            groupe.departements.append(GroupeDepartement(code_d, nom_departement(code_d), deps[code_d]))
        sortie.append(groupe)
    return sortie


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    env = env.overlay()
    env.filters.update(texte=assainir.texte)
    territoires = carte.territoires_de(catalogue)
    liste = carte.initiatives(catalogue, territoires)
    commun = {
        "initiatives": liste,
        "non_localisees": carte.non_localisees(catalogue),
        "bibliotheque": "bonnes-pratiques/index.md",
    }
    regions = par_territoire(liste, territoires)
    sortie = {
        carte.PAGE: env.get_template("carte.md.j2").render(
            page=carte.PAGE, script=urls.asset(carte.PAGE, SCRIPT_PAGE), document=carte.DOCUMENT.split("/")[-1],
            **commun),
        carte.PAGE_LISTE: env.get_template("carte_liste.md.j2").render(
            page=carte.PAGE_LISTE, regions=regions, chemin_liste=chemin_liste, **commun),
    }
    gabarit = env.get_template("carte_liste_region.md.j2")
    for r in regions:
        decoupe = decouper(r)
        for morceau in decoupe:
            sortie[morceau.chemin] = gabarit.render(page=morceau.chemin, morceau=morceau, pages_region=decoupe,
                                                    accueil=carte.PAGE_LISTE)
    return sortie

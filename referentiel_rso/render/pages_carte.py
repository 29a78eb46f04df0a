"""Pages de la carte : « Carte » (carte/index.md), qui intègre le document de la carte (carte/carte.html,
écrit par l'étape « carte », referentiel_rso/carte.py) dans une iframe, et son alternative sans
JavaScript : la liste des mêmes initiatives par région puis département (carte/liste/index.md).

Le texte contribué (titres, organismes) passe par le filtre `texte` (referentiel_rso/assainir.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from referentiel_rso import assainir
from referentiel_rso.build import carte
from referentiel_rso.catalogue import Catalogue
from referentiel_rso.render import urls

SCRIPT_PAGE = "assets/javascripts/carte.js"


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
    return {
        carte.PAGE: env.get_template("carte.md.j2").render(
            page=carte.PAGE, script=urls.asset(carte.PAGE, SCRIPT_PAGE), document=carte.DOCUMENT.split("/")[-1],
            **commun),
        carte.PAGE_LISTE: env.get_template("carte_liste.md.j2").render(
            page=carte.PAGE_LISTE, regions=par_territoire(liste, territoires), **commun),
    }

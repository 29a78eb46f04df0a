"""Budgets de sobriété des pages (issue 13) : les nombres, en un seul endroit, et leur vérification.

Lus par scripts/mesures.py (`make mesures`, tests navigateur des budgets) et par scripts/mesurer_carte.py ;
enregistrés avec chaque série de mesures dans mesures/sobriete.json, d'où la page « Déclaration
d'écoconception » (render/pages_ecoconception.py) les relit pour dire ce qui les dépasse.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Depassement:
    grandeur: str
    """« gzip » (octets transférés), « requetes » ou « dom » (éléments)."""
    valeur: int
    limite: int


@dataclass(frozen=True)
class Budget:
    """Ce qu'une page ne doit pas dépasser au premier chargement (cache vide)."""

    gzip: int
    """octets transférés (corps texte compressés par gzip -6)."""
    requetes: int
    dom: int
    """éléments du DOM (page et iframes, hors intérieur des SVG)."""

    def depassements(self, gzip: int, requetes: int, dom: int) -> list[Depassement]:
        """Ce qu'une page qui pèse `gzip` octets transférés, fait `requetes` requêtes et compte `dom`
        éléments dépasse (vide : dans le budget)."""
        mesure = {"gzip": gzip, "requetes": requetes, "dom": dom}
        return [Depassement(g, mesure[g], getattr(self, g)) for g in ("gzip", "requetes", "dom")
                if mesure[g] > getattr(self, g)]


# Budgets de toute page, au contenu actuel comme à 10 000 pratiques (issue 13, point 1).
BUDGET = Budget(gzip=100 * 1024, requetes=20, dom=1000)
# EcoIndex (calculé sur le poids transféré, le nombre de requêtes et le DOM) ≥ 75, classe B : vérifié avec
# les budgets (scripts/mesures.py, tests/navigateur/test_sobriete.py) ; le rapport nomme les pages en dessous.
OBJECTIF_ECOINDEX = 75
# La carte embarque, dans son iframe, Leaflet, son extension de regroupement, les contours des régions et
# les initiatives (tuiles exclues). Le DOM compte la page et l'iframe.
BUDGETS_PARTICULIERS = {"carte": Budget(gzip=200 * 1024, requetes=20, dom=1000)}
# À l'échelle (contenu synthétique de scripts/banc_pratiques.py), la carte peut aller jusqu'à 400 Ko.
BUDGETS_A_L_ECHELLE = {"carte": Budget(gzip=400 * 1024, requetes=20, dom=1000)}


def budget(nom: str, a_l_echelle: bool = False) -> Budget:
    """Le budget d'un type de page (« carte », « fiche »…), au contenu actuel ou à l'échelle."""
    if a_l_echelle and nom in BUDGETS_A_L_ECHELLE:
        return BUDGETS_A_L_ECHELLE[nom]
    return BUDGETS_PARTICULIERS.get(nom, BUDGET)

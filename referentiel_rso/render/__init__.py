"""Rendu : fonction pure, catalogue → {chemin de page: Markdown}.

Indépendant de l'API de MkDocs : le hook (hooks/pages.py) ne fait que remettre ces pages à MkDocs.
Chaque module de ce dossier produit une famille de pages ; `rendre` les rassemble.
"""
from __future__ import annotations

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.render.environnement import environnement
from referentiel_rso.render import (pages_autodiagnostic, pages_carte, pages_declinaisons, pages_ecoconception,
                                   pages_indicateurs, pages_livret, pages_pratiques, pages_referentiel)

# producteurs de pages, dans l'ordre ; chacun : (catalogue, env) -> {chemin: markdown}
PRODUCTEURS = [
    pages_referentiel.pages,
    pages_indicateurs.pages,
    pages_declinaisons.pages,  # declinaisons/ : par branche, une présentation et une page par engagement décliné
    pages_livret.pages,  # livret/ : le référentiel sur une page, pour l'impression et les PDF
    pages_pratiques.pages,  # bonnes-pratiques/ : la bibliothèque et une page par pratique
    pages_carte.pages,  # carte/ : la carte des initiatives (iframe) et sa liste par région et département
    pages_autodiagnostic.pages,  # autodiagnostic/ : la grille d'un organisme (gardée dans le navigateur) et sa version vierge
    pages_ecoconception.pages,  # ecoconception/ : déclaration d'écoconception (chiffres de mesures/sobriete.json)
]


def rendre(catalogue: Catalogue) -> dict[str, str]:
    env = environnement(catalogue)
    pages: dict[str, str] = {}
    for producteur in PRODUCTEURS:
        for chemin, texte in producteur(catalogue, env).items():
            if chemin in pages:
                raise ValueError(f"page produite deux fois : {chemin}")
            pages[chemin] = texte
    return pages

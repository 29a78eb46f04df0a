"""Fragments de pages écrites à la main (accueil, à propos), rendus depuis le catalogue."""
from __future__ import annotations

from ..catalogue import Catalogue
from .environnement import environnement


def rendre(catalogue: Catalogue, nom: str, page: str, **variables) -> str:
    env = environnement(catalogue)
    return env.get_template(f"fragments/{nom}.md.j2").render(page=page, **variables)

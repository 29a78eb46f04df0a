"""Fragments de pages écrites à la main (accueil, à propos), rendus depuis le catalogue."""
from __future__ import annotations

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.render.environnement import environnement


def rendre(catalogue: Catalogue, nom: str, page: str, **variables) -> str:
    env = environnement(catalogue)
    return env.get_template(f"fragments/{nom}.md.j2").render(page=page, **variables)

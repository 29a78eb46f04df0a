"""Copie de travail du projet entier (code, gabarits, pages, contenu, tests), pour des tests qui y
ajoutent du contenu puis construisent le site ou lancent la suite sur la copie."""
from __future__ import annotations

import shutil
from pathlib import Path

from banc_pratiques import copier_projet

ELEMENTS = ("content", "data", "docs", "overrides", "macros", "referentiel_rso", "scripts", "schemas", "tests",
            ".github", "mkdocs.yml", "pyproject.toml", "Makefile", "README.md", "CONTRIBUTING.md",
            "package.json", "package-lock.json", "requirements.txt", "requirements.lock", ".pre-commit-config.yaml")


def copier_projet_complet(destination: Path) -> Path:
    """Copie tous les fichiers du projet dans `destination` (node_modules relié)."""
    return copier_projet(destination, ELEMENTS)


def remplacer_pratiques(projet: Path, fichiers: list[Path]) -> Path:
    """Les bonnes pratiques de la copie remplacées par `fichiers` (le modèle reste)."""
    dossier = projet / "content" / "bonnes_pratiques"
    for ancien in dossier.glob("BP-*.yml"):
        ancien.unlink()
    for f in fichiers:
        shutil.copy(f, dossier / f.name)
    return projet

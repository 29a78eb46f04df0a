"""Copie de travail du projet entier (code, gabarits, pages, contenu, tests), pour des tests qui y
ajoutent du contenu puis construisent le site ou lancent la suite sur la copie."""
from __future__ import annotations

import shutil
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
ELEMENTS = ("content", "data", "docs", "overrides", "macros", "referentiel_rso", "scripts", "schemas", "tests",
            ".github", "mkdocs.yml", "pyproject.toml", "Makefile", "README.md", "CONTRIBUTING.md",
            "package.json", "package-lock.json", "requirements.txt", "requirements.lock", ".pre-commit-config.yaml")
IGNORES = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


def copier_projet_complet(destination: Path) -> Path:
    """Copie les fichiers du projet dans `destination` ; node_modules (paquets npm installés, en lecture
    seule) est relié, pas copié."""
    destination.mkdir(parents=True, exist_ok=True)
    for nom in ELEMENTS:
        source = RACINE / nom
        if source.is_dir():
            shutil.copytree(source, destination / nom, ignore=IGNORES)
        elif source.exists():
            shutil.copy2(source, destination / nom)
    modules = (RACINE / "node_modules").resolve()
    if modules.exists():
        (destination / "node_modules").symlink_to(modules, target_is_directory=True)
    return destination


def remplacer_pratiques(projet: Path, fichiers: list[Path]) -> Path:
    """Les bonnes pratiques de la copie remplacées par `fichiers` (le modèle reste)."""
    dossier = projet / "content" / "bonnes_pratiques"
    for ancien in dossier.glob("BP-*.yml"):
        ancien.unlink()
    for f in fichiers:
        shutil.copy(f, dossier / f.name)
    return projet

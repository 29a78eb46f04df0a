"""Fixtures partagées : la racine du projet et un site construit une fois par session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]

# Le site des tests est construit comme pour la publication : avec une adresse publique (site_url de
# mkdocs.yml lit SITE_URL ; .github/workflows/deployer.yml la donne). Ni canonical ni sitemap.xml ne
# doivent garder l'adresse provisoire example.invalid (tests/test_adresse_publique.py).
ADRESSE_DE_TEST = "https://ucanss.github.io/referentiel-rso/"
os.environ.setdefault("SITE_URL", ADRESSE_DE_TEST)


@pytest.fixture(scope="session")
def racine() -> Path:
    return RACINE


@pytest.fixture(scope="session")
def catalogue():
    from referentiel_rso.catalogue.charger import charger

    return charger(RACINE)


@pytest.fixture(scope="session")
def site_construit(tmp_path_factory) -> Path:
    """Le site complet, construit une seule fois pour toute la session de tests (PDF compris) : la même
    construction que celle du harnais navigateur (tests/navigateur/)."""
    from mesures import site_temporaire

    return site_temporaire()


def copier_projet(destination: Path) -> Path:
    """Copie de travail du contenu (content/, data/) pour des tests qui le modifient."""
    for nom in ("content", "data"):
        shutil.copytree(RACINE / nom, destination / nom)
    return destination

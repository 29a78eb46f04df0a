"""Fixtures partagées : la racine du projet et un site construit une fois par session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]


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

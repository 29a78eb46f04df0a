"""Contenus qui s'ajoutent au référentiel : bonnes pratiques, déclinaisons de branche.

Chacun a son module (pratiques.py, declinaisons.py) ; ce fichier ne fait que les enchaîner.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from .catalogue import Catalogue
from .erreurs import Erreur


def charger_extensions(racine: Path, catalogue: Catalogue, lire: Callable[..., Any], docs: dict) -> tuple[Catalogue, list[Erreur]]:
    erreurs: list[Erreur] = []
    return catalogue, erreurs

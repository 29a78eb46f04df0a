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
    from .pratiques import charger_pratiques
    from .territoires import charger_territoires

    territoires = charger_territoires(racine)
    pratiques, errs = charger_pratiques(racine, catalogue, territoires, docs)
    erreurs.extend(errs)
    catalogue = catalogue.avec(pratiques=tuple(pratiques), territoires=territoires)

    from .declinaisons import charger_declinaisons

    declinaisons, errs = charger_declinaisons(racine, catalogue)
    erreurs.extend(errs)
    catalogue = catalogue.avec(declinaisons=declinaisons)
    return catalogue, erreurs

"""Listes bornées : une page qui cite des bonnes pratiques (fiche d'enjeu, ODD, indicateur) en montre au plus
`LIMITE`, avec leur nombre et un lien vers la bibliothèque filtrée sur le même critère. La page garde ainsi
le même poids à 24 ou à 10 000 pratiques ; le lien est un lien ordinaire (utilisable sans JavaScript).
"""
from __future__ import annotations

import re
from typing import Any, Iterable, TypeVar

LIMITE = 10
"""Nombre de pratiques montrées au plus sur une page qui n'est pas la bibliothèque."""

T = TypeVar("T")


def _numero(p: Any) -> int:
    m = re.search(r"(\d+)$", str(getattr(p, "id", "")))
    return int(m.group(1)) if m else 0


def _ordre(p: Any) -> tuple:
    """Validées par le CTP RSO d'abord, puis les plus récemment ajoutées (numéro d'identifiant décroissant)."""
    statut = getattr(getattr(p, "statut", None), "etat", None)
    return (statut != "validee", -_numero(p))


def apercu(elements: Iterable[T], limite: int = LIMITE) -> list[T]:
    """Les `limite` premiers éléments dans l'ordre de lecture : des pratiques, ou des couples
    (pratique, résultat) rangés selon leur pratique."""
    return sorted(elements, key=lambda x: _ordre(x[0] if isinstance(x, tuple) else x))[:limite]

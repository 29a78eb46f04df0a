"""Commandes supplémentaires de la ligne de commande (une fonction par commande)."""
from __future__ import annotations

import argparse
from pathlib import Path

# nom de commande → (aide, fonction(args, racine) -> code de sortie, ajout d'arguments)
COMMANDES: dict[str, tuple[str, object, object]] = {}


def ajouter(sous: argparse._SubParsersAction) -> None:
    for nom, (aide, _, arguments) in COMMANDES.items():
        p = sous.add_parser(nom, help=aide)
        if callable(arguments):
            arguments(p)


def executer(args: argparse.Namespace, racine: Path) -> int:
    _, fonction, _ = COMMANDES[args.commande]
    return fonction(args, racine)  # type: ignore[operator]

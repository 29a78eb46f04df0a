"""Erreurs de contenu, écrites pour un membre du CTP RSO : `fichier:ligne: champ: message`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Erreur:
    fichier: str
    ligne: int
    champ: str
    message: str

    def __str__(self) -> str:
        return f"{self.fichier}:{self.ligne}: {self.champ or '(fichier)'}: {self.message}"


class ErreursDeContenu(Exception):
    """Toutes les erreurs d'une validation, signalées ensemble."""

    def __init__(self, erreurs: list[Erreur]):
        self.erreurs = sorted(set(erreurs))
        super().__init__(self.rapport())

    def rapport(self) -> str:
        n = len(self.erreurs)
        entete = f"{n} erreur{'s' if n > 1 else ''} dans le contenu — rien n'a été publié :"
        return "\n".join([entete, *map(str, self.erreurs)])

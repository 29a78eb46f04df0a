"""Erreurs de contenu, écrites pour un membre du CTP RSO : `fichier:ligne: champ: message`.

Une erreur tient toujours sur une seule ligne : les valeurs reprises du fichier (nom de champ, texte
cité dans le message, nom du fichier) peuvent contenir des fins de ligne ou des caractères de contrôle ;
ils sont écrits en toutes lettres (`\\n`, `\\x1b`, `\\u202e`) et chaque partie est tronquée. Ainsi aucun
affichage (terminal, journal de CI, annotation GitHub) ne peut recevoir une ligne forgée par le
contenu, comme `::error file=…::` qu'un journal GitHub Actions lirait comme une commande.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

FICHIER_MAX = 200
CHAMP_MAX = 120
MESSAGE_MAX = 600
_ECHAPPEMENTS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _echapper(c: str) -> str:
    if c in _ECHAPPEMENTS:
        return _ECHAPPEMENTS[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def une_ligne(texte: object, maximum: int = MESSAGE_MAX) -> str:
    """Le texte sur une seule ligne : caractères de contrôle, séparateurs de ligne et de paragraphe,
    caractères de format (sens d'écriture, sans largeur) écrits en toutes lettres ; tronqué à `maximum`."""
    sortie = []
    longueur = 0
    for c in str(texte):
        morceau = _echapper(c) if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn") else c
        if longueur + len(morceau) > maximum:
            sortie.append("…")
            break
        sortie.append(morceau)
        longueur += len(morceau)
    return "".join(sortie)


@dataclass(frozen=True, order=True)
class Erreur:
    fichier: str
    ligne: int
    champ: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "fichier", une_ligne(self.fichier, FICHIER_MAX))
        object.__setattr__(self, "champ", une_ligne(self.champ, CHAMP_MAX))
        object.__setattr__(self, "message", une_ligne(self.message, MESSAGE_MAX))

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

"""Les formats à la française, une seule fois pour tout le projet : nombres, dates, identifiants d'adresse."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")
ESPACE_MILLIERS = "\u202f"
"""Espace fine insécable entre les groupes de milliers (typographie française)."""


def nombre(valeur: Any) -> str:
    """255834078 → « 255 834 078 » ; 355906.23 → « 355 906,23 » ; None → « » ; un texte reste tel quel."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool) or not isinstance(valeur, (int, float)):
        return str(valeur)
    if isinstance(valeur, float) and not valeur.is_integer():
        entier, _, decimales = f"{valeur:.10f}".rstrip("0").partition(".")
    else:
        entier, decimales = str(int(valeur)), ""
    signe = "-" if entier.startswith("-") else ""
    entier = entier.lstrip("-")
    groupes = []
    while entier:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    texte = signe + ESPACE_MILLIERS.join(groupes or ["0"])
    return f"{texte},{decimales}" if decimales else texte


def date(d: dt.date | None) -> str:
    """2024-03-01 → « 1er mars 2024 » ; None → « »."""
    return f"{d.day}{'er' if d.day == 1 else ''} {MOIS[d.month - 1]} {d.year}" if d else ""


def slug(texte: str, longueur: int | None = None) -> str:
    """Mots du texte en minuscules sans accents, reliés par des tirets ; coupé entre deux mots à `longueur`."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    complet = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if longueur is None:
        return complet
    sortie = ""
    for mot in complet.split("-"):
        if sortie and len(sortie) + 1 + len(mot) > longueur:
            break
        sortie = f"{sortie}-{mot}" if sortie else mot
    return sortie[:longueur].strip("-")

"""Créer le fichier d'une nouvelle pratique : prochain id libre, nom lisible, jamais d'écrasement.

Le même code sert `nouvelle-pratique` (copie du modèle) et `depuis-formulaire` (transcription d'une issue).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Callable

from referentiel_rso.load.pratiques import DOSSIER, prochain_id


def slug_titre(titre: str, longueur: int = 50) -> str:
    """Mots du titre, en minuscules sans accents, reliés par des tirets (comme render.urls.slug, sans
    importer le rendu : la commande reste rapide)."""
    ascii_ = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode().lower()
    mots, sortie = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-").split("-"), ""
    for mot in mots:
        if sortie and len(sortie) + 1 + len(mot) > longueur:
            break
        sortie = f"{sortie}-{mot}" if sortie else mot
    return sortie[:longueur].strip("-") or "pratique"


def creer_pratique(racine: Path, titre: str, contenu: Callable[[str], str]) -> tuple[str, Path]:
    """Écrit content/bonnes_pratiques/<prochain id>-<slug du titre>.yml avec `contenu(id)` ; renvoie
    (id, chemin). Le fichier est créé en exclusivité : si un autre fichier prend le même id entre-temps,
    l'id suivant est pris."""
    dossier = Path(racine) / DOSSIER
    dossier.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        id_ = prochain_id(racine)
        chemin = dossier / f"{id_}-{slug_titre(titre)}.yml"
        try:
            with open(chemin, "x", encoding="utf-8") as f:  # "x" : ne jamais écraser un fichier existant
                f.write(contenu(id_))
        except FileExistsError:
            continue
        return id_, chemin
    raise RuntimeError(f"aucun id libre trouvé dans {dossier}")

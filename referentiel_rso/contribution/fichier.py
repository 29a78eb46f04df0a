"""Créer le fichier d'une nouvelle pratique : prochain id libre, nom lisible, jamais d'écrasement.

Le même code sert `nouvelle-pratique` (copie du modèle) et `depuis-formulaire` (transcription d'une issue).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from referentiel_rso.load.pratiques import DOSSIER, prochain_id


def slug_titre(titre: str, longueur: int = 50) -> str:
    """Partie lisible du nom de fichier : le slug du titre (formats.slug), coupé entre deux mots."""
    from referentiel_rso.formats import slug

    return slug(titre, longueur) or "pratique"


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

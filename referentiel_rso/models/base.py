"""Socle commun des modèles : stricts (clé inconnue = erreur), immuables."""
from __future__ import annotations

from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Texte non vide (les blancs de début et de fin sont retirés)."""

Markdown = Annotated[str, StringConstraints(min_length=1)]
"""Texte en Markdown, rendu tel quel après assainissement."""

IdEnjeu = Annotated[str, StringConstraints(pattern=r"^[1-5]\.[1-9]$")]
IdObjectif = Annotated[str, StringConstraints(pattern=r"^[1-5]\.[1-9]\.[1-9]$")]
IdIndicateur = Annotated[str, StringConstraints(pattern=r"^[1-5]\.[1-9]-i[0-9]{1,2}$")]
NumeroOdd = Annotated[int, Field(ge=1, le=17)]


class Modele(BaseModel):
    """Modèle de contenu : toute clé inconnue est refusée, les objets sont figés."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class NoteEditoriale(Modele):
    """Signale une incohérence ou une ambiguïté de la source, sans la trancher."""

    champ: Texte = Field(description="Élément concerné (ex. « indicateurs », « objectifs[2] »).")
    texte: Texte = Field(description="Ce que dit la source et pourquoi c'est signalé.")
    source: Optional[Texte] = Field(None, description="Document et page concernés.")

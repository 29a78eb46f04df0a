"""Socle commun des modèles : stricts (clé inconnue = erreur), immuables, textes bornés et visibles."""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

TEXTE_MAX = 2_000
"""Longueur maximale d'un texte simple du contenu, en caractères."""
MARKDOWN_MAX = 20_000
"""Longueur maximale d'un texte en Markdown du contenu, en caractères."""

# Caractères invisibles ou de contrôle : contrôles C0 (sauf tabulation et fins de ligne) et C1,
# marques et surcharges du sens d'écriture (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069),
# espaces et jointures sans largeur (U+200B–U+200D, U+2060–U+2064, U+FEFF), séparateurs de ligne
# Unicode (U+2028, U+2029), étiquettes (U+E0000–U+E007F) et blancs qui ne s'affichent pas.
INVISIBLES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def sans_invisible(texte: str) -> str:
    """Refuse un caractère invisible ou de contrôle (il cache ou retourne le texte affiché)."""
    m = INVISIBLES.search(texte)
    if m:
        code = ord(m.group())
        nom = unicodedata.name(m.group(), "caractère de contrôle").lower()
        raise ValueError(f"caractère invisible ou de contrôle U+{code:04X} ({nom}) en position {m.start() + 1} : "
                         "retaper le texte sans copier-coller depuis un traitement de texte")
    return texte


# Le référentiel et les déclinaisons de branche sont rendus tels quels par le moteur (Markdown du site,
# HTML permis) : leur texte, lui aussi proposé par pull request, ne doit contenir ni balise HTML ni lien
# vers autre chose qu'une adresse http(s) ou mailto (le texte des bonnes pratiques, lui, passe par
# l'assainisseur : models/pratique.py).
_BALISE = re.compile(r"<(?!https?://[^<>\s]+>)[A-Za-z!/?]")
_DESTINATION = re.compile(r"\]\(\s*<?\s*(?!https?://|mailto:)|^\s*\[[^\]]+\]:\s*<?\s*(?!https?://|mailto:)", re.M)


def sans_balise(texte: str) -> str:
    """Refuse une balise HTML, un commentaire, ou un lien Markdown vers autre chose que http(s) ou mailto."""
    if _BALISE.search(texte):
        raise ValueError("balise HTML non permise (« <… ») : écrire le texte en Markdown ; un lien s'écrit "
                         "[texte](https://…) ou <https://…>")
    if _DESTINATION.search(texte):
        raise ValueError("lien non permis : seules les adresses https://, http:// ou mailto: sont acceptées "
                         "([texte](https://…))")
    return texte


Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXTE_MAX),
                  AfterValidator(sans_invisible), AfterValidator(sans_balise)]
"""Texte non vide (les blancs de début et de fin sont retirés), 2 000 caractères au plus, sans caractère
invisible ni balise HTML."""

Markdown = Annotated[str, StringConstraints(min_length=1, max_length=MARKDOWN_MAX), AfterValidator(sans_invisible),
                     AfterValidator(sans_balise)]
"""Texte en Markdown, rendu tel quel après assainissement (20 000 caractères au plus)."""

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

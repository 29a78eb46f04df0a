"""Le fichier content/referentiel.yml : édition, engagements, gouvernance."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from referentiel_rso.models.base import Markdown, Modele, NoteEditoriale, NumeroOdd, Texte


class Edition(Modele):
    titre: Texte = Field(description="Titre de la publication (« Responsables au quotidien »).")
    sous_titre: Texte
    editeur: Texte = Field(description="Organisme éditeur (Ucanss).")
    date: Texte = Field(description="Date d'édition telle qu'imprimée (ex. « Décembre 2019 »).")
    date_diffusion: Optional[Texte] = Field(None, description="Date de diffusion annoncée.")
    directeur_publication: Optional[Texte] = None
    chiffres_cles: dict[str, int] = Field(
        description="Chiffres annoncés par la publication (engagements, enjeux, objectifs, indicateurs P1)."
    )


class Engagement(Modele):
    numero: int = Field(ge=1, le=5)
    slug: Texte = Field(pattern=r"^[a-z0-9-]+$", description="Partie lisible de l'URL.")
    titre: Texte = Field(description="Intitulé de l'engagement, en casse normale.")
    domaine: Texte = Field(description="Domaine de responsabilité (Gouvernance, Social…).")
    introduction: Markdown
    notes: list[NoteEditoriale] = []


class Role(Modele):
    nom: Texte
    sigle: Optional[Texte] = None
    description: Optional[Markdown] = None
    missions: list[Texte] = []


class SyntheseOdd(Modele):
    domaine: Texte
    odd: list[NumeroOdd]


class Section(Modele):
    titre: Texte
    texte: Markdown


class Referentiel(Modele):
    edition: Edition
    editorial: Optional[Section] = None
    preambule: list[Section] = Field(description="Sections du préambule, dans l'ordre de la publication.")
    engagements: list[Engagement]
    gouvernance: list[Role] = Field(description="Partage des responsabilités dans le pilotage du référentiel.")
    synthese_odd: list[SyntheseOdd] = Field(description="Page « Un référentiel en cohérence avec les ODD ».")
    legende_categories: dict[str, Texte] = Field(description="Sens des catégories P1 / P2 (annexe).")
    notes: list[NoteEditoriale] = []

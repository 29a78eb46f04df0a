"""Un fichier content/enjeux/<id>-<slug>.yml : la fiche d'un enjeu."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from referentiel_rso.models.base import IdEnjeu, IdIndicateur, IdObjectif, Markdown, Modele, NoteEditoriale, NumeroOdd, Texte


class ReferenceIso(Modele):
    question: Literal[
        "gouvernance", "droits-homme", "relations-travail", "environnement",
        "loyaute-pratiques", "consommateurs", "communautes",
    ] = Field(description="Identifiant de la question centrale (data/iso26000.yml).")
    clause: Optional[Texte] = Field(None, description="Paragraphe cité (ex. « 6.2 », « 7.4.3 »), s'il y en a un.")


class Iso26000(Modele):
    texte: Texte = Field(description="La référence telle qu'écrite dans la fiche.")
    references: list[ReferenceIso] = Field(min_length=1)


class ContributionOdd(Modele):
    numero: NumeroOdd
    libelle: Texte = Field(description="Libellé cité par la fiche, tel qu'écrit.")
    cibles: list[Texte] = Field([], description="Cibles citées entre parenthèses (ex. « 8.5 »).")


class Reference(Modele):
    titre: Markdown = Field(description="Intitulé de la référence, tel qu'écrit (Markdown simple).")
    date: Optional[Texte] = Field(None, description="Date de la référence telle qu'écrite, si elle en a une.")
    lien: Optional[Texte] = Field(None, description="Adresse donnée par la fiche (http, https).")


class GroupeReferences(Modele):
    titre: Optional[Texte] = Field(None, description="Intertitre (« Réglementaires », « Soft law »…), s'il y en a un.")
    references: list[Reference] = Field(min_length=1)


class PartiesPrenantes(Modele):
    introduction: Texte
    liste: list[Texte] = Field(min_length=1)


class Objectif(Modele):
    id: IdObjectif
    intitule: Texte = Field(description="Intitulé tel qu'écrit dans la fiche.")
    intitule_annexe: Optional[Texte] = Field(
        None, description="Intitulé du tableau des indicateurs, s'il diffère de la fiche."
    )
    groupe: Optional[Texte] = Field(None, description="Intertitre sous lequel la fiche range l'objectif (ex. « En interne »).")


class SousGroupeActions(Modele):
    intitule: Texte
    actions: list[Markdown] = []
    texte: Optional[Markdown] = None


class GroupeActions(Modele):
    objectif: Optional[IdObjectif] = Field(None, description="Objectif auquel le groupe se rattache, s'il est dit.")
    intitule: Optional[Texte] = Field(None, description="Intitulé du groupe (« Afin de … : »), s'il y en a un.")
    actions: list[Markdown] = []
    sous_groupes: list[SousGroupeActions] = []
    texte: Optional[Markdown] = None


class Indicateur(Modele):
    id: IdIndicateur
    intitule: Texte
    categorie: Optional[Literal["P1", "P2"]] = Field(
        description="P1 (affiché dans le référentiel) ou P2 (optionnel) ; vide si la source ne permet pas de le dire."
    )
    objectif: Optional[IdObjectif] = Field(
        None, description="Objectif de rattachement, vide si le tableau ne permet pas de le dire."
    )
    precision: Optional[Markdown] = Field(None, description="Note de bas de tableau attachée à l'indicateur.")
    unite: Optional[Texte] = Field(
        None, description="Unité de la valeur d'un organisme, quand la source l'écrit (« m³ », « tonnes »…) ; vide sinon."
    )


class EntreeGlossaire(Modele):
    terme: Texte
    definition: Markdown


class Enjeu(Modele):
    id: IdEnjeu
    engagement: int = Field(ge=1, le=5)
    slug: Texte = Field(pattern=r"^[a-z0-9-]+$", description="Partie lisible de l'URL et du nom de fichier.")
    titre: Texte
    titre_court: Optional[Texte] = Field(None, description="Intitulé abrégé du tableau des indicateurs, s'il diffère.")
    iso26000: Iso26000
    odd: list[ContributionOdd] = Field(min_length=1)
    references_titre: Texte = Field(description="Intitulé de la rubrique des références, tel qu'écrit.")
    references: list[GroupeReferences] = []
    de_quoi_s_agit_il: Markdown
    parties_prenantes: PartiesPrenantes
    objectifs: list[Objectif] = Field(min_length=1)
    actions_types: list[GroupeActions] = Field(min_length=1)
    indicateurs: list[Indicateur] = []
    commentaire: Optional[Markdown] = None
    glossaire: list[EntreeGlossaire] = []
    notes: list[NoteEditoriale] = Field([], description="Incohérences de la source, signalées sans être tranchées.")

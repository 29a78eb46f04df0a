"""Un fichier content/declinaisons/<branche>.yml : la déclinaison du référentiel par une branche.

Une branche (Assurance Maladie, Famille, Retraite, Recouvrement, MSA…) ajoute sa déclinaison par ce
seul fichier : ses actions nationales et locales par enjeu, ses indicateurs de branche, les valeurs
qu'elle publie. Aucune ligne de code n'est à écrire.
"""
from __future__ import annotations

import datetime
from typing import Annotated, Literal, Optional, Union

from pydantic import Field, PrivateAttr, StringConstraints

from referentiel_rso import formats
from referentiel_rso.models.base import IdEnjeu, IdIndicateur, Markdown, Modele, NoteEditoriale, Texte

IdBranche = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
IdIndicateurBranche = Annotated[str, StringConstraints(pattern=r"^[1-5]\.[1-9]-[a-z][a-z0-9]*(-[a-z0-9]+)+$")]
"""Indicateur propre à une branche : id de l'enjeu, sigle de la branche, mot-clé (ex. « 3.3-am-flotte »)."""
IdIndicateurQuelconque = Annotated[str, StringConstraints(pattern=r"^[1-5]\.[1-9]-[a-z0-9]+(-[a-z0-9]+)*$")]
"""Indicateur du référentiel (« 3.2-i1 ») ou indicateur de branche (« 3.3-am-flotte »)."""
Annee = Annotated[int, Field(ge=1990, le=2100)]
Nombre = Union[int, float, Texte]


def enjeu_de_indicateur(id_: str) -> str:
    """L'enjeu d'un indicateur se lit dans son id : « 3.2-i1 » → « 3.2 »."""
    return id_.split("-", 1)[0]


class ChiffreIntroduction(Modele):
    libelle: Texte = Field(description="Ce que mesure le chiffre, tel que le dit la source.")
    valeur: Nombre = Field(description="Le nombre (73.48), ou le texte tel qu'écrit s'il n'est pas univoque.")
    unite: Optional[Texte] = Field(None, description="Unité (« % », « kWh »…).")
    annee: Optional[Annee] = Field(None, description="Année du chiffre, vide si la source n'en donne pas.")
    note: Optional[Texte] = Field(None, description="Précision ou ambiguïté de la source.")


class Introduction(Modele):
    texte: Markdown = Field(description="Texte d'introduction du document de la branche.")
    chiffres: list[ChiffreIntroduction] = Field([], description="Chiffres cités par l'introduction.")


class Action(Modele):
    texte: Markdown = Field(description="L'action, telle qu'écrite.")
    etiquettes: list[Texte] = Field(
        [], description="Rattachements affichés par la source (« action SDRH », « action-socle PSQVT »…)."
    )
    theme: Optional[Texte] = Field(
        None, description="Thème sous lequel la source range l'action ; doit figurer dans `themes` de l'enjeu."
    )


class Perspective(Modele):
    titre: Texte = Field(description="Intitulé de la rubrique (« Perspectives en sortie de crise »…).")
    sous_titre: Optional[Texte] = None
    texte: Markdown


class Exemple(Modele):
    titre: Texte
    texte: Markdown


class DeclinaisonEnjeu(Modele):
    enjeu: IdEnjeu = Field(description="Enjeu du référentiel décliné (1.1 … 5.2).")
    intitule: Optional[Texte] = Field(None, description="Intitulé de l'enjeu tel que l'écrit la branche, s'il diffère.")
    themes: list[Texte] = Field([], description="Thèmes listés par la source sous cet enjeu.")
    actions_nationales: list[Action] = []
    actions_locales: list[Action] = []
    perspectives: list[Perspective] = []
    exemples: list[Exemple] = []
    notes: list[NoteEditoriale] = []

    def actions(self, niveau: Literal["nationales", "locales"]) -> list[Action]:
        return list(self.actions_nationales if niveau == "nationales" else self.actions_locales)


class DeclinaisonEngagement(Modele):
    """Ce que la source rattache à un engagement entier, sans le répartir entre ses enjeux."""

    engagement: int = Field(ge=1, le=5)
    perspectives: list[Perspective] = []
    exemples: list[Exemple] = []
    notes: list[NoteEditoriale] = []


class IndicateurBranche(Modele):
    id: IdIndicateurBranche = Field(description="Id stable : enjeu, sigle de la branche, mot-clé (« 3.4-am-eau »).")
    intitule: Texte
    enjeu: IdEnjeu
    unite: Optional[Texte] = None
    correspond_a: Optional[IdIndicateur] = Field(
        None, description="Indicateur du référentiel de même intitulé (P2 repris par la branche), s'il y en a un."
    )
    note: Optional[Texte] = None


class Valeur(Modele):
    indicateur: Optional[IdIndicateurQuelconque] = Field(
        None, description="Indicateur du référentiel ou de la branche ; vide si la source ne permet pas de le dire."
    )
    indicateurs_possibles: list[IdIndicateurQuelconque] = Field(
        [], description="Quand la source ne permet pas d'attribuer la valeur : les indicateurs auxquels elle peut appartenir."
    )
    libelle: Optional[Texte] = Field(None, description="Libellé tel qu'écrit à côté de la valeur.")
    valeur: Nombre = Field(description="Le nombre (255834078, 73.48), ou le texte tel qu'écrit s'il n'est pas univoque.")
    unite: Optional[Texte] = Field(None, description="Unité telle que publiée (« % », « kWh », « tonnes »…).")
    annee: Optional[Annee] = Field(None, description="Année de la valeur ; vide si la source n'en donne pas (note obligatoire).")
    note: Optional[Texte] = Field(None, description="Ambiguïté ou précision de la source.")

    @property
    def indicateurs(self) -> list[str]:
        """Indicateur certain, ou indicateurs possibles."""
        return [self.indicateur] if self.indicateur else list(self.indicateurs_possibles)

    @property
    def certaine(self) -> bool:
        return self.indicateur is not None

    @property
    def numerique(self) -> bool:
        return isinstance(self.valeur, (int, float)) and not isinstance(self.valeur, bool)

    @property
    def affichage(self) -> str:
        """Valeur à la française (255 834 078 ; 73,48), unité comprise."""
        texte = format_nombre(self.valeur)
        if not self.unite:
            return texte
        return f"{texte}\u202f%" if self.unite == "%" else f"{texte}\u00a0{self.unite}"


class GroupeAppui(Modele):
    titre: Texte = Field(description="Rubrique (« Communication », « Outils »…).")
    elements: list[Markdown] = Field(min_length=1)


class Declinaison(Modele):
    branche: IdBranche = Field(description="Id court de la branche ; le fichier s'appelle <branche>.yml.")
    nom: Texte = Field(description="Nom affiché, titre de l'onglet des fiches (« Assurance Maladie »).")
    titre: Texte = Field(description="Titre du document de la branche.")
    sous_titre: Optional[Texte] = None
    date: datetime.date = Field(description="Date du document (AAAA-MM-JJ).")
    source: Texte = Field(description="Le document : auteur, occasion, forme.")
    lien: Optional[Texte] = Field(None, description="Adresse publique du document, s'il y en a une.")
    introduction: Introduction
    presentation: Optional[Markdown] = Field(None, description="Présentation de la démarche de la branche.")
    enjeux: list[DeclinaisonEnjeu] = Field(min_length=1, description="Un bloc par enjeu décliné, dans l'ordre.")
    engagements: list[DeclinaisonEngagement] = Field(
        [], description="Perspectives et exemples que la source rattache à un engagement entier."
    )
    indicateurs_branche: list[IndicateurBranche] = []
    valeurs: list[Valeur] = Field([], description="Chaque valeur publiée par la branche.")
    appui_reseau: list[GroupeAppui] = Field([], description="Outils et actions d'accompagnement du réseau.")
    notes: list[NoteEditoriale] = Field([], description="Ambiguïtés de la source, signalées sans être tranchées.")

    _fichier: str = PrivateAttr(default="")

    # --- accès -------------------------------------------------------------
    @property
    def date_texte(self) -> str:
        """La date en toutes lettres : « 7 septembre 2022 »."""
        return formats.date(self.date)

    @property
    def fichier(self) -> str:
        """Fichier YAML d'où vient la déclinaison (lien « modifier »)."""
        return self._fichier

    def pour_enjeu(self, id_enjeu: str) -> Optional[DeclinaisonEnjeu]:
        return next((e for e in self.enjeux if e.enjeu == id_enjeu), None)

    def pour_engagement(self, numero: int) -> Optional[DeclinaisonEngagement]:
        return next((e for e in self.engagements if e.engagement == numero), None)

    def indicateur_branche(self, id_: str) -> Optional[IndicateurBranche]:
        return next((i for i in self.indicateurs_branche if i.id == id_), None)

    def valeurs_enjeu(self, id_enjeu: str) -> list[Valeur]:
        return [v for v in self.valeurs if any(enjeu_de_indicateur(i) == id_enjeu for i in v.indicateurs)]

    def indicateurs_enjeu(self, id_enjeu: str) -> list[IndicateurBranche]:
        return [i for i in self.indicateurs_branche if i.enjeu == id_enjeu]


format_nombre = formats.nombre
"""Alias : le formateur de nombres du projet (referentiel_rso/formats.py)."""
"""Tables de référence de data/ : ODD et ISO 26000 (elles ne sont pas le contenu du référentiel)."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from referentiel_rso.models.base import Modele, NumeroOdd, Texte


class Odd(Modele):
    numero: NumeroOdd
    titre: Texte = Field(description="Titre court officiel en français.")
    intitule: Texte = Field(description="Intitulé complet officiel en français.")
    couleur: Texte = Field(pattern=r"^#[0-9A-F]{6}$", description="Couleur officielle (hexadécimal).")


class TableOdd(Modele):
    source: Texte
    odd: list[Odd] = Field(min_length=17, max_length=17)


class Clause(Modele):
    numero: Texte = Field(pattern=r"^[0-9]+(\.[0-9]+)*$")
    titre: Texte


class QuestionCentrale(Modele):
    id: Texte = Field(pattern=r"^[a-z-]+$")
    numero: Texte = Field(pattern=r"^6\.[2-8]$", description="Paragraphe de la norme (6.2 … 6.8).")
    titre: Texte
    domaines: list[Texte] = Field([], description="Domaines d'action de la norme pour cette question.")


class TableIso26000(Modele):
    source: Texte
    questions_centrales: list[QuestionCentrale] = Field(min_length=7, max_length=7)
    clauses: list[Clause] = Field(description="Autres paragraphes de la norme cités par le référentiel.")
    notes: Optional[list[Texte]] = None


class Abreviation(Modele):
    sigle: Texte = Field(description="Sigle tel qu'il apparaît dans les textes (ex. « QVT », « TPE/PME »).")
    definition: Texte = Field(description="Forme développée, affichée en infobulle.")
    source: Texte = Field(description="Où la forme développée est donnée (fiche, page) ou « usage courant ».")


class TableAbreviations(Modele):
    abreviations: list[Abreviation] = Field(min_length=1)


class Definition(Modele):
    terme: Texte
    sigle: Optional[Texte] = None
    definition: Texte
    source: Texte


class TableDefinitions(Modele):
    """Définitions DD / RSE / RSO reprises de la page « La politique RSO de l'Assurance Maladie »."""

    source: Texte
    definitions: list[Definition] = Field(min_length=1)


class DocumentSource(Modele):
    """Un document dont le référentiel est transcrit, cité dans le contenu par son code (« 004 »)."""

    code: Texte = Field(pattern=r"^[0-9]{3}$", description="Code à trois chiffres du document (dossier des sources).")
    titre: Texte = Field(description="Titre du document, tel qu'il est écrit en tête du document.")
    nature: Texte = Field(description="Publication, page web, interview, support de présentation…")
    auteur: Texte = Field(description="Organisme qui publie le document.")
    date: Optional[Texte] = Field(None, description="Date de publication, telle que le document la donne.")


class TableSources(Modele):
    documents: list[DocumentSource] = Field(min_length=1)

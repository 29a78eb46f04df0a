"""Modèles typés du contenu : un module par sorte de fichier YAML."""
from referentiel_rso.models.enjeu import Enjeu
from referentiel_rso.models.reference import TableAbreviations, TableDefinitions, TableIso26000, TableOdd
from referentiel_rso.models.referentiel import Referentiel

__all__ = ["Enjeu", "Referentiel", "TableAbreviations", "TableDefinitions", "TableIso26000", "TableOdd"]

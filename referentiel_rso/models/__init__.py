"""Modèles typés du contenu : un module par sorte de fichier YAML."""
from .enjeu import Enjeu
from .reference import TableAbreviations, TableDefinitions, TableIso26000, TableOdd
from .referentiel import Referentiel

__all__ = ["Enjeu", "Referentiel", "TableAbreviations", "TableDefinitions", "TableIso26000", "TableOdd"]

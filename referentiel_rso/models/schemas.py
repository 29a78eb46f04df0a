"""Schémas JSON des fichiers YAML, générés depuis les modèles (schemas/ est versionné)."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from referentiel_rso import models
from referentiel_rso.models.declinaison import Declinaison
from referentiel_rso.models.pratique import Pratique
from referentiel_rso.models.reference import TableSources

# fichier de schéma → modèle
SCHEMAS: dict[str, type[BaseModel]] = {
    "referentiel.schema.json": models.Referentiel,
    "enjeu.schema.json": models.Enjeu,
    "odd.schema.json": models.TableOdd,
    "iso26000.schema.json": models.TableIso26000,
    "abreviations.schema.json": models.TableAbreviations,
    "definitions.schema.json": models.TableDefinitions,
    "sources.schema.json": TableSources,
    "declinaison.schema.json": Declinaison,
    "pratique.schema.json": Pratique,
}


def generer() -> dict[str, str]:
    sortie = {}
    for nom, modele in SCHEMAS.items():
        schema = modele.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": nom, **schema}
        sortie[nom] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return sortie


def ecrire(dossier: Path) -> list[Path]:
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for nom, texte in generer().items():
        chemin = dossier / nom
        if not chemin.exists() or chemin.read_text(encoding="utf-8") != texte:
            chemin.write_text(texte, encoding="utf-8")
            ecrits.append(chemin)
    return ecrits

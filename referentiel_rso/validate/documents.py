"""Valider un document YAML lu contre son modèle typé : erreurs en français, avec leur ligne."""
from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from referentiel_rso.load.yaml_lignes import Document, lire_yaml, nom_champ
from referentiel_rso.validate.erreurs import Erreur
from referentiel_rso.validate.messages import message

M = TypeVar("M", bound=BaseModel)


def valider_document(doc: Document, modele: type[M]) -> tuple[M | None, list[Erreur]]:
    """Valide un document lu contre son modèle ; erreurs en français, avec leur ligne."""
    try:
        return modele.model_validate(doc.donnees), []
    except ValidationError as exc:
        erreurs = []
        for e in exc.errors(include_url=False):
            loc = tuple(e["loc"])
            erreurs.append(Erreur(doc.fichier, doc.ligne(loc), nom_champ(loc), message(e, modele)))
        return None, erreurs


def lire_et_valider(chemin: Path, racine: Path, modele: type[M]) -> tuple[M | None, Document | None, list[Erreur]]:
    doc, erreurs = lire_yaml(chemin, racine)
    if doc is None:
        return None, None, erreurs
    objet, erreurs_modele = valider_document(doc, modele)
    return objet, doc, erreurs + erreurs_modele

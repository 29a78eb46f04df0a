"""Données ouvertes (referentiel_rso/exports.py) : JSON valides contre leurs schémas, contenu complet."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Optional

import jsonschema
import pytest
from pydantic import BaseModel

from referentiel_rso.build import exports
from referentiel_rso.catalogue.charger import charger

RACINE = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def catalogue():
    return charger(RACINE)


@pytest.fixture(scope="module")
def dossier(catalogue, tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("donnees")
    exports.ecrire_catalogue(catalogue, d)
    return d


def _lire(chemin: Path):
    return json.loads(chemin.read_text(encoding="utf-8"))


def test_referentiel_valide_contre_son_schema(dossier):
    schema = _lire(dossier / "referentiel.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(_lire(dossier / "referentiel.json"))


def test_referentiel_complet(dossier, catalogue):
    donnees = _lire(dossier / "referentiel.json")
    assert len(donnees["enjeux"]) == 15
    assert [e["id"] for e in donnees["enjeux"]] == [e.id for e in catalogue.enjeux]
    assert len(donnees["referentiel"]["engagements"]) == 5
    assert sum(len(e["objectifs"]) for e in donnees["enjeux"]) == len(catalogue.objectifs)
    assert sum(len(e["indicateurs"]) for e in donnees["enjeux"]) == len(catalogue.indicateurs)
    assert len(donnees["odd"]["odd"]) == 17
    assert "Licence Ouverte" in donnees["licence"]["nom"]


def test_schema_refuse_une_donnee_alteree(dossier):
    """Le schéma n'est pas une coquille vide : une clé inconnue ou un enjeu mal formé sont refusés."""
    schema = _lire(dossier / "referentiel.schema.json")
    validateur = jsonschema.Draft202012Validator(schema)
    donnees = _lire(dossier / "referentiel.json")
    donnees["enjeux"][0]["cle_inconnue"] = 1
    assert not validateur.is_valid(donnees)
    donnees = _lire(dossier / "referentiel.json")
    donnees["enjeux"][0]["id"] = "9.9.9"
    assert not validateur.is_valid(donnees)


def test_sortie_deterministe(catalogue, dossier, tmp_path):
    exports.ecrire_catalogue(catalogue, tmp_path)
    for f in dossier.iterdir():
        assert (tmp_path / f.name).read_bytes() == f.read_bytes(), f.name


def test_fichiers_des_pratiques_selon_le_contenu(catalogue, dossier):
    attendu = {"referentiel.json", "referentiel.schema.json"}
    if catalogue.pratiques:
        attendu |= {"bonnes-pratiques.json", "bonnes-pratiques.schema.json", "bonnes-pratiques.csv",
                    "bonnes-pratiques.tableschema.json", "bonnes-pratiques.geojson"}
    assert {f.name for f in dossier.iterdir()} == attendu


# --- bonnes pratiques, sur des pratiques factices (le format ne dépend pas du contenu publié) ---------
class Point(BaseModel):
    latitude: float
    longitude: float


class Organisme(BaseModel):
    nom: str
    branche: str


class PratiqueFactice(BaseModel):
    id: str
    titre: str
    resume: str
    organisme: Organisme
    enjeux: list[str]
    odd: list[int]
    point: Optional[Point] = None


@pytest.fixture
def catalogue_avec_pratiques(catalogue):
    pratiques = (
        PratiqueFactice(id="BP-0001", titre="Tri « zéro déchet », à l'accueil", resume="Résumé ; avec ; points-virgules",
                        organisme=Organisme(nom="Cpam de l'Eure", branche="maladie"), enjeux=["3.2", "5.1"],
                        odd=[12, 13], point=Point(latitude=49.02, longitude=1.15)),
        PratiqueFactice(id="BP-0002", titre="Sans point", resume="…", organisme=Organisme(nom="Caf", branche="famille"),
                        enjeux=["2.1"], odd=[5]),
    )
    return catalogue.avec(pratiques=pratiques)


def test_exports_des_pratiques(catalogue_avec_pratiques, tmp_path):
    exports.ecrire_catalogue(catalogue_avec_pratiques, tmp_path)
    # JSON + schéma
    schema = _lire(tmp_path / "bonnes-pratiques.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    pratiques = _lire(tmp_path / "bonnes-pratiques.json")
    jsonschema.Draft202012Validator(schema).validate(pratiques)
    assert [p["id"] for p in pratiques] == ["BP-0001", "BP-0002"]
    # le référentiel complet les contient aussi, et reste valide
    ref = _lire(tmp_path / "referentiel.json")
    jsonschema.Draft202012Validator(_lire(tmp_path / "referentiel.schema.json")).validate(ref)
    assert [p["id"] for p in ref["pratiques"]] == ["BP-0001", "BP-0002"]
    # CSV : une ligne par pratique, colonnes aplaties, texte intact
    lignes = list(csv.DictReader(io.StringIO((tmp_path / "bonnes-pratiques.csv").read_text(encoding="utf-8"))))
    assert len(lignes) == 2
    assert lignes[0]["titre"] == "Tri « zéro déchet », à l'accueil"
    assert lignes[0]["organisme.nom"] == "Cpam de l'Eure"
    assert lignes[0]["enjeux"] == "3.2 ; 5.1"
    assert (lignes[0]["latitude"], lignes[0]["longitude"]) == ("49.02", "1.15")
    assert (lignes[1]["latitude"], lignes[1]["longitude"]) == ("", "")
    assert list(lignes[0])[:4] == ["id", "titre", "resume", "organisme.nom"]
    table = _lire(tmp_path / "bonnes-pratiques.tableschema.json")
    assert [c["name"] for c in table["fields"]] == list(lignes[0].keys())
    # GeoJSON : seules les pratiques localisées, coordonnées [longitude, latitude]
    geo = _lire(tmp_path / "bonnes-pratiques.geojson")
    assert geo["type"] == "FeatureCollection"
    assert [f["id"] for f in geo["features"]] == ["BP-0001"]
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [1.15, 49.02]}
    assert geo["features"][0]["properties"]["organisme.branche"] == "maladie"


def test_pratiques_dataclass(catalogue):
    @dataclasses.dataclass(frozen=True)
    class P:
        id: str
        titre: str
        point: Optional[tuple[float, float]] = None

    cat = catalogue.avec(pratiques=(P("BP-0001", "x", (48.85, 2.35)),))
    donnees, schema = exports.donnees_pratiques(cat)
    jsonschema.Draft202012Validator(schema).validate(donnees)
    geo = exports.pratiques_geojson(cat, donnees)
    assert geo["features"][0]["geometry"]["coordinates"] == [2.35, 48.85]


def test_site_construit_publie_les_donnees():
    """Le site construit (étape « donnees ») publie le référentiel et son schéma."""
    import mesures

    site = mesures.site_temporaire()
    donnees = _lire(site / "donnees" / "referentiel.json")
    jsonschema.Draft202012Validator(_lire(site / "donnees" / "referentiel.schema.json")).validate(donnees)
    assert len(donnees["enjeux"]) == 15

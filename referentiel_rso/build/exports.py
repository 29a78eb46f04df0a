"""Étape « donnees » : les données ouvertes, écrites dans le site sous donnees/.

- donnees/referentiel.json (+ referentiel.schema.json) : tout le référentiel (édition, engagements,
  enjeux avec objectifs, actions types, indicateurs, tables ODD et ISO 26000, et les bonnes pratiques et
  déclinaisons quand il y en a), tel que validé par les modèles ;
- quand il y a des bonnes pratiques : donnees/bonnes-pratiques.json (+ schéma JSON), .csv (+ schéma de
  table, Table Schema), .geojson (points des pratiques localisées).

Les schémas JSON sont générés depuis les mêmes modèles pydantic que la validation du contenu : un champ
ajouté au modèle apparaît dans l'export et dans son schéma sans autre code. Comme dans les fichiers YAML,
un champ facultatif laissé à sa valeur par défaut (vide) est omis ; le schéma donne cette valeur
(`default`) — c'est aussi ce qui garde valides les règles « tel champ n'est pas renseigné » des modèles.
Sortie déterministe (pas de date de génération) : deux constructions du même contenu donnent les mêmes
fichiers.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ConfigDict, Field, create_model

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.models import Enjeu, Referentiel, TableIso26000, TableOdd

DOSSIER = "donnees"
LICENCE = {
    "nom": "Licence Ouverte / Open Licence version 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "a_confirmer": "Licence proposée, à confirmer par l'éditeur (Ucanss).",
}
SCHEMA_JSON = "https://json-schema.org/draft/2020-12/schema"


# --------------------------------------------------------------------------------------------------
# modèles d'export (construits depuis les modèles du contenu)
# --------------------------------------------------------------------------------------------------
def _modele_de(objets: Iterable[Any]) -> type | None:
    """Le type des objets d'une collection (bonnes pratiques, déclinaisons) s'il est sérialisable par
    pydantic (modèle ou dataclass) et unique ; sinon None (la collection n'est pas exportée)."""
    types = {type(o) for o in objets}
    if len(types) == 1:
        (t,) = types
        if (isinstance(t, type) and issubclass(t, BaseModel)) or dataclasses.is_dataclass(t):
            return t
    return None


class _Licence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nom: str
    url: str
    a_confirmer: str | None = None


def modele_referentiel(catalogue: Catalogue) -> type[BaseModel]:
    champs: dict[str, Any] = {
        "titre": (str, Field(description="Nom du jeu de données.")),
        "licence": (_Licence, Field(description="Licence de réutilisation.")),
        "referentiel": (Referentiel, Field(description="Édition, préambule, engagements, gouvernance.")),
        "enjeux": (list[Enjeu], Field(description="Les fiches d'enjeu, dans l'ordre des identifiants.")),
        "odd": (TableOdd, Field(description="Les 17 objectifs de développement durable (table de référence).")),
        "iso26000": (TableIso26000, Field(description="Questions centrales et paragraphes de la norme ISO 26000.")),
    }
    pratique = _modele_de(catalogue.pratiques)
    if pratique is not None:
        champs["pratiques"] = (list[pratique], Field(description="Les bonnes pratiques des organismes."))
    declinaison = _modele_de(catalogue.declinaisons)
    if declinaison is not None:
        champs["declinaisons"] = (list[declinaison], Field(description="Les déclinaisons par branche."))
    return create_model(  # type: ignore[call-overload]
        "ReferentielRSO",
        __config__=ConfigDict(extra="forbid", title="Référentiel RSO de la Sécurité sociale"),
        **champs,
    )


def donnees_referentiel(catalogue: Catalogue) -> tuple[dict, dict]:
    """(données, schéma JSON) du référentiel complet."""
    modele = modele_referentiel(catalogue)
    valeurs: dict[str, Any] = {
        "titre": f"{catalogue.referentiel.edition.titre} — {catalogue.referentiel.edition.sous_titre}",
        "licence": LICENCE,
        "referentiel": catalogue.referentiel,
        "enjeux": list(catalogue.enjeux),
        "odd": catalogue.table_odd,
        "iso26000": catalogue.table_iso,
    }
    if "pratiques" in modele.model_fields:
        valeurs["pratiques"] = list(catalogue.pratiques)
    if "declinaisons" in modele.model_fields:
        valeurs["declinaisons"] = list(catalogue.declinaisons)
    donnees = modele.model_validate(valeurs).model_dump(mode="json", exclude_defaults=True)
    return donnees, _schema(modele, "referentiel.schema.json")


def _schema(modele: type[BaseModel] | Any, identifiant: str, **adapter: Any) -> dict:
    if isinstance(modele, type) and issubclass(modele, BaseModel):
        schema = modele.model_json_schema(mode="serialization")
    else:
        from pydantic import TypeAdapter

        schema = TypeAdapter(modele, **adapter).json_schema(mode="serialization")
    return {"$schema": SCHEMA_JSON, "$id": identifiant, **schema}


# --------------------------------------------------------------------------------------------------
# bonnes pratiques : JSON, CSV (une ligne par pratique), GeoJSON (pratiques localisées)
# --------------------------------------------------------------------------------------------------
def donnees_pratiques(catalogue: Catalogue) -> tuple[list[dict], dict]:
    modele = _modele_de(catalogue.pratiques)
    if modele is None:
        raise ValueError("les bonnes pratiques n'ont pas un type unique sérialisable (modèle pydantic ou dataclass)")
    from pydantic import TypeAdapter

    adaptateur = TypeAdapter(list[modele])
    donnees = adaptateur.dump_python(list(catalogue.pratiques), mode="json", exclude_defaults=True)
    schema = {"$schema": SCHEMA_JSON, "$id": "bonnes-pratiques.schema.json",
              "title": "Bonnes pratiques RSO des organismes de la Sécurité sociale",
              **adaptateur.json_schema(mode="serialization")}
    return donnees, schema


def _aplatir(valeur: Any, prefixe: str, ligne: dict[str, str]) -> None:
    """Une valeur JSON à plat pour le CSV : objets en « champ.sous_champ », listes jointes par « ; »."""
    if isinstance(valeur, dict):
        for cle, v in valeur.items():
            _aplatir(v, f"{prefixe}.{cle}" if prefixe else cle, ligne)
    elif isinstance(valeur, list):
        if all(not isinstance(v, (dict, list)) for v in valeur):
            ligne[prefixe] = " ; ".join("" if v is None else str(v) for v in valeur)
        else:
            ligne[prefixe] = json.dumps(valeur, ensure_ascii=False)
    elif valeur is None:
        ligne[prefixe] = ""
    elif isinstance(valeur, bool):
        ligne[prefixe] = "vrai" if valeur else "faux"
    else:
        ligne[prefixe] = str(valeur)


def _ordre_des_champs(objets: Iterable[Any]) -> list[str]:
    modele = _modele_de(objets)
    if modele is None:
        return []
    if isinstance(modele, type) and issubclass(modele, BaseModel):
        return list(modele.model_fields)
    return [f.name for f in dataclasses.fields(modele)]


def pratiques_csv(catalogue: Catalogue, donnees: list[dict]) -> tuple[str, dict]:
    """(texte CSV, schéma de table) : UTF-8, virgule, une ligne d'en-tête, une ligne par pratique.

    Colonnes dans l'ordre des champs du modèle ; le point de la carte en deux colonnes `latitude` et
    `longitude` (WGS 84) à la place de `point`."""
    lignes = []
    vues: list[str] = []
    for objet, pratique in zip(catalogue.pratiques, donnees):
        ligne: dict[str, str] = {}
        valeurs = dict(pratique)
        xy = _coordonnees(getattr(objet, "point", None))
        if "point" in valeurs or xy is not None:
            valeurs.pop("point", None)
            valeurs["latitude"] = xy[1] if xy else None
            valeurs["longitude"] = xy[0] if xy else None
        _aplatir(valeurs, "", ligne)
        for cle in ligne:
            if cle not in vues:
                vues.append(cle)
        lignes.append(ligne)
    ordre = _ordre_des_champs(catalogue.pratiques)
    if "point" in ordre:
        i = ordre.index("point")
        ordre[i:i + 1] = ["latitude", "longitude"]
    rang = {nom: i for i, nom in enumerate(ordre)}
    colonnes = sorted(vues, key=lambda c: (rang.get(c.split(".")[0], len(rang)), vues.index(c)))
    tampon = io.StringIO()
    ecrivain = csv.DictWriter(tampon, fieldnames=colonnes, lineterminator="\n", restval="")
    ecrivain.writeheader()
    ecrivain.writerows(lignes)
    schema_table = {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": "bonnes-pratiques",
        "title": "Bonnes pratiques RSO (une ligne par pratique)",
        "description": "Objets aplatis en « champ.sous_champ » ; listes de valeurs jointes par « ; » ; "
                       "listes d'objets en JSON ; point de la carte en latitude et longitude (WGS 84).",
        "fields": [{"name": c, "type": "number" if c in ("latitude", "longitude") else "string"} for c in colonnes],
    }
    if "id" in colonnes:
        schema_table["primaryKey"] = "id"
    return tampon.getvalue(), schema_table


def _coordonnees(point: Any) -> tuple[float, float] | None:
    """(longitude, latitude) d'un point, quelle que soit sa forme (objet, dict, couple lat/lon)."""
    if point is None:
        return None
    if isinstance(point, BaseModel):
        point = point.model_dump()
    if isinstance(point, dict):
        for lat, lon in (("latitude", "longitude"), ("lat", "lon"), ("lat", "lng")):
            if lat in point and lon in point and point[lat] is not None and point[lon] is not None:
                return float(point[lon]), float(point[lat])
        if "coordinates" in point:
            lon, lat = point["coordinates"][:2]
            return float(lon), float(lat)
        return None
    if isinstance(point, (list, tuple)) and len(point) == 2:
        lat, lon = point  # convention du contenu : (latitude, longitude)
        return float(lon), float(lat)
    return None


def pratiques_geojson(catalogue: Catalogue, donnees: list[dict]) -> dict:
    """FeatureCollection (RFC 7946) des pratiques qui ont un point ; propriétés = colonnes du CSV."""
    features = []
    for pratique, valeurs in zip(catalogue.pratiques, donnees):
        xy = _coordonnees(getattr(pratique, "point", None))
        if xy is None:
            continue
        proprietes: dict[str, str] = {}
        _aplatir({k: v for k, v in valeurs.items() if k != "point"}, "", proprietes)
        features.append({
            "type": "Feature",
            "id": valeurs.get("id"),
            "geometry": {"type": "Point", "coordinates": [round(xy[0], 6), round(xy[1], 6)]},
            "properties": proprietes,
        })
    return {"type": "FeatureCollection", "features": features}


# --------------------------------------------------------------------------------------------------
# écriture
# --------------------------------------------------------------------------------------------------
def _ecrire_json(chemin: Path, donnees: Any) -> None:
    chemin.write_text(json.dumps(donnees, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def ecrire_catalogue(catalogue: Catalogue, dossier: Path) -> list[Path]:
    """Écrit les fichiers de données ouvertes dans `dossier` ; renvoie les fichiers écrits."""
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits: list[Path] = []

    def ecrire(nom: str, contenu: Any) -> None:
        chemin = dossier / nom
        if isinstance(contenu, str):
            chemin.write_text(contenu, encoding="utf-8")
        else:
            _ecrire_json(chemin, contenu)
        ecrits.append(chemin)

    donnees, schema = donnees_referentiel(catalogue)
    ecrire("referentiel.json", donnees)
    ecrire("referentiel.schema.json", schema)
    if catalogue.pratiques:
        pratiques, schema_pratiques = donnees_pratiques(catalogue)
        ecrire("bonnes-pratiques.json", pratiques)
        ecrire("bonnes-pratiques.schema.json", schema_pratiques)
        texte_csv, schema_table = pratiques_csv(catalogue, pratiques)
        ecrire("bonnes-pratiques.csv", texte_csv)
        ecrire("bonnes-pratiques.tableschema.json", schema_table)
        ecrire("bonnes-pratiques.geojson", pratiques_geojson(catalogue, pratiques))
    return ecrits


def ecrire(racine: Path, dossier_site: Path) -> None:
    """L'étape de construction : charge le catalogue validé et écrit donnees/ dans le site."""
    from referentiel_rso.catalogue.charger import charger

    catalogue = charger(racine)
    ecrire_catalogue(catalogue, Path(dossier_site) / DOSSIER)

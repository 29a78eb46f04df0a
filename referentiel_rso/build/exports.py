"""Étape « donnees » : les données ouvertes, écrites dans le site sous donnees/.

- donnees/referentiel.json (+ referentiel.schema.json) : tout le référentiel (édition, engagements,
  enjeux avec objectifs, actions types, indicateurs, tables ODD et ISO 26000, et les bonnes pratiques et
  déclinaisons quand il y en a), tel que validé par les modèles ;
- quand il y a des bonnes pratiques : donnees/bonnes-pratiques.json (+ schéma JSON), .csv (+ schéma de
  table, Table Schema), .geojson (points des pratiques localisées) ;
- donnees/indicateurs.csv (+ schéma de table) : une ligne par indicateur et par valeur publiée par une
  branche (déclinaisons), une ligne sans valeur pour un indicateur qui n'en a pas.

Les CSV sont écrits comme un tableur français les ouvre : UTF-8 avec BOM, séparateur « ; », fin de ligne
CRLF, nombres décimaux avec une virgule ; des libellés à côté des codes (région, branche, enjeu), du
texte brut (ni HTML ni JSON dans une cellule), l'adresse publique de chaque page. Une cellule de texte
qui commence par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot est précédée d'une apostrophe
(recommandation OWASP « CSV injection ») : le tableur l'affiche comme du texte, jamais comme une formule.
Tout JSON est écrit strict (`allow_nan=False`).

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


# --------------------------------------------------------------------------------------------------
# CSV pour tableur français
# --------------------------------------------------------------------------------------------------
SEPARATEUR = ";"
BOM = "\ufeff"
DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def cellule(valeur: Any) -> str:
    """Une valeur en cellule de CSV : nombres en notation française (virgule décimale), booléens en
    oui / non, texte neutralisé s'il pourrait être lu comme une formule (apostrophe en tête)."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, float):
        if valeur != valeur or valeur in (float("inf"), float("-inf")):
            raise ValueError("valeur non finie dans un CSV")
        return repr(valeur).replace(".", ",") if valeur != int(valeur) or abs(valeur) >= 1e16 else str(int(valeur))
    texte = str(valeur)
    if texte.startswith(DEBUTS_DE_FORMULE):
        return "'" + texte
    return texte


def ecrire_csv(colonnes: list[str], lignes: Iterable[Iterable[Any]]) -> str:
    """Texte CSV pour tableur français : BOM, « ; », CRLF, chaque cellule passée par `cellule`."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=SEPARATEUR, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    ecrivain.writerow([cellule(c) for c in colonnes])
    for ligne in lignes:
        ecrivain.writerow([cellule(v) for v in ligne])
    return BOM + tampon.getvalue()


def _table_schema(nom: str, titre: str, description: str, colonnes: list[tuple[str, str, str]],
                  cle: str | None = None) -> dict:
    schema = {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": nom, "title": titre, "description": description,
        "dialect": {"delimiter": SEPARATEUR, "lineTerminator": "\r\n", "header": True},
        "fields": [{"name": c, "type": t, "description": d,
                    **({"decimalChar": ","} if t == "number" else {})} for c, t, d in colonnes],
    }
    if cle:
        schema["primaryKey"] = cle
    return schema


def adresse_du_site(racine: Path) -> str:
    """L'adresse publique du site (`site_url` de mkdocs.yml, qui lit SITE_URL), terminée par « / »."""
    from referentiel_rso import config

    adresse = str(config.lire(racine).get("site_url") or "")
    return adresse if adresse.endswith("/") or not adresse else adresse + "/"


def adresse_publique(site: str, page: str | None) -> str:
    """L'adresse publique d'une page (« …/bonnes-pratiques/pratiques/BP-0001-x/ »), pas son `index.md`."""
    if not page:
        return ""
    chemin = page.removesuffix("index.md").removesuffix(".md")
    if page.endswith(".md") and not page.endswith("index.md"):
        chemin += "/"
    return site + chemin


COLONNES_PRATIQUES: list[tuple[str, str, str]] = [
    ("id", "string", "Identifiant stable (BP-0001)."),
    ("titre", "string", "Titre court."),
    ("resume", "string", "Résumé."),
    ("description", "string", "Description, en texte brut."),
    ("organisme", "string", "Organisme porteur."),
    ("branche", "string", "Branche (code)."),
    ("branche_libelle", "string", "Branche (libellé)."),
    ("partenaires", "string", "Organismes associés, séparés par « | »."),
    ("portee", "string", "Portée (territoriale, nationale, non-precisee)."),
    ("region", "string", "Région (code INSEE)."),
    ("region_nom", "string", "Région (nom)."),
    ("departement", "string", "Département (code INSEE)."),
    ("departement_nom", "string", "Département (nom)."),
    ("commune", "string", "Commune (code INSEE)."),
    ("commune_nom", "string", "Commune (nom)."),
    ("latitude", "number", "Latitude du point de la carte (WGS 84)."),
    ("longitude", "number", "Longitude du point de la carte (WGS 84)."),
    ("point_precis", "string", "oui : lieu indiqué par l'organisme ; non : point de référence du territoire."),
    ("annee", "integer", "Année de lancement ou de réalisation."),
    ("enjeux", "string", "Enjeux (codes), séparés par « | »."),
    ("enjeux_titres", "string", "Enjeux (codes et titres), séparés par « | »."),
    ("objectifs", "string", "Objectifs (code et intitulé), séparés par « | »."),
    ("engagements", "string", "Engagements (numéros), séparés par « | »."),
    ("odd", "string", "ODD (numéros), séparés par « | »."),
    ("resultats", "string", "Résultats (texte ; indicateur = valeur unité, année), séparés par « | »."),
    ("distinctions", "string", "Prix reçus, séparés par « | »."),
    ("sources", "string", "Sources (titre, adresse), séparées par « | »."),
    ("statut", "string", "État (proposee, validee)."),
    ("statut_libelle", "string", "État (libellé)."),
    ("adresse", "string", "Adresse publique de la page de la pratique."),
]


def _joindre(valeurs: Iterable[Any]) -> str:
    return " | ".join(str(v) for v in valeurs if v not in (None, ""))


def _objectif(catalogue: Catalogue, code: str | None) -> str:
    """« 2.3.1 Accompagner les salariés… » : le code seul (« 2.3.1 ») serait lu comme une date
    (1er mars 2001) par un tableur français ; suivi de son intitulé, il reste du texte."""
    if not code:
        return ""
    objectif = catalogue.objectif(code)
    return f"{code} {objectif.intitule}" if objectif else str(code)


def _ligne_pratique(p: Any, catalogue: Catalogue, site: str) -> list[Any]:
    from referentiel_rso.assainir import texte_brut
    from referentiel_rso.models.pratique import BRANCHES, ETATS

    ter = catalogue.territoires
    region = ter.region(getattr(p, "region", None)) if ter else None
    departement = ter.departement(getattr(p, "departement", None)) if ter else None
    code_commune = getattr(getattr(p, "territoire", None), "commune", None)
    commune = ter.commune(code_commune) if ter and code_commune else None
    xy = _coordonnees(getattr(p, "point", None))

    titres = {e.id: e.titre for e in catalogue.enjeux}
    resultats = []
    for r in getattr(p, "resultats", []) or []:
        morceaux = [texte_brut(r.texte)] if getattr(r, "texte", None) else []
        if getattr(r, "indicateur", None):
            mesure = f"{r.indicateur} = {cellule(r.valeur)}" + (f" {r.unite}" if r.unite else "")
            morceaux.append(mesure + (f" ({r.annee})" if r.annee else ""))
        resultats.append(" ; ".join(morceaux))
    distinctions = [d.intitule + (f" {d.annee}" if d.annee else "") + (f" ({d.precision})" if d.precision else "")
                    for d in getattr(p, "distinctions", []) or []]
    sources = [s.titre + (f", {s.url}" if s.url else "") + (f", {s.date}" if s.date else "")
               for s in getattr(p, "sources", []) or []]
    etat = p.statut.etat if getattr(p, "statut", None) else None
    organisme = getattr(p, "organisme", "")
    branche = getattr(p, "branche", None) or getattr(organisme, "branche", None)
    if not isinstance(organisme, str):  # forme objet (nom, branche) d'autres modèles
        organisme = getattr(organisme, "nom", "")
    return [
        p.id, texte_brut(p.titre), texte_brut(getattr(p, "resume", "")), texte_brut(getattr(p, "description", None)),
        organisme, branche, BRANCHES.get(branche or "", ""),
        _joindre(getattr(p, "partenaires", []) or []), getattr(p, "portee", None),
        region.code if region else getattr(p, "region", None), region.nom if region else "",
        departement.code if departement else getattr(p, "departement", None), departement.nom if departement else "",
        code_commune, commune.nom if commune else "",
        round(xy[1], 6) if xy else None, round(xy[0], 6) if xy else None,
        (bool(getattr(p, "point_precis", False)) if xy else None),
        getattr(p, "annee", None),
        _joindre(p.enjeux), _joindre(f"{e} {titres.get(e, '')}".strip() for e in p.enjeux),
        _joindre(_objectif(catalogue, o) for o in getattr(p, "objectifs", []) or []),
        _joindre(getattr(p, "engagements", []) or []),
        _joindre(getattr(p, "odd", []) or []),
        _joindre(resultats), _joindre(distinctions), _joindre(sources),
        etat, ETATS.get(etat or "", ""), adresse_publique(site, getattr(p, "page", None)),
    ]


def pratiques_csv(catalogue: Catalogue, donnees: list[dict] | None = None, site: str | None = None) -> tuple[str, dict]:
    """(texte CSV, schéma de table) : une ligne par pratique, pour un tableur français."""
    site = adresse_du_site(catalogue.racine) if site is None else site
    colonnes = [c for c, _, _ in COLONNES_PRATIQUES]
    texte = ecrire_csv(colonnes, (_ligne_pratique(p, catalogue, site) for p in catalogue.pratiques))
    schema = _table_schema(
        "bonnes-pratiques", "Bonnes pratiques RSO (une ligne par pratique)",
        "UTF-8 avec BOM, séparateur « ; », virgule décimale ; listes séparées par « | » ; texte brut. "
        "Une cellule de texte commençant par = + - @ est précédée d'une apostrophe (pas de formule).",
        COLONNES_PRATIQUES, cle="id")
    return texte, schema


COLONNES_INDICATEURS: list[tuple[str, str, str]] = [
    ("id", "string", "Identifiant de l'indicateur (ex. 3.3.a)."),
    ("intitule", "string", "Intitulé de l'indicateur."),
    ("categorie", "string", "P1 (affiché dans le référentiel) ou P2 (optionnel)."),
    ("enjeu", "string", "Enjeu (code)."),
    ("enjeu_titre", "string", "Enjeu (titre)."),
    ("objectif", "string", "Objectif de rattachement (code et intitulé)."),
    ("branche", "string", "Branche qui publie la valeur (code de la déclinaison)."),
    ("branche_nom", "string", "Branche qui publie la valeur (nom)."),
    ("valeur", "number", "Valeur publiée (nombre), vide si l'indicateur n'a pas de valeur publiée."),
    ("valeur_texte", "string", "Valeur telle qu'écrite quand elle n'est pas un nombre univoque."),
    ("unite", "string", "Unité de la valeur."),
    ("annee", "integer", "Année de la valeur."),
    ("attribution", "string", "certaine : la source attribue la valeur à l'indicateur ; possible : à l'un de plusieurs."),
    ("note", "string", "Précision ou ambiguïté de la source."),
]


def indicateurs_csv(catalogue: Catalogue) -> tuple[str, dict]:
    """(texte CSV, schéma de table) : une ligne par indicateur et par valeur publiée (déclinaisons)."""
    lignes = []
    for enjeu, ind in catalogue.indicateurs:
        debut = [ind.id, ind.intitule, ind.categorie, enjeu.id, enjeu.titre, _objectif(catalogue, ind.objectif)]
        valeurs = [(d, v) for d in catalogue.declinaisons for v in d.valeurs if ind.id in v.indicateurs]
        if not valeurs:
            lignes.append(debut + [None] * (len(COLONNES_INDICATEURS) - len(debut)))
        for d, v in valeurs:
            nombre = v.valeur if v.numerique else None
            lignes.append(debut + [d.branche, d.nom, nombre, None if v.numerique else v.valeur, v.unite, v.annee,
                                   "certaine" if v.certaine else "possible", v.note])
    texte = ecrire_csv([c for c, _, _ in COLONNES_INDICATEURS], lignes)
    schema = _table_schema(
        "indicateurs", "Indicateurs du référentiel RSO et valeurs publiées par les branches",
        "Une ligne par indicateur et par valeur publiée ; UTF-8 avec BOM, séparateur « ; », virgule décimale.",
        COLONNES_INDICATEURS)
    return texte, schema


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


def pratiques_geojson(catalogue: Catalogue, donnees: list[dict], site: str | None = None) -> dict:
    """FeatureCollection (RFC 7946) des pratiques qui ont un point ; propriétés = celles du JSON à plat,
    sans le HTML (`description_html`), avec `adresse`, l'adresse publique de la page."""
    site = adresse_du_site(catalogue.racine) if site is None else site
    features = []
    for pratique, valeurs in zip(catalogue.pratiques, donnees):
        xy = _coordonnees(getattr(pratique, "point", None))
        if xy is None:
            continue
        proprietes: dict[str, str] = {}
        _aplatir({k: v for k, v in valeurs.items() if k not in ("point", "description_html")}, "", proprietes)
        proprietes["adresse"] = adresse_publique(site, getattr(pratique, "page", None))
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
    chemin.write_text(json.dumps(donnees, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8")


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
        site = adresse_du_site(catalogue.racine)
        texte_csv, schema_table = pratiques_csv(catalogue, pratiques, site)
        ecrire("bonnes-pratiques.csv", texte_csv)
        ecrire("bonnes-pratiques.tableschema.json", schema_table)
        ecrire("bonnes-pratiques.geojson", pratiques_geojson(catalogue, pratiques, site))
    texte_ind, schema_ind = indicateurs_csv(catalogue)
    ecrire("indicateurs.csv", texte_ind)
    ecrire("indicateurs.tableschema.json", schema_ind)
    return ecrits


def ecrire(racine: Path, dossier_site: Path) -> None:
    """L'étape de construction : charge le catalogue validé et écrit donnees/ dans le site."""
    from referentiel_rso.catalogue.charger import charger

    catalogue = charger(racine)
    ecrire_catalogue(catalogue, Path(dossier_site) / DOSSIER)

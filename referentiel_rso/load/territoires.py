"""Territoires de référence : régions, départements et communes (codes INSEE), points et zones de carte.

Sert à valider le `territoire` d'une bonne pratique (un code de région, de département ou de commune
existe-t-il ?), à en déduire le département et la région, et à placer la pratique sur la carte.

Les données sont dans `data/territoires/` ; elles sont produites une fois, à la main, par
`scripts/territoires.py` (provenance, versions et licences : `data/territoires/SOURCES.md`). Ce module
ne fait que les lire : bibliothèque standard seulement, aucun calcul géométrique lourd.

Périmètre : les 18 régions (13 de métropole, Corse comprise, et 5 DROM) et leurs 101 départements.
Les collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Polynésie française, etc.) n'y sont pas.

Toutes les coordonnées sont en degrés décimaux WGS 84, dans l'ordre (latitude, longitude) — l'ordre de
Leaflet et de folium ; le GeoJSON, lui, écrit (longitude, latitude).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DOSSIER = Path("data") / "territoires"
"""Dossier des données, relatif à la racine du projet."""

Bornes = tuple[tuple[float, float], tuple[float, float]]
"""Boîte englobante ((sud, ouest), (nord, est)), prête pour `folium.Map.fit_bounds`."""


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Region:
    code: str
    """Code INSEE de la région (« 11 », « 04 »…)."""
    nom: str
    point: Point
    """Centroïde des points de référence de ses départements (voir SOURCES.md)."""


@dataclass(frozen=True)
class Departement:
    code: str
    """Code INSEE du département (« 01 »…« 95 », « 2A », « 2B », « 971 »…« 976 »)."""
    nom: str
    region: str
    """Code INSEE de sa région."""
    point: Point
    """Point d'étiquette Natural Earth du département (voir SOURCES.md)."""


@dataclass(frozen=True)
class Commune:
    """Commune actuelle (type COM du Code officiel géographique)."""
    code: str
    """Code INSEE (5 caractères, « 75056 », « 2A004 », « 97411 »…) — pas le code postal."""
    nom: str
    departement: str
    region: str
    point: Point | None = None
    """Centre de la localité (GeoNames, voir SOURCES.md) ; None pour les communes non appariées, que la
    carte place au point de leur département."""


@dataclass(frozen=True)
class Boite:
    """Boîte englobante nommée, en degrés (bords compris)."""
    nom: str
    sud: float
    nord: float
    ouest: float
    est: float

    def contient(self, lat: float, lon: float) -> bool:
        return self.sud <= lat <= self.nord and self.ouest <= lon <= self.est


BOITES_FRANCE: tuple[Boite, ...] = (
    # Relevées sur les contours Natural Earth (emprise de chaque territoire, îles comprises), avec une
    # marge de 0,05 à 0,1°. Ce sont des boîtes : elles servent à écarter les erreurs grossières de
    # saisie (latitude et longitude inversées, signe oublié, autre pays lointain), pas à tracer la
    # frontière. Elles débordent donc un peu sur les voisins (Belgique, Suisse, Andorre, Monaco, Pays
    # basque espagnol, bords du Maroni et de l'Oyapock…), mais excluent Londres, Madrid, Barcelone, la
    # Sardaigne, la Dominique, Sainte-Lucie, les Comores, Maurice…
    # La métropole continentale est coupée en deux à 43,6° N pour ne pas englober le nord de l'Espagne :
    # au sud de 43,6° N, la France continentale va de Hendaye (1,79° O) au cap d'Antibes (7,14° E).
    Boite("Métropole, nord de 43,6° N", sud=43.6, nord=51.2, ouest=-5.3, est=8.3),
    Boite("Métropole, sud de 43,6° N", sud=42.25, nord=43.6, ouest=-1.85, est=7.2),
    Boite("Corse", sud=41.3, nord=43.1, ouest=8.5, est=9.65),
    Boite("Guadeloupe", sud=15.8, nord=16.6, ouest=-61.85, est=-60.95),
    Boite("Martinique", sud=14.35, nord=14.93, ouest=-61.28, est=-60.76),
    Boite("Guyane", sud=2.05, nord=5.8, ouest=-54.65, est=-51.6),
    Boite("La Réunion", sud=-21.42, nord=-20.82, ouest=55.18, est=55.9),
    Boite("Mayotte", sud=-13.05, nord=-12.6, ouest=45.0, est=45.33),
)


def dans_france(lat: float, lon: float) -> bool:
    """Vrai si le point tombe dans l'une des boîtes de `BOITES_FRANCE` (métropole, Corse, cinq DROM)."""
    return any(b.contient(lat, lon) for b in BOITES_FRANCE)


def _normaliser(code: str | None) -> str:
    return str(code).strip().upper() if code is not None else ""


@dataclass(frozen=True)
class Territoires:
    regions: dict[str, Region]
    departements: dict[str, Departement]
    communes: dict[str, Commune]
    zones: dict[str, Bornes]
    """Code de région → boîte englobante de son contour (regions.geojson)."""

    def region(self, code: str | None) -> Region | None:
        return self.regions.get(_normaliser(code))

    def departement(self, code: str | None) -> Departement | None:
        return self.departements.get(_normaliser(code))

    def commune(self, code: str | None) -> Commune | None:
        return self.communes.get(_normaliser(code))

    def point_reference(self, region: str | None = None, departement: str | None = None,
                        commune: str | None = None) -> tuple[float, float]:
        """(lat, lon) où placer un territoire sur la carte, d'après le plus précis des codes donnés :
        commune → son point (GeoNames), sinon celui de son département ; département → son point ;
        région → son point.

        Lève ValueError si aucun code n'est donné, si un code est inconnu, ou si les codes donnés ne
        s'emboîtent pas (commune hors du département ou de la région indiqués…).
        """
        if not any((region, departement, commune)):
            raise ValueError("point_reference : aucun code de région, de département ou de commune")
        com = dep = reg = None
        if commune:
            com = self.commune(commune)
            if com is None:
                raise ValueError(f"commune inconnue : « {commune} » (code INSEE attendu, pas le code postal)")
        if departement:
            dep = self.departement(departement)
            if dep is None:
                raise ValueError(f"département inconnu : « {departement} »")
        if region:
            reg = self.region(region)
            if reg is None:
                raise ValueError(f"région inconnue : « {region} »")
        if com is not None and dep is not None and com.departement != dep.code:
            raise ValueError(f"la commune {com.code} ({com.nom}) n'est pas dans le département {dep.code}")
        if reg is not None:
            for contenu in (com, dep):
                if contenu is not None and contenu.region != reg.code:
                    raise ValueError(f"« {contenu.nom} » n'est pas dans la région {reg.code} ({reg.nom})")
        if com is not None and com.point is not None:
            return (com.point.lat, com.point.lon)
        if com is not None:
            dep = self.departements[com.departement]
        point = dep.point if dep is not None else reg.point  # type: ignore[union-attr]
        return (point.lat, point.lon)

    def dans_france(self, lat: float, lon: float) -> bool:
        return dans_france(lat, lon)

    def zone(self, code_region: str | None) -> Bornes | None:
        """Boîte englobante ((sud, ouest), (nord, est)) du contour de la région, pour zoomer la carte
        (`folium.Map.fit_bounds(zone)`) ; None si la région est inconnue."""
        return self.zones.get(_normaliser(code_region))


def _point(d: dict) -> Point:
    return Point(float(d["lat"]), float(d["lon"]))


def _coordonnees(geometrie: dict):
    """Toutes les positions (lon, lat) d'un Polygon ou MultiPolygon GeoJSON."""
    polygones = geometrie["coordinates"] if geometrie["type"] == "MultiPolygon" else [geometrie["coordinates"]]
    for polygone in polygones:
        for anneau in polygone:
            yield from anneau


def _bornes(geometrie: dict) -> Bornes:
    lons, lats = zip(*((p[0], p[1]) for p in _coordonnees(geometrie)))
    return ((min(lats), min(lons)), (max(lats), max(lons)))


def charger_territoires(racine: Path) -> Territoires:
    """Lit `data/territoires/` sous `racine` (la racine du projet)."""
    dossier = Path(racine) / DOSSIER

    def lire(nom: str):
        with open(dossier / nom, encoding="utf-8") as f:
            return json.load(f)

    regions = {r["code"]: Region(r["code"], r["nom"], _point(r["point"])) for r in lire("regions.json")}
    departements = {
        d["code"]: Departement(d["code"], d["nom"], d["region"], _point(d["point"]))
        for d in lire("departements.json")
    }
    communes = {
        code: Commune(code, valeurs[0], valeurs[1], departements[valeurs[1]].region,
                      Point(float(valeurs[2]), float(valeurs[3])) if len(valeurs) == 4 else None)
        for code, valeurs in lire("communes.json").items()
    }
    zones = {f["properties"]["code"]: _bornes(f["geometry"]) for f in lire("regions.geojson")["features"]}
    return Territoires(regions, departements, communes, zones)

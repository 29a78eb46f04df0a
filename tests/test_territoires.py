"""Données territoriales de référence (data/territoires/) et leur module referentiel_rso.territoires."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from referentiel_rso.load.territoires import BOITES_FRANCE, DOSSIER, Territoires, charger_territoires, dans_france

RACINE = Path(__file__).resolve().parent.parent
REGIONS_DROM = {"01": "Guadeloupe", "02": "Martinique", "03": "Guyane", "04": "La Réunion", "06": "Mayotte"}
DEPARTEMENTS_DROM = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}


@pytest.fixture(scope="module")
def terr() -> Territoires:
    return charger_territoires(RACINE)


@pytest.fixture(scope="module")
def geojson() -> dict:
    return json.loads((RACINE / DOSSIER / "regions.geojson").read_text(encoding="utf-8"))


def test_18_regions(terr):
    assert len(terr.regions) == 18
    for code, nom in REGIONS_DROM.items():
        assert terr.region(code).nom == nom
    assert terr.region("94").nom == "Corse"
    assert terr.region("11").nom == "Île-de-France"
    assert sum(1 for r in terr.regions if r not in REGIONS_DROM) == 13


def test_101_departements(terr):
    assert len(terr.departements) == 101
    assert {"2A", "2B"} <= set(terr.departements)
    assert "20" not in terr.departements
    for dep, reg in DEPARTEMENTS_DROM.items():
        assert terr.departement(dep).region == reg
    assert terr.departement("2A").region == terr.departement("2B").region == "94"
    assert terr.departement("75").region == "11"
    assert terr.departement("69").region == "84"
    assert terr.departement("975") is None  # Saint-Pierre-et-Miquelon : collectivité d'outre-mer


def test_chaque_departement_a_une_region_et_un_point_en_france(terr):
    for dep in terr.departements.values():
        assert dep.region in terr.regions, dep
        assert dans_france(dep.point.lat, dep.point.lon), dep
    for reg in terr.regions.values():
        assert dans_france(reg.point.lat, reg.point.lon), reg
        assert any(d.region == reg.code for d in terr.departements.values()), reg


def test_communes(terr):
    paris = terr.commune("75056")
    assert (paris.nom, paris.departement, paris.region) == ("Paris", "75", "11")
    saint_denis = terr.commune("97411")
    assert (saint_denis.nom, saint_denis.departement, saint_denis.region) == ("Saint-Denis", "974", "04")
    assert terr.commune("2A004").departement == "2A"  # Ajaccio
    assert terr.commune("99999") is None
    assert terr.commune("75001") is None  # code postal, pas un code INSEE
    assert 30_000 < len(terr.communes) < 40_000
    for com in terr.communes.values():
        assert com.departement in terr.departements


def test_point_reference(terr):
    paris = terr.departement("75").point
    assert terr.point_reference(departement="75") == (paris.lat, paris.lon)
    idf = terr.region("11").point
    assert terr.point_reference(region="11") == (idf.lat, idf.lon)
    # une commune est placée à son centre (GeoNames) quand il est connu, sinon au point de son département
    for com in terr.communes.values():
        attendu = com.point or terr.departement(com.departement).point
        assert terr.point_reference(commune=com.code) == (attendu.lat, attendu.lon)
    assert terr.point_reference(region="11", departement="75", commune="75056") == terr.point_reference(commune="75056")
    assert sum(c.point is not None for c in terr.communes.values()) > 5000


@pytest.mark.parametrize("code, lat, lon", [
    ("50502", 49.1157, -1.0906),   # Saint-Lô, à ~20 km du point du département de la Manche
    ("75056", 48.8566, 2.3522),    # Paris
    ("97411", -20.8823, 55.4504),  # Saint-Denis (La Réunion)
    ("97209", 14.6161, -61.0588),  # Fort-de-France
])
def test_point_de_commune_au_centre_de_la_localite(terr, code, lat, lon):
    """Relevés indépendants (centre-ville) : la commune est à moins de 3 km de son centre."""
    p = terr.point_reference(commune=code)
    assert abs(p[0] - lat) < 0.03 and abs(p[1] - lon) < 0.04
    with pytest.raises(ValueError):
        terr.point_reference()
    with pytest.raises(ValueError):
        terr.point_reference(commune="99999")
    with pytest.raises(ValueError):
        terr.point_reference(departement="13", commune="75056")
    with pytest.raises(ValueError):
        terr.point_reference(region="84", departement="75")


@pytest.mark.parametrize("lieu, lat, lon", [
    ("Paris", 48.8566, 2.3522),
    ("Ajaccio", 41.9192, 8.7386),
    ("Cayenne", 4.9224, -52.3135),
    ("Mamoudzou", -12.7806, 45.2278),
    ("Pointe-à-Pitre", 16.2411, -61.5331),
    ("Fort-de-France", 14.6161, -61.0588),
    ("Saint-Denis (La Réunion)", -20.8823, 55.4504),
    ("Hendaye", 43.3586, -1.7745),
    ("Brest", 48.3904, -4.4861),
    ("Strasbourg", 48.5734, 7.7521),
])
def test_dans_france_vrai(lieu, lat, lon):
    assert dans_france(lat, lon), lieu


@pytest.mark.parametrize("lieu, lat, lon", [
    ("Londres", 51.5074, -0.1278),
    ("Madrid", 40.4168, -3.7038),
    ("Barcelone", 41.3874, 2.1686),
    ("Paris, latitude et longitude inversées", 2.3522, 48.8566),
    ("Sardaigne (Olbia)", 40.9236, 9.4964),
    ("Comores (Moroni)", -11.7172, 43.2473),
    ("Maurice (Port-Louis)", -20.1609, 57.5012),
])
def test_dans_france_faux(lieu, lat, lon):
    assert not dans_france(lat, lon), lieu


def _positions(geometrie: dict):
    polygones = geometrie["coordinates"] if geometrie["type"] == "MultiPolygon" else [geometrie["coordinates"]]
    for polygone in polygones:
        for anneau in polygone:
            yield anneau


def test_regions_geojson_18_entites_valides(terr, geojson):
    assert geojson["type"] == "FeatureCollection"
    entites = geojson["features"]
    assert len(entites) == 18
    assert {f["properties"]["code"] for f in entites} == set(terr.regions)
    for f in entites:
        code = f["properties"]["code"]
        assert f["type"] == "Feature"
        assert f["properties"] == {"code": code, "nom": terr.region(code).nom}
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for anneau in _positions(f["geometry"]):
            assert len(anneau) >= 4 and anneau[0] == anneau[-1], code  # anneau fermé
            for lon, lat in anneau:
                assert dans_france(lat, lon), (code, lon, lat)


def test_regions_geojson_valide_selon_shapely(geojson):
    shapely = pytest.importorskip("shapely")  # outil du script de génération, facultatif ici
    from shapely.geometry import shape

    geometries = [shape(f["geometry"]) for f in geojson["features"]]
    assert all(g.is_valid and not g.is_empty for g in geometries)


def test_point_de_region_dans_sa_zone(terr):
    for reg in terr.regions.values():
        (sud, ouest), (nord, est) = terr.zone(reg.code)
        assert sud < nord and ouest < est
        assert sud <= reg.point.lat <= nord and ouest <= reg.point.lon <= est, reg
        for dep in terr.departements.values():
            if dep.region == reg.code:
                assert sud <= dep.point.lat <= nord and ouest <= dep.point.lon <= est, dep
    assert terr.zone("99") is None


def test_boites_bien_formees():
    for b in BOITES_FRANCE:
        assert b.sud < b.nord and b.ouest < b.est, b.nom


def test_poids_des_fichiers():
    dossier = RACINE / DOSSIER
    assert (dossier / "communes.json").stat().st_size < 2_000_000
    assert (dossier / "regions.geojson").stat().st_size < 300_000
    assert (dossier / "SOURCES.md").is_file()

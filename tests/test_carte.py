"""La carte des initiatives (referentiel_rso/carte.py) : marqueurs, texte contribué, ressources locales, poids.

Les vérifications dans un navigateur (chargement hors ligne, info-bulle, axe-core) sont dans
tests/navigateur/test_carte.py.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from outils_html import texte
from referentiel_rso import assainir
from referentiel_rso.build import carte
from referentiel_rso.render import urls
from referentiel_rso.render.environnement import environnement
from referentiel_rso.render.pages_carte import pages as pages_carte

RACINE = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert(1)</script><img src=x onerror="window.__xss=1"> & </script><!-- {{ config }}'


def _module_mesure():
    spec = importlib.util.spec_from_file_location("mesurer_carte", RACINE / "scripts" / "mesurer_carte.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mesurer_carte", module)  # les dataclasses du module y cherchent leur module
    spec.loader.exec_module(module)
    return module


mesure = _module_mesure()


class _Balises(HTMLParser):
    """Relève les balises <script> et <link> et le contenu des scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.liens: list[dict] = []
        self.balises: list[str] = []
        self._courant: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.balises.append(tag)
        a = dict(attrs)
        if tag == "script":
            self._courant = {**a, "contenu": ""}
            self.scripts.append(self._courant)
        elif tag == "link":
            self.liens.append(a)

    def handle_endtag(self, tag):
        if tag == "script":
            self._courant = None

    def handle_data(self, data):
        if self._courant is not None:
            self._courant["contenu"] += data


def analyser(document: str) -> _Balises:
    p = _Balises()
    p.feed(document)
    return p


def json_strict(texte: str):
    """json.loads qui refuse NaN, Infinity et -Infinity (ce que JSON.parse refuserait aussi)."""
    def refuser(valeur):
        raise ValueError(f"valeur JSON non standard : {valeur}")
    return json.loads(texte, parse_constant=refuser)


def identifiant(compact) -> str:
    return f"BP-{compact:04d}" if isinstance(compact, int) else compact


def donnees_du_document(document: str) -> dict:
    (bloc,) = [s for s in analyser(document).scripts if s.get("id") == "donnees-carte"]
    assert bloc.get("type") == "application/json"
    return json_strict(bloc["contenu"])


@pytest.fixture(scope="module")
def config() -> carte.ConfigCarte:
    return carte.lire_config(RACINE)


@pytest.fixture(scope="module")
def synthetique():
    """120 initiatives inventées (la 2e au titre hostile), plus 3 pratiques sans point (nationales)."""
    cat = mesure.catalogue_synthetique(120, hostile={1: HOSTILE})
    sans_point = tuple(
        mesure.PratiqueSynthetique(id=f"BP-9{k:03d}", titre=f"Pratique nationale {k}", organisme="Cnam",
                                   enjeux=["1.1"], page=f"bonnes-pratiques/pratiques/BP-9{k:03d}-nationale/index.md")
        for k in range(3)
    )
    return cat.avec(pratiques=cat.pratiques + sans_point)


@pytest.fixture(scope="module")
def document_synthetique(synthetique, config) -> str:
    return carte.document(synthetique, config)


# --------------------------------------------------------------------------------------------------
# marqueurs
# --------------------------------------------------------------------------------------------------
def test_un_marqueur_par_pratique_localisee_synthetique(synthetique, document_synthetique):
    localisees = [p for p in synthetique.pratiques if p.point]
    assert len(localisees) == 120 and len(synthetique.pratiques) == 123
    d = donnees_du_document(document_synthetique)
    assert carte.nombre_initiatives(d) == 120
    details = carte.details(carte.initiatives(synthetique))
    # chaque pratique localisée une fois, avec son point ; son info-bulle au même rang dans sa région
    vues = {}
    for region, points in d["initiatives"]:
        assert len(points) == len(details[region]["initiatives"])
        for rang, p in enumerate(points):
            id_ = identifiant(p[3])
            assert id_ not in vues
            vues[id_] = (region, p, details[region], details[region]["initiatives"][rang])
    for pratique in localisees:
        region, p, r, x = vues[pratique.id]
        assert region == pratique.region
        assert (p[0], p[1]) == pytest.approx(pratique.point, abs=1e-3)
        assert p[2].split() == list(pratique.enjeux)
        assert x[0] == pratique.titre and r["organismes"][x[1]] == pratique.organisme and x[2] == pratique.annee
        assert r["base"] + f"{pratique.id}-{x[3]}/" == carte.urls_page(pratique.page)


def test_le_document_ne_porte_aucun_texte_d_infobulle(synthetique, document_synthetique):
    """Titres et organismes sont dans carte/donnees/<région>.json, chargés à la demande."""
    for p in synthetique.pratiques:
        assert json.dumps(p.titre, ensure_ascii=False)[1:-1].replace("<", "\\u003c") not in document_synthetique
        assert p.organisme not in document_synthetique


def test_fichiers_d_infobulles_par_region(synthetique, config, tmp_path):
    sortie = carte.ecrire_carte(synthetique, tmp_path / "site", RACINE, config)
    d = donnees_du_document(sortie.read_text(encoding="utf-8"))
    assert d["details"] == "donnees/{code}.json"
    for region, points in d["initiatives"]:
        fichier = sortie.parent / d["details"].replace("{code}", region)
        contenu = json_strict(fichier.read_text(encoding="utf-8"))  # JSON strict, relu
        assert len(contenu["initiatives"]) == len(points)
    fichiers = {f.stem for f in (sortie.parent / "donnees").glob("*.json")}
    assert fichiers == {region for region, _ in d["initiatives"]}


def test_json_strict_refuse_nan(synthetique, config):
    """Une valeur non finie ne produit jamais un JSON que les navigateurs refuseraient."""
    with pytest.raises(ValueError):
        assainir.json_compact({"valeur": float("nan")})
    with pytest.raises(ValueError):
        assainir.json_dans_html([float("inf")])


def test_points_calcules_une_fois_par_catalogue(synthetique):
    assert carte.initiatives(synthetique) is carte.initiatives(synthetique)
    autre = synthetique.avec(pratiques=synthetique.pratiques[:5])
    assert carte.initiatives(autre) is not carte.initiatives(synthetique)
    assert len(carte.initiatives(autre)) == 5


def test_aucun_gabarit_html_dans_le_code_de_la_carte():
    source = (RACINE / "referentiel_rso" / "build" / "carte.py").read_text(encoding="utf-8")
    assert "{%" not in source and "{{ this" not in source
    assert not re.search(r"Template\(\s*(?:[rf]?[\"'])", source)  # gabarits lus dans render/templates/


def test_un_marqueur_par_pratique_localisee_contenu_reel(catalogue, config):
    localisees = [p for p in catalogue.pratiques if getattr(p, "point", None)]
    assert localisees, "le contenu n'a aucune bonne pratique localisée : le test ne vérifierait rien"
    d = donnees_du_document(carte.document(catalogue, config))
    assert carte.nombre_initiatives(d) == len(localisees)
    ids = {identifiant(p[3]) for _, points in d["initiatives"] for p in points}
    assert ids == {p.id for p in localisees}


def test_adresse_des_pages(catalogue):
    """Le lien de l'info-bulle mène à la page de la pratique (chemin relatif à carte/carte.html)."""
    for p in catalogue.pratiques:
        assert carte.urls_page(p.page) == "../" + p.page.removesuffix("index.md")


def test_engagement_du_premier_enjeu(synthetique):
    for i in carte.initiatives(synthetique):
        assert i.engagement == int(i.enjeux[0].split(".")[0])


# --------------------------------------------------------------------------------------------------
# texte contribué
# --------------------------------------------------------------------------------------------------
def test_titre_hostile_reste_du_texte(document_synthetique, synthetique):
    assert "<script>alert" not in document_synthetique
    assert "<img" not in document_synthetique
    assert "onerror=" not in document_synthetique.replace("\\u003c", "").split("donnees-carte")[0]
    balises = analyser(document_synthetique)
    # aucune balise née du texte contribué : ni <img>, ni script en plus de ceux du gabarit
    assert "img" not in balises.balises
    assert len(balises.scripts) == len(carte.JS) + 2  # 4 fichiers, les données, le script d'appel
    details = carte.details(carte.initiatives(synthetique))
    titres = [x[0] for r in details.values() for x in r["initiatives"]]
    assert HOSTILE in titres  # intact une fois les données lues par JSON.parse


def test_titre_hostile_echappe_dans_la_liste(synthetique):
    pages = pages_carte(synthetique, environnement(synthetique))
    tout = "".join(pages.values())
    assert "<script>alert" not in tout and "<img" not in tout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tout


def test_le_script_construit_le_dom_sans_innerhtml_de_texte():
    """Garde-fou sur le script client : innerHTML n'est jamais affecté (les icônes passent par le `html`
    de L.divIcon avec des nombres ; le texte par textContent)."""
    source = (RACINE / "docs" / carte.SCRIPT_CARTE).read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # sans les commentaires
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", code)
    assert "textContent" in source


# --------------------------------------------------------------------------------------------------
# ressources : rien d'un autre hôte, sauf les tuiles
# --------------------------------------------------------------------------------------------------
def test_aucune_ressource_exterieure(document_synthetique, config, tmp_path, synthetique):
    balises = analyser(document_synthetique)
    adresses = [s["src"] for s in balises.scripts if "src" in s] + [l["href"] for l in balises.liens if "href" in l]
    assert len(adresses) == len(carte.JS) + len(carte.CSS)
    for adresse in adresses:
        assert not urlsplit(adresse).scheme and not adresse.startswith("//"), adresse
    for mot in ("cdn.", "jsdelivr", "cdnjs", "bootstrap", "jquery", "glyphicons", "fontawesome", "awesome-markers"):
        assert mot not in document_synthetique.lower(), mot
    # seules adresses http(s) : les tuiles et le lien de l'attribution (texte de mkdocs.yml)
    externes = set(re.findall(r"https?://[^\s\"'\\)]+", document_synthetique))
    assert externes <= {config.tuiles, "https://www.openstreetmap.org/copyright"}, externes
    # les fichiers appelés existent une fois la carte écrite
    site = tmp_path / "site"
    sortie = carte.ecrire_carte(synthetique, site, RACINE, config)
    for adresse in adresses:
        assert (sortie.parent / adresse).resolve().is_file(), adresse


def test_sans_serveur_de_tuiles(synthetique):
    document = carte.document(synthetique, carte.ConfigCarte(tuiles=None))
    assert "L.tileLayer" not in document and "http" not in document.split("donnees-carte")[0]
    assert "CarteRSO.initialiser(map_rso, null" in document


def test_configuration_des_tuiles(config):
    assert config.tuiles and config.attribution and config.zoom_max == 18
    assert config.hote_tuiles == "tile.openstreetmap.org"


def test_document_stable(synthetique, config):
    """Deux constructions du même contenu donnent le même document (pas d'identifiant aléatoire)."""
    assert carte.document(synthetique, config) == carte.document(synthetique, config)


def test_document_valide_et_en_francais(document_synthetique):
    assert document_synthetique.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    assert "user-scalable=no" not in document_synthetique and "maximum-scale" not in document_synthetique
    assert "<title>Carte des bonnes pratiques RSO</title>" in document_synthetique
    assert "<noscript>" in document_synthetique


# --------------------------------------------------------------------------------------------------
# contours des régions (fond sans tuiles)
# --------------------------------------------------------------------------------------------------
def test_contours_des_regions(catalogue):
    ter = carte.territoires_de(catalogue)
    contours = carte.contours(RACINE)
    assert {code for code, _ in contours} == set(ter.regions)
    facteur = 10 ** carte.ARRONDI_CONTOURS
    for code, polygones in contours:
        assert polygones, code
        for polygone in polygones:
            for anneau in polygone:
                lat = lon = 0
                for k in range(0, len(anneau), 2):
                    lat, lon = lat + anneau[k], lon + anneau[k + 1]
                    assert ter.dans_france(lat / facteur, lon / facteur) or code == "03", (code, lat, lon)
    assert len(carte.contours_js(RACINE).encode()) < 45_000


# --------------------------------------------------------------------------------------------------
# poids
# --------------------------------------------------------------------------------------------------
def test_poids_par_mille_initiatives(config):
    cat = mesure.catalogue_synthetique(1000)
    octets = len(carte.document(cat, config).encode("utf-8"))
    assert octets <= mesure.BUDGET_KO_PAR_MILLE * 1024, f"{octets / 1024:.1f} Ko pour 1 000 initiatives"


def test_poids_a_dix_mille_initiatives(config):
    """Octets (compressés gzip, comme un serveur les sert) du document à 10 000 initiatives, et du plus
    gros fichier d'info-bulles d'une région : le premier chargement de la carte reste dans son budget
    (scripts/mesurer_carte.py mesure la page entière dans Chromium)."""
    import gzip

    cat = mesure.catalogue_synthetique(10_000)
    liste = carte.initiatives(cat)
    document = carte.document(cat, config, donnees_=carte.donnees(cat, liste=liste)).encode("utf-8")
    assert len(gzip.compress(document)) <= mesure.BUDGET_DOCUMENT_GZIP
    plus_gros = max(len(gzip.compress(assainir.json_compact(r).encode("utf-8")))
                    for r in carte.details(liste).values())
    assert plus_gros <= mesure.BUDGET_DETAILS_GZIP


# --------------------------------------------------------------------------------------------------
# pages du site
# --------------------------------------------------------------------------------------------------
def test_pages_de_la_carte(synthetique):
    from referentiel_rso.render import pages_carte as module

    pages = pages_carte(synthetique, environnement(synthetique))
    page = pages[carte.PAGE]
    assert re.search(r'<iframe id="carte-rso-cadre"[^>]* data-src="carte.html" hidden title="Carte interactive[^"]+"', page)
    assert 'href="liste/"' in page
    accueil = pages[carte.PAGE_LISTE]
    assert "3 bonnes pratiques de portée nationale" in accueil
    ter = carte.territoires_de(synthetique)
    regions = module.par_territoire(carte.initiatives(synthetique), ter)
    # l'accueil de la liste mène à chaque région (nombre, page, carte zoomée sur elle)
    for r in regions:
        assert f'<a href="{urls.url(carte.PAGE_LISTE, module.chemin_liste(r))}">{r.nom}</a> : {r.nombre} initiative' in accueil
        assert f'href="../#region={r.code}"' in accueil
    # chaque initiative est sur la page de sa région, sous son département
    for i in carte.initiatives(synthetique):
        r = next(r for r in regions if r.code == i.region)
        chemin = module.chemin_liste(r)
        assert f"({urls.lien(chemin, i.page)})" in pages[chemin]
        assert f"## {ter.departement(i.departement).nom} ({i.departement})" in pages[chemin]
    assert set(pages) == {carte.PAGE, carte.PAGE_LISTE} | {module.chemin_liste(r) for r in regions}


def test_liste_decoupee_en_pages_bornees(synthetique):
    """Au-delà de PAR_PAGE initiatives, une région est coupée en pages numérotées ; chacune est bornée,
    chaque initiative paraît une fois."""
    from referentiel_rso.render import pages_carte as module

    ter = carte.territoires_de(synthetique)
    for r in module.par_territoire(carte.initiatives(synthetique), ter):
        morceaux = module.decouper(r, par_page=3)
        assert len(morceaux) == -(-r.nombre // 3)
        vues = [i.id for m in morceaux for d in m.departements for i in d.initiatives]
        assert sorted(vues) == sorted(i.id for d in r.departements for i in d.initiatives)
        assert all(sum(len(d.initiatives) for d in m.departements) <= 3 for m in morceaux)
        assert len({m.chemin for m in morceaux}) == len(morceaux)
        assert [m.numero for m in morceaux] == list(range(1, len(morceaux) + 1))


def test_site_construit(site_construit, catalogue):
    for chemin in (carte.DOCUMENT, carte.REGIONS_JS, carte.SCRIPT_CARTE, carte.STYLE_CARTE,
                   "assets/vendor/leaflet/leaflet.js", "assets/vendor/leaflet/leaflet.css",
                   "assets/vendor/leaflet/images/layers.png",
                   "assets/vendor/leaflet.markercluster/leaflet.markercluster.js",
                   "carte/index.html", "carte/liste/index.html"):
        assert (site_construit / chemin).is_file(), chemin
    page = (site_construit / "carte" / "index.html").read_text(encoding="utf-8")
    assert '<iframe id="carte-rso-cadre"' in page and 'title="Carte interactive' in page
    # sans espaces : le texte extrait sépare les sigles (<abbr>) de leur contexte
    liste = re.sub(r"\s+", "", "".join(texte(f.read_text(encoding="utf-8"))
                                       for f in (site_construit / "carte" / "liste").rglob("index.html")))
    for p in catalogue.pratiques:
        if p.point:
            assert re.sub(r"\s+", "", p.titre) in liste, p.id
    # chaque fiche d'enjeu renvoie à la carte filtrée sur son enjeu
    for enjeu in catalogue.enjeux:
        fiche = (site_construit / urls.page_enjeu(enjeu).replace(".md", ".html")).read_text(encoding="utf-8")
        assert f'href="../../carte/#enjeu={enjeu.id}"' in fiche, enjeu.id


def test_gabarit_place_de_la_pratique(catalogue):
    """_carte_pratique.md.j2, à inclure dans la page d'une pratique : lien vers la carte et coordonnées."""
    from referentiel_rso.render.pages_pratiques import environnement_pratiques

    env = environnement_pratiques(environnement(catalogue))
    gabarit = env.get_template("_carte_pratique.md.j2")
    for p in catalogue.pratiques:
        rendu = gabarit.render(page=p.page, p=p)
        if p.point:
            assert f'href="../../../carte/#pratique={p.id}">Voir sur la carte</a>' in rendu
            lat = f"{abs(p.point[0]):.4f}".replace(".", ",")
            assert f"{lat}° {'N' if p.point[0] >= 0 else 'S'}" in rendu
        else:
            assert rendu.strip() == ""


def test_pratique_avec_commune_placee_a_sa_commune(tmp_path):
    """Une pratique qui indique sa commune (Saint-Lô, 50502) est placée au centre de la commune, pas au
    point de son département ; la carte et la liste la rangent sous la Manche, en Normandie."""
    from conftest import copier_projet
    from referentiel_rso.catalogue.charger import charger

    racine = copier_projet(tmp_path)
    modele = next((RACINE / "content" / "bonnes_pratiques").glob("BP-0007-*.yml")).read_text(encoding="utf-8")
    texte = (modele.replace("id: BP-0007", "id: BP-0998")
             .replace('  departement: "44"', '  commune: "50502"')
             .replace('organisme: "Cpam de Loire-Atlantique"', 'organisme: "Cpam de la Manche"'))
    assert 'commune: "50502"' in texte
    (racine / "content" / "bonnes_pratiques" / "BP-0998-pratique-a-saint-lo.yml").write_text(texte, encoding="utf-8")
    cat = charger(racine)
    ter = cat.territoires
    (p,) = [p for p in cat.pratiques if p.id == "BP-0998"]
    saint_lo = ter.commune("50502")
    assert saint_lo.point is not None
    assert p.point == (saint_lo.point.lat, saint_lo.point.lon) != (ter.departement("50").point.lat,
                                                                  ter.departement("50").point.lon)
    assert (p.departement, p.region) == ("50", "28")
    (i,) = [i for i in carte.initiatives(cat) if i.id == "BP-0998"]
    assert (i.lat, i.lon, i.region, i.departement) == (saint_lo.point.lat, saint_lo.point.lon, "28", "50")

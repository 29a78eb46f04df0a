"""La carte dans un vrai navigateur, hors ligne : toute requête vers un autre hôte que 127.0.0.1 est bloquée.

Seules les tuiles (extra.carte.tuiles de mkdocs.yml, la seule adresse extérieure de la carte) sont
tolérées — bloquées comme le reste : c'est le cas d'un intranet sans serveur de tuiles, où la carte doit
montrer les initiatives sur les contours des régions. Toute autre requête extérieure, toute erreur
JavaScript (« L is not defined »…) ou ressource locale manquante fait échouer le test.

Deux sites : un site minimal écrit par l'étape « carte » seule avec 120 initiatives synthétiques (dont une
au titre hostile), et le site complet du harnais (fixtures `site`, `serveur`).
"""
from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from referentiel_rso.build import carte
import mesures

from .outils import decrire_violations, lancer_axe

pytestmark = pytest.mark.navigateur

RACINE = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert(1)</script><img src=x onerror="window.__xss=1"> & </script><!-- {{ config }}'
N = 120
CONFIG = carte.lire_config(RACINE)
PRETE = "() => !!(window.CarteRSO && window.CarteRSO.carte)"


def _module_mesure():
    spec = importlib.util.spec_from_file_location("mesurer_carte", RACINE / "scripts" / "mesurer_carte.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mesurer_carte", module)
    spec.loader.exec_module(module)
    return module


mesure = _module_mesure()


# --------------------------------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def synthetique():
    return mesure.catalogue_synthetique(N, hostile={1: HOSTILE})


@pytest.fixture(scope="module")
def serveur_synthetique(synthetique, tmp_path_factory):
    site = tmp_path_factory.mktemp("carte") / "site"
    carte.ecrire_carte(synthetique, site, RACINE, CONFIG)
    with mesures.Serveur(site) as s:
        yield s


@dataclass
class Journal:
    bloquees: list[str] = field(default_factory=list)
    erreurs_js: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    introuvables: list[str] = field(default_factory=list)
    dialogues: list[str] = field(default_factory=list)

    def verifier(self) -> None:
        hotes = {urlsplit(u).hostname for u in self.bloquees}
        autres = [u for u in self.bloquees if urlsplit(u).hostname != CONFIG.hote_tuiles]
        assert not autres, f"requêtes vers un autre hôte que les tuiles : {autres}"
        assert hotes <= {CONFIG.hote_tuiles}
        assert not self.erreurs_js, f"erreurs JavaScript : {self.erreurs_js}"
        console = [c for c in self.console if "ERR_BLOCKED_BY_CLIENT" not in c]
        assert not console, f"erreurs dans la console : {console}"
        assert not self.introuvables, f"ressources locales en échec : {self.introuvables}"
        assert not self.dialogues, f"dialogues ouverts (alert…) : {self.dialogues}"


@pytest.fixture
def ouvrir(navigateur):
    """ouvrir(largeur, hauteur) → (page, journal) : contexte neuf, tout hôte autre que 127.0.0.1 bloqué."""
    contextes = []
    journaux = []

    def _ouvrir(largeur: int = 1280, hauteur: int = 800):
        ctx = navigateur.new_context(viewport={"width": largeur, "height": hauteur}, locale="fr-FR")
        contextes.append(ctx)
        journal = Journal()
        journaux.append(journal)

        def route(r):
            if mesures.est_locale(r.request.url):
                r.continue_()
            else:
                journal.bloquees.append(r.request.url)
                r.abort("blockedbyclient")

        ctx.route("**/*", route)
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda e: journal.erreurs_js.append(str(e)))
        page.on("console", lambda m: journal.console.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: (journal.dialogues.append(d.message), d.dismiss()))
        page.on("response", lambda r: journal.introuvables.append(f"{r.status} {r.url}")
                if r.status >= 400 and mesures.est_locale(r.url) else None)
        # net::ERR_ABORTED : requête annulée par une navigation (ex. l'icône du site quand le test passe
        # aussitôt à la page suivante), pas une ressource absente — comme dans conftest.py.
        page.on("requestfailed", lambda r: journal.introuvables.append(f"{r.failure} {r.url}")
                if mesures.est_locale(r.url) and "ERR_ABORTED" not in (r.failure or "") else None)
        return page, journal

    yield _ouvrir
    for ctx in contextes:
        ctx.close()
    for journal in journaux:
        journal.verifier()


def nombre_affiche(cible) -> int:
    return cible.evaluate("() => CarteRSO.carte.groupe.getLayers().length")


# --------------------------------------------------------------------------------------------------
# document de la carte, ouvert directement (site synthétique)
# --------------------------------------------------------------------------------------------------
def test_carte_hors_ligne(ouvrir, serveur_synthetique):
    page, journal = ouvrir()
    page.goto(serveur_synthetique.url("/" + carte.DOCUMENT))
    page.wait_for_function(PRETE)
    assert page.evaluate("typeof L") == "object"
    assert nombre_affiche(page) == N
    assert page.evaluate("CarteRSO.carte.marqueurs.length") == N
    # des marqueurs et des groupes sont dessinés, et les contours des régions (fond sans tuiles)
    page.locator(".leaflet-marker-pane .groupe-rso, .leaflet-marker-pane .marqueur-rso").first.wait_for()
    dessines = page.evaluate("""() => [...document.querySelectorAll('.leaflet-marker-pane > *')].reduce((n, e) =>
        n + (e.classList.contains('groupe-rso') ? Number(e.textContent) : 1), 0)""")
    assert 0 < dessines <= N
    # un groupe est un seul élément (DOM borné) : son nombre visible, son nom complet pour le lecteur d'écran
    groupes = page.evaluate("""() => [...document.querySelectorAll('.leaflet-marker-pane > .groupe-rso')].map(e =>
        [e.textContent, e.getAttribute('aria-label'), e.getAttribute('role'), e.tabIndex, e.childElementCount])""")
    assert groupes, "aucun groupe dessiné"
    for nombre, nom, role, tabindex, enfants in groupes:
        compte, _, suite = nom.partition(" initiatives ")
        assert re.sub(r"\D", "", compte) == nombre and suite == "proches : zoomer", nom
        assert role == "button" and tabindex == 0 and enfants == 0
    assert page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() >= 18
    assert page.locator(".controle-rso__statut").text_content() == f"{N} initiatives affichées sur {N}."
    # commandes en français
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom avant"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom arrière"
    assert page.get_by_role("button", name="Guadeloupe").count() == 1
    assert journal.bloquees, "le fond de carte (tuiles) n'a pas été demandé"


def test_infobulle_titre_hostile(ouvrir, serveur_synthetique, synthetique):
    page, journal = ouvrir()
    page.goto(serveur_synthetique.url("/" + carte.DOCUMENT + "#pratique=BP-0002"))
    titre = page.locator(".leaflet-popup-content .infobulle-rso__titre")
    titre.wait_for()
    assert titre.evaluate("e => e.textContent") == HOSTILE
    assert page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    pratique = synthetique.pratiques[1]
    lien = page.locator(".leaflet-popup-content a.infobulle-rso__lien")
    assert lien.get_attribute("target") == "_top"
    assert lien.evaluate("a => a.href").endswith("/" + pratique.page.removesuffix("index.md"))
    texte = page.locator(".leaflet-popup-content").inner_text()
    assert pratique.organisme in texte and "Année" in texte and pratique.enjeux[0] in texte
    fermer = page.locator(".leaflet-popup-close-button")
    assert fermer.get_attribute("aria-label") == "Fermer l'info-bulle"


def test_filtres_couches_et_fragment(ouvrir, serveur_synthetique, synthetique):
    pratiques = [p for p in synthetique.pratiques if p.point]
    enjeu = "3.1"
    avec_enjeu = [p for p in pratiques if enjeu in p.enjeux]
    page, _ = ouvrir()
    page.goto(serveur_synthetique.url(f"/{carte.DOCUMENT}#enjeu={enjeu}"))
    page.wait_for_function(PRETE)
    assert nombre_affiche(page) == len(avec_enjeu)
    assert page.locator("#filtre-enjeu").input_value() == enjeu
    # région : filtre et zoom ; l'adresse suit
    region = avec_enjeu[0].region
    page.select_option("#filtre-region", region)
    assert nombre_affiche(page) == sum(1 for p in avec_enjeu if p.region == region)
    assert page.evaluate("location.hash") == f"#enjeu={enjeu}&region={region}"
    # couche d'un engagement masquée puis réaffichée
    page.select_option("#filtre-enjeu", "")
    page.select_option("#filtre-region", "")
    assert nombre_affiche(page) == N and page.evaluate("location.hash") == ""
    # le nombre de chaque couche suit les filtres ; seules les régions qui ont des initiatives sont proposées
    regions = {p.region for p in pratiques}
    options = page.locator("#filtre-region option").evaluate_all("l => l.map(o => o.value).filter(Boolean)")
    assert set(options) == regions
    page.select_option("#filtre-enjeu", enjeu)
    compte_e = page.locator(".controle-rso__compte[data-engagement='3']").text_content()
    assert compte_e == f"({sum(1 for p in avec_enjeu if p.enjeux[0].startswith('3.'))})"
    option = page.locator(f"#filtre-region option[value='{region}']").text_content()
    assert option.endswith(f"({sum(1 for p in avec_enjeu if p.region == region)})")
    page.select_option("#filtre-enjeu", "")
    case = page.get_by_role("checkbox", name="Engagement 1 —")
    case.uncheck()
    assert nombre_affiche(page) == sum(1 for p in pratiques if not p.enjeux[0].startswith("1."))
    case.check()
    assert nombre_affiche(page) == N
    # accès rapide outre-mer : la vue se place sur La Réunion
    page.get_by_role("button", name="La Réunion").click()
    page.wait_for_function("() => { const c = CarteRSO.carte.carte.getCenter(); return c.lat < -20 && c.lng > 54; }")


@pytest.mark.parametrize("largeur,hauteur", [(1280, 800), (375, 740)], ids=["bureau", "mobile"])
def test_axe_document_de_la_carte(ouvrir, serveur_synthetique, axe_source, largeur, hauteur):
    page, _ = ouvrir(largeur, hauteur)
    page.goto(serveur_synthetique.url("/" + carte.DOCUMENT + "#pratique=BP-0002"))
    page.locator(".leaflet-popup-content").wait_for()
    # panneaux ouverts : filtres, accès rapides, légende, couches
    page.evaluate("() => document.querySelectorAll('details.controle-rso').forEach(d => d.open = true)")
    page.evaluate("() => document.querySelector('.leaflet-control-layers').classList.add('leaflet-control-layers-expanded')")
    violations = lancer_axe(page, axe_source)
    assert not violations, f"carte.html ({largeur} px) : violations axe-core\n{decrire_violations(violations)}"


# --------------------------------------------------------------------------------------------------
# site complet : page « Carte » (iframe), liste alternative, contenu réel
# --------------------------------------------------------------------------------------------------
def _cadre(page):
    page.locator("#carte-rso-cadre").wait_for()
    cadre = page.frame_locator("#carte-rso-cadre")
    cadre.locator("#filtre-region").wait_for(state="attached")
    frame = next(f for f in page.frames if f.url.split("#")[0].endswith("/" + carte.DOCUMENT))
    frame.wait_for_function(PRETE)
    return frame


def test_page_carte_iframe_et_fragment(ouvrir, serveur, catalogue, axe_source):
    localisees = [p for p in catalogue.pratiques if p.point]
    region = localisees[0].region
    page, _ = ouvrir()
    page.goto(serveur.url(f"/carte/#region={region}"))
    frame = _cadre(page)
    assert page.locator("#carte-rso-cadre").get_attribute("title").startswith("Carte interactive")
    assert frame.evaluate("CarteRSO.carte.etat().region") == region
    assert nombre_affiche(frame) == sum(1 for p in localisees if p.region == region)
    # la page parente transmet son fragment à la carte…
    page.evaluate(f"location.hash = 'enjeu={localisees[0].enjeux[0]}'")
    frame.wait_for_function(f"() => CarteRSO.carte.etat().enjeu === '{localisees[0].enjeux[0]}'")
    # … et la carte renvoie le sien quand le lecteur change un filtre
    page.frame_locator("#carte-rso-cadre").locator("#filtre-region").select_option("")
    page.wait_for_function(f"() => location.hash === '#enjeu={localisees[0].enjeux[0]}'")
    # accessibilité : la page, puis le document dans l'iframe
    violations = lancer_axe(page, axe_source)
    assert not violations, f"carte/ : violations axe-core\n{decrire_violations(violations)}"
    violations = lancer_axe(frame, axe_source)
    assert not violations, f"carte/ (iframe) : violations axe-core\n{decrire_violations(violations)}"


def test_contenu_reel_un_marqueur_par_pratique_localisee(ouvrir, serveur, catalogue):
    localisees = [p for p in catalogue.pratiques if p.point]
    page, _ = ouvrir()
    page.goto(serveur.url("/" + carte.DOCUMENT))
    page.wait_for_function(PRETE)
    assert nombre_affiche(page) == len(localisees) > 0
    ids = set(page.evaluate("Object.keys(CarteRSO.carte.parId)"))
    assert ids == {p.id for p in localisees}


def test_liste_alternative(ouvrir, serveur, catalogue, axe_source):
    """La liste sans carte : l'accueil mène à une page par région ; ensemble, elles nomment chaque
    initiative localisée."""
    page, _ = ouvrir()
    page.goto(serveur.url("/carte/liste/"))
    violations = lancer_axe(page, axe_source)
    assert not violations, f"carte/liste/ : violations axe-core\n{decrire_violations(violations)}"
    regions = page.locator("ul.carte-liste-regions > li > a:first-child").evaluate_all("l => l.map(a => a.href)")
    assert regions
    titres = set()
    for k, adresse in enumerate(regions):
        page.goto(adresse)
        titres |= set(page.locator("article li a").evaluate_all("l => l.map(a => a.textContent.trim())"))
        if k == 0:
            violations = lancer_axe(page, axe_source)
            assert not violations, f"{adresse} : violations axe-core\n{decrire_violations(violations)}"
    for p in catalogue.pratiques:
        if p.point:
            assert p.titre in titres, p.id
    # une région renvoie à la carte zoomée sur elle
    page.goto(serveur.url("/carte/liste/"))
    lien = page.locator("a[href*='#region=']").first
    lien.click()
    frame = _cadre(page)
    assert frame.evaluate("CarteRSO.carte.etat().region") != ""


@pytest.mark.parametrize("largeur,hauteur", [(1280, 800), (375, 740)], ids=["bureau", "mobile"])
def test_un_seul_clic_ouvre_l_infobulle(ouvrir, serveur, catalogue, largeur, hauteur):
    """Dans la page « Carte » (iframe), un seul clic sur un marqueur ouvre son info-bulle, sans que la
    page défile entre l'appui et le relâchement (le focus de la carte la faisait défiler)."""
    page, _ = ouvrir(largeur, hauteur)
    page.goto(serveur.url("/carte/"))
    frame = _cadre(page)
    # la carte à moitié visible : le focus donné par le clic ferait défiler la page
    cadre = page.locator("#carte-rso-cadre").bounding_box()
    page.evaluate(f"window.scrollTo(0, {max(0, cadre['y'] + cadre['height'] / 2 - hauteur)})")
    frame.evaluate("""() => { const c = CarteRSO.carte; const m = c.marqueurs[0];
        c.groupe.zoomToShowLayer(m.marqueur, () => {}); }""")
    frame.wait_for_function("() => !!CarteRSO.carte.marqueurs[0].marqueur.getElement()")
    page.wait_for_timeout(400)  # fin de l'animation de zoom
    icone = frame.locator(".leaflet-marker-pane .marqueur-rso").first
    boite = icone.bounding_box()
    if not (0 <= boite["y"] and boite["y"] + boite["height"] <= hauteur):
        page.evaluate(f"window.scrollBy(0, {boite['y'] - hauteur + boite['height'] + 20})")
        boite = icone.bounding_box()
    avant = page.evaluate("scrollY")
    page.mouse.click(boite["x"] + boite["width"] / 2, boite["y"] + boite["height"] / 2)
    frame.locator(".leaflet-popup-content .infobulle-rso__titre").wait_for(timeout=3000)
    assert page.evaluate("scrollY") == avant
    # le texte de l'info-bulle est arrivé avec le fichier de sa région
    frame.locator(".leaflet-popup-content dl").wait_for()
    titres = {p.titre for p in catalogue.pratiques if p.point}
    assert frame.locator(".leaflet-popup-content .infobulle-rso__titre").text_content() in titres


def test_marqueur_au_clavier(ouvrir, serveur_synthetique, synthetique):
    """Un marqueur est atteint au clavier ; au premier focus, son nom complet (titre — organisme) arrive
    avec le fichier de sa région ; Entrée ouvre son info-bulle."""
    page, _ = ouvrir()
    page.goto(serveur_synthetique.url(f"/{carte.DOCUMENT}#region=28"))
    page.wait_for_function(PRETE)
    # assez près pour que les marqueurs ne soient plus regroupés
    page.evaluate("""() => { const c = CarteRSO.carte; const m = c.marqueurs.find(m => m.region === '28');
        c.groupe.zoomToShowLayer(m.marqueur, () => m.marqueur.getElement().setAttribute('data-essai', '1')); }""")
    marqueur = page.locator(".leaflet-marker-pane .marqueur-rso[tabindex='0'][data-essai]")
    marqueur.wait_for()
    assert marqueur.get_attribute("title").startswith("Initiative BP-")
    marqueur.focus()
    page.wait_for_function("() => !!CarteRSO.carte.details['28']")
    titres = {p.titre for p in synthetique.pratiques if p.region == "28"}
    page.wait_for_function("() => !document.activeElement.title.startsWith('Initiative BP-')")
    nom = page.evaluate("document.activeElement.title")
    assert nom.split(" — ")[0] in titres
    page.keyboard.press("Enter")
    titre = page.locator(".leaflet-popup-content .infobulle-rso__titre")
    titre.wait_for()
    assert titre.text_content() == nom.split(" — ")[0]

"""Harnais des tests dans un vrai navigateur.

- Le site est construit une fois par session dans un dossier temporaire (sans PDF) ;
  RSO_SITE=<dossier> réutilise un site déjà construit (développement).
- Il est servi sur 127.0.0.1 (port libre, http.server dans un fil d'exécution).
- Chromium de Debian (/usr/bin/chromium) est piloté par Playwright. S'il manque, les tests échouent
  (jamais de skip) en disant de lancer `make navigateur`.
- Toute requête vers un autre hôte que 127.0.0.1 est bloquée et fait échouer le test, comme une erreur
  JavaScript ou une ressource locale introuvable (statut ≥ 400).
- `page_type` : un représentant de chaque type de page, découvert dans le site construit
  (referentiel_rso.mesures.types_de_pages) : une section qui apparaît est couverte d'elle-même.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

import mesures

RACINE = Path(__file__).resolve().parents[2]
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
HTMLCS = RACINE / "node_modules" / "@pa11y" / "html_codesniffer" / "build" / "HTMLCS.js"
VNU = RACINE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LARGEUR, HAUTEUR = 1280, 800


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_type" in metafunc.fixturenames:
        types = mesures.types_de_pages(mesures.site_temporaire())
        metafunc.parametrize("page_type", types, ids=[t.nom for t in types])


# --------------------------------------------------------------------------------------------------
# site, serveur, navigateur
# --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def site() -> Path:
    return mesures.site_temporaire()


@pytest.fixture(scope="session")
def serveur(site: Path):
    with mesures.Serveur(site) as s:
        yield s


@pytest.fixture(scope="session")
def navigateur():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            chromium = mesures.lancer_chromium(p)
        except mesures.ChromiumAbsent as exc:
            pytest.fail(str(exc), pytrace=False)
        except Exception as exc:  # Chromium présent mais qui ne démarre pas
            pytest.fail(f"Chromium ne démarre pas ({exc}) : {mesures.MESSAGE_INSTALLER}.", pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core est introuvable ({AXE}) : {mesures.MESSAGE_INSTALLER}.", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def htmlcs_source() -> str:
    if not HTMLCS.exists():
        pytest.fail(f"HTML_CodeSniffer est introuvable ({HTMLCS}) : {mesures.MESSAGE_INSTALLER}.", pytrace=False)
    return HTMLCS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    if not VNU.exists():
        pytest.fail(f"vnu.jar est introuvable ({VNU}) : {mesures.MESSAGE_INSTALLER}.", pytrace=False)
    return VNU


# --------------------------------------------------------------------------------------------------
# page surveillée
# --------------------------------------------------------------------------------------------------
@dataclass
class Surveillance:
    garde: mesures.Garde = field(default_factory=mesures.Garde)
    erreurs_js: list[str] = field(default_factory=list)
    introuvables: list[str] = field(default_factory=list)

    def problemes(self) -> list[str]:
        return (
            [f"requête vers un autre hôte (bloquée) : {u}" for u in self.garde.exterieures]
            + [f"erreur JavaScript : {e}" for e in self.erreurs_js]
            + [f"ressource locale en échec : {u}" for u in self.introuvables]
        )


@pytest.fixture
def surveillance() -> Surveillance:
    return Surveillance()


@pytest.fixture
def contexte(navigateur, surveillance: Surveillance):
    """Contexte neuf (cache vide), requêtes extérieures bloquées et notées."""
    ctx = navigateur.new_context(viewport={"width": LARGEUR, "height": HAUTEUR}, locale="fr-FR")
    surveillance.garde.installer(ctx)
    yield ctx
    ctx.close()


def _surveiller(p, surveillance: Surveillance):
    p.set_default_timeout(15_000)
    p.on("pageerror", lambda e: surveillance.erreurs_js.append(str(e)))

    def reponse(r):
        if r.status >= 400 and mesures.est_locale(r.url):
            surveillance.introuvables.append(f"{r.status} {r.url}")

    def echec(r):
        # net::ERR_ABORTED : requête annulée par une navigation (clic sur un lien), pas une ressource absente.
        if mesures.est_locale(r.url) and "ERR_ABORTED" not in (r.failure or ""):
            surveillance.introuvables.append(f"{r.failure} {r.url}")

    p.on("response", reponse)
    p.on("requestfailed", echec)
    return p


@pytest.fixture
def page(contexte, surveillance: Surveillance):
    """Page dans un contexte neuf : cache et stockage vides (pour les tests qui modifient l'état)."""
    yield _surveiller(contexte.new_page(), surveillance)


@pytest.fixture(scope="session")
def _contexte_partage(navigateur):
    ctx = navigateur.new_context(viewport={"width": LARGEUR, "height": HAUTEUR}, locale="fr-FR")
    garde = mesures.Garde().installer(ctx)
    yield ctx, garde
    ctx.close()


@pytest.fixture
def page_lecture(_contexte_partage, surveillance: Surveillance):
    """Page dans un contexte partagé par la session (feuilles de style et scripts en cache) : plus rapide,
    pour les tests qui ne font que lire la page (axe, clavier) sans rien y enregistrer."""
    ctx, garde = _contexte_partage
    garde.exterieures = []
    surveillance.garde = garde
    p = _surveiller(ctx.new_page(), surveillance)
    yield p
    p.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Après chaque test : une requête vers un autre hôte, une erreur JS ou une ressource manquante
    font échouer le test lui-même (pas seulement son nettoyage)."""
    resultat = yield
    s = item.funcargs.get("surveillance") if hasattr(item, "funcargs") else None
    if isinstance(s, Surveillance) and s.problemes():
        pytest.fail("\n".join(s.problemes()), pytrace=False)
    return resultat

"""Sobriété au premier chargement (cache vide), dans Chromium : poids transféré (gzip), requêtes, DOM et
note EcoIndex (OBJECTIF_ECOINDEX) — au contenu actuel et sur un site synthétique de 2 000 pratiques ; et rien de la recherche (interface,
index) tant que le lecteur ne l'ouvre pas.

Les budgets sont ceux de referentiel_rso/budgets.py (BUDGET, BUDGETS_PARTICULIERS, BUDGETS_A_L_ECHELLE) ; chaque
type de page est représenté par sa page la plus lourde. Le site synthétique (copie du projet complétée
par scripts/banc_pratiques.py, construite sans PDF) est construit une fois par session, à la demande :
RSO_SITE_2000=<dossier> en réutilise un déjà construit.

EN_ATTENTE : dépassements connus, dont la correction reste à faire (issue 13,
point 1). Le test tourne, mesure, et les rapporte en xfail avec leurs chiffres (« bonnes-pratiques hors
budget : poids transféré 216 Ko > 100 Ko ; 11344 éléments du DOM > 1000 ») ; dès que la page tient son
budget, il échoue pour qu'on retire la ligne.
"""
from __future__ import annotations

import pytest

import mesures

pytestmark = pytest.mark.navigateur

PRATIQUES_A_L_ECHELLE = 2000
EN_ATTENTE: dict[tuple[str, str], str] = {}
"""(échelle « actuel » ou « 2000 », type de page) → raison. Les chiffres : mesures/sobriete.json."""


def _types() -> list[str]:
    return [t.nom for t in mesures.types_de_pages(mesures.site_temporaire(), plus_lourdes=True)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    for nom in ("type_actuel", "type_a_l_echelle"):
        if nom in metafunc.fixturenames:
            types = _types()
            metafunc.parametrize(nom, types, ids=types)


_MESURES: dict[tuple[str, str], mesures.Mesure] = {}


def _detail(m: mesures.Mesure) -> str:
    return "\n".join(f"  {r.gzip / 1024:7.1f} Ko transférés ({r.octets / 1024:7.1f} Ko)  {r.url}"
                     for r in sorted(m.ressources, key=lambda r: -r.gzip))


def _verifier(m: mesures.Mesure, budget: mesures.Budget, echelle: str, record_property) -> None:
    """Le budget est tenu ; un dépassement connu (EN_ATTENTE) est rapporté en xfail avec ses chiffres, et
    fait échouer le test dès qu'il a disparu (pour qu'on retire la ligne)."""
    record_property("poids_gzip_ko", round(m.poids_gzip / 1024, 1))
    record_property("requetes", m.requetes)
    record_property("dom", m.dom)
    record_property("ecoindex", m.ecoindex().score)
    assert not m.exterieures, f"requêtes vers d'autres hôtes : {m.exterieures}"
    depassements = mesures.depassements(budget, m)
    contexte = "contenu actuel" if echelle == "actuel" else f"{echelle} pratiques"
    message = f"{contexte} — {m.nom} ({m.url}) hors budget : " + " ; ".join(depassements)
    attente = EN_ATTENTE.get((echelle, m.nom))
    if attente:
        assert depassements, (f"{contexte} — {m.nom} tient maintenant son budget : retirer ({echelle!r}, {m.nom!r}) "
                              "de EN_ATTENTE")
        pytest.xfail(f"{message} [{attente}]")
    assert not depassements, message + "\n" + _detail(m)


# ------------------------------------------------------------------------------------------------
# contenu actuel
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lourdes(site):
    return {t.nom: t for t in mesures.types_de_pages(site, plus_lourdes=True)}


def test_budget(navigateur, serveur, lourdes, type_actuel, record_property):
    t = lourdes[type_actuel]
    cle = ("actuel", t.chemin)
    if cle not in _MESURES:
        _MESURES[cle] = mesures.mesurer(navigateur, serveur.url(t.url), t.nom)
    _verifier(_MESURES[cle], mesures.budget(t.nom), "actuel", record_property)


# ------------------------------------------------------------------------------------------------
# 2 000 pratiques synthétiques
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def site_a_l_echelle():
    return mesures.site_synthetique(PRATIQUES_A_L_ECHELLE)


@pytest.fixture(scope="session")
def serveur_a_l_echelle(site_a_l_echelle):
    with mesures.Serveur(site_a_l_echelle) as s:
        yield s


def test_budget_a_l_echelle(navigateur, site_a_l_echelle, serveur_a_l_echelle, type_a_l_echelle, record_property):
    types = {t.nom: t for t in mesures.types_de_pages(site_a_l_echelle, plus_lourdes=True)}
    assert type_a_l_echelle in types, f"type de page {type_a_l_echelle} absent du site à {PRATIQUES_A_L_ECHELLE} pratiques"
    t = types[type_a_l_echelle]
    m = mesures.mesurer(navigateur, serveur_a_l_echelle.url(t.url), t.nom)
    _verifier(m, mesures.budget(t.nom, a_l_echelle=True), str(PRATIQUES_A_L_ECHELLE), record_property)


# ------------------------------------------------------------------------------------------------
# premier chargement : ni recherche, ni ressource en échec
# ------------------------------------------------------------------------------------------------
@pytest.fixture
def mesure(navigateur, serveur, page_type) -> mesures.Mesure:
    """Une mesure par type de page (premier représentant), partagée par les tests qui suivent."""
    cle = ("premier", page_type.chemin)
    if cle not in _MESURES:
        _MESURES[cle] = mesures.mesurer(navigateur, serveur.url(page_type.url), page_type.nom)
    return _MESURES[cle]


def test_premier_chargement_sans_recherche(mesure, page_type):
    """L'interface et l'index de recherche ne sont téléchargés qu'à l'ouverture de la recherche."""
    recherche = [r.url for r in mesure.ressources
                 if "/pagefind/" in r.url or "/recherche-moteur/" in r.url or "search_index" in r.url
                 or "/workers/search" in r.url]
    assert not recherche, f"{page_type.chemin} : téléchargé au premier chargement : {recherche}"


def test_ressources_locales_trouvees(mesure, page_type):
    introuvables = [f"{r.statut} {r.url}" for r in mesure.ressources
                    if mesures.est_locale(r.url) and (r.statut is None or r.statut >= 400)]
    assert not introuvables, f"{page_type.chemin} : ressources en échec : {introuvables}"

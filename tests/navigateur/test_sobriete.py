"""Sobriété au premier chargement (cache vide) : poids total non compressé, nombre de requêtes, et rien
de la recherche (interface, index) tant que le lecteur ne l'ouvre pas."""
from __future__ import annotations

import pytest

import mesures

pytestmark = pytest.mark.navigateur

_MESURES: dict[str, mesures.Mesure] = {}


@pytest.fixture
def mesure(navigateur, serveur, page_type) -> mesures.Mesure:
    """Une mesure par type de page, partagée par les tests de ce module."""
    if page_type.chemin not in _MESURES:
        _MESURES[page_type.chemin] = mesures.mesurer(navigateur, serveur.url(page_type.url), page_type.nom)
    return _MESURES[page_type.chemin]


def _detail(m: mesures.Mesure) -> str:
    return "\n".join(f"  {r.octets / 1024:7.1f} Ko  {r.url}" for r in sorted(m.ressources, key=lambda r: -r.octets))


def test_budget(mesure, page_type, record_property):
    m = mesure
    record_property("poids_ko", round(m.poids / 1024, 1))
    record_property("requetes", m.requetes)
    record_property("ecoindex", m.ecoindex().score)
    assert not m.exterieures, f"requêtes vers d'autres hôtes : {m.exterieures}"
    poids_max, requetes_max = mesures.budget(page_type.nom)
    assert m.poids <= poids_max, f"{page_type.chemin} : {m.poids / 1024:.0f} Ko > {poids_max // 1024} Ko\n{_detail(m)}"
    assert m.requetes <= requetes_max, f"{page_type.chemin} : {m.requetes} requêtes > {requetes_max}\n{_detail(m)}"


def test_premier_chargement_sans_recherche(mesure, page_type):
    """L'interface et l'index de recherche ne sont téléchargés qu'à l'ouverture de la recherche."""
    recherche = [r.url for r in mesure.ressources
                 if "/pagefind/" in r.url or "search_index" in r.url or "/workers/search" in r.url]
    assert not recherche, f"{page_type.chemin} : téléchargé au premier chargement : {recherche}"


def test_ressources_locales_trouvees(mesure, page_type):
    introuvables = [f"{r.statut} {r.url}" for r in mesure.ressources
                    if mesures.est_locale(r.url) and (r.statut is None or r.statut >= 400)]
    assert not introuvables, f"{page_type.chemin} : ressources en échec : {introuvables}"

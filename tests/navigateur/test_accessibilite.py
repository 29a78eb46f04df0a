"""Accessibilité mesurée par axe-core (règles WCAG 2.x A/AA et bonnes pratiques) : 0 violation."""
from __future__ import annotations

import pytest

from .outils import decrire_violations, lancer_axe

pytestmark = pytest.mark.navigateur


def test_axe(page_lecture, serveur, page_type, axe_source):
    """Grand écran (1280 px), puis petit écran (375 px : menu dans le tiroir, icône de recherche seule),
    sur la même page chargée une fois."""
    page = page_lecture
    page.goto(serveur.url(page_type.url))
    rapport = []
    bureau = lancer_axe(page, axe_source)
    if bureau:
        rapport.append(f"à 1280 px :\n{decrire_violations(bureau)}")
    page.set_viewport_size({"width": 375, "height": 740})
    page.wait_for_timeout(200)  # ajustements au redimensionnement (tableaux défilants)
    mobile = lancer_axe(page, axe_source)
    if mobile:
        rapport.append(f"à 375 px :\n{decrire_violations(mobile)}")
    assert not rapport, f"{page_type.chemin} : violations axe-core\n" + "\n".join(rapport)


def test_axe_recherche_ouverte(page, serveur, axe_source):
    """Le dialogue de recherche ouvert, avec des résultats affichés."""
    page.goto(serveur.url("/"))
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    champ = page.locator("#rso-recherche input").first
    champ.fill("enjeu")
    page.locator(".pagefind-ui__result").first.wait_for()
    violations = lancer_axe(page, axe_source)
    assert not violations, f"recherche ouverte : violations axe-core\n{decrire_violations(violations)}"

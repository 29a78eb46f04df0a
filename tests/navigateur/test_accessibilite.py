"""Accessibilité mesurée par deux juges extérieurs : axe-core (règles WCAG 2.x A/AA et bonnes pratiques) et
HTML_CodeSniffer (le moteur de pa11y, norme WCAG2AA) : 0 violation, 0 erreur."""
from __future__ import annotations

import pytest

from .outils import decrire_erreurs_htmlcs, decrire_violations, lancer_axe, lancer_htmlcs

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


def resultats_charges(page):
    """Attend les résultats du dialogue de recherche chargés : leurs liens, plus aucun squelette."""
    page.locator("#rso-recherche .pagefind-ui__result-link").first.wait_for()
    page.wait_for_function("!document.querySelector('#rso-recherche .pagefind-ui__loading')")


def test_axe_recherche_ouverte(page, serveur, axe_source):
    """Le dialogue de recherche ouvert, avec des résultats affichés."""
    page.goto(serveur.url("/"))
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    champ = page.locator("#rso-recherche input").first
    champ.fill("enjeu")
    resultats_charges(page)
    violations = lancer_axe(page, axe_source)
    assert not violations, f"recherche ouverte : violations axe-core\n{decrire_violations(violations)}"


def test_htmlcs(page_lecture, serveur, page_type, htmlcs_source):
    """HTML_CodeSniffer (WCAG2AA) : aucune erreur à 1280 px ni à 375 px."""
    page = page_lecture
    page.goto(serveur.url(page_type.url))
    rapport = []
    for largeur, hauteur in ((1280, 800), (375, 740)):
        page.set_viewport_size({"width": largeur, "height": hauteur})
        page.wait_for_timeout(200)
        erreurs = lancer_htmlcs(page, htmlcs_source)
        if erreurs:
            rapport.append(f"à {largeur} px :\n{decrire_erreurs_htmlcs(erreurs)}")
    assert not rapport, f"{page_type.chemin} : erreurs HTML_CodeSniffer (WCAG2AA)\n" + "\n".join(rapport)


def test_htmlcs_bibliotheque_et_recherche_en_usage(page, serveur, htmlcs_source):
    """Les états produits par JavaScript : résultats et pagination de la bibliothèque, dialogue de
    recherche ouvert avec résultats (chargés : ni squelette ni « chargement »)."""
    page.goto(serveur.url("/bonnes-pratiques/?statut=proposee"))
    page.wait_for_function("() => /trouvée|Aucune/.test(document.getElementById('bibliotheque-etat').textContent)")
    erreurs = lancer_htmlcs(page, htmlcs_source)
    assert not erreurs, f"bibliothèque avec résultats :\n{decrire_erreurs_htmlcs(erreurs)}"
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    page.locator("#rso-recherche input").first.fill("pratique")
    resultats_charges(page)
    erreurs = lancer_htmlcs(page, htmlcs_source)
    assert not erreurs, f"recherche ouverte :\n{decrire_erreurs_htmlcs(erreurs)}"

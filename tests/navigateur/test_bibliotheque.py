"""La bibliothèque de bonnes pratiques dans un vrai navigateur : recherche à facettes (Pagefind),
adresse partageable, pagination, repli sans JavaScript."""
from __future__ import annotations


import pytest

# --------------------------------------------------------------------------------------------------
# la bibliothèque dans un vrai navigateur (site construit, Pagefind, Chromium)
# --------------------------------------------------------------------------------------------------
@pytest.fixture
def navigateur_bibliotheque(serveur, navigateur):
    """Le site construit de la session (harnais : tests/navigateur/conftest.py) et son Chromium."""
    return serveur, navigateur


def _etat(page) -> str:
    page.wait_for_function(
        "() => /trouvée|Aucune/.test(document.getElementById('bibliotheque-etat').textContent)")
    return page.locator("#bibliotheque-etat").text_content()


@pytest.mark.navigateur
def test_recherche_a_facettes(navigateur_bibliotheque, catalogue):
    import mesures

    serveur, chromium = navigateur_bibliotheque
    contexte = chromium.new_context(locale="fr-FR")
    garde = mesures.Garde().installer(contexte)
    page = contexte.new_page()
    erreurs: list[str] = []
    page.on("pageerror", lambda e: erreurs.append(str(e)))
    try:
        page.goto(serveur.url("/bonnes-pratiques/"))
        assert page.locator("#bibliotheque-recherche").is_visible()
        # Pagefind n'est pas chargé tant que le formulaire n'est pas utilisé
        assert not page.evaluate("performance.getEntriesByType('resource').some(r => r.name.includes('/pagefind/'))")

        # une région cochée : les pratiques de cette région, annoncées, et l'adresse partageable
        normandie = [p for p in catalogue.pratiques if p.region == "28"]
        page.locator("#bibliotheque-facette-region").click()
        page.locator("input[name=region][value='28']").check()
        assert _etat(page).startswith(f"{len(normandie)} bonne")
        assert page.locator("#bibliotheque-etat").get_attribute("aria-live") == "polite"
        assert "region=28" in page.url
        titres = page.locator("#bibliotheque-liste h3 a").all_text_contents()
        assert sorted(titres) == sorted(p.titre for p in normandie)

        # l'adresse partagée restitue la recherche (filtres et mot-clé)
        page.goto(serveur.url("/bonnes-pratiques/?enjeu=3.4&q=guide"))
        assert page.locator("input[name=enjeu][value='3.4']").is_checked()
        assert page.locator("#bibliotheque-q").input_value() == "guide"
        assert _etat(page)[0].isdigit()

        # toutes les pratiques : 20 par page, pagination au clavier, focus sur les résultats
        page.goto(serveur.url("/bonnes-pratiques/?statut=proposee"))
        total = sum(1 for p in catalogue.pratiques if p.statut.etat == "proposee")
        _etat(page)
        assert page.locator("#bibliotheque-liste > li").count() == min(20, total)
        if total > 20:
            page.locator("#bibliotheque-pages a", has_text="Suivante").focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.getElementById('bibliotheque-etat').textContent.includes('page 2')")
            assert page.locator("#bibliotheque-liste > li").count() == min(20, total - 20)
            assert page.evaluate("document.activeElement.id") == "bibliotheque-titre-resultats"
            assert "page=2" in page.url
        # un résultat mène à la page de la pratique
        page.locator("#bibliotheque-liste h3 a").first.click()
        page.wait_for_load_state()
        assert "/bonnes-pratiques/pratiques/BP-" in page.url
    finally:
        contexte.close()
    assert not erreurs, erreurs
    assert not garde.exterieures, garde.exterieures


@pytest.mark.navigateur
def test_bibliotheque_sans_javascript(navigateur_bibliotheque, catalogue):
    """Sans JavaScript, le formulaire reste caché et les listes donnent toutes les pratiques."""
    serveur, chromium = navigateur_bibliotheque
    contexte = chromium.new_context(java_script_enabled=False)
    try:
        page = contexte.new_page()
        page.goto(serveur.url("/bonnes-pratiques/"))
        assert not page.locator("#bibliotheque-recherche").is_visible()
        liens = set(page.locator(".bibliotheque-listes a").evaluate_all("els => els.map(e => e.getAttribute('href'))"))
        for p in catalogue.pratiques:
            assert any(p.page.removeprefix("bonnes-pratiques/").removesuffix("index.md") in lien for lien in liens), p.id
    finally:
        contexte.close()

"""Impression (média « print ») et « Mon livret », dans Chromium.

- Une fiche en média print : ni en-tête, ni navigation, ni recherche, ni pied de page du site ; onglets
  imprimés avec leur libellé ; blocs repliés ouverts ; adresses des liens externes imprimées, pas celles
  des liens internes ; en-tête courant (marges @page) rempli avec l'engagement et l'enjeu.
- Mon livret : deux fiches ajoutées depuis leurs pages (le bouton devient « Retirer de mon livret »),
  retrouvées sur la page Mon livret, assemblées dès l'ouverture avec une couverture et un sommaire, et
  imprimées — par le bouton comme par Ctrl+P, sans titre vide ; clavier et annonces pour les lecteurs d'écran.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.navigateur

CACHES_A_L_IMPRESSION = {
    "en-tête du site": ".md-header",
    "onglets de navigation": ".md-tabs",
    "navigation latérale": ".md-sidebar--primary",
    "table des matières": ".md-sidebar--secondary",
    "bouton de recherche": ".rso-recherche-ancre",
    "pied de page": ".md-footer",
    "pied d'information (liens, date)": ".rso-pied",
    "boutons de la fiche": ".md-content .md-button",
}


def _fiche(site: Path, debut: str) -> str:
    dossier = next((site / "enjeux").glob(f"{debut}-*"))
    return f"/enjeux/{dossier.name}/"


def test_fiche_imprimee(page, serveur, site):
    page.goto(serveur.url(_fiche(site, "3-1")))
    page.emulate_media(media="print")

    for nom, selecteur in CACHES_A_L_IMPRESSION.items():
        for el in page.locator(selecteur).all():
            assert not el.is_visible(), f"{nom} ({selecteur}) visible à l'impression"

    labels = page.locator(".tabbed-labels > label")
    assert labels.count() >= 2, "la fiche devrait avoir des onglets (référentiel, déclinaison)"
    for label in labels.all():
        assert label.is_visible(), f"libellé d'onglet caché à l'impression : {label.inner_text()}"
    for bloc in page.locator(".tabbed-block").all():
        assert bloc.is_visible(), "contenu d'onglet caché à l'impression"

    details = page.locator("details")
    assert details.count() >= 1
    for d in details.all():
        resume = d.locator(":scope > summary")
        assert resume.is_visible()
        contenu = d.locator(":scope > :not(summary)").first
        assert contenu.is_visible(), f"bloc replié non ouvert à l'impression : {resume.inner_text()}"

    apres = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href]')].map(a => ({
        href: a.getAttribute('href'), texte: a.textContent.trim(), marque: a.hasAttribute('data-sans-url'),
        apres: getComputedStyle(a, '::after').content }))""")
    externes = [a for a in apres if a["href"].startswith("http")]
    internes = [a for a in apres if not a["href"].startswith(("http", "#"))]
    assert externes and internes
    for a in externes:
        if a["marque"]:
            assert a["texte"].rstrip("/") == a["href"].rstrip("/") and a["apres"] == "none"
        else:
            assert a["href"] in a["apres"], f"adresse non imprimée après le lien externe {a}"
    for a in internes:
        assert a["apres"] in ("none", "normal"), f"adresse imprimée après un lien interne : {a}"

    entete = page.evaluate("""() => [getComputedStyle(document.documentElement).getPropertyValue('--rso-entete-gauche'),
                                     getComputedStyle(document.documentElement).getPropertyValue('--rso-entete-droite')]""")
    assert "Référentiel RSO de la Sécurité sociale" in entete[0]
    assert "Engagement 3 —" in entete[1] and "Enjeu 3.1 —" in entete[1]
    # ODD : le numéro est écrit, la couleur ne porte pas seule l'information
    for badge in page.locator(".badge-odd").all():
        assert badge.inner_text().strip().startswith("ODD ")


def _ajouter(page, serveur, chemin: str) -> str:
    page.goto(serveur.url(chemin))
    bouton = page.locator("[data-rso-livret-bouton]")
    assert bouton.inner_text() == "Ajouter à mon livret"
    bouton.focus()
    page.keyboard.press("Enter")  # au clavier
    # le libellé dit l'action suivante ; pas d'aria-pressed qui le contredirait ; le focus reste sur le bouton
    expect(page.get_by_role("button", name="Retirer de mon livret", exact=True)).to_be_focused()
    assert bouton.get_attribute("aria-pressed") is None
    annonce = page.locator("#rso-livret-annonce")
    annonce.filter(has_text="ajouté à votre livret").wait_for()
    assert annonce.get_attribute("aria-live") == "polite"
    return page.locator(".md-content h1").first.evaluate(
        "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(x => x.remove());"
        " return c.textContent.replace(/\\s+/g, ' ').trim(); }")


def test_mon_livret(page, serveur, site):
    page.add_init_script("window.print = () => { window.__impressions = (window.__impressions || 0) + 1; };")
    titres = [_ajouter(page, serveur, _fiche(site, "1-1")), _ajouter(page, serveur, _fiche(site, "4-2"))]

    # le choix survit à la navigation : de retour sur la première fiche, le bouton propose de la retirer
    page.goto(serveur.url(_fiche(site, "1-1")))
    expect(page.locator("[data-rso-livret-bouton]")).to_have_text("Retirer de mon livret")
    assert "2 pages" in page.locator(".rso-livret-lien").inner_text()

    page.goto(serveur.url("/mon-livret/"))
    items = page.locator("[data-rso-livret-liste] > li")
    assert items.count() == 2
    for item, titre in zip(items.all(), titres):
        assert titre in item.inner_text()

    # ordre : « Monter » la seconde, au clavier ; le focus suit la fiche déplacée
    page.get_by_role("button", name=f"Monter « {titres[1]} »").focus()
    page.keyboard.press("Enter")
    assert titres[1] in items.first.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Descendre « {titres[1]} »"

    page.get_by_role("button", name="Imprimer ou enregistrer en PDF").click()
    page.wait_for_function("window.__impressions === 1")
    sections = page.locator("#rso-livret-document > section.rso-livret-document__section")
    expect(sections).to_have_count(2)
    assert titres[1] in sections.first.locator("h2").first.inner_text()
    assert titres[0] in sections.nth(1).locator("h2").first.inner_text()
    # couverture et sommaire, comme le livret complet ; le sommaire mène à chaque page, dans l'ordre
    assert page.locator("#rso-livret-document .livret-couverture").count() == 1
    sommaire = page.locator("#rso-livret-document .livret-sommaire a")
    assert sommaire.all_inner_texts() == [titres[1], titres[0]]
    for a, section in zip(sommaire.all(), sections.all()):
        assert a.get_attribute("href") == "#" + section.get_attribute("id")
    statut = page.locator("[data-rso-livret-statut]")
    assert statut.get_attribute("role") == "status"
    expect(statut).to_contain_text("Livret prêt")  # attend la fin de l'assemblage (réseau local)
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "identifiants en double dans le livret assemblé"

    # à l'impression : seul le livret assemblé
    page.emulate_media(media="print")
    assert not page.locator("[data-rso-livret-liste]").is_visible()
    assert not page.locator(".md-content h1").first.is_visible()
    assert sections.first.is_visible() and sections.nth(1).is_visible()
    assert page.locator("#rso-livret-document .livret-couverture").is_visible()
    page.emulate_media(media="screen")

    # retirer : plus qu'une fiche, annoncé ; le livret est assemblé de nouveau, avec la seule fiche restante
    page.get_by_role("button", name=f"Retirer « {titres[1]} »").click()
    assert items.count() == 1
    statut.filter(has_text="retiré").wait_for()
    expect(sections).to_have_count(1)
    assert titres[0] in sections.first.locator("h2").first.inner_text()


def test_mon_livret_ctrl_p(page, serveur, site):
    """Ctrl+P sur la page Mon livret (sans passer par le bouton) imprime la sélection assemblée :
    aucun titre de la page ne reste imprimé sans contenu."""
    titre = _ajouter(page, serveur, _fiche(site, "2-1"))
    page.goto(serveur.url("/mon-livret/"))
    sections = page.locator("#rso-livret-document > section.rso-livret-document__section")
    expect(sections).to_have_count(1)  # assemblé dès l'ouverture de la page
    page.emulate_media(media="print")
    assert titre in sections.first.locator("h2").first.inner_text()
    assert sections.first.is_visible()
    visibles = page.evaluate("""() => [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3')]
        .filter(h => h.checkVisibility() && !h.closest('#rso-livret-document')).map(h => h.textContent.trim())""")
    assert not visibles, f"titres de la page imprimés hors du livret : {visibles}"

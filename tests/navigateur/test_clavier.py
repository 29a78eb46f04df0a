"""Clavier : lien d'évitement, focus visible, contenu atteint, recherche utilisable sans souris."""
from __future__ import annotations

import pytest

import mesures

pytestmark = pytest.mark.navigateur

# État d'un élément qui a le focus : nature, visibilité, indicateur de focus, place dans la page.
# Pour un onglet de contenu (bouton radio invisible de pymdownx.tabbed), on juge la rangée d'intitulés
# qui le représente à l'écran.
ETAT = """el => {
    if (!el || el === document.body || el === document.documentElement) return null;
    let vu = el;
    if (el.matches('.tabbed-set > input')) vu = el.parentElement.querySelector(':scope > .tabbed-labels') || el;
    const s = getComputedStyle(vu);
    const r = vu.getBoundingClientRect();
    const nom = (el.getAttribute('aria-label') || el.innerText || el.getAttribute('title') || el.id || '')
        .replace(/\\s+/g, ' ').trim().slice(0, 60);
    return {
        description: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''} « ${nom} »`,
        anneau: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
        visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0,
        contenu: !!el.closest('article.md-content__inner'),
    };
}"""
ETAT_FOCUS = f"() => ({ETAT})(document.activeElement)"
# Enregistre dans la page l'état de chaque élément qui reçoit le focus (une seule lecture par lot de
# tabulations : bien plus rapide qu'un aller-retour par tabulation), jusqu'au premier retour au début.
ENREGISTRER = f"""() => {{
    window.__focus = [];
    window.__tour = false;
    let premier = null;
    document.addEventListener('focusin', e => {{
        if (window.__tour) return;
        if (premier === null) premier = e.target;
        else if (e.target === premier) {{ window.__tour = true; return; }}
        window.__focus.push(({ETAT})(e.target));
    }}, true);
}}"""
MAX_TABULATIONS = 300       # parcours complet (en-tête, onglets, menus, contenu, pied de page)
MAX_DANS_LE_CONTENU = 60    # parcours du contenu seul, après le lien d'évitement
# Parcours complet sur ces types seulement : en-tête, onglets, menus et pied de page sont les mêmes
# composants sur toutes les pages ; le contenu, lui, est parcouru sur chaque type.
PARCOURS_COMPLET = ("accueil", "fiche")


def _fautes(etats: list[dict]) -> list[str]:
    fautes = [f"élément invisible qui reçoit le focus : {e['description']}" for e in etats if not e["visible"]]
    fautes += [f"focus non visible : {e['description']}" for e in etats if e["visible"] and not e["anneau"]]
    return list(dict.fromkeys(fautes))


def test_evitement_et_contenu_au_clavier(page_lecture, serveur, page_type):
    """Première tabulation : le lien « Aller au contenu », visible avec un focus visible ; Entrée mène au
    contenu ; les tabulations suivantes parcourent le contenu, chaque élément visible avec son focus."""
    page = page_lecture
    page.goto(serveur.url(page_type.url))
    page.keyboard.press("Tab")
    etat = page.evaluate(ETAT_FOCUS)
    assert etat and "md-skip" in etat["description"], f"premier élément atteint : {etat}"
    assert etat["visible"] and etat["anneau"], f"lien d'évitement invisible ou sans focus visible : {etat}"
    cible = page.evaluate("document.activeElement.getAttribute('href')")
    assert cible and cible.startswith("#"), cible
    page.keyboard.press("Enter")
    dans_contenu = page.evaluate(
        "id => { const c = document.getElementById(id); return !!c && !!c.closest('article.md-content__inner'); }",
        cible[1:],
    )
    assert dans_contenu, f"le lien d'évitement mène à {cible}, hors du contenu de la page"
    page.evaluate(ENREGISTRER)
    for _ in range(MAX_DANS_LE_CONTENU // 20):
        for _ in range(20):
            page.keyboard.press("Tab")
        if page.evaluate("window.__tour || document.activeElement === document.body || "
                         "window.__focus.some(e => e && !e.contenu)"):
            break
    etats = [e for e in page.evaluate("window.__focus") if e]
    if etats:  # une page sans lien ni contrôle dans son contenu passe directement au pied de page
        premier = etats[0]["description"]
        assert etats[0]["contenu"] or any(m in premier for m in ("md-footer", "md-top", "md-source")), (
            f"après le lien d'évitement, Tab mène à {premier}, hors du contenu")
    fautes = _fautes([e for e in etats if e["contenu"]])
    assert not fautes, "\n".join(fautes)


@pytest.mark.parametrize("nom_type", PARCOURS_COMPLET)
def test_parcours_complet_au_clavier(page_lecture, serveur, site, nom_type):
    """Tabuler de haut en bas toute la page : chaque élément atteint est visible avec un focus visible,
    le contenu est atteint, et la tabulation revient au début (pas de piège)."""
    page = page_lecture
    type_page = next(t for t in mesures.types_de_pages(site) if t.nom == nom_type)
    page.goto(serveur.url(type_page.url))
    page.evaluate(ENREGISTRER)
    fini = False
    for _ in range(MAX_TABULATIONS // 25):
        for _ in range(25):
            page.keyboard.press("Tab")
        if page.evaluate("window.__tour || document.activeElement === document.body"):
            fini = True
            break
    etats = [e for e in page.evaluate("window.__focus") if e]
    assert any(e["contenu"] for e in etats), "le contenu de la page n'est jamais atteint au clavier"
    fautes = _fautes(etats)
    assert not fautes, "\n".join(fautes)
    assert fini, f"après {MAX_TABULATIONS} tabulations, le parcours n'est pas revenu au début"


def test_recherche_au_clavier(page, serveur):
    """Le bouton de recherche s'atteint et s'ouvre au clavier, le champ prend le focus, Échap ferme le
    dialogue et rend le focus au bouton ; « / » ouvre aussi la recherche."""
    page.goto(serveur.url("/"))
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-rso-recherche]')"):
            break
    else:
        pytest.fail("le bouton de recherche n'est pas atteint au clavier")
    page.keyboard.press("Enter")
    champ = page.locator("#rso-recherche input").first
    champ.wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.matches('#rso-recherche input')")
    page.keyboard.type("objectif")
    page.locator(".pagefind-ui__result").first.wait_for()
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('rso-recherche').open")
    assert page.evaluate("document.activeElement.matches('[data-rso-recherche]')"), "le focus n'est pas rendu au bouton"
    page.keyboard.press("/")
    page.wait_for_function("document.getElementById('rso-recherche').open")

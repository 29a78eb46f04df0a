"""Ce qu'une personne voit des pages, sur téléphone comme sur grand écran (issue 10 : points 6, 12, 14, 18, 19).

- À 375 px, sur chaque type de page découvert dans le site construit : la page ne défile jamais de côté
  (un tableau large défile dans sa propre boîte ou se range en cartes) et chaque champ de saisie visible a
  une boîte visible d'au moins 28 px de haut.
- Les chiffres clés de l'accueil : une rangée à 1280 px, une grille de deux colonnes à 375 px.
- La matrice enjeux × ODD : chaque lien est une cible d'au moins 24 × 24 px (WCAG 2.5.8) ; à 375 px elle
  défile dans une boîte nommée et atteignable au clavier.
- Le tableau des indicateurs : un groupe de lignes par enjeu, en-têtes nommés, filtre par engagement et texte.
- Le sommaire d'une fiche à onglets : chaque entrée mène à un intertitre visible, quel que soit l'onglet ouvert.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.navigateur

MOBILE = {"width": 375, "height": 740}

# Les champs de saisie de texte visibles et leur boîte : hauteur, bordure ou fond qui les distingue.
_CHAMPS = """() => {
  const types = ['text', 'search', 'email', 'url', 'tel', 'number', 'password', ''];
  const champs = [...document.querySelectorAll('input, textarea')].filter(c =>
    (c.tagName === 'TEXTAREA' || types.includes((c.getAttribute('type') || '').toLowerCase()))
    && c.checkVisibility({ opacityProperty: true, visibilityProperty: true }));
  const opaque = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return false;
    const p = m[1].split(',').map(Number); return p.length < 4 || p[3] > 0; };
  return champs.map(c => {
    const s = getComputedStyle(c), r = c.getBoundingClientRect();
    const bordure = ['Top', 'Right', 'Bottom', 'Left'].some(k =>
      parseFloat(s['border' + k + 'Width']) >= 1 && s['border' + k + 'Style'] !== 'none' && opaque(s['border' + k + 'Color']));
    const fondParent = getComputedStyle(c.parentElement).backgroundColor;
    const fond = opaque(s.backgroundColor) && s.backgroundColor !== fondParent && s.backgroundColor !== 'rgb(255, 255, 255)';
    return { nom: c.id || c.name || c.outerHTML.slice(0, 80), hauteur: r.height, largeur: r.width,
             boite: bordure || fond || s.boxShadow !== 'none' };
  });
}"""

# Ce qui dépasse à droite de la fenêtre (pour un message d'échec qui dit quoi corriger).
_DEBORDS = """() => [...document.querySelectorAll('body *')].filter(e => {
    if (e.closest('.md-sidebar, .md-nav, [hidden]')) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
  }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')
    + ' → ' + Math.round(e.getBoundingClientRect().right) + ' px')"""


def test_375px_sans_defilement_lateral_et_champs_visibles(page_lecture, serveur, page_type):
    page = page_lecture
    page.set_viewport_size(MOBILE)
    page.goto(serveur.url(page_type.url))
    page.wait_for_timeout(300)  # scripts différés (formulaires montrés par JavaScript)
    largeur = page.evaluate("document.documentElement.scrollWidth")
    fenetre = page.evaluate("document.documentElement.clientWidth")
    assert largeur <= fenetre, (f"{page_type.chemin} : la page défile de côté à 375 px ({largeur} px de large) ; "
                                f"dépassent : {page.evaluate(_DEBORDS)}")
    for champ in page.evaluate(_CHAMPS):
        assert champ["hauteur"] >= 28, f"{page_type.chemin} : champ {champ['nom']} haut de {champ['hauteur']:.0f} px"
        assert champ["boite"], f"{page_type.chemin} : champ {champ['nom']} sans bordure ni fond qui le montre"


def test_chiffres_cles_en_rangee(page_lecture, serveur):
    page = page_lecture
    page.goto(serveur.url("/"))
    chiffres = page.locator(".chiffres-cles > li")
    n = chiffres.count()
    assert n >= 2
    boites = [c.bounding_box() for c in chiffres.all()]
    assert len({round(b["y"]) for b in boites}) == 1, "à 1280 px, les chiffres clés ne sont pas sur une rangée"
    assert all(b["width"] < 400 for b in boites), "chiffres clés en bandes pleine largeur"

    page.set_viewport_size(MOBILE)
    page.wait_for_timeout(100)
    boites = [c.bounding_box() for c in chiffres.all()]
    colonnes = {round(b["x"]) for b in boites}
    assert len(colonnes) == min(2, n), f"à 375 px, {len(colonnes)} colonne(s) de chiffres au lieu de 2"
    assert all(b["x"] + b["width"] <= 375 for b in boites)


@pytest.mark.parametrize("largeur", [1280, 375])
def test_matrice_odd_cibles_et_defilement(page_lecture, serveur, largeur):
    page = page_lecture
    page.set_viewport_size({"width": largeur, "height": 800})
    page.goto(serveur.url("/odd/"))
    liens = page.locator(".matrice-odd a")
    assert liens.count() > 0
    petits = []
    for lien in liens.all():
        b = lien.bounding_box()
        if b["width"] < 24 or b["height"] < 24:
            petits.append(f"{lien.inner_text()} ({b['width']:.0f} × {b['height']:.0f} px)")
    assert not petits, f"cibles de moins de 24 × 24 px dans la matrice à {largeur} px : {petits[:5]}"
    boite = page.locator(".matrice-defilement")
    assert boite.get_attribute("tabindex") == "0" and boite.get_attribute("aria-label")
    assert boite.get_attribute("role") == "region"
    if largeur == 375:
        assert boite.evaluate("b => b.scrollWidth > b.clientWidth"), "la matrice devrait défiler dans sa boîte"
        # la colonne des enjeux reste visible quand la matrice défile
        premiere = page.locator(".matrice-odd tbody th").first
        x = premiere.bounding_box()["x"]
        boite.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        assert abs(premiere.bounding_box()["x"] - x) <= 2, "colonne des enjeux non collante"


def test_tableau_des_indicateurs_en_cartes_a_375px(page_lecture, serveur):
    page = page_lecture
    page.set_viewport_size(MOBILE)
    page.goto(serveur.url("/indicateurs/"))
    ligne = page.locator("#tableau-indicateurs tbody tr[id]").first  # une ligne d'indicateur (pas l'intitulé d'un groupe)
    assert ligne.bounding_box()["x"] + ligne.bounding_box()["width"] <= 375
    libelles = ligne.locator("td").evaluate_all(
        "tds => tds.map(td => getComputedStyle(td, '::before').content)")
    entetes = page.locator("#tableau-indicateurs thead th").all_inner_texts()
    for entete in entetes:
        # chaque valeur dit sa colonne (sauf l'intitulé, en titre de la carte)
        assert any(entete in l for l in libelles) or entete == "Indicateur", f"colonne « {entete} » sans libellé"
    # des mots entiers : aucun mot coupé en deux lignes dans les liens d'enjeu
    coupes = page.evaluate("""() => [...document.querySelectorAll('#tableau-indicateurs a')].filter(a =>
        getComputedStyle(a).wordBreak === 'break-word' || getComputedStyle(a).overflowWrap === 'anywhere').length""")
    assert coupes == 0


def test_tableau_des_indicateurs_par_enjeu_filtre(page_lecture, serveur):
    """Un groupe de lignes par enjeu : chaque cellule nomme sa colonne et son groupe (headers) ; filtrer
    par engagement ne laisse que ses groupes ; chercher l'intitulé d'un enjeu trouve ses indicateurs."""
    page = page_lecture
    page.goto(serveur.url("/indicateurs/"))
    orphelines = page.evaluate("""() => [...document.querySelectorAll('#tableau-indicateurs tbody td')].filter(td =>
        (td.getAttribute('headers') || '').split(' ').filter(Boolean).map(id => document.getElementById(id))
          .filter(th => th && th.tagName === 'TH').length !== 2).length""")
    assert orphelines == 0, "cellules sans leurs deux en-têtes (colonne, groupe)"
    groupes = page.locator("#tableau-indicateurs tbody")
    engagement = groupes.first.get_attribute("data-engagement")
    page.select_option("#filtre-engagement", engagement)
    visibles = page.evaluate("""() => [...document.querySelectorAll('#tableau-indicateurs tbody')].filter(g => !g.hidden)
        .map(g => [g.dataset.engagement, [...g.rows].slice(1).filter(tr => !tr.hidden).length])""")
    attendus = page.locator(f"#tableau-indicateurs tr[data-engagement='{engagement}']").count()
    assert visibles and all(e == engagement and n > 0 for e, n in visibles), visibles
    assert sum(n for _, n in visibles) == attendus
    page.select_option("#filtre-engagement", "")
    groupe = groupes.first
    titre = groupe.locator("th a").inner_text()
    page.fill("#filtre-texte", titre)
    assert groupe.is_visible()
    lignes = groupe.locator("tr[id]")
    assert all(lignes.nth(k).is_visible() for k in range(lignes.count())), "indicateurs de l'enjeu cherché masqués"


def _fiches_a_onglets(site: Path) -> list[str]:
    return [f"/enjeux/{d.parent.name}/" for d in sorted((site / "enjeux").glob("*/index.html"))
            if "tabbed-set" in d.read_text(encoding="utf-8")]


def test_sommaire_mene_a_du_visible(page_lecture, serveur, site):
    """Chaque entrée du sommaire d'une fiche à onglets mène à un intertitre visible, même quand un autre
    onglet est ouvert ; une adresse avec l'ancre d'un intertitre d'onglet caché ouvre cet onglet."""
    fiches = _fiches_a_onglets(site)
    assert fiches, "aucune fiche à onglets : le test ne vérifierait rien"
    page = page_lecture
    for fiche in fiches:
        page.goto(serveur.url(fiche))
        entrees = page.locator(".md-sidebar--primary .md-nav--secondary .md-nav__link[href^='#']")
        ancres = [a.get_attribute("href") for a in entrees.all()]
        assert ancres
        # onglet ouvert : le dernier (celui d'une branche) ; puis chaque entrée du sommaire
        page.locator(".tabbed-labels > label").last.click()
        for ancre in ancres:
            page.locator(f".md-sidebar--primary .md-nav--secondary .md-nav__link[href='{ancre}']").click()
            cible = page.locator(f"[id='{ancre[1:]}']")
            assert cible.is_visible(), f"{fiche} : l'entrée {ancre} du sommaire mène à un intertitre caché"
            assert cible.evaluate("e => { const r = e.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }"), \
                f"{fiche} : {ancre} n'est pas amené à l'écran"
        # ancre d'un intertitre placé dans un onglet caché, donnée dans l'adresse
        cachees = page.evaluate("""() => [...document.querySelectorAll('.tabbed-block h2[id], .tabbed-block h3[id]')]
            .filter(h => !h.checkVisibility()).map(h => h.id)""")
        for id_ in cachees[:2]:
            page.goto(serveur.url(fiche) + "#" + id_)
            assert page.locator(f"[id='{id_}']").is_visible(), f"{fiche}#{id_} : l'onglet ne s'ouvre pas"

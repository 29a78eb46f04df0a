"""Allègement du balisage du thème (build/allegement_html.py) : moins d'éléments, même texte, mêmes liens."""
from __future__ import annotations

import re
from pathlib import Path

from referentiel_rso.build import allegement_html

MENU = """<head>
<link rel="prev" href="../a/">
<link rel="next" href="../c/">
<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">
<link rel="icon" href="../favicon.png">
</head><body>
<header><div class="md-header__topic"><span class="md-ellipsis">
  Titre du site
</span></div></header>
<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">
  <a href="../x/" class="md-nav__link">
    <span class="md-ellipsis">
      1. Renforcer la gouvernance
    </span>
    <span class="md-nav__icon md-icon"></span>
  </a>
</li>
<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="0">
  <span class="md-nav__icon md-icon"></span>
</label>
<label class="md-nav__title" for="__nav_2">
  <span class="md-nav__icon md-icon"></span>
  Engagements
</label>
<a href="#section" class="md-nav__link">
  <span class="md-ellipsis">
    <span class="md-typeset">Avec <code>balise</code></span>
  </span>
</a>
<p>Le texte cite <link rel="next" href="x"> hors de l'en-tête.</p>
<div class="md-footer__title"><div class="md-ellipsis">Suivant</div></div>
</body>"""


def _elements(html: str) -> int:
    return len(re.findall(r"<[a-z][a-z0-9]*\b", html))


def _texte(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_alleger_retire_enveloppes_icones_et_entete_inutile():
    allege = allegement_html.alleger(MENU)
    # intitulés du menu : directement dans le lien
    assert '<a href="../x/" class="md-nav__link">1. Renforcer la gouvernance</a>' in re.sub(r"\s*</a>", "</a>", allege)
    # chevrons : plus de <span> vide (la feuille du site les dessine)
    assert "md-nav__icon" not in allege
    assert '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="0"></label>' in re.sub(
        r"\s*</label>", "</label>", allege)
    # l'en-tête du document perd rel=prev/next et generator, garde le reste
    tete = allege[:allege.index("</head>")]
    assert 'rel="prev"' not in tete and 'rel="next"' not in tete and "generator" not in tete
    assert '<link rel="icon"' in tete
    # ce qui n'est pas le motif du thème reste tel quel : en-tête, pied, enveloppe contenant du balisage,
    # texte de la page
    assert '<div class="md-header__topic"><span class="md-ellipsis">' in allege
    assert '<div class="md-ellipsis">Suivant</div>' in allege
    assert '<span class="md-typeset">Avec <code>balise</code></span>' in allege
    assert '<link rel="next" href="x">' in allege
    # même texte, moins d'éléments
    assert _texte(allege) == _texte(MENU)
    assert _elements(allege) == _elements(MENU) - 7  # 3 dans l'en-tête, 1 enveloppe, 3 icônes


def test_alleger_est_idempotent():
    une = allegement_html.alleger(MENU)
    assert allegement_html.alleger(une) == une


def test_pages_construites_allegees(site_construit: Path):
    """Sur le site construit : ni enveloppe ni icône vide dans le menu, et chaque lien du menu a un intitulé."""
    pages = sorted(site_construit.rglob("index.html"))
    assert pages
    vides = re.compile(r'<a\b[^>]*class="md-nav__link[^"]*"[^>]*>\s*</a>')
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "md-nav" not in html:
            continue
        rel = page.relative_to(site_construit)
        assert 'class="md-nav__icon' not in html, rel
        assert not re.search(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">', html), rel
        assert not vides.search(html), f"{rel} : lien du menu sans intitulé"
        assert "<meta name=\"generator\"" not in html, rel

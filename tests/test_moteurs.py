"""Les deux moteurs construisent le même site depuis les mêmes sources (build/sources.py, build/moteur.py).

MkDocs Material (par défaut, le site de toute la suite : `site_construit`) et Zensical : mêmes pages HTML,
même texte et mêmes liens dans l'article de chaque fiche, pratique et indicateur — sans hook, des
mêmes fichiers.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from referentiel_rso.build import moteur as moteurs
from referentiel_rso.build.construire import preparer
from referentiel_rso.render import urls

# pages que seules les étapes après le moteur écrivent ou retirent (carte, données, livret imprimé)
HORS_MOTEUR = re.compile(r"^(livret/|carte/carte\.html$|pagefind/|donnees/)")


class _Article(HTMLParser):
    """Texte et liens de l'élément <article> principal."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.profondeur = 0
        self.textes: list[str] = []
        self.liens: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.profondeur or tag == "article":
            self.profondeur += tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source")
            for nom, valeur in attrs:
                if nom in ("href", "src") and valeur and not valeur.startswith("#"):
                    self.liens.append(valeur)

    def handle_endtag(self, tag):
        if self.profondeur and tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            self.profondeur -= 1

    def handle_data(self, data):
        if self.profondeur:
            self.textes.append(data)


def article(chemin: Path) -> tuple[str, list[str]]:
    a = _Article()
    a.feed(chemin.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(a.textes)).strip(), a.liens


@pytest.fixture(scope="module")
def site_zensical(racine, tmp_path_factory) -> Path:
    publication, sources = preparer(racine)
    site = tmp_path_factory.mktemp("zensical") / "site"
    moteurs.construire("zensical", sources.config, site, publication)
    return site


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if not HORS_MOTEUR.match(p.relative_to(site).as_posix())}


def test_memes_pages(site_construit, site_zensical):
    mkdocs, zensical = _pages(site_construit), _pages(site_zensical)
    assert mkdocs == zensical, (sorted(mkdocs - zensical)[:10], sorted(zensical - mkdocs)[:10])


def test_meme_texte_des_fiches_pratiques_et_indicateurs(catalogue, site_construit, site_zensical):
    pages = [urls.page_enjeu(e) for e in catalogue.enjeux]
    pages += [p.page for p in catalogue.pratiques]
    pages += [urls.page_indicateur(i.id) for _, i in catalogue.indicateurs]
    assert pages
    for page in pages:
        html = page.replace("index.md", "index.html")
        texte_mkdocs, liens_mkdocs = article(site_construit / html)
        texte_zensical, liens_zensical = article(site_zensical / html)
        assert texte_mkdocs, html
        assert texte_zensical == texte_mkdocs, html
        assert liens_zensical == liens_mkdocs, html


def test_zensical_garde_le_theme_et_le_lien_de_modification(catalogue, site_zensical):
    enjeu = catalogue.enjeux[0]
    html = (site_zensical / urls.page_enjeu(enjeu).replace("index.md", "index.html")).read_text(encoding="utf-8")
    assert "assets/stylesheets/site.css" in html              # feuille du site
    # palette du site : Zensical met sa palette par défaut sur <body> (data-md-color-primary="indigo") ; la
    # feuille commune pose aussi ses couleurs sur [data-md-color-primary], sans quoi l'indigo l'emporterait
    feuille = (site_zensical / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    if "data-md-color-primary=" in html:
        assert re.search(r"\[data-md-color-primary\]\s*\{[^}]*--md-primary-fg-color:\s*var\(--rso-bleu\)", feuille)
    assert "assets/javascripts/site.js" in html               # scripts communs (bloc scripts surchargé)
    assert "md-footer-meta__inner" in html and "rso-pied__liens" in html  # partials/copyright.html
    assert "data-pagefind-body" in html                        # bloc `content` surchargé (overrides/main.html)
    assert f'/{catalogue.fichiers[enjeu.id]}" title="Modifier cette page"' in html
    assert not (site_zensical / "search.json").exists()       # la recherche de Zensical est retirée

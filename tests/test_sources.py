"""Premier temps de la construction : les sources du site écrites en fichiers (build/sources.py)."""
from __future__ import annotations

import fnmatch
import os

import yaml

from referentiel_rso.build import assemblage
from referentiel_rso.build import sources as sources_du_site
from referentiel_rso.render import urls
from referentiel_rso.render.publication import Publication


def _publication(catalogue) -> Publication:
    return Publication.depuis(catalogue)


def test_chaque_page_est_un_fichier_avec_son_lien_de_modification(catalogue, racine, tmp_path):
    publication = _publication(catalogue)
    s = sources_du_site.ecrire(publication, racine, tmp_path / "sources")
    for chemin, texte in publication.pages.items():
        ecrit = (s.docs / chemin).read_text(encoding="utf-8")
        # une page tirée d'un seul fichier YAML porte son adresse ; une page qui en agrège plusieurs, aucune
        assert ecrit.startswith("---\nedit_url: ") == bool(publication.source_de(chemin)), chemin
        assert texte.split("---\n", 2)[2] in ecrit
    # chaque page générée pointe vers son YAML source ; chaque page écrite à la main vers son Markdown
    for enjeu in catalogue.enjeux:
        tete = (s.docs / urls.page_enjeu(enjeu)).read_text(encoding="utf-8").split("---\n")[1]
        assert yaml.safe_load(tete)["edit_url"].endswith("/" + catalogue.fichiers[enjeu.id])
    for page in (racine / "docs").rglob("*.md"):
        rel = page.relative_to(racine / "docs").as_posix()
        tete = yaml.safe_load((s.docs / rel).read_text(encoding="utf-8").split("---\n")[1])
        assert tete["edit_url"].endswith(f"/docs/{rel}")
    # les ressources écrites à la main sont copiées telles quelles, sauf les feuilles et scripts communs,
    # qui ne sont écrits que réunis (build/assemblage.py)
    reunis = assemblage.assembles(racine)
    for f in (racine / "docs" / "assets").rglob("*"):
        rel = f.relative_to(racine / "docs").as_posix()
        if f.is_file() and rel not in reunis:
            assert (s.docs / rel).read_bytes() == f.read_bytes()
    assert reunis and not any((s.docs / rel).exists() for rel in reunis)
    for rel, contenu in assemblage.fichiers(racine).items():
        assert (s.docs / rel).read_bytes() == contenu
    assert yaml.safe_load(s.config.read_text(encoding="utf-8"))["extra_css"] == [assemblage.FEUILLE]


def test_configuration_sans_hook_avec_navigation_complete(catalogue, racine, tmp_path):
    publication = _publication(catalogue)
    s = sources_du_site.ecrire(publication, racine, tmp_path / "sources")
    cfg = yaml.safe_load(s.config.read_text(encoding="utf-8"))
    assert "hooks" not in cfg
    assert cfg["docs_dir"] == "docs"
    assert cfg["edit_uri"] == ""
    # chemins vers le projet, relatifs au dossier des sources
    assert (s.dossier / cfg["theme"]["custom_dir"]).resolve() == (racine / "overrides").resolve()
    macros = next(p["macros"] for p in cfg["plugins"] if isinstance(p, dict) and "macros" in p)
    assert (s.dossier / (macros["module_name"] + ".py")).resolve() == (racine / "macros" / "main.py").resolve()
    # chaque fiche est dans la navigation ; les pages d'une pratique n'y sont pas mais sont déclarées hors nav
    texte_nav = yaml.safe_dump(cfg["nav"], allow_unicode=True)
    for enjeu in catalogue.enjeux:
        assert urls.page_enjeu(enjeu) in texte_nav
    motifs = cfg["not_in_nav"].splitlines()
    for p in catalogue.pratiques:
        assert p.page not in texte_nav
        assert any(fnmatch.fnmatch("/" + p.page, m + "*") for m in motifs), p.page
    abbr = next(e["abbr"] for e in cfg["markdown_extensions"] if isinstance(e, dict) and "abbr" in e)
    assert abbr["glossary"] == dict(publication.abreviations)


def test_seuls_les_fichiers_changes_sont_reecrits(catalogue, racine, tmp_path):
    publication = _publication(catalogue)
    dossier = tmp_path / "sources"
    premier = sources_du_site.ecrire(publication, racine, dossier)
    assert premier.ecrits > 0 and premier.inchanges == 0
    page = dossier / "docs" / urls.page_enjeu(catalogue.enjeux[0])
    ancienne = page.stat().st_mtime_ns - 10_000_000_000
    os.utime(page, ns=(ancienne, ancienne))
    orphelin = dossier / "docs" / "ancienne-page" / "index.md"
    orphelin.parent.mkdir(parents=True)
    orphelin.write_text("---\n---\n# plus produite\n", encoding="utf-8")

    second = sources_du_site.ecrire(publication, racine, dossier)
    assert second.ecrits == 0
    assert second.inchanges == premier.ecrits - 1  # la configuration n'est pas comptée parmi les pages
    assert page.stat().st_mtime_ns == ancienne, "une page inchangée garde sa date de modification"
    assert second.supprimes == 1 and not orphelin.exists() and not orphelin.parent.exists()


def test_page_a_la_fois_ecrite_et_generee_refusee(catalogue, racine, tmp_path):
    import shutil

    import pytest

    projet = tmp_path / "projet"
    for nom in ("docs", "mkdocs.yml"):
        (shutil.copytree if (racine / nom).is_dir() else shutil.copy)(racine / nom, projet / nom)
    (projet / "docs" / "glossaire").mkdir()
    (projet / "docs" / "glossaire" / "index.md").write_text("# doublon\n", encoding="utf-8")
    with pytest.raises(sources_du_site.ConflitDeSources, match="glossaire/index.md"):
        sources_du_site.ecrire(_publication(catalogue), projet, tmp_path / "sources")

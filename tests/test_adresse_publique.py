"""Adresses publiées : le site construit pour être publié nomme sa vraie adresse (site_url ← SITE_URL),
jamais l'adresse provisoire example.invalid ; la publication transmet cette adresse à la construction."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from referentiel_rso.build.exports import adresse_du_site

RACINE = Path(__file__).resolve().parents[1]


def test_site_url_lit_site_url(monkeypatch):
    from referentiel_rso import config

    def adresse(valeur):
        if valeur is None:
            monkeypatch.delenv("SITE_URL", raising=False)
        else:
            monkeypatch.setenv("SITE_URL", valeur)
        config._lire_cache.cache_clear()  # mkdocs.yml relu : !ENV résolu avec la nouvelle valeur
        return adresse_du_site(RACINE)

    try:
        assert adresse("https://rso.exemple.fr/referentiel/") == "https://rso.exemple.fr/referentiel/"
        assert adresse("https://rso.exemple.fr") == "https://rso.exemple.fr/"
        assert "example.invalid" in adresse(None)  # défaut local seulement
    finally:
        monkeypatch.undo()
        config._lire_cache.cache_clear()


def test_aucune_page_publiee_ne_nomme_example_invalid(site_construit):
    """canonical, sitemap.xml, 404, données ouvertes : l'adresse publique, pas l'adresse provisoire."""
    fautifs = [f.relative_to(site_construit).as_posix() for f in site_construit.rglob("*")
               if f.suffix in (".html", ".xml", ".csv", ".json", ".geojson", ".txt")
               and "example.invalid" in f.read_text(encoding="utf-8", errors="replace")]
    assert not fautifs, f"{len(fautifs)} fichiers nomment example.invalid : {fautifs[:10]}"
    adresse = adresse_du_site(RACINE)
    accueil = (site_construit / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{adresse}">' in accueil
    plan = (site_construit / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", plan) and all(
        u.startswith(adresse) for u in re.findall(r"<loc>([^<]+)</loc>", plan))


def test_page_404_reliee_a_l_adresse_publique(site_construit):
    """La page 404 est servie à n'importe quelle profondeur : ses feuilles de style et scripts sont en
    chemins absolus, ceux de l'adresse publique (pas ceux de l'adresse provisoire)."""
    from urllib.parse import urlsplit

    page = (site_construit / "404.html").read_text(encoding="utf-8")
    chemin = urlsplit(adresse_du_site(RACINE)).path
    feuilles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert feuilles and all(f.startswith(chemin) for f in feuilles), feuilles
    for f in feuilles:
        assert (site_construit / f[len(chemin):].split("?")[0]).is_file(), f


def test_la_publication_transmet_l_adresse():
    w = yaml.safe_load((RACINE / ".github" / "workflows" / "deployer.yml").read_text(encoding="utf-8"))
    etapes = w["jobs"]["construire"]["steps"]
    (construire,) = [e for e in etapes if "make site" in str(e.get("run", ""))]
    assert "steps.pages.outputs.base_url" in construire["env"]["SITE_URL"]
    assert any("configure-pages" in str(e.get("uses", "")) and e.get("id") == "pages" for e in etapes)
    assert any("example" in str(e.get("run", "")) and "exit 1" in str(e.get("run", "")) for e in etapes)
    texte = (RACINE / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL,", texte, re.MULTILINE)

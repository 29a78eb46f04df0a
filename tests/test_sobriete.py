"""Sobriété côté construction : feuille d'impression qui ne bloque pas l'affichage, CSS et JS minifiés.

(Poids, requêtes, DOM et EcoIndex dans un vrai navigateur : tests/navigateur/test_sobriete.py.)
"""
from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin

from referentiel_rso.build import minification

_LIENS_CSS = re.compile(r"<link\b[^>]*\brel=\"?stylesheet\"?[^>]*>")


def test_feuille_d_impression_pour_l_impression_seulement(site_construit: Path):
    """Chaque page charge impression.css avec media="print" (le navigateur ne l'attend pas pour afficher
    la page), après les autres feuilles du site (ses règles l'emportent à l'impression)."""
    pages = sorted(p for p in site_construit.rglob("*.html") if "<head" in p.read_text(encoding="utf-8")[:4000])
    assert pages
    problemes = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        liens = _LIENS_CSS.findall(html)
        if not any("referentiel.css" in lien for lien in liens):
            continue  # document hors du thème (ex. la carte, dans son iframe)
        impression = [i for i, lien in enumerate(liens) if "impression.css" in lien]
        if len(impression) != 1:
            problemes.append(f"{page.relative_to(site_construit)} : impression.css liée {len(impression)} fois")
            continue
        lien = liens[impression[0]]
        if 'media="print"' not in lien:
            problemes.append(f"{page.relative_to(site_construit)} : impression.css sans media=\"print\" : {lien}")
        if impression[0] != len(liens) - 1:
            problemes.append(f"{page.relative_to(site_construit)} : impression.css n'est pas la dernière feuille")
    assert not problemes, "\n".join(problemes[:20])


def test_css_et_js_propres_minifies(site_construit: Path, racine: Path):
    """Nos CSS et JS sont servis minifiés (rcssmin, rjsmin) ; les sources restent lisibles."""
    fichiers = minification.fichiers_propres(racine, site_construit)
    noms = {f.name for f in fichiers}
    assert {"referentiel.css", "impression.css", "livret.js", "recherche.js", "accessibilite.js"} <= noms
    for servi in fichiers:
        rel = servi.relative_to(site_construit)
        source = next(racine / d / rel for d in minification.SOURCES if (racine / d / rel).is_file())
        texte = source.read_text(encoding="utf-8")
        attendu = rcssmin.cssmin(texte) if servi.suffix == ".css" else rjsmin.jsmin(texte)
        assert servi.read_text(encoding="utf-8") == attendu, f"{rel} : pas la version minifiée de {source}"
        assert len(attendu) < len(texte), f"{rel} : la minification ne réduit rien"
        assert "\n  " in texte, f"{source} : la source doit rester lisible (indentée)"


def test_minification_ne_touche_que_nos_fichiers(tmp_path: Path):
    racine, site = tmp_path / "projet", tmp_path / "site"
    (racine / "docs" / "assets" / "javascripts").mkdir(parents=True)
    (racine / "overrides" / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "stylesheets").mkdir(parents=True)
    js = "function f ( a ) {\n  // commentaire\n  return a + 1;\n}\n"
    css = ".a  {\n  color : red ;\n}\n/* commentaire */\n"
    (racine / "docs" / "assets" / "javascripts" / "a.js").write_text(js)
    (racine / "overrides" / "assets" / "javascripts" / "b.js").write_text(js)
    (racine / "docs" / "assets" / "stylesheets").mkdir()
    (racine / "docs" / "assets" / "stylesheets" / "c.css").write_text(css)
    for nom in ("javascripts/a.js", "javascripts/b.js", "stylesheets/c.css"):
        source = next((racine / d / "assets" / nom) for d in ("docs", "overrides") if (racine / d / "assets" / nom).exists())
        (site / "assets" / nom).write_text(source.read_text())
    vendu = site / "assets" / "javascripts" / "bundle.min.js"
    vendu.write_text(js)
    etranger = site / "assets" / "javascripts" / "autre.js"  # pas de source chez nous : non touché
    etranger.write_text(js)

    minification.minifier(racine, site)

    assert (site / "assets" / "javascripts" / "a.js").read_text() == "function f(a){return a+1;}"
    assert (site / "assets" / "javascripts" / "b.js").read_text() == "function f(a){return a+1;}"
    assert (site / "assets" / "stylesheets" / "c.css").read_text() == ".a{color:red}"
    assert vendu.read_text() == js and etranger.read_text() == js
    assert (racine / "docs" / "assets" / "javascripts" / "a.js").read_text() == js  # source intacte

"""Sobriété côté construction : feuille d'impression qui ne bloque pas l'affichage, CSS et JS minifiés.

(Poids, requêtes, DOM et EcoIndex dans un vrai navigateur : tests/navigateur/test_sobriete.py.)
"""
from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin

from referentiel_rso import config as configuration
from referentiel_rso.build import assemblage, minification

# la feuille commune (extra_css de mkdocs.yml réunies : build/assemblage.py) ; impression.css vient après
# elle (ses règles l'emportent à l'impression)
FEUILLES_DU_SITE = ("site.css",)
_LIENS_CSS = re.compile(r"<link\b[^>]*\brel=\"?stylesheet\"?[^>]*>")


def test_feuille_d_impression_pour_l_impression_seulement(site_construit: Path):
    """Chaque page charge impression.css avec media="print" (le navigateur ne l'attend pas pour afficher
    la page), après les feuilles communes du site (ses règles l'emportent à l'impression)."""
    pages = sorted(p for p in site_construit.rglob("*.html") if "<head" in p.read_text(encoding="utf-8")[:4000])
    assert pages
    problemes = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        liens = _LIENS_CSS.findall(html)
        if not any("site.css" in lien for lien in liens):
            continue  # document hors du thème (ex. la carte, dans son iframe)
        impression = [i for i, lien in enumerate(liens) if "impression.css" in lien]
        if len(impression) != 1:
            problemes.append(f"{page.relative_to(site_construit)} : impression.css liée {len(impression)} fois")
            continue
        lien = liens[impression[0]]
        if 'media="print"' not in lien:
            problemes.append(f"{page.relative_to(site_construit)} : impression.css sans media=\"print\" : {lien}")
        avant = [i for i, lien in enumerate(liens) if any(f in lien for f in FEUILLES_DU_SITE)]
        if avant and impression[0] < max(avant):
            problemes.append(f"{page.relative_to(site_construit)} : impression.css avant les feuilles du site")
    assert not problemes, "\n".join(problemes[:20])


def test_css_et_js_propres_minifies(site_construit: Path, racine: Path):
    """Nos CSS et JS sont servis minifiés (rcssmin, rjsmin) ; les sources restent lisibles."""
    fichiers = minification.fichiers_propres(racine, site_construit)
    noms = {f.name for f in fichiers}
    assert {"site.css", "site.js", "impression.css", "autodiagnostic.js", "bibliotheque.js"} <= noms
    for servi in fichiers:
        rel = servi.relative_to(site_construit)
        if rel.as_posix() in assemblage.parties(racine):
            source, texte = rel, assemblage.assembler(racine, rel.as_posix())
        else:
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


def test_feuilles_et_scripts_communs_reunis(site_construit: Path, racine: Path):
    """Les feuilles d'extra_css et les scripts communs (build/assemblage.py) arrivent en un fichier chacun,
    minifié, cité une fois par chaque page ; aucune page ne cite une partie seule, qui n'est pas publiée."""
    parties = assemblage.parties(racine)
    assert parties[assemblage.FEUILLE] == tuple(configuration.lire(racine)["extra_css"])
    for rel, morceaux in parties.items():
        servi = (site_construit / rel).read_text(encoding="utf-8")
        for partie in morceaux:
            source = (racine / "docs" / partie).read_text(encoding="utf-8")
            court = rcssmin.cssmin(source) if rel.endswith(".css") else rjsmin.jsmin(source)
            assert court.strip(";") in servi, f"{partie} manque dans {rel}"
            assert not (site_construit / partie).exists(), f"{partie} publiée seule en plus de {rel}"
    cites = re.compile(r'(?:href|src)="([^"]+\.(?:css|js))"')
    seules = {p.rsplit("/", 1)[-1] for liste in parties.values() for p in liste}
    pages = [p for p in site_construit.rglob("index.html") if "md-header" in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        noms = [u.rsplit("/", 1)[-1] for u in cites.findall(page.read_text(encoding="utf-8"))]
        rel = page.relative_to(site_construit)
        assert noms.count("site.css") == 1 and noms.count("site.js") == 1, (rel, noms)
        assert not seules & set(noms), (rel, sorted(seules & set(noms)))


def test_assemblage_dans_l_ordre(tmp_path: Path):
    """Chaque partie, précédée du nom de sa source, dans l'ordre d'extra_css ; « ; » entre deux scripts."""
    (tmp_path / "docs" / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "docs" / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("extra_css:\n  - assets/stylesheets/b.css\n  - assets/stylesheets/a.css\n")
    (tmp_path / "docs" / "assets" / "stylesheets" / "a.css").write_text(".a { color: red }\n")
    (tmp_path / "docs" / "assets" / "stylesheets" / "b.css").write_text(".b { color: blue }\n")
    feuille = assemblage.assembler(tmp_path, assemblage.FEUILLE)
    assert feuille.index("docs/assets/stylesheets/b.css") < feuille.index(".b {") < feuille.index(
        "docs/assets/stylesheets/a.css") < feuille.index(".a {")
    for rel in assemblage.SCRIPTS:
        (tmp_path / "docs" / rel).write_text(f"(function () {{ var x = '{rel}' }})()\n")
    script = assemblage.assembler(tmp_path, assemblage.SCRIPT)
    assert script.count("})()\n;\n") == len(assemblage.SCRIPTS) - 1
    assert [script.index(f"'{rel}'") for rel in assemblage.SCRIPTS] == sorted(
        script.index(f"'{rel}'") for rel in assemblage.SCRIPTS)


# ------------------------------------------------------------------------------------------------
# Déclaration d'écoconception : chiffres tirés de mesures/sobriete.json, jamais tapés
# ------------------------------------------------------------------------------------------------
import json  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import pytest  # noqa: E402

from referentiel_rso.render import pages_ecoconception  # noqa: E402
from referentiel_rso.render.environnement import environnement  # noqa: E402
from referentiel_rso.validate.erreurs import ErreursDeContenu  # noqa: E402


def _page(d: dict) -> dict:
    return {"type": "accueil", "adresse": "/", "octets": 300 * 1024, "octets_gzip": 70 * 1024, "requetes": 11,
            "dom": 400, "ecoindex": 79.4, "classe": "B", "ges": 1.41, "eau": 2.12, **d}


MESURES = {
    "budgets": {"general": {"gzip": 102400, "requetes": 20, "dom": 1000}, "objectif_ecoindex": 75,
                "particuliers": {"carte": {"gzip": 204800, "requetes": 20, "dom": 1000}},
                "a_l_echelle": {"carte": {"gzip": 409600, "requetes": 20, "dom": 1000}}},
    "series": {
        "actuel": {"date": "2026-12-05", "pratiques": 24, "synthetique": False,
                   "pages": [_page({}), _page({"type": "carte", "adresse": "/carte/", "octets_gzip": 150 * 1024,
                                               "dom": 531, "ecoindex": 72.2})]},
        "10000": {"date": "2026-12-06", "pratiques": 10000, "synthetique": True,
                  "pages": [_page({"type": "bonnes-pratiques", "adresse": "/bonnes-pratiques/",
                                   "octets_gzip": 777 * 1024, "dom": 43210, "ecoindex": 21.5, "classe": "F"}),
                            _page({"type": "carte", "adresse": "/carte/", "octets_gzip": 333 * 1024})]},
    },
}


def _rendre(racine: Path) -> str:
    cat = SimpleNamespace(racine=racine)
    return pages_ecoconception.pages(cat, environnement(cat))[pages_ecoconception.PAGE]


def test_declaration_reprend_les_mesures(tmp_path: Path):
    (tmp_path / "mesures").mkdir()
    (tmp_path / pages_ecoconception.FICHIER).write_text(json.dumps(MESURES), encoding="utf-8")
    texte = _rendre(tmp_path)
    assert "Date des dernières mesures** : 05/12/2026, avec 24 bonnes pratiques" in texte
    # un tableau, les deux relevés côte à côte ; un type absent d'un relevé : « — »
    lignes = {re.sub(r"<[^>]+>", "|", l).split("|")[2]: [m for m in re.sub(r"<[^>]+>", " ", l).split(" ") if m]
              for l in texte.splitlines() if l.startswith('<tr><th scope="row"')}
    assert lignes["accueil"] == ["accueil", "70", "400", "79", "(B)", "—"]
    assert lignes["carte"] == ["carte", "150", "531", "72", "(B)", "333", "400", "79", "(B)"]
    assert lignes["bonnes-pratiques"] == ["bonnes-pratiques", "—", "777", "43\u202f210", "22", "(F)"]
    assert '<th scope="colgroup" colspan="3" id="m-echelle">10\u202f000 pratiques</th>' in texte
    assert "Chaque page fait 11 requêtes au premier chargement." in texte
    # budgets et dépassements : calculés des mêmes données
    assert "| Toute page | ≤ 100 Ko | ≤ 20 | ≤ 1\u202f000 |" in texte
    assert "| carte (10 000 pratiques) | ≤ 400 Ko |" in texte
    assert "bonnes-pratiques : 777 Ko transférés (budget 100 Ko), 43\u202f210 éléments (budget 1\u202f000)." in texte
    assert "carte (333" not in texte  # 333 Ko ≤ 400 Ko : dans le budget à l'échelle
    assert "EcoIndex sous 75 au contenu actuel** :\n  carte (72).\n" in texte
    assert "EcoIndex sous 75 à 10\u202f000 pratiques** :\n  bonnes-pratiques (22).\n" in texte


def test_declaration_sans_mesures(tmp_path: Path):
    texte = _rendre(tmp_path)
    assert "Les mesures n'ont pas encore été faites" in texte
    assert "| Toute page |" not in texte


@pytest.mark.parametrize("abimer, champ", [
    (lambda d: d["budgets"]["general"].pop("dom"), "budgets.general.dom"),
    (lambda d: d["series"]["actuel"]["pages"][1].update(octets_gzip="150 Ko"), "series.actuel.pages[1].octets_gzip"),
    (lambda d: d["series"]["10000"].update(date="hier"), "series.10000.date"),
])
def test_mesures_abimees_erreur_claire(tmp_path: Path, abimer, champ):
    d = json.loads(json.dumps(MESURES))
    abimer(d)
    (tmp_path / "mesures").mkdir()
    (tmp_path / pages_ecoconception.FICHIER).write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(ErreursDeContenu) as exc:
        pages_ecoconception.lire(tmp_path)
    assert f"mesures/sobriete.json:1: {champ}:" in exc.value.rapport()
    assert "make mesures" in exc.value.rapport()


def test_declaration_publiee_avec_les_chiffres_du_dernier_releve(site_construit: Path, racine: Path):
    """La page construite porte, pour chaque type de page du dernier relevé versionné, son poids transféré."""
    from outils_html import normaliser, texte

    html = (site_construit / "ecoconception" / "index.html").read_text(encoding="utf-8")
    page = texte(html)
    mesures = pages_ecoconception.lire(racine)
    assert mesures is not None, f"{pages_ecoconception.FICHIER} absent : lancer `make mesures`"
    for serie in filter(None, [mesures.actuelle, mesures.a_l_echelle_serie]):
        for p in serie.pages:
            valeurs = normaliser(f"{pages_ecoconception.ko(p.octets_gzip)} "
                                 f"{pages_ecoconception.nombre(p.dom)} {p.ecoindex:.0f} ({p.classe})")
            assert valeurs in page, f"déclaration : chiffres absents pour {p.type} ({serie.cle}) : {valeurs}"
            assert p.type in page
    a_propos = (site_construit / "a-propos" / "index.html").read_text(encoding="utf-8")
    assert 'href="../ecoconception/"' in a_propos, "À propos : pas de lien vers la déclaration d'écoconception"

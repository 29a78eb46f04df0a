"""Le site construit contient tout le référentiel : chaque fiche, objectif, action type, indicateur."""
from __future__ import annotations

import re

import pytest

from outils_html import texte, texte_markdown
from referentiel_rso.render import urls
from referentiel_rso.render.pages_referentiel import glossaire


def page(site, chemin_md: str) -> str:
    html_path = site / (chemin_md.replace("index.md", "index.html") if chemin_md.endswith("index.md")
                        else chemin_md[:-3] + "/index.html")
    assert html_path.exists(), f"page absente : {html_path}"
    return html_path.read_text(encoding="utf-8")


def test_pages_principales(site_construit, catalogue):
    for chemin in ["index.md", "engagements/index.md", "indicateurs/index.md", "odd/index.md",
                   "iso-26000/index.md", "glossaire/index.md", "a-propos/index.md"]:
        page(site_construit, chemin)
    fiches = list((site_construit / "enjeux").glob("*/index.html"))
    assert len(fiches) == 15
    assert len(list((site_construit / "engagements").glob("*/index.html"))) == 5
    assert len(list((site_construit / "odd").glob("*/index.html"))) == 17
    assert len(list((site_construit / "iso-26000").glob("*/index.html"))) == 7


def test_accueil_chiffres_cles(site_construit):
    t = texte(page(site_construit, "index.md"))
    for chiffre in ("5 engagements", "15 enjeux", "31 objectifs", "21 indicateurs P1"):
        assert chiffre in t


@pytest.mark.parametrize("id_enjeu", [f"{e}.{k}" for e, n in {1: 3, 2: 3, 3: 4, 4: 3, 5: 2}.items() for k in range(1, n + 1)])
def test_fiche_complete(site_construit, catalogue, id_enjeu):
    enjeu = catalogue.enjeu(id_enjeu)
    source = page(site_construit, urls.page_enjeu(enjeu))
    t = texte(source)
    assert enjeu.titre in t
    for o in enjeu.objectifs:
        assert f'id="{urls.ancre_objectif(o.id)}"' in source
        assert o.intitule in t, o.id
    for g in enjeu.actions_types:
        for a in [*g.actions, *(a for s in g.sous_groupes for a in s.actions)]:
            assert texte_markdown(a) in t, a
    for i in enjeu.indicateurs:
        assert i.intitule in t
    for g in enjeu.glossaire:
        assert g.terme in t
    for c in enjeu.odd:
        assert f"ODD {c.numero}" in t
    sections = ["Référence ISO 26000", "Contribution aux Objectifs de développement durable",
                "De quoi s'agit-il ?", "Parties prenantes", "Nos objectifs", "Actions types",
                "Les indicateurs", "Les bonnes pratiques"]
    positions = [t.index(s) for s in sections]
    assert positions == sorted(positions), "sections hors de l'ordre du référentiel"
    if enjeu.notes:
        assert "Notes sur la source" in t


def test_tableau_des_indicateurs(site_construit, catalogue):
    source = page(site_construit, "indicateurs/index.md")
    for enjeu, i in catalogue.indicateurs:
        ligne = re.search(rf'<tr id="{urls.ancre_indicateur(i.id)}"[^>]*>(.*?)</tr>', source, re.S)
        assert ligne, i.id
        contenu = texte(ligne.group(1))
        assert texte(i.intitule) in contenu
        assert (i.categorie or "non précisée") in contenu


def test_glossaire_complet_avec_ancres(site_construit, catalogue):
    source = page(site_construit, "glossaire/index.md")
    for e in glossaire(catalogue):
        assert f'id="{e["ancre"]}"' in source
    t = texte(source)
    for a in catalogue.abreviations.abreviations:
        assert a.sigle in t


def test_abreviations_en_infobulle(site_construit):
    source = page(site_construit, "enjeux/2-2-sante-securite-qvt/index.md")
    assert re.search(r'<abbr title="[^"]+">QVT</abbr>', source)


def test_liens_croises(site_construit, catalogue):
    enjeu = catalogue.enjeu("3.1")
    source = page(site_construit, urls.page_enjeu(enjeu))
    assert "../../odd/13/" in source
    assert "../../iso-26000/environnement/" in source
    assert "../../engagements/3-" in source
    odd13 = page(site_construit, "odd/13/index.md")
    assert "../../enjeux/3-1-" in odd13


def test_a_propos(site_construit, catalogue):
    t = texte(page(site_construit, "a-propos/index.md"))
    for mot in ("2007-2010", "2011-2014", "2015-2018", "CTP RSO", "Comité Stratégique Rapsodie", "Caisses nationales", "COMEX"):
        assert mot in t
    for d in catalogue.definitions.definitions:
        assert d.terme in t

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


def test_matrice_odd_chaque_coche_dans_sa_colonne(site_construit, catalogue):
    """Matrice enjeux × ODD : les colonnes vides consécutives sont réunies (colspan), chaque ligne couvre
    toujours toutes les colonnes et chaque coche est dans la colonne de son ODD."""
    source = page(site_construit, "odd/index.md")
    numeros = [o.numero for o in catalogue.table_odd.odd]
    for enjeu in catalogue.enjeux:
        ligne = re.search(rf'<tr><th scope="row"><a href="[^"]*">{re.escape(enjeu.id)}</a></th>(.*?)</tr>', source, re.S)
        assert ligne, enjeu.id
        colonne, cochees = 0, []
        for attributs, contenu in re.findall(r"<td([^>]*)>(.*?)</td>", ligne.group(1), re.S):
            largeur = int(re.search(r'colspan="(\d+)"', attributs).group(1)) if "colspan" in attributs else 1
            if "coche" in attributs:
                assert largeur == 1 and f"ODD {numeros[colonne]}" in contenu, (enjeu.id, colonne)
                cochees.append(numeros[colonne])
            else:
                assert not contenu.strip()
            colonne += largeur
        assert colonne == len(numeros), f"{enjeu.id} : {colonne} colonnes sur {len(numeros)}"
        assert cochees == sorted(c.numero for c in enjeu.odd), enjeu.id


def test_indicateurs_un_groupe_par_enjeu(site_construit, catalogue):
    """Tableau des indicateurs : un groupe de lignes par enjeu, qui porte l'engagement et l'enjeu, et chaque
    indicateur dans le groupe de son enjeu."""
    source = page(site_construit, "indicateurs/index.md")
    groupes = re.findall(r"<tbody[^>]*>(.*?)</tbody>", source, re.S)
    avec = [e for e in catalogue.enjeux if e.indicateurs]
    assert len(groupes) == len(avec)
    for enjeu, groupe in zip(avec, groupes):
        entete = texte(re.search(r'<tr class="groupe">(.*?)</tr>', groupe, re.S).group(1))
        assert f"Engagement {enjeu.engagement}" in entete and enjeu.id in entete
        assert re.findall(r'<tr id="([^"]+)"', groupe) == [urls.ancre_indicateur(i.id) for i in enjeu.indicateurs]


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


# --------------------------------------------------------------------------------------------------
# Notes sur la source (issue 10, point 11) : ce que voit le lecteur, sur toutes les pages construites
# --------------------------------------------------------------------------------------------------
_CHEMIN_DE_DONNEE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z_]+\[\d+\]|\b[a-z_]+\.[a-z_]+\b")


def _pages_html(site):
    return [f for f in site.rglob("*.html") if "pagefind" not in f.parts]


def test_notes_sur_la_source_en_mots(site_construit, catalogue):
    """L'objet d'une note est dit en mots (« 3e ODD cité »), jamais par un chemin de donnée (`odd[2]`,
    `indicateurs[4].categorie`) ; ses documents sources par leur titre, jamais par leur code (« 004 »)."""
    codes = "|".join(d.code for d in catalogue.sources.documents)
    code_visible = re.compile(rf"\(({codes})\)|^({codes})\b|source ({codes})\b")
    vues = 0
    for f in _pages_html(site_construit):
        html = f.read_text(encoding="utf-8")
        for bloc in re.findall(r'<details class="note">(.*?)</details>', html, re.S):
            for objet_, reste in re.findall(r"<li><strong>(.*?)</strong> —(.*?)</li>", bloc, re.S):
                vues += 1
                assert not _CHEMIN_DE_DONNEE.search(texte(objet_)), f"{f} : note sur « {texte(objet_)} »"
                for source in re.findall(r"\(source : (.*?)\)</em>", reste, re.S):
                    assert not code_visible.search(texte(source)), f"{f} : source « {texte(source)} »"
        for provenance in re.findall(r"<li>Transcrite de : (.*?)</li>", html, re.S):
            assert not code_visible.search(texte(provenance)), f"{f} : « {texte(provenance)} »"
    notes = sum(len(e.notes) for e in catalogue.enjeux) + sum(len(p.notes) for p in catalogue.pratiques)
    assert vues >= notes, "des notes sur la source ne sont pas publiées"


def test_documents_sources_connus(catalogue):
    """Chaque code de document cité par une note est décrit dans data/sources.yml."""
    connus = {d.code for d in catalogue.sources.documents}
    notes = [n for e in catalogue.enjeux for n in e.notes] + [n for p in catalogue.pratiques for n in p.notes]
    for n in notes:
        for code in re.findall(r"(?<![\d ])\b(\d{3})\b(?![\d ]\d)", n.source or ""):
            assert code in connus, f"document {code} cité par une note, absent de data/sources.yml"


# --------------------------------------------------------------------------------------------------
# Pages qui citent des bonnes pratiques (issue 10, point 13 ; issue 13, point 1)
# --------------------------------------------------------------------------------------------------
_LIEN_PRATIQUE = re.compile(r'href="[^"]*bonnes-pratiques/pratiques/[^"]+"')


def test_place_sur_la_carte_une_seule_fois(site_construit, catalogue):
    for p in catalogue.pratiques:
        n = page(site_construit, p.page).count('class="bp-carte"')
        assert n == (1 if p.point else 0), f"{p.id} : « Voir sur la carte » {n} fois"


def _verifier_liste_bornee(html: str, ou: str, pratiques: list, cle: str, valeur: str) -> None:
    from referentiel_rso.render.apercus import LIMITE

    liens = set(_LIEN_PRATIQUE.findall(html))
    assert len(liens) <= LIMITE, f"{ou} : {len(liens)} pratiques listées (au plus {LIMITE})"
    if pratiques:
        assert len(liens) == min(LIMITE, len(pratiques)), ou
        assert f"bonnes-pratiques/?{cle}={valeur}" in html, f"{ou} : pas de lien vers la bibliothèque filtrée"
        total = len(pratiques)
        assert f"{total} bonne{'s' if total > 1 else ''} pratique" in texte(html), f"{ou} : nombre total absent"


def test_listes_de_pratiques_bornees(site_construit, catalogue):
    """Fiche d'enjeu, page d'ODD, page d'indicateur : au plus LIMITE pratiques, leur nombre, et la
    bibliothèque filtrée sur le même critère (lien ordinaire, sans JavaScript)."""
    for enjeu in catalogue.enjeux:
        _verifier_liste_bornee(page(site_construit, urls.page_enjeu(enjeu)), enjeu.id,
                               catalogue.pratiques_de(enjeu.id), "enjeu", enjeu.id)
    for odd in catalogue.table_odd.odd:
        pratiques = [p for p in catalogue.pratiques if odd.numero in p.odd]
        _verifier_liste_bornee(page(site_construit, urls.page_odd(odd.numero)), f"ODD {odd.numero}",
                               pratiques, "odd", str(odd.numero))
    for enjeu, i in catalogue.indicateurs:
        pratiques = [p for p in catalogue.pratiques
                     if any(getattr(r, "indicateur", None) == i.id for r in getattr(p, "resultats", ()))]
        _verifier_liste_bornee(page(site_construit, urls.page_indicateur(i.id)), i.id, pratiques, "enjeu", enjeu.id)


def test_liste_bornee_sur_beaucoup_de_pratiques(catalogue):
    """Avec plus de pratiques que la limite (fixture : 37 pratiques) : LIMITE listées, validées d'abord puis
    les plus récentes, le nombre total et le lien vers la bibliothèque filtrée."""
    from types import SimpleNamespace

    from referentiel_rso.render.apercus import LIMITE
    from referentiel_rso.render.environnement import environnement

    fausses = [SimpleNamespace(id=f"BP-{n:04d}", titre=f"Pratique {n}", organisme="Caf de test",
                               page=f"bonnes-pratiques/pratiques/BP-{n:04d}-x/index.md",
                               statut=SimpleNamespace(etat="validee" if n in (3, 5) else "proposee"))
               for n in range(1, 38)]
    macros = environnement(catalogue).get_template("_macros.md.j2").module
    sortie = str(macros.pratiques_bornees(fausses, "odd/13/index.md", "odd", 13, "pour cet ODD"))
    listees = re.findall(r"^- \[Pratique (\d+)\]", sortie, re.M)
    assert len(listees) == LIMITE
    assert listees[:2] == ["5", "3"], "les pratiques validées viennent d'abord"
    assert listees[2:] == [str(n) for n in range(37, 37 - (LIMITE - 2), -1)], "puis les plus récentes"
    assert "37 bonnes pratiques pour cet ODD" in sortie
    assert 'href="../../bonnes-pratiques/?odd=13"' in sortie

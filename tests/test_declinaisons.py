"""Déclinaisons de branche : contenu de l'Assurance Maladie, rendu des onglets, ajout d'une branche
par un seul fichier, erreurs des fichiers invalides, fiches d'indicateur et graphiques."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from referentiel_rso.load.declinaisons import charger_declinaisons
from referentiel_rso.models.declinaison import format_nombre
from referentiel_rso.render import pages_declinaisons, rendre, urls
from referentiel_rso.render.environnement import environnement
from referentiel_rso.render.publication import Publication
from referentiel_rso.render.pages_indicateurs import fiches_indicateurs
from referentiel_rso.render.urls import page_declinaison

RACINE = Path(__file__).resolve().parents[1]
FIXTURES = RACINE / "tests" / "fixtures"
EXTENSIONS_MD = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "pymdownx.details",
                 "pymdownx.superfences", "pymdownx.tabbed"]


@pytest.fixture(scope="module")
def am(catalogue):
    return next(d for d in catalogue.declinaisons if d.branche == "assurance-maladie")


@pytest.fixture(scope="module")
def avec_famille(catalogue):
    """Le catalogue réel, plus la branche synthétique des fixtures, chargée par le même code."""
    declinaisons, erreurs = charger_declinaisons(
        RACINE, catalogue, [RACINE / "content" / "declinaisons", FIXTURES / "declinaisons"])
    assert not erreurs, "\n".join(map(str, erreurs))
    return catalogue.avec(declinaisons=declinaisons)


def onglet(catalogue, declinaison, enjeu) -> str:
    """Markdown de l'onglet d'une branche (gabarit partiel), tel que fiche.md.j2 l'inclut."""
    env = environnement(catalogue)
    return env.get_template("declinaison_fiche.md.j2").render(
        enjeu=enjeu, page=urls.page_enjeu(enjeu), d=declinaison)


def onglet_html(catalogue, declinaison, enjeu) -> str:
    """Le même onglet placé dans des onglets pymdownx.tabbed (contenu indenté de 4 espaces), en HTML."""
    corps = onglet(catalogue, declinaison, enjeu)
    indente = "\n".join(("    " + ligne) if ligne.strip() else "" for ligne in corps.splitlines())
    texte = f'=== "Référentiel institutionnel"\n\n    Texte.\n\n=== "{declinaison.nom}"\n\n{indente}\n'
    html = markdown.markdown(texte, extensions=EXTENSIONS_MD, extension_configs={
        "pymdownx.tabbed": {"alternate_style": True}})
    blocs = html.split('<div class="tabbed-block">')
    assert len(blocs) == 3, "deux onglets attendus"
    return blocs[2]


def sans_balises(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


# --- le contenu de l'Assurance Maladie ------------------------------------------------------------

def test_am_decline_les_15_enjeux(catalogue, am):
    assert [b.enjeu for b in am.enjeux] == [e.id for e in catalogue.enjeux]
    assert am.pour_enjeu("3.3") is not None and am.pour_enjeu("9.9") is None
    assert am in catalogue.declinaisons_de("2.1")


def test_am_nombre_d_actions(am):
    compte = {b.enjeu: (len(b.actions_nationales), len(b.actions_locales)) for b in am.enjeux}
    assert compte == {
        "1.1": (2, 2), "1.2": (2, 2), "1.3": (2, 2),
        "2.1": (3, 2), "2.2": (3, 4), "2.3": (2, 2),
        "3.1": (2, 1), "3.2": (2, 3), "3.3": (2, 3), "3.4": (2, 2),
        "4.1": (5, 0), "4.2": (3, 0), "4.3": (1, 0),
        "5.1": (4, 3), "5.2": (4, 2),
    }


def test_am_quatre_indicateurs_de_branche(am):
    assert [(i.id, i.enjeu, i.unite) for i in am.indicateurs_branche] == [
        ("3.3-am-flotte", "3.3", "g/CO₂/km"),
        ("3.3-am-deplacements", "3.3", "km"),
        ("3.4-am-papier", "3.4", "tonnes"),
        ("3.4-am-eau", "3.4", "m³"),
    ]


@pytest.mark.parametrize("bloc_id", [f"{e}.{k}" for e, n in ((1, 3), (2, 3), (3, 4), (4, 3), (5, 2))
                                     for k in range(1, n + 1)])
def test_chaque_action_sous_son_niveau_dans_l_onglet(catalogue, am, bloc_id):
    bloc = am.pour_enjeu(bloc_id)
    html = onglet_html(catalogue, am, catalogue.enjeu(bloc_id))
    national, _, reste = html.partition(">Niveau national</h3>")
    assert _, "titre « Niveau national » absent de l'onglet"
    national, _, local = reste.partition(">Niveau local</h3>")
    assert _, "titre « Niveau local » absent de l'onglet"
    local = local.split("<h3", 1)[0]
    for niveau, actions, ici, ailleurs in (("national", bloc.actions_nationales, national, local),
                                          ("local", bloc.actions_locales, local, national)):
        items = [sans_balises(li) for li in re.findall(r"<li>(.*?)</li>", ici, re.S)]
        autres = [sans_balises(li) for li in re.findall(r"<li>(.*?)</li>", ailleurs, re.S)]
        for a in actions:
            texte = sans_balises(markdown.markdown(a.texte))
            trouve = [i for i in items if i.startswith(texte)]
            assert trouve, f"{bloc_id} : action {niveau} absente de son niveau : {texte[:60]}"
            assert not any(i.startswith(texte) for i in autres), f"{bloc_id} : action {niveau} aussi sous l'autre niveau"
            for etiquette in a.etiquettes:
                assert etiquette in trouve[0], f"{bloc_id} : étiquette « {etiquette} » absente de l'action"
        if not actions:
            assert f"pas d'action de niveau {niveau}" in sans_balises(ici)


def test_themes_et_perspectives_dans_l_onglet(catalogue, am):
    for bloc in am.enjeux:
        texte = sans_balises(onglet_html(catalogue, am, catalogue.enjeu(bloc.enjeu)))
        for t in bloc.themes:
            assert t in texte
        for p in bloc.perspectives:
            assert p.titre in texte


def test_valeurs_portent_unite_et_annee_ou_une_note(am):
    assert len(am.valeurs) == 11
    for v in am.valeurs:
        assert v.annee is not None or (v.note and "année" in v.note), v
        assert v.unite or v.note, v
        assert v.indicateurs, v
    publiees = {(tuple(v.indicateurs), v.annee): (v.valeur, v.unite) for v in am.valeurs}
    assert publiees[(("3.2-i1",), 2020)] == (255834078, "kWh")
    assert publiees[(("3.4-am-papier",), 2020)] == (1121, "tonnes")
    assert publiees[(("3.4-am-eau",), 2020)] == (355906.23, "m³")
    assert publiees[(("3.3-am-deplacements", "3.3-am-flotte"), 2020)] == ("172,472", None)
    assert publiees[(("4.3-i3",), None)] == (20.79, "%")


def test_valeurs_affichees_dans_l_onglet_de_leur_enjeu(catalogue, am):
    for v in am.valeurs:
        enjeu = catalogue.enjeu(v.indicateurs[0].split("-")[0])
        texte = onglet(catalogue, am, enjeu)
        assert v.affichage in texte
        assert (str(v.annee) if v.annee else "non précisée") in texte


def test_chiffres_de_l_introduction(am):
    chiffres = {(c.valeur, c.annee) for c in am.introduction.chiffres}
    assert {(27.4, None), (15, None), (16, None), (62, None), (30, None), (6.76, 2021), (6.48, 2020)} == chiffres


# --- une deuxième branche, par un seul fichier ------------------------------------------------------

def test_deuxieme_branche_chargee_par_le_meme_code(avec_famille):
    assert [d.branche for d in avec_famille.declinaisons] == ["assurance-maladie", "famille"]
    famille = next(d for d in avec_famille.declinaisons if d.branche == "famille")
    assert famille.fichier == "tests/fixtures/declinaisons/famille.yml"
    assert [d.nom for d in avec_famille.declinaisons_de("1.2")] == ["Assurance Maladie", "Famille"]
    assert [d.nom for d in avec_famille.declinaisons_de("1.1")] == ["Assurance Maladie"]


def test_deuxieme_branche_a_son_onglet(avec_famille):
    pages = rendre(avec_famille)
    enjeu = avec_famille.enjeu("1.2")
    fiche = pages[urls.page_enjeu(enjeu)]
    assert '=== "Référentiel institutionnel"' in fiche
    assert '=== "Assurance Maladie"' in fiche and '=== "Famille"' in fiche
    onglet_famille = fiche.split('=== "Famille"', 1)[1]
    assert "    - Action nationale fictive de la branche Famille pour le pilotage *(étiquette de test)*" in onglet_famille
    assert "Action nationale fictive" not in fiche.split('=== "Famille"', 1)[0]
    assert page_declinaison(next(d for d in avec_famille.declinaisons if d.branche == "famille")) in pages
    # le contenu d'un onglet est indenté de 4 espaces : aucune ligne non vide ne revient à la marge
    for ligne in onglet_famille.splitlines():
        if ligne.strip() and not ligne.startswith("=== "):
            assert ligne.startswith("    "), ligne


def test_fiche_rendue_avec_onglets(catalogue):
    pages = rendre(catalogue)
    fiche = pages[urls.page_enjeu(catalogue.enjeu("2.2"))]
    assert '=== "Assurance Maladie"' in fiche
    assert "    - Mesurer régulièrement la qualité du climat social interne *(action SDRH)*" in fiche


# --- les pages d'une déclinaison : une présentation, une page par engagement ----------------------------

def _pages_de(pages: dict[str, str], d) -> dict[str, str]:
    dossier = urls.page_declinaison(d).removesuffix("index.md")
    return {chemin: texte for chemin, texte in pages.items() if chemin.startswith(dossier)}


def test_une_page_par_engagement_sans_rien_perdre(avec_famille):
    """Chaque enjeu décliné est sur la page de son engagement, et seulement là, avec son ancre, toutes ses
    actions et ses perspectives ; chaque valeur publiée est sur la page de l'engagement de son indicateur."""
    pages = rendre(avec_famille)
    for d in avec_famille.declinaisons:
        parties = pages_declinaisons.parties(avec_famille, d)
        propres = _pages_de(pages, d)
        assert set(propres) == {urls.page_declinaison(d)} | {p.page for p in parties}
        for bloc in d.enjeux:
            enjeu = avec_famille.enjeu(bloc.enjeu)
            ancre = "{ #" + urls.ancre_enjeu(enjeu.id) + " }"
            ou = [chemin for chemin, texte in propres.items() if ancre in texte]
            partie = next(p for p in parties if p.engagement.numero == enjeu.engagement)
            assert ou == [partie.page], f"{d.branche} {enjeu.id} : sur {ou}"
            texte = propres[partie.page]
            for a in (*bloc.actions_nationales, *bloc.actions_locales):
                assert a.texte in texte, f"{d.branche} {enjeu.id} : action absente : {a.texte[:60]}"
            for p in bloc.perspectives:
                assert p.titre in texte and p.texte in texte
            for x in bloc.exemples:
                assert x.titre in texte and x.texte in texte
        for commun in d.engagements:
            partie = next(p for p in parties if p.engagement.numero == commun.engagement)
            for p in commun.perspectives:
                assert p.texte in propres[partie.page]
        for v in d.valeurs:
            for partie in parties:
                attendue = partie.engagement.numero in pages_declinaisons.engagements_de(avec_famille, v)
                assert (v in partie.valeurs) == attendue
            assert any(v in p.valeurs for p in parties), f"{d.branche} : valeur sans page : {v}"
            for p in parties:
                if v in p.valeurs:
                    assert v.affichage in propres[p.page]


def test_presentation_et_engagements_se_relient(avec_famille):
    """La présentation mène à chaque page d'engagement (et à chaque enjeu) ; chaque page d'engagement
    ramène à la présentation. De simples liens : tout est joignable sans JavaScript."""
    pages = rendre(avec_famille)
    for d in avec_famille.declinaisons:
        presentation = pages[urls.page_declinaison(d)]
        for c in d.introduction.chiffres:
            assert format_nombre(c.valeur) in presentation
        for ib in d.indicateurs_branche:
            assert ib.intitule in presentation
        for g in d.appui_reseau:
            assert g.titre in presentation
        for partie in pages_declinaisons.parties(avec_famille, d):
            assert f"]({urls.lien(urls.page_declinaison(d), partie.page)})" in presentation
            for e in partie.enjeux:
                assert f"]({urls.lien(urls.page_declinaison(d), partie.page, urls.ancre_enjeu(e.id))})" in presentation
            assert f"]({urls.lien(partie.page, urls.page_declinaison(d))})" in pages[partie.page]


def test_navigation_des_declinaisons(avec_famille):
    nav = Publication(avec_famille, {}).navigation([{"Engagements": []}])
    declinaisons = next(e["Déclinaisons"] for e in nav if "Déclinaisons" in e)
    for d, entree in zip(avec_famille.declinaisons, declinaisons, strict=True):
        pages = entree[d.nom]
        assert pages[0] == urls.page_declinaison(d)
        assert [next(iter(p.values())) for p in pages[1:]] == [
            p.page for p in pages_declinaisons.parties(avec_famille, d)]


def test_pages_d_engagement_dans_le_site(site_construit, catalogue):
    """Sur le site construit : chaque page d'engagement existe, la présentation y mène par un lien, et
    chaque enjeu y a son ancre."""
    for d in catalogue.declinaisons:
        dossier = urls.page_declinaison(d).removesuffix("index.md")
        presentation = (site_construit / dossier / "index.html").read_text(encoding="utf-8")
        for partie in pages_declinaisons.parties(catalogue, d):
            page = site_construit / partie.page.replace("index.md", "index.html")
            assert page.is_file(), partie.page
            assert f'href="{partie.page.removeprefix(dossier).removesuffix("index.md")}"' in presentation
            html = page.read_text(encoding="utf-8")
            for e in partie.enjeux:
                assert f'id="{urls.ancre_enjeu(e.id)}"' in html


# --- fichiers invalides ------------------------------------------------------------------------

CAS_INVALIDES = sorted(p for p in (FIXTURES / "declinaisons_invalides").iterdir() if p.is_dir())


@pytest.mark.parametrize("dossier", CAS_INVALIDES, ids=lambda p: p.name)
def test_fixture_invalide(catalogue, dossier):
    """Un dossier par cas : le fichier défectueux et attendu.txt, le début exact du message attendu."""
    attendu = (dossier / "attendu.txt").read_text(encoding="utf-8").strip()
    declinaisons, erreurs = charger_declinaisons(RACINE, catalogue, [dossier])
    assert declinaisons == ()
    assert len(erreurs) == 1, "\n".join(map(str, erreurs))
    assert str(erreurs[0]).startswith(attendu), str(erreurs[0])


def test_branche_en_double(catalogue):
    _, erreurs = charger_declinaisons(RACINE, catalogue, [FIXTURES / "declinaisons", FIXTURES / "declinaisons"])
    assert any(e.champ == "branche" and "a déjà une déclinaison" in e.message for e in erreurs)


# --- fiches d'indicateur -------------------------------------------------------------------------

def test_une_fiche_par_indicateur(catalogue):
    pages = rendre(catalogue)
    for _, ind in catalogue.indicateurs:
        assert urls.page_indicateur(ind.id) in pages
    for d in catalogue.declinaisons:
        for ib in d.indicateurs_branche:
            fiche = pages[urls.page_indicateur(ib.id)]
            assert "**Indicateur de branche**" in fiche and d.nom in fiche


def test_fiche_indicateur_valeurs_et_branches(catalogue):
    pages = rendre(catalogue)
    fiche = pages[urls.page_indicateur("3.2-i1")]
    assert "## Branches qui le suivent" in fiche and "[Assurance Maladie]" in fiche
    assert "255\u202f834\u202f078\u00a0kWh | 2020" in fiche
    assert "3-2-patrimoine-immobilier/index.md" in fiche  # lien vers l'enjeu
    # un indicateur P2 repris par la branche montre les valeurs de l'indicateur de branche
    fiche = pages[urls.page_indicateur("3.4-i2")]
    assert "355\u202f906,23\u00a0m³" in fiche and "Publiée pour l'indicateur de branche" in fiche


def test_graphique_svg_accessible_quand_une_serie_existe(avec_famille):
    fiches = {f.id: f for f in fiches_indicateurs(avec_famille)}
    assert len(fiches["3.2-i1"].series) == 1  # Famille : 2021 et 2022 ; Assurance Maladie : 2020 seulement
    assert not fiches["3.2-fa-chauffage"].series
    page = rendre(avec_famille)[urls.page_indicateur("3.2-i1")]
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "aria-labelledby=" in svg and "<script" not in page
    assert "2021 : 1\u202f200\u202f000 (kWh); 2022 : 1\u202f100\u202f000,5 (kWh)" in svg
    assert svg.count("<rect") == 2
    # les mêmes valeurs figurent dans le tableau
    assert "1\u202f200\u202f000\u00a0kWh | 2021" in page
    # le SVG est un bloc HTML brut : pas de ligne vide qui le couperait
    assert "\n\n" not in svg


def test_format_nombre():
    assert format_nombre(255834078) == "255\u202f834\u202f078"
    assert format_nombre(355906.23) == "355\u202f906,23"
    assert format_nombre(73.48) == "73,48"
    assert format_nombre(-1500) == "-1\u202f500"
    assert format_nombre("172,472") == "172,472"

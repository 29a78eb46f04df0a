"""Le PDF de Chromium rendu accessible (referentiel_rso/build/pdf_accessible.py), sur une page fixture.

Une petite page (titre long qui passe à la ligne, en-tête courant et numéro de page en marges @page,
liens interne, externe et vers une autre page du site, gras et italique) est imprimée par Chromium
comme le fait l'étape « pdf », puis complétée. Le PDF obtenu doit passer `pdfua` sans erreur ni
avertissement, et chaque point corrigé est vérifié dans le fichier.
"""
from __future__ import annotations

import io

import pikepdf
import pytest
from pdfua import validate

from referentiel_rso.build import chromium, pdf, pdf_accessible

pytestmark = pytest.mark.navigateur

TITRE_LONG = ("Intégrer nos enjeux RSO dans les stratégies locales et nationales, en associant les parties "
              "prenantes et les organismes du réseau")

PAGE = f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Fiche d'essai</title>
<link rel="canonical" href="https://exemple.invalid/referentiel/essai/">
<style>
  @page {{ size: A4; margin: 22mm 16mm;
    @top-left {{ content: "Référentiel RSO de la Sécurité sociale"; }}
    @bottom-right {{ content: "Page " counter(page) " / " counter(pages); }} }}
  body {{ font: 12pt sans-serif; }}
  h1 {{ width: 9cm; font-size: 20pt; }}
  .fond {{ background: #eee; padding: 1em; }}
</style></head>
<body>
  <h1>{TITRE_LONG}</h1>
  <p class="fond">Un <strong>texte important</strong> et une <em>nuance</em>.</p>
  <h2 id="section">Une section</h2>
  <p><a href="#section">Aller à la section</a>, <a href="https://www.agenda-2030.fr/">l'Agenda 2030</a>,
     <a href="/odd/16/">ODD 16 — Paix, justice et institutions efficaces</a>.</p>
  <h2>Dernière section</h2>
  <p>Fin.</p>
</body></html>
"""


def _imprimer(dossier):
    """Imprime la page fixture comme l'étape « pdf » : (PDF brut, description de la page)."""
    from playwright.sync_api import sync_playwright

    with chromium.Serveur(dossier) as serveur, sync_playwright() as p:
        navigateur = chromium.lancer_chromium(p)
        try:
            page = navigateur.new_page()
            page.emulate_media(media="print")
            page.goto(serveur.url("/essai/"))
            brut = page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
            return brut, pdf.page_decrite(page.evaluate(pdf.DESCRIPTION))
        finally:
            navigateur.close()


@pytest.fixture(scope="module")
def imprime(tmp_path_factory):
    """(PDF brut de Chromium, PDF complété, bilan)."""
    import concurrent.futures

    dossier = tmp_path_factory.mktemp("fixture-pdf")
    (dossier / "essai").mkdir()
    (dossier / "essai" / "index.html").write_text(PAGE, encoding="utf-8")
    # Dans un fil à part : l'API synchrone de Playwright refuse de démarrer là où une boucle asyncio tourne
    # déjà (celle du Chromium partagé par les autres tests navigateur de la session).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as fil:
        try:
            brut, decrite = fil.submit(_imprimer, dossier).result()
        except chromium.ChromiumAbsent as exc:
            pytest.fail(str(exc), pytrace=False)
    complete, bilan = pdf_accessible.rendre_accessible(brut, decrite)
    return brut, complete, bilan


def _constats(donnees: bytes, tmp_path, nom: str):
    chemin = tmp_path / nom
    chemin.write_bytes(donnees)
    rapport = validate(str(chemin))
    return {f.rule_id for f in rapport.findings if f.severity.name in ("ERROR", "WARNING")}


def test_chromium_seul_echoue_et_le_pdf_complete_passe(imprime, tmp_path):
    brut, complete, bilan = imprime
    # ce que la fixture doit montrer : sans post-traitement, les défauts connus de Chromium
    assert {"UA-01-003", "UA-18-005", "UA-28-004"} <= _constats(brut, tmp_path, "brut.pdf")
    assert _constats(complete, tmp_path, "complete.pdf") == set()
    assert bilan.conforme and bilan.artefacts > 0


def test_signets_egaux_aux_titres(imprime):
    _, complete, bilan = imprime
    with pikepdf.open(io.BytesIO(complete)) as document, document.open_outline() as plan:
        titres = []
        pile = list(reversed(plan.root))
        while pile:
            s = pile.pop()
            titres.append(s.title)
            pile.extend(reversed(s.children))
    assert titres == [TITRE_LONG, "Une section", "Dernière section"]
    assert bilan.signets_corriges >= 1, "le titre long aurait dû perdre une espace chez Chromium"


def test_structure_metadonnees_et_liens(imprime):
    _, complete, _ = imprime
    with pikepdf.open(io.BytesIO(complete)) as document:
        roles = document.Root.StructTreeRoot.RoleMap
        assert roles.Strong == pikepdf.Name.Span and roles.Em == pikepdf.Name.Span
        with document.open_metadata() as xmp:
            assert xmp["dc:title"] == "Fiche d'essai"
            assert list(xmp["dc:language"]) == ["fr"]
            assert xmp["pdfuaid:part"] == "1"
        liens = {}
        for page in document.pages:
            for a in page.obj.get("/Annots", []):
                cible = str(a.A.URI) if "/A" in a else str(a.Dest)
                liens[cible] = str(a.Contents)
    assert liens == {
        "/section": "Aller à la section",
        "https://www.agenda-2030.fr/": "l'Agenda 2030",
        # lien vers une autre page du site : adresse publique (canonique), plus celle du serveur local
        "https://exemple.invalid/referentiel/odd/16/": "ODD 16 — Paix, justice et institutions efficaces",
    }


def test_en_tete_courant_reste_imprime(imprime):
    """Marqué en artefact, l'en-tête courant reste visible (et extrait par pdftotext)."""
    import shutil
    import subprocess

    _, complete, _ = imprime
    texte = subprocess.run([shutil.which("pdftotext") or "pdftotext", "-", "-"], input=complete,
                           capture_output=True, check=True).stdout.decode()
    assert "Référentiel RSO de la Sécurité sociale" in texte and "Page 1 / 1" in texte


def test_pdf_non_balise_refuse():
    with pikepdf.new() as vide:
        vide.add_blank_page()
        sortie = io.BytesIO()
        vide.save(sortie)
    with pytest.raises(ValueError, match="non balisé"):
        pdf_accessible.rendre_accessible(sortie.getvalue(), pdf_accessible.Page((), ()))

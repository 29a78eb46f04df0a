"""Les PDF produits avec le site (étape « pdf », referentiel_rso/pdf.py).

Le site, PDF compris, est construit une seule fois par session (fixture `site_construit`). Le texte des
PDF est lu par pdftotext (poppler-utils, installé par `make navigateur`), en mode -raw : l'ordre du
contenu, celui de la page.

Bornes de pages (A4 ; mesuré à l'écriture de ces tests : fiches 3 à 6 pages, engagements 12 à 24, livret 79) :
assez larges pour que les bonnes pratiques et les déclinaisons ajoutées ne les fassent pas sauter,
assez serrées pour voir une fiche tronquée ou une mise en page qui explose.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from referentiel_rso.build import chromium
from referentiel_rso.build import pdf

PAGES_FICHE = (2, 10)
PAGES_ENGAGEMENT = (6, 45)
PAGES_LIVRET = (45, 150)

INSTALLER = "lancer `make navigateur` (installe Chromium et poppler-utils)"


def _outil(nom: str) -> str:
    chemin = shutil.which(nom)
    if not chemin:
        pytest.fail(f"{nom} est introuvable : {INSTALLER}.", pytrace=False)
    return chemin


@pytest.fixture(scope="session")
def dossier_pdf(site_construit: Path) -> Path:
    if not chromium.CHROMIUM.exists():
        pytest.fail(f"Chromium est introuvable ({chromium.CHROMIUM}) : les PDF ne sont pas produits ; {INSTALLER}.",
                    pytrace=False)
    return site_construit / pdf.DOSSIER


def normaliser(texte: str) -> str:
    """Formes de compatibilité (ligatures, espaces insécables), césures de fin de ligne, blancs réduits."""
    texte = unicodedata.normalize("NFKC", texte).replace("\u00ad", "")
    texte = re.sub(r"(\w)-\n(\w)", r"\1\2", texte)
    return re.sub(r"\s+", " ", texte).strip()


_textes: dict[Path, str] = {}


def texte(chemin: Path) -> str:
    if chemin not in _textes:
        sortie = subprocess.run([_outil("pdftotext"), "-raw", "-enc", "UTF-8", str(chemin), "-"],
                                capture_output=True, text=True, check=True).stdout
        _textes[chemin] = sortie
    return _textes[chemin]


def infos(chemin: Path) -> dict[str, str]:
    sortie = subprocess.run([_outil("pdfinfo"), str(chemin)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (ligne.split(":", 1) for ligne in sortie.splitlines() if ":" in ligne)}


def nom_fiche(enjeu) -> str:
    return f"enjeu-{enjeu.id.replace('.', '-')}.pdf"


def manquants(attendus: list[str], dans: str) -> list[str]:
    t = normaliser(dans)
    return [a for a in attendus if normaliser(a) not in t]


# ------------------------------------------------------------------------------------------------
def test_tous_les_pdf_sont_produits(dossier_pdf: Path, catalogue):
    attendus = ([nom_fiche(e) for e in catalogue.enjeux]
                + [f"engagement-{g.numero}.pdf" for g in catalogue.engagements] + ["referentiel-rso.pdf",
                                                                                  "autodiagnostic-grille-vierge.pdf"])
    assert len(attendus) == len(catalogue.enjeux) + len(catalogue.engagements) + 2
    absents = [n for n in attendus if not (dossier_pdf / n).is_file()]
    assert not absents, f"PDF absents de {dossier_pdf} : {absents}"
    for n in attendus:
        i = infos(dossier_pdf / n)
        assert "(A4)" in i["Page size"], f"{n} : format {i['Page size']}, A4 attendu"


@pytest.mark.parametrize("id_enjeu", [f"{a}.{b}" for a, b in
                                      [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (3, 3),
                                       (3, 4), (4, 1), (4, 2), (4, 3), (5, 1), (5, 2)]])
def test_fiche_pdf(dossier_pdf: Path, catalogue, id_enjeu: str):
    enjeu = catalogue.enjeu(id_enjeu)
    chemin = dossier_pdf / nom_fiche(enjeu)
    brut = texte(chemin)
    attendus = ([f"Enjeu {enjeu.id} — {enjeu.titre}"] + [o.intitule for o in enjeu.objectifs]
                + [i.intitule for i in enjeu.indicateurs])
    assert not manquants(attendus, brut), f"{chemin.name} : textes absents du PDF : {manquants(attendus, brut)}"

    nb = int(infos(chemin)["Pages"])
    assert PAGES_FICHE[0] <= nb <= PAGES_FICHE[1], f"{chemin.name} : {nb} pages, hors de {PAGES_FICHE}"

    # chaque page : en-tête courant (référentiel, engagement, enjeu) et numéro « Page i / n »
    pages = brut.split("\f")
    for numero, page in enumerate(pages[:nb], start=1):
        p = normaliser(page)
        assert "Référentiel RSO de la Sécurité sociale" in p, f"{chemin.name} p. {numero} : en-tête absent"
        assert f"Enjeu {enjeu.id} —" in p and f"Engagement {enjeu.engagement} —" in p, (
            f"{chemin.name} p. {numero} : engagement / enjeu absents de l'en-tête")
        assert f"Page {numero} / {nb}" in p, f"{chemin.name} p. {numero} : numéro de page absent"

    # rien de l'interface du site
    t = normaliser(brut)
    for interface in ("Aller au contenu", "Rechercher dans le référentiel", "Ajouter à mon livret",
                      "Télécharger la fiche (PDF)", "Voir les initiatives sur la carte", "Lien vers cette section"):
        assert interface not in t, f"{chemin.name} : « {interface} » imprimé"


def test_engagements_pdf(dossier_pdf: Path, catalogue):
    for eng in catalogue.engagements:
        chemin = dossier_pdf / f"engagement-{eng.numero}.pdf"
        brut = texte(chemin)
        attendus = [f"Engagement {eng.numero} — {eng.titre}"] + [
            f"Enjeu {e.id} — {e.titre}" for e in catalogue.enjeux_de(eng.numero)] + [
            o.intitule for e in catalogue.enjeux_de(eng.numero) for o in e.objectifs]
        assert not manquants(attendus, brut), f"{chemin.name} : textes absents : {manquants(attendus, brut)}"
        nb = int(infos(chemin)["Pages"])
        assert PAGES_ENGAGEMENT[0] <= nb <= PAGES_ENGAGEMENT[1], f"{chemin.name} : {nb} pages, hors de {PAGES_ENGAGEMENT}"


def test_livret_pdf(dossier_pdf: Path, catalogue):
    chemin = dossier_pdf / "referentiel-rso.pdf"
    brut = texte(chemin)
    ed = catalogue.referentiel.edition
    attendus = ([ed.titre, ed.sous_titre, "Sommaire", "Tableau des indicateurs", "Objectifs de développement durable"]
                + [f"Engagement {g.numero} — {g.titre}" for g in catalogue.engagements]
                + [f"Enjeu {e.id} — {e.titre}" for e in catalogue.enjeux]
                + [o.intitule for _, o in catalogue.objectifs]
                + [i.intitule for _, i in catalogue.indicateurs]
                + [s.domaine for s in catalogue.referentiel.synthese_odd]
                + [f"ODD {o.numero}" for o in catalogue.table_odd.odd])
    assert not manquants(attendus, brut), f"livret : textes absents : {manquants(attendus, brut)}"
    nb = int(infos(chemin)["Pages"])
    assert PAGES_LIVRET[0] <= nb <= PAGES_LIVRET[1], f"livret : {nb} pages, hors de {PAGES_LIVRET}"

    # le sommaire porte les numéros de page, dans l'ordre, et ils disent vrai
    pages = [normaliser(p) for p in brut.split("\f")]
    sommaire = next(p for p in pages if p.startswith("Sommaire") or " Sommaire " in f" {p} ")
    numeros = {}
    for e in catalogue.enjeux:
        m = re.search(re.escape(f"Enjeu {e.id} —") + r".*?(?:page )?(\d+)(?= Enjeu| Engagement| Tableau|$)", sommaire)
        assert m, f"sommaire : pas de numéro de page pour l'enjeu {e.id}"
        numeros[e.id] = int(m.group(1))
    assert list(numeros.values()) == sorted(numeros.values())
    for e in catalogue.enjeux:
        page = pages[numeros[e.id] - 1]
        assert f"Enjeu {e.id} — " in page, f"sommaire : l'enjeu {e.id} n'est pas en page {numeros[e.id]}"


def _compact(t: str) -> str:
    return "".join(c for c in t if c.isalnum())


def test_grille_vierge_pdf(dossier_pdf: Path, site_construit: Path, catalogue):
    """Toute la grille vierge de l'autodiagnostic en un PDF : chaque engagement sur ses pages, avec ses
    objectifs et ses indicateurs ; la page de la grille vierge y mène."""
    chemin = dossier_pdf / "autodiagnostic-grille-vierge.pdf"
    pages = [normaliser(p) for p in texte(chemin).split("\f")]
    for eng in catalogue.engagements:
        titre = normaliser(f"Engagement {eng.numero} — {eng.titre}")
        debut = next((k for k, p in enumerate(pages) if p.startswith(titre) or f" {titre} " in f" {p} "), None)
        assert debut is not None, f"grille vierge PDF : engagement {eng.numero} absent"
        # lettres et chiffres seulement : une coupure en fin de ligne dans une cellule étroite (« vis-/à-vis »)
        suite = _compact(" ".join(pages[debut:]))
        attendus = [o.intitule for e in catalogue.enjeux_de(eng.numero) for o in e.objectifs] + [
            i.intitule for e in catalogue.enjeux_de(eng.numero) for i in e.indicateurs]
        absents = [a for a in attendus if _compact(normaliser(a)) not in suite]
        assert not absents, f"grille vierge PDF, engagement {eng.numero} : textes absents : {absents}"
        autres = [normaliser(f"Engagement {g.numero} — {g.titre}") for g in catalogue.engagements if g.numero < eng.numero]
        assert not any(a in pages[debut] for a in autres), \
            f"grille vierge PDF : l'engagement {eng.numero} ne commence pas une page"
    html = (site_construit / "autodiagnostic" / "grille-vierge" / "index.html").read_text("utf-8")
    assert 'data-pdf="pdf/autodiagnostic-grille-vierge.pdf">' in html, "lien vers le PDF de la grille absent ou caché"


# ------------------------------------------------------------------------------------------------
def test_liens_pdf_montres_seulement_si_le_pdf_existe(site_construit: Path, catalogue):
    """Sur le site construit : chaque fiche montre son bouton PDF, qui mène à un fichier présent."""
    for e in catalogue.enjeux:
        html = next((site_construit / "enjeux").glob(f"{e.id.replace('.', '-')}-*/index.html")).read_text("utf-8")
        lien = re.search(r'<a class="md-button" href="([^"]+)" download data-pdf="([^"]+)"( hidden)?>', html)
        assert lien, f"fiche {e.id} : bouton PDF absent"
        assert not lien.group(3), f"fiche {e.id} : bouton PDF resté caché alors que le PDF existe"
        assert (site_construit / lien.group(2)).is_file()
        cible = (site_construit / "enjeux" / "x" / lien.group(1)).resolve()
        assert cible == (site_construit / lien.group(2)).resolve(), f"fiche {e.id} : {lien.group(1)} ne mène pas au PDF"
    mon_livret = (site_construit / "mon-livret" / "index.html").read_text("utf-8")
    assert 'data-pdf="pdf/referentiel-rso.pdf" hidden' not in mon_livret
    assert 'data-pdf="pdf/referentiel-rso.pdf"' in mon_livret


def test_liens_pdf_caches_sans_pdf(tmp_path: Path):
    """Sans PDF (Chromium absent, construction --sans-pdf), les liens restent cachés : jamais de 404."""
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "enjeu-1-1.pdf").write_bytes(b"%PDF-1.7")
    page = tmp_path / "page.html"
    page.write_text('<a href="pdf/enjeu-1-1.pdf" download data-pdf="pdf/enjeu-1-1.pdf" hidden>a</a>'
                    '<a href="pdf/enjeu-1-2.pdf" download data-pdf="pdf/enjeu-1-2.pdf" hidden>b</a>', "utf-8")
    assert pdf.montrer_liens(tmp_path) == 1
    html = page.read_text("utf-8")
    assert 'data-pdf="pdf/enjeu-1-1.pdf">' in html
    assert 'data-pdf="pdf/enjeu-1-2.pdf" hidden>' in html


def test_sans_chromium_le_build_continue(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(chromium, "CHROMIUM", tmp_path / "absent")
    pdf.produire(tmp_path, tmp_path)
    assert "Chromium absent : PDF non produits — lancer `make navigateur` puis `make site`" in capsys.readouterr().err
    assert not (tmp_path / "pdf").exists()


# ------------------------------------------------------------------------------------------------
# PDF/UA (pdf_accessible.py) : contrôles de `pdfua` et des nôtres, sur chaque PDF produit
# ------------------------------------------------------------------------------------------------
# pdfua 0.1.3 ne sait pas évaluer UA-14-001 (titres vides) quand le /K d'un titre est un tableau (il
# lève ValueError et saute la règle) : ce contrôle-là est fait ici (test_titres_non_vides).
REGLES_SAUTEES_COUVERTES = {"UA-14-001"}
# Avertissements que pdf_accessible.py corrige : ils ne doivent pas revenir.
AVERTISSEMENTS_CORRIGES = {"UA-07-001", "UA-07-002", "UA-18-001", "UA-18-005", "UA-28-004"}


def _pdfs(dossier_pdf: Path) -> list[Path]:
    fichiers = sorted(dossier_pdf.glob("*.pdf"))
    assert fichiers, f"aucun PDF dans {dossier_pdf}"
    return fichiers


def test_pdfua_aucune_erreur(dossier_pdf: Path):
    from pdfua import validate

    problemes = []
    for chemin in _pdfs(dossier_pdf):
        rapport = validate(str(chemin))
        for f in rapport.findings:
            if f.severity.name == "ERROR" or f.rule_id in AVERTISSEMENTS_CORRIGES:
                problemes.append(f"{chemin.name} : {f.severity.name} {f.rule_id} {f.location.describe()} — {f.message}")
        for o in rapport.skipped:
            if o.rule_id not in REGLES_SAUTEES_COUVERTES:
                problemes.append(f"{chemin.name} : règle {o.rule_id} non évaluée par pdfua ({o.skipped_reason})")
    assert not problemes, "\n".join(problemes[:40])


def _elements(pdf_ouvert):
    import pikepdf

    pile = [pdf_ouvert.Root.StructTreeRoot]
    while pile:
        noeud = pile.pop()
        if not isinstance(noeud, pikepdf.Dictionary):
            continue
        if "/S" in noeud:
            yield noeud
        k = noeud.get("/K")
        if isinstance(k, pikepdf.Array):
            pile.extend(k)
        elif isinstance(k, pikepdf.Dictionary):
            pile.append(k)


def _marque_du_contenu(noeud) -> bool:
    import pikepdf

    if isinstance(noeud, int) and not isinstance(noeud, bool):
        return True  # un MCID
    if isinstance(noeud, pikepdf.Array):
        return any(_marque_du_contenu(x) for x in noeud)
    if isinstance(noeud, pikepdf.Dictionary):
        if noeud.get("/Type") == pikepdf.Name.MCR:
            return True
        return "/K" in noeud and _marque_du_contenu(noeud.K)
    return False


def test_structure_standard_et_titres_non_vides(dossier_pdf: Path):
    """Types de structure standard (PDF 1.7) ou rattachés par la RoleMap à un type standard ; aucun titre
    (H1–H6) sans contenu."""
    import pikepdf

    from referentiel_rso.build.pdf_accessible import TYPES_STANDARD

    problemes = []
    for chemin in _pdfs(dossier_pdf):
        with pikepdf.open(chemin) as document:
            roles = document.Root.StructTreeRoot.get("/RoleMap", pikepdf.Dictionary())
            for e in _elements(document):
                type_ = str(e.S)[1:]
                if type_ not in TYPES_STANDARD and str(roles.get(f"/{type_}", ""))[1:] not in TYPES_STANDARD:
                    problemes.append(f"{chemin.name} : type de structure /{type_} non standard, sans RoleMap")
                if re.fullmatch(r"H[1-6]?", type_) and not _marque_du_contenu(e.get("/K")):
                    problemes.append(f"{chemin.name} : titre /{type_} vide")
    assert not problemes, "\n".join(sorted(set(problemes))[:40])


def test_metadonnees_xmp(dossier_pdf: Path):
    import pikepdf

    for chemin in _pdfs(dossier_pdf):
        with pikepdf.open(chemin) as document, document.open_metadata() as xmp:
            titre = str(document.docinfo.Title)
            assert titre.strip() and xmp.get("dc:title") == titre, f"{chemin.name} : dc:title ≠ titre du document"
            assert list(xmp.get("dc:language") or []) == [str(document.Root.Lang)] == ["fr"], chemin.name
            assert xmp.get("pdfuaid:part") == "1", f"{chemin.name} : identifiant PDF/UA absent"


def test_liens_decrits_et_publics(dossier_pdf: Path):
    """Chaque annotation de lien a sa description (/Contents) ; aucune ne mène au serveur local qui a
    servi la page à Chromium."""
    import pikepdf

    problemes = []
    for chemin in _pdfs(dossier_pdf):
        with pikepdf.open(chemin) as document:
            for numero, page in enumerate(document.pages, start=1):
                for a in page.obj.get("/Annots", []):
                    if a.get("/Subtype") != pikepdf.Name.Link:
                        continue
                    if not str(a.get("/Contents", "")).strip():
                        problemes.append(f"{chemin.name} p. {numero} : lien sans /Contents")
                    uri = str(a.A.get("/URI", "")) if "/A" in a else ""
                    if uri.startswith(("http://127.0.0.1", "http://localhost")):
                        problemes.append(f"{chemin.name} p. {numero} : lien vers le serveur local {uri}")
    assert not problemes, "\n".join(problemes[:40])


def _signets(chemin: Path) -> list[str]:
    import pikepdf

    with pikepdf.open(chemin) as document, document.open_outline() as plan:
        titres, pile = [], list(reversed(plan.root))
        while pile:
            s = pile.pop()
            titres.append(s.title)
            pile.extend(reversed(s.children))
    return titres


def _titres_html(chemin: Path) -> list[str]:
    """Textes des titres h1–h6 d'une page construite (sans le « ¶ » du lien permanent), blancs réduits."""
    from html.parser import HTMLParser

    class Titres(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.titres: list[str] = []
            self._titre: list[str] | None = None
            self._ignore = 0

        def handle_starttag(self, tag, attrs):
            if re.fullmatch(r"h[1-6]", tag):
                self._titre = []
            elif self._titre is not None and tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
                self._ignore += 1

        def handle_endtag(self, tag):
            if tag == "a" and self._ignore:
                self._ignore -= 1
            elif re.fullmatch(r"h[1-6]", tag) and self._titre is not None:
                self.titres.append(" ".join("".join(self._titre).split()))
                self._titre = None

        def handle_data(self, data):
            if self._titre is not None and not self._ignore:
                self._titre.append(data)

    p = Titres()
    p.feed(chemin.read_text(encoding="utf-8"))
    return p.titres


def test_signets_egaux_aux_titres_html(dossier_pdf: Path, site_construit: Path):
    """Les signets reprennent les titres des pages HTML, espaces comprises (Chromium les perdait aux
    retours à la ligne : « lesstratégies »).

    Fiches : les signets sont, dans l'ordre, des titres de la page de la fiche. Livret et engagements
    (pages livret/, non publiées) : tout signet dont le texte, blancs mis à part, est celui d'un titre
    d'une page du site est exactement ce titre ; presque tous le sont (seuls « Sommaire » et les
    intertitres propres au livret ne le sont pas)."""
    cles = {}
    for page in site_construit.rglob("*.html"):
        for t in _titres_html(page):
            cles.setdefault("".join(t.split()), t)
    problemes = []
    for chemin in _pdfs(dossier_pdf):
        signets = _signets(chemin)
        assert signets, f"{chemin.name} : aucun signet"
        m = re.fullmatch(r"enjeu-(\d+)-(\d+)\.pdf", chemin.name)
        if m:
            page = next((site_construit / "enjeux").glob(f"{m.group(1)}-{m.group(2)}-*/index.html"))
            restants = _titres_html(page)
            for s in signets:
                if s not in restants:
                    problemes.append(f"{chemin.name} : signet « {s} » absent des titres de {page.parent.name}/ "
                                     "(ou hors d'ordre)")
                    continue
                restants = restants[restants.index(s) + 1:]
            continue
        compares = 0
        for s in signets:
            titre = cles.get("".join(s.split()))
            if titre is None:
                continue
            compares += 1
            if s != titre:
                problemes.append(f"{chemin.name} : signet « {s} » ≠ titre « {titre} »")
        if compares < 0.9 * len(signets):
            problemes.append(f"{chemin.name} : {compares} signets sur {len(signets)} seulement retrouvés "
                             "dans les titres du site")
    assert not problemes, "\n".join(problemes[:40])

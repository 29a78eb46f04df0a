"""Mise en page des PDF (issue 10, point 15) : aucun titre laissé seul en bas d'une page.

Un titre est « seul » quand, sur sa page, il n'est suivi que d'une ligne au plus (lignes du corps, hors
en-tête et pied de page) alors que sa section continue sur la page suivante (la page suivante commence par
du texte courant, pas par un autre titre). La position des titres vient des signets du PDF (pypdf), celle
des mots de pdftotext -bbox (poppler-utils, installé par `make navigateur`).
"""
from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from referentiel_rso.build import chromium
from referentiel_rso.build import pdf

MARGE_HAUT_PT = 62  # 22 mm : en-tête courant (impression.css, @page)
MARGE_BAS_PT = 51   # 18 mm : numéro de page


class _Mots(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages: list[tuple[float, list[tuple[float, str]]]] = []
        self._mot: float | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.pages.append((float(a["height"]), []))
        elif tag == "word":
            self._mot = float(a["ymin"])

    def handle_data(self, data):
        if self._mot is not None:
            self.pages[-1][1].append((self._mot, data.strip()))
            self._mot = None


def _signets(lecteur: PdfReader) -> list[tuple[str, int, float]]:
    sortie = []

    def parcourir(elements):
        for el in elements:
            if isinstance(el, list):
                parcourir(el)
                continue
            haut = el.get("/Top")
            if haut is not None:
                sortie.append((el.title, lecteur.get_destination_page_number(el), float(haut)))
    parcourir(lecteur.outline)
    return sortie


def titres_seuls(chemin: Path) -> list[str]:
    """Titres suivis d'au plus une ligne sur leur page, dont la section continue page suivante."""
    outil = shutil.which("pdftotext")
    if not outil:
        pytest.fail("pdftotext est introuvable : lancer `make navigateur` (installe poppler-utils).", pytrace=False)
    mots = _Mots()
    mots.feed(subprocess.run([outil, "-bbox", "-enc", "UTF-8", str(chemin), "-"],
                             capture_output=True, text=True, check=True).stdout)
    signets = _signets(PdfReader(chemin))
    seuls = []
    for titre, n, haut in signets:
        hauteur, page = mots.pages[n]
        y = hauteur - haut  # depuis le haut de la page
        lignes = {round(v / 4) for v, _ in page if y - 3 < v < hauteur - MARGE_BAS_PT}
        if len(lignes) >= 3 or n + 1 >= len(mots.pages):  # le titre et deux lignes au moins
            continue
        hauteur2, suivante = mots.pages[n + 1]
        corps = [v for v, _ in suivante if MARGE_HAUT_PT < v < hauteur2 - MARGE_BAS_PT]
        titres_suivants = [hauteur2 - h for _, m, h in signets if m == n + 1]
        premier_titre = min(titres_suivants, default=hauteur2)
        if corps and min(corps) < premier_titre - 5:
            seuls.append(f"« {titre} » seul en bas de la page {n + 1}")
    return seuls


@pytest.fixture(scope="session")
def pdfs(site_construit: Path) -> list[Path]:
    if not chromium.CHROMIUM.exists():
        pytest.fail(f"Chromium est introuvable ({chromium.CHROMIUM}) : lancer `make navigateur`.", pytrace=False)
    fichiers = sorted((site_construit / pdf.DOSSIER).glob("*.pdf"))
    assert fichiers, "aucun PDF produit"
    return fichiers


def test_aucun_titre_seul_en_bas_de_page(pdfs):
    rapport = {f.name: titres_seuls(f) for f in pdfs}
    rapport = {k: v for k, v in rapport.items() if v}
    assert not rapport, "titres laissés seuls en bas de page :\n" + "\n".join(
        f"- {nom} : {', '.join(v)}" for nom, v in rapport.items())

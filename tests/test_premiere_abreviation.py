"""Une abréviation n'est développée (<abbr title>) qu'à sa première occurrence visible (issue 13, point 1)."""
from __future__ import annotations

import re

import markdown
import pytest

GLOSSAIRE = {"RSO": "Responsabilité sociétale des organisations", "QVT": "Qualité de vie au travail",
             "ODD": "Objectifs de développement durable"}


def _convertir(texte: str, premiere: bool = True) -> str:
    extensions = ["abbr", "tables", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
    if premiere:
        extensions.append("referentiel_rso.build.premiere_abreviation")
    md = markdown.Markdown(extensions=extensions,
                           extension_configs={"abbr": {"glossary": GLOSSAIRE},
                                              "pymdownx.tabbed": {"alternate_style": True}})
    return md.convert(texte)


def _developpes(html: str) -> list[str]:
    return re.findall(r'<abbr title="[^"]+">([^<]+)</abbr>', html)


def _texte(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_premiere_occurrence_seulement():
    html = _convertir("La RSO, encore la RSO, et la QVT.\n\n- RSO\n- QVT et ODD\n")
    assert _developpes(html) == ["RSO", "QVT", "ODD"]
    assert '<abbr title="Responsabilité sociétale des organisations">RSO</abbr>, encore la RSO, et' in html


def test_le_texte_ne_change_pas():
    texte = ("La RSO et la **RSO** (RSO), [la RSO](a.md) puis RSO.\n\n| RSO | QVT |\n|---|---|\n| RSO | QVT RSO |\n\n"
             '??? note "La RSO"\n    RSO et QVT.\n')
    assert _texte(_convertir(texte)) == _texte(_convertir(texte, premiere=False))
    assert _developpes(_convertir(texte, premiere=False)).count("RSO") > 1
    assert _developpes(_convertir(texte)).count("RSO") == 1


def test_bloc_replie_et_onglets_gardent_leur_premiere_occurrence():
    """Un bloc replié ou un onglet caché peut être le seul ouvert : sa première occurrence est développée,
    sauf si le sigle l'a été plus haut dans la partie de page qui l'englobe."""
    texte = ('La RSO.\n\n??? note "Le résumé cite la QVT"\n    RSO, QVT, ODD et ODD.\n\n'
             '=== "Un"\n    ODD et RSO.\n\n=== "Deux"\n    ODD et ODD.\n\nFin : ODD, QVT.\n')
    html = _convertir(texte)
    replie = re.search(r"<details.*?</details>", html, re.S).group(0)
    resume = re.search(r"<summary>.*?</summary>", replie, re.S).group(0)
    assert _developpes(resume) == ["QVT"]  # toujours visible : compte avec la page
    assert _developpes(replie.replace(resume, "")) == ["ODD"]  # RSO et QVT déjà développés plus haut
    onglets = re.findall(r'<div class="tabbed-block">(.*?)</div>', html, re.S)
    assert [_developpes(o) for o in onglets] == [["ODD"], ["ODD"]]
    fin = html[html.rindex("Fin"):]
    assert _developpes(fin) == ["ODD"]  # développé jusque-là seulement dans des parties qui peuvent rester fermées


@pytest.mark.parametrize("texte", ["Rien à développer.", "RSO"])
def test_pages_sans_repetition_inchangees(texte):
    assert _convertir(texte) == _convertir(texte, premiere=False)


def test_chaque_page_du_site_developpe_ses_sigles_une_fois(site_construit, catalogue):
    """Sur le site construit : chaque sigle du glossaire est développé au plus une fois par page, hors
    blocs repliables et onglets."""
    sigles = {a.sigle for a in catalogue.abreviations.abreviations}
    vues = 0
    for fichier in site_construit.rglob("index.html"):
        html = fichier.read_text(encoding="utf-8")
        debut = html.find('<article class="md-content__inner')
        if debut < 0:
            continue
        article = html[debut:html.find("</article>", debut)]
        # hors blocs repliables et onglets (qui gardent chacun leur première occurrence)
        visible = re.sub(r"<details.*?</details>", "", article, flags=re.S)
        visible = re.sub(r'<div class="tabbed-set.*?</div>\s*</div>\s*</div>', "", visible, flags=re.S)
        for sigle in sigles:
            n = len(re.findall(rf'<abbr title="[^"]+">{re.escape(sigle)}</abbr>', visible))
            assert n <= 1, f"{fichier.relative_to(site_construit)} : {sigle} développé {n} fois"
            vues += n
    assert vues, "aucune abréviation développée sur le site"

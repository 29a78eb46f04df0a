"""Pied de page : déclaration d'accessibilité, mentions légales, contact, date de mise à jour du contenu
(jamais saisie : git log de content/, sinon la date la plus récente écrite dans le contenu)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from referentiel_rso import formats
from referentiel_rso.render import mise_a_jour

RACINE = Path(__file__).resolve().parents[1]


def test_date_du_dernier_commit_de_content():
    attendu = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "content"], cwd=RACINE,
                             capture_output=True, text=True).stdout.strip()
    if attendu:
        assert mise_a_jour.date_du_contenu(RACINE).isoformat() == attendu
    else:  # copie sans historique : la date écrite dans le contenu
        assert mise_a_jour.date_du_contenu(RACINE) == mise_a_jour.date_ecrite(RACINE)


def test_sans_git_la_date_la_plus_recente_du_contenu(tmp_path):
    (tmp_path / "content" / "bonnes_pratiques").mkdir(parents=True)
    (tmp_path / "content" / "bonnes_pratiques" / "BP-0001-a.yml").write_text(
        "provenance:\n  date: 2024-03-01\nstatut:\n  etat: validee\n  date_decision: '2025-01-09'\n", encoding="utf-8")
    (tmp_path / "content" / "declinaisons").mkdir()
    (tmp_path / "content" / "declinaisons" / "maladie.yml").write_text("date: 2022-09-07\n", encoding="utf-8")
    (tmp_path / "content" / "bonnes_pratiques" / "_modele.yml").write_text("date: 2099-01-01\n", encoding="utf-8")
    assert mise_a_jour.date_git(tmp_path) is None
    assert mise_a_jour.date_du_contenu(tmp_path) == dt.date(2025, 1, 9)


def test_pied_de_page_de_chaque_page(site_construit):
    date = mise_a_jour.date_du_contenu(RACINE)
    pages = sorted(site_construit.rglob("index.html"))
    assert pages
    for f in pages:
        html = f.read_text(encoding="utf-8")
        if 'class="md-footer"' not in html:
            continue  # document de la carte, fichiers annexes
        pied = html[html.index('class="rso-pied rso-pied__liens"'):]
        for libelle in ("Accessibilité : non conforme", "Mentions légales", "Contact"):
            assert libelle in pied, (f, libelle)
        assert f'<time datetime="{date.isoformat()}">{formats.date(date)}</time>' in pied, f


def test_pages_legales(site_construit):
    acces = (site_construit / "accessibilite" / "index.html").read_text(encoding="utf-8")
    for attendu in ("Déclaration d'accessibilité", "État de conformité", "non conforme", "axe-core",
                    "Nu Html Checker", "clavier", "Signaler un problème", "Défenseur des droits"):
        assert attendu in acces, attendu
    mentions = (site_construit / "mentions-legales" / "index.html").read_text(encoding="utf-8")
    for attendu in ("Ucanss", "Hébergement", "GitHub Pages", "Licence Ouverte", 'id="contact"'):
        assert attendu in mentions, attendu
    assert re.search(r'href="https://[^"]+/issues"', mentions)

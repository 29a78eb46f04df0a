"""Le contenu invalide est refusé avec un message français `fichier:ligne: champ: message`.

Chaque dossier de fixtures/referentiel_invalide/ recouvre une copie du vrai contenu avec un
fichier défectueux ; attendu.txt donne la ligne d'erreur exacte attendue.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from referentiel_rso.validate.erreurs import ErreursDeContenu
from referentiel_rso.catalogue.charger import charger

from conftest import RACINE, copier_projet

FIXTURES = RACINE / "tests" / "fixtures" / "referentiel_invalide"
CAS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
FORMAT = re.compile(r"^(content|data)/[^:]+\.yml:\d+: [^:]+: .+$")


def projet_avec(cas: Path, destination: Path) -> Path:
    copier_projet(destination)
    for fichier in cas.rglob("*.yml"):
        cible = destination / fichier.relative_to(cas)
        cible.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(fichier, cible)
    return destination


@pytest.mark.parametrize("cas", CAS, ids=lambda p: p.name)
def test_fixture_invalide_refusee_avec_son_message(cas, tmp_path):
    attendu = (cas / "attendu.txt").read_text(encoding="utf-8").strip()
    with pytest.raises(ErreursDeContenu) as exc:
        charger(projet_avec(cas, tmp_path))
    lignes = [str(e) for e in exc.value.erreurs]
    assert attendu in lignes, "\n".join(lignes)
    assert all(FORMAT.match(l) for l in lignes), lignes


def test_valider_en_ligne_de_commande_sort_en_erreur(tmp_path):
    """`python -m referentiel_rso valider` : code de sortie non nul, toutes les erreurs ensemble."""
    projet = projet_avec(FIXTURES / "cle-inconnue", tmp_path)
    shutil.copy(FIXTURES / "odd-hors-limites" / "content/enjeux/1-1-strategies-parties-prenantes.yml",
                projet / "content/enjeux/1-1-strategies-parties-prenantes.yml")
    (projet / "content/enjeux/1-2-pilotage-transverse.yml").write_text(
        (RACINE / "content/enjeux/1-2-pilotage-transverse.yml").read_text(encoding="utf-8").replace("titre:", "tittre:", 1),
        encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "valider"],
                       capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 1
    assert "rien n'a été publié" in r.stderr
    assert "1-1-strategies-parties-prenantes.yml" in r.stderr and "1-2-pilotage-transverse.yml" in r.stderr


def test_la_construction_echoue_sans_rien_publier(tmp_path):
    """Une erreur de contenu arrête la construction : site/ existant inchangé, pas de dossier temporaire."""
    projet = projet_avec(FIXTURES / "cle-inconnue", tmp_path / "projet")
    for nom in ("mkdocs.yml", "docs", "overrides", "macros", "referentiel_rso"):
        source = RACINE / nom
        (shutil.copytree if source.is_dir() else shutil.copy)(source, projet / nom)
    site = projet / "site"
    site.mkdir()
    (site / "temoin.html").write_text("ancien site")
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "construire", "--sans-pdf"],
                       capture_output=True, text=True, cwd=projet)
    assert r.returncode != 0
    assert "clé inconnue" in r.stdout + r.stderr
    assert sorted(p.name for p in site.iterdir()) == ["temoin.html"]
    assert not [p for p in projet.iterdir() if p.name.startswith("site-")]

"""HTML généré valide pour le Nu Html Checker (vnu.jar, paquet npm vnu-jar) : 0 erreur.

Échantillon : pour chaque type de page, la première, celle du milieu et la dernière (ordre alphabétique),
plus la page 404. Tout valider prendrait trop de temps pour un gain faible : les pages d'un même type
sortent du même gabarit.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import mesures

pytestmark = pytest.mark.navigateur


def echantillon(site: Path) -> list[Path]:
    par_motif = {t.motif: sorted(site.glob(f"{t.motif}/index.html" if t.motif else "index.html"))
                 for t in mesures.types_de_pages(site)}
    choix: list[Path] = []
    for fichiers in par_motif.values():
        for i in sorted({0, len(fichiers) // 2, len(fichiers) - 1}):
            if fichiers and fichiers[i] not in choix:
                choix.append(fichiers[i])
    if (site / "404.html").exists():
        choix.append(site / "404.html")
    return choix


def test_html_valide(site, vnu_jar):
    java = shutil.which("java")
    assert java, f"Java est introuvable : {mesures.MESSAGE_INSTALLER}"
    fichiers = echantillon(site)
    assert len(fichiers) >= 10, f"échantillon trop petit : {fichiers}"
    resultat = subprocess.run(
        [java, "-Xss8m", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *map(str, fichiers)],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(resultat.stderr or resultat.stdout or '{"messages": []}')["messages"]
    erreurs = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    lignes = [
        f"{Path(m['url'].removeprefix('file:')).relative_to(site)}:{m.get('lastLine', '?')}: {m['message']}"
        for m in erreurs
    ]
    assert not erreurs, f"{len(erreurs)} erreur(s) HTML sur {len(fichiers)} pages :\n" + "\n".join(lignes[:40])

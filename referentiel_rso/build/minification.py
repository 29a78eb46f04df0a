"""Étape « minification » : les feuilles de style et scripts propres au site, minifiés dans le site construit.

Les sources restent lisibles (docs/assets/, overrides/assets/) ; seules leurs copies dans le site sont
réécrites, sous le même nom (aucune page à modifier) ; de même la feuille et le script communs
(build/assemblage.py). Bibliothèques : rcssmin (CSS) et rjsmin (JavaScript),
du même auteur, sans dépendance. Les fichiers déjà minifiés (Material, Leaflet, Pagefind) ne sont pas
touchés : seuls ceux dont la source est dans docs/assets/ ou overrides/assets/ le sont.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from referentiel_rso.build import assemblage

SOURCES = ("docs", "overrides")
MINIFIEURS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def fichiers_propres(racine: Path, site: Path) -> list[Path]:
    """Les fichiers CSS et JS du site construit qui viennent de nos sources (docs/assets, overrides/assets),
    dont les assemblages de build/assemblage.py (feuille et script communs)."""
    trouves: set[Path] = {Path(site) / rel for rel in assemblage.parties(racine) if (Path(site) / rel).is_file()}
    for nom in SOURCES:
        assets = Path(racine) / nom / "assets"
        for source in assets.rglob("*"):
            if source.suffix in MINIFIEURS and not source.name.endswith((".min.js", ".min.css")):
                copie = Path(site) / source.relative_to(Path(racine) / nom)
                if copie.is_file():
                    trouves.add(copie)
    return sorted(trouves)


def minifier(racine: Path, site: Path) -> None:
    """L'étape du build (ETAPES)."""
    avant = apres = 0
    fichiers = fichiers_propres(racine, site)
    for fichier in fichiers:
        texte = fichier.read_text(encoding="utf-8")
        court = MINIFIEURS[fichier.suffix](texte)
        avant += len(texte.encode("utf-8"))
        apres += len(court.encode("utf-8"))
        fichier.write_text(court, encoding="utf-8")
    if fichiers:
        print(f"  {len(fichiers)} fichiers CSS et JS minifiés : {avant / 1024:.0f} Ko → {apres / 1024:.0f} Ko")

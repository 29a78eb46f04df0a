"""Les étapes qui suivent MkDocs, dans l'ordre. Une ligne par étape ; le code vit dans son module."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from referentiel_rso.build import carte, correctifs_html, exports, minification, pdf, recherche

ETAPES: list[tuple[str, Callable[[Path, Path], None]]] = [
    ("donnees", exports.ecrire),        # donnees/ : référentiel (et bonnes pratiques) en JSON, CSV, GeoJSON
    ("carte", carte.ecrire),            # carte/carte.html : carte des initiatives (Leaflet servi par le site, hors ligne)
    ("correctifs", correctifs_html.corriger_site),  # balisage de Material rendu valide (Nu Html Checker) et allégé
    ("minification", minification.minifier),  # nos CSS et JS minifiés dans le site (sources lisibles dans docs/)
    ("pdf", pdf.produire),              # pdf/ : fiches, engagements, référentiel complet (Chromium ; sauté sans lui)
    # « recherche » reste après toute étape qui écrit du HTML : elle indexe les pages telles que publiées.
    ("recherche", recherche.indexer),   # pagefind/ : index plein texte hors ligne, à la place de celui de Material
]

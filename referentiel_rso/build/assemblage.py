"""Les feuilles de style et les scripts communs à toutes les pages, réunis en un fichier chacun.

Chaque page chargeait trois feuilles du site et deux à trois petits scripts : autant de requêtes (issue 13,
EcoIndex). Les sources restent séparées et lisibles, une par sujet (docs/assets/) ; build/sources.py écrit
leur assemblage dans les sources du site, à la place des parties (qui ne sont donc pas publiées seules),
puis l'étape « minification » le minifie comme nos autres fichiers.

- FEUILLE : les feuilles d'`extra_css` de mkdocs.yml, dans leur ordre ; la configuration écrite pour le
  moteur ne cite plus qu'elle. La feuille d'impression reste à part (overrides/main.html, media="print" :
  le navigateur ne l'attend pas pour afficher la page).
- SCRIPT : les scripts de SCRIPTS, dans cet ordre, chargés par overrides/main.html (defer). Chacun est une
  fonction isolée qui ne fait rien sur une page sans les éléments qu'il sert.

Les scripts propres à une sorte de page (bibliothèque, carte, autodiagnostic) restent à part : ils sont
plus lourds et ne servent que là.
"""
from __future__ import annotations

from pathlib import Path

from referentiel_rso import config as configuration

FEUILLE = "assets/stylesheets/site.css"
SCRIPT = "assets/javascripts/site.js"
SCRIPTS = (
    "assets/javascripts/accessibilite.js",  # correctifs d'accessibilité du thème
    "assets/javascripts/livret.js",         # impression (en-têtes courants), « Mon livret »
    "assets/javascripts/recherche.js",      # bouton et dialogue de recherche (Pagefind chargé à la demande)
    "assets/javascripts/onglets.js",        # un lien vers un intertitre d'un onglet caché ouvre l'onglet
    "assets/javascripts/indicateurs.js",    # filtre du tableau des indicateurs
)


def feuilles(racine: Path) -> tuple[str, ...]:
    """Les feuilles d'`extra_css` de mkdocs.yml (chemins relatifs à docs/)."""
    try:
        return tuple(configuration.lire(Path(racine)).get("extra_css") or ())
    except FileNotFoundError:  # projet sans mkdocs.yml (tests d'une étape seule) : aucune feuille à réunir
        return ()


def parties(racine: Path) -> dict[str, tuple[str, ...]]:
    """Fichier assemblé → ses parties, dans l'ordre (chemins relatifs à docs/)."""
    return {FEUILLE: feuilles(racine), SCRIPT: SCRIPTS}


def assembler(racine: Path, rel: str) -> str:
    """Le contenu d'un fichier assemblé : ses parties bout à bout, chacune précédée du nom de sa source."""
    docs = Path(racine) / "docs"
    morceaux = []
    for partie in parties(racine)[rel]:
        texte = (docs / partie).read_text(encoding="utf-8")
        morceaux.append(f"/* ---- docs/{partie} ---- */\n{texte.rstrip()}\n")
    # « ; » entre deux scripts : une partie qui finirait sans point-virgule ne se souderait pas à la suivante
    return (";\n" if rel.endswith(".js") else "\n").join(morceaux)


def fichiers(racine: Path) -> dict[str, bytes]:
    """Les fichiers assemblés, à écrire dans le dossier docs/ des sources."""
    return {rel: assembler(racine, rel).encode("utf-8") for rel in parties(racine)}


def assembles(racine: Path) -> frozenset[str]:
    """Les fichiers de docs/ publiés seulement dans un assemblage."""
    return frozenset(p for liste in parties(racine).values() for p in liste)

"""Étape « recherche » : index plein texte Pagefind du site construit, à la place de la recherche de Material.

- Seul le contenu est indexé : overrides/main.html marque l'article par `data-pagefind-body`
  (ni menus, ni pied de page, ni la page 404).
- Les extraits ne montrent que du texte de lecture : boutons et liens-boutons (« Ajouter à mon livret »,
  « Télécharger la fiche (PDF) »), fil d'Ariane, coordonnées « Voir sur la carte » et « ¶ » des intertitres
  sont exclus de l'index (EXCLUS). Filtres et métadonnées des pratiques : pratique.md.j2, en français.
- Langue française forcée (racinisation, repli des accents : « biodiversite » trouve « biodiversité »).
- Sur les pages de pratiques, le texte commun à des milliers de pages (ODD déduits, intitulés
  d'engagements et d'enjeux, explication type du statut) porte data-pagefind-ignore (pratique.md.j2),
  et « Signaler une erreur » est dans EXCLUS : index plus léger, recherches plus rapides et plus précises à
  10 000 pratiques ; la bibliothèque filtre par engagement, enjeu et ODD.
- L'index (pagefind/) n'est téléchargé par le navigateur qu'à l'ouverture de la recherche
  (docs/assets/javascripts/recherche.js) ; le dialogue passe par recherche-moteur/pagefind.js (ni index
  de filtres, une recherche à la fois, sans mots vides). Mesure : scripts/banc_recherche.py.
- Les fichiers de la recherche intégrée de Material (lunr, worker) que le thème copie toujours sont
  retirés : le plugin `search` n'est plus dans mkdocs.yml.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

DOSSIER_INDEX = "pagefind"
# Fichiers de la recherche de Material, devenus inutiles sans son plugin.
RESTES_MATERIAL = ("assets/javascripts/lunr", "assets/javascripts/workers", "search")
# Ce qui n'est pas du texte de lecture : ni indexé, ni montré dans les extraits.
EXCLUS = (
    ".headerlink",        # le « ¶ » des intertitres
    "button",             # « Ajouter à mon livret », « Imprimer »…
    ".md-button",         # liens présentés en boutons (« Télécharger la fiche (PDF) »)
    ".fil-engagement",    # fil d'Ariane en tête de page
    ".bp-carte",          # « Voir sur la carte — point de référence… : 49,18° N… »
    ".bp-signaler",       # « Signaler une erreur ou proposer une modification » (chaque pratique)
)


class IndexationEchouee(RuntimeError):
    pass


def indexer(racine: Path, dossier_site: Path) -> None:
    dossier_site = Path(dossier_site)
    for reste in RESTES_MATERIAL:
        shutil.rmtree(dossier_site / reste, ignore_errors=True)
    cible = dossier_site / DOSSIER_INDEX
    shutil.rmtree(cible, ignore_errors=True)
    commande = [
        sys.executable, "-m", "pagefind",
        "--site", str(dossier_site),
        "--output-subdir", DOSSIER_INDEX,
        "--force-language", "fr",
        *[arg for selecteur in EXCLUS for arg in ("--exclude-selectors", selecteur)],
        "--quiet",
    ]
    resultat = subprocess.run(commande, cwd=racine, capture_output=True, text=True)
    sortie = (resultat.stdout + resultat.stderr).strip()
    if resultat.returncode != 0 or not (cible / "pagefind-ui.js").exists():
        raise IndexationEchouee(f"Pagefind n'a pas produit l'index de recherche :\n{sortie}")
    # Pagefind avertit (sans échouer) quand des pages n'ont pas de data-pagefind-body : on le signale.
    if re.search(r"(?i)\bwarn", sortie):
        print(sortie, file=sys.stderr)
    _retirer_playground(cible)


def _retirer_playground(cible: Path) -> None:
    shutil.rmtree(cible / "playground", ignore_errors=True)

"""Commandes supplémentaires de la ligne de commande (une fonction par commande)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

# nom de commande → (aide, fonction(args, racine) -> code de sortie, ajout d'arguments)
COMMANDES: dict[str, tuple[str, object, object]] = {}


def ajouter(sous: argparse._SubParsersAction) -> None:
    for nom, (aide, _, arguments) in COMMANDES.items():
        p = sous.add_parser(nom, help=aide)
        if callable(arguments):
            arguments(p)


def executer(args: argparse.Namespace, racine: Path) -> int:
    _, fonction, _ = COMMANDES[args.commande]
    return fonction(args, racine)  # type: ignore[operator]


# --- nouvelle-pratique ------------------------------------------------------------------------------
_ENTETE_MODELE = re.compile(r"(?ms)^# MODÈLE D'UNE BONNE PRATIQUE.*?(?=^# Règles d'écriture)")
_ENTETE_COPIE = (
    "# Bonne pratique proposée au CTP RSO. Remplacer chaque « À compléter », supprimer les blocs\n"
    "# facultatifs inutiles, puis vérifier avec `make valider`. Guide : CONTRIBUTING.md.\n#\n"
)


def slug_titre(titre: str, longueur: int = 50) -> str:
    """Mots du titre, en minuscules sans accents, reliés par des tirets (comme render.urls.slug, sans
    importer le rendu : la commande reste rapide)."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode().lower()
    mots, sortie = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-").split("-"), ""
    for mot in mots:
        if sortie and len(sortie) + 1 + len(mot) > longueur:
            break
        sortie = f"{sortie}-{mot}" if sortie else mot
    return sortie[:longueur].strip("-") or "pratique"


def nouvelle_pratique(args: argparse.Namespace, racine: Path) -> int:
    """Crée content/bonnes_pratiques/BP-<prochain id>-<slug>.yml depuis _modele.yml ; affiche son chemin."""
    from .pratiques import DOSSIER, MODELE, prochain_id
    from .valider import lire_et_valider
    from .models.pratique import Pratique

    titre = args.titre
    if titre is None:
        try:
            print("Titre de la bonne pratique : ", end="", file=sys.stderr, flush=True)  # stdout : le chemin seul
            titre = input()
        except EOFError:
            print("Indiquer le titre : python -m referentiel_rso nouvelle-pratique --titre \"…\"", file=sys.stderr)
            return 2
    titre = " ".join(titre.split())
    if not titre:
        print("Le titre ne doit pas être vide.", file=sys.stderr)
        return 2
    dossier = Path(racine) / DOSSIER
    modele = dossier / MODELE
    if not modele.exists():
        print(f"Modèle introuvable : {modele}", file=sys.stderr)
        return 1
    id_ = prochain_id(racine)
    chemin = dossier / f"{id_}-{slug_titre(titre)}.yml"
    texte = modele.read_text(encoding="utf-8")
    texte = _ENTETE_MODELE.sub(_ENTETE_COPIE, texte, count=1)
    texte = re.sub(r"(?m)^id: .*$", f"id: {id_}", texte, count=1)
    texte = re.sub(r"(?m)^titre: .*$", lambda _: "titre: " + json.dumps(titre, ensure_ascii=False), texte, count=1)
    texte = re.sub(r"(?m)^  date: .*$", f"  date: {dt.date.today().isoformat()}", texte, count=1)
    with open(chemin, "x", encoding="utf-8") as f:  # "x" : ne jamais écraser un fichier existant
        f.write(texte)
    nom = chemin.relative_to(Path(racine)).as_posix() if chemin.is_relative_to(Path(racine)) else str(chemin)
    _, _, erreurs = lire_et_valider(chemin, Path(racine), Pratique)
    print(nom)
    if erreurs:
        print("Attention, à corriger avant de proposer la pratique :", file=sys.stderr)
        for e in erreurs:
            print(f"  {e}", file=sys.stderr)
        return 1
    print("Fichier créé. Remplacer chaque « À compléter », puis : make valider", file=sys.stderr)
    return 0


def _arguments_nouvelle_pratique(p: argparse.ArgumentParser) -> None:
    p.add_argument("--titre", help="titre de la pratique (sinon, il est demandé)")


COMMANDES["nouvelle-pratique"] = (
    "créer le fichier d'une nouvelle bonne pratique (prochain id libre) depuis content/bonnes_pratiques/_modele.yml",
    nouvelle_pratique,
    _arguments_nouvelle_pratique,
)

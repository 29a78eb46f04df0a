"""Les erreurs là où est le contributeur : annotations GitHub Actions et résumé de la vérification.

Quand `valider` tourne dans GitHub Actions (GITHUB_ACTIONS=true), chaque erreur est aussi écrite comme
commande de workflow `::error file=…,line=…,title=…::message` : GitHub l'affiche sur la ligne du fichier,
dans l'onglet « Files changed » de la pull request. Le résumé du job ($GITHUB_STEP_SUMMARY) liste les
erreurs en français avec ce qu'il faut faire.

Encodage des commandes de workflow (celui de @actions/core) : dans le message, `%`, `\\r`, `\\n` deviennent
`%25`, `%0D`, `%0A` ; dans les propriétés (file, line, title), en plus, `:` et `,` deviennent `%3A`, `%2C`.
Une valeur contribuée ne peut donc ni finir la commande ni en commencer une autre.
"""
from __future__ import annotations

import os
import re
import sys
from typing import Iterable, Mapping, TextIO

from referentiel_rso.validate.erreurs import Erreur

GUIDE = "CONTRIBUTING.md"


def encoder_message(texte: str) -> str:
    return str(texte).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def encoder_propriete(texte: str) -> str:
    return encoder_message(texte).replace(":", "%3A").replace(",", "%2C")


def commande(niveau: str, message: str, fichier: str | None = None, ligne: int | None = None,
             titre: str | None = None) -> str:
    proprietes = []
    if fichier:
        proprietes.append(f"file={encoder_propriete(fichier)}")
    if ligne:
        proprietes.append(f"line={int(ligne)}")
    if titre:
        proprietes.append(f"title={encoder_propriete(titre)}")
    return f"::{niveau} {','.join(proprietes)}::{encoder_message(message)}" if proprietes \
        else f"::{niveau}::{encoder_message(message)}"


def annotation(e: Erreur) -> str:
    titre = f"À corriger : {e.champ}" if e.champ else "À corriger"
    return commande("error", e.message, e.fichier, e.ligne, titre)


_SPECIAUX_MD = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def echapper_markdown(texte: object) -> str:
    """Texte cité dans du Markdown lu sur GitHub (résumé, commentaire) : une ligne, rien d'interprété
    (ni lien, ni image, ni mention @, ni référence #12, ni HTML, ni cellule de tableau)."""
    t = " ".join(str(texte).split())
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    return _SPECIAUX_MD.sub(r"\\\1", t)


def resume_erreurs(erreurs: list[Erreur]) -> str:
    n = len(erreurs)
    lignes = [
        f"## Vérification du contenu : {n} erreur{'s' if n > 1 else ''} à corriger",
        "",
        "Rien n'a été publié. Chaque erreur est aussi signalée sur la ligne du fichier, dans l'onglet "
        "*Files changed* de la pull request.",
        "",
        "| fichier | ligne | champ | message |",
        "|---|---|---|---|",
        *[f"| {echapper_markdown(e.fichier)} | {e.ligne} | {echapper_markdown(e.champ or '(fichier)')} | "
          f"{echapper_markdown(e.message)} |" for e in erreurs],
        "",
        "### Que faire",
        "",
        "1. Ouvrir le fichier dans la pull request (*Files changed* → **···** → *Edit file*).",
        "2. Corriger à la ligne indiquée, en suivant le message ; le tableau « Les erreurs les plus fréquentes » "
        f"de {GUIDE} donne la correction des cas courants.",
        "3. *Commit changes* sur la même branche : la vérification repart d'elle-même.",
    ]
    return "\n".join(lignes) + "\n"


def signaler(erreurs: Iterable[Erreur], env: Mapping[str, str] | None = None, sortie: TextIO | None = None) -> None:
    """Annotations et résumé, seulement dans GitHub Actions."""
    env = os.environ if env is None else env
    if env.get("GITHUB_ACTIONS") != "true":
        return
    erreurs = list(erreurs)
    sortie = sortie or sys.stdout
    for e in erreurs:
        print(annotation(e), file=sortie)
    ecrire_resume(resume_erreurs(erreurs), env)


def ecrire_resume(texte: str, env: Mapping[str, str] | None = None) -> None:
    env = os.environ if env is None else env
    chemin = env.get("GITHUB_STEP_SUMMARY")
    if env.get("GITHUB_ACTIONS") == "true" and chemin:
        with open(chemin, "a", encoding="utf-8") as f:
            f.write(texte)

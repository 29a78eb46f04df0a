"""`python -m referentiel_rso depuis-formulaire` : la commande que lance le workflow transcrire.yml."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from referentiel_rso.contribution import transcription as t


def depuis_formulaire(racine: Path, corps: str | None = None, evenement: str | None = None,
                      numero: int | None = None, sortie: str | None = None) -> int:
    if evenement is not None:
        with open(evenement, encoding="utf-8") as f:
            issue = (json.load(f) or {}).get("issue") or {}
        texte = issue.get("body") or ""
        numero = numero if numero is not None else issue.get("number")
    elif corps == "-":
        texte = sys.stdin.read()
    else:
        texte = Path(str(corps)).read_text(encoding="utf-8")
    if numero is not None and not isinstance(numero, int):
        print("numéro d'issue invalide", file=sys.stderr)
        return 2

    resultat = t.transcrire(Path(racine), texte, numero)
    if resultat.valide:
        print(resultat.fichier)
        print(f"Proposition valide : {resultat.fichier}", file=sys.stderr)
    else:
        n = len(resultat.erreurs)
        print(f"{n} point{'s' if n > 1 else ''} à corriger dans le formulaire — aucun fichier écrit :", file=sys.stderr)
        for e in resultat.erreurs:
            print(f"  {e}", file=sys.stderr)
    if sortie is not None:
        dossier = Path(sortie)
        dossier.mkdir(parents=True, exist_ok=True)
        fichiers = {"etat": "valide" if resultat.valide else "erreurs", "numero": str(numero or "")}
        if resultat.valide:
            fichiers.update(fichier=resultat.fichier or "", contenu=resultat.contenu,
                            titre=t.titre_pull_request(resultat), corps_pr=t.corps_pull_request(resultat),
                            commentaire=t.commentaire_succes(resultat))
        else:
            fichiers.update(fichier="", contenu="", titre="", corps_pr="", commentaire=t.commentaire_erreurs(resultat))
        for nom, contenu in fichiers.items():
            (dossier / nom).write_text(contenu, encoding="utf-8")
        return 0
    return 0 if resultat.valide else 1

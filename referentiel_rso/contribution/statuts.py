"""Changements de statut dans une pull request : seul le CTP RSO valide ou retire une pratique.

`python -m referentiel_rso statuts-modifies --base <commit>` compare les fiches de pratique modifiées ou
ajoutées depuis `base` : toute pratique qui arrive, ou passe, en `validee` ou `retiree` (ou qui en sort)
est signalée au relecteur — annotation sur la ligne `etat` (avertissement si la pull request vient d'un
fork, note sinon) et tableau dans le résumé de la vérification. Rien n'échoue : c'est au relecteur du
CTP RSO de confirmer que la décision a bien été prise.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from referentiel_rso.load.pratiques import DOSSIER
from referentiel_rso.load.yaml_lignes import lire_yaml
from referentiel_rso.validate import annotations

ETATS_DU_CTP = ("validee", "retiree")


@dataclass(frozen=True)
class Changement:
    fichier: str
    ligne: int
    id: str
    avant: str | None
    apres: str | None
    date_decision: str | None


def _git(racine: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=racine, capture_output=True, text=True)


def _etat(donnees: object) -> str | None:
    statut = donnees.get("statut") if isinstance(donnees, dict) else None
    etat = statut.get("etat") if isinstance(statut, dict) else None
    return str(etat) if etat is not None else None


def changements(racine: Path, base: str) -> list[Changement]:
    racine = Path(racine)
    r = _git(racine, "diff", "--name-only", "--diff-filter=AMR", base, "HEAD", "--", DOSSIER.as_posix())
    if r.returncode != 0:
        raise RuntimeError(f"git diff depuis {base} : {r.stderr.strip()}")
    sortie = []
    for fichier in sorted(x for x in r.stdout.splitlines() if x.endswith(".yml")):
        if Path(fichier).name.startswith(("_", ".")) or not (racine / fichier).is_file():
            continue
        doc, _ = lire_yaml(racine / fichier, racine)
        apres = _etat(doc.donnees) if doc else None
        ancien = _git(racine, "show", f"{base}:{fichier}")
        try:
            avant = _etat(yaml.safe_load(ancien.stdout)) if ancien.returncode == 0 else None
        except yaml.YAMLError:
            avant = None
        if avant == apres or not ({avant, apres} & set(ETATS_DU_CTP)):
            continue
        donnees = doc.donnees if doc and isinstance(doc.donnees, dict) else {}
        statut = donnees.get("statut") if isinstance(donnees.get("statut"), dict) else {}
        sortie.append(Changement(fichier, doc.ligne(("statut", "etat")) if doc else 1, str(donnees.get("id", "?")),
                                 avant, apres, str(statut["date_decision"]) if statut.get("date_decision") else None))
    return sortie


def _phrase(c: Changement) -> str:
    changement = f"statut « {c.avant} » → « {c.apres} »" if c.avant else f"nouvelle fiche au statut « {c.apres} »"
    decision = f" (date_decision : {c.date_decision})" if c.date_decision else " (sans date_decision)"
    return (f"{c.id} : {changement}{decision}. Seul le CTP RSO valide ou retire une pratique : "
            "relecteur, vérifier que la décision a été prise (compte rendu de séance) avant de fusionner.")


def signaler(changements_: list[Changement], depuis_un_fork: bool, env=None) -> str:
    niveau = "warning" if depuis_un_fork else "notice"
    lignes = []
    for c in changements_:
        lignes.append(annotations.commande(niveau, _phrase(c), c.fichier, c.ligne, "Statut modifié : décision du CTP RSO"))
    if changements_:
        resume = [
            "## Changements de statut à confirmer par le CTP RSO",
            "",
            ("Cette pull request vient d'un fork : son auteur n'est pas membre de l'équipe." if depuis_un_fork
             else "Cette pull request vient d'une branche du dépôt."),
            "",
            "| pratique | fichier | avant | après | date_decision |",
            "|---|---|---|---|---|",
            *[f"| {annotations.echapper_markdown(c.id)} | {annotations.echapper_markdown(c.fichier)} | "
              f"{annotations.echapper_markdown(c.avant or '(nouvelle)')} | {annotations.echapper_markdown(c.apres)} | "
              f"{annotations.echapper_markdown(c.date_decision or '—')} |" for c in changements_],
            "",
            "Seul le CTP RSO valide ou retire une pratique : avant de fusionner, vérifier la décision et sa date "
            "(CONTRIBUTING.md, « Ce que vérifie la revue du CTP RSO »).",
        ]
        annotations.ecrire_resume("\n".join(resume) + "\n", env)
    return "\n".join(lignes)

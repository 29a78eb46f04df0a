"""Ligne de commande : `python -m referentiel_rso valider | construire | nouvelle-pratique | schemas |
formulaire | depuis-formulaire`."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m referentiel_rso", description="Outils du site du référentiel RSO.")
    parser.add_argument("--racine", default=".", help="dossier du projet (par défaut : le dossier courant)")
    sous = parser.add_subparsers(dest="commande", required=True)
    sous.add_parser("valider", help="vérifier tout le contenu (content/ et data/)")
    sous.add_parser("schemas", help="régénérer les schémas JSON de schemas/")
    p_construire = sous.add_parser("construire", help="construire le site dans site/")
    p_construire.add_argument("--pdf", action="store_true", default=None, help="produire aussi les PDF")
    p_construire.add_argument("--sans-pdf", dest="pdf", action="store_false", help="ne pas produire les PDF")
    p_construire.add_argument("--destination", default=None, help="dossier de sortie (par défaut : site/)")
    p_construire.add_argument("--moteur", choices=("mkdocs", "zensical"), default="mkdocs",
                              help="moteur qui fait le HTML des sources écrites (par défaut : mkdocs)")
    p_construire.add_argument("--sources", default=None, help="dossier des sources écrites (par défaut : build/sources/)")
    p_servir = sous.add_parser("servir", help="construire le site entier et le servir avec aperçu en direct")
    p_servir.add_argument("--port", type=int, default=8000, help="port sur 127.0.0.1 (par défaut : 8000)")
    p_servir.add_argument("--sans-pdf", dest="pdf", action="store_false", default=None, help="ne pas produire les PDF")
    p_nouvelle = sous.add_parser("nouvelle-pratique", help="créer le fichier d'une nouvelle bonne pratique (prochain "
                                 "id libre) depuis content/bonnes_pratiques/_modele.yml")
    p_nouvelle.add_argument("--titre", help="titre de la pratique (sinon, il est demandé)")
    p_form = sous.add_parser("formulaire", help="régénérer les formulaires d'issue de .github/ISSUE_TEMPLATE/ "
                             "depuis les modèles et le contenu")
    p_form.add_argument("--verifier", action="store_true", help="ne rien écrire ; code 1 si un formulaire n'est pas à jour")
    p_depuis = sous.add_parser("depuis-formulaire", help="transcrire une issue « Proposer une bonne pratique » "
                               "en fichier de bonne pratique validé")
    source = p_depuis.add_mutually_exclusive_group(required=True)
    source.add_argument("--corps", help="fichier du corps de l'issue (« - » : entrée standard)")
    source.add_argument("--evenement", help="fichier d'événement GitHub (issue.body, issue.number) : $GITHUB_EVENT_PATH")
    p_depuis.add_argument("--numero", type=int, help="numéro de l'issue (cité dans le fichier et la pull request)")
    p_depuis.add_argument("--sortie", help="dossier où écrire etat, fichier, contenu, titre, corps_pr, commentaire "
                          "(pour le workflow) ; le code de sortie est alors 0 que la proposition soit valide ou non")
    p_statuts = sous.add_parser("statuts-modifies", help="signaler les pratiques passées en validee ou retiree "
                                "depuis un commit (relecture d'une pull request)")
    p_statuts.add_argument("--base", required=True, help="commit de base de la pull request")
    p_statuts.add_argument("--fork", action="store_true", help="la pull request vient d'un fork")
    args = parser.parse_args(argv)
    racine = Path(args.racine)

    if args.commande == "valider":
        from referentiel_rso.validate.erreurs import ErreursDeContenu
        from referentiel_rso.catalogue.charger import charger

        from referentiel_rso.validate import annotations

        try:
            cat = charger(racine)
        except ErreursDeContenu as exc:
            print(exc.rapport(), file=sys.stderr)
            annotations.signaler(exc.erreurs)  # dans GitHub Actions : sur la ligne du fichier, et en résumé
            return 1
        c = cat.chiffres()
        bilan = (f"Contenu valide : {c['engagements']} engagements, {c['enjeux']} enjeux, {c['objectifs']} objectifs, "
                 f"{c['indicateurs']} indicateurs ({c['indicateurs_p1']} P1, {c['indicateurs_p2']} P2), "
                 f"{len(cat.pratiques)} bonnes pratiques, {len(cat.declinaisons)} déclinaison(s).")
        print(bilan)
        annotations.ecrire_resume(f"## Vérification du contenu\n\n{bilan}\n")
        return 0
    if args.commande == "schemas":
        from referentiel_rso.models.schemas import ecrire

        for chemin in ecrire(racine / "schemas"):
            print(f"écrit : {chemin}")
        return 0
    if args.commande == "construire":
        from referentiel_rso.build.construire import construire

        construire(racine, Path(args.destination) if args.destination else None, pdf=args.pdf, moteur=args.moteur,
                   dossier_sources=Path(args.sources) if args.sources else None)
        return 0
    if args.commande == "servir":
        from referentiel_rso.build.apercu import servir

        return servir(racine, args.port, args.pdf)
    if args.commande == "nouvelle-pratique":
        return nouvelle_pratique(args, racine)
    if args.commande == "statuts-modifies":
        from referentiel_rso.contribution.statuts import changements, signaler

        liste = changements(racine, args.base)
        sortie = signaler(liste, args.fork)
        if sortie:
            print(sortie)
        print(f"{len(liste)} changement(s) de statut à confirmer par le CTP RSO.", file=sys.stderr)
        return 0
    if args.commande == "formulaire":
        from referentiel_rso.contribution.formulaire import ecrire, fichiers_attendus

        if args.verifier:
            perimes = [str(rel) for rel, texte in fichiers_attendus(racine).items()
                       if not (racine / rel).is_file() or (racine / rel).read_text(encoding="utf-8") != texte]
            for rel in perimes:
                print(f"{rel} : pas à jour des modèles (make formulaire)", file=sys.stderr)
            return 1 if perimes else 0
        for chemin in ecrire(racine):
            print(f"écrit : {chemin}")
        return 0
    if args.commande == "depuis-formulaire":
        from referentiel_rso.contribution.commande import depuis_formulaire

        return depuis_formulaire(racine, corps=args.corps, evenement=args.evenement, numero=args.numero,
                                 sortie=args.sortie)
    parser.error(f"commande inconnue : {args.commande}")
    return 2


# --- nouvelle-pratique ------------------------------------------------------------------------------
_ENTETE_MODELE = re.compile(r"(?ms)^# MODÈLE D'UNE BONNE PRATIQUE.*?(?=^# Règles d'écriture)")
_ENTETE_COPIE = (
    "# Bonne pratique proposée au CTP RSO. Remplacer chaque « À compléter », supprimer les blocs\n"
    "# facultatifs inutiles, puis vérifier avec `make valider`. Guide : CONTRIBUTING.md.\n#\n"
)


def slug_titre(titre: str, longueur: int = 50) -> str:
    """Partie lisible du nom de fichier d'une pratique (scripts/banc_pratiques.py) : contribution.fichier."""
    from referentiel_rso.contribution.fichier import slug_titre as slug

    return slug(titre, longueur)


def nouvelle_pratique(args: argparse.Namespace, racine: Path) -> int:
    """Crée content/bonnes_pratiques/BP-<prochain id>-<slug>.yml depuis _modele.yml ; affiche son chemin."""
    from referentiel_rso.contribution.fichier import creer_pratique
    from referentiel_rso.load.pratiques import DOSSIER, MODELE
    from referentiel_rso.validate.documents import lire_et_valider
    from referentiel_rso.models.pratique import Pratique
    from referentiel_rso.validate.contributions import est_a_completer

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
    modele_texte = _ENTETE_MODELE.sub(_ENTETE_COPIE, modele.read_text(encoding="utf-8"), count=1)

    def contenu(id_: str) -> str:
        texte = re.sub(r"(?m)^id: .*$", f"id: {id_}", modele_texte, count=1)
        texte = re.sub(r"(?m)^titre: .*$", lambda _: "titre: " + json.dumps(titre, ensure_ascii=False), texte, count=1)
        return re.sub(r"(?m)^  date: .*$", f"  date: {dt.date.today().isoformat()}", texte, count=1)

    _, chemin = creer_pratique(Path(racine), titre, contenu)
    nom = chemin.relative_to(Path(racine)).as_posix() if chemin.is_relative_to(Path(racine)) else str(chemin)
    _, _, erreurs = lire_et_valider(chemin, Path(racine), Pratique)
    print(nom)
    a_completer = [e for e in erreurs if est_a_completer(e.message)]
    autres = [e for e in erreurs if not est_a_completer(e.message)]
    if autres:
        print("Attention, à corriger avant de proposer la pratique :", file=sys.stderr)
        for e in autres:
            print(f"  {e}", file=sys.stderr)
        return 1
    champs = ", ".join(dict.fromkeys(e.champ for e in a_completer))
    print(f"Fichier créé. Remplacer chaque « À compléter » ({champs}), puis : make valider", file=sys.stderr)
    return 0


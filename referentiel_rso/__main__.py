"""Ligne de commande : `python -m referentiel_rso valider | schemas | …`."""
from __future__ import annotations

import argparse
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
    from . import commandes

    commandes.ajouter(sous)
    args = parser.parse_args(argv)
    racine = Path(args.racine)

    if args.commande == "valider":
        from .erreurs import ErreursDeContenu
        from .valider import charger

        try:
            cat = charger(racine)
        except ErreursDeContenu as exc:
            print(exc.rapport(), file=sys.stderr)
            return 1
        c = cat.chiffres()
        print(f"Contenu valide : {c['engagements']} engagements, {c['enjeux']} enjeux, {c['objectifs']} objectifs, "
              f"{c['indicateurs']} indicateurs ({c['indicateurs_p1']} P1, {c['indicateurs_p2']} P2), "
              f"{len(cat.pratiques)} bonnes pratiques, {len(cat.declinaisons)} déclinaison(s).")
        return 0
    if args.commande == "schemas":
        from .schemas import ecrire

        for chemin in ecrire(racine / "schemas"):
            print(f"écrit : {chemin}")
        return 0
    if args.commande == "construire":
        from .construire import construire

        construire(racine, Path(args.destination) if args.destination else None, pdf=args.pdf)
        return 0
    return commandes.executer(args, racine)


if __name__ == "__main__":
    sys.exit(main())

"""Déclinaisons de branche : lire content/declinaisons/*.yml, les valider, les rattacher au référentiel.

Une branche (Famille, Retraite, Recouvrement, MSA…) ajoute sa déclinaison par un seul fichier
`content/declinaisons/<branche>.yml` : ce module le trouve, le valide et le remet au catalogue ;
les fiches d'enjeu affichent alors un onglet de plus, les fiches d'indicateur ses valeurs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.validate.erreurs import Erreur
from referentiel_rso.load.yaml_lignes import Document
from referentiel_rso.models.declinaison import Declinaison, enjeu_de_indicateur
from referentiel_rso.validate.documents import lire_et_valider

DOSSIER = Path("content") / "declinaisons"


def charger_declinaisons(
    racine: Path, catalogue: Catalogue, dossiers: Iterable[Path] | None = None
) -> tuple[tuple[Declinaison, ...], list[Erreur]]:
    """Lit et valide chaque fichier de déclinaison ; renvoie les déclinaisons (triées) et toutes les erreurs.

    `dossiers` : par défaut content/declinaisons/ ; les tests y ajoutent leurs fixtures.
    """
    racine = Path(racine).resolve()
    dossiers = [racine / DOSSIER] if dossiers is None else [Path(d) for d in dossiers]
    erreurs: list[Erreur] = []
    lues: list[tuple[str, Declinaison]] = []
    docs: dict[str, Document] = {}
    for dossier in dossiers:
        for chemin in sorted(dossier.glob("*.yml")):
            # un lien symbolique est refusé par lire_yaml : le résoudre d'abord le ferait suivre
            chemin = chemin if chemin.is_symlink() else chemin.resolve()
            objet, doc, errs = lire_et_valider(chemin, racine, Declinaison)
            erreurs.extend(errs)
            if doc is not None:
                docs[doc.fichier] = doc
            if objet is not None and doc is not None:
                objet._fichier = doc.fichier
                lues.append((doc.fichier, objet))
    erreurs.extend(regles_declinaisons(lues, catalogue, docs))
    if erreurs:
        return (), erreurs
    return tuple(sorted((d for _, d in lues), key=lambda d: (d.nom.lower(), d.branche))), erreurs


def regles_declinaisons(
    lues: list[tuple[str, Declinaison]], catalogue: Catalogue, docs: dict[str, Document]
) -> list[Erreur]:
    """Règles qui dépassent un fichier : noms, unicité, renvois vers le référentiel."""
    erreurs: list[Erreur] = []

    def err(fichier: str, chemin: tuple[Any, ...], champ: str, texte: str) -> None:
        doc = docs.get(fichier)
        erreurs.append(Erreur(fichier, doc.ligne(chemin) if doc else 1, champ, texte))

    ids_enjeux = [e.id for e in catalogue.enjeux]
    connus_enjeux = f"enjeux connus : {ids_enjeux[0]} … {ids_enjeux[-1]}" if ids_enjeux else "aucun enjeu chargé"
    ids_referentiel = {i.id for _, i in catalogue.indicateurs}
    engagements = [e.numero for e in catalogue.engagements]

    # indicateurs de branche de toutes les branches : un id ne sert qu'une fois
    proprietaire: dict[str, str] = {}
    branches: dict[str, str] = {}
    for fichier, d in lues:
        nom = fichier.rsplit("/", 1)[-1]
        if nom != f"{d.branche}.yml":
            err(fichier, ("branche",), "branche", f"« {d.branche} » : le fichier doit s'appeler « {d.branche}.yml » (ou la branche « {nom.removesuffix('.yml')} »)")
        if d.branche in branches:
            err(fichier, ("branche",), "branche", f"la branche « {d.branche} » a déjà une déclinaison : {branches[d.branche]}")
        else:
            branches[d.branche] = fichier

        for i, ib in enumerate(d.indicateurs_branche):
            chemin = ("indicateurs_branche", i)
            if ib.id in ids_referentiel:
                err(fichier, chemin + ("id",), f"indicateurs_branche[{i}].id", f"« {ib.id} » est déjà un indicateur du référentiel")
            elif ib.id in proprietaire:
                err(fichier, chemin + ("id",), f"indicateurs_branche[{i}].id", f"« {ib.id} » est déjà utilisé ({proprietaire[ib.id]})")
            else:
                proprietaire[ib.id] = fichier
            if not ib.id.startswith(ib.enjeu + "-"):
                err(fichier, chemin + ("id",), f"indicateurs_branche[{i}].id", f"« {ib.id} » doit commencer par l'id de son enjeu : « {ib.enjeu}-… »")
            if ib.enjeu not in ids_enjeux:
                err(fichier, chemin + ("enjeu",), f"indicateurs_branche[{i}].enjeu", f"« {ib.enjeu} » n'est pas un enjeu du référentiel ({connus_enjeux})")
            if ib.correspond_a and ib.correspond_a not in ids_referentiel:
                err(fichier, chemin + ("correspond_a",), f"indicateurs_branche[{i}].correspond_a", f"« {ib.correspond_a} » n'est pas un indicateur du référentiel")

    for fichier, d in lues:
        propres = {ib.id for ib in d.indicateurs_branche}
        vus: dict[str, int] = {}
        for i, bloc in enumerate(d.enjeux):
            chemin = ("enjeux", i)
            if bloc.enjeu not in ids_enjeux:
                err(fichier, chemin + ("enjeu",), f"enjeux[{i}].enjeu", f"« {bloc.enjeu} » n'est pas un enjeu du référentiel ({connus_enjeux})")
            if bloc.enjeu in vus:
                err(fichier, chemin + ("enjeu",), f"enjeux[{i}].enjeu", f"l'enjeu « {bloc.enjeu} » est déjà décliné plus haut (enjeux[{vus[bloc.enjeu]}])")
            else:
                vus[bloc.enjeu] = i
            if not (bloc.actions_nationales or bloc.actions_locales or bloc.perspectives or bloc.exemples):
                err(fichier, chemin, f"enjeux[{i}]", "bloc vide : il faut au moins une action, une perspective ou un exemple")
            for niveau in ("actions_nationales", "actions_locales"):
                for j, action in enumerate(getattr(bloc, niveau)):
                    if action.theme and action.theme not in bloc.themes:
                        err(fichier, chemin + (niveau, j, "theme"), f"enjeux[{i}].{niveau}[{j}].theme",
                            f"« {action.theme} » n'est pas dans les thèmes de cet enjeu ({', '.join(bloc.themes) or 'aucun thème'})")
        for i, bloc in enumerate(d.engagements):
            if engagements and bloc.engagement not in engagements:
                err(fichier, ("engagements", i, "engagement"), f"engagements[{i}].engagement",
                    f"l'engagement {bloc.engagement} n'existe pas (engagements connus : {', '.join(map(str, engagements))})")

        for i, v in enumerate(d.valeurs):
            chemin = ("valeurs", i)
            if v.indicateur and v.indicateurs_possibles:
                err(fichier, chemin + ("indicateurs_possibles",), f"valeurs[{i}].indicateurs_possibles",
                    "à laisser vide quand `indicateur` est renseigné")
            if not v.indicateur and len(v.indicateurs_possibles) < 2:
                err(fichier, chemin + ("indicateur",), f"valeurs[{i}].indicateur",
                    "indiquer l'indicateur, ou, si la source ne permet pas de trancher, au moins deux `indicateurs_possibles`")
            if not v.indicateur and not v.note:
                err(fichier, chemin, f"valeurs[{i}].note", "une valeur non attribuée doit expliquer l'ambiguïté dans `note`")
            if v.indicateur and not v.libelle:
                err(fichier, chemin + ("libelle",), f"valeurs[{i}].libelle", "libellé obligatoire (tel qu'écrit par la source)")
            if v.annee is None and not v.note:
                err(fichier, chemin + ("annee",), f"valeurs[{i}].annee", "année manquante : la renseigner, ou dire dans `note` que la source n'en donne pas")
            if not v.unite and not v.note:
                err(fichier, chemin + ("unite",), f"valeurs[{i}].unite", "unité manquante : la renseigner, ou expliquer son absence dans `note`")
            cibles = [("indicateur", ("indicateur",), v.indicateur)] if v.indicateur else [
                (f"indicateurs_possibles[{k}]", ("indicateurs_possibles", k), x) for k, x in enumerate(v.indicateurs_possibles)]
            for champ, loc, id_ in cibles:
                if id_ in ids_referentiel or id_ in propres:
                    continue
                loc = chemin + loc
                autre = f" (c'est un indicateur de {proprietaire[id_]})" if id_ in proprietaire else ""
                enjeu = enjeu_de_indicateur(id_)
                connus = sorted({x for x in ids_referentiel if enjeu_de_indicateur(x) == enjeu} | {x for x in propres if enjeu_de_indicateur(x) == enjeu})
                suggestion = f" ; indicateurs de l'enjeu {enjeu} : {', '.join(connus)}" if connus else ""
                err(fichier, loc, f"valeurs[{i}].{champ}",
                    f"« {id_} » n'est ni un indicateur du référentiel ni un indicateur de cette branche{autre}{suggestion}")
    return erreurs

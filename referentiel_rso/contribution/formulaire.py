"""Le formulaire d'issue « Proposer une bonne pratique », généré depuis les modèles et les données.

Les choix des listes déroulantes (branches, portées, régions, enjeux avec leurs titres) et le statut
annoncé viennent des modèles (models/pratique.py) et du contenu (content/enjeux/, data/territoires/) :
`python -m referentiel_rso formulaire` (ou `make formulaire`) réécrit .github/ISSUE_TEMPLATE/, et un test
échoue quand le fichier publié et les modèles divergent. Les intitulés (`label`) sont aussi les clés que
lit la transcription (contribution/corps.py) et les noms que citent les messages d'erreur.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from referentiel_rso import config as configuration
from referentiel_rso.models.pratique import BRANCHES, ETATS, PORTEES

DOSSIER_GABARITS = Path(".github") / "ISSUE_TEMPLATE"
ETIQUETTE_PROPOSITION = "bonne pratique"
ETIQUETTE_SIGNALEMENT = "correction"


@dataclass(frozen=True)
class Champ:
    id: str
    type: str  # input | textarea | dropdown | checkboxes
    label: str
    description: str = ""
    placeholder: str = ""
    options: tuple[str, ...] = ()
    multiple: bool = False
    requis: bool = False

    def element(self) -> dict[str, Any]:
        attributs: dict[str, Any] = {"label": self.label}
        if self.description:
            attributs["description"] = self.description
        if self.placeholder:
            attributs["placeholder"] = self.placeholder
        if self.type == "dropdown":
            attributs["multiple"] = self.multiple
            attributs["options"] = list(self.options)
        if self.type == "checkboxes":
            attributs["options"] = [{"label": o, "required": True} for o in self.options]
        element: dict[str, Any] = {"type": self.type, "id": self.id, "attributes": attributs}
        if self.requis and self.type != "checkboxes":
            element["validations"] = {"required": True}
        return element


@dataclass(frozen=True)
class Choix:
    """Les listes fermées du formulaire : libellé affiché → valeur du fichier."""

    branches: dict[str, str]
    portees: dict[str, str]
    regions: dict[str, str]
    enjeux: dict[str, str]
    etat_initial: str = field(default=ETATS["proposee"])


def libelle_region(code: str, nom: str) -> str:
    return f"{nom} ({code})"


def libelle_enjeu(id_: str, titre: str) -> str:
    return f"{id_} {titre}"


def choix(racine: Path) -> Choix:
    """Les choix, lus des modèles et du contenu du projet `racine`."""
    from referentiel_rso.catalogue.charger import charger
    from referentiel_rso.load.territoires import charger_territoires

    cat = charger(racine, extensions=False)
    ter = charger_territoires(racine)
    regions = sorted(ter.regions.values(), key=lambda r: r.nom)
    return Choix(
        branches={libelle: cle for cle, libelle in BRANCHES.items()},
        portees={libelle: cle for cle, libelle in PORTEES.items()},
        regions={libelle_region(r.code, r.nom): r.code for r in regions},
        enjeux={libelle_enjeu(e.id, " ".join(e.titre.split())): e.id for e in cat.enjeux},
    )


def champs(c: Choix) -> list[Champ]:
    """Les champs du formulaire, dans l'ordre ; chacun correspond à un champ du modèle Pratique."""
    return [
        Champ("titre", "input", "Titre de la pratique", "Court : 160 caractères au plus.",
              "Tri des biodéchets au restaurant d'entreprise", requis=True),
        Champ("resume", "textarea", "Résumé", "Une ou deux phrases : ce qui est fait, par qui, pour quoi "
              "(600 caractères au plus, sans mise en forme).", requis=True),
        Champ("description", "textarea", "Description",
              "Contexte, étapes, moyens, difficultés, conseils. Mise en forme possible : paragraphes, listes « - », "
              "**gras**, liens [texte](https://…)."),
        Champ("organisme", "input", "Organisme porteur", placeholder="Caf de la Manche", requis=True),
        Champ("branche", "dropdown", "Branche ou régime", options=tuple(c.branches), requis=True),
        Champ("partenaires", "textarea", "Partenaires",
              "Autres organismes associés (collectivités, associations, autres caisses) : un par ligne."),
        Champ("portee", "dropdown", "Portée", "Sur un territoire : indiquez au moins la région, le département "
              "ou la commune ci-dessous (la pratique ira sur la carte).", options=tuple(c.portees), requis=True),
        Champ("region", "dropdown", "Région", "Si la pratique est menée sur un territoire.", options=tuple(c.regions)),
        Champ("departement", "input", "Département (code INSEE)",
              "Code du département : « 50 », « 2A », « 974 ».", "50"),
        Champ("commune", "input", "Commune (code INSEE)",
              "Code INSEE de la commune, sur cinq caractères (ce n'est pas le code postal : Saint-Lô est 50502, "
              "code postal 50000).", "50502"),
        Champ("coordonnees", "input", "Coordonnées du lieu",
              "Facultatif : latitude et longitude en degrés décimaux, séparées par une virgule "
              "(sinon, la carte prend le point du territoire).", "49.1157, -1.0907"),
        Champ("annee", "input", "Année de lancement ou de réalisation", "Quatre chiffres, pas dans le futur.", "2024"),
        Champ("enjeux", "dropdown", "Enjeux du référentiel",
              "Un ou plusieurs enjeux que la pratique illustre ; les ODD en seront déduits.",
              options=tuple(c.enjeux), multiple=True, requis=True),
        Champ("objectifs", "input", "Objectifs visés",
              "Facultatif : numéros d'objectifs des enjeux choisis, séparés par des virgules.", "3.3.1, 3.3.2"),
        Champ("resultats", "textarea", "Résultats", "Résultats obtenus, un par ligne (texte libre)."),
        Champ("mesures", "textarea", "Mesures d'indicateurs du référentiel",
              "Facultatif, une mesure par ligne : indicateur ; valeur ; unité ; année. L'indicateur est celui de la "
              "page « Indicateurs » du site (ex. 3.3-i1).", "3.3-i1 ; 42 ; % ; 2024"),
        Champ("distinctions", "textarea", "Prix et distinctions",
              "Facultatif, un par ligne : intitulé ; année ; précision. Un prix n'est pas une validation du CTP RSO.",
              "Trophées RSO de l'Assurance Maladie ; 2023 ; lauréat"),
        Champ("sources", "textarea", "Sources",
              "Documents ou pages qui décrivent la pratique, un par ligne : titre puis adresse https://.",
              "Rapport RSO 2024 de la Caf — https://www.exemple.fr/rapport-rso-2024.pdf"),
        Champ("propose_par", "input", "Proposée par (rôle et organisme)",
              "Un rôle, pas le nom d'une personne.", "Chef de projet RSO, Caf de la Manche", requis=True),
        Champ("contact", "input", "Contact (rôle ou service)",
              "Facultatif : un rôle ou un service, sans nom, adresse électronique ni téléphone.",
              "Mission RSO de la Caf de la Manche"),
        Champ("verifications", "checkboxes", "Vérifications", options=(
            "Ma proposition ne contient aucune donnée personnelle (nom, adresse électronique, téléphone).",
            "Mon organisme accepte que cette pratique soit publiée sur le site du référentiel, après relecture par le CTP RSO.",
        ), requis=True),
    ]


def _introduction(c: Choix, depot: str) -> str:
    return (
        "Merci de partager une initiative de votre organisme. **Aucune donnée personnelle** : pas de nom de\n"
        "personne, d'adresse électronique ni de téléphone — indiquez un rôle ou un service.\n"
        "Les champs marqués d'un astérisque sont obligatoires ; laissez vides ceux que vous ne connaissez pas.\n\n"
        "Après un premier regard de l'équipe, votre proposition est transcrite automatiquement en fiche de\n"
        "bonne pratique, vérifiée, puis soumise à la relecture du CTP RSO ; si un champ est à corriger, un\n"
        "commentaire ici vous dira lequel. Elle sera publiée avec le statut « " + c.etat_initial + " » :\n"
        f"seul le CTP RSO la valide. Guide : [CONTRIBUTING]({depot}/blob/main/CONTRIBUTING.md).\n"
    )


ENTETE = (
    "# Fichier généré par `python -m referentiel_rso formulaire` (make formulaire) depuis les modèles et le\n"
    "# contenu : ne pas le modifier à la main. Ses intitulés sont lus par la transcription automatique\n"
    "# (workflow transcrire.yml, referentiel_rso/contribution/).\n"
)


class EcrivainYaml(yaml.SafeDumper):
    """YAML lisible : listes indentées sous leur clé, texte sur plusieurs lignes en bloc littéral « | »."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


EcrivainYaml.add_representer(str, lambda e, v: e.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None))


def _dump(donnees: dict) -> str:
    return ENTETE + yaml.dump(donnees, Dumper=EcrivainYaml, allow_unicode=True, sort_keys=False, width=1000)


def formulaire_pratique(c: Choix, depot: str) -> str:
    donnees = {
        "name": "Proposer une bonne pratique",
        "description": "Décrire une bonne pratique RSO de votre organisme ; elle sera transcrite puis relue par le CTP RSO.",
        "title": "[Bonne pratique] ",
        "labels": [ETIQUETTE_PROPOSITION],
        "body": [{"type": "markdown", "attributes": {"value": _introduction(c, depot)}}]
                + [x.element() for x in champs(c)],
    }
    return _dump(donnees)


def champs_signalement() -> list[Champ]:
    return [
        Champ("pratique", "input", "Bonne pratique concernée", "Son identifiant et son titre (pré-remplis depuis sa page).",
              "BP-0001 — Titre de la pratique", requis=True),
        Champ("adresse", "input", "Adresse de la page", placeholder="https://…"),
        Champ("correction", "textarea", "Ce qui est à corriger ou à modifier",
              "Ce qui est inexact ou à compléter, et la correction proposée, avec sa source si possible.", requis=True),
        Champ("propose_par", "input", "Signalé par (rôle et organisme)", "Un rôle, pas le nom d'une personne.",
              "Chef de projet RSO, Caf de la Manche"),
    ]


def formulaire_signalement(depot: str) -> str:
    donnees = {
        "name": "Signaler une erreur ou proposer une modification",
        "description": "Une information inexacte, incomplète ou à retirer dans une bonne pratique publiée.",
        "title": "[Correction] ",
        "labels": [ETIQUETTE_SIGNALEMENT],
        "body": [{"type": "markdown", "attributes": {"value": (
            "Décrivez ce qui est à corriger ; l'équipe modifie la fiche et le CTP RSO relit la modification. "
            "**Aucune donnée personnelle.** Guide : "
            f"[CONTRIBUTING]({depot}/blob/main/CONTRIBUTING.md).\n")}}]
                + [x.element() for x in champs_signalement()],
    }
    return _dump(donnees)


def fichiers_attendus(racine: Path) -> dict[Path, str]:
    """Chemin (relatif à la racine) → contenu attendu des formulaires."""
    depot = configuration.depot(racine)
    return {
        DOSSIER_GABARITS / configuration.FORMULAIRE_PRATIQUE: formulaire_pratique(choix(racine), depot),
        DOSSIER_GABARITS / configuration.FORMULAIRE_SIGNALEMENT: formulaire_signalement(depot),
    }


def ecrire(racine: Path) -> list[Path]:
    ecrits = []
    for relatif, texte in fichiers_attendus(racine).items():
        chemin = Path(racine) / relatif
        chemin.parent.mkdir(parents=True, exist_ok=True)
        if not chemin.exists() or chemin.read_text(encoding="utf-8") != texte:
            chemin.write_text(texte, encoding="utf-8")
            ecrits.append(chemin)
    return ecrits


def champs_par_label(c: Choix) -> dict[str, Champ]:
    return {x.label: x for x in champs(c)}

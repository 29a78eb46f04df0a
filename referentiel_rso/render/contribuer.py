"""Les liens de contribution des pages : formulaires d'issue pré-remplis (adresse du dépôt : mkdocs.yml).

- « Proposer une bonne pratique » (bibliothèque, fiche d'un enjeu) : le formulaire, l'enjeu de la fiche déjà
  choisi. GitHub pré-remplit un champ par le paramètre de son `id` ; une liste déroulante prend la valeur
  égale au libellé d'une de ses options, d'où le libellé exact de l'option (contribution/formulaire.py).
- « Signaler une erreur ou proposer une modification » (page d'une pratique) : le formulaire de
  signalement, avec l'identifiant, le titre et l'adresse de la pratique.
"""
from __future__ import annotations

from referentiel_rso import config as configuration
from referentiel_rso.contribution.formulaire import libelle_enjeu


def lien_proposer(catalogue, enjeu=None) -> str:
    champs = {"enjeux": libelle_enjeu(enjeu.id, " ".join(enjeu.titre.split()))} if enjeu is not None else {}
    return configuration.url_formulaire(catalogue.racine, configuration.FORMULAIRE_PRATIQUE, **champs)


def lien_signaler(catalogue, p) -> str:
    adresse = configuration.adresse_site(catalogue.racine) + p.page.removesuffix("index.md")
    return configuration.url_formulaire(
        catalogue.racine, configuration.FORMULAIRE_SIGNALEMENT,
        title=f"[Correction] {p.id} — {' '.join(p.titre.split())}"[:200],
        pratique=f"{p.id} — {' '.join(p.titre.split())}", adresse=adresse)

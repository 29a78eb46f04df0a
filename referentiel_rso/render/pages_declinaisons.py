"""Pages des déclinaisons de branche : pour chaque branche, une page de présentation (introduction,
démarche, sommaire, indicateurs de branche, accompagnement du réseau) et une page par engagement décliné,
qui transcrit la déclinaison enjeu par enjeu, puis les valeurs publiées pour les indicateurs de ses
enjeux (comme le document d'une branche les donne, engagement par engagement).

Une page par engagement tient chaque page dans son budget (issue 13 : ≤ 1 000 éléments du DOM) quelle
que soit la longueur du document d'une branche : le référentiel borne un engagement à quelques enjeux.
Les gabarits `declinaison_page.md.j2` et `declinaison_engagement.md.j2` les mettent en forme.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.models.declinaison import (Declinaison, DeclinaisonEngagement, Valeur, enjeu_de_indicateur,
                                                format_nombre)
from referentiel_rso.models.enjeu import Enjeu
from referentiel_rso.models.referentiel import Engagement
from referentiel_rso.render import urls


@dataclass(frozen=True)
class PartieEngagement:
    """Ce qu'une branche décline d'un engagement : une page."""

    declinaison: Declinaison
    engagement: Engagement
    enjeux: tuple[Enjeu, ...]
    """les enjeux de l'engagement que la branche décline, dans l'ordre du référentiel."""
    commun: Optional[DeclinaisonEngagement]
    """perspectives et exemples que la source rattache à l'engagement entier."""
    valeurs: tuple[Valeur, ...]
    """valeurs publiées pour un indicateur (ou l'un des indicateurs possibles) d'un enjeu de l'engagement."""

    @property
    def page(self) -> str:
        return urls.page_declinaison_engagement(self.declinaison, self.engagement)


def engagements_de(catalogue: Catalogue, v: Valeur) -> set[int]:
    """Les engagements des indicateurs d'une valeur (plusieurs si son attribution est incertaine)."""
    return {catalogue.enjeu(enjeu_de_indicateur(i)).engagement for i in v.indicateurs}


def parties(catalogue: Catalogue, d: Declinaison) -> list[PartieEngagement]:
    """Les engagements que la branche décline (un enjeu, un bloc pour tout l'engagement ou une valeur)."""
    sortie = []
    for eng in catalogue.engagements:
        enjeux = tuple(e for e in catalogue.enjeux_de(eng.numero) if d.pour_enjeu(e.id) is not None)
        commun = d.pour_engagement(eng.numero)
        valeurs = tuple(v for v in d.valeurs if eng.numero in engagements_de(catalogue, v))
        if enjeux or commun or valeurs:
            sortie.append(PartieEngagement(d, eng, enjeux, commun, valeurs))
    return sortie


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    sortie: dict[str, str] = {}
    presentation = env.get_template("declinaison_page.md.j2")
    par_engagement = env.get_template("declinaison_engagement.md.j2")
    for d in catalogue.declinaisons:
        liste = parties(catalogue, d)
        chemin = urls.page_declinaison(d)
        sortie[chemin] = presentation.render(page=chemin, d=d, parties=liste, nombre=format_nombre)
        for i, partie in enumerate(liste):
            sortie[partie.page] = par_engagement.render(
                page=partie.page, d=d, partie=partie, parties=liste, rang=i + 1, nombre=format_nombre)
    return sortie

"""Extension Markdown : le sommaire d'une page ne cite pas les intertitres des onglets cachés au départ.

Dans une fiche, l'onglet d'une branche (« Assurance Maladie ») reprend des intertitres (Thèmes, Niveau
national…) que le sommaire listait alors qu'ils sont cachés tant que l'onglet n'est pas choisi : un clic
n'y menait nulle part. Seuls restent au sommaire les intertitres visibles à l'ouverture de la page (hors
onglets, ou dans le premier onglet d'un groupe) ; docs/assets/javascripts/onglets.js ouvre en plus l'onglet
qui contient la cible d'un lien d'ancre (sommaire, lien partagé).

Passe après l'extension toc (priorité 5) et retire ces intertitres de `md.toc_tokens`, que MkDocs lit pour
construire le sommaire ; les intertitres eux-mêmes, leurs ancres et la structure de la page ne changent pas.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_TITRE = re.compile(r"^h[1-6]$")


def _classes(el: etree.Element) -> set[str]:
    return set((el.get("class") or "").split())


def ancres_cachees(racine: etree.Element) -> set[str]:
    """Ancres des intertitres placés dans un onglet autre que le premier de son groupe."""
    cachees: set[str] = set()
    for contenu in racine.iter("div"):
        if "tabbed-content" not in _classes(contenu):
            continue
        blocs = [b for b in contenu if "tabbed-block" in _classes(b)]
        for bloc in blocs[1:]:
            cachees.update(h.get("id") for h in bloc.iter() if isinstance(h.tag, str) and _TITRE.match(h.tag) and h.get("id"))
    return cachees


def filtrer(jetons: list[dict], cachees: set[str]) -> list[dict]:
    sortie = []
    for j in jetons:
        enfants = filtrer(j.get("children", []), cachees)
        if j.get("id") in cachees:
            sortie.extend(enfants)
        else:
            sortie.append({**j, "children": enfants})
    return sortie


class _SommaireOnglets(Treeprocessor):
    def run(self, racine: etree.Element) -> None:
        cachees = ancres_cachees(racine)
        if cachees and getattr(self.md, "toc_tokens", None):
            self.md.toc_tokens = filtrer(self.md.toc_tokens, cachees)


class SommaireOnglets(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (API de Python-Markdown)
        md.treeprocessors.register(_SommaireOnglets(md), "rso_sommaire_onglets", 4)


def makeExtension(**kwargs) -> SommaireOnglets:  # noqa: N802
    return SommaireOnglets(**kwargs)

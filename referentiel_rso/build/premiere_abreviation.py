"""Extension Markdown : une abréviation n'est développée (`<abbr title>`) qu'à sa première occurrence.

L'extension abbr, avec le glossaire du site (data/abreviations.yml), entoure chaque occurrence d'un sigle
d'un `<abbr title="…">` : 100 éléments de plus sur une page où « RSO » revient à chaque paragraphe, pour
une infobulle déjà vue. Les règles d'accessibilité demandent que la forme développée soit disponible à la
première occurrence (WCAG 3.1.4, technique H28) ; les suivantes redeviennent du texte.

« Première » s'entend dans ce que le lecteur voit : un onglet autre que le premier ou un bloc replié
(`<details>`) peut rester fermé, alors la première occurrence qu'il contient est gardée même si le sigle
a déjà été développé ailleurs — sauf avant lui, dans la partie de la page qui l'englobe (un sigle
développé en tête de page ne l'est pas de nouveau dans un onglet). Le résumé d'un bloc replié
(`<summary>`) est toujours visible : il compte avec ce qui l'englobe.

Passe après l'extension abbr (priorité 7) et avant le sommaire (5) ; les `<abbr>` écrits en HTML brut
dans un gabarit (ex. la matrice des ODD) ne sont pas touchés.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


def _est_portee(el: etree.Element) -> bool:
    """Partie de page qui peut rester cachée : bloc replié, ou contenu d'un onglet."""
    return el.tag == "details" or (el.tag == "div" and "tabbed-block" in (el.get("class") or "").split())


def _deballer(parent: etree.Element, abbr: etree.Element) -> None:
    """Remplace `abbr` par son texte (et sa queue), à la même place dans `parent`."""
    texte = (abbr.text or "") + (abbr.tail or "")
    enfants = list(parent)
    i = enfants.index(abbr)
    if i == 0:
        parent.text = (parent.text or "") + texte
    else:
        precedent = enfants[i - 1]
        precedent.tail = (precedent.tail or "") + texte
    parent.remove(abbr)


def garder_les_premieres(racine: etree.Element) -> None:
    """Retire, dans l'ordre du document, chaque `<abbr>` dont le sigle est déjà développé plus haut dans
    la même partie visible de la page (voir le docstring du module)."""

    def parcourir(el: etree.Element, portees: list[set[str]]) -> None:
        propres = portees + [set()] if _est_portee(el) else portees
        for enfant in list(el):
            if enfant.tag == "abbr" and enfant.get("title"):
                sigle = enfant.text or ""
                if any(sigle in p for p in propres):
                    _deballer(el, enfant)
                else:
                    propres[-1].add(sigle)
            else:
                parcourir(enfant, portees if enfant.tag == "summary" else propres)

    parcourir(racine, [set()])


class _PremiereAbreviation(Treeprocessor):
    def run(self, racine: etree.Element) -> None:
        garder_les_premieres(racine)


class PremiereAbreviation(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (API de Python-Markdown)
        md.treeprocessors.register(_PremiereAbreviation(md), "rso_premiere_abreviation", 6)


def makeExtension(**kwargs) -> PremiereAbreviation:  # noqa: N802
    return PremiereAbreviation(**kwargs)

"""Lire le corps d'une issue ouverte sur un formulaire, tel que GitHub l'écrit.

GitHub écrit chaque champ sous son intitulé : `### Intitulé`, une ligne vide, la valeur ; `_No response_`
pour un champ facultatif laissé vide ; une liste déroulante à choix multiples joint ses choix par `, ` ;
des cases à cocher donnent `- [X] option` (cochée) ou `- [ ] option`.

Le texte d'un champ est libre : une ligne `### Organisme porteur` tapée dans la description imiterait
un intitulé. Un intitulé du formulaire présent plus d'une fois est donc refusé (message pour le
contributeur), plutôt que deviné.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from referentiel_rso.contribution.formulaire import Champ

SANS_REPONSE = "_No response_"
_INTITULE = re.compile(r"^###[ \t]+(.*?)[ \t]*$", re.M)
_CASE = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.*?)\s*$")


@dataclass
class Reponses:
    valeurs: dict[str, str | None] = field(default_factory=dict)
    """id du champ → texte saisi (None : absent ou « _No response_ »)."""
    cochees: dict[str, list[str]] = field(default_factory=dict)
    """id d'un champ de cases à cocher → options cochées."""
    erreurs: list[tuple[str, str]] = field(default_factory=list)
    """(intitulé, message) : ce qui empêche de lire le corps."""


def lire_corps(corps: str, champs: list[Champ]) -> Reponses:
    texte = (corps or "").replace("\r\n", "\n").replace("\r", "\n")
    par_label = {c.label: c for c in champs}
    reperes: list[tuple[int, int, Champ]] = []  # (début de l'intitulé, début de la valeur, champ)
    vus: dict[str, int] = {}
    for m in _INTITULE.finditer(texte):
        champ = par_label.get(m.group(1))
        if champ is None:
            continue
        vus[champ.label] = vus.get(champ.label, 0) + 1
        reperes.append((m.start(), m.end(), champ))
    r = Reponses()
    for label, n in vus.items():
        if n > 1:
            r.erreurs.append((label, f"l'intitulé « ### {label} » apparaît {n} fois : une ligne commençant par "
                                     "« ### » dans un texte imite un intitulé du formulaire, la retirer"))
    if any(n > 1 for n in vus.values()):
        return r
    for i, (_, debut, champ) in enumerate(reperes):
        fin = reperes[i + 1][0] if i + 1 < len(reperes) else len(texte)
        valeur = texte[debut:fin].strip("\n").strip()
        if champ.type == "checkboxes":
            r.cochees[champ.id] = [m.group(2) for ligne in valeur.split("\n")
                                   if (m := _CASE.match(ligne)) and m.group(1) in "xX"]
            continue
        r.valeurs[champ.id] = None if valeur in ("", SANS_REPONSE) else valeur
    return r


def lignes(valeur: str | None) -> list[tuple[int, str]]:
    """Les lignes non vides d'un texte, numérotées à partir de 1, puces « - » / « * » retirées."""
    sortie = []
    for n, ligne in enumerate((valeur or "").split("\n"), start=1):
        ligne = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", ligne).strip()
        if ligne:
            sortie.append((n, ligne))
    return sortie

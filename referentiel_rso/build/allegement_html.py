"""Allègement du balisage du thème : moins d'éléments par page, même rendu, même texte (issue 13, EcoIndex).

1. Le menu de Material enveloppe l'intitulé de chaque lien (menu, sommaire) dans un
   `<span class="md-ellipsis">`, qui ne sert qu'à couper par « … » un intitulé trop long pour sa ligne ;
   or le menu du site passe à la ligne (referentiel.css, « Menu »). On retire l'enveloppe, pas l'intitulé.
2. Ses chevrons (« › », déplier une section ; « ‹ », revenir au menu parent sur téléphone) sont des
   `<span class="md-nav__icon md-icon"></span>` vides : la feuille du site les dessine à la place sur
   l'élément qui les portait (pseudo-éléments, mêmes masques et tailles : referentiel.css, « Menu »).
3. Dans l'en-tête du document, `<link rel="prev|next">` (qu'aucun navigateur ni moteur de recherche
   n'exploite plus ; les liens « Précédent / Suivant » du pied de page restent) et
   `<meta name="generator">` (le thème l'écrit même avec extra.generator: false).
Sur une fiche, ce sont ~50 éléments sur les ~210 du thème.

Appliqué à chaque page par l'étape « correctifs » (build/correctifs_html.py), sur le HTML de l'un ou
l'autre moteur : un remplacement exact, sur le motif de Material 9.8 (un lien `md-nav__link` dont
l'enveloppe ne contient que du texte) ; ce qui ne lui ressemble pas reste tel quel (l'en-tête et le pied
gardent leurs `md-ellipsis`, qui coupent bien une ligne). tests/test_allegement_html.py le vérifie sur les
pages construites.
"""
from __future__ import annotations

import re

_ENVELOPPE = re.compile(
    r'(<(?:a|label)\b[^>]*\bclass="md-nav__link\b[^"]*"[^>]*>)\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>'
)
_ICONE = re.compile(r'\s*<span class="md-nav__icon md-icon"></span>')
_ENTETE_INUTILE = re.compile(r'\s*<(?:link rel="(?:prev|next)" href="[^"<>]*"|meta name="generator" content="[^"<>]*")>')


def alleger(html: str) -> str:
    html = _ENVELOPPE.sub(r"\1\2", html)
    html = _ICONE.sub("", html)
    tete = html.find("</head>")
    if tete > 0:
        html = _ENTETE_INUTILE.sub("", html[:tete]) + html[tete:]
    return html

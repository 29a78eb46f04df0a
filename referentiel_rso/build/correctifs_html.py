"""Étape « correctifs » : rend valide (Nu Html Checker) le balisage que Material écrit hors des blocs
surchargeables, sans recopier ses gabarits.

Chaque correctif est un remplacement exact, sur un motif propre à Material 9.8 ; un motif qui ne se
retrouve plus (Material mis à jour) ne fait rien, et tests/navigateur/test_validite.py le dira.

1. base.html : `autocomplete="off"` sur les cases à cocher #__drawer et #__search (attribut interdit
   sur une case à cocher).
2. partials/nav-item.html : `tabindex=""` sur le <label> d'une section de premier niveau (valeur vide
   invalide ; le navigateur l'ignore déjà : on retire l'attribut).
3. partials/toc.html : `<label for="__toc">` quand la page n'a pas de case #__toc (page d'index de
   section) : le `for` ne vise rien ; on le retire. À l'inverse, la case #__toc d'une page sans sommaire
   (aucun `<label for="__toc">`) ne sert à rien et n'a pas de nom (HTML_CodeSniffer, WCAG 4.1.2) : on la
   retire.
4. base.html : la case #__search (recherche de Material, remplacée par Pagefind mais que le script du
   thème interroge encore) n'a pas de nom accessible (HTML_CodeSniffer, WCAG 4.1.2 / 1.3.1) : elle en reçoit
   un. Elle reste masquée (display: none) : le lecteur n'y accède jamais.
"""
from __future__ import annotations

import re
from pathlib import Path

from referentiel_rso.build import allegement_html

_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">'
)
_TABINDEX_VIDE = re.compile(r'(<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label") tabindex="">')
_LABEL_TOC = '<label class="md-nav__title" for="__toc">'
_CASE_TOC = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
_CASE_RECHERCHE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
_CASE_RECHERCHE_NOMMEE = _CASE_RECHERCHE.removesuffix(">") + ' aria-label="Recherche">'


def corriger(html: str) -> str:
    html = _AUTOCOMPLETE.sub(r"\1>", html)
    html = _TABINDEX_VIDE.sub(r"\1>", html)
    if 'id="__toc"' not in html:
        html = html.replace(_LABEL_TOC, '<label class="md-nav__title">')
    elif 'for="__toc"' not in html:
        html = html.replace(_CASE_TOC, "")
    html = html.replace(_CASE_RECHERCHE, _CASE_RECHERCHE_NOMMEE)
    return html


def corriger_site(racine: Path, dossier_site: Path) -> None:
    """L'étape du build : chaque page corrigée, puis allégée (build/allegement_html.py), en un passage."""
    for fichier in Path(dossier_site).rglob("*.html"):
        texte = fichier.read_text(encoding="utf-8")
        corrige = allegement_html.alleger(corriger(texte))
        if corrige != texte:
            fichier.write_text(corrige, encoding="utf-8")

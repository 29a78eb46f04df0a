"""Pages « livret » : le référentiel (ou un engagement) réuni sur une seule page, faite pour l'impression.

- `livret/index.md` : couverture, sommaire, les 5 engagements et leurs 15 fiches, le tableau des indicateurs
  et la synthèse ODD. Imprimée en `pdf/referentiel-rso.pdf` par l'étape `pdf` (referentiel_rso/pdf.py).
- `livret/engagement-<n>/index.md` : un engagement et ses fiches, imprimé en `pdf/engagement-<n>.pdf`.

Les fiches ne sont pas réécrites : on rend les gabarits des pages du site (fiche.md.j2, indicateurs.md.j2,
odd_index.md.j2) pour l'adresse du livret — leurs liens relatifs restent justes —, on retire leur en-tête
YAML et on abaisse leurs titres pour les ranger sous ceux du livret. Pages hors navigation, exclues de la
recherche (une seule page qui contient tout ferait le premier résultat de chaque recherche).
"""
from __future__ import annotations

import re

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.render.pages_referentiel import ancres_glossaire, matrice_odd

PAGE_LIVRET = "livret/index.md"

_EN_TETE_YAML = re.compile(r"\A\s*---\n.*?\n---\n", re.S)
_TITRE = re.compile(r"^( *)(#{1,6})(?= )", re.M)


def page_livret_engagement(numero: int) -> str:
    return f"livret/engagement-{numero}/index.md"


def corps(markdown: str, decalage: int) -> str:
    """Le Markdown d'une page sans son en-tête YAML, titres abaissés de `decalage` niveaux (h6 au plus)."""
    texte = _EN_TETE_YAML.sub("", markdown, count=1)
    return _TITRE.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + decalage), texte).strip() + "\n"


def _fiches(catalogue: Catalogue, env, page: str, enjeux, decalage: int) -> dict[str, str]:
    gabarit = env.get_template("fiche.md.j2")
    ancres = ancres_glossaire(catalogue)
    return {e.id: corps(gabarit.render(page=page, enjeu=e, ancres_glossaire=ancres, dans_livret=True), decalage)
            for e in enjeux}


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    sortie: dict[str, str] = {}
    gabarit = env.get_template("livret.md.j2")

    page = PAGE_LIVRET
    annexes = [
        ("livret-indicateurs", "Tableau des indicateurs",
         corps(env.get_template("indicateurs.md.j2").render(page=page), 1)),
        ("livret-odd", "Objectifs de développement durable",
         corps(env.get_template("odd_index.md.j2").render(page=page, matrice=matrice_odd(catalogue)), 1)),
    ]
    # livret complet : engagements en h2, fiches en h3 ; livret d'un engagement : fiches en h2
    sortie[page] = gabarit.render(page=page, engagements=catalogue.engagements, enjeux=catalogue.enjeux,
                                  fiches=_fiches(catalogue, env, page, catalogue.enjeux, 2), annexes=annexes)

    for eng in catalogue.engagements:
        page = page_livret_engagement(eng.numero)
        enjeux = catalogue.enjeux_de(eng.numero)
        sortie[page] = gabarit.render(page=page, engagements=[eng], enjeux=enjeux, annexes=[],
                                      fiches=_fiches(catalogue, env, page, enjeux, 1))
    return sortie

"""Le sommaire ne cite que des intertitres visibles à l'ouverture de la page (issue 10, point 12)."""
from __future__ import annotations

import markdown

TEXTE = """
## Avant

## Application

=== "Référentiel"

    ### Premier onglet

    Texte.

=== "Branche"

    ### Thèmes

    #### Sous-thème

    ### Niveau national

## Après
"""


def _ids(jetons):
    for j in jetons:
        yield j["id"]
        yield from _ids(j["children"])


def test_intertitres_des_onglets_caches_hors_du_sommaire():
    md = markdown.Markdown(extensions=["toc", "pymdownx.superfences", "pymdownx.tabbed",
                                       "referentiel_rso.build.sommaire_onglets"],
                           extension_configs={"pymdownx.tabbed": {"alternate_style": True}})
    html = md.convert(TEXTE)
    ids = list(_ids(md.toc_tokens))
    assert ids == ["avant", "application", "premier-onglet", "apres"]
    # les intertitres restent dans la page, avec leur ancre (liens partagés, onglets.js)
    for id_ in ("themes", "sous-theme", "niveau-national"):
        assert f'id="{id_}"' in html


def test_page_sans_onglets_inchangee():
    texte = "## Un\n\n### Deux\n\n## Trois\n"
    avec = markdown.Markdown(extensions=["toc", "referentiel_rso.build.sommaire_onglets"])
    sans = markdown.Markdown(extensions=["toc"])
    avec.convert(texte), sans.convert(texte)
    assert avec.toc_tokens == sans.toc_tokens

"""Module de mkdocs-macros : expose le catalogue et quelques fonctions d'une ligne aux pages écrites à la main.

Aucune logique ici, et aucun chargement du contenu : la publication est celle que la construction a
préparée (build/construire.py), dans ce processus (MkDocs) ou sérialisée à côté des sources (Zensical,
build/moteur.py). Seules les pages qui le demandent (`render_macros: true` en tête) sont interprétées.
"""
from pathlib import Path

from referentiel_rso.build.moteur import publication_de
from referentiel_rso.render import fragments


def define_env(env):
    publication = publication_de(Path(env.project_dir))

    def chemin_page() -> str:  # MkDocs : page.file.src_uri ; Zensical : page.path
        page = env.page
        return page.file.src_uri if hasattr(page, "file") else str(page.path)

    env.macro(lambda: publication.catalogue, "catalogue")
    env.macro(lambda: len(publication.catalogue.pratiques), "nb_pratiques")
    env.macro(lambda nom, **kw: fragments.rendre(publication.catalogue, nom, chemin_page(), **kw), "fragment")

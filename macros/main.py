"""Module de mkdocs-macros : expose le catalogue et quelques fonctions d'une ligne aux pages écrites à la main.

Aucune logique ici : le catalogue est celui que le hook `pages` a chargé et validé (une seule fois).
Seules les pages qui le demandent (`render_macros: true` en tête) sont interprétées.
"""
from pathlib import Path

from referentiel_rso.render.publication import courante
from referentiel_rso.render import fragments, mise_a_jour


def define_env(env):
    env.macro(lambda: courante().catalogue, "catalogue")
    env.macro(lambda: len(courante().catalogue.pratiques), "nb_pratiques")
    env.macro(lambda nom, **kw: fragments.rendre(courante().catalogue, nom, env.page.file.src_uri, **kw), "fragment")
    # pied de page (overrides/main.html) : date de la dernière mise à jour du contenu, jamais saisie
    racine = Path(env.conf["config_file_path"]).parent
    date = mise_a_jour.date_du_contenu(racine)
    env.conf["extra"]["mise_a_jour"] = {"iso": date.isoformat(), "texte": mise_a_jour.date_fr(date)} if date else None

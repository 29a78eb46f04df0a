"""Hook MkDocs, une seule tâche : charger le catalogue une fois et remettre les pages générées à MkDocs.

Tout le reste (validation, rendu) vit dans le paquet et ne dépend pas de MkDocs.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

RACINE = Path(__file__).resolve().parents[2]
    
from referentiel_rso.validate.erreurs import ErreursDeContenu
from referentiel_rso.render.publication import Publication, publier

_publication: Publication | None = None


def publication() -> Publication:
    assert _publication is not None, "le hook pages n'a pas encore chargé le catalogue"
    return _publication


def on_config(config, **_):
    global _publication
    try:
        _publication = publier(RACINE)
    except ErreursDeContenu as exc:
        raise Abort("\n" + exc.rapport())
    config["nav"] = _publication.navigation(config.get("nav") or [])
    # Infobulles des abréviations sur toutes les pages : le glossaire de l'extension abbr, donné une fois.
    # (Un bloc « *[SIGLE]: … » ajouté au Markdown de chaque page coûtait ~55 ms de conversion par page :
    # l'extension le lit ligne à ligne et chaque autre extension de bloc reteste le reste du bloc.)
    if "abbr" not in config["markdown_extensions"]:
        config["markdown_extensions"].append("abbr")
    config["mdx_configs"].setdefault("abbr", {})["glossary"] = dict(_publication.abreviations)
    return config


def on_files(files: Files, config, **_):
    for chemin, texte in publication().pages.items():
        if files.get_file_from_path(chemin) is not None:
            raise Abort(f"{chemin} est à la fois écrit à la main (docs/) et généré : supprimer l'un des deux")
        inclusion = InclusionLevel.NOT_IN_NAV if publication().hors_navigation(chemin) else InclusionLevel.UNDEFINED
        files.append(File.generated(config, chemin, content=texte, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page, config, **_):
    source = publication().source_de(page.file.src_uri)
    if source and config.get("repo_url"):
        page.edit_url = f"{config['repo_url'].rstrip('/')}/{config.get('edit_uri', 'edit/main/').strip('/')}/{source}"
    return markdown

"""Premier temps de la construction : écrire les sources du site en fichiers, pour n'importe quel moteur.

    build/sources/
      mkdocs.yml     la configuration du projet, complétée : navigation entière, glossaire des
                     abréviations, pages hors navigation
      overrides, macros   liens vers les dossiers du projet (Zensical ne lit que sous le dossier
                     de sa configuration)
      docs/          les pages écrites à la main (docs/) et leurs ressources (feuilles et scripts communs
                     réunis : build/assemblage.py), puis les pages générées
                     depuis le catalogue (render/) ; chacune porte en tête `edit_url`, l'adresse de
                     son fichier source dans le dépôt (lien « Modifier cette page »)

Un fichier n'est réécrit que si son contenu a changé : une page inchangée garde sa date de
modification (MkDocs `--dirty` et l'aperçu en direct ne reconstruisent que ce qui a changé). Les
fichiers qui ne sont plus produits sont supprimés. Rien de ce dossier n'est versionné.

Aucun hook : MkDocs Material et Zensical lisent les mêmes fichiers (build/moteur.py).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from referentiel_rso import config as configuration
from referentiel_rso import formats
from referentiel_rso.build import assemblage
from referentiel_rso.render import mise_a_jour
from referentiel_rso.render.publication import Publication

DOSSIER = Path("build") / "sources"
"""Dossier des sources, relatif à la racine du projet (ignoré par git)."""

# Pages générées gardées hors de l'arbre de navigation (motifs `not_in_nav` de MkDocs) : atteintes depuis
# leur page d'index (une par pratique, par indicateur, par ODD, par question centrale ; les listes de la
# bibliothèque sans JavaScript, par engagement et par région ; la grille vierge de l'autodiagnostic).
HORS_NAVIGATION = (
    "/autodiagnostic/grille-vierge/",
    "/bonnes-pratiques/*/",
    "/indicateurs/fiches/",
    "/odd/*/",
    "/iso-26000/*/",
)


class ConflitDeSources(RuntimeError):
    """Une page est à la fois écrite à la main (docs/) et générée."""


@dataclass(frozen=True)
class Sources:
    dossier: Path
    config: Path
    ecrits: int
    inchanges: int
    supprimes: int

    @property
    def docs(self) -> Path:
        return self.dossier / "docs"


def _avec_edit_url(texte: str, edit_url: str | None) -> str:
    """Ajoute `edit_url` à l'en-tête YAML de la page (créé s'il manque)."""
    if not edit_url:
        return texte
    ligne = f"edit_url: {json.dumps(edit_url)}\n"
    if texte.startswith("---\n"):
        return "---\n" + ligne + texte[4:]
    return "---\n" + ligne + "---\n\n" + texte


def _adresse_edition(racine: Path, chemin_source: str) -> str | None:
    depot = configuration.adresse_depot(racine)
    if not depot:
        return None
    return f"{depot}/{configuration.branche_edition(racine)}/{chemin_source}"


def fichiers(publication: Publication, racine: Path) -> dict[str, bytes]:
    """Tout ce que le dossier docs/ des sources doit contenir : chemin relatif → contenu."""
    sortie: dict[str, bytes] = dict(assemblage.fichiers(racine))
    assembles = assemblage.assembles(racine)
    docs = racine / "docs"
    for chemin in sorted(docs.rglob("*")):
        if not chemin.is_file():
            continue
        rel = chemin.relative_to(docs).as_posix()
        if rel in assembles:
            continue  # publié dans son assemblage (build/assemblage.py)
        donnees = chemin.read_bytes()
        if chemin.suffix == ".md":
            donnees = _avec_edit_url(donnees.decode("utf-8"), _adresse_edition(racine, f"docs/{rel}")).encode("utf-8")
        sortie[rel] = donnees
    for rel, texte in publication.pages.items():
        if rel in sortie:
            raise ConflitDeSources(f"{rel} est à la fois écrit à la main (docs/) et généré : supprimer l'un des deux")
        source = publication.source_de(rel)
        sortie[rel] = _avec_edit_url(texte, _adresse_edition(racine, source) if source else None).encode("utf-8")
    return sortie


def configuration_moteur(publication: Publication, racine: Path, dossier: Path) -> dict[str, Any]:
    """mkdocs.yml du projet, complété pour être lu depuis `dossier` sans hook."""
    cfg = configuration.lire(racine)
    cfg.pop("hooks", None)
    cfg["docs_dir"] = "docs"
    cfg["site_dir"] = "site"  # sous le dossier des sources (Zensical l'exige) ; construire.py déplace le site
    # le lien « Modifier cette page » vient de l'en-tête `edit_url` de chaque page (overrides/main.html) :
    # sans `edit_uri`, le thème n'en fabrique pas un second, faux pour les pages générées.
    cfg["edit_uri"] = ""
    cfg["extra_css"] = [assemblage.FEUILLE]  # les feuilles d'extra_css, réunies (build/assemblage.py)
    extensions = []
    abbr_vu = False
    for ext in cfg.get("markdown_extensions") or []:
        nom = ext if isinstance(ext, str) else next(iter(ext))
        if nom == "abbr":
            abbr_vu = True
            options = {} if isinstance(ext, str) else dict(ext[nom] or {})
            # infobulles des abréviations sur toutes les pages : le glossaire de l'extension, donné une fois
            options["glossary"] = dict(publication.abreviations)
            ext = {"abbr": options}
        extensions.append(ext)
    if not abbr_vu:
        extensions.append({"abbr": {"glossary": dict(publication.abreviations)}})
    cfg["markdown_extensions"] = extensions
    cfg["nav"] = publication.navigation(cfg.get("nav") or [])
    # pied de page (overrides/main.html) : date de la dernière mise à jour du contenu, jamais saisie
    date = mise_a_jour.date_du_contenu(racine)
    cfg.setdefault("extra", {})["mise_a_jour"] = (
        {"iso": date.isoformat(), "texte": formats.date(date)} if date else None)
    cfg["not_in_nav"] = "\n".join(HORS_NAVIGATION)
    return cfg


LIENS = ("overrides", "macros")
"""Dossiers du projet que la configuration désigne par un chemin relatif : liés dans les sources."""


def _lier(racine: Path, dossier: Path) -> None:
    for nom in LIENS:
        lien, cible = dossier / nom, racine / nom
        if lien.is_symlink() and lien.resolve() == cible.resolve():
            continue
        if lien.is_symlink() or lien.is_file():
            lien.unlink()
        elif lien.exists():
            import shutil

            shutil.rmtree(lien)
        lien.symlink_to(os.path.relpath(cible, dossier), target_is_directory=True)


def _ecrire_si_change(chemin: Path, donnees: bytes) -> bool:
    try:
        if chemin.read_bytes() == donnees:
            return False
    except FileNotFoundError:
        pass
    chemin.parent.mkdir(parents=True, exist_ok=True)
    temporaire = chemin.with_name(f".{chemin.name}.tmp")
    temporaire.write_bytes(donnees)
    temporaire.replace(chemin)
    return True


def ecrire(publication: Publication, racine: Path, dossier: Path | None = None) -> Sources:
    """Écrit les sources du site dans `dossier` (par défaut build/sources/) ; seulement ce qui a changé."""
    racine = Path(racine).resolve()
    dossier = Path(dossier).resolve() if dossier else racine / DOSSIER
    docs = dossier / "docs"
    voulus = fichiers(publication, racine)
    ecrits = inchanges = 0
    for rel, donnees in voulus.items():
        if _ecrire_si_change(docs / rel, donnees):
            ecrits += 1
        else:
            inchanges += 1
    supprimes = 0
    if docs.exists():
        for chemin in sorted(docs.rglob("*"), reverse=True):
            rel = chemin.relative_to(docs).as_posix()
            if chemin.is_file() and rel not in voulus:
                chemin.unlink()
                supprimes += 1
            elif chemin.is_dir() and not any(chemin.iterdir()):
                chemin.rmdir()
    _lier(racine, dossier)
    texte = yaml.safe_dump(configuration_moteur(publication, racine, dossier), allow_unicode=True,
                           sort_keys=False, width=120)
    config = dossier / configuration.FICHIER
    if _ecrire_si_change(config, ("# Écrit par referentiel_rso/build/sources.py : ne pas modifier.\n" + texte).encode("utf-8")):
        ecrits += 1
    return Sources(dossier, config, ecrits, inchanges, supprimes)

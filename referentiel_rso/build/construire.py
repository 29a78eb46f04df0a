"""Construire le site, en deux temps, sans rien publier à moitié.

1. charger et valider le contenu une fois (catalogue/charger.py), rendre les pages (render/), écrire les
   sources du site en fichiers (build/sources.py : build/sources/) ;
2. un moteur en fait le HTML dans un dossier temporaire (build/moteur.py : MkDocs Material ou Zensical),
   puis les étapes qui suivent (build/etapes.py : données, carte, correctifs, PDF, recherche) reçoivent
   le même catalogue ; seulement alors site/ est remplacé.
"""
from __future__ import annotations

import dataclasses
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from referentiel_rso.build import moteur as moteurs
from referentiel_rso.build import sources as sources_du_site
from referentiel_rso.catalogue.charger import charger, un_seul_chargement
from referentiel_rso.render.publication import Publication, publier
from referentiel_rso.validate.erreurs import ErreursDeContenu

ECHEC = "La construction a échoué : rien n'a été publié (site/ est inchangé)."


def etapes() -> list[tuple[str, Callable[[Path, Path], None]]]:
    from referentiel_rso.build import etapes as etapes_build

    return etapes_build.ETAPES


def preparer(racine: Path, dossier_sources: Path | None = None) -> tuple[Publication, sources_du_site.Sources]:
    """Premier temps : catalogue validé, pages rendues, sources écrites (seulement ce qui a changé)."""
    try:
        publication = Publication.depuis(charger(racine))
    except ErreursDeContenu as exc:
        print(exc.rapport(), file=sys.stderr)
        raise SystemExit(ECHEC) from None
    try:
        sources = sources_du_site.ecrire(publication, racine, dossier_sources)
    except sources_du_site.ConflitDeSources as exc:
        raise SystemExit(f"{exc}\n{ECHEC}") from None
    # les pages sont dans les fichiers : le moteur les lit là ; ne garder en mémoire que le catalogue
    return dataclasses.replace(publication, pages={}), sources


def construire(racine: Path, destination: Path | None = None, pdf: bool | None = None,
               moteur: str = "mkdocs", dossier_sources: Path | None = None) -> Path:
    racine = racine.resolve()
    destination = (destination or racine / "site").resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    debut = time.perf_counter()
    publication, sources = preparer(racine, dossier_sources)
    print(f"  sources : {sources.ecrits} fichier(s) écrit(s), {sources.inchanges} inchangé(s), "
          f"{sources.supprimes} supprimé(s) ({time.perf_counter() - debut:.1f} s)")
    temporaire = Path(tempfile.mkdtemp(prefix="site-", dir=destination.parent))
    try:
        t = time.perf_counter()
        publier(publication)
        try:
            moteurs.construire(moteur, sources.config, temporaire, publication)
        except moteurs.EchecDuMoteur as exc:
            raise SystemExit(f"{exc}\n{ECHEC}") from None
        finally:
            publier(None)
        print(f"  {moteur} : {time.perf_counter() - t:.1f} s")
        with un_seul_chargement(publication.catalogue):  # les étapes reprennent ce catalogue, sans relire
            for nom, etape in etapes():
                if nom == "pdf" and pdf is False:
                    continue
                t = time.perf_counter()
                etape(racine, temporaire)
                print(f"  {nom} : {time.perf_counter() - t:.1f} s")
        if destination.exists():
            ancien = destination.with_name(destination.name + ".ancien")
            shutil.rmtree(ancien, ignore_errors=True)
            destination.rename(ancien)
            temporaire.rename(destination)
            shutil.rmtree(ancien, ignore_errors=True)
        else:
            temporaire.rename(destination)
    except BaseException:
        shutil.rmtree(temporaire, ignore_errors=True)
        raise
    print(f"Site construit dans {destination} en {time.perf_counter() - debut:.1f} s")
    return destination

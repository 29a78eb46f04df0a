"""Second temps de la construction : un moteur fait le HTML à partir des sources écrites (build/sources.py).

Deux moteurs, choisis par une option (`make site MOTEUR=zensical`, `construire --moteur zensical`) :

- `mkdocs` (par défaut) : MkDocs 1.x et Material, appelés dans le même processus que le chargement du
  contenu. Les macros (macros/main.py) reprennent donc le catalogue déjà chargé, sans le relire.
- `zensical` : le successeur de Material, version épinglée (requirements.lock). Processus à part : ses
  macros lisent la publication que le premier temps a sérialisée à côté des sources
  (`publication.pickle`), sans relire ni revalider le contenu.

Aucun hook : les deux moteurs lisent les mêmes fichiers.
"""
from __future__ import annotations

import logging
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

from referentiel_rso.render.publication import Publication

MOTEURS = ("mkdocs", "zensical")
PUBLICATION = "publication.pickle"
"""Publication sérialisée pour un moteur qui tourne dans un autre processus (Zensical)."""


class EchecDuMoteur(RuntimeError):
    pass


def _sans_avis_dirty(enregistrement: logging.LogRecord) -> bool:
    """L'aperçu reconstruit en `dirty` exprès : l'avertissement de MkDocs ne doit pas faire échouer `strict`."""
    return "'dirty' build is being performed" not in enregistrement.getMessage()


def _mkdocs(config: Path, site: Path, sale: bool = False) -> None:
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    journal = logging.getLogger("mkdocs")
    if not journal.handlers:  # comme `mkdocs build --quiet` : avertissements et erreurs seulement
        gestionnaire = logging.StreamHandler(sys.stderr)
        gestionnaire.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        journal.addHandler(gestionnaire)
    journal.setLevel(logging.WARNING)
    journal_build = logging.getLogger("mkdocs.commands.build")
    if _sans_avis_dirty not in journal_build.filters:
        journal_build.addFilter(_sans_avis_dirty)
    try:
        cfg = load_config(str(config), site_dir=str(site), strict=True)
        build(cfg, dirty=sale)
    except exceptions.Abort as exc:
        raise EchecDuMoteur(f"MkDocs : {exc}") from None
    except exceptions.ConfigurationError as exc:
        raise EchecDuMoteur(f"MkDocs, configuration : {exc}") from None


def _zensical(config: Path, site: Path, publication: Publication) -> None:
    executable = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if not executable:
        raise EchecDuMoteur("Zensical est introuvable : lancer `make installer` (il est épinglé dans requirements.lock)")
    with open(config.parent / PUBLICATION, "wb") as f:
        pickle.dump(publication, f, protocol=pickle.HIGHEST_PROTOCOL)
    resultat = subprocess.run([executable, "build", "--strict", "--clean", "--config-file", str(config)],
                              cwd=config.parent, env={**os.environ, "NO_COLOR": "1"})
    if resultat.returncode != 0:
        raise EchecDuMoteur(f"Zensical a échoué (code {resultat.returncode})")
    produit = config.parent / "site"  # site_dir des sources (build/sources.py)
    shutil.rmtree(site, ignore_errors=True)
    shutil.move(str(produit), str(site))
    # Zensical écrit l'index de sa propre recherche même désactivée : Pagefind la remplace
    (site / "search.json").unlink(missing_ok=True)


def construire(moteur: str, config: Path, site: Path, publication: Publication, sale: bool = False) -> None:
    """Construit le HTML de `site` depuis la configuration des sources `config`."""
    if moteur == "mkdocs":
        _mkdocs(config, site, sale=sale)
    elif moteur == "zensical":
        _zensical(config, site, publication)
    else:
        raise EchecDuMoteur(f"moteur inconnu : « {moteur} » (moteurs : {', '.join(MOTEURS)})")


def publication_de(dossier_sources: Path) -> Publication:
    """Pour les macros : la publication de la construction en cours (même processus), sinon celle que
    `_zensical` a sérialisée à côté des sources (jamais un second chargement du contenu)."""
    from referentiel_rso.render.publication import courante

    publication = courante()
    if publication is not None:
        return publication
    chemin = Path(dossier_sources) / PUBLICATION
    if not chemin.exists():
        raise EchecDuMoteur(f"{chemin} introuvable : construire avec `python -m referentiel_rso construire`")
    with open(chemin, "rb") as f:
        return pickle.load(f)

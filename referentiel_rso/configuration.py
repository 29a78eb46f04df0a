"""La configuration du site : le seul lecteur de mkdocs.yml du paquet.

`repo_url` (l'adresse du dépôt) y est écrite une fois ; l'en-tête du site (overrides/partials/source.html),
les liens « modifier cette page » (hooks/pages.py), les liens vers les formulaires de contribution des
pages (render/) et le formulaire lui-même (contribution/formulaire.py) la reprennent d'ici.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

RACINE_PROJET = Path(__file__).resolve().parents[1]
FORMULAIRE_PRATIQUE = "proposer-une-bonne-pratique.yml"
FORMULAIRE_SIGNALEMENT = "signaler-une-erreur.yml"


class _ChargeurTolerant(yaml.SafeLoader):
    """Lit mkdocs.yml en ignorant les étiquettes propres à MkDocs (!ENV, !!python/name…)."""


_ChargeurTolerant.add_multi_constructor("!", lambda loader, suffixe, noeud: None)
_ChargeurTolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffixe, noeud: None)


def fichier_mkdocs(racine: Path | str | None = None) -> Path:
    """mkdocs.yml du projet `racine` ; à défaut (copie de content/ et data/ seulement), celui du paquet."""
    if racine is not None and (Path(racine) / "mkdocs.yml").is_file():
        return Path(racine) / "mkdocs.yml"
    return RACINE_PROJET / "mkdocs.yml"


@lru_cache(maxsize=8)
def _lire(chemin: Path, _date: float) -> dict[str, Any]:
    with open(chemin, encoding="utf-8") as f:
        return yaml.load(f, Loader=_ChargeurTolerant) or {}


def mkdocs(racine: Path | str | None = None) -> dict[str, Any]:
    """Le contenu de mkdocs.yml (relu si le fichier a changé)."""
    chemin = fichier_mkdocs(racine).resolve()
    return _lire(chemin, chemin.stat().st_mtime)


def depot(racine: Path | str | None = None) -> str:
    """L'adresse du dépôt (`repo_url`), sans barre finale."""
    url = str(mkdocs(racine).get("repo_url") or "").rstrip("/")
    if not url.startswith("https://"):
        raise ValueError(f"mkdocs.yml: repo_url : « {url} » n'est pas une adresse https://")
    return url


def adresse_site(racine: Path | str | None = None) -> str:
    """L'adresse publique du site (`site_url`), avec sa barre finale."""
    return str(mkdocs(racine).get("site_url") or "").rstrip("/") + "/"


def url_formulaire(racine: Path | str | None, gabarit: str, **champs: str) -> str:
    """Adresse d'une nouvelle issue ouverte sur le formulaire `gabarit`, champs pré-remplis.

    GitHub pré-remplit un champ de formulaire par le paramètre qui porte son `id` ; pour une liste
    déroulante, la valeur doit être exactement le libellé d'une option."""
    parametres = {"template": gabarit, **{k: v for k, v in champs.items() if v}}
    return f"{depot(racine)}/issues/new?{urlencode(parametres)}"

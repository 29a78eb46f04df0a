"""La configuration du site : mkdocs.yml, lu ici et nulle part ailleurs.

mkdocs.yml est lu par les deux moteurs (MkDocs Material, Zensical) ; le paquet n'en lit que ce qu'il lui
faut (adresse du dépôt, carte, thème). Les étiquettes propres à MkDocs (`!ENV`, `!!python/name:…`) sont
résolues comme MkDocs le ferait pour `!ENV` (variable d'environnement, sinon valeur par défaut) et ignorées
pour les autres.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

FICHIER = "mkdocs.yml"


class _Chargeur(yaml.SafeLoader):
    """SafeLoader qui accepte les étiquettes de MkDocs."""


def _env(chargeur: _Chargeur, noeud: yaml.Node) -> Any:
    """`!ENV NOM` ou `!ENV [NOM1, NOM2, défaut]`, comme pyyaml-env-tag (utilisé par MkDocs)."""
    if isinstance(noeud, yaml.ScalarNode):
        noms, defaut = [chargeur.construct_scalar(noeud)], None
    else:
        valeurs = chargeur.construct_sequence(noeud)
        noms, defaut = valeurs[:-1], valeurs[-1] if len(valeurs) > 1 else None
        if len(valeurs) == 1:
            noms = valeurs
    for nom in noms:
        if isinstance(nom, str) and os.environ.get(nom):
            return yaml.safe_load(os.environ[nom])
    return defaut


_Chargeur.add_constructor("!ENV", _env)
_Chargeur.add_multi_constructor("!", lambda chargeur, suffixe, noeud: None)
_Chargeur.add_multi_constructor("tag:yaml.org,2002:python/", lambda chargeur, suffixe, noeud: None)


def lire(racine: Path | str) -> dict[str, Any]:
    """mkdocs.yml du projet, en dictionnaire (copie : le modifier ne change rien pour les autres)."""
    return _lire(str(Path(racine).resolve()))


@lru_cache(maxsize=8)
def _lire_cache(chemin: str, mtime: float) -> dict[str, Any]:
    with open(chemin, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Chargeur) or {}


def _lire(racine: str) -> dict[str, Any]:
    import copy

    chemin = Path(racine) / FICHIER
    return copy.deepcopy(_lire_cache(str(chemin), chemin.stat().st_mtime))


def adresse_depot(racine: Path | str) -> str | None:
    """`repo_url` de mkdocs.yml, sans barre finale : l'adresse du dépôt, une seule fois dans le projet."""
    url = lire(racine).get("repo_url")
    return str(url).rstrip("/") if url else None


def branche_edition(racine: Path | str) -> str:
    """Le chemin d'édition du dépôt (`edit_uri`, par défaut `edit/main/`), sans barres aux extrémités."""
    return str(lire(racine).get("edit_uri") or "edit/main/").strip("/")


# --- contribution : formulaires d'issue du dépôt -------------------------------------------------------
RACINE_PAQUET = Path(__file__).resolve().parents[1]
FORMULAIRE_PRATIQUE = "proposer-une-bonne-pratique.yml"
FORMULAIRE_SIGNALEMENT = "signaler-une-erreur.yml"


def _configuree(racine: Path | str | None) -> Path:
    """La racine si elle a son mkdocs.yml ; sinon (copie de content/ et data/ seulement, dans les tests)
    celle du paquet."""
    return Path(racine) if racine is not None and (Path(racine) / FICHIER).is_file() else RACINE_PAQUET


def depot(racine: Path | str | None = None) -> str:
    """L'adresse du dépôt (`repo_url`), obligatoire et en https:// pour les liens de contribution."""
    url = adresse_depot(_configuree(racine)) or ""
    if not url.startswith("https://"):
        raise ValueError(f"{FICHIER}: repo_url : « {url} » n'est pas une adresse https://")
    return url


def adresse_site(racine: Path | str | None = None) -> str:
    """L'adresse publique du site (`site_url`), avec sa barre finale."""
    return str(lire(_configuree(racine)).get("site_url") or "").rstrip("/") + "/"


def url_formulaire(racine: Path | str | None, gabarit: str, **champs: str) -> str:
    """Adresse d'une nouvelle issue sur le formulaire `gabarit`, champs pré-remplis.

    GitHub pré-remplit un champ de formulaire par le paramètre qui porte son `id` ; pour une liste
    déroulante, la valeur doit être exactement le libellé d'une option."""
    from urllib.parse import urlencode

    parametres = {"template": gabarit, **{k: v for k, v in champs.items() if v}}
    return f"{depot(racine)}/issues/new?{urlencode(parametres)}"

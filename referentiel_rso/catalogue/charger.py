"""Charger et valider tout le contenu, une seule fois : la même fonction sert la ligne de
commande (`python -m referentiel_rso valider`) et la construction du site."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from pydantic import BaseModel

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.validate.erreurs import Erreur, ErreursDeContenu
from referentiel_rso.load.yaml_lignes import Document
from referentiel_rso.models import Enjeu, Referentiel, TableAbreviations, TableDefinitions, TableIso26000, TableOdd
from referentiel_rso.models.reference import TableSources
from referentiel_rso.load.declinaisons import charger_declinaisons
from referentiel_rso.load.pratiques import charger_pratiques
from referentiel_rso.load.territoires import charger_territoires
from referentiel_rso.validate.regles import regles_referentiel
from referentiel_rso.validate.documents import lire_et_valider

M = TypeVar("M", bound=BaseModel)


_partage: dict[tuple[Path, bool], Catalogue] | None = None


@contextmanager
def un_seul_chargement(catalogue: Catalogue | None = None) -> Iterator[None]:
    """Pendant une construction (build/construire.py) : `charger` rend le catalogue déjà chargé par la
    construction (ou le lit une fois), et les étapes suivantes (données, carte, PDF…) le reprennent
    au lieu de tout relire."""
    global _partage
    precedent, _partage = _partage, {}
    if catalogue is not None:
        _partage[(Path(catalogue.racine).resolve(), True)] = catalogue
    try:
        yield
    finally:
        _partage = precedent


def charger(racine: Path | str = ".", extensions: bool = True) -> Catalogue:
    """Lit content/ et data/, valide tout, renvoie le catalogue ou lève ErreursDeContenu.

    Toutes les erreurs sont rassemblées avant d'être signalées ensemble.
    """
    racine = Path(racine).resolve()
    if _partage is None:
        return _charger(racine, extensions)
    if (racine, extensions) not in _partage:
        _partage[(racine, extensions)] = _charger(racine, extensions)
    return _partage[(racine, extensions)]


def _charger(racine: Path, extensions: bool) -> Catalogue:
    erreurs: list[Erreur] = []
    docs: dict[str, Document] = {}

    def lire(chemin: Path, modele: type[M]) -> M | None:
        if not chemin.exists():
            erreurs.append(Erreur(chemin.relative_to(racine).as_posix(), 1, "", "fichier introuvable"))
            return None
        objet, doc, errs = lire_et_valider(chemin, racine, modele)
        erreurs.extend(errs)
        if doc is not None:
            docs[doc.fichier] = doc
        return objet

    odd = lire(racine / "data" / "odd.yml", TableOdd)
    iso = lire(racine / "data" / "iso26000.yml", TableIso26000)
    abreviations = lire(racine / "data" / "abreviations.yml", TableAbreviations)
    definitions = lire(racine / "data" / "definitions.yml", TableDefinitions)
    sources = lire(racine / "data" / "sources.yml", TableSources)
    referentiel = lire(racine / "content" / "referentiel.yml", Referentiel)
    enjeux: list[tuple[str, Enjeu]] = []
    for chemin in sorted((racine / "content" / "enjeux").glob("*.yml")):
        enjeu = lire(chemin, Enjeu)
        if enjeu is not None:
            enjeux.append((chemin.relative_to(racine).as_posix(), enjeu))

    if referentiel is not None and odd is not None and iso is not None:
        erreurs.extend(regles_referentiel(referentiel, enjeux, odd, iso, docs))

    catalogue = None
    if not erreurs and referentiel and odd and iso:
        catalogue = Catalogue.construire(racine, referentiel, [e for _, e in enjeux], odd, iso,
                                         {e.id: f for f, e in enjeux})
        catalogue = catalogue.avec(abreviations=abreviations, definitions=definitions, sources=sources)
        if extensions:
            catalogue, errs = charger_extensions(racine, catalogue, lire, docs)
            erreurs.extend(errs)
    if erreurs:
        raise ErreursDeContenu(erreurs)
    assert catalogue is not None
    return catalogue


def charger_extensions(racine: Path, catalogue: Catalogue, lire: Callable[..., Any], docs: dict) -> tuple[Catalogue, list[Erreur]]:
    erreurs: list[Erreur] = []

    territoires = charger_territoires(racine)
    pratiques, errs = charger_pratiques(racine, catalogue, territoires, docs)
    erreurs.extend(errs)
    # une pratique retirée par le CTP RSO n'est plus une pratique du catalogue (bibliothèque, carte, fiches,
    # indicateurs, données ouvertes) ; seule sa page reste, avec le motif (render/pages_pratiques.py)
    catalogue = catalogue.avec(pratiques=tuple(p for p in pratiques if not p.retiree),
                               retirees=tuple(p for p in pratiques if p.retiree), territoires=territoires)

    declinaisons, errs = charger_declinaisons(racine, catalogue)
    erreurs.extend(errs)
    catalogue = catalogue.avec(declinaisons=declinaisons)
    return catalogue, erreurs

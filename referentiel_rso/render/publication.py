"""Ce que le hook remet à MkDocs : catalogue validé, pages rendues, navigation, sources à éditer."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from referentiel_rso.catalogue import Catalogue
from referentiel_rso.render import rendre
from referentiel_rso.render import pages_autodiagnostic, pages_declinaisons, urls
from referentiel_rso.catalogue.charger import charger


@dataclass
class Publication:
    catalogue: Catalogue
    pages: dict[str, str]
    sources: dict[str, str] = field(default_factory=dict)
    """chemin de page → fichier YAML source (lien « modifier cette page »)."""
    abreviations: dict[str, str] = field(default_factory=dict)
    """sigle → définition : glossaire de l'extension abbr (infobulles sur toutes les pages, hooks/pages.py)."""

    @classmethod
    def preparer(cls, racine: Path) -> "Publication":
        """Charge et valide le contenu (une fois), puis rend les pages."""
        return cls.depuis(charger(racine))

    @classmethod
    def depuis(cls, catalogue: Catalogue) -> "Publication":
        """Rend les pages d'un catalogue déjà chargé."""
        pages = rendre(catalogue)
        sources = {urls.page_enjeu(e): catalogue.fichiers[e.id] for e in catalogue.enjeux}
        sources["engagements/index.md"] = "content/referentiel.yml"
        for eng in catalogue.engagements:
            sources[urls.page_engagement(eng)] = "content/referentiel.yml"
        for d in catalogue.declinaisons:
            sources[urls.page_declinaison(d)] = d.fichier
            for partie in pages_declinaisons.parties(catalogue, d):
                sources[partie.page] = d.fichier
        for enjeu, i in catalogue.indicateurs:
            sources[urls.page_indicateur(i.id)] = catalogue.fichiers[enjeu.id]
        for p in (*catalogue.pratiques, *catalogue.retirees):
            chemin = getattr(p, "page", None)
            if chemin and getattr(p, "fichier", None):
                sources[chemin] = p.fichier
        abreviations = {a.sigle: a.definition for a in catalogue.abreviations.abreviations}
        return cls(catalogue, pages, sources, abreviations)

    def source_de(self, chemin: str) -> str | None:
        return self.sources.get(chemin)

    def navigation(self, nav: list) -> list:
        """Complète l'entrée « Engagements » de mkdocs.yml (un engagement, puis ses fiches) et l'entrée
        « Autodiagnostic » de « Mes outils » (sa page, puis la grille de chaque engagement)."""
        sortie = []
        for entree in nav:
            if isinstance(entree, dict) and "Mes outils" in entree and isinstance(entree["Mes outils"], list):
                entree = {"Mes outils": [self._autodiagnostic(x) for x in entree["Mes outils"]]}
            if isinstance(entree, dict) and "Engagements" in entree:
                section: list = ["engagements/index.md"]
                for eng in self.catalogue.engagements:
                    enfants = [urls.page_engagement(eng)] + [
                        {f"{e.id} {e.titre}": urls.page_enjeu(e)} for e in self.catalogue.enjeux_de(eng.numero)
                    ]
                    section.append({f"{eng.numero}. {eng.titre}": enfants})
                sortie.append({"Engagements": section})
                if self.catalogue.declinaisons:
                    sortie.append({"Déclinaisons": [self._navigation_declinaison(d) for d in self.catalogue.declinaisons]})
            else:
                sortie.append(entree)
        return sortie

    def _navigation_declinaison(self, d) -> dict:
        """Une branche : sa présentation, puis un engagement par page."""
        engagements = [{f"{p.engagement.numero}. {p.engagement.titre}": p.page}
                       for p in pages_declinaisons.parties(self.catalogue, d)]
        return {d.nom: [urls.page_declinaison(d), *engagements]}

    def _autodiagnostic(self, entree):
        if isinstance(entree, dict) and entree.get("Autodiagnostic") == pages_autodiagnostic.PAGE:
            return {"Autodiagnostic": [pages_autodiagnostic.PAGE] + [
                {f"Engagement {eng.numero}": pages_autodiagnostic.page_engagement(eng.numero)}
                for eng in self.catalogue.engagements]}
        return entree


_courante: Publication | None = None


def publier(publication: Publication | None) -> Publication | None:
    """Garde la publication de cette construction pour les macros du moteur (même processus)."""
    global _courante
    _courante = publication
    return publication


def courante() -> Publication | None:
    """La publication de la construction en cours dans ce processus, ou None."""
    return _courante

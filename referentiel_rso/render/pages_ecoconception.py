"""Page « Déclaration d'écoconception » (ecoconception.md), sur le modèle de déclaration du RGESN 2024.

Ses chiffres ne sont jamais écrits à la main : ils viennent de mesures/sobriete.json, que met à jour
chaque `make mesures` (scripts/mesures.py : budgets, et une série de mesures par contenu — « actuel »,
et « 10000 » pour le contenu synthétique de 10 000 pratiques). Sans ce fichier, la page le dit.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from referentiel_rso.budgets import Budget
from referentiel_rso.catalogue import Catalogue
from referentiel_rso.formats import nombre
from referentiel_rso.validate.erreurs import Erreur, ErreursDeContenu

FICHIER = "mesures/sobriete.json"
PAGE = "ecoconception/index.md"
CHAMPS_PAGE = {"type": str, "adresse": str, "octets": int, "octets_gzip": int, "requetes": int, "dom": int,
               "ecoindex": (int, float), "classe": str, "ges": (int, float), "eau": (int, float)}
CHAMPS_BUDGET = {"gzip": int, "requetes": int, "dom": int}


_HORS_BUDGET = {"gzip": lambda v, limite: f"{ko(v)} Ko transférés (budget {ko(limite)} Ko)",
                "requetes": lambda v, limite: f"{v} requêtes (budget {limite})",
                "dom": lambda v, limite: f"{nombre(v)} éléments (budget {nombre(limite)})"}
"""Un dépassement (referentiel_rso.budgets), dit sur la page."""


@dataclass(frozen=True)
class MesurePage:
    type: str
    adresse: str
    octets: int
    octets_gzip: int
    requetes: int
    dom: int
    ecoindex: float
    classe: str
    ges: float
    eau: float


@dataclass(frozen=True)
class Serie:
    cle: str
    date: dt.date
    pratiques: int | None
    synthetique: bool
    pages: tuple[MesurePage, ...]


@dataclass(frozen=True)
class Mesures:
    budget: Budget
    particuliers: dict[str, Budget]
    a_l_echelle: dict[str, Budget]
    objectif_ecoindex: float
    series: dict[str, Serie] = field(default_factory=dict)

    def budget_de(self, type_page: str, serie: Serie) -> Budget:
        if serie.synthetique and type_page in self.a_l_echelle:
            return self.a_l_echelle[type_page]
        return self.particuliers.get(type_page, self.budget)

    def depassements(self, serie: Serie) -> list[tuple[MesurePage, list[str]]]:
        """(page, ce qu'elle dépasse) pour chaque type de page hors budget dans la série."""
        sortie = []
        for p in serie.pages:
            b = self.budget_de(p.type, serie)
            hors = [_HORS_BUDGET[d.grandeur](d.valeur, d.limite) for d in b.depassements(p.octets_gzip, p.requetes, p.dom)]
            if hors:
                sortie.append((p, hors))
        return sortie

    def par_type(self) -> list[tuple[str, MesurePage | None, MesurePage | None]]:
        """(type de page, mesure au contenu actuel, mesure à l'échelle) : une ligne par type, dans l'ordre
        du relevé actuel, puis les types qui n'existent qu'à l'échelle."""
        actuelle = {p.type: p for p in self.actuelle.pages} if self.actuelle else {}
        echelle = {p.type: p for p in self.a_l_echelle_serie.pages} if self.a_l_echelle_serie else {}
        return [(t, actuelle.get(t), echelle.get(t)) for t in dict.fromkeys([*actuelle, *echelle])]

    def sous_objectif(self, serie: Serie) -> list[MesurePage]:
        return [p for p in serie.pages if p.ecoindex < self.objectif_ecoindex]

    @property
    def actuelle(self) -> Serie | None:
        return self.series.get("actuel")

    @property
    def a_l_echelle_serie(self) -> Serie | None:
        synthetiques = [s for s in self.series.values() if s.synthetique and s.pratiques]
        return max(synthetiques, key=lambda s: s.pratiques) if synthetiques else None


def ko(octets: int) -> str:
    """Kio arrondis, à la française (« 1 234 »)."""
    return nombre(round(octets / 1024))


def _erreur(champ: str, message: str) -> ErreursDeContenu:
    return ErreursDeContenu([Erreur(FICHIER, 1, champ, message + " — relancer `make mesures`")])


def _verifier(d: object, champs: dict, chemin: str) -> dict:
    if not isinstance(d, dict):
        raise _erreur(chemin, "objet attendu")
    for nom, types in champs.items():
        valeur = d.get(nom)
        if isinstance(valeur, bool) or not isinstance(valeur, types):
            raise _erreur(f"{chemin}.{nom}", "valeur absente ou du mauvais type")
    return d


def lire(racine: Path) -> Mesures | None:
    """Les mesures de mesures/sobriete.json, vérifiées ; None si le fichier n'existe pas."""
    chemin = Path(racine) / FICHIER
    if not chemin.exists():
        return None
    try:
        d = json.loads(chemin.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ErreursDeContenu([Erreur(FICHIER, exc.lineno, "", f"JSON invalide ({exc.msg}) — relancer `make mesures`")])
    if not isinstance(d, dict):
        raise _erreur("(racine)", "objet attendu")
    budgets = d.get("budgets")
    if not isinstance(budgets, dict):
        raise _erreur("budgets", "absent")

    def budget(x, chemin):
        x = _verifier(x, CHAMPS_BUDGET, chemin)
        return Budget(x["gzip"], x["requetes"], x["dom"])

    objectif = budgets.get("objectif_ecoindex")
    if isinstance(objectif, bool) or not isinstance(objectif, (int, float)):
        raise _erreur("budgets.objectif_ecoindex", "valeur absente ou du mauvais type")
    series = {}
    for cle, s in (d.get("series") or {}).items():
        if not isinstance(s, dict) or not isinstance(s.get("pages"), list):
            raise _erreur(f"series.{cle}.pages", "liste attendue")
        try:
            date = dt.date.fromisoformat(str(s.get("date")))
        except ValueError:
            raise _erreur(f"series.{cle}.date", "date AAAA-MM-JJ attendue") from None
        pratiques = s.get("pratiques")
        if pratiques is not None and (isinstance(pratiques, bool) or not isinstance(pratiques, int)):
            raise _erreur(f"series.{cle}.pratiques", "nombre entier attendu")
        pages = tuple(MesurePage(**{k: _verifier(p, CHAMPS_PAGE, f"series.{cle}.pages[{i}]")[k] for k in CHAMPS_PAGE})
                      for i, p in enumerate(s["pages"]))
        series[str(cle)] = Serie(str(cle), date, pratiques, bool(s.get("synthetique")), pages)
    return Mesures(
        budget=budget(budgets.get("general"), "budgets.general"),
        particuliers={k: budget(v, f"budgets.particuliers.{k}") for k, v in (budgets.get("particuliers") or {}).items()},
        a_l_echelle={k: budget(v, f"budgets.a_l_echelle.{k}") for k, v in (budgets.get("a_l_echelle") or {}).items()},
        objectif_ecoindex=float(objectif),
        series=series,
    )


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    mesures = lire(catalogue.racine)
    gabarit = env.get_template("ecoconception.md.j2")
    return {PAGE: gabarit.render(m=mesures, page=PAGE, ko=ko, nombre=nombre)}

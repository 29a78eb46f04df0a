"""Le catalogue : tout le contenu validé, immuable, avec ses index."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from referentiel_rso.models import Enjeu, Referentiel, TableIso26000, TableOdd
from referentiel_rso.models.enjeu import Indicateur, Objectif
from referentiel_rso.models.reference import Odd, QuestionCentrale
from referentiel_rso.models.referentiel import Engagement

if TYPE_CHECKING:  # types seulement : load/ importe le catalogue, pas l'inverse
    from referentiel_rso.load.pratiques import PratiquePubliee
    from referentiel_rso.load.territoires import Territoires
    from referentiel_rso.models.declinaison import Declinaison
    from referentiel_rso.models.reference import TableAbreviations, TableDefinitions


@dataclass(frozen=True)
class Catalogue:
    racine: Path
    referentiel: Referentiel
    enjeux: tuple[Enjeu, ...]
    table_odd: TableOdd
    table_iso: TableIso26000
    fichiers: dict[str, str] = field(default_factory=dict)
    """id d'enjeu → fichier source (pour « modifier cette page »)."""
    pratiques: tuple[PratiquePubliee, ...] = ()
    """Les bonnes pratiques publiées (proposées ou validées), sans les retirées."""
    retirees: tuple[PratiquePubliee, ...] = ()
    """Les pratiques retirées par le CTP RSO : seule leur page reste en ligne, avec un avis."""
    declinaisons: tuple[Declinaison, ...] = ()
    territoires: Territoires | None = None
    abreviations: TableAbreviations | None = None
    """data/abreviations.yml."""
    definitions: TableDefinitions | None = None
    """data/definitions.yml (TableDefinitions) : DD, RSE, RSO."""
    sources: Any = None
    """data/sources.yml (TableSources) : les documents transcrits, cités par leur code dans les notes."""

    @classmethod
    def construire(cls, racine: Path, referentiel: Referentiel, enjeux: list[Enjeu], odd: TableOdd,
                   iso: TableIso26000, fichiers: dict[str, str]) -> "Catalogue":
        return cls(racine, referentiel, tuple(sorted(enjeux, key=lambda e: tuple(map(int, e.id.split("."))))),
                   odd, iso, fichiers)

    def avec(self, **changements: Any) -> "Catalogue":
        return replace(self, **changements)

    # --- index -------------------------------------------------------------
    @property
    def engagements(self) -> tuple[Engagement, ...]:
        return tuple(self.referentiel.engagements)

    def engagement(self, numero: int) -> Engagement:
        return next(e for e in self.referentiel.engagements if e.numero == numero)

    def enjeu(self, id_: str) -> Enjeu:
        return next(e for e in self.enjeux if e.id == id_)

    def enjeux_de(self, numero: int) -> list[Enjeu]:
        return [e for e in self.enjeux if e.engagement == numero]

    @property
    def objectifs(self) -> list[tuple[Enjeu, Objectif]]:
        return [(e, o) for e in self.enjeux for o in e.objectifs]

    @property
    def indicateurs(self) -> list[tuple[Enjeu, Indicateur]]:
        return [(e, i) for e in self.enjeux for i in e.indicateurs]

    def objectif(self, id_: str) -> Objectif | None:
        return next((o for _, o in self.objectifs if o.id == id_), None)

    def odd(self, numero: int) -> Odd:
        return next(o for o in self.table_odd.odd if o.numero == numero)

    def enjeux_odd(self, numero: int) -> list[Enjeu]:
        return [e for e in self.enjeux if any(c.numero == numero for c in e.odd)]

    def question(self, id_: str) -> QuestionCentrale:
        return next(q for q in self.table_iso.questions_centrales if q.id == id_)

    def enjeux_question(self, id_: str) -> list[Enjeu]:
        return [e for e in self.enjeux if any(r.question == id_ for r in e.iso26000.references)]

    def chiffres(self) -> dict[str, int]:
        """Chiffres comptés dans le contenu (à comparer aux chiffres annoncés)."""
        return {
            "engagements": len(self.engagements),
            "enjeux": len(self.enjeux),
            "objectifs": len(self.objectifs),
            "indicateurs": len(self.indicateurs),
            "indicateurs_p1": sum(1 for _, i in self.indicateurs if i.categorie == "P1"),
            "indicateurs_p2": sum(1 for _, i in self.indicateurs if i.categorie == "P2"),
        }

    # --- contenus ajoutés (bonnes pratiques, déclinaisons) ---------------
    def pratiques_de(self, id_enjeu: str) -> list[PratiquePubliee]:
        return [p for p in self.pratiques if id_enjeu in p.enjeux]

    def declinaisons_de(self, id_enjeu: str) -> list[Declinaison]:
        return [d for d in self.declinaisons if d.pour_enjeu(id_enjeu) is not None]

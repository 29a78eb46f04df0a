"""Les bonnes pratiques : lecture de content/bonnes_pratiques/, règles inter-fichiers, objets publiés.

Chaque fichier est validé contre son modèle (models/pratique.py) ; puis, une fois tous lus, les règles
qui portent sur plusieurs fichiers ou sur le référentiel : id unique et début du nom du fichier,
enjeux, objectifs et indicateurs connus, territoire connu et cohérent. Toutes les erreurs sont
rendues ensemble, au format `fichier:ligne: champ: message`.

Ce qui est dérivé et non saisi : les ODD (ceux des enjeux cités), les engagements, le point de la carte
(coordonnées, sinon point de référence de la commune / du département / de la région), la page.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

from pydantic import Field

from referentiel_rso import assainir
from referentiel_rso.catalogue import Catalogue
from referentiel_rso.validate.erreurs import Erreur
from referentiel_rso.load.yaml_lignes import Document
from referentiel_rso.models.pratique import BRANCHES, ETATS, Pratique
from referentiel_rso.load.territoires import Territoires
from referentiel_rso.validate.documents import lire_et_valider

DOSSIER = Path("content") / "bonnes_pratiques"
MODELE = "_modele.yml"
NOM_FICHIER = re.compile(r"^(BP-[0-9]{4,5})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")


class PratiquePubliee(Pratique):
    """Une pratique validée, avec ce qui en est dérivé. Tout le modèle saisi reste accessible."""

    fichier: str = Field(description="Fichier YAML source, relatif à la racine du projet.")
    slug: str = Field(description="Partie lisible du nom de fichier et de l'adresse.")
    page: str = Field(description="Chemin Markdown de sa page (bonnes-pratiques/pratiques/<id>-<slug>/index.md).")
    engagements: list[int] = Field(description="Engagements des enjeux cités.")
    odd: list[int] = Field(description="ODD déduits des enjeux cités (numéros).")
    region: Optional[str] = Field(None, description="Code INSEE de la région (saisi ou déduit du département / de la commune).")
    departement: Optional[str] = Field(None, description="Code INSEE du département (saisi ou déduit de la commune).")
    lieu: Optional[str] = Field(None, description="Le territoire en toutes lettres (« Rouen, Seine-Maritime, Normandie »).")
    point: Optional[tuple[float, float]] = Field(None, description="(latitude, longitude) sur la carte.")
    point_precis: bool = Field(False, description="Vrai si le point vient des coordonnées saisies, faux s'il est le point de référence du territoire.")
    description_html: Optional[str] = Field(None, description="La description en HTML assaini (assainir.markdown_html).")

    @property
    def branche_libelle(self) -> str:
        return BRANCHES[self.branche]

    @property
    def etat_libelle(self) -> str:
        return ETATS[self.statut.etat]

    @property
    def validee(self) -> bool:
        return self.statut.etat == "validee"

    @property
    def retiree(self) -> bool:
        """Retirée par le CTP RSO : hors bibliothèque, carte, fiches et données ouvertes ; sa page reste."""
        return self.statut.etat == "retiree"


def chemin_page(id_: str, slug: str) -> str:
    return f"bonnes-pratiques/pratiques/{id_}-{slug}/index.md"


def fichiers_pratiques(racine: Path) -> list[Path]:
    """Les fichiers de pratique du dossier (le modèle `_modele.yml` et les fichiers cachés exclus)."""
    dossier = Path(racine) / DOSSIER
    if not dossier.is_dir():
        return []
    return sorted(p for p in dossier.iterdir()
                  if p.is_file() and p.suffix in (".yml", ".yaml") and not p.name.startswith(("_", ".")))


def _liste(valeurs: list[str], n: int = 6) -> str:
    return ", ".join(valeurs) if len(valeurs) <= n else f"{valeurs[0]} … {valeurs[-1]}"


def charger_pratiques(racine: Path, catalogue: Catalogue, territoires: Territoires | None,
                      docs: dict[str, Document] | None = None) -> tuple[list[PratiquePubliee], list[Erreur]]:
    """Lit et valide toutes les pratiques ; renvoie les pratiques publiées (triées par id) et les erreurs."""
    racine = Path(racine)
    erreurs: list[Erreur] = []
    lues: list[tuple[Pratique, Document, str]] = []
    for chemin in fichiers_pratiques(racine):
        fichier = chemin.relative_to(racine).as_posix()
        if chemin.suffix != ".yml":
            erreurs.append(Erreur(fichier, 1, "", f"extension « {chemin.suffix} » : renommer le fichier en « {chemin.stem}.yml »"))
            continue
        objet, doc, errs = lire_et_valider(chemin, racine, Pratique)
        erreurs.extend(errs)
        if doc is not None and docs is not None:
            docs[doc.fichier] = doc
        if objet is not None and doc is not None:
            lues.append((objet, doc, chemin.name))

    regles = _Regles(catalogue, territoires)
    publiees: list[PratiquePubliee] = []
    vus: dict[str, str] = {}
    for pratique, doc, nom in lues:
        errs_avant = len(regles.erreurs)
        regles.verifier(pratique, doc, nom, vus)
        vus.setdefault(pratique.id, doc.fichier)
        if len(regles.erreurs) == errs_avant:
            publiees.append(regles.publier(pratique, doc, nom))
    erreurs.extend(regles.erreurs)
    return sorted(publiees, key=lambda p: p.id), erreurs


class _Regles:
    def __init__(self, catalogue: Catalogue, territoires: Territoires | None):
        self.cat = catalogue
        self.ter = territoires
        self.erreurs: list[Erreur] = []
        self.enjeux = [e.id for e in catalogue.enjeux]
        self.objectifs = {o.id: e.id for e, o in catalogue.objectifs}
        self.indicateurs = {i.id: e.id for e, i in catalogue.indicateurs}

    def err(self, doc: Document, chemin: tuple[Any, ...], texte: str) -> None:
        from referentiel_rso.load.yaml_lignes import nom_champ

        self.erreurs.append(Erreur(doc.fichier, doc.ligne(chemin), nom_champ(chemin), texte))

    # --- règles -------------------------------------------------------------------------------
    def verifier(self, p: Pratique, doc: Document, nom: str, vus: dict[str, str]) -> None:
        m = NOM_FICHIER.match(nom)
        if m is None:
            self.erreurs.append(Erreur(doc.fichier, 1, "", (
                f"nom de fichier « {nom} » : attendu « {p.id}-mots-du-titre.yml » "
                "(l'id, puis des mots en minuscules sans accents séparés par des tirets)")))
        elif m.group(1) != p.id:
            self.err(doc, ("id",), f"« {p.id} » ne correspond pas au nom du fichier, qui commence par « {m.group(1)} » : "
                                   "corriger l'id ou renommer le fichier")
        if p.id in vus:
            self.err(doc, ("id",), f"« {p.id} » est déjà l'id de {vus[p.id]} (prendre le prochain numéro libre : "
                                   "make nouvelle-pratique)")

        for i, e in enumerate(p.enjeux):
            if e not in self.enjeux:
                self.err(doc, ("enjeux", i), f"« {e} » n'est pas un enjeu du référentiel (enjeux connus : {_liste(self.enjeux, 0)})")
        for i, o in enumerate(p.objectifs):
            enjeu = self.objectifs.get(o)
            if enjeu is None:
                self.err(doc, ("objectifs", i), f"« {o} » n'est pas un objectif du référentiel")
            elif enjeu not in p.enjeux:
                self.err(doc, ("objectifs", i), f"l'objectif « {o} » relève de l'enjeu {enjeu}, qui n'est pas dans enjeux")
        for i, r in enumerate(p.resultats):
            if r.indicateur and r.indicateur not in self.indicateurs:
                enjeu = r.indicateur.split("-")[0]
                du_meme = [x for x, e in self.indicateurs.items() if e == enjeu]
                aide = (f"indicateurs de l'enjeu {enjeu} : {', '.join(du_meme)}" if du_meme
                        else "voir la page Indicateurs du site")
                self.err(doc, ("resultats", i, "indicateur"), f"« {r.indicateur} » n'est pas un indicateur du référentiel ({aide})")
        self._territoire(p, doc)

    def _territoire(self, p: Pratique, doc: Document) -> None:
        if self.ter is None:
            return
        t = p.territoire
        if t is not None:
            reg = self.ter.region(t.region) if t.region else None
            dep = self.ter.departement(t.departement) if t.departement else None
            com = self.ter.commune(t.commune) if t.commune else None
            if t.region and reg is None:
                connues = sorted(self.ter.regions)
                self.err(doc, ("territoire", "region"), f"« {t.region} » n'est pas un code de région (codes INSEE : {', '.join(connues)})")
            if t.departement and dep is None:
                self.err(doc, ("territoire", "departement"), f"« {t.departement} » n'est pas un code de département "
                                                              "(« 01 » à « 95 », « 2A », « 2B », « 971 » à « 976 »)")
            if t.commune and com is None:
                self.err(doc, ("territoire", "commune"), f"« {t.commune} » n'est pas le code INSEE d'une commune "
                                                          "(attention : le code INSEE n'est pas le code postal)")
            if com is not None and dep is not None and com.departement != dep.code:
                vrai = self.ter.departement(com.departement)
                self.err(doc, ("territoire", "commune"), f"la commune {com.code} ({com.nom}) est dans le département "
                                                          f"{com.departement} ({vrai.nom if vrai else '?'}), pas dans le {dep.code} ({dep.nom})")
            if reg is not None:
                for champ, contenu in (("departement", dep), ("commune", com)):
                    if contenu is not None and contenu.region != reg.code:
                        vraie = self.ter.region(contenu.region)
                        self.err(doc, ("territoire", champ), f"{contenu.nom} ({contenu.code}) est en région {contenu.region} "
                                                             f"({vraie.nom if vraie else '?'}), pas en région {reg.code} ({reg.nom})")
        if p.coordonnees is not None and not self.ter.dans_france(p.coordonnees.lat, p.coordonnees.lon):
            self.err(doc, ("coordonnees",), f"le point ({p.coordonnees.lat}, {p.coordonnees.lon}) est hors de France "
                                            "(métropole et outre-mer)")

    # --- objet publié -------------------------------------------------------------------------
    def publier(self, p: Pratique, doc: Document, nom: str) -> PratiquePubliee:
        m = NOM_FICHIER.match(nom)
        assert m is not None
        slug = m.group(2)
        enjeux = [self.cat.enjeu(e) for e in p.enjeux]
        odd = sorted({c.numero for e in enjeux for c in e.odd})
        engagements = sorted({e.engagement for e in enjeux})
        region = departement = lieu = None
        point: tuple[float, float] | None = None
        t = p.territoire
        if t is not None and self.ter is not None:
            com = self.ter.commune(t.commune) if t.commune else None
            dep = self.ter.departement(t.departement or (com.departement if com else None))
            reg = self.ter.region(t.region or (dep.region if dep else None))
            region = reg.code if reg else None
            departement = dep.code if dep else None
            lieu = ", ".join(dict.fromkeys(x.nom for x in (com, dep, reg) if x is not None)) or None
            point = self.ter.point_reference(region=t.region, departement=t.departement, commune=t.commune)
        precis = p.coordonnees is not None
        if precis:
            point = (p.coordonnees.lat, p.coordonnees.lon)
        valeurs = {nom_: getattr(p, nom_) for nom_ in Pratique.model_fields}
        return PratiquePubliee.model_construct(
            **valeurs,
            fichier=doc.fichier,
            slug=slug,
            page=chemin_page(p.id, slug),
            engagements=engagements,
            odd=odd,
            region=region,
            departement=departement,
            lieu=lieu,
            point=point,
            point_precis=precis,
            description_html=assainir.markdown_html(p.description) if p.description else None,
        )


def prochain_id(racine: Path) -> str:
    """Le prochain id libre : un de plus que le plus grand id des noms de fichiers du dossier."""
    numeros = [int(m.group(1)[3:]) for p in fichiers_pratiques(racine) if (m := re.match(r"^(BP-[0-9]{4,5})-", p.name))]
    return f"BP-{max(numeros, default=0) + 1:04d}"

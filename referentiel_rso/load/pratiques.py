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
    """Les fichiers de pratique du dossier : fichiers ordinaires en `.yml` (le modèle `_modele.yml`, les
    fichiers cachés, les liens, sous-dossiers et autres extensions exclus — `contenu_inattendu` les signale)."""
    dossier = Path(racine) / DOSSIER
    if not dossier.is_dir():
        return []
    return sorted(p for p in dossier.iterdir()
                  if not p.is_symlink() and p.is_file() and p.suffix == ".yml" and not p.name.startswith(("_", ".")))


IGNORES = frozenset({MODELE, ".gitkeep", ".gitattributes"})


def contenu_inattendu(racine: Path) -> list[Erreur]:
    """Ce que le dossier des pratiques contient et qui ne serait pas lu : jamais ignoré en silence."""
    racine = Path(racine)
    dossier = racine / DOSSIER
    if not dossier.is_dir():
        return []
    erreurs = []
    for chemin in sorted(dossier.iterdir()):
        fichier = chemin.relative_to(racine).as_posix()
        if chemin.name in IGNORES and chemin.is_file() and not chemin.is_symlink():
            continue
        if chemin.is_symlink():
            texte = "lien symbolique refusé : content/ ne contient que des fichiers ordinaires (mettre le fichier lui-même)"
        elif chemin.is_dir():
            texte = (f"sous-dossier non lu : chaque pratique est un fichier directement dans {DOSSIER.as_posix()}/ "
                     "(y déplacer les fichiers)")
        elif not chemin.is_file():
            texte = "ce n'est pas un fichier ordinaire"
        elif chemin.suffix.lower() in (".yml", ".yaml") and chemin.suffix != ".yml":
            texte = f"extension « {chemin.suffix} » : renommer le fichier en « {chemin.stem}.yml » (en minuscules)"
        elif chemin.suffix != ".yml":
            texte = "fichier inattendu : ce dossier ne contient que des pratiques « BP-NNNN-mots-du-titre.yml »"
        elif chemin.name.startswith(("_", ".")):
            texte = f"nom de fichier réservé (« _ » ou « . » au début) : nommer la pratique « BP-NNNN-mots-du-titre.yml »"
        else:
            continue
        erreurs.append(Erreur(fichier, 1, "", texte))
    return erreurs


def _liste(valeurs: list[str], n: int = 6) -> str:
    return ", ".join(valeurs) if len(valeurs) <= n else f"{valeurs[0]} … {valeurs[-1]}"


def charger_pratiques(racine: Path, catalogue: Catalogue, territoires: Territoires | None,
                      docs: dict[str, Document] | None = None) -> tuple[list[PratiquePubliee], list[Erreur]]:
    """Lit et valide toutes les pratiques ; renvoie les pratiques publiées (triées par id) et les erreurs.

    Validation complète en une passe : les règles entre fichiers (id, enjeux, objectifs, indicateurs,
    territoire, coordonnées) sont vérifiées aussi pour un fichier qui a des erreurs de forme, sur ce qui
    a pu y être lu, pour que le contributeur voie toutes ses erreurs d'un coup.
    """
    racine = Path(racine)
    erreurs: list[Erreur] = contenu_inattendu(racine)
    lues: list[tuple[Any, Document, str, Any]] = []  # (pratique, doc, nom, True ou champs déjà en erreur)
    for chemin in fichiers_pratiques(racine):
        objet, doc, errs = lire_et_valider(chemin, racine, Pratique)
        erreurs.extend(errs)
        if doc is not None and docs is not None:
            docs[doc.fichier] = doc
        if objet is not None and doc is not None:
            lues.append((objet, doc, chemin.name, True))
        elif doc is not None:
            partielle = lecture_partielle(doc.donnees)
            if partielle is not None:
                lues.append((partielle, doc, chemin.name, {e.champ for e in errs}))

    regles = _Regles(catalogue, territoires)
    publiees: list[PratiquePubliee] = []
    proprietaires = _proprietaires_des_ids(lues)
    for pratique, doc, nom, valide in lues:
        errs_avant = len(regles.erreurs)
        regles.verifier(pratique, doc, nom, proprietaires)
        if valide is True:
            if len(regles.erreurs) == errs_avant:
                publiees.append(regles.publier(pratique, doc, nom))
        else:  # lecture partielle : pas deux messages pour un même champ
            nouvelles = regles.erreurs[errs_avant:]
            del regles.erreurs[errs_avant:]
            regles.erreurs.extend(e for e in nouvelles if not any(_meme_champ(e.champ, c) for c in valide if c))
    erreurs.extend(regles.erreurs)
    return sorted(publiees, key=lambda p: p.id), erreurs


def _meme_champ(a: str, b: str) -> bool:
    """Vrai si un champ contient l'autre (`coordonnees` et `coordonnees.lat`, `enjeux` et `enjeux[0]`)."""
    court, long_ = sorted((a, b), key=len)
    return long_ == court or long_.startswith((court + ".", court + "["))


def _proprietaires_des_ids(lues) -> dict[str, list[str]]:
    """id → fichiers qui le portent (dans l'ordre des noms)."""
    par_id: dict[str, list[str]] = {}
    for pratique, doc, _, _ in lues:
        if isinstance(pratique.id, str):
            par_id.setdefault(pratique.id, []).append(doc.fichier)
    return par_id


class _Lue:
    """Ce qu'on a pu lire d'un fichier invalide : les champs bien typés utiles aux règles entre fichiers."""

    def __init__(self, **valeurs: Any):
        self.__dict__.update(valeurs)


def lecture_partielle(donnees: Any) -> _Lue | None:
    """Les champs utiles aux règles entre fichiers, pris tels quels quand ils ont le bon type."""
    if not isinstance(donnees, dict):
        return None

    def textes(cle: str) -> list[str]:
        v = donnees.get(cle)
        return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []

    def code(bloc: Any, cle: str) -> Optional[str]:
        v = bloc.get(cle) if isinstance(bloc, dict) else None
        return v if isinstance(v, str) else None

    ter = donnees.get("territoire")
    territoire = _Lue(region=code(ter, "region"), departement=code(ter, "departement"), commune=code(ter, "commune")) \
        if isinstance(ter, dict) else None
    coord = donnees.get("coordonnees")
    coordonnees = None
    if isinstance(coord, dict) and all(isinstance(coord.get(k), (int, float)) and not isinstance(coord.get(k), bool)
                                       for k in ("lat", "lon")):
        coordonnees = _Lue(lat=float(coord["lat"]), lon=float(coord["lon"]))
    resultats = donnees.get("resultats")
    return _Lue(
        id=donnees.get("id") if isinstance(donnees.get("id"), str) else None,
        enjeux=textes("enjeux"),
        objectifs=textes("objectifs"),
        resultats=[_Lue(indicateur=code(r, "indicateur")) for r in resultats] if isinstance(resultats, list) else [],
        territoire=territoire,
        coordonnees=coordonnees,
    )


TOLERANCE_REGION = 0.1
"""Marge autour de la boîte d'une région, en degrés (≈ 10 km), pour un point saisi."""
RAYON_DEPARTEMENT = 150
"""Distance maximale, en km, d'un point saisi au point de référence de son département (métropole ; le plus
grand département, la Gironde, s'étend à environ 110 km de son point)."""


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(a)))


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
    def verifier(self, p: Any, doc: Document, nom: str, proprietaires: dict[str, list[str]]) -> None:
        m = NOM_FICHIER.match(nom)
        if m is None:
            self.erreurs.append(Erreur(doc.fichier, 1, "", (
                f"nom de fichier « {nom} » : attendu « {p.id or 'BP-NNNN'}-mots-du-titre.yml » "
                "(l'id, puis des mots en minuscules sans accents séparés par des tirets)")))
        elif p.id and m.group(1) != p.id:
            self.err(doc, ("id",), f"« {p.id} » ne correspond pas au nom du fichier, qui commence par « {m.group(1)} » : "
                                   "corriger l'id ou renommer le fichier")
        # Id en double : signalé sur chacun des fichiers qui le portent, chacun nommant les autres. On ne
        # peut pas savoir lequel vient d'être ajouté (le dépôt n'en garde pas la date) : le fichier ajouté
        # reçoit donc toujours l'erreur, et le message dit lequel renuméroter.
        autres = [f for f in proprietaires.get(p.id or "", []) if f != doc.fichier]
        if autres:
            self.err(doc, ("id",), f"« {p.id} » est aussi l'id de {_liste(autres, 3)} : deux pratiques ne peuvent pas "
                                   "avoir le même id (le fichier ajouté en dernier prend le prochain numéro libre : "
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

    def _territoire(self, p: Any, doc: Document) -> None:
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
        elif p.coordonnees is not None and t is not None:
            self._coordonnees_dans_le_territoire(p, doc)

    def _coordonnees_dans_le_territoire(self, p: Any, doc: Document) -> None:
        """Le point saisi tombe dans la région déclarée (boîte de ses contours, à TOLERANCE_REGION près)
        et, en métropole, à moins de RAYON_DEPARTEMENT km du point de référence du département."""
        t, lat, lon = p.territoire, p.coordonnees.lat, p.coordonnees.lon
        com = self.ter.commune(t.commune) if t.commune else None
        dep = self.ter.departement(t.departement or (com.departement if com else None))
        reg = self.ter.region(t.region or (dep.region if dep else None))
        zone = self.ter.zone(reg.code) if reg else None
        if zone is not None:
            (sud, ouest), (nord, est) = zone
            m = TOLERANCE_REGION
            if not (sud - m <= lat <= nord + m and ouest - m <= lon <= est + m):
                self.err(doc, ("coordonnees",), f"le point ({lat}, {lon}) n'est pas en région {reg.code} ({reg.nom}), "
                                                "le territoire déclaré : vérifier les coordonnées (ordre lat/lon, signe) "
                                                "ou le territoire")
                return
        if dep is not None and not dep.code.startswith("97"):
            d = _distance_km(lat, lon, dep.point.lat, dep.point.lon)
            if d > RAYON_DEPARTEMENT:
                self.err(doc, ("coordonnees",), f"le point ({lat}, {lon}) est à {d:.0f} km du département {dep.code} "
                                                f"({dep.nom}) déclaré ({RAYON_DEPARTEMENT} km au plus) : vérifier les "
                                                "coordonnées ou le département")

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

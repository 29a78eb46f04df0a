"""Un fichier content/bonnes_pratiques/BP-NNNN-<slug>.yml : une bonne pratique d'organisme.

Écrit par des membres du CTP RSO (non développeurs) : chaque règle a un message en français, et les
champs sont ceux qu'un lecteur du site cherche (qui, où, quoi, pour quel enjeu, avec quels résultats,
d'où vient l'information, où en est son examen par le CTP RSO).

Ce qui n'est pas saisi mais dérivé (pratiques.py) : les ODD (depuis les enjeux), le point de la carte
(depuis les coordonnées, sinon le point de référence de la commune, du département ou de la région),
la page du site (depuis le nom du fichier).
"""
from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

from referentiel_rso import assainir
from referentiel_rso.load.territoires import dans_france  # boîtes de la métropole, de la Corse et des cinq DROM
from referentiel_rso.models.base import Modele, sans_invisible
from referentiel_rso.validate import contributions

# --- listes fermées -----------------------------------------------------------------------------

BRANCHES: dict[str, str] = {
    "maladie": "Assurance Maladie (Cnam, Cpam, CGSS, DRSM…)",
    "risques-professionnels": "Risques professionnels (AT/MP)",
    "famille": "Famille (Cnaf, Caf)",
    "retraite": "Retraite (Cnav, Carsat…)",
    "recouvrement": "Recouvrement (Urssaf)",
    "autonomie": "Autonomie (CNSA)",
    "msa": "Mutualité sociale agricole (MSA)",
    "regimes-speciaux": "Régimes spéciaux participants",
    "ucanss": "Ucanss",
    "en3s": "EN3S",
    "interbranche": "Plusieurs branches ou régimes (interbranche, interrégimes)",
    "autre": "Autre",
}
"""Branche ou régime de l'organisme porteur (clé du fichier → libellé affiché).

Reprend le champ d'application du référentiel (préambule : branches maladie, famille, retraite,
recouvrement, l'Ucanss, l'EN3S, la MSA, les régimes spéciaux participants), plus les branches
risques professionnels et autonomie, `interbranche` quand plusieurs organismes de branches ou de
régimes différents portent la pratique ensemble, et `autre` en dernier recours."""

Branche = Literal[
    "maladie", "risques-professionnels", "famille", "retraite", "recouvrement", "autonomie", "msa",
    "regimes-speciaux", "ucanss", "en3s", "interbranche", "autre",
]

PORTEES: dict[str, str] = {
    "territoriale": "Menée sur un territoire (région, département ou commune)",
    "nationale": "Menée au niveau national (caisse nationale, branche entière)",
    "non-precisee": "Territoire non précisé par la source",
}
Portee = Literal["territoriale", "nationale", "non-precisee"]

ETATS: dict[str, str] = {
    "proposee": "Proposée, en attente de l'avis du CTP RSO",
    "validee": "Validée par le CTP RSO",
    "retiree": "Retirée par le CTP RSO",
}
"""retiree : la pratique sort de la bibliothèque, de la carte, des fiches et des données ouvertes, mais
sa page reste en ligne (avec le motif) pour que les liens vers elle ne soient pas rompus."""

# --- petits types ---------------------------------------------------------------------------------

IdPratique = Annotated[str, StringConstraints(pattern=r"^BP-[0-9]{4,5}$")]
# Forme large : un enjeu « 9.9 » bien formé mais inconnu reçoit le message « n'est pas un enjeu du
# référentiel (enjeux connus : …) » des règles inter-fichiers, plus utile qu'un motif.
RefEnjeu = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}\.[0-9]{1,2}$")]
RefObjectif = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$")]
RefIndicateur = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}\.[0-9]{1,2}-i[0-9]{1,2}$")]
CodeRegion = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$")]
CodeDepartement = Annotated[str, StringConstraints(pattern=r"^([0-9]{2}|2A|2B|97[1-6])$")]
CodeCommune = Annotated[str, StringConstraints(pattern=r"^([0-9]{5}|2A[0-9]{3}|2B[0-9]{3})$")]

ANNEE_MIN = 1945  # ordonnances créant la Sécurité sociale


def _annee_passee(annee: Optional[int]) -> Optional[int]:
    if annee is not None and annee > dt.date.today().year:
        raise ValueError(f"l'année {annee} est dans le futur : indiquer une année écoulée ou en cours")
    return annee


def _date_passee(d: Optional[dt.date]) -> Optional[dt.date]:
    if d is not None and d > dt.date.today():
        raise ValueError(f"la date {d.isoformat()} est dans le futur")
    return d


def _slug_toc(titre: str) -> str:
    from markdown.extensions.toc import slugify

    return slugify(titre, "-")


def _sans_donnee_personnelle(texte: Optional[str]) -> Optional[str]:
    if texte and contributions.donnee_personnelle(texte):
        raise ValueError(contributions.MESSAGE_DONNEE_PERSONNELLE)
    return texte


_GABARIT = re.compile(r"\{[{%#]|[%}#]\}")


def _contribue(texte: str) -> str:
    """Règles communes à tout texte contribué, simple ou Markdown (la longueur et les caractères
    invisibles sont déjà vérifiés par le type de base, avant ces règles)."""
    modele = contributions.texte_du_modele(texte)
    if modele:
        raise ValueError(modele)
    if _GABARIT.search(texte):
        raise ValueError("les suites de caractères {{ }}, {% %} et {# #} ne sont pas permises (syntaxe de gabarit)")
    return _sans_donnee_personnelle(texte)


def _texte_simple(texte: str) -> str:
    _contribue(texte)
    if "](" in texte:
        raise ValueError("« ]( » est la syntaxe d'un lien Markdown, non permise dans un texte simple "
                         "(mettre les liens dans description ou dans sources)")
    if texte[:1] in ("=", "+", "@"):
        raise ValueError("un texte ne doit pas commencer par =, + ou @ (un tableur le prendrait pour une formule)")
    return texte


def _markdown(texte: str) -> str:
    probleme = assainir.probleme_markdown(texte)  # avant toute conversion : rien de coûteux n'a tourné
    if probleme:
        raise ValueError(probleme)
    _contribue(texte)
    for adresse in contributions.liens_markdown(assainir.markdown_html(texte)):
        probleme = contributions.probleme_url(adresse)
        if probleme:
            raise ValueError(f"lien « {adresse[:60]} » : {probleme}")
    return texte


TEXTE_MAX = 500
TITRE_MAX = 160
RESUME_MAX = 600
"""Longueur maximale d'un texte simple d'une pratique (sauf titre, résumé et notes)."""
DESCRIPTION_MAX = 10_000
RESULTAT_MAX = 1_000
NOTE_MAX = 2_000


def _texte(maximum: int, description: str = "") -> object:
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=maximum),
                     AfterValidator(sans_invisible), AfterValidator(_texte_simple)]


def _md(maximum: int) -> object:
    return Annotated[str, StringConstraints(min_length=1, max_length=maximum), AfterValidator(sans_invisible),
                     AfterValidator(_markdown)]


Texte = _texte(TEXTE_MAX)
Titre = _texte(TITRE_MAX)
Resume = _texte(RESUME_MAX)
"""Texte simple contribué (une ligne, sans mise en forme, 500 caractères au plus) : affiché échappé partout."""
TexteNote = _texte(NOTE_MAX)
Description = _md(DESCRIPTION_MAX)
"""Markdown contribué : converti en HTML puis assaini (referentiel_rso/assainir.py) à l'affichage."""
TexteResultat = _md(RESULTAT_MAX)

Annee = Annotated[int, Field(ge=ANNEE_MIN, description="Année sur quatre chiffres (AAAA).")]

# --- blocs ----------------------------------------------------------------------------------------


class Territoire(Modele):
    """Où la pratique est menée : codes officiels INSEE (Code officiel géographique)."""

    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["region"]}, {"required": ["departement"]}, {"required": ["commune"]}],
    })

    region: Optional[CodeRegion] = Field(
        None, description="Code INSEE de la région sur deux chiffres, entre guillemets (ex. « 28 » Normandie, « 04 » La Réunion)."
    )
    departement: Optional[CodeDepartement] = Field(
        None, description="Code INSEE du département, entre guillemets (ex. « 76 », « 2A », « 974 »)."
    )
    commune: Optional[CodeCommune] = Field(
        None, description="Code INSEE de la commune sur cinq caractères, entre guillemets (ce n'est pas le code postal)."
    )

    @model_validator(mode="after")
    def _au_moins_un(self) -> "Territoire":
        if not (self.region or self.departement or self.commune):
            raise ValueError("indiquer au moins un code : region, departement ou commune")
        return self


class Coordonnees(Modele):
    """Point précis du lieu (facultatif) ; à défaut, la carte prend le point de référence du territoire."""

    lat: float = Field(ge=-90, le=90, description="Latitude en degrés décimaux (ex. 49.44).")
    lon: float = Field(ge=-180, le=180, description="Longitude en degrés décimaux (ex. 1.10 ; négative à l'ouest de Greenwich).")

    @model_validator(mode="after")
    def _en_france(self) -> "Coordonnees":
        if not dans_france(self.lat, self.lon):
            raise ValueError(
                f"le point ({self.lat}, {self.lon}) est hors de France (métropole et outre-mer) : "
                "vérifier l'ordre lat/lon et le signe de la longitude"
            )
        return self


class Resultat(Modele):
    """Un résultat : un texte, et/ou une valeur d'un indicateur du référentiel."""

    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["texte"]}, {"required": ["indicateur", "valeur"]}],
        "dependentRequired": {"indicateur": ["valeur"], "valeur": ["indicateur"], "unite": ["indicateur"], "annee": ["indicateur"]},
    })

    texte: Optional[TexteResultat] = Field(None, description=f"Le résultat en quelques mots (Markdown simple, {RESULTAT_MAX} caractères au plus).")
    indicateur: Optional[RefIndicateur] = Field(
        None, description="Id d'un indicateur du référentiel (ex. « 3.3-i1 »), si le résultat en est une mesure."
    )
    valeur: Optional[Union[int, float]] = Field(None, description="Valeur mesurée de l'indicateur (nombre).")
    unite: Optional[Texte] = Field(None, description="Unité de la valeur (« % », « kWh », « tonnes »…).")
    annee: Optional[Annee] = Field(None, description="Année de la mesure.")

    @field_validator("annee")
    @classmethod
    def _annee_passee(cls, v: Optional[int]) -> Optional[int]:
        return _annee_passee(v)

    @model_validator(mode="after")
    def _forme(self) -> "Resultat":
        if not self.texte and not self.indicateur:
            raise ValueError("indiquer un texte, ou un indicateur et sa valeur")
        if self.indicateur and self.valeur is None:
            raise ValueError(f"indiquer la valeur mesurée de l'indicateur {self.indicateur} (champ valeur)")
        if not self.indicateur and (self.valeur is not None or self.unite or self.annee):
            raise ValueError("valeur, unite et annee décrivent la mesure d'un indicateur : indiquer l'indicateur, ou écrire le résultat dans texte")
        return self


class Source(Modele):
    titre: Texte = Field(description="Titre du document, de la page ou de l'article.")
    url: Optional[Texte] = Field(None, description="Adresse http:// ou https:// d'un site public, si la source est en ligne (pas de mailto:, d'adresse IP ni de site local).")
    date: Optional[Texte] = Field(None, description="Date de la source telle qu'écrite (ex. « 7 septembre 2022 »).")

    @field_validator("url")
    @classmethod
    def _schema(cls, v: Optional[str]) -> Optional[str]:
        probleme = contributions.probleme_url(v) if v is not None else None
        if probleme:
            raise ValueError(f"« {v[:60]} » : {probleme}")
        return v


class Statut(Modele):
    model_config = ConfigDict(json_schema_extra={
        "allOf": [
            {"if": {"properties": {"etat": {"const": "validee"}}, "required": ["etat"]},
             "then": {"required": ["date_decision"]}},
            {"if": {"properties": {"etat": {"const": "retiree"}}, "required": ["etat"]},
             "then": {"required": ["date_decision", "motif"]}},
        ],
    })

    etat: Literal["proposee", "validee", "retiree"] = Field(
        description="proposee : en attente de l'avis du CTP RSO ; validee : retenue par le CTP RSO ; "
                    "retiree : retirée par le CTP RSO (la page reste en ligne, avec le motif)."
    )
    date_decision: Optional[dt.date] = Field(
        None, validate_default=True,
        description="Date de la décision du CTP RSO (AAAA-MM-JJ), obligatoire si validee ou retiree."
    )
    commentaire: Optional[Texte] = Field(None, description="Précision sur l'examen (réserves, décision…).")
    motif: Optional[Texte] = Field(
        None, validate_default=True, max_length=600,
        description="Pourquoi la pratique est retirée (obligatoire si retiree), affiché sur sa page."
    )

    @field_validator("date_decision")
    @classmethod
    def _decision(cls, v: Optional[dt.date], info: ValidationInfo) -> Optional[dt.date]:
        etat = info.data.get("etat")
        if v is None and etat in ("validee", "retiree"):
            raise ValueError(f"une pratique {etat} doit avoir sa date_decision (date de la décision du CTP RSO, AAAA-MM-JJ)")
        return _date_passee(v)

    @field_validator("motif")
    @classmethod
    def _motif(cls, v: Optional[str], info: ValidationInfo) -> Optional[str]:
        etat = info.data.get("etat")
        if v is None and etat == "retiree":
            raise ValueError("une pratique retiree doit avoir son motif (pourquoi le CTP RSO la retire), affiché sur sa page")
        if v is not None and etat != "retiree":
            raise ValueError("motif ne s'emploie que pour une pratique retiree (sinon : commentaire)")
        return v


class Provenance(Modele):
    """Qui a proposé la pratique — un rôle ou un organisme, jamais le nom d'une personne."""

    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["propose_par", "date"]}, {"required": ["transcrit_de"]}],
    })

    propose_par: Optional[Texte] = Field(
        None, description="Rôle ou organisme qui propose la pratique (ex. « Chef de projet RSO, Caf de … »)."
    )
    date: Optional[dt.date] = Field(None, description="Date de la proposition (AAAA-MM-JJ).")
    transcrit_de: Optional[Texte] = Field(
        None, description="Pour une pratique reprise d'un document : le document (titre, date)."
    )

    @field_validator("date")
    @classmethod
    def _date_passee(cls, v: Optional[dt.date]) -> Optional[dt.date]:
        if v is not None and v.isoformat() == contributions.DATE_DU_MODELE:
            raise ValueError(contributions.MESSAGE_DATE_DU_MODELE)
        return _date_passee(v)

    @model_validator(mode="after")
    def _qui(self) -> "Provenance":
        if not (self.propose_par or self.transcrit_de):
            raise ValueError("indiquer propose_par (rôle ou organisme) ou transcrit_de (document d'origine)")
        if self.propose_par and self.date is None:
            raise ValueError("indiquer la date de la proposition (champ date, AAAA-MM-JJ)")
        return self


class Distinction(Modele):
    intitule: Texte = Field(description="Prix ou distinction (ex. « Trophées RSO de l'Assurance Maladie »).")
    annee: Optional[Annee] = None
    precision: Optional[Texte] = Field(None, description="Catégorie, rang… tels qu'écrits par la source.")

    @field_validator("annee")
    @classmethod
    def _annee_passee(cls, v: Optional[int]) -> Optional[int]:
        return _annee_passee(v)


class NoteEditoriale(Modele):
    """Signale une incohérence ou une ambiguïté de la source, sans la trancher (texte contribué : mêmes
    règles que les autres textes d'une pratique)."""

    champ: Texte = Field(description="Élément concerné (ex. « indicateurs », « objectifs[2] »).")
    texte: TexteNote = Field(description=f"Ce que dit la source et pourquoi c'est signalé ({NOTE_MAX} caractères au plus).")
    source: Optional[Texte] = Field(None, description="Document et page concernés.")


# --- la pratique ----------------------------------------------------------------------------------


class Pratique(Modele):
    """Une bonne pratique d'un organisme de Sécurité sociale, proposée au CTP RSO."""

    model_config = ConfigDict(json_schema_extra={
        "if": {"properties": {"portee": {"enum": ["nationale", "non-precisee"]}}, "required": ["portee"]},
        "then": {"not": {"anyOf": [{"required": ["territoire"]}, {"required": ["coordonnees"]}]}},
        "else": {"required": ["territoire"]},
    })

    id: IdPratique = Field(description="Identifiant stable « BP-0001 » : le nom du fichier commence par lui.")
    titre: Titre = Field(description=f"Titre court de la pratique (texte simple, {TITRE_MAX} caractères au plus).")
    resume: Resume = Field(description=f"Une ou deux phrases : ce qui est fait, par qui, pour quoi (texte simple, {RESUME_MAX} caractères au plus).")
    description: Optional[Description] = Field(
        None, description=f"Présentation détaillée (Markdown : paragraphes, listes, **gras**, [liens](https://…)), "
                          f"{DESCRIPTION_MAX} caractères au plus, {assainir.CROCHETS_MAX} « [ » au plus."
    )
    organisme: Texte = Field(description="Organisme porteur, tel qu'il se nomme (ex. « Carsat Normandie »).")
    branche: Branche = Field(description="Branche ou régime de l'organisme porteur (liste fermée).")
    partenaires: list[Texte] = Field([], max_length=30, description="Autres organismes associés (collectivités, associations…), 30 au plus.")
    portee: Portee = Field(
        "territoriale",
        description="territoriale (défaut : territoire obligatoire), nationale (pas de territoire), non-precisee (la source ne le dit pas).",
    )
    territoire: Optional[Territoire] = Field(None, validate_default=True, description="Où la pratique est menée (codes INSEE).")
    coordonnees: Optional[Coordonnees] = Field(None, description="Point précis pour la carte (facultatif).")
    annee: Optional[Annee] = Field(None, description="Année de lancement ou de réalisation.")
    enjeux: list[RefEnjeu] = Field(min_length=1, max_length=15, description="Enjeux du référentiel illustrés (ex. « 3.3 »), 15 au plus ; les ODD en sont déduits.")
    objectifs: list[RefObjectif] = Field([], max_length=31, description="Objectifs précis visés (ex. « 3.3.1 »), facultatif.")
    resultats: list[Resultat] = Field([], max_length=30, description="Résultats obtenus : textes et/ou mesures d'indicateurs du référentiel, 30 au plus.")
    distinctions: list[Distinction] = Field([], max_length=20, description="Prix reçus (ex. Trophées RSO), 20 au plus : ce n'est pas une validation du CTP RSO.")
    sources: list[Source] = Field([], max_length=30, description="Documents ou pages qui décrivent la pratique, 30 au plus.")
    statut: Statut
    provenance: Provenance
    contact: Optional[Texte] = Field(None, description="Un rôle ou un service à contacter (pas de nom, d'adresse ni de téléphone).")
    notes: list[NoteEditoriale] = Field([], max_length=30, description="Incohérences ou imprécisions de la source, signalées sans être tranchées (30 au plus).")

    @field_validator("annee")
    @classmethod
    def _annee_passee(cls, v: Optional[int]) -> Optional[int]:
        return _annee_passee(v)

    @field_validator("titre")
    @classmethod
    def _ancre(cls, v: str) -> str:
        # Le titre devient l'identifiant HTML de l'intertitre (extension toc) : commencer par « _ »
        # produirait un id du thème (`__drawer`, `__search`, `__toc`…) et casserait le menu ou la recherche.
        if _slug_toc(v).startswith("_"):
            raise ValueError("le titre doit commencer par une lettre ou un chiffre, pas par « _ » "
                             "(identifiants réservés au site)")
        return v

    @field_validator("id")
    @classmethod
    def _pas_celui_du_modele(cls, v: str) -> str:
        if v == "BP-0000":
            raise ValueError("« BP-0000 » est l'id du modèle : prendre le prochain numéro libre (make nouvelle-pratique)")
        return v

    @field_validator("enjeux", "objectifs")
    @classmethod
    def _sans_doublon(cls, v: list[str]) -> list[str]:
        vus: set[str] = set()
        doublons = sorted({x for x in v if x in vus or vus.add(x)})  # une passe : linéaire
        if doublons:
            raise ValueError(f"cité deux fois : {', '.join(doublons)}")
        return v

    @field_validator("territoire", "coordonnees")
    @classmethod
    def _selon_portee(cls, v: object, info: ValidationInfo) -> object:
        portee = info.data.get("portee", "territoriale")
        if info.field_name == "territoire" and v is None and portee == "territoriale":
            raise ValueError(
                "indiquer le territoire (region, departement ou commune), ou portee: nationale "
                "pour une pratique menée au niveau national, ou portee: non-precisee si la source ne le dit pas"
            )
        if v is not None and portee != "territoriale":
            raise ValueError(f"une pratique de portée « {portee} » n'a ni territoire ni coordonnees (sinon : portee: territoriale)")
        return v

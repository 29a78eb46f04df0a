"""Rendre accessible (PDF/UA) un PDF imprimé par Chromium : ce que Chromium n'écrit pas, ajouté par pikepdf.

Chromium (page.pdf(tagged=True, outline=True)) produit un PDF balisé, en français, titré, aux polices
incorporées. Il lui manque, pour PDF/UA-1 (ISO 14289-1) :

- les en-têtes courants, pieds et numéros de page (marges @page d'impression.css) et les fonds de page
  sont dessinés hors de tout contenu marqué : ni contenu balisé ni artefact (§7.1). Ils sont encadrés
  ici en artefacts (`/Artifact <</Type /Pagination>> BDC … EMC` pour le texte, `/Artifact BMC` pour le
  reste), sans toucher au contenu balisé ;
- les types de structure `Strong` et `Em` (PDF 2.0) ne sont pas des types standard de PDF 1.7 : une
  RoleMap les rattache à `Span` (§7.1) ;
- pas de métadonnées XMP : titre, langue, et l'identifiant PDF/UA (`pdfuaid:part = 1`) — écrit
  seulement si le fichier passe les contrôles faits ici (voir `Bilan.conforme`) ;
- les signets, tirés des titres mis en page, perdent l'espace aux retours à la ligne (« lesstratégies ») :
  ils reprennent le texte des titres de la page HTML ;
- les annotations de lien n'ont pas de description (`/Contents`, §7.18.5) : elles reçoivent le nom
  accessible du lien de la page HTML ;
- les liens vers les autres pages du site pointent vers le serveur local qui a servi la page à Chromium
  (http://127.0.0.1:<port>/…) : ils sont réécrits vers l'adresse publique du site (`site_url`, lue dans
  l'adresse canonique de la page).

Ce module ne lit que le PDF et ce que la page HTML dit d'elle-même (`Page`) ; pdf.py les lui fournit.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, ContentStreamInlineImage, ContentStreamInstruction, Dictionary, Name, Operator

# Types de structure standard de PDF 1.7 (ISO 32000-1, §14.8.4), les seuls que PDF/UA-1 admet sans RoleMap.
TYPES_STANDARD = frozenset("""
    Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
    P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
    Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form
""".split())
# Types de PDF 2.0 que Chromium écrit, et leur équivalent PDF 1.7. Un type inconnu est rattaché à
# NonStruct (son contenu reste lu, sans rôle) et signalé dans le bilan.
ROLES = {"Strong": "Span", "Em": "Span", "Sub": "Span", "Title": "P", "Aside": "Note",
         "FENote": "Note", "DocumentFragment": "Div"}

_TEXTE = frozenset({"Tj", "TJ", "'", '"'})
_PEINTURE_CHEMIN = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})
_CONSTRUCTION_CHEMIN = frozenset({"m", "l", "c", "v", "y", "h", "re", "W", "W*"})
_DEBUT_MARQUE = frozenset({"BDC", "BMC"})
# Avant ces opérateurs, un artefact ouvert est refermé : les séquences marquées restent imbriquées
# proprement avec les objets texte (BT/ET), l'état graphique (q/Q) et le contenu balisé.
_FERMENT = frozenset({"BT", "ET", "q", "Q", "BDC", "BMC", "EMC"})


@dataclass(frozen=True)
class Lien:
    cible: str
    """adresse absolue (« http://127.0.0.1:port/odd/16/ ») ou ancre de la page (« #objectif-1-1-1 »)."""
    nom: str
    """nom accessible du lien (aria-label, texte, title), blancs réduits."""


@dataclass(frozen=True)
class Page:
    """Ce que la page HTML imprimée dit d'elle-même (lu par pdf.py dans Chromium, en média print)."""

    titres: tuple[str, ...]
    """textes des titres h1–h6 rendus, dans l'ordre du document, blancs réduits."""
    liens: tuple[Lien, ...]
    langue: str = "fr"
    base_locale: str = ""
    """« http://127.0.0.1:port/ » : racine du site servi à Chromium."""
    base_publique: str = ""
    """« https://…/referentiel-rso/ » : racine publique du site (vide : adresses laissées telles quelles)."""


@dataclass
class Bilan:
    artefacts: int = 0
    """séquences /Artifact ajoutées."""
    signets: int = 0
    signets_corriges: int = 0
    signets_orphelins: list[str] = field(default_factory=list)
    """signets dont aucun titre de la page ne donne le texte (laissés tels quels)."""
    liens: int = 0
    liens_sans_nom: int = 0
    """liens décrits par leur seule adresse faute de nom dans la page."""
    adresses_reecrites: int = 0
    types_inconnus: set[str] = field(default_factory=set)
    figures_sans_alternative: int = 0
    titre: str = ""

    @property
    def conforme(self) -> bool:
        """Le fichier passe les contrôles faits ici : l'identifiant PDF/UA peut être écrit."""
        return (not self.signets_orphelins and not self.types_inconnus and not self.figures_sans_alternative
                and bool(self.titre))


def _cle(texte: str) -> str:
    return "".join(texte.split())


def _reduire(texte: str) -> str:
    return " ".join(texte.split())


# --------------------------------------------------------------------------------------------------
# contenu hors balises → artefacts
# --------------------------------------------------------------------------------------------------
def _artefacts(pdf: pikepdf.Pdf, page: pikepdf.Page) -> int:
    """Encadre en artefacts tout ce que la page peint hors contenu marqué. Renvoie le nombre d'ajouts."""
    instructions = list(pikepdf.parse_content_stream(page))
    sortie: list = []
    profondeur = 0        # séquences marquées du PDF d'origine
    ouvert = False        # un artefact ajouté ici est ouvert
    dans_texte = False
    chemin: list = []     # construction de chemin en attente de son opérateur de peinture
    ajouts = 0

    def ouvrir() -> None:
        nonlocal ouvert, ajouts
        if dans_texte:
            sortie.append(ContentStreamInstruction([Name.Artifact, Dictionary(Type=Name.Pagination)],
                                                   Operator("BDC")))
        else:
            sortie.append(ContentStreamInstruction([Name.Artifact], Operator("BMC")))
        ouvert = True
        ajouts += 1

    def fermer() -> None:
        nonlocal ouvert
        if ouvert:
            sortie.append(ContentStreamInstruction([], Operator("EMC")))
            ouvert = False

    for ins in instructions:
        if isinstance(ins, ContentStreamInlineImage):
            if profondeur == 0 and not ouvert:
                ouvrir()
            sortie.append(ins)
            continue
        op = str(ins.operator)
        if chemin:
            chemin.append(ins)
            if op in _PEINTURE_CHEMIN:
                if profondeur == 0 and not ouvert:
                    ouvrir()
                sortie.extend(chemin)
                chemin = []
            elif op == "n":  # chemin de découpe seulement : rien n'est peint
                sortie.extend(chemin)
                chemin = []
            continue
        if op in _FERMENT:
            fermer()
            if op in _DEBUT_MARQUE:
                profondeur += 1
            elif op == "EMC":
                profondeur = max(0, profondeur - 1)
            elif op == "BT":
                dans_texte = True
            elif op == "ET":
                dans_texte = False
            sortie.append(ins)
            continue
        if profondeur == 0 and op in _CONSTRUCTION_CHEMIN and not ouvert:
            chemin = [ins]
            continue
        if profondeur == 0 and not ouvert and (op in _TEXTE or op in ("Do", "sh")):
            ouvrir()
        sortie.append(ins)
    sortie.extend(chemin)
    fermer()
    if ajouts:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(sortie))
    return ajouts


# --------------------------------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------------------------------
def _elements(racine: Dictionary):
    """Les éléments de structure, dans l'ordre du document (parcours en profondeur)."""
    pile = [racine]
    while pile:
        noeud = pile.pop()
        if not isinstance(noeud, Dictionary):
            continue
        if "/S" in noeud:
            yield noeud
        enfants = noeud.get("/K")
        if isinstance(enfants, Array):
            pile.extend(reversed(list(enfants)))
        elif isinstance(enfants, Dictionary):
            pile.append(enfants)


def _role_map(pdf: pikepdf.Pdf, bilan: Bilan) -> None:
    racine = pdf.Root.StructTreeRoot
    existante = racine.get("/RoleMap")
    roles = Dictionary() if existante is None else existante
    for element in _elements(racine):
        type_ = str(element.S)[1:]
        if type_ in TYPES_STANDARD or f"/{type_}" in roles:
            continue
        cible = ROLES.get(type_)
        if cible is None:
            bilan.types_inconnus.add(type_)
            cible = "NonStruct"
        roles[f"/{type_}"] = Name(f"/{cible}")
    for element in _elements(racine):
        if str(element.S) == "/Figure" and not str(element.get("/Alt", "")).strip() \
                and not str(element.get("/ActualText", "")).strip():
            bilan.figures_sans_alternative += 1
    if len(roles):
        racine.RoleMap = roles


# --------------------------------------------------------------------------------------------------
# signets
# --------------------------------------------------------------------------------------------------
def _signets(pdf: pikepdf.Pdf, titres: tuple[str, ...], bilan: Bilan) -> None:
    """Chaque signet prend le texte du titre HTML correspondant (même texte, blancs mis à part), dans
    l'ordre du document."""
    restants = list(titres)
    with pdf.open_outline() as plan:
        pile = list(reversed(plan.root))
        while pile:
            signet = pile.pop()
            pile.extend(reversed(signet.children))
            bilan.signets += 1
            cle = _cle(signet.title)
            trouve = next((i for i, t in enumerate(restants) if _cle(t) == cle), None)
            if trouve is None:
                bilan.signets_orphelins.append(signet.title)
                continue
            texte = restants[trouve]
            del restants[: trouve + 1]
            if signet.title != texte:
                signet.title = texte
                bilan.signets_corriges += 1


# --------------------------------------------------------------------------------------------------
# liens
# --------------------------------------------------------------------------------------------------
def _cible(annotation: Dictionary) -> str:
    action = annotation.get("/A")
    if isinstance(action, Dictionary) and "/URI" in action:
        return str(action.URI)
    destination = annotation.get("/Dest")
    if isinstance(destination, Name):
        return "#" + str(destination)[1:]
    if isinstance(destination, (pikepdf.String, str)):
        return "#" + str(destination)
    return ""


def _liens(pdf: pikepdf.Pdf, page: Page, bilan: Bilan) -> None:
    """/Contents de chaque annotation de lien : le nom du lien HTML de même cible, pris dans l'ordre
    (un lien coupé en deux lignes donne deux annotations sous un même élément /Link : même nom)."""
    noms: dict[str, list[str]] = {}
    for lien in page.liens:
        noms.setdefault(lien.cible, []).append(lien.nom)
    premiers = {cible: liste[0] for cible, liste in noms.items()}

    def nom_de(cible: str) -> str | None:
        liste = noms.get(cible)
        if liste:
            return liste.pop(0)
        return premiers.get(cible)

    decrites: set[tuple[int, int]] = set()

    def decrire(annotation: Dictionary, nom: str | None) -> None:
        cible = _cible(annotation)
        if not nom:
            bilan.liens_sans_nom += 1
            nom = f"Lien vers {_publique(cible, page)}" if not cible.startswith("#") else "Lien dans le document"
        annotation.Contents = pikepdf.String(nom)
        decrites.add(annotation.objgen)
        bilan.liens += 1

    # 1. dans l'ordre de la structure : un élément /Link = un lien HTML, ses annotations (OBJR) le suivent
    for element in _elements(pdf.Root.StructTreeRoot):
        if str(element.S) != "/Link":
            continue
        enfants = element.get("/K")
        enfants = list(enfants) if isinstance(enfants, Array) else [enfants]
        annotations = [k.Obj for k in enfants if isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR
                       and isinstance(k.get("/Obj"), Dictionary)]
        if not annotations:
            continue
        nom = nom_de(_cible(annotations[0]))
        for annotation in annotations:
            decrire(annotation, nom)
    # 2. toute annotation de lien restée sans description
    for p in pdf.pages:
        for annotation in p.obj.get("/Annots", []):
            if isinstance(annotation, Dictionary) and annotation.get("/Subtype") == Name.Link \
                    and annotation.objgen not in decrites:
                decrire(annotation, premiers.get(_cible(annotation)))
    # 3. adresses du serveur local → adresses publiques
    if page.base_locale and page.base_publique:
        for p in pdf.pages:
            for annotation in p.obj.get("/Annots", []):
                action = annotation.get("/A") if isinstance(annotation, Dictionary) else None
                if isinstance(action, Dictionary) and "/URI" in action:
                    uri = str(action.URI)
                    if uri.startswith(page.base_locale):
                        action.URI = pikepdf.String(_publique(uri, page))
                        bilan.adresses_reecrites += 1


def _publique(adresse: str, page: Page) -> str:
    if page.base_locale and page.base_publique and adresse.startswith(page.base_locale):
        return page.base_publique + adresse[len(page.base_locale):]
    return adresse


# --------------------------------------------------------------------------------------------------
# métadonnées
# --------------------------------------------------------------------------------------------------
def _metadonnees(pdf: pikepdf.Pdf, page: Page, bilan: Bilan) -> None:
    titre = str(pdf.docinfo.get("/Title", "")).strip()
    bilan.titre = titre
    pdf.Root.Lang = pikepdf.String(str(pdf.Root.get("/Lang", page.langue)) or page.langue)
    preferences = pdf.Root.get("/ViewerPreferences")
    if not isinstance(preferences, Dictionary):
        pdf.Root.ViewerPreferences = preferences = Dictionary()
    preferences.DisplayDocTitle = True
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp.load_from_docinfo(pdf.docinfo)
        if titre:
            xmp["dc:title"] = titre
        xmp["dc:language"] = [str(pdf.Root.Lang)]
        xmp["pdf:Producer"] = str(pdf.docinfo.get("/Producer", "Chromium"))
        xmp["xmp:CreatorTool"] = "Référentiel RSO de la Sécurité sociale (Chromium, pikepdf)"
        if bilan.conforme:
            xmp["pdfuaid:part"] = "1"


# --------------------------------------------------------------------------------------------------
def rendre_accessible(donnees: bytes, page: Page) -> tuple[bytes, Bilan]:
    """Le PDF de Chromium complété pour PDF/UA, et le bilan de ce qui a été fait."""
    bilan = Bilan()
    with pikepdf.open(io.BytesIO(donnees)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            raise ValueError("PDF non balisé : impression sans tagged=True ?")
        for p in pdf.pages:
            bilan.artefacts += _artefacts(pdf, p)
        _role_map(pdf, bilan)
        _signets(pdf, page.titres, bilan)
        _liens(pdf, page, bilan)
        _metadonnees(pdf, page, bilan)
        sortie = io.BytesIO()
        pdf.save(sortie, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return sortie.getvalue(), bilan

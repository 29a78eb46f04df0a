"""Sobriété du site mesurée dans un vrai navigateur : poids (brut et gzip), requêtes, DOM, EcoIndex par type de page.

    python scripts/mesures.py site mesures/rapport.md                    (ou `make mesures`)
    python scripts/mesures.py --pratiques 10000 /tmp/site-10000 mesures/rapport-10000.md
                                                    (ou `make mesures PRATIQUES=10000`)

Le site (construit s'il manque ; avec --pratiques N, une copie du projet complétée de pratiques
synthétiques par scripts/banc_pratiques.py, jusqu'à N, construite sans PDF) est servi sur 127.0.0.1 ;
Chromium sans tête (/usr/bin/chromium, paquet Debian) charge la page la plus lourde de chaque type, cache
vide, toute requête vers un autre hôte étant bloquée et signalée.

Poids transféré : ce qu'un hébergeur sert compressé. Chaque corps de réponse de type texte (HTML, CSS,
JavaScript, JSON, SVG…) est compressé par gzip niveau 6 (celui de `gzip -6`, de nginx et d'Apache par
défaut) ; les autres (images, WebAssembly, fichiers de Pagefind déjà compressés) comptent pour leur
taille. L'EcoIndex est calculé sur ce poids transféré, le nombre de requêtes et le DOM (éléments de la
page et de ses iframes, hors intérieur des SVG).

Les budgets (BUDGET, BUDGETS_PARTICULIERS, BUDGETS_A_L_ECHELLE) sont dans referentiel_rso/budgets.py et
nulle part ailleurs : ce rapport, les tests (tests/navigateur/test_sobriete.py) et la déclaration
d'écoconception les lisent.
Chaque mesure met aussi à jour mesures/sobriete.json (versionné), d'où la construction tire les chiffres
de la page « Déclaration d'écoconception ».
"""
from __future__ import annotations

import argparse
import asyncio
import atexit
import concurrent.futures
import datetime as dt
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from referentiel_rso.budgets import (  # noqa: F401 - réexportés pour les tests
    BUDGET, BUDGETS_A_L_ECHELLE, BUDGETS_PARTICULIERS, OBJECTIF_ECOINDEX, Budget, budget,
)
from referentiel_rso.build.chromium import (  # noqa: F401 - réexportés pour les tests
    ARGS_CHROMIUM, CHROMIUM, HOTE, MESSAGE_INSTALLER, ChromiumAbsent, Serveur, est_locale, lancer_chromium,
)

RACINE = Path(__file__).resolve().parents[1]
DONNEES = RACINE / "mesures" / "sobriete.json"
"""Dernières mesures (contenu actuel et contenu synthétique), lues par la page « Déclaration d'écoconception »."""


_LIBELLES = {"gzip": lambda v, limite: f"poids transféré {_ko(v)} Ko > {_ko(limite)} Ko",
             "requetes": lambda v, limite: f"{v} requêtes > {limite}",
             "dom": lambda v, limite: f"{v} éléments du DOM > {limite}"}


def depassements(b: Budget, m: "Mesure") -> list[str]:
    """Ce que la mesure dépasse, en clair (vide : dans le budget et à l'objectif EcoIndex)."""
    hors = [_LIBELLES[d.grandeur](d.valeur, d.limite) for d in b.depassements(m.poids_gzip, m.requetes, m.dom)]
    note = m.ecoindex().score
    if note < OBJECTIF_ECOINDEX:
        hors.append(f"EcoIndex {note:.0f} < {OBJECTIF_ECOINDEX}")
    return hors

# Dossiers du site qui ne sont pas des pages.
# livret/ : pages qui ne servent qu'à imprimer les PDF, retirées du site publié (build/pdf.py).
HORS_PAGES = {"assets", "pagefind", "donnees", "search", "pdf", "javascripts", "stylesheets", "livret"}
# Noms lisibles des types de pages connus ; un type nouveau garde son motif (ex. « carte », « bibliotheque/* »).
NOMS = {
    "": "accueil",
    "engagements": "engagements",
    "engagements/*": "engagement",
    "enjeux": "enjeux",
    "enjeux/*": "fiche",
    "odd": "odd",
    "odd/*": "odd-detail",
    "iso-26000": "iso-26000",
    "iso-26000/*": "iso-26000-question",
    "indicateurs": "indicateurs",
    "indicateurs/*": "indicateurs-detail",
    "indicateurs/*/*": "indicateur",
    "glossaire": "glossaire",
    "a-propos": "a-propos",
    "donnees-ouvertes": "donnees-ouvertes",
    "bonnes-pratiques": "bonnes-pratiques",
    "bonnes-pratiques/*": "bonnes-pratiques-detail",
    "bonnes-pratiques/*/*": "pratique",
    "declinaisons": "declinaisons",
    "declinaisons/*": "declinaison",
    "declinaisons/*/*": "declinaison-engagement",
    "bibliotheque": "bibliotheque",
    "carte": "carte",
    "carte/*": "carte-liste",
    "carte/*/*": "carte-liste-region",
    "carte/*/*/*": "carte-liste-region-page",
    "autodiagnostic": "autodiagnostic",
    "autodiagnostic/*": "autodiagnostic-engagement",  # la grille d'un engagement (et l'accueil de la grille vierge)
    "autodiagnostic/*/*": "autodiagnostic-grille-vierge",  # la grille vierge d'un engagement
    "livret": "livret",
    "livret/*": "livret-engagement",
    "mon-livret": "mon-livret",
    "ecoconception": "ecoconception",
}


# --------------------------------------------------------------------------------------------------
# types de pages, découverts dans le site construit
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TypePage:
    nom: str
    motif: str
    chemin: str
    """chemin du fichier HTML dans le site (ex. « enjeux/1-1-…/index.html »)."""

    @property
    def url(self) -> str:
        """Adresse relative à la racine du site (« / », « /enjeux/1-1-…/ »)."""
        return "/" + self.chemin.removesuffix("index.html")


def types_de_pages(site: Path, plus_lourdes: bool = False) -> list[TypePage]:
    """Un représentant par motif d'adresse : le premier dans l'ordre alphabétique, ou (plus_lourdes) la
    page dont le HTML est le plus gros — celle qui grandit le plus avec le contenu (mesures, budgets).

    Motif = premier dossier, puis « * » par niveau : « enjeux/* », « bonnes-pratiques/*/* »… Une section
    nouvelle du site (carte, bibliothèque, pratiques) est donc couverte dès qu'elle apparaît.
    """
    site = Path(site)
    choisis: dict[str, tuple[int, str]] = {}
    for fichier in sorted(site.rglob("index.html")):
        rel = fichier.relative_to(site).as_posix()
        parties = rel.split("/")[:-1]
        if parties and parties[0] in HORS_PAGES:
            continue
        motif = "/".join(parties[:1] + ["*"] * (len(parties) - 1))
        if plus_lourdes:
            taille = fichier.stat().st_size
            if motif not in choisis or taille > choisis[motif][0]:
                choisis[motif] = (taille, rel)
        else:
            choisis.setdefault(motif, (0, rel))
    types = [TypePage(NOMS.get(m, m), m, c) for m, (_, c) in choisis.items()]
    return sorted(types, key=lambda t: (t.motif != "", t.motif))


# --------------------------------------------------------------------------------------------------
# construire une fois, servir en local
# --------------------------------------------------------------------------------------------------
@functools.cache
def site_temporaire() -> Path:
    """Le site construit une fois par processus dans un dossier temporaire (PDF compris quand Chromium est
    là), effacé à la sortie. Toute la suite de tests partage cette construction.

    RSO_SITE=<dossier> réutilise un site déjà construit (plus rapide pendant le développement).
    """
    deja = os.environ.get("RSO_SITE")
    if deja:
        site = Path(deja).resolve()
        if not (site / "index.html").exists():
            raise SystemExit(f"RSO_SITE={deja} : pas de site construit ici (index.html absent)")
        return site
    from referentiel_rso.build.construire import construire

    dossier = Path(tempfile.mkdtemp(prefix="rso-site-"))
    atexit.register(shutil.rmtree, dossier, True)
    return construire(RACINE, dossier / "site")


def construire_synthetique(pratiques: int, destination: Path, pdf: bool = False) -> Path:
    """Une copie du projet dont la bibliothèque compte `pratiques` pratiques (les réelles, puis des
    synthétiques de scripts/banc_pratiques.py, graine fixe), construite dans `destination` (sans PDF)."""
    import banc_pratiques

    destination = Path(destination).resolve()
    copie = Path(tempfile.mkdtemp(prefix=f"projet-{pratiques}-"))
    try:
        banc_pratiques.copier_projet(copie)
        ecrites = banc_pratiques.generer(copie, pratiques, banc_pratiques.lire_referentiel(RACINE),
                                         banc_pratiques.GRAINE)
        print(f"{ecrites} pratiques synthétiques écrites dans {copie}", flush=True)
        # Processus neuf, depuis la copie : sa configuration, son contenu, ses chemins.
        commande = [sys.executable, "-m", "referentiel_rso", "construire", "--destination", str(destination)]
        if not pdf:
            commande.append("--sans-pdf")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        resultat = subprocess.run(commande, cwd=copie, env=env)
        if resultat.returncode != 0:
            raise SystemExit(f"construction du site synthétique ({pratiques} pratiques) impossible")
    finally:
        shutil.rmtree(copie, ignore_errors=True)
    return destination


@functools.cache
def site_synthetique(pratiques: int) -> Path:
    """Le site synthétique construit une fois par processus (sans PDF), effacé à la sortie.

    RSO_SITE_<N>=<dossier> (ex. RSO_SITE_2000) réutilise un site synthétique déjà construit."""
    deja = os.environ.get(f"RSO_SITE_{pratiques}")
    if deja:
        site = Path(deja).resolve()
        if not (site / "index.html").exists():
            raise SystemExit(f"RSO_SITE_{pratiques}={deja} : pas de site construit ici (index.html absent)")
        return site
    dossier = Path(tempfile.mkdtemp(prefix=f"rso-site-{pratiques}-"))
    atexit.register(shutil.rmtree, dossier, True)
    debut = time.perf_counter()
    site = construire_synthetique(pratiques, dossier / "site")
    print(f"site synthétique de {pratiques} pratiques construit en {time.perf_counter() - debut:.0f} s", flush=True)
    return site


# --------------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------------
@dataclass
class Garde:
    """Bloque toute requête vers un autre hôte que 127.0.0.1 et la note.

    Seule exception prévue : le serveur de tuiles de la carte (`extra.carte.tuiles` de mkdocs.yml). Ses
    requêtes sont bloquées aussi (comme sur un intranet fermé : la carte doit rester utilisable sans
    elles) mais notées à part, dans `tuiles`, et ni comptées comme des échecs ni dans le poids de la page.
    """

    exterieures: list[str] = field(default_factory=list)
    tuiles: list[str] = field(default_factory=list)

    def installer(self, contexte) -> "Garde":
        hote_tuiles = _hote_tuiles()

        def route(r):
            url = r.request.url
            if est_locale(url):
                r.continue_()
            else:
                (self.tuiles if hote_tuiles and urlsplit(url).hostname == hote_tuiles else self.exterieures).append(url)
                r.abort("blockedbyclient")

        contexte.route("**/*", route)
        # Les WebSocket ne passent pas par route() : on les note aussi.
        contexte.on("websocket", lambda ws: None if est_locale(ws.url) else self.exterieures.append(ws.url))
        return self


def _hote_tuiles() -> str | None:
    from referentiel_rso.build.carte import lire_config

    return lire_config(Path(__file__).resolve().parents[1]).hote_tuiles


# --------------------------------------------------------------------------------------------------
# mesure d'une page
# --------------------------------------------------------------------------------------------------
# Types servis compressés par un hébergeur (gzip_types usuels) ; les autres comptent pour leur taille.
TYPES_COMPRESSES = ("text/", "application/javascript", "application/json", "application/geo+json",
                    "application/xml", "image/svg+xml", "application/manifest+json")


def transfere(corps: bytes, type_mime: str) -> int:
    """Octets transférés pour un corps de réponse : gzip -6 pour les types texte, taille brute sinon."""
    if type_mime.split(";")[0].strip().lower().startswith(TYPES_COMPRESSES):
        return min(len(corps), len(gzip.compress(corps, compresslevel=6, mtime=0)))
    return len(corps)


@dataclass
class Ressource:
    url: str
    type: str
    statut: int | None
    octets: int
    gzip: int = 0
    """octets transférés (voir `transfere`)."""


@dataclass
class Mesure:
    nom: str
    url: str
    ressources: list[Ressource]
    dom: int
    exterieures: list[str]

    @property
    def poids(self) -> int:
        """octets non compressés (corps des réponses)."""
        return sum(r.octets for r in self.ressources)

    @property
    def poids_gzip(self) -> int:
        """octets transférés, corps texte compressés par gzip -6."""
        return sum(r.gzip for r in self.ressources)

    @property
    def requetes(self) -> int:
        return len(self.ressources)

    def ecoindex(self):
        return calculer_ecoindex(self.dom, self.poids_gzip, self.requetes)


# Éléments du DOM comptés comme le fait EcoIndex : tous, sauf l'intérieur des SVG.
COMPTER_DOM = "document.querySelectorAll('*').length - document.querySelectorAll('svg *').length"


def mesurer(navigateur, url: str, nom: str = "", largeur: int = 1280, hauteur: int = 800) -> Mesure:
    """Premier chargement, cache vide (contexte neuf) : toutes les ressources jusqu'au repos du réseau.
    DOM : la page et ses iframes (la carte est dans la sienne)."""
    contexte = navigateur.new_context(viewport={"width": largeur, "height": hauteur})
    garde = Garde().installer(contexte)
    reponses = []
    echecs: list[Ressource] = []
    try:
        page = contexte.new_page()
        page.on("response", lambda r: reponses.append(r))
        page.on("requestfailed", lambda r: None if r.url in garde.tuiles else echecs.append(
            Ressource(r.url, r.resource_type, None, 0)))
        page.goto(url, wait_until="networkidle")
        dom = sum(cadre.evaluate(COMPTER_DOM) for cadre in page.frames if est_locale(cadre.url))
        ressources = []
        for r in reponses:
            try:
                corps = r.body()
            except Exception:  # redirection, réponse sans corps
                corps = b""
            ressources.append(Ressource(r.url, r.request.resource_type, r.status, len(corps),
                                        transfere(corps, r.headers.get("content-type", ""))))
        return Mesure(nom, url, ressources + echecs, dom, list(garde.exterieures))
    finally:
        contexte.close()


def calculer_ecoindex(dom: int, octets: int, requetes: int):
    """EcoIndex (note, classe, GES, eau) ; `octets` : poids transféré."""
    from ecoindex.compute import compute_ecoindex

    def calculer():
        with warnings.catch_warnings():
            # ecoindex-compute 5.10 appelle en interne une fonction marquée « deprecated ».
            warnings.simplefilter("ignore", DeprecationWarning)
            return asyncio.run(compute_ecoindex(nodes=dom, size=octets / 1024, requests=requetes))

    # Fonction asynchrone : exécutée dans un fil à part, car l'API synchrone de Playwright occupe déjà
    # une boucle d'évènements dans le fil principal.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executeur:
        return executeur.submit(calculer).result()


# --------------------------------------------------------------------------------------------------
# rapport et données pour la déclaration d'écoconception
# --------------------------------------------------------------------------------------------------
def _ko(octets: int) -> str:
    return f"{octets / 1024:.0f}"


def _contenu(pratiques: int | None) -> str:
    return "actuel" if pratiques is None else f"{pratiques} pratiques (synthétique)"


def rapport(mesures: list[Mesure], pratiques: int | None = None, nb_pratiques: int | None = None) -> str:
    a_l_echelle = pratiques is not None
    b = BUDGET
    lignes = [
        f"# Mesures de sobriété — contenu {_contenu(pratiques)}",
        "",
        "Premier chargement de la page la plus lourde de chaque type, cache vide, dans Chromium sans tête "
        "(`python scripts/mesures.py`"
        + (f" --pratiques {pratiques}" if a_l_echelle else "") + ")"
        + (f", {nb_pratiques} pratiques dans la bibliothèque" if nb_pratiques is not None else "") + ". "
        "Poids brut : corps des réponses ; transféré : corps texte compressés par gzip -6, comme les sert "
        "un hébergeur. EcoIndex (`ecoindex-compute`) calculé sur le poids transféré. "
        f"Budgets : ≤ {_ko(b.gzip)} Ko transférés, ≤ {b.requetes} requêtes, ≤ {b.dom} éléments du DOM ; "
        f"carte ≤ {_ko(budget('carte', a_l_echelle).gzip)} Ko. Objectif : EcoIndex ≥ {OBJECTIF_ECOINDEX}.",
        "",
        "| type de page | adresse | brut (Ko) | transféré (Ko) | requêtes | DOM | EcoIndex | classe | GES (gCO2e) | eau (cl) |",
        "|---|---|---:|---:|---:|---:|---:|:-:|---:|---:|",
    ]
    for m in mesures:
        e = m.ecoindex()
        lignes.append(
            f"| {m.nom} | `{urlsplit(m.url).path}` | {_ko(m.poids)} | {_ko(m.poids_gzip)} | {m.requetes} | "
            f"{m.dom} | {e.score:.0f} | {e.grade.value if e.grade else ''} | {e.ges} | {e.water} |"
        )
    exterieures = sorted({u for m in mesures for u in m.exterieures})
    lignes += ["", "## Budgets", ""]
    hors = [(m, depassements(budget(m.nom, a_l_echelle), m)) for m in mesures]
    hors = [(m, d) for m, d in hors if d]
    if hors:
        lignes += [f"- **{m.nom}** (`{urlsplit(m.url).path}`) : " + " ; ".join(d) for m, d in hors]
    else:
        lignes.append("Toutes les pages tiennent dans le budget.")
    sous = [m for m in mesures if m.ecoindex().score < OBJECTIF_ECOINDEX]
    lignes += ["", f"## Objectif EcoIndex ≥ {OBJECTIF_ECOINDEX}", ""]
    lignes += ([f"- {m.nom} : {m.ecoindex().score:.0f} ({m.ecoindex().grade.value})" for m in sous]
               or ["Atteint par toutes les pages."])
    if exterieures:
        lignes += ["", "## Requêtes vers d'autres hôtes (bloquées)", ""] + [f"- `{u}`" for u in exterieures]
    lignes += ["", "## Détail des ressources", ""]
    for m in mesures:
        lignes += [f"### {m.nom}", "", "| ressource | type | brut (Ko) | transféré (Ko) |", "|---|---|---:|---:|"]
        for r in sorted(m.ressources, key=lambda r: -r.gzip):
            lignes.append(f"| `{urlsplit(r.url).path}` | {r.type} | {r.octets / 1024:.1f} | {r.gzip / 1024:.1f} |")
        lignes.append("")
    return "\n".join(lignes).rstrip() + "\n"


def donnees(mesures: list[Mesure], pratiques: int | None, nb_pratiques: int | None) -> dict:
    """Une série de mesures, telle qu'écrite dans mesures/sobriete.json."""
    series = []
    for m in mesures:
        e = m.ecoindex()
        series.append({"type": m.nom, "adresse": urlsplit(m.url).path, "octets": m.poids, "octets_gzip": m.poids_gzip,
                       "requetes": m.requetes, "dom": m.dom, "ecoindex": round(e.score, 1),
                       "classe": e.grade.value if e.grade else "", "ges": e.ges, "eau": e.water})
    return {"date": dt.date.today().isoformat(), "pratiques": nb_pratiques,
            "synthetique": pratiques is not None, "pages": series}


def budgets_en_donnees() -> dict:
    return {"general": asdict(BUDGET), "objectif_ecoindex": OBJECTIF_ECOINDEX,
            "particuliers": {k: asdict(v) for k, v in BUDGETS_PARTICULIERS.items()},
            "a_l_echelle": {k: asdict(v) for k, v in BUDGETS_A_L_ECHELLE.items()}}


def enregistrer(serie: dict, pratiques: int | None, chemin: Path = DONNEES) -> None:
    """Met à jour mesures/sobriete.json : la série « actuel » ou « <N> », les autres gardées."""
    existant = json.loads(chemin.read_text(encoding="utf-8")) if chemin.exists() else {}
    existant["budgets"] = budgets_en_donnees()
    existant.setdefault("series", {})["actuel" if pratiques is None else str(pratiques)] = serie
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(existant, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def nombre_de_pratiques(site: Path) -> int | None:
    """Nombre de pratiques publiées, d'après les données ouvertes du site construit."""
    for nom in ("donnees/bonnes-pratiques.json", "donnees/pratiques.json"):
        chemin = Path(site) / nom
        if chemin.exists():
            d = json.loads(chemin.read_text(encoding="utf-8"))
            liste = d.get("pratiques", d) if isinstance(d, dict) else d
            if isinstance(liste, list):
                return len(liste)
    return None


def mesurer_site(site: Path) -> list[Mesure]:
    from playwright.sync_api import sync_playwright

    with Serveur(site) as serveur, sync_playwright() as p:
        navigateur = lancer_chromium(p)
        try:
            return [mesurer(navigateur, serveur.url(t.url), t.nom) for t in types_de_pages(site, plus_lourdes=True)]
        finally:
            navigateur.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/mesures.py", description=__doc__.splitlines()[0])
    parser.add_argument("site", help="dossier du site construit (construit s'il n'existe pas)")
    parser.add_argument("rapport", help="fichier Markdown du rapport (ex. mesures/rapport.md)")
    parser.add_argument("--pratiques", type=int, default=None, metavar="N",
                        help="mesurer une copie du projet complétée de pratiques synthétiques jusqu'à N "
                             "(construite dans SITE, sans PDF, si elle n'y est pas déjà)")
    parser.add_argument("--sans-enregistrer", action="store_true",
                        help=f"ne pas mettre à jour {DONNEES.relative_to(RACINE)}")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").exists():
        if args.pratiques is not None:
            debut = time.perf_counter()
            construire_synthetique(args.pratiques, site)
            print(f"site de {args.pratiques} pratiques construit en {time.perf_counter() - debut:.0f} s")
        else:
            from referentiel_rso.build.construire import construire

            construire(RACINE, site, pdf=False)
    debut = time.perf_counter()
    try:
        mesures = mesurer_site(site)
    except ChromiumAbsent as exc:
        print(exc, file=sys.stderr)
        return 1
    nb = nombre_de_pratiques(site)
    sortie = Path(args.rapport)
    sortie.parent.mkdir(parents=True, exist_ok=True)
    sortie.write_text(rapport(mesures, args.pratiques, nb), encoding="utf-8")
    if not args.sans_enregistrer:
        enregistrer(donnees(mesures, args.pratiques, nb), args.pratiques)
    a_l_echelle = args.pratiques is not None
    for m in mesures:
        e = m.ecoindex()
        hors = depassements(budget(m.nom, a_l_echelle), m)
        print(f"{m.nom:26} {_ko(m.poids):>6} Ko brut {_ko(m.poids_gzip):>5} Ko gzip {m.requetes:3} requêtes "
              f"DOM {m.dom:6}  EcoIndex {e.score:3.0f} ({e.grade.value})" + (f"  HORS BUDGET : {' ; '.join(hors)}" if hors else ""))
    print(f"Rapport écrit dans {sortie} ({time.perf_counter() - debut:.1f} s)"
          + ("" if args.sans_enregistrer else f" ; données dans {DONNEES.relative_to(RACINE)}"))
    # Les budgets sont tenus par les tests (tests/navigateur/test_sobriete.py) ; ici, seule une requête vers
    # un autre hôte (le site doit se suffire à lui-même) fait échouer la commande.
    return 1 if any(m.exterieures for m in mesures) else 0


if __name__ == "__main__":
    sys.exit(main())

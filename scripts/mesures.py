"""Sobriété du site mesurée dans un vrai navigateur : poids, requêtes, taille du DOM, EcoIndex par type de page.

    python scripts/mesures.py site mesures/rapport.md      (ou `make mesures`)

Le site (construit s'il manque) est servi sur 127.0.0.1 ; Chromium sans tête (/usr/bin/chromium, paquet
Debian) charge une page représentative de chaque type, cache vide, toute requête vers un autre hôte étant
bloquée et signalée. Les mêmes outils servent les tests de tests/navigateur/ (types de pages, serveur,
lancement de Chromium, mesure).
"""
from __future__ import annotations

import argparse
import asyncio
import atexit
import concurrent.futures
import functools
import os
import shutil
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from referentiel_rso.build.chromium import (  # noqa: F401 - réexportés pour les tests
    ARGS_CHROMIUM, CHROMIUM, HOTE, MESSAGE_INSTALLER, ChromiumAbsent, Serveur, est_locale, lancer_chromium,
)

RACINE = Path(__file__).resolve().parents[1]
BUDGET_POIDS = 400 * 1024          # octets, non compressés, au premier chargement
OBJECTIF_POIDS = 300 * 1024
BUDGET_REQUETES = 20
# Exception documentée : la page « Carte » embarque, dans son iframe, Leaflet (~150 Ko), son extension de
# regroupement, les contours des régions et les données des initiatives, en plus de Material (~260 Ko).
# Tuiles exclues (bloquées et notées à part par Garde). Budget propre, mesuré : ≈ 610 Ko, 20 requêtes.
# Exception documentée : la page « Autodiagnostic » est un formulaire de toute la grille (31 objectifs, leurs
# actions types et indicateurs : ~400 champs, HTML ≈ 140 Ko, ≈ 20 Ko compressé) et son script ; mesuré ≈ 500 Ko.
BUDGETS_PARTICULIERS = {"carte": (650 * 1024, 25), "autodiagnostic": (560 * 1024, 16)}


def budget(nom: str) -> tuple[int, int]:
    """(poids maximal en octets, nombre maximal de requêtes) pour un type de page."""
    return BUDGETS_PARTICULIERS.get(nom, (BUDGET_POIDS, BUDGET_REQUETES))

# Dossiers du site qui ne sont pas des pages.
HORS_PAGES = {"assets", "pagefind", "donnees", "search", "pdf", "javascripts", "stylesheets"}
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
    "bibliotheque": "bibliotheque",
    "carte": "carte",
    "carte/*": "carte-liste",
    "livret": "livret",
    "livret/*": "livret-engagement",
    "mon-livret": "mon-livret",
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


def types_de_pages(site: Path) -> list[TypePage]:
    """Un représentant (le premier dans l'ordre alphabétique) par motif d'adresse.

    Motif = premier dossier, puis « * » par niveau : « enjeux/* », « bonnes-pratiques/*/* »… Une section
    nouvelle du site (carte, bibliothèque, pratiques) est donc couverte dès qu'elle apparaît.
    """
    site = Path(site)
    premiers: dict[str, str] = {}
    for fichier in sorted(site.rglob("index.html")):
        rel = fichier.relative_to(site).as_posix()
        parties = rel.split("/")[:-1]
        if parties and parties[0] in HORS_PAGES:
            continue
        motif = "/".join(parties[:1] + ["*"] * (len(parties) - 1))
        premiers.setdefault(motif, rel)
    types = [TypePage(NOMS.get(m, m), m, c) for m, c in premiers.items()]
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
@dataclass
class Ressource:
    url: str
    type: str
    statut: int | None
    octets: int


@dataclass
class Mesure:
    nom: str
    url: str
    ressources: list[Ressource]
    dom: int
    exterieures: list[str]

    @property
    def poids(self) -> int:
        return sum(r.octets for r in self.ressources)

    @property
    def requetes(self) -> int:
        return len(self.ressources)

    def ecoindex(self):
        return calculer_ecoindex(self.dom, self.poids, self.requetes)


# Éléments du DOM comptés comme le fait EcoIndex : tous, sauf l'intérieur des SVG.
COMPTER_DOM = "document.querySelectorAll('*').length - document.querySelectorAll('svg *').length"


def mesurer(navigateur, url: str, nom: str = "", largeur: int = 1280, hauteur: int = 800) -> Mesure:
    """Premier chargement, cache vide (contexte neuf) : toutes les ressources jusqu'au repos du réseau."""
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
        dom = page.evaluate(COMPTER_DOM)
        ressources = []
        for r in reponses:
            try:
                octets = len(r.body())
            except Exception:  # redirection, réponse sans corps
                octets = 0
            ressources.append(Ressource(r.url, r.request.resource_type, r.status, octets))
        return Mesure(nom, url, ressources + echecs, dom, list(garde.exterieures))
    finally:
        contexte.close()


def calculer_ecoindex(dom: int, octets: int, requetes: int):
    """EcoIndex (note, classe, GES, eau) ; taille en Ko, ici non compressée (majorant)."""
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
# rapport
# --------------------------------------------------------------------------------------------------
def _ko(octets: int) -> str:
    return f"{octets / 1024:.0f}".replace(".", ",")


def rapport(mesures: list[Mesure]) -> str:
    lignes = [
        "# Mesures de sobriété",
        "",
        "Premier chargement de chaque type de page, cache vide, dans Chromium sans tête "
        "(`python scripts/mesures.py`). Poids : corps des réponses, non compressés. "
        f"Budgets : ≤ {BUDGET_POIDS // 1024} Ko (objectif {OBJECTIF_POIDS // 1024} Ko) et "
        f"≤ {BUDGET_REQUETES} requêtes. EcoIndex calculé par `ecoindex-compute` sur ces valeurs "
        "(taille non compressée : la note réelle, servie compressée, est au moins aussi bonne).",
        "",
        "| type de page | adresse | poids (Ko) | requêtes | éléments du DOM | EcoIndex | classe | GES (gCO2e) | eau (cl) |",
        "|---|---|---:|---:|---:|---:|:-:|---:|---:|",
    ]
    for m in mesures:
        e = m.ecoindex()
        chemin = urlsplit(m.url).path
        lignes.append(
            f"| {m.nom} | `{chemin}` | {_ko(m.poids)} | {m.requetes} | {m.dom} | {e.score:.0f} | "
            f"{e.grade.value if e.grade else ''} | {e.ges} | {e.water} |"
        )
    depassements = [m for m in mesures if m.poids > budget(m.nom)[0] or m.requetes > budget(m.nom)[1]]
    exterieures = sorted({u for m in mesures for u in m.exterieures})
    lignes += ["", "## Budgets", ""]
    if depassements:
        lignes += [f"- **{m.nom}** : {_ko(m.poids)} Ko, {m.requetes} requêtes — hors budget" for m in depassements]
    else:
        lignes.append("Toutes les pages tiennent dans le budget.")
    if exterieures:
        lignes += ["", "## Requêtes vers d'autres hôtes (bloquées)", ""] + [f"- `{u}`" for u in exterieures]
    lignes += ["", "## Détail des ressources", ""]
    for m in mesures:
        lignes += [f"### {m.nom}", "", "| ressource | type | Ko |", "|---|---|---:|"]
        for r in sorted(m.ressources, key=lambda r: -r.octets):
            lignes.append(f"| `{urlsplit(r.url).path}` | {r.type} | {r.octets / 1024:.1f} |")
        lignes.append("")
    return "\n".join(lignes).rstrip() + "\n"


def mesurer_site(site: Path) -> list[Mesure]:
    from playwright.sync_api import sync_playwright

    with Serveur(site) as serveur, sync_playwright() as p:
        navigateur = lancer_chromium(p)
        try:
            return [mesurer(navigateur, serveur.url(t.url), t.nom) for t in types_de_pages(site)]
        finally:
            navigateur.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/mesures.py", description=__doc__.splitlines()[0])
    parser.add_argument("site", help="dossier du site construit (construit s'il n'existe pas)")
    parser.add_argument("rapport", help="fichier Markdown du rapport (ex. mesures/rapport.md)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").exists():
        from referentiel_rso.build.construire import construire

        construire(RACINE, site, pdf=False)
    debut = time.perf_counter()
    try:
        mesures = mesurer_site(site)
    except ChromiumAbsent as exc:
        print(exc, file=sys.stderr)
        return 1
    texte = rapport(mesures)
    sortie = Path(args.rapport)
    sortie.parent.mkdir(parents=True, exist_ok=True)
    sortie.write_text(texte, encoding="utf-8")
    for m in mesures:
        e = m.ecoindex()
        print(f"{m.nom:28} {_ko(m.poids):>5} Ko {m.requetes:3} requêtes  DOM {m.dom:5}  EcoIndex {e.score:.0f} ({e.grade.value})")
    print(f"Rapport écrit dans {sortie} ({time.perf_counter() - debut:.1f} s)")
    hors_budget = any(m.poids > budget(m.nom)[0] or m.requetes > budget(m.nom)[1] or m.exterieures for m in mesures)
    return 1 if hors_budget else 0


if __name__ == "__main__":
    sys.exit(main())

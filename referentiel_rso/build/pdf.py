"""Étape « pdf » : les PDF du référentiel, imprimés par Chromium depuis les pages construites.

    site/pdf/enjeu-1-1.pdf … enjeu-5-2.pdf     une fiche d'enjeu (sa page du site)
    site/pdf/engagement-1.pdf … engagement-5.pdf  un engagement et ses fiches (page livret/engagement-<n>/)
    site/pdf/referentiel-rso.pdf               le référentiel complet (page livret/ : couverture, sommaire,
                                               engagements, fiches, tableau des indicateurs, ODD)
    site/pdf/autodiagnostic-grille-vierge.pdf   la grille vierge de l'autodiagnostic entière (page
                                               livret/grille-vierge/)

Le site construit est servi sur 127.0.0.1 (port libre, referentiel_rso.chromium.Serveur) ; Chromium de
Debian (/usr/bin/chromium), piloté par Playwright, ouvre chaque page en média « print » et l'imprime avec
page.pdf(). Tout ce qui fait la page imprimée vient de la feuille du site (impression.css : A4, marges,
en-tête courant et numéros de page en marges @page) : un PDF est identique à ce que donne « Imprimer »
dans Chromium. Deux pages à la fois (le poste de construction a deux cœurs). Le sommaire d'un livret
reçoit ses numéros de page en deux passes : les signets du premier PDF (pypdf) donnent la page de chaque
titre, livret.js les écrit dans le sommaire, Chromium imprime à nouveau.

Accessibilité (PDF/UA-1) : Chromium imprime un PDF balisé (tagged=True) ; pdf_accessible.py y ajoute ce
qu'il n'écrit pas (artefacts pour les en-têtes, pieds et numéros de page, RoleMap, XMP, signets fidèles
aux titres HTML, descriptions des liens, liens vers l'adresse publique du site), d'après ce que la page
dit d'elle-même (DESCRIPTION). WeasyPrint (--pdf-variant pdf/ua-1) a été comparé sur le livret : il
n'exécute pas le JavaScript des pages (sommaire sans numéros, en-têtes courants sans engagement ni
enjeu) et ne lit pas les requêtes média de Material ; Chromium donne l'impression du navigateur.

Sans Chromium, l'étape ne produit rien et le dit, sans faire échouer la construction. Les liens vers les
PDF sont écrits cachés (`data-pdf="pdf/…" hidden`) ; cette étape ne les montre que si leur PDF existe :
jamais de lien vers un PDF absent, que Chromium manque ou que la construction soit faite `--sans-pdf`.
"""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from referentiel_rso.build import chromium, pdf_accessible

DOSSIER = "pdf"
PARALLELE = max(1, min(2, os.cpu_count() or 1))
MESSAGE_ABSENT = "Chromium absent : PDF non produits — lancer `make navigateur` puis `make site`"
DELAI_MS = 120_000

_FICHE = re.compile(r"^(\d+)-(\d+)-")
_ENGAGEMENT = re.compile(r"^engagement-(\d+)$")
_CACHE = re.compile(r'data-pdf="([^"]+)" hidden')


class ProductionPdfEchouee(RuntimeError):
    pass


@dataclass(frozen=True)
class Document:
    page: str
    """adresse de la page dans le site, relative à la racine (« enjeux/1-1-…/ »)."""
    nom: str
    """nom du fichier PDF dans site/pdf/."""


def documents(site: Path) -> list[Document]:
    """Les PDF à produire, découverts dans le site construit : livret complet, engagements, fiches."""
    site = Path(site)
    docs: list[Document] = []
    if (site / "livret" / "index.html").exists():
        docs.append(Document("livret/", "referentiel-rso.pdf"))
    engagements = []
    for dossier in (site / "livret").glob("engagement-*"):
        m = _ENGAGEMENT.match(dossier.name)
        if m and (dossier / "index.html").exists():
            engagements.append((int(m.group(1)), Document(f"livret/{dossier.name}/", f"engagement-{m.group(1)}.pdf")))
    docs += [d for _, d in sorted(engagements)]
    if (site / "livret" / "grille-vierge" / "index.html").exists():
        docs.append(Document("livret/grille-vierge/", "autodiagnostic-grille-vierge.pdf"))
    fiches = []
    for dossier in (site / "enjeux").glob("*"):
        m = _FICHE.match(dossier.name)
        if m and (dossier / "index.html").exists():
            fiches.append(((int(m.group(1)), int(m.group(2))),
                           Document(f"enjeux/{dossier.name}/", f"enjeu-{m.group(1)}-{m.group(2)}.pdf")))
    docs += [d for _, d in sorted(fiches)]
    return docs


def disponible() -> bool:
    if not chromium.CHROMIUM.exists():
        return False
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return False
    return True


def produire(racine: Path, site: Path) -> None:
    """L'étape du build (ETAPES) : tous les PDF, ou un message clair si Chromium manque."""
    site = Path(site)
    try:
        if not disponible():
            print(f"  {MESSAGE_ABSENT}", file=sys.stderr)
            return
        docs = documents(site)
        if not docs:
            return
        debut = time.perf_counter()
        asyncio.run(_imprimer_tout(site, docs))
        print(f"  {len(docs)} PDF en {time.perf_counter() - debut:.1f} s (dossier {DOSSIER}/)")
        montrer_liens(site)
    finally:
        # Les pages livret/ ne servent qu'à imprimer les PDF (une page HTML de tout le référentiel,
        # ~700 Ko) : elles ne sont pas publiées. « Mon livret » assemble les pages du site elles-mêmes.
        shutil.rmtree(site / "livret", ignore_errors=True)


def montrer_liens(site: Path) -> int:
    """Retire `hidden` des liens et blocs `data-pdf="pdf/…"` dont le PDF existe. Renvoie leur nombre."""
    montres = 0

    def remplacer(m: re.Match) -> str:
        nonlocal montres
        if (site / m.group(1)).is_file():
            montres += 1
            return f'data-pdf="{m.group(1)}"'
        return m.group(0)

    for fichier in site.rglob("*.html"):
        texte = fichier.read_text(encoding="utf-8")
        if 'data-pdf="' not in texte:
            continue
        nouveau = _CACHE.sub(remplacer, texte)
        if nouveau != texte:
            fichier.write_text(nouveau, encoding="utf-8")
    return montres


async def _imprimer_tout(site: Path, docs: list[Document]) -> None:
    from playwright.async_api import async_playwright

    sortie = site / DOSSIER
    sortie.mkdir(exist_ok=True)
    total = len(docs)
    faits = 0
    with chromium.Serveur(site) as serveur:
        async with async_playwright() as p:
            navigateur = await p.chromium.launch(executable_path=str(chromium.CHROMIUM), headless=True,
                                                 args=chromium.ARGS_CHROMIUM)
            try:
                contexte = await navigateur.new_context(locale="fr-FR")
                # Le site ne demande rien ailleurs ; on s'en assure (un PDF ne dépend pas du réseau).
                await contexte.route(lambda url: not chromium.est_locale(url), lambda route: route.abort())
                file: asyncio.Queue[Document] = asyncio.Queue()
                for d in docs:  # le livret complet d'abord : le plus long
                    file.put_nowait(d)

                async def ouvrier() -> None:
                    nonlocal faits
                    page = await contexte.new_page()
                    page.set_default_timeout(DELAI_MS)
                    await page.emulate_media(media="print")
                    while not file.empty():
                        d = file.get_nowait()
                        try:
                            await _imprimer(page, serveur.url("/" + d.page), sortie / d.nom)
                        except Exception as exc:
                            raise ProductionPdfEchouee(f"{d.nom} : impression de /{d.page} impossible ({exc})") from exc
                        faits += 1
                        print(f"  [{faits}/{total}] {d.nom}", flush=True)
                    await page.close()

                await asyncio.gather(*(ouvrier() for _ in range(min(PARALLELE, total))))
            finally:
                await navigateur.close()


async def _imprimer(page, url: str, chemin: Path) -> None:
    reponse = await page.goto(url, wait_until="load")
    if reponse is None or not reponse.ok:
        raise ProductionPdfEchouee(f"statut {reponse.status if reponse else '?'}")
    await page.evaluate("document.fonts.ready.then(() => true)")
    # signets (outline) tirés des titres, PDF balisé (structure lisible par les lecteurs d'écran)
    options = dict(prefer_css_page_size=True, print_background=True, display_header_footer=False,
                   outline=True, tagged=True)
    donnees = await page.pdf(**options)
    if await page.locator(".livret-sommaire").count():
        # Sommaire d'un livret : numéros de page lus dans les signets du PDF, écrits dans la page, puis
        # nouvelle impression (jusqu'à ce que les numéros ne bougent plus).
        numeros: dict[str, int] = {}
        for _ in range(3):
            nouveaux = pages_des_titres(donnees)
            if not nouveaux or nouveaux == numeros:
                break
            numeros = nouveaux
            await page.evaluate("p => window.rsoLivret.numeroterSommaire(p)", numeros)
            donnees = await page.pdf(**options)
    # Ce que Chromium n'écrit pas pour PDF/UA (artefacts, RoleMap, XMP, signets, liens) : pdf_accessible.
    decrite = await _decrire(page)
    donnees, bilan = pdf_accessible.rendre_accessible(donnees, decrite)
    if not bilan.conforme:
        print(f"  {chemin.name} : PDF/UA non déclaré ({_raisons(bilan)})", file=sys.stderr)
    provisoire = chemin.with_suffix(".pdf.partiel")
    provisoire.write_bytes(donnees)
    provisoire.replace(chemin)


# Ce que la page imprimée dit d'elle-même, lu en média print : titres rendus (ceux dont Chromium tire les
# signets), liens (cible, nom accessible), langue, adresse canonique (racine publique du site).
DESCRIPTION = """() => {
  const blancs = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const ici = location.origin + location.pathname;
  const titres = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => h.getClientRects().length > 0)
    .map((h) => blancs(h.innerText));
  const liens = [...document.querySelectorAll("a[href]")]
    .filter((a) => a.getClientRects().length > 0)
    .map((a) => {
      const u = new URL(a.href, location.href);
      const cible = (u.origin + u.pathname === ici && u.hash) ? "#" + decodeURIComponent(u.hash.slice(1)) : u.href;
      const image = a.querySelector("img[alt]");
      const nom = blancs(a.getAttribute("aria-label")) || blancs(a.innerText) || blancs(a.title)
        || blancs(image && image.alt);
      return [cible, nom];
    });
  const canonique = document.querySelector("link[rel=canonical]");
  return {titres, liens, langue: document.documentElement.lang || "fr",
          canonique: canonique ? canonique.href : "", chemin: location.pathname, origine: location.origin};
}"""


async def _decrire(page) -> pdf_accessible.Page:
    return page_decrite(await page.evaluate(DESCRIPTION))


def page_decrite(d: dict) -> pdf_accessible.Page:
    """pdf_accessible.Page d'après ce que renvoie DESCRIPTION évalué dans la page."""
    base_publique = ""
    if d["canonique"].endswith(d["chemin"]):
        base_publique = d["canonique"][: len(d["canonique"]) - len(d["chemin"])] + "/"
    return pdf_accessible.Page(
        titres=tuple(d["titres"]), liens=tuple(pdf_accessible.Lien(c, n) for c, n in d["liens"]),
        langue=d["langue"], base_locale=d["origine"] + "/", base_publique=base_publique)


def _raisons(bilan: pdf_accessible.Bilan) -> str:
    raisons = []
    if bilan.signets_orphelins:
        raisons.append(f"signets sans titre correspondant : {bilan.signets_orphelins[:3]}")
    if bilan.types_inconnus:
        raisons.append(f"types de structure inconnus : {sorted(bilan.types_inconnus)}")
    if bilan.figures_sans_alternative:
        raisons.append(f"{bilan.figures_sans_alternative} figure(s) sans texte de remplacement")
    if not bilan.titre:
        raisons.append("pas de titre")
    return " ; ".join(raisons)


def pages_des_titres(donnees: bytes) -> dict[str, int]:
    """{titre sans blancs: numéro de page} d'après les signets du PDF (première occurrence de chaque titre).

    Vide si pypdf manque : le sommaire reste alors sans numéros (ses liens restent cliquables)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return {}
    import io

    lecteur = PdfReader(io.BytesIO(donnees))
    pages: dict[str, int] = {}

    def parcourir(entrees) -> None:
        for e in entrees:
            if isinstance(e, list):
                parcourir(e)
                continue
            # Chromium perd l'espace aux retours à la ligne des titres (« associantles ») : on compare
            # les titres sans aucun blanc.
            titre = "".join(str(e.title).split())
            numero = lecteur.get_destination_page_number(e)
            if titre and numero is not None and titre not in pages:
                pages[titre] = numero + 1

    parcourir(lecteur.outline)
    return pages

"""Mesurer la carte : le document (carte/carte.html) avec N initiatives synthétiques, et le premier
chargement de la page « Carte » entière dans Chromium (octets transférés compressés gzip).

    .venv/bin/python scripts/mesurer_carte.py                  # 1 000 et 10 000 initiatives
    .venv/bin/python scripts/mesurer_carte.py 500 2000         # autres tailles
    .venv/bin/python scripts/mesurer_carte.py --capture carte.png   # et une capture hors ligne (Chromium)
    .venv/bin/python scripts/mesurer_carte.py --site site/     # premier chargement : contenu du jour,
                                                              # puis le même site avec 10 000 initiatives

Premier chargement (`--site`) : la page « carte/ » d'un site construit, cache vide, jusqu'au repos du
réseau — la page, Material, l'iframe, Leaflet, les contours, les données ; les tuiles (seule adresse
extérieure) sont bloquées, comme sur un intranet. Chaque réponse est comptée compressée gzip (niveau 6,
ce que font les serveurs courants), puis l'ouverture d'une info-bulle (le fichier de sa région).
Pour 10 000 initiatives, le site est copié et seule l'étape « carte » est refaite avec le contenu
synthétique (la page parente ne dépend pas du nombre d'initiatives).

Le référentiel est le vrai (content/) ; seules les bonnes pratiques sont remplacées par des initiatives
inventées pour la mesure (titres de 40 à 110 caractères, organismes « Caf de … », « Cpam de … » d'un
département, 1 à 3 enjeux, une année sur deux renseignée, la moitié au point de référence de leur
département, les autres autour). Rien de ce qui est généré n'est publié.

Budget (issue « Carte territoriale ») : au plus 150 Ko de document par 1 000 initiatives. Pour mémoire,
un `folium.Marker` avec popup coûte environ 1,4 Ko par initiative, et les données seules d'un
`FastMarkerCluster` environ 65 Ko pour 1 000.
"""
from __future__ import annotations

import argparse
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

RACINE = Path(__file__).resolve().parents[1]

from referentiel_rso.budgets import budget
from referentiel_rso.build import carte
from referentiel_rso.render.urls import slug
from referentiel_rso.load.territoires import Territoires, charger_territoires

BUDGET_KO_PAR_MILLE = 150
"""Document de la carte (non compressé), par millier d'initiatives."""
BUDGET_DOCUMENT_GZIP = 200 * 1024
"""Document de la carte à 10 000 initiatives, compressé gzip (le reste du premier chargement — page
parente, Leaflet, contours — ne dépend pas du nombre d'initiatives)."""
BUDGET_DETAILS_GZIP = 40 * 1024
"""Fichier d'info-bulles d'une région (carte/donnees/<code>.json), compressé gzip, à 10 000 initiatives."""
BUDGET_PREMIER_CHARGEMENT = {"aujourd'hui": budget("carte").gzip, 10_000: budget("carte", a_l_echelle=True).gzip}
"""Page « Carte » entière au premier chargement (page, iframe, scripts, styles, données ; tuiles bloquées),
octets transférés compressés gzip : les budgets de la page « carte » (referentiel_rso/budgets.py)."""


@dataclass(frozen=True)
class TerritoireSynthetique:
    region: Optional[str] = None
    departement: Optional[str] = None
    commune: Optional[str] = None


@dataclass(frozen=True)
class PratiqueSynthetique:
    """Ce que la carte lit d'une pratique (même interface que pratiques.PratiquePubliee)."""

    id: str
    titre: str
    organisme: str
    enjeux: list[str]
    annee: Optional[int] = None
    point: Optional[tuple[float, float]] = None
    territoire: Optional[TerritoireSynthetique] = None
    region: Optional[str] = None
    departement: Optional[str] = None
    resume: str = "Initiative synthétique pour les mesures."
    odd: list[int] = field(default_factory=list)
    slug: str = "x"
    page: Optional[str] = None
    fichier: Optional[str] = None
    point_precis: bool = False


ACTIONS = ["Réduire", "Mesurer", "Partager", "Accompagner", "Former", "Valoriser", "Sensibiliser", "Mutualiser",
           "Développer", "Favoriser", "Organiser", "Ouvrir"]
OBJETS = ["les déplacements domicile-travail", "la consommation d'énergie des bâtiments", "le tri des déchets de bureau",
          "l'accueil des personnes en situation de handicap", "les achats responsables", "le télétravail",
          "les compétences numériques des agents", "l'égalité professionnelle", "le covoiturage entre sites",
          "les clauses sociales des marchés", "le réemploi du matériel informatique", "l'accès aux droits des assurés",
          "la qualité de vie au travail", "le bilan des émissions de gaz à effet de serre", "la biodiversité des sites"]
COMPLEMENTS = ["", "", " avec les partenaires du territoire", " dans les caisses du réseau", " en 2022 et 2023",
               " : premiers résultats", " grâce à un collectif d'agents volontaires", " avec l'appui des associations"]
# Organismes du réseau : Caf et Cpam départementales, Carsat, Urssaf, MSA, DRSM et Ugecam régionales
# (environ 300 organismes en tout, comme le réseau réel ; noms simplifiés).
BRANCHES_DEPARTEMENT = ["Caf", "Cpam"]
BRANCHES_REGION = ["Carsat", "Urssaf", "MSA", "DRSM", "Ugecam"]


def pratiques_synthetiques(n: int, enjeux: list[str], territoires: Territoires, graine: int = 2024,
                           hostile: dict[int, str] | None = None) -> list[PratiqueSynthetique]:
    """N initiatives inventées, déterministes pour une graine donnée. `hostile` : {rang: titre} à imposer."""
    hasard = random.Random(graine)
    departements = sorted(territoires.departements.values(), key=lambda d: d.code)
    sortie = []
    for k in range(n):
        dep = hasard.choice(departements)
        titre = f"{hasard.choice(ACTIONS)} {hasard.choice(OBJETS)}{hasard.choice(COMPLEMENTS)}"
        if hostile and k in hostile:
            titre = hostile[k]
        id_ = f"BP-{k + 1:04d}" if k < 9999 else f"BP-{(k + 1) % 10000:04d}"
        s = "-".join(slug(titre).split("-")[:5]) or "pratique"
        if hasard.random() < 0.6:
            organisme = f"{hasard.choice(BRANCHES_DEPARTEMENT)} {dep.nom}"
        else:
            organisme = f"{hasard.choice(BRANCHES_REGION)} {territoires.regions[dep.region].nom}"
        precis = hasard.random() < 0.5
        lat, lon = dep.point.lat, dep.point.lon
        if precis:
            lat, lon = lat + hasard.uniform(-0.15, 0.15), lon + hasard.uniform(-0.2, 0.2)
        sortie.append(PratiqueSynthetique(
            id=id_, titre=titre, organisme=organisme,
            enjeux=hasard.sample(enjeux, hasard.choice((1, 1, 2, 3))),
            annee=hasard.choice((None, 2019, 2020, 2021, 2022, 2023, 2024)),
            point=(lat, lon), territoire=TerritoireSynthetique(departement=dep.code),
            region=dep.region, departement=dep.code, slug=s,
            page=f"bonnes-pratiques/pratiques/{id_}-{s}/index.md", point_precis=precis,
        ))
    return sortie


def catalogue_synthetique(n: int, graine: int = 2024, hostile: dict[int, str] | None = None):
    from referentiel_rso.catalogue.charger import charger

    catalogue = charger(RACINE, extensions=False)
    territoires = charger_territoires(RACINE)
    enjeux = [e.id for e in catalogue.enjeux]
    return catalogue.avec(pratiques=tuple(pratiques_synthetiques(n, enjeux, territoires, graine, hostile)),
                          territoires=territoires)


def mesurer(n: int, dossier: Path) -> tuple[Path, int]:
    catalogue = catalogue_synthetique(n)
    site = dossier / f"site-{n}"
    chemin = carte.ecrire_carte(catalogue, site, RACINE)
    return chemin, chemin.stat().st_size


def capturer(dossier_site: Path, png: Path, largeur: int = 1280, hauteur: int = 800, fragment: str = "") -> list[str]:
    """Capture d'écran de carte/carte.html servi en local, toute requête vers un autre hôte bloquée
    (donc sans tuiles : le cas d'un intranet sans serveur de tuiles). Renvoie les erreurs JS."""
    from playwright.sync_api import sync_playwright

    import mesures

    erreurs: list[str] = []
    with mesures.Serveur(dossier_site) as serveur, sync_playwright() as p:
        navigateur = mesures.lancer_chromium(p)
        try:
            contexte = navigateur.new_context(viewport={"width": largeur, "height": hauteur}, locale="fr-FR")
            mesures.Garde().installer(contexte)
            page = contexte.new_page()
            page.on("pageerror", lambda e: erreurs.append(str(e)))
            page.goto(serveur.url("/" + carte.DOCUMENT + fragment))
            page.wait_for_function("window.CarteRSO && window.CarteRSO.carte")
            page.wait_for_timeout(800)
            page.screenshot(path=str(png))
        finally:
            navigateur.close()
    return erreurs


@dataclass
class PremierChargement:
    octets: int
    gzip: int
    requetes: int
    infobulle_gzip: int
    """Octets (gzip) demandés en ouvrant une info-bulle (le fichier de sa région)."""
    marqueurs: int


def premier_chargement(dossier_site: Path) -> PremierChargement:
    """La page « carte/ » de `dossier_site` ouverte dans Chromium, cache vide : octets transférés."""
    import gzip

    from playwright.sync_api import sync_playwright

    import mesures

    with mesures.Serveur(dossier_site) as serveur, sync_playwright() as p:
        navigateur = mesures.lancer_chromium(p)
        try:
            contexte = navigateur.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
            mesures.Garde().installer(contexte)
            page = contexte.new_page()
            corps: list[bytes] = []

            def noter(r):
                try:
                    corps.append(r.body())
                except Exception:  # requête bloquée (tuiles), redirection
                    pass

            page.on("response", noter)
            page.goto(serveur.url("/carte/"), wait_until="networkidle")
            cadre = next(f for f in page.frames if f.url.split("#")[0].endswith("/" + carte.DOCUMENT))
            cadre.wait_for_function("() => !!(window.CarteRSO && window.CarteRSO.carte)")
            page.wait_for_load_state("networkidle")
            octets = sum(len(c) for c in corps)
            compresses = sum(len(gzip.compress(c, 6)) for c in corps)
            requetes = len(corps)
            marqueurs = cadre.evaluate("CarteRSO.carte.marqueurs.length")
            avant = len(corps)
            if marqueurs:
                cadre.evaluate("""() => { const m = CarteRSO.carte.marqueurs[0];
                    CarteRSO.carte.groupe.zoomToShowLayer(m.marqueur, () => m.marqueur.openPopup()); }""")
                cadre.locator(".leaflet-popup-content .infobulle-rso__lien, .leaflet-popup-content dl").first.wait_for()
            infobulle = sum(len(gzip.compress(c, 6)) for c in corps[avant:])
            return PremierChargement(octets, compresses, requetes, infobulle, marqueurs)
        finally:
            navigateur.close()


def mesurer_site(site: Path, n: int = 10_000) -> dict:
    """Premier chargement avec le contenu du site, puis avec `n` initiatives synthétiques."""
    import shutil

    resultats = {"aujourd'hui": premier_chargement(site)}
    with tempfile.TemporaryDirectory(prefix="mesure-carte-site-") as tmp:
        copie = Path(tmp) / "site"
        shutil.copytree(site, copie)
        carte.ecrire_carte(catalogue_synthetique(n), copie, RACINE)
        resultats[n] = premier_chargement(copie)
    return resultats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tailles", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--capture", type=Path, help="capture PNG de la carte hors ligne (plus petite taille)")
    parser.add_argument("--site", type=Path, help="site construit : mesurer le premier chargement de la page « Carte »")
    args = parser.parse_args(argv)
    depasse = False
    if args.site:
        print(f"{'contenu':>12} {'marqueurs':>10} {'requêtes':>9} {'octets (Ko)':>12} {'gzip (Ko)':>10} "
              f"{'budget (Ko)':>12} {'info-bulle gzip (Ko)':>21}")
        for cle, m in mesurer_site(args.site).items():
            plafond = BUDGET_PREMIER_CHARGEMENT[cle]
            depasse |= m.gzip > plafond
            print(f"{str(cle):>12} {m.marqueurs:>10} {m.requetes:>9} {m.octets / 1024:>12.1f} {m.gzip / 1024:>10.1f} "
                  f"{plafond / 1024:>12.0f} {m.infobulle_gzip / 1024:>21.1f}")
    with tempfile.TemporaryDirectory(prefix="mesure-carte-") as tmp:
        print(f"{'initiatives':>12} {'document (Ko)':>14} {'Ko / 1 000':>11}")
        sites = {}
        for n in args.tailles:
            chemin, octets = mesurer(n, Path(tmp))
            sites[n] = chemin.parents[1]
            par_mille = octets / 1024 / n * 1000 if n else 0
            depasse |= par_mille > BUDGET_KO_PAR_MILLE
            print(f"{n:>12} {octets / 1024:>14.1f} {par_mille:>11.1f}")
        print(f"budget : {BUDGET_KO_PAR_MILLE} Ko / 1 000 initiatives — {'DÉPASSÉ' if depasse else 'tenu'}")
        if args.capture and args.tailles:
            erreurs = capturer(sites[min(args.tailles)], args.capture)
            print(f"capture : {args.capture}" + (f" — erreurs JS : {erreurs}" if erreurs else " (aucune erreur JS)"))
    return 1 if depasse else 0


if __name__ == "__main__":
    raise SystemExit(main())

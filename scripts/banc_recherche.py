"""Banc d'essai de la recherche (Pagefind) à l'échelle : délai du premier résultat et octets téléchargés
par requête, mesurés dans Chromium hors ligne (un script, pas un test).

    .venv/bin/python scripts/banc_recherche.py --pratiques 10000 --site /tmp/site-10000   # construit, puis mesure
    .venv/bin/python scripts/banc_recherche.py --site /tmp/site-10000                     # réutilise le site construit
    .venv/bin/python scripts/banc_recherche.py --site /tmp/site-10000 --reindexer          # refait l'index seul
    .venv/bin/python scripts/banc_recherche.py --site site --rapport /tmp/recherche.md     # contenu actuel

--pratiques N construit une copie du projet complétée de pratiques synthétiques (scripts/banc_pratiques.py)
jusqu'à N, sans PDF, dans --site (quelques minutes à 10 000). --reindexer refait seulement l'index Pagefind
du site (étape « recherche », referentiel_rso/build/recherche.py) : à utiliser quand seule l'indexation a
changé ; un changement des gabarits demande une nouvelle construction.

Le site est servi sur 127.0.0.1, tout autre hôte bloqué (hors ligne : rien ne vient d'ailleurs). Pour
chaque requête, dans un contexte de navigation neuf (cache vide), depuis --page (l'accueil) :

1. ouverture de la recherche (clic sur le bouton) jusqu'au moteur prêt : interface, moteur WebAssembly,
   métadonnées de l'index ; octets et délai (une fois par page) ;
2. requête collée d'un coup : délai jusqu'au premier résultat affiché (lien du premier résultat, ou
   message « Aucun résultat »), octets arrivés entre la saisie et la fin (morceaux d'index, fragments des
   résultats affichés) ; puis la même requête cache chaud ;
3. dans un autre contexte neuf, la même requête tapée au clavier, une touche toutes les --frappe-ms ms
   (150 : un lecteur rapide ; l'interface cherche à chaque pause et précharge l'index à chaque touche) :
   délai entre la dernière touche et le premier résultat de la requête complète, octets téléchargés
   depuis la première touche.

Toutes les réponses comptent, celles de la page et celles du worker de Pagefind. Octets : transférés
(corps texte compressés par gzip -6 comme les sert un hébergeur ; les fichiers de Pagefind, déjà
compressés, pour leur taille).

Objectif (issue 13, point 3) : premier résultat ≤ 0,5 s et ≤ 300 Ko téléchargés par requête, à
10 000 pratiques. Le rapport dit, pour la saisie collée et pour la frappe, si le maximum sur les
requêtes le tient ; l'ouverture (une fois par page, avant la première requête) est donnée à part, et
la somme ouverture + requête la plus lourde aussi.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import mesures  # scripts/mesures.py (le dossier du script est dans le chemin d'import)

REQUETES = ["biodiversité", "mobilite", "égalité professionnelle", "numérique responsable", "covoiturage",
            "handicap", "déchets", "Urssaf", "achats responsables", "gouvernance", "Normandie",
            "xylophone introuvable"]
OBJECTIF_DELAI = 0.5
OBJECTIF_OCTETS = 300 * 1024
FRAPPE_MS = 150

# Résultat de la requête complète affiché : le message porte la requête et le premier lien est là (ses
# données arrivent après le décompte), ou « Aucun résultat ».
ATTENDRE_RESULTAT = """q => { const m = document.querySelector('#rso-recherche .pagefind-ui__message');
  if (!m || !m.textContent.includes(q)) return false;
  return /^Aucun/.test(m.textContent.trim()) || !!document.querySelector('#rso-recherche .pagefind-ui__result-link'); }"""
# Moteur prêt : WebAssembly et métadonnées de l'index arrivés (demandés par le worker de Pagefind).
MOTEUR = ("/pagefind/wasm.", ".pf_meta")


@dataclass
class Essai:
    requete: str
    ouverture_s: float
    ouverture_octets: int
    delai_s: float
    octets: int
    reponses: int
    delai_chaud_s: float
    frappe_delai_s: float
    frappe_octets: int
    resultats: str


class Journal:
    """Les réponses reçues par un contexte (page et workers), vidées à la demande."""

    def __init__(self, contexte):
        self.reponses: list = []
        contexte.on("response", lambda r: self.reponses.append(r))

    def vider(self) -> tuple[int, int, list[str]]:
        total = 0
        adresses = []
        for r in self.reponses:
            try:
                corps = r.body()
            except Exception:
                corps = b""
            total += mesures.transfere(corps, r.headers.get("content-type", ""))
            adresses.append(r.url)
        nombre = len(self.reponses)
        self.reponses.clear()
        return total, nombre, adresses


def _ouvrir(page, journal: Journal) -> tuple[float, int]:
    """Ouvre la recherche et attend le moteur prêt ; (délai, octets) de l'ouverture."""
    debut = time.perf_counter()
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    page.locator("#rso-recherche input").first.wait_for()
    limite = time.monotonic() + 30
    while not all(any(m in r.url for r in journal.reponses) for m in MOTEUR):
        if time.monotonic() > limite:
            raise SystemExit("le moteur de recherche ne s'est pas chargé en 30 s")
        page.wait_for_timeout(20)
    duree = time.perf_counter() - debut
    page.wait_for_load_state("networkidle")
    octets, _, _ = journal.vider()
    return duree, octets


def _contexte(navigateur):
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    mesures.Garde().installer(contexte)
    return contexte


def essai(navigateur, url: str, requete: str, frappe_ms: int) -> Essai:
    contexte = _contexte(navigateur)
    try:
        page = contexte.new_page()
        page.goto(url, wait_until="networkidle")
        journal = Journal(contexte)
        ouverture_s, ouverture_octets = _ouvrir(page, journal)
        champ = page.locator("#rso-recherche input").first
        debut = time.perf_counter()
        champ.fill(requete)
        page.wait_for_function(ATTENDRE_RESULTAT, arg=requete, polling="raf")
        delai = time.perf_counter() - debut
        page.wait_for_load_state("networkidle")
        octets, nombre, _ = journal.vider()
        message = page.locator("#rso-recherche .pagefind-ui__message").inner_text()
        # même requête, cache chaud
        champ.fill("")
        page.wait_for_timeout(300)
        debut = time.perf_counter()
        champ.fill(requete)
        page.wait_for_function(ATTENDRE_RESULTAT, arg=requete, polling="raf")
        chaud = time.perf_counter() - debut
    finally:
        contexte.close()
    # la même requête tapée au clavier, cache vide
    contexte = _contexte(navigateur)
    try:
        page = contexte.new_page()
        page.goto(url, wait_until="networkidle")
        journal = Journal(contexte)
        _ouvrir(page, journal)
        champ = page.locator("#rso-recherche input").first
        champ.press_sequentially(requete[:-1], delay=frappe_ms)  # attend aussi frappe_ms après la dernière
        debut = time.perf_counter()
        champ.press_sequentially(requete[-1])
        page.wait_for_function(ATTENDRE_RESULTAT, arg=requete, polling="raf", timeout=60_000)
        frappe_delai = time.perf_counter() - debut
        page.wait_for_load_state("networkidle")
        frappe_octets, _, _ = journal.vider()
    finally:
        contexte.close()
    return Essai(requete, ouverture_s, ouverture_octets, delai, octets, nombre, chaud, frappe_delai,
                 frappe_octets, message)


def _ko(octets: float) -> str:
    return f"{octets / 1024:.0f}"


def _tient(valeur: float, objectif: float) -> str:
    return "atteint" if valeur <= objectif else "non atteint"


def rapport(essais: list[Essai], site: Path, pratiques: int | None, frappe_ms: int) -> str:
    lignes = [
        "# Banc d'essai de la recherche",
        "",
        f"Site : `{site}`" + (f", {pratiques} pratiques" if pratiques is not None else "") + ". Chromium sans tête, "
        "servi en local, tout autre hôte bloqué ; contexte neuf (cache vide) pour chaque requête ; réponses de la "
        f"page et du worker de Pagefind. Frappe : une touche toutes les {frappe_ms} ms, délai compté depuis la "
        f"dernière. Objectif : premier résultat ≤ {OBJECTIF_DELAI} s et ≤ {OBJECTIF_OCTETS // 1024} Ko par requête.",
        "",
        "| requête | ouverture (s) | ouverture (Ko) | premier résultat (s) | Ko téléchargés | réponses | "
        "cache chaud (s) | tapée : premier résultat (s) | tapée : Ko | résultats |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for e in essais:
        lignes.append(f"| {e.requete} | {e.ouverture_s:.2f} | {_ko(e.ouverture_octets)} | {e.delai_s:.2f} | "
                      f"{_ko(e.octets)} | {e.reponses} | {e.delai_chaud_s:.2f} | {e.frappe_delai_s:.2f} | "
                      f"{_ko(e.frappe_octets)} | {e.resultats} |")
    delais = [e.delai_s for e in essais]
    octets = [e.octets for e in essais]
    frappe = [e.frappe_delai_s for e in essais]
    frappe_octets = [e.frappe_octets for e in essais]
    ouverture = [e.ouverture_octets for e in essais]
    lignes += [
        "",
        f"- requête collée, premier résultat : médiane {statistics.median(delais):.2f} s, maximum {max(delais):.2f} s "
        f"(objectif ≤ {OBJECTIF_DELAI} s : {_tient(max(delais), OBJECTIF_DELAI)})",
        f"- requête collée, téléchargé : médiane {_ko(statistics.median(octets))} Ko, maximum {_ko(max(octets))} Ko "
        f"(objectif ≤ {OBJECTIF_OCTETS // 1024} Ko : {_tient(max(octets), OBJECTIF_OCTETS)})",
        f"- requête tapée, premier résultat après la dernière touche : médiane {statistics.median(frappe):.2f} s, "
        f"maximum {max(frappe):.2f} s (objectif ≤ {OBJECTIF_DELAI} s : {_tient(max(frappe), OBJECTIF_DELAI)})",
        f"- requête tapée, téléchargé depuis la première touche : médiane {_ko(statistics.median(frappe_octets))} Ko, "
        f"maximum {_ko(max(frappe_octets))} Ko (objectif ≤ {OBJECTIF_OCTETS // 1024} Ko : "
        f"{_tient(max(frappe_octets), OBJECTIF_OCTETS)})",
        f"- ouverture de la recherche (une fois par page, moteur prêt) : médiane {_ko(statistics.median(ouverture))} Ko, "
        f"{statistics.median(e.ouverture_s for e in essais):.2f} s ; ouverture + requête la plus lourde : "
        f"{_ko(statistics.median(ouverture) + max(octets + frappe_octets))} Ko",
    ]
    return "\n".join(lignes) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="site construit à mesurer (avec --pratiques : où le construire)")
    parser.add_argument("--pratiques", type=int, default=None, help="construire un site synthétique de N pratiques")
    parser.add_argument("--reindexer", action="store_true", help="refaire seulement l'index Pagefind du site")
    parser.add_argument("--frappe-ms", type=int, default=FRAPPE_MS, help="délai entre deux touches (ms)")
    parser.add_argument("--rapport", default=str(mesures.RACINE / "mesures" / "banc-recherche.md"))
    parser.add_argument("--page", default="/", help="page d'où la recherche est ouverte (défaut : accueil)")
    parser.add_argument("requetes", nargs="*", help=f"requêtes (défaut : {len(REQUETES)} requêtes types)")
    args = parser.parse_args(argv)
    if args.pratiques is not None and not (args.site and (Path(args.site) / "index.html").exists()):
        site = mesures.construire_synthetique(args.pratiques, Path(args.site or f"/tmp/rso-site-{args.pratiques}"))
    elif args.site and (Path(args.site) / "index.html").exists():
        site = Path(args.site)
    else:
        parser.error("--site (un site construit) ou --pratiques N")
    if args.reindexer:
        from referentiel_rso.build.recherche import indexer

        debut = time.perf_counter()
        indexer(mesures.RACINE, site)
        print(f"index Pagefind refait en {time.perf_counter() - debut:.0f} s", flush=True)
    from playwright.sync_api import sync_playwright

    with mesures.Serveur(site) as serveur, sync_playwright() as p:
        navigateur = mesures.lancer_chromium(p)
        try:
            essais = []
            for q in args.requetes or REQUETES:
                e = essai(navigateur, serveur.url(args.page), q, args.frappe_ms)
                print(f"{q:24} collée {e.delai_s:.2f} s {_ko(e.octets):>4} Ko · chaud {e.delai_chaud_s:.2f} s · "
                      f"tapée {e.frappe_delai_s:.2f} s {_ko(e.frappe_octets):>4} Ko — {e.resultats}", flush=True)
                essais.append(e)
        finally:
            navigateur.close()
    texte = rapport(essais, site, mesures.nombre_de_pratiques(site), args.frappe_ms)
    Path(args.rapport).parent.mkdir(parents=True, exist_ok=True)
    Path(args.rapport).write_text(texte, encoding="utf-8")
    print(texte)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Banc d'essai de la recherche (Pagefind) à l'échelle : délai du premier résultat et octets téléchargés
par requête, mesurés dans Chromium (un script, pas un test).

    .venv/bin/python scripts/banc_recherche.py --pratiques 10000            # construit le site synthétique
    .venv/bin/python scripts/banc_recherche.py --site /tmp/site-10000        # réutilise un site construit
    .venv/bin/python scripts/banc_recherche.py --site site --rapport /tmp/recherche.md

Le site est servi sur 127.0.0.1, tout autre hôte bloqué (hors ligne : rien ne vient d'ailleurs). Pour
chaque requête, dans un contexte de navigation neuf (cache vide) : ouverture de la recherche (interface,
moteur WebAssembly, point d'entrée de l'index, chargés à l'ouverture : octets et délai), puis frappe de la requête et délai
jusqu'au premier résultat affiché (ou au message « Aucun résultat »), octets des réponses arrivées entre
les deux (morceaux d'index, filtres, fragments des résultats affichés). Puis la même requête une seconde
fois, cache chaud. Octets : transférés (corps texte compressés par gzip -6 comme les sert un hébergeur ;
les fichiers de Pagefind, déjà compressés, pour leur taille).

Objectif (issue 13, point 3) : premier résultat ≤ 0,5 s et ≤ 300 Ko téléchargés par requête, à
10 000 pratiques.
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

ATTENDRE_RESULTAT = """q => { const m = document.querySelector('.pagefind-ui__message');
  if (!m || !m.textContent.includes(q)) return false;
  return /^Aucun/.test(m.textContent.trim()) || !!document.querySelector('.pagefind-ui__result-link'); }"""


@dataclass
class Essai:
    requete: str
    ouverture_s: float
    ouverture_octets: int
    delai_s: float
    octets: int
    requetes: int
    delai_chaud_s: float
    resultats: str


def _octets(reponses) -> tuple[int, int]:
    total = 0
    for r in reponses:
        try:
            corps = r.body()
        except Exception:
            corps = b""
        total += mesures.transfere(corps, r.headers.get("content-type", ""))
    return total, len(reponses)


def essai(navigateur, url: str, requete: str) -> Essai:
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 800})
    mesures.Garde().installer(contexte)
    reponses: list = []
    try:
        page = contexte.new_page()
        page.goto(url, wait_until="networkidle")
        page.on("response", lambda r: reponses.append(r))
        debut = time.perf_counter()
        # ouverture : interface, puis moteur (WebAssembly) chargé à la prise de focus du champ
        with page.expect_response(lambda r: "/pagefind/wasm." in r.url):
            page.get_by_role("button", name="Rechercher dans le référentiel").click()
        champ = page.locator("#rso-recherche input").first
        champ.wait_for()
        page.wait_for_load_state("networkidle")
        ouverture_s = time.perf_counter() - debut
        ouverture_octets, _ = _octets(reponses)
        reponses.clear()
        debut = time.perf_counter()
        champ.fill(requete)
        page.wait_for_function(ATTENDRE_RESULTAT, arg=requete)
        delai = time.perf_counter() - debut
        page.wait_for_load_state("networkidle")
        octets, nb = _octets(reponses)
        message = page.locator(".pagefind-ui__message").inner_text()
        # même requête, cache chaud
        champ.fill("")
        page.wait_for_timeout(300)
        debut = time.perf_counter()
        champ.fill(requete)
        page.wait_for_function(ATTENDRE_RESULTAT, arg=requete)
        chaud = time.perf_counter() - debut
        return Essai(requete, ouverture_s, ouverture_octets, delai, octets, nb, chaud, message)
    finally:
        contexte.close()


def rapport(essais: list[Essai], site: Path, pratiques: int | None) -> str:
    lignes = [
        "# Banc d'essai de la recherche",
        "",
        f"Site : `{site}`" + (f", {pratiques} pratiques" if pratiques is not None else "") + ". Chromium sans tête, "
        "servi en local, tout autre hôte bloqué ; contexte neuf (cache vide) pour chaque requête. "
        f"Objectif : premier résultat ≤ {OBJECTIF_DELAI} s et ≤ {OBJECTIF_OCTETS // 1024} Ko par requête.",
        "",
        "| requête | ouverture (s) | ouverture (Ko) | premier résultat (s) | Ko téléchargés | réponses | cache chaud (s) | résultats |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for e in essais:
        lignes.append(f"| {e.requete} | {e.ouverture_s:.2f} | {e.ouverture_octets / 1024:.0f} | {e.delai_s:.2f} | "
                      f"{e.octets / 1024:.0f} | {e.requetes} | {e.delai_chaud_s:.2f} | {e.resultats} |")
    delais = [e.delai_s for e in essais]
    octets = [e.octets for e in essais]
    lignes += [
        "",
        f"- premier résultat : médiane {statistics.median(delais):.2f} s, maximum {max(delais):.2f} s "
        f"(objectif ≤ {OBJECTIF_DELAI} s : {'atteint' if max(delais) <= OBJECTIF_DELAI else 'non atteint'})",
        f"- téléchargé par requête : médiane {statistics.median(octets) / 1024:.0f} Ko, maximum {max(octets) / 1024:.0f} Ko "
        f"(objectif ≤ {OBJECTIF_OCTETS // 1024} Ko : {'atteint' if max(octets) <= OBJECTIF_OCTETS else 'non atteint'})",
        f"- ouverture de la recherche (une fois par page) : médiane {statistics.median(e.ouverture_octets for e in essais) / 1024:.0f} Ko, "
        f"{statistics.median(e.ouverture_s for e in essais):.2f} s",
    ]
    return "\n".join(lignes) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="site déjà construit (sinon : construit, voir --pratiques)")
    parser.add_argument("--pratiques", type=int, default=None, help="site synthétique de N pratiques")
    parser.add_argument("--rapport", default=str(mesures.RACINE / "mesures" / "banc-recherche.md"))
    parser.add_argument("--page", default="/", help="page d'où la recherche est ouverte (défaut : accueil)")
    args = parser.parse_args(argv)
    if args.site and (Path(args.site) / "index.html").exists():
        site = Path(args.site)
    elif args.pratiques is not None:
        site = mesures.construire_synthetique(args.pratiques, Path(args.site or f"/tmp/rso-site-{args.pratiques}"))
    else:
        parser.error("--site (construit) ou --pratiques N")
    from playwright.sync_api import sync_playwright

    with mesures.Serveur(site) as serveur, sync_playwright() as p:
        navigateur = mesures.lancer_chromium(p)
        try:
            essais = []
            for q in REQUETES:
                e = essai(navigateur, serveur.url(args.page), q)
                print(f"{q:28} premier résultat {e.delai_s:.2f} s, {e.octets / 1024:5.0f} Ko ({e.requetes} réponses), "
                      f"chaud {e.delai_chaud_s:.2f} s — {e.resultats}", flush=True)
                essais.append(e)
        finally:
            navigateur.close()
    texte = rapport(essais, site, mesures.nombre_de_pratiques(site))
    Path(args.rapport).parent.mkdir(parents=True, exist_ok=True)
    Path(args.rapport).write_text(texte, encoding="utf-8")
    print(texte)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Banc de l'aperçu en direct (un script, pas un test) : du fichier enregistré à la page rechargée.

    .venv/bin/python scripts/banc_apercu.py                       # contenu d'aujourd'hui, puis 1 000 pratiques
    .venv/bin/python scripts/banc_apercu.py --pratiques 0 --essais 5

Pour chaque taille : copie le projet dans un dossier temporaire (avec des pratiques synthétiques de
scripts/banc_pratiques.py si N > 0), y lance `python -m referentiel_rso servir --sans-pdf` sur un port
libre de 127.0.0.1, ouvre la page d'une pratique dans Chromium (/usr/bin/chromium, Playwright), puis,
à chaque essai, change le titre de cette pratique dans son fichier YAML et mesure le temps jusqu'à ce
que la page, rechargée d'elle-même, montre le nouveau titre. Imprime chaque essai, le minimum, la
médiane et le maximum, et les durées que l'aperçu annonce (« Aperçu mis à jour en … s »).
"""
from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import banc_pratiques
from referentiel_rso.build import chromium

PROJET = Path(__file__).resolve().parents[1]


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def essai(n: int, essais: int) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="banc-apercu-") as tmp:
        copie = Path(tmp) / "projet"
        copie.mkdir()
        banc_pratiques.copier_projet(copie)
        if n:
            banc_pratiques.generer(copie, n, banc_pratiques.lire_referentiel(copie), banc_pratiques.GRAINE)
        fichier = sorted((copie / "content" / "bonnes_pratiques").glob("BP-*.yml"))[0]
        port = port_libre()
        journal = Path(tmp) / "apercu.log"
        debut = time.perf_counter()
        with open(journal, "w") as sortie:
            serveur = subprocess.Popen([sys.executable, "-m", "referentiel_rso", "servir", "--sans-pdf", "--port",
                                        str(port)], cwd=copie, stdout=sortie, stderr=subprocess.STDOUT)
        try:
            while "Site servi" not in journal.read_text(encoding="utf-8"):
                if serveur.poll() is not None:
                    raise SystemExit(journal.read_text(encoding="utf-8"))
                time.sleep(0.2)
            construction = time.perf_counter() - debut
            identifiant = fichier.name.split("-")[0] + "-" + fichier.name.split("-")[1]
            site = copie / "site" / "bonnes-pratiques" / "pratiques"
            page = next(site.glob(f"{identifiant}-*/index.html")).relative_to(copie / "site").as_posix()
            durees = []
            with sync_playwright() as p:
                navigateur = chromium.lancer_chromium(p)
                onglet = navigateur.new_page()
                onglet.goto(f"http://127.0.0.1:{port}/{page.removesuffix('index.html')}")
                time.sleep(1)  # la connexion Server-Sent Events de la page est ouverte
                for i in range(essais):
                    titre = f"Titre d'essai numéro {i + 1} de l'aperçu"
                    texte = re.sub(r"(?m)^titre: .*$", f'titre: "{titre}"', fichier.read_text(encoding="utf-8"), count=1)
                    t0 = time.perf_counter()
                    fichier.write_text(texte, encoding="utf-8")
                    onglet.wait_for_function("t => document.querySelector('h1') && "
                                             "document.querySelector('h1').textContent.includes(t)",
                                             arg=titre, timeout=120_000, polling=50)
                    durees.append(time.perf_counter() - t0)
                    time.sleep(1)
                navigateur.close()
        finally:
            serveur.terminate()
            serveur.wait(timeout=30)
        phases = re.findall(r"Aperçu mis à jour en .*", journal.read_text(encoding="utf-8"))
        annonces = [float(x.replace(",", ".")) for x in
                    re.findall(r"Aperçu mis à jour en ([0-9.]+) s", journal.read_text(encoding="utf-8"))]
    return {"n": n, "construction": construction, "durees": durees, "annonces": annonces, "phases": phases}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pratiques", type=int, nargs="+", default=[0, 1000],
                        help="nombres de pratiques (0 : le contenu d'aujourd'hui)")
    parser.add_argument("--essais", type=int, default=5)
    args = parser.parse_args(argv)
    print("| pratiques | construction initiale (s) | enregistrement → page rechargée (s) : min / médiane / max "
          "| reconstruction annoncée, médiane (s) |")
    print("|---:|---:|---|---:|")
    details: list[str] = []
    for n in args.pratiques:
        r = essai(n, args.essais)
        d = r["durees"]
        nom = "aujourd'hui" if n == 0 else str(n)
        annonce = f"{statistics.median(r['annonces']):.2f}" if r["annonces"] else "—"
        print(f"| {nom} | {r['construction']:.1f} | {min(d):.2f} / {statistics.median(d):.2f} / {max(d):.2f} | {annonce} |",
              flush=True)
        details.extend(f"- {nom} : {ligne}" for ligne in r["phases"][-1:])
    if details:
        print("\nRépartition (dernier essai) :\n" + "\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())

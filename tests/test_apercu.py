"""Aperçu en direct (`make serve` → `python -m referentiel_rso servir`) : le site servi, sa page 404,
la reconstruction à l'enregistrement d'un fichier, le rechargement annoncé aux pages ouvertes, et un
contenu invalide qui laisse le dernier bon site en ligne."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from projet_copie import copier_projet_complet



def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _attendre(condition, delai: float, message: str):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        resultat = condition()
        if resultat:
            return resultat
        time.sleep(0.2)
    raise AssertionError(message)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


@pytest.fixture
def apercu(tmp_path):
    projet = copier_projet_complet(tmp_path / "projet")
    port = _port()
    journal = tmp_path / "apercu.log"
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    with open(journal, "w") as sortie:
        processus = subprocess.Popen([sys.executable, "-m", "referentiel_rso", "servir", "--sans-pdf", "--port", str(port)],
                                     cwd=projet, env=env, stdout=sortie, stderr=subprocess.STDOUT)
    try:
        _attendre(lambda: "Site servi" in journal.read_text(encoding="utf-8") or processus.poll() is not None, 300,
                  "le site n'est pas servi")
        assert processus.poll() is None, journal.read_text(encoding="utf-8")
        yield projet, f"http://127.0.0.1:{port}", journal
    finally:
        processus.terminate()
        processus.wait(timeout=30)


def test_apercu_sert_reconstruit_et_recharge(apercu):
    projet, base, journal = apercu
    statut, accueil = _get(base + "/")
    assert statut == 200 and "/__apercu/evenements" in accueil
    # la page 404 du site, pas celle du serveur
    statut, absente = _get(base + "/pas-de-page-ici/")
    assert statut == 404 and "Référentiel RSO" in absente and "Error response" not in absente
    # stylée : ses feuilles de style sont servies à l'adresse qu'elle nomme
    feuille = urllib.parse.urljoin(base + "/pas-de-page-ici/",
                                   re.search(r'<link rel="stylesheet" href="([^"]+\.css)"', absente).group(1))
    assert feuille.startswith(base + "/") and _get(feuille)[0] == 200, feuille
    # les fichiers publiés ne contiennent pas le script de l'aperçu
    assert "/__apercu/" not in (projet / "site" / "index.html").read_text(encoding="utf-8")

    evenements = urllib.request.urlopen(base + "/__apercu/evenements", timeout=120)
    fichier = sorted((projet / "content" / "bonnes_pratiques").glob("BP-*.yml"))[0]
    page = next((projet / "site" / "bonnes-pratiques" / "pratiques").glob(fichier.name.split("-")[0] + "-"
                                                                            + fichier.name.split("-")[1] + "-*"))
    adresse = base + "/" + page.relative_to(projet / "site").as_posix() + "/"
    texte = fichier.read_text(encoding="utf-8")
    lignes = [l for l in texte.splitlines() if l.startswith("titre: ")]
    assert lignes
    fichier.write_text(texte.replace(lignes[0], 'titre: "Titre changé pendant l\'aperçu"', 1), encoding="utf-8")
    # l'évènement de rechargement arrive aux pages ouvertes…
    _attendre(lambda: b"event: recharger" in evenements.readline(), 120, "aucun évènement de rechargement")
    evenements.close()
    # … et la page servie montre le nouveau titre
    assert "Titre changé pendant l&#39;aperçu" in _get(adresse)[1] or "Titre changé pendant l'aperçu" in _get(adresse)[1]

    # un contenu invalide : erreurs en français dans le terminal, le dernier bon site reste servi
    fichier.write_text(texte.replace(lignes[0], "titre: [", 1), encoding="utf-8")
    _attendre(lambda: "rien n'a été publié" in journal.read_text(encoding="utf-8"), 120, "erreur non signalée")
    assert fichier.name in journal.read_text(encoding="utf-8")
    statut, html = _get(adresse)
    assert statut == 200 and "Titre changé pendant" in html

"""Chromium de Debian piloté par Playwright, et le petit serveur local qui lui sert le site construit.

Servent l'étape « pdf » de la construction, les tests dans un vrai navigateur et les mesures de sobriété
(scripts/mesures.py). Jamais le navigateur téléchargé par Playwright : /usr/bin/chromium (paquet Debian,
installé par `make navigateur`), ou RSO_CHROMIUM.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("RSO_CHROMIUM", "/usr/bin/chromium"))
ARGS_CHROMIUM = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]
HOTE = "127.0.0.1"
MESSAGE_INSTALLER = "lancer `make navigateur` (installe Chromium, chromium-driver, poppler-utils et les paquets npm)"


class _Requetes(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
        ".geojson": "application/geo+json",
        ".pagefind": "application/octet-stream",
        ".pf_meta": "application/octet-stream",
        ".pf_fragment": "application/octet-stream",
        ".pf_index": "application/octet-stream",
        ".pf_filter": "application/octet-stream",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature imposée
        pass

    def end_headers(self) -> None:
        # Cache permis : chaque mesure de sobriété part d'un contexte de navigation neuf, donc d'un cache
        # vide ; les tests qui partagent un contexte profitent du cache, comme un lecteur.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class Serveur:
    """Sert un dossier sur 127.0.0.1, port libre, dans un fil d'exécution (contexte `with`)."""

    def __init__(self, dossier: Path):
        self.dossier = Path(dossier)
        gestionnaire = functools.partial(_Requetes, directory=str(self.dossier))
        self._httpd = http.server.ThreadingHTTPServer((HOTE, 0), gestionnaire)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base = f"http://{HOTE}:{self.port}"
        self._fil = threading.Thread(target=self._httpd.serve_forever, name="serveur-site", daemon=True)

    def __enter__(self) -> "Serveur":
        self._fil.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._fil.join(timeout=5)

    def url(self, chemin: str) -> str:
        return self.base + (chemin if chemin.startswith("/") else "/" + chemin)


class ChromiumAbsent(RuntimeError):
    pass


def lancer_chromium(playwright):
    """Chromium de Debian piloté par Playwright (jamais le navigateur téléchargé par Playwright)."""
    if not CHROMIUM.exists():
        raise ChromiumAbsent(f"Chromium est introuvable ({CHROMIUM}) : {MESSAGE_INSTALLER}.")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS_CHROMIUM)


def est_locale(url: str) -> bool:
    morceaux = urlsplit(url)
    if morceaux.scheme in ("data", "blob", "about"):
        return True
    return morceaux.hostname == HOTE

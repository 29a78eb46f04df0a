"""Aperçu en direct (`make serve`) : le site entier servi sur 127.0.0.1, reconstruit à chaque enregistrement.

1. Une construction complète (PDF compris quand Chromium est là) dans site/, comme `make site`.
2. site/ est servi sur http://127.0.0.1:8000 ; la page 404 est celle du site. À chaque page HTML servie,
   le serveur (lui seul : rien de cela n'est publié) ajoute un petit script qui écoute
   `/__apercu/evenements` (Server-Sent Events) et recharge la page quand le site a changé.
3. content/, data/, docs/, overrides/ et les gabarits sont surveillés (watchdog). À un enregistrement :
   le contenu est rechargé et validé (en cas d'erreur, les erreurs en français s'affichent dans le
   terminal et le site servi reste le dernier bon), les sources sont réécrites (seulement ce qui a
   changé), MkDocs reconstruit dans site/ les seules pages changées (`dirty` ; toutes si la
   configuration, la navigation ou le thème ont changé), puis les étapes rapides (données, carte,
   correctifs, liens des PDF existants) ; la page ouverte se recharge. L'index de recherche est refait
   ensuite, en arrière-plan ; les PDF ne sont refaits que par `make site` / `make pdf`.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
import time
from pathlib import Path

from referentiel_rso.build import chromium, pdf, recherche
from referentiel_rso.build import moteur as moteurs
from referentiel_rso.build.construire import construire, etapes, preparer
from referentiel_rso.catalogue.charger import un_seul_chargement
from referentiel_rso.render.environnement import GABARITS
from referentiel_rso.render.publication import publier

EVENEMENTS = "/__apercu/evenements"
SCRIPT = (
    "<script>new EventSource('" + EVENEMENTS + "').addEventListener('recharger', function () "
    "{ location.reload(); });</script>"
).encode()
SURVEILLES = ("content", "data", "docs", "overrides")
DELAI_REGROUPEMENT = 0.25
"""Secondes d'attente après un changement, pour regrouper les enregistrements d'un éditeur."""
ETAPES_DIFFEREES = {"pdf", "recherche"}


class Version:
    """Numéro de version du site servi ; les clients attendent son changement."""

    def __init__(self) -> None:
        self.numero = 0
        self._condition = threading.Condition()

    def suivante(self) -> None:
        with self._condition:
            self.numero += 1
            self._condition.notify_all()

    def attendre(self, numero: int, delai: float) -> int:
        with self._condition:
            self._condition.wait_for(lambda: self.numero != numero, timeout=delai)
            return self.numero


class _Requetes(chromium._Requetes):
    version: Version

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        http.server.SimpleHTTPRequestHandler.end_headers(self)

    def do_GET(self) -> None:  # noqa: N802 - nom imposé
        if self.path == EVENEMENTS:
            return self._evenements()
        chemin = Path(self.translate_path(self.path))
        if chemin.is_dir():
            chemin = chemin / "index.html"
        if chemin.suffix == ".html" and chemin.is_file():
            return self._html(chemin, 200)
        if not chemin.exists():
            page_404 = Path(self.directory) / "404.html"
            if page_404.is_file():
                return self._html(page_404, 404)
        return super().do_GET()

    def _html(self, chemin: Path, statut: int) -> None:
        if statut == 200 and not self.path.split("?")[0].endswith(("/", ".html")):
            self.send_response(301)
            self.send_header("Location", self.path.split("?")[0] + "/")
            self.end_headers()
            return
        corps = chemin.read_bytes()
        fin = corps.rfind(b"</body>")
        corps = corps[:fin] + SCRIPT + corps[fin:] if fin >= 0 else corps + SCRIPT
        self.send_response(statut)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(corps)))
        self.end_headers()
        self.wfile.write(corps)

    def _evenements(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        numero = self.version.numero
        try:
            while True:
                nouveau = self.version.attendre(numero, 15)
                if nouveau != numero:
                    numero = nouveau
                    self.wfile.write(b"event: recharger\ndata: " + str(numero).encode() + b"\n\n")
                else:
                    self.wfile.write(b": en attente\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


class Apercu:
    def __init__(self, racine: Path, site: Path, port: int) -> None:
        self.racine = racine
        self.site = site
        self.port = port
        self.version = Version()
        self._verrou = threading.Lock()
        self._config_precedente = b""
        self._theme_change = False

    def reconstruire(self, tout: bool = False) -> float:
        """Reconstruit ce qui a changé dans site/ ; renvoie la durée jusqu'à la page prête (s)."""
        debut = time.perf_counter()
        with self._verrou:
            try:
                publication, sources = preparer(self.racine)
            except SystemExit as exc:  # erreurs de contenu : déjà affichées ; le dernier bon site reste servi
                print(exc, file=sys.stderr)
                return time.perf_counter() - debut
            t_contenu = time.perf_counter() - debut
            config = sources.config.read_bytes()
            sale = not tout and config == self._config_precedente
            self._config_precedente = config
            publier(publication)
            try:
                moteurs.construire("mkdocs", sources.config, self.site, publication, sale=sale)
            except moteurs.EchecDuMoteur as exc:
                print(exc, file=sys.stderr)
                return time.perf_counter() - debut
            finally:
                publier(None)
            t_moteur = time.perf_counter() - debut - t_contenu
            with un_seul_chargement(publication.catalogue):
                for nom, etape in etapes():
                    if nom not in ETAPES_DIFFEREES:
                        etape(self.racine, self.site)
            pdf.montrer_liens(self.site)
            shutil.rmtree(self.site / "livret", ignore_errors=True)
            duree = time.perf_counter() - debut
            self.version.suivante()
            print(f"Aperçu mis à jour en {duree:.2f} s : contenu et sources {t_contenu:.2f} s "
                  f"({sources.ecrits} fichier(s) réécrit(s)), MkDocs {'partiel' if sale else 'complet'} "
                  f"{t_moteur:.2f} s, étapes {duree - t_contenu - t_moteur:.2f} s", flush=True)
        threading.Thread(target=self._indexer, daemon=True).start()
        return duree

    def _indexer(self) -> None:
        with self._verrou:
            try:
                recherche.indexer(self.racine, self.site)
            except Exception as exc:  # l'aperçu continue ; `make site` signalera l'erreur
                print(f"Index de recherche non mis à jour : {exc}", file=sys.stderr)

    def surveiller(self):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        apercu = self
        minuterie: list[threading.Timer] = []

        class Gestionnaire(FileSystemEventHandler):
            def on_any_event(self, evenement) -> None:
                if evenement.is_directory or evenement.event_type in ("opened", "closed_no_write"):
                    return
                chemin = Path(str(evenement.src_path))
                if chemin.name.startswith(".") or chemin.name.endswith(("~", ".swp", ".tmp")):
                    return
                theme = any(p in chemin.parts for p in ("overrides", "templates"))
                apercu._theme_change = apercu._theme_change or theme
                for m in minuterie:
                    m.cancel()
                minuterie[:] = [threading.Timer(DELAI_REGROUPEMENT, apercu._sur_changement)]
                minuterie[0].start()

        observateur = Observer()
        for nom in SURVEILLES:
            if (self.racine / nom).is_dir():
                observateur.schedule(Gestionnaire(), str(self.racine / nom), recursive=True)
        observateur.schedule(Gestionnaire(), str(GABARITS), recursive=True)
        observateur.daemon = True
        observateur.start()
        return observateur

    def _sur_changement(self) -> None:
        tout, self._theme_change = self._theme_change, False
        self.reconstruire(tout=tout)

    def servir(self) -> None:
        gestionnaire = functools.partial(type("Requetes", (_Requetes,), {"version": self.version}),
                                         directory=str(self.site))
        serveur = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), gestionnaire)
        serveur.daemon_threads = True
        print(f"Site servi sur http://127.0.0.1:{self.port}/ — aperçu en direct : les changements de "
              f"{', '.join(SURVEILLES)}/ sont reconstruits (Ctrl+C pour arrêter)", flush=True)
        try:
            serveur.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            serveur.server_close()


def servir(racine: Path, port: int = 8000, pdf_: bool | None = None) -> int:
    racine = Path(racine).resolve()
    # l'adresse publique du site servi (mkdocs.yml : `site_url: !ENV SITE_URL`) : liens canoniques, plan du
    # site et page 404 (chemins absolus) justes sur http://127.0.0.1:<port>/
    os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{port}/")
    site = racine / "site"
    construire(racine, site, pdf=pdf_)
    apercu = Apercu(racine, site, port)
    # première reconstruction de l'aperçu : met en place les sources de référence (rien ne change)
    apercu._config_precedente = (racine / "build" / "sources" / "mkdocs.yml").read_bytes()
    observateur = apercu.surveiller()
    try:
        apercu.servir()
    finally:
        observateur.stop()
    return 0

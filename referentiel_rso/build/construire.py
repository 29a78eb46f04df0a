"""Construire le site : MkDocs (strict) dans un dossier temporaire, puis les étapes qui suivent
(index de recherche, données ouvertes, PDF), puis seulement remplacer site/ — rien de publié à moitié."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

def etapes() -> list[tuple[str, Callable[[Path, Path], None]]]:
    from referentiel_rso.build import etapes as etapes_build

    return etapes_build.ETAPES


def construire(racine: Path, destination: Path | None = None, pdf: bool | None = None) -> Path:
    racine = racine.resolve()
    destination = (destination or racine / "site").resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporaire = Path(tempfile.mkdtemp(prefix="site-", dir=destination.parent))
    debut = time.perf_counter()
    try:
        commande = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(temporaire)]
        resultat = subprocess.run(commande, cwd=racine)
        if resultat.returncode != 0:
            raise SystemExit("La construction a échoué : rien n'a été publié (site/ est inchangé).")
        from referentiel_rso.catalogue.charger import un_seul_chargement

        with un_seul_chargement():  # les étapes partagent un même chargement du contenu
            for nom, etape in etapes():
                if nom == "pdf" and pdf is False:
                    continue
                t = time.perf_counter()
                etape(racine, temporaire)
                print(f"  {nom} : {time.perf_counter() - t:.1f} s")
        if destination.exists():
            ancien = destination.with_name(destination.name + ".ancien")
            shutil.rmtree(ancien, ignore_errors=True)
            destination.rename(ancien)
            temporaire.rename(destination)
            shutil.rmtree(ancien, ignore_errors=True)
        else:
            temporaire.rename(destination)
    except BaseException:
        shutil.rmtree(temporaire, ignore_errors=True)
        raise
    print(f"Site construit dans {destination} en {time.perf_counter() - debut:.1f} s")
    return destination

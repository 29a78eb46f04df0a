"""Date de la dernière mise à jour du contenu, affichée dans le pied de page : jamais saisie.

D'abord la date du dernier commit qui a touché `content/` (git, à la construction) ; à défaut (copie
sans git, archive), la date la plus récente écrite dans le contenu lui-même (date de proposition ou de
décision d'une bonne pratique, date d'une déclinaison) ; à défaut, aucune date (None).
La publication récupère tout l'historique (`fetch-depth: 0`, .github/workflows/deployer.yml) : un clone
superficiel ne verrait que le dernier commit.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path


def date_git(racine: Path, dossier: str = "content") -> dt.date | None:
    """Date (AAAA-MM-JJ) du dernier commit qui a modifié `dossier`, ou None (pas de git, pas d'historique)."""
    try:
        r = subprocess.run(["git", "log", "-1", "--format=%cs", "--", dossier], cwd=racine, capture_output=True,
                           text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    texte = r.stdout.strip()
    try:
        return dt.date.fromisoformat(texte) if r.returncode == 0 and texte else None
    except ValueError:
        return None


_DATE = re.compile(r"^\s*(?:-\s*)?(?:date|date_decision):\s*['\"]?(\d{4}-\d{2}-\d{2})\b", re.MULTILINE)


def date_ecrite(racine: Path, dossier: str = "content") -> dt.date | None:
    """La date (AAAA-MM-JJ) la plus récente écrite dans les champs `date` et `date_decision` du contenu
    (proposition, décision du CTP RSO, document d'une déclinaison), sans dépasser aujourd'hui."""
    dates = []
    for f in sorted((Path(racine) / dossier).rglob("*.y*ml")):
        if f.name.startswith(("_", ".")) or not f.is_file() or f.is_symlink():
            continue
        for texte in _DATE.findall(f.read_text(encoding="utf-8", errors="replace")):
            try:
                d = dt.date.fromisoformat(texte)
            except ValueError:
                continue
            if d <= dt.date.today():
                dates.append(d)
    return max(dates) if dates else None


def date_du_contenu(racine: Path) -> dt.date | None:
    """La date de dernière mise à jour du contenu (voir l'en-tête du module)."""
    return date_git(Path(racine)) or date_ecrite(Path(racine))

"""L'organisation du paquet : un dossier par étape, aucun cycle d'import, aucun chemin d'import modifié."""
from __future__ import annotations

import ast
from pathlib import Path

PAQUET = Path(__file__).resolve().parents[1] / "referentiel_rso"
ETAPES = {"load", "models", "validate", "catalogue", "render", "build"}


def _modules() -> dict[str, Path]:
    sortie = {}
    for f in PAQUET.rglob("*.py"):
        parties = list(f.relative_to(PAQUET.parent).with_suffix("").parts)
        if parties[-1] == "__init__":
            parties = parties[:-1]
        sortie[".".join(parties)] = f
    return sortie


def _imports(nom: str, fichier: Path, modules: dict[str, Path]) -> set[str]:
    """Modules du paquet importés par `nom` (où que soit l'import, sauf sous `if TYPE_CHECKING:`)."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    ignores = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.If) and "TYPE_CHECKING" in ast.unparse(noeud.test):
            ignores.update(id(n) for b in noeud.body for n in ast.walk(b))
    cibles = set()
    paquet = nom if fichier.name == "__init__.py" else nom.rpartition(".")[0]
    for noeud in ast.walk(arbre):
        if id(noeud) in ignores:
            continue
        if isinstance(noeud, ast.Import):
            cibles.update(a.name for a in noeud.names)
        elif isinstance(noeud, ast.ImportFrom):
            base = noeud.module or ""
            if noeud.level:
                parties = paquet.split(".")[: len(paquet.split(".")) - noeud.level + 1]
                base = ".".join(parties + ([noeud.module] if noeud.module else []))
            for a in noeud.names:
                cibles.add(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base)
    return {c for c in cibles if c in modules and c != nom}


def test_aucun_cycle_d_import():
    modules = _modules()
    graphe = {nom: _imports(nom, f, modules) for nom, f in modules.items()}
    etat: dict[str, int] = {}
    pile: list[str] = []

    def visiter(n: str) -> None:
        etat[n] = 1
        pile.append(n)
        for m in sorted(graphe[n]):
            if etat.get(m) == 1:
                cycle = pile[pile.index(m):] + [m]
                raise AssertionError("cycle d'import : " + " → ".join(cycle))
            if m not in etat:
                visiter(m)
        pile.pop()
        etat[n] = 2

    for n in sorted(graphe):
        if n not in etat:
            visiter(n)


def test_un_dossier_par_etape_et_pas_de_sys_path():
    dossiers = {d.name for d in PAQUET.iterdir() if d.is_dir() and (d / "__init__.py").exists()}
    assert ETAPES <= dossiers, ETAPES - dossiers
    racine = PAQUET.parent
    for f in list(PAQUET.rglob("*.py")) + list((racine / "macros").rglob("*.py")) + list((racine / "scripts").glob("*.py")):
        assert "sys.path.insert" not in f.read_text(encoding="utf-8"), f"{f} modifie sys.path (le paquet est installé)"

"""Lecture des fichiers YAML en gardant, pour chaque champ, sa ligne dans le fichier."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from referentiel_rso.validate.erreurs import Erreur

Chemin = tuple[Any, ...]


@dataclass
class Document:
    """Un fichier YAML lu : ses données et la ligne de chaque champ (chemin → ligne, base 1)."""

    fichier: str
    donnees: Any
    lignes: dict[Chemin, int] = field(default_factory=dict)

    def ligne(self, chemin: Chemin) -> int:
        """Ligne du champ, ou de son plus proche parent connu."""
        chemin = tuple(chemin)
        while chemin:
            if chemin in self.lignes:
                return self.lignes[chemin]
            chemin = chemin[:-1]
        return self.lignes.get((), 1)


class _Lecteur(yaml.SafeLoader):
    pass


# Lecteur en C (libyaml, livré avec PyYAML) : mêmes données et mêmes lignes, 5 à 6 fois plus rapide, ce
# qui compte avec des milliers de bonnes pratiques relues à chaque construction. Un fichier qu'il refuse
# est relu par le lecteur Python, dont les messages d'erreur sont ceux que _TRADUCTIONS_YAML traduit.
_LecteurRapide: type | None = type("_LecteurRapide", (yaml.CSafeLoader,), {}) if hasattr(yaml, "CSafeLoader") else None


def _convertir(lecteur: _Lecteur, noeud: yaml.Node, chemin: Chemin, doc: Document, erreurs: list[Erreur]) -> Any:
    doc.lignes.setdefault(chemin, noeud.start_mark.line + 1)
    if isinstance(noeud, yaml.MappingNode):
        lecteur.flatten_mapping(noeud)
        resultat: dict[Any, Any] = {}
        for noeud_cle, noeud_valeur in noeud.value:
            cle = lecteur.construct_object(noeud_cle, deep=True)
            ligne = noeud_cle.start_mark.line + 1
            if cle in resultat:
                erreurs.append(Erreur(doc.fichier, ligne, _nom(chemin + (cle,)), "clé présente deux fois dans le même bloc"))
            doc.lignes[chemin + (cle,)] = ligne
            resultat[cle] = _convertir(lecteur, noeud_valeur, chemin + (cle,), doc, erreurs)
        return resultat
    if isinstance(noeud, yaml.SequenceNode):
        return [_convertir(lecteur, n, chemin + (i,), doc, erreurs) for i, n in enumerate(noeud.value)]
    return lecteur.construct_object(noeud, deep=True)


def _nom(chemin: Chemin) -> str:
    """Chemin lisible d'un champ : `objectifs[2].intitule` (index en base 0, comme dans l'éditeur)."""
    morceaux = ""
    for partie in chemin:
        morceaux += f"[{partie}]" if isinstance(partie, int) else (f".{partie}" if morceaux else str(partie))
    return morceaux


nom_champ = _nom


def lire_yaml(chemin: Path, racine: Path) -> tuple[Document | None, list[Erreur]]:
    """Lit un fichier ; renvoie le document et les erreurs de syntaxe, en français."""
    fichier = chemin.relative_to(racine).as_posix() if chemin.is_relative_to(racine) else str(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Erreur(fichier, 1, "", f"le fichier n'est pas encodé en UTF-8 ({exc.reason})")]
    if _LecteurRapide is not None:
        try:
            return _lire(texte, fichier, _LecteurRapide)
        except (yaml.YAMLError, _Vide):
            pass  # relu ci-dessous par le lecteur Python, pour son message d'erreur
    try:
        return _lire(texte, fichier, _Lecteur)
    except _Vide:
        return None, [Erreur(fichier, 1, "", "le fichier est vide")]
    except yaml.MarkedYAMLError as exc:
        marque = exc.problem_mark or exc.context_mark
        ligne = marque.line + 1 if marque else 1
        probleme = _traduire_yaml(exc.problem or exc.context or str(exc))
        if exc.context_mark and marque and exc.context_mark.line != marque.line:
            probleme += f" (voir aussi la ligne {exc.context_mark.line + 1})"
        return None, [Erreur(fichier, ligne, "", f"syntaxe YAML invalide : {probleme}")]


class _Vide(Exception):
    pass


def _lire(texte: str, fichier: str, classe: type) -> tuple[Document, list[Erreur]]:
    doc = Document(fichier, None)
    erreurs: list[Erreur] = []
    lecteur = classe(texte)
    try:
        noeud = lecteur.get_single_node()
        if noeud is None:
            raise _Vide
        doc.donnees = _convertir(lecteur, noeud, (), doc, erreurs)
    finally:
        lecteur.dispose()
    return doc, erreurs


_TRADUCTIONS_YAML = {
    "mapping values are not allowed here": "« : » inattendu (mettre le texte entre guillemets s'il contient « : »)",
    "could not find expected ':'": "« : » attendu après le nom du champ",
    "found character '\\t' that cannot start any token": "tabulation interdite : indenter avec des espaces",
    "expected <block end>, but found '-'": "tiret mal indenté dans une liste",
    "found undefined alias": "alias YAML inconnu",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "did not find expected key": "indentation incohérente : clé attendue",
    "did not find expected '-' indicator": "indentation incohérente : élément de liste « - » attendu",
    "found unknown escape character": "caractère d'échappement inconnu entre guillemets doubles",
    "while scanning a quoted scalar": "guillemet non fermé",
    "expected <block end>": "fin de bloc attendue : guillemet non fermé ou indentation incorrecte",
    "expected a comment or a line break": "texte inattendu après une valeur (guillemet en trop ?)",
    "found character that cannot start any token": "caractère interdit en début de valeur (mettre le texte entre guillemets)",
}


def _traduire_yaml(probleme: str) -> str:
    for anglais, francais in _TRADUCTIONS_YAML.items():
        if probleme.startswith(anglais):
            return francais
    return f"structure incorrecte ({probleme})"

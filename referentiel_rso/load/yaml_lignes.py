"""Lecture des fichiers YAML en gardant, pour chaque champ, sa ligne dans le fichier.

Un fichier de content/ vient d'une pull request : avant d'être converti, il est vérifié en une passe
linéaire sur les événements YAML (sans récursion), pour qu'aucun fichier ne puisse bloquer la CI :

- taille au plus `TAILLE_MAX` octets (fichier lu en mode binaire, jamais au-delà de cette taille) ;
- ni ancre (`&nom`) ni alias (`*nom`) : un alias recopie un bloc, et quelques lignes d'alias
  emboîtés (« billion laughs ») font des milliards de valeurs ;
- profondeur d'imbrication au plus `PROFONDEUR_MAX` (le contenu en utilise 6) ;
- un fichier régulier, pas un lien symbolique (un lien ferait lire un fichier hors du dépôt).

Toute erreur de lecture (encodage, caractère interdit, syntaxe) devient une `Erreur` en français avec
sa ligne, jamais une trace Python.
"""
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
            if not isinstance(cle, (str, int, float, bool)) and cle is not None:
                erreurs.append(Erreur(doc.fichier, ligne, _nom(chemin), "nom de champ invalide : un nom de champ est un mot"))
                continue
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


TAILLE_MAX = 256 * 1024
"""Taille maximale d'un fichier YAML, en octets (256 Kio ; le plus gros fichier du contenu en fait 33)."""
PROFONDEUR_MAX = 12
"""Imbrication maximale des blocs et listes (le contenu en utilise 6)."""


def fichier_relatif(chemin: Path, racine: Path) -> str:
    return chemin.relative_to(racine).as_posix() if chemin.is_relative_to(racine) else str(chemin)


def lire_yaml(chemin: Path, racine: Path) -> tuple[Document | None, list[Erreur]]:
    """Lit un fichier ; renvoie le document et les erreurs de lecture et de syntaxe, en français."""
    fichier = fichier_relatif(chemin, racine)
    if chemin.is_symlink():
        return None, [Erreur(fichier, 1, "", "lien symbolique refusé : content/ ne contient que des fichiers "
                                            "ordinaires (remplacer le lien par le fichier lui-même)")]
    if not chemin.is_file():
        return None, [Erreur(fichier, 1, "", "ce n'est pas un fichier ordinaire")]
    try:
        with open(chemin, "rb") as f:
            brut = f.read(TAILLE_MAX + 1)
    except OSError as exc:
        return None, [Erreur(fichier, 1, "", f"fichier illisible ({exc.strerror or exc.__class__.__name__})")]
    if len(brut) > TAILLE_MAX:
        return None, [Erreur(fichier, 1, "", f"fichier trop gros : {TAILLE_MAX // 1024} Kio au plus "
                                            "(une bonne pratique en fait quelques-uns)")]
    try:
        texte = brut.decode("utf-8")
    except UnicodeDecodeError as exc:
        ligne = brut.count(b"\n", 0, exc.start) + 1
        octet = brut[exc.start:exc.start + 1].hex().upper()
        return None, [Erreur(fichier, ligne, "", f"le fichier n'est pas encodé en UTF-8 (octet 0x{octet} invalide "
                                                 "à cette ligne) : l'enregistrer en UTF-8")]
    try:
        erreur = _verifier_structure(texte, fichier)
    except yaml.MarkedYAMLError:
        erreur = None  # syntaxe invalide : le lecteur Python ci-dessous en donne le message
    except yaml.reader.ReaderError as exc:
        return None, [_erreur_caractere(texte, fichier, exc)]
    if erreur is not None:
        return None, [erreur]
    try:
        return _lire_sans_trace(texte, fichier)
    except RecursionError:
        return None, [Erreur(fichier, 1, "", f"structure trop imbriquée ({PROFONDEUR_MAX} niveaux au plus)")]


def _erreur_caractere(texte: str, fichier: str, exc: yaml.reader.ReaderError) -> Erreur:
    position = exc.position if isinstance(exc.position, int) else 0
    ligne = texte.count("\n", 0, position) + 1
    code = exc.character if isinstance(exc.character, int) else (ord(exc.character) if exc.character else 0)
    return Erreur(fichier, ligne, "", f"caractère interdit U+{code:04X} (caractère de contrôle) : le retirer ou "
                                      "retaper le texte")


def _verifier_structure(texte: str, fichier: str) -> Erreur | None:
    """Une passe sur les événements YAML : ni ancre ni alias, profondeur bornée. Sans récursion."""
    profondeur = 0
    for evenement in yaml.parse(texte, Loader=_LecteurRapide or yaml.SafeLoader):
        ligne = evenement.start_mark.line + 1 if evenement.start_mark else 1
        if isinstance(evenement, yaml.AliasEvent) or getattr(evenement, "anchor", None):
            return Erreur(fichier, ligne, "", "ancres et alias YAML (« & », « * ») non permis : recopier le texte "
                                              "(ou le mettre entre guillemets s'il commence par & ou *)")
        if isinstance(evenement, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            profondeur += 1
            if profondeur > PROFONDEUR_MAX:
                return Erreur(fichier, ligne, "", f"structure trop imbriquée : {PROFONDEUR_MAX} niveaux au plus")
        elif isinstance(evenement, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            profondeur -= 1
    return None


def _lire_sans_trace(texte: str, fichier: str) -> tuple[Document | None, list[Erreur]]:
    if _LecteurRapide is not None:
        try:
            return _lire(texte, fichier, _LecteurRapide)
        except (yaml.YAMLError, _Vide):
            pass  # relu ci-dessous par le lecteur Python, pour son message d'erreur
    try:
        return _lire(texte, fichier, _Lecteur)
    except _Vide:
        return None, [Erreur(fichier, 1, "", "le fichier est vide")]
    except yaml.reader.ReaderError as exc:
        return None, [_erreur_caractere(texte, fichier, exc)]
    except yaml.MarkedYAMLError as exc:
        marque = exc.problem_mark or exc.context_mark
        ligne = marque.line + 1 if marque else 1
        probleme = _traduire_yaml(exc.problem or exc.context or str(exc))
        if exc.context_mark and marque and exc.context_mark.line != marque.line:
            probleme += f" (voir aussi la ligne {exc.context_mark.line + 1})"
        return None, [Erreur(fichier, ligne, "", f"syntaxe YAML invalide : {probleme}")]
    except yaml.YAMLError as exc:  # autre erreur de lecture, sans position
        return None, [Erreur(fichier, 1, "", f"syntaxe YAML invalide : {_traduire_yaml(str(exc))}")]


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
    "but found another document": "un seul document par fichier : retirer la ligne « --- » en trop",
    "could not determine a constructor for the tag": "étiquette YAML (« ! ») non permise : l'enlever, ou mettre le texte entre guillemets",
}


def _traduire_yaml(probleme: str) -> str:
    for anglais, francais in _TRADUCTIONS_YAML.items():
        if probleme.startswith(anglais):
            return francais
    return f"structure incorrecte ({probleme})"

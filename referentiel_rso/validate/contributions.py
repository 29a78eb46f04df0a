"""Règles du texte contribué (bonnes pratiques) : données personnelles, liens, texte du modèle.

Chaque fonction renvoie le problème en français, ou None ; les modèles (models/pratique.py) en font
des erreurs de validation, avec le champ et la ligne. Toutes sont linéaires en la longueur du texte,
déjà bornée par le modèle.

Règles retenues (documentées dans CONTRIBUTING.md) :

- **données personnelles** : aucune adresse électronique ni numéro de téléphone dans un texte, y compris
  déguisés (`[at]`, `(at)`, « arobase », `＠` pleine chasse, `[dot]`, chiffres espacés, `+33 (0)6 …`).
  `mailto:` est refusé partout, même pour une adresse générique d'organisme : on donne la page de
  contact du site de l'organisme (https://…), qui ne vieillit pas avec les boîtes aux lettres ;
- **liens** : http:// ou https:// vers un nom de domaine public. Refusés : `localhost` et les noms
  sans point ou en `.local`, `.internal`…, toute adresse IP (127.0.0.0/8, 10/8, 169.254/16… et les
  formes numériques déguisées comme `2130706433` ou `0x7f.1`), un identifiant avant « @ », un nom de
  domaine dont les lettres ne sont pas toutes de l'alphabet latin (mélange latin/cyrillique/grec :
  imitation d'un autre site). Un nom en punycode (`xn--…`) est lu décodé : accepté s'il est latin
  (`xn--crche-cva.fr` = crèche.fr), refusé sinon ;
- **modèle** : le texte « À compléter » et la date 2000-01-01 de `_modele.yml` sont à remplacer.
"""
from __future__ import annotations

import html
import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

# --- données personnelles ------------------------------------------------------------------------
_OUVRANTE, _FERMANTE = r"[\[\(\{<«]", r"[\]\)\}>»]"
_AROBASE_DEGUISEE = re.compile(rf"\s*{_OUVRANTE}\s*(?:at|arobase|chez|@)\s*{_FERMANTE}\s*|\s+(?:at|arobase)\s+(?=[\w-]+\s*(?:\.|\s(?:point|dot)\s|{_OUVRANTE}\s*(?:dot|point)))", re.I)
_POINT_DEGUISE = re.compile(rf"\s*{_OUVRANTE}\s*(?:dot|point|\.)\s*{_FERMANTE}\s*", re.I)
_COURRIEL = re.compile(r"[\w.+-]+\s?@\s?[\w-]+(?:(?:\s?\.\s?|\s(?:point|dot)\s)[\w-]+)+", re.I)
# Numéro français (0 puis 9 chiffres) ou international (+33, 0033, outre-mer +262, +590…, avec ou sans
# « (0) »), chiffres séparés ou non par des espaces, points, tirets ou barres obliques.
_TELEPHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s*(?:33|262|269|508|590|594|596|687|689|681)\s*(?:\(\s*0\s*\)\s*)?[1-9]|0\s*[1-9])"
    r"(?:[\s.\-/]*\d){8}(?!\d)"
)
MESSAGE_DONNEE_PERSONNELLE = ("pas de donnée personnelle ici (adresse électronique, téléphone) : indiquer un rôle "
                              "ou un service, par exemple « chef de projet RSO de la Cpam »")


def _normaliser(texte: str) -> str:
    texte = unicodedata.normalize("NFKC", html.unescape(texte))  # ＠ → @, chiffres pleine chasse → 0-9
    texte = _AROBASE_DEGUISEE.sub("@", texte)
    return _POINT_DEGUISE.sub(".", texte)


def donnee_personnelle(texte: str) -> str | None:
    """Une adresse électronique ou un numéro de téléphone, même déguisés ? → le message, sinon None."""
    normal = _normaliser(texte)
    if _COURRIEL.search(normal) or _TELEPHONE.search(normal) or "mailto:" in normal.lower():
        return MESSAGE_DONNEE_PERSONNELLE
    return None


# --- liens ---------------------------------------------------------------------------------------
_SUFFIXES_LOCAUX = (".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home",
                    ".home.arpa", ".corp", ".test", ".invalid", ".example", ".arpa", ".onion")
_NUMERIQUE = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.I)


def _ecritures(nom: str) -> set[str]:
    """Les écritures (LATIN, CYRILLIC, GREEK…) des lettres d'un nom."""
    return {unicodedata.name(c, "?").split(" ")[0] for c in nom if c.isalpha()}


def probleme_url(url: str) -> str | None:
    """Pourquoi cette adresse n'est pas acceptée comme lien public, ou None."""
    brut = url.strip()
    if any(c.isspace() or not c.isprintable() for c in brut):
        return "l'adresse contient un espace ou un caractère invisible"
    try:
        morceaux = urlsplit(unicodedata.normalize("NFKC", brut))
        hote = morceaux.hostname
        morceaux.port  # lève ValueError si le port est invalide
    except ValueError:
        return "adresse mal formée"
    schema = morceaux.scheme.lower()
    if schema == "mailto":
        return ("adresse électronique (mailto:) non permise : donner la page de contact du site de "
                "l'organisme (https://…)")
    if schema not in ("http", "https"):
        return "seules les adresses http:// ou https:// sont acceptées"
    if "@" in morceaux.netloc:
        return "adresse avec identifiant (« @ » avant le nom du site) non permise"
    if not hote:
        return "adresse sans nom de site (https://nom-du-site.fr/…)"
    hote = hote.rstrip(".")
    try:
        ipaddress.ip_address(hote)
        return "adresse IP non permise : donner le nom de domaine public du site (https://www.exemple.fr/)"
    except ValueError:
        pass
    etiquettes = hote.split(".")
    if all(_NUMERIQUE.match(e) for e in etiquettes if e):
        return "adresse IP déguisée non permise : donner le nom de domaine public du site"
    if len(etiquettes) < 2 or hote == "localhost" or hote.endswith(_SUFFIXES_LOCAUX):
        return f"« {hote[:60]} » n'est pas un site public (machine locale ou réseau interne)"
    try:
        decode = ".".join(e.encode("ascii").decode("idna") if e.startswith("xn--") else e for e in etiquettes)
    except (UnicodeError, ValueError):
        return "nom de domaine en punycode (xn--…) invalide"
    if _ecritures(decode) - {"LATIN"}:
        return (f"nom de domaine « {decode[:60]} » en écriture non latine ou mélangée (imitation possible "
                "d'un autre site) : donner l'adresse en lettres latines")
    return None


_HREF = re.compile(r'href="([^"]*)"')


def liens_markdown(html_assaini: str) -> list[str]:
    """Les adresses des liens d'un fragment HTML produit par assainir.markdown_html."""
    return [html.unescape(h) for h in _HREF.findall(html_assaini)]


# --- texte du modèle -----------------------------------------------------------------------------
A_COMPLETER = "à compléter"
DATE_DU_MODELE = "2000-01-01"


MESSAGE_A_COMPLETER = "texte du modèle à remplacer (« À compléter ») : écrire le contenu, ou supprimer le champ s'il est facultatif"
MESSAGE_DATE_DU_MODELE = (f"date du modèle ({DATE_DU_MODELE}) à remplacer : mettre la date de la proposition "
                          "(AAAA-MM-JJ)")


def est_a_completer(message: str) -> bool:
    """Vrai pour l'erreur d'un texte ou d'une date laissés tels que dans le modèle."""
    return message in (MESSAGE_A_COMPLETER, MESSAGE_DATE_DU_MODELE)


def texte_du_modele(texte: str) -> str | None:
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    if "a completer" in " ".join(sans_accents.split()):
        return MESSAGE_A_COMPLETER
    return None

"""Assainissement du texte contribué (bonnes pratiques…) avant toute sortie.

Le texte d'une pull request n'est pas du code de confiance. Deux sortes de champs :

- **texte simple** (titre, résumé, organisme…) → `texte()` : échappé pour HTML *et* neutralisé pour
  Markdown et pour les gabarits (mkdocs-macros) : `<script>` s'affiche tel quel, `[x](javascript:…)`
  ne devient pas un lien, `{{ config }}` n'est pas évalué ;
- **Markdown contribué** (description, résultats) → `markdown_html()` : Markdown → HTML (bibliothèque
  `markdown`), puis `nh3` avec une liste blanche stricte : ni script, ni iframe, ni style, ni
  attribut on*, ni image ; liens http, https et mailto seulement, avec `rel="noopener"`.

Toutes les sorties passent par ce module : pages (gabarits, filtres `texte` et `markdown`), index de
recherche (il indexe ces pages), exports (`texte_brut` pour les formats non HTML) et infobulles de la
carte (`texte`, `markdown_html`).
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

import markdown as _markdown
import nh3

SCHEMAS_PERMIS = frozenset({"http", "https", "mailto"})
ETIQUETTES = frozenset({
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "abbr", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
})
ATTRIBUTS = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
# balises supprimées avec tout leur contenu (les autres balises interdites perdent la balise, gardent le texte)
CONTENU_SUPPRIME = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"})


def _filtrer_attribut(balise: str, attribut: str, valeur: str) -> str | None:
    if attribut == "href":
        return valeur if url_sure(valeur) else None
    if attribut == "align":
        return valeur if valeur in ("left", "center", "right") else None
    return valeur


_NETTOYEUR = nh3.Cleaner(
    tags=set(ETIQUETTES),
    clean_content_tags=set(CONTENU_SUPPRIME),
    attributes={k: set(v) for k, v in ATTRIBUTS.items()},
    attribute_filter=_filtrer_attribut,
    url_schemes=set(SCHEMAS_PERMIS),
    url_relative="deny",
    link_rel="noopener",
    strip_comments=True,
)

# Caractères qui ont un sens en HTML, en Markdown (emphase, liens, code, tableaux, attr_list, abbr) ou
# pour Jinja (mkdocs-macros) : remplacés en une passe par des entités HTML, que Markdown laisse telles
# quelles et que le navigateur affiche. En début de texte, les marques de liste, de titre ou de
# définition aussi.
_ENTITES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_ENTITES.update({c: f"&#{ord(c)};" for c in "\\`*_{}[]#|!~"})
_A_NEUTRALISER = re.compile("[" + re.escape("".join(_ENTITES)) + "]")
_DEBUT_DE_BLOC = re.compile(r"^(?:[-+:=]|[0-9]+(?=[.)]))")
_LIEN_SANS_ADRESSE = re.compile(r"<a(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.S)


def url_sure(url: str | None) -> str | None:
    """L'adresse si elle est en http, https ou mailto ; sinon None (javascript:, data:, ftp:, relative…)."""
    if not url:
        return None
    nettoyee = "".join(c for c in url.strip() if c.isprintable() and not c.isspace())
    schema = nettoyee.split(":", 1)[0].lower() if ":" in nettoyee else ""
    return url.strip() if schema in SCHEMAS_PERMIS else None


def texte(valeur: object) -> str:
    """Texte simple → fragment sûr à insérer dans du Markdown ou du HTML (ligne unique, tout échappé)."""
    if valeur is None:
        return ""
    t = " ".join(str(valeur).split())
    t = _A_NEUTRALISER.sub(lambda m: _ENTITES[m.group()], t)
    return _DEBUT_DE_BLOC.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), t)


def attribut(valeur: object) -> str:
    """Texte simple → valeur d'attribut HTML entre guillemets doubles (`data-…="…"`, `href="…"`).

    Échappement HTML seulement (le contenu d'un attribut n'est pas lu comme du Markdown), plus `{` et
    `}` pour les gabarits."""
    if valeur is None:
        return ""
    return _neutraliser_gabarits(html.escape(" ".join(str(valeur).split()), quote=True))


def _neutraliser_gabarits(fragment: str) -> str:
    # `{` et `}` n'ont aucun rôle dans le HTML produit : en entités, ni Jinja ni attr_list ne les voient
    return fragment.replace("{", "&#123;").replace("}", "&#125;")


# Un convertisseur par réglage, remis à zéro avant chaque texte (`reset`) : même résultat que
# `markdown.markdown(...)`, sans recharger les extensions à chaque appel (milliers de pratiques).
_MARKDOWN = _markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
_MARKDOWN_BRUT = _markdown.Markdown(output_format="html")


# Limites de structure du Markdown contribué. Python-Markdown revient en arrière sur les crochets non
# fermés (6 000 « [ » : 29 s) et s'appelle récursivement sur les listes et citations imbriquées (300
# niveaux : RecursionError) : au-delà de ces limites, le texte n'est pas converti (validation : refusé
# avec un message ; ici, par sûreté, il est affiché comme texte simple).
CROCHETS_MAX = 100
"""« [ » au plus dans un champ Markdown (chaque lien en utilise un)."""
RETRAIT_MAX = 12
"""Retrait maximal d'une ligne, en colonnes (trois niveaux de liste imbriquée)."""
CITATIONS_MAX = 4
"""Citations « > » imbriquées au plus."""
_CITATIONS = re.compile(r"^[ \t]*(?:>[ \t]*){%d,}" % (CITATIONS_MAX + 1), re.M)
_RETRAIT = re.compile(r"^[ \t]*", re.M)


def probleme_markdown(source: str) -> str | None:
    """Pourquoi ce Markdown ne sera pas converti (structure hors limites), ou None. Linéaire."""
    if source.count("[") > CROCHETS_MAX:
        return f"trop de crochets « [ » : {CROCHETS_MAX} au plus dans un champ (reçu {source.count('[')})"
    if any(len(m.group().expandtabs(4)) > RETRAIT_MAX for m in _RETRAIT.finditer(source)):
        return f"ligne trop en retrait : {RETRAIT_MAX} espaces au plus (listes imbriquées sur trois niveaux au plus)"
    if _CITATIONS.search(source):
        return f"citations « > » trop imbriquées : {CITATIONS_MAX} niveaux au plus"
    return None


def markdown_html(source: object) -> str:
    """Markdown contribué → HTML assaini (fragment de blocs, sans balise englobante).

    Un texte hors des limites de structure (`probleme_markdown`) n'est pas converti : il est rendu
    comme texte simple échappé (la validation l'a déjà refusé ; ceci protège tout autre appel)."""
    if source is None:
        return ""
    if probleme_markdown(str(source)):
        return f"<p>{html.escape(' '.join(str(source).split()))}</p>".replace("{", "&#123;").replace("}", "&#125;")
    rendu = _MARKDOWN.reset().convert(str(source))
    propre = _LIEN_SANS_ADRESSE.sub(r"\1", _NETTOYEUR.clean(rendu))  # lien refusé → texte seul
    return _neutraliser_gabarits(propre).strip()


def markdown_en_ligne(source: object) -> str:
    """Comme `markdown_html`, sans le paragraphe englobant : pour une ligne de liste ou une infobulle."""
    rendu = markdown_html(source)
    if rendu.startswith("<p>") and rendu.endswith("</p>") and rendu.count("<p>") == 1:
        rendu = rendu[3:-4]
    return rendu


def bloc_html(source: object, classe: str = "") -> str:
    """Markdown contribué → bloc HTML prêt à poser dans une page Markdown (lignes vides autour)."""
    contenu = markdown_html(source)
    if not contenu:
        return ""
    attr = f' class="{texte(classe)}"' if classe else ""
    return f"<div{attr}>\n{contenu}\n</div>"


def texte_brut(source: object) -> str:
    """Texte sans aucune balise, pour les formats non HTML (CSV, JSON…).

    Le résultat n'est PAS échappé : à passer par `texte()` avant toute insertion dans du HTML.
    """
    if source is None:
        return ""
    if probleme_markdown(str(source)):
        return " ".join(str(source).split())
    rendu = _MARKDOWN_BRUT.reset().convert(str(source))
    sans_balises = nh3.clean(rendu, tags=set(), clean_content_tags=set(CONTENU_SUPPRIME))
    return " ".join(html.unescape(sans_balises).split())


def json_compact(objet: Any) -> str:
    """JSON compact, strict (ni NaN ni Infinity : `ValueError`)."""
    return json.dumps(objet, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def json_dans_html(objet: Any) -> str:
    """JSON compact sûr dans un élément <script> : `<`, `>` et `&` échappés (\\u003c…), donc ni
    `</script>` ni commentaire HTML ne peuvent en sortir, quel que soit le texte contribué."""
    texte = json_compact(objet)
    return (texte.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))

"""Les adresses stables et lisibles du site (chemins de fichiers Markdown et URL relatives)."""
from __future__ import annotations

from referentiel_rso.formats import slug  # noqa: F401 - `urls.slug` : le slug du projet, pour les gabarits


def page_engagement(eng) -> str:
    return f"engagements/{eng.numero}-{eng.slug}/index.md"


def page_enjeu(enjeu) -> str:
    return f"enjeux/{enjeu.id.replace('.', '-')}-{enjeu.slug}/index.md"


def page_odd(numero: int) -> str:
    return f"odd/{numero}/index.md"


def page_question(question) -> str:
    return f"iso-26000/{question.id}/index.md"


def page_indicateurs() -> str:
    return "indicateurs/index.md"


def page_indicateur(id_: str) -> str:
    return f"indicateurs/fiches/{id_.replace('.', '-')}/index.md"


def page_declinaison(d) -> str:
    return f"declinaisons/{d.branche}/index.md"


def page_declinaison_engagement(d, eng) -> str:
    """La déclinaison d'un engagement par une branche, enjeu par enjeu."""
    return f"declinaisons/{d.branche}/{eng.numero}-{eng.slug}/index.md"


def ancre_enjeu(id_: str) -> str:
    """Ancre d'un enjeu dans une page qui en traite plusieurs (« enjeu-2-1 »)."""
    return "enjeu-" + id_.replace(".", "-")


def ancre_indicateur(id_: str) -> str:
    return "indicateur-" + id_.replace(".", "-")


def ancre_objectif(id_: str) -> str:
    return "objectif-" + id_.replace(".", "-")


def ancre_terme(terme: str) -> str:
    return slug(terme)


def lien(de: str, vers: str, ancre: str | None = None) -> str:
    """Lien relatif Markdown d'une page générée vers une autre (chemins de fichiers .md)."""
    import posixpath

    rel = posixpath.relpath(vers, posixpath.dirname(de) or ".")
    return rel + (f"#{ancre}" if ancre else "")


def url(de: str, vers: str, ancre: str | None = None) -> str:
    """URL relative pour du HTML brut (que MkDocs ne réécrit pas) : dossier de la page cible."""
    import posixpath

    cible = posixpath.dirname(vers) if vers.endswith("index.md") else vers[:-3]
    rel = posixpath.relpath(cible or ".", posixpath.dirname(de) or ".")
    rel = "" if rel == "." else rel + "/"
    return (rel or "./") + (f"#{ancre}" if ancre else "")


def asset(de: str, chemin: str) -> str:
    """Adresse relative d'un fichier de docs/ (script, image) depuis une page générée servie en dossier."""
    import posixpath

    dossier = posixpath.dirname(de) if de.endswith("index.md") else de[:-3]
    return posixpath.relpath(chemin, dossier or ".")

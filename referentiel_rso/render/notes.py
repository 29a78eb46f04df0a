"""Notes sur la source, lues par une personne : de quoi parle la note (« 3e ODD cité », « Actions types,
2e groupe ») plutôt que le chemin de la donnée (`odd[2]`, `actions_types[1]`), et les documents sources par
leur titre (data/sources.yml) plutôt que par leur code (« 004 », « (003) », « source 000 »).

Deux fonctions pures sur du texte brut ; le gabarit échappe ou assainit leur résultat comme le reste.
Un champ qui n'est pas un chemin de donnée (« indicateurs P1 ») est rendu tel quel.
"""
from __future__ import annotations

import re
from typing import Any

# nom de champ → (libellé du champ seul, libellé d'un de ses éléments « {n} » = rang, genre de l'élément)
CHAMPS: dict[str, tuple[str, str, str]] = {
    "odd": ("ODD cités", "{n} ODD cité", "m"),
    "actions_types": ("Actions types", "Actions types, {n} groupe", "m"),
    "sous_groupes": ("sous-groupes", "{n} sous-groupe", "m"),
    "actions": ("actions", "{n} action", "f"),
    "indicateurs": ("Indicateurs", "{n} indicateur", "m"),
    "indicateurs_branche": ("Indicateurs de branche", "{n} indicateur de branche", "m"),
    "objectifs": ("Objectifs", "{n} objectif", "m"),
    "references": ("Références", "Références, {n} groupe", "m"),
    "references.references": ("références", "{n} référence", "f"),
    "glossaire": ("Glossaire", "Glossaire, {n} terme", "m"),
    "exemples": ("Exemples", "{n} exemple", "m"),
    "perspectives": ("Perspectives", "{n} perspective", "f"),
    "actions_nationales": ("Actions de niveau national", "{n} action de niveau national", "f"),
    "actions_locales": ("Actions de niveau local", "{n} action de niveau local", "f"),
    "valeurs": ("Valeurs publiées", "{n} valeur publiée", "f"),
    "synthese_odd": ("Synthèse par domaine des ODD", "Synthèse par domaine des ODD, {n} domaine", "m"),
    "preambule": ("Préambule", "Préambule, {n} partie", "f"),
    "engagements": ("Engagements", "{n} engagement", "m"),
    "enjeux": ("Enjeux", "{n} enjeu cité", "m"),
    "themes": ("Thèmes", "{n} thème", "m"),
    "etiquettes": ("étiquettes", "{n} étiquette", "f"),
    "resultats": ("Résultats", "{n} résultat", "m"),
    "distinctions": ("Distinctions", "{n} distinction", "f"),
    "partenaires": ("Partenaires", "{n} partenaire", "m"),
    "sources": ("Sources", "{n} source", "f"),
    "liste": ("liste", "{n} élément", "m"),
}
# champs sans éléments : leur libellé
LIBELLES: dict[str, str] = {
    "titre": "titre", "titre_court": "titre court", "intitule": "intitulé", "categorie": "catégorie",
    "texte": "texte", "introduction": "Introduction", "editorial": "Éditorial", "edition": "Édition",
    "chiffres_cles": "chiffres clés", "indicateurs_p1": "indicateurs P1", "description": "Description",
    "organisme": "Organisme", "territoire": "Territoire", "annee": "Année", "iso26000": "Référence ISO 26000",
    "contact": "Contact", "branche": "Branche", "appui_reseau": "Appui au réseau", "statut": "Statut",
    "provenance": "Provenance", "portee": "Portée", "objectif": "objectif", "resume": "Résumé",
    "parties_prenantes": "Parties prenantes", "de_quoi_s_agit_il": "De quoi s'agit-il ?",
    "commentaire": "Commentaire", "precision": "précision", "unite": "unité", "valeur": "valeur",
    "lien": "lien", "clause": "clause", "question": "question centrale", "libelle": "libellé",
    "sous_titre": "sous-titre", "date": "date", "note": "note", "domaine": "domaine", "theme": "thème",
}

_CHEMIN = re.compile(r"^[a-z_0-9]+(\[\d+\])?(\.[a-z_0-9]+(\[\d+\])?)*$")
_SEGMENT = re.compile(r"([a-z_0-9]+)(?:\[(\d+)\])?")


def rang(n: int, genre: str = "m") -> str:
    """1 → « 1er » (« 1re »), 2 → « 2e »…"""
    return ("1er" if genre == "m" else "1re") if n == 1 else f"{n}e"


def objet(champ: str) -> str:
    """Ce dont parle une note, en mots : `odd[2]` → « 3e ODD cité »,
    `actions_types[1].sous_groupes[0]` → « Actions types, 2e groupe, 1er sous-groupe »."""
    champ = champ.strip()
    if not _CHEMIN.match(champ):
        return champ
    morceaux: list[str] = []
    parent = ""
    for nom, indice in _SEGMENT.findall(champ):
        cle = f"{parent}.{nom}" if f"{parent}.{nom}" in CHAMPS else nom
        if cle in CHAMPS:
            seul, element, genre = CHAMPS[cle]
            morceaux.append(element.format(n=rang(int(indice) + 1, genre)) if indice else seul)
        else:
            libelle = LIBELLES.get(nom, nom.replace("_", " "))
            morceaux.append(libelle + (f" n° {int(indice) + 1}" if indice else ""))
        parent = nom
    texte = ", ".join(morceaux)
    return texte[:1].upper() + texte[1:]


def _titre(doc: Any) -> str:
    return f"« {doc.titre} »"


def nommer_sources(texte: str, documents: Any) -> str:
    """Le texte d'une source où chaque code de document (« 004 ») est remplacé par son titre.

    Formes reconnues, par segment séparé par « ; » :
    - « 004 », « 004 (compte rendu…) » : le titre seul ;
    - « 004, engagement 3 » : « « titre », engagement 3 » ;
    - « Stratégie RSO branche Maladie (004), diapositive 3 » : le nom court est remplacé par le titre ;
    - « …(interview, source 000) » : « source 000 » retiré si le titre est déjà écrit, remplacé sinon.
    """
    if not texte or documents is None:
        return texte
    par_code = {d.code: d for d in documents.documents}
    codes = "|".join(map(re.escape, par_code))
    if not codes:
        return texte

    def segment(s: str) -> str:
        tete = s.strip()
        m = re.fullmatch(rf"({codes})(?:\s*\([^()]*\))?", tete)
        if m:
            return _titre(par_code[m.group(1)])
        m = re.match(rf"({codes}),\s*(.+)$", tete, re.S)
        if m:
            return f"{_titre(par_code[m.group(1)])}, {m.group(2)}"
        m = re.search(rf"\s*\(({codes})\)", tete)
        if m:
            reste = (tete[:m.start()] + tete[m.end():]).strip()
            nom, virgule, suite = reste.partition(",")
            return _titre(par_code[m.group(1)]) + (f",{suite}" if virgule else "")

        def source_n(m: re.Match) -> str:
            doc = par_code[m.group(2)]
            if doc.titre.lower() in tete.lower():
                return ""
            return f"{m.group(1)}{_titre(doc)}"

        tete = re.sub(rf"(,?\s*)source ({codes})\b", source_n, tete)
        return tete.replace("()", "").replace("( ", "(").strip()

    return " ; ".join(segment(s) for s in texte.split(";"))

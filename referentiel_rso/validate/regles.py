"""Règles qui portent sur plusieurs champs ou plusieurs fichiers du référentiel."""
from __future__ import annotations

import re
from typing import Any

from referentiel_rso.validate.erreurs import Erreur
from referentiel_rso.load.yaml_lignes import Document
from referentiel_rso.models import Enjeu, Referentiel, TableIso26000, TableOdd


def regles_referentiel(
    referentiel: Referentiel,
    enjeux: list[tuple[str, Enjeu]],
    odd: TableOdd,
    iso: TableIso26000,
    docs: dict[str, Document],
) -> list[Erreur]:
    erreurs: list[Erreur] = []

    def err(fichier: str, chemin: tuple[Any, ...], champ: str, texte: str) -> None:
        doc = docs.get(fichier)
        erreurs.append(Erreur(fichier, doc.ligne(chemin) if doc else 1, champ, texte))

    ref_fichier = "content/referentiel.yml"
    numeros_odd = [o.numero for o in odd.odd]
    if sorted(numeros_odd) != list(range(1, 18)):
        err("data/odd.yml", ("odd",), "odd", "la table doit contenir les ODD 1 à 17, une fois chacun")

    numeros_eng = [e.numero for e in referentiel.engagements]
    if numeros_eng != list(range(1, len(numeros_eng) + 1)):
        err(ref_fichier, ("engagements",), "engagements", f"numérotation attendue 1, 2, 3… dans l'ordre (trouvé {numeros_eng})")
    for i, eng in enumerate(referentiel.engagements):
        if sum(1 for e in referentiel.engagements if e.slug == eng.slug) > 1:
            err(ref_fichier, ("engagements", i, "slug"), f"engagements[{i}].slug", f"« {eng.slug} » est déjà utilisé")

    vus: dict[str, str] = {}
    par_engagement: dict[int, list[str]] = {}
    questions = {q.id for q in iso.questions_centrales}
    for fichier, enjeu in enjeux:
        nom = fichier.rsplit("/", 1)[-1]
        attendu = f"{enjeu.id.replace('.', '-')}-{enjeu.slug}.yml"
        if nom != attendu:
            err(fichier, ("id",), "id", f"le nom du fichier doit être « {attendu} » (id puis slug)")
        if enjeu.id in vus:
            err(fichier, ("id",), "id", f"« {enjeu.id} » est déjà l'id de {vus[enjeu.id]}")
        vus[enjeu.id] = fichier
        if enjeu.engagement not in numeros_eng:
            err(fichier, ("engagement",), "engagement", f"l'engagement {enjeu.engagement} n'existe pas (engagements connus : {', '.join(map(str, numeros_eng))})")
        if not enjeu.id.startswith(f"{enjeu.engagement}."):
            err(fichier, ("id",), "id", f"l'enjeu « {enjeu.id} » doit commencer par le numéro de son engagement ({enjeu.engagement})")
        par_engagement.setdefault(enjeu.engagement, []).append(enjeu.id)

        for i, ref in enumerate(enjeu.iso26000.references):
            if ref.question not in questions:
                err(fichier, ("iso26000", "references", i, "question"), f"iso26000.references[{i}].question", f"« {ref.question} » n'est pas une question centrale connue")
        numeros = [c.numero for c in enjeu.odd]
        for i, n in enumerate(numeros):
            if numeros.index(n) != i:
                err(fichier, ("odd", i, "numero"), f"odd[{i}].numero", f"l'ODD {n} est cité deux fois")

        ids_obj = [o.id for o in enjeu.objectifs]
        for i, oid in enumerate(ids_obj):
            if oid != f"{enjeu.id}.{i + 1}":
                err(fichier, ("objectifs", i, "id"), f"objectifs[{i}].id", f"« {oid} » : attendu « {enjeu.id}.{i + 1} » (objectifs numérotés dans l'ordre de la fiche)")
        for i, groupe in enumerate(enjeu.actions_types):
            if groupe.objectif and groupe.objectif not in ids_obj:
                err(fichier, ("actions_types", i, "objectif"), f"actions_types[{i}].objectif", f"« {groupe.objectif} » n'est pas un objectif de cet enjeu (objectifs : {', '.join(ids_obj)})")
            if not (groupe.actions or groupe.sous_groupes or groupe.texte):
                err(fichier, ("actions_types", i), f"actions_types[{i}]", "groupe vide : il faut des actions, des sous-groupes ou un texte")
        for i, ind in enumerate(enjeu.indicateurs):
            if not ind.id.startswith(enjeu.id + "-"):
                err(fichier, ("indicateurs", i, "id"), f"indicateurs[{i}].id", f"« {ind.id} » doit commencer par « {enjeu.id}-i »")
            if ind.objectif and ind.objectif not in ids_obj:
                err(fichier, ("indicateurs", i, "objectif"), f"indicateurs[{i}].objectif", f"« {ind.objectif} » n'est pas un objectif de cet enjeu (objectifs : {', '.join(ids_obj)})")
        ids_ind = [x.id for x in enjeu.indicateurs]
        for i, x in enumerate(ids_ind):
            if ids_ind.index(x) != i:
                err(fichier, ("indicateurs", i, "id"), f"indicateurs[{i}].id", f"« {x} » est déjà utilisé dans ce fichier")
        termes = [g.terme.lower() for g in enjeu.glossaire]
        for i, t in enumerate(termes):
            if termes.index(t) != i:
                err(fichier, ("glossaire", i, "terme"), f"glossaire[{i}].terme", "terme déjà défini dans cette fiche")
        for i, groupe in enumerate(enjeu.references):
            for j, r in enumerate(groupe.references):
                if r.lien and not re.match(r"^https?://", r.lien):
                    err(fichier, ("references", i, "references", j, "lien"), f"references[{i}].references[{j}].lien", f"« {r.lien} » : seuls les liens http:// ou https:// sont acceptés")

    for eng, ids in sorted(par_engagement.items()):
        attendus = [f"{eng}.{k}" for k in range(1, len(ids) + 1)]
        if sorted(ids) != attendus:
            err(ref_fichier, ("engagements",), "engagements", f"les enjeux de l'engagement {eng} doivent être numérotés {', '.join(attendus)} (trouvé {', '.join(sorted(ids))})")
    for i, eng in enumerate(referentiel.engagements):
        if enjeux and eng.numero not in par_engagement:
            err(ref_fichier, ("engagements", i), f"engagements[{i}]", f"l'engagement {eng.numero} n'a aucun enjeu dans content/enjeux/")
    for i, s in enumerate(referentiel.synthese_odd):
        for j, n in enumerate(s.odd):
            if n not in numeros_odd:
                err(ref_fichier, ("synthese_odd", i, "odd", j), f"synthese_odd[{i}].odd[{j}]", f"ODD {n} inconnu (1 à 17)")
    return erreurs

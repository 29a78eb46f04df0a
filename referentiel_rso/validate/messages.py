"""Messages de pydantic traduits en français, pour un contributeur non développeur."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel


# Motifs des identifiants et des codes → forme attendue, dite en français (plutôt que le motif brut).
FORMES: dict[str, str] = {
    r"^BP-[0-9]{4,5}$": "« BP- » suivi de quatre chiffres (cinq au-delà de 9999), ex. « BP-0012 »",
    r"^[0-9]{1,2}\.[0-9]{1,2}$": "numéro d'enjeu, ex. « 3.3 » (entre guillemets)",
    r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$": "numéro d'objectif, ex. « 3.3.1 » (entre guillemets)",
    r"^[0-9]{1,2}\.[0-9]{1,2}-i[0-9]{1,2}$": "id d'indicateur, ex. « 3.3-i1 »",
    r"^[0-9]{2}$": "code INSEE de région sur deux chiffres, ex. « 28 » ou « 04 »",
    r"^([0-9]{2}|2A|2B|97[1-6])$": "code INSEE de département, ex. « 76 », « 2A » ou « 974 »",
    r"^([0-9]{5}|2A[0-9]{3}|2B[0-9]{3})$": "code INSEE de commune sur cinq caractères, ex. « 76540 » (pas le code postal)",
}


def _valeur(v: Any) -> str:
    texte = str(v)
    return f"« {texte[:60]}{'…' if len(texte) > 60 else ''} »"


def champs_possibles(modele: type[BaseModel], chemin: tuple[Any, ...]) -> list[str]:
    """Les clés permises à l'endroit `chemin` (pour suggérer la bonne orthographe)."""
    import typing

    courant: Any = modele
    for partie in chemin:
        if isinstance(partie, int):
            continue
        if not (isinstance(courant, type) and issubclass(courant, BaseModel)) or partie not in courant.model_fields:
            return []
        courant = courant.model_fields[partie].annotation
        # dérouler Optional[...] et list[...] jusqu'au modèle
        for _ in range(4):
            args = [a for a in typing.get_args(courant) if a is not type(None)]
            if isinstance(courant, type) and issubclass(courant, BaseModel):
                break
            if not args:
                break
            courant = args[0]
    if isinstance(courant, type) and issubclass(courant, BaseModel):
        return list(courant.model_fields)
    return []


def message(erreur: dict[str, Any], modele: type[BaseModel]) -> str:
    t = erreur["type"]
    ctx = erreur.get("ctx") or {}
    v = erreur.get("input")
    if t == "missing":
        return "champ obligatoire manquant"
    if t == "extra_forbidden":
        possibles = champs_possibles(modele, tuple(erreur["loc"][:-1]))
        suggestion = f" ; clés permises ici : {', '.join(possibles)}" if possibles else ""
        return f"clé inconnue (faute de frappe ?){suggestion}"
    if t in ("string_type", "str_type"):
        return f"doit être un texte, pas {_valeur(v)} (mettre entre guillemets)"
    if t in ("int_type", "int_parsing", "int_from_float"):
        return f"doit être un nombre entier, pas {_valeur(v)}"
    if t in ("float_type", "float_parsing"):
        return f"doit être un nombre, pas {_valeur(v)}"
    if t in ("bool_type", "bool_parsing"):
        return f"doit valoir true ou false, pas {_valeur(v)}"
    if t == "list_type":
        return "doit être une liste (éléments précédés de « - »)"
    if t in ("dict_type", "model_type", "model_attributes_type"):
        return "doit être un bloc de champs « clé: valeur »"
    if t == "string_too_short":
        return "ne doit pas être vide"
    if t == "string_too_long":
        return f"texte trop long ({ctx.get('max_length')} caractères au plus)"
    if t == "too_short":
        return f"doit contenir au moins {ctx.get('min_length')} élément(s)"
    if t == "too_long":
        return f"doit contenir au plus {ctx.get('max_length')} élément(s)"
    if t == "string_pattern_mismatch":
        forme = FORMES.get(str(ctx.get("pattern")))
        if forme:
            return f"{_valeur(v)} n'a pas la forme attendue : {forme}"
        return f"{_valeur(v)} n'a pas la forme attendue (motif {ctx.get('pattern')})"
    if t in ("literal_error", "enum"):
        permises = str(ctx.get("expected", "")).replace(" or ", " ou ")
        return f"{_valeur(v)} n'est pas une valeur permise (valeurs permises : {permises})"
    if t == "greater_than_equal":
        return f"doit être supérieur ou égal à {ctx.get('ge')} (reçu {_valeur(v)})"
    if t == "less_than_equal":
        return f"doit être inférieur ou égal à {ctx.get('le')} (reçu {_valeur(v)})"
    if t == "greater_than":
        return f"doit être supérieur à {ctx.get('gt')} (reçu {_valeur(v)})"
    if t == "less_than":
        return f"doit être inférieur à {ctx.get('lt')} (reçu {_valeur(v)})"
    if t in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"doit être une date AAAA-MM-JJ, pas {_valeur(v)}"
    if t == "value_error":
        return str(ctx.get("error", erreur.get("msg")))
    if t == "assertion_error":
        return str(ctx.get("error", erreur.get("msg")))
    return f"valeur invalide {_valeur(v)} ({erreur.get('msg')})"

"""Transcrire une proposition faite par le formulaire d'issue en fichier de bonne pratique validé.

1. lire le corps de l'issue (contribution/corps.py) ;
2. convertir chaque réponse en champ du modèle Pratique (libellé d'une liste → valeur du fichier) ;
3. écrire content/bonnes_pratiques/BP-NNNN-<slug>.yml avec le prochain id libre (contribution/fichier.py,
   le même code que `nouvelle-pratique`) ;
4. valider tout le contenu avec le validateur du projet (catalogue.charger) ;
5. en cas d'erreur : retirer le fichier et rendre les erreurs nommées par les intitulés du formulaire.

Le texte reçu n'est jamais interprété : il devient des valeurs YAML (échappées par le sérialiseur), puis
le validateur et l'assainisseur s'en chargent comme pour tout fichier contribué. Les textes destinés à
GitHub (commentaire, description de la pull request) échappent le Markdown de ce qu'ils citent.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from referentiel_rso.contribution.corps import Reponses, lignes, lire_corps
from referentiel_rso.contribution.fichier import creer_pratique
from referentiel_rso.validate.annotations import echapper_markdown
from referentiel_rso.contribution.formulaire import Champ, Choix, EcrivainYaml, champs

ENTETE_SCHEMA = "# yaml-language-server: $schema=../../schemas/pratique.schema.json"
ORDRE = ("id", "titre", "resume", "description", "organisme", "branche", "partenaires", "portee", "territoire",
         "coordonnees", "annee", "enjeux", "objectifs", "resultats", "distinctions", "sources", "statut",
         "provenance", "contact")
# champ du fichier → id du champ du formulaire qui le remplit
ORIGINE = {"titre": "titre", "resume": "resume", "description": "description", "organisme": "organisme",
           "branche": "branche", "partenaires": "partenaires", "portee": "portee", "coordonnees": "coordonnees",
           "annee": "annee", "enjeux": "enjeux", "objectifs": "objectifs", "contact": "contact",
           "provenance": "propose_par", "territoire.region": "region", "territoire.departement": "departement",
           "territoire.commune": "commune", "territoire": "region"}


@dataclass
class ErreurFormulaire:
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label} : {self.message}"


@dataclass
class Resultat:
    numero: int | None
    donnees: dict[str, Any]
    erreurs: list[ErreurFormulaire] = field(default_factory=list)
    id: str | None = None
    fichier: str | None = None
    """Chemin relatif à la racine du fichier écrit (seulement si la proposition est valide)."""
    contenu: str = ""

    @property
    def valide(self) -> bool:
        return not self.erreurs and self.fichier is not None


# --------------------------------------------------------------------------------------------------
# conversion des réponses
# --------------------------------------------------------------------------------------------------
def _une_ligne(texte: str | None) -> str | None:
    return " ".join(texte.split()) if texte else None


def _code(valeur: str | None, motif: str) -> str | None:
    """Le code INSEE d'une saisie comme « Manche (50) » ou « 50 » ; sinon la saisie telle quelle
    (le validateur dira ce qui ne va pas)."""
    if not valeur:
        return None
    valeur = _une_ligne(valeur) or ""
    m = re.fullmatch(motif, valeur, re.I) or re.search(rf"\(\s*({motif})\s*\)", valeur, re.I) \
        or re.search(rf"(?<![0-9A-Za-z])({motif})(?![0-9A-Za-z])", valeur, re.I)
    return (m.group(1) if m.groups() else m.group(0)).upper() if m else valeur


def _nombre(texte: str) -> int | float | str:
    brut = re.sub(r"[\s\u00a0\u202f]", "", texte).replace(",", ".")
    if re.fullmatch(r"-?[0-9]+", brut):
        return int(brut)
    if re.fullmatch(r"-?[0-9]*\.[0-9]+", brut):
        return float(brut)
    return texte.strip()


def _annee(texte: str | None) -> int | str | None:
    if not texte:
        return None
    t = texte.strip()
    return int(t) if re.fullmatch(r"[0-9]{4}", t) else t


_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"']+", re.I)


class _Conversion:
    def __init__(self, reponses: Reponses, choix: Choix, liste: list[Champ]):
        self.r = reponses
        self.choix = choix
        self.labels = {c.id: c.label for c in liste}
        self.erreurs: list[ErreurFormulaire] = [ErreurFormulaire(lbl, msg) for lbl, msg in reponses.erreurs]
        self.lignes_de: dict[tuple[str, int], tuple[str, int]] = {}
        """(liste du fichier, index) → (id du champ du formulaire, ligne dans ce champ)."""

    def err(self, id_champ: str, message: str, ligne: int | None = None) -> None:
        self.erreurs.append(ErreurFormulaire(self.labels[id_champ] + (f" (ligne {ligne})" if ligne else ""), message))

    def v(self, id_champ: str) -> str | None:
        return self.r.valeurs.get(id_champ)

    def choix_unique(self, id_champ: str, table: dict[str, str]) -> str | None:
        valeur = _une_ligne(self.v(id_champ))
        if valeur is None:
            return None
        if valeur in table:
            return table[valeur]
        if valeur in table.values():  # la valeur du fichier, tapée directement
            return valeur
        self.err(id_champ, f"« {valeur[:80]} » n'est pas un choix de la liste")
        return None

    def enjeux(self) -> list[str]:
        """Les choix d'une liste multiple sont joints par « , » ; un titre peut contenir « , » : on
        reconnaît les libellés connus, puis, pour le reste, le numéro d'enjeu en tête de chaque morceau."""
        reste = _une_ligne(self.v("enjeux")) or ""
        connus = sorted(self.choix.enjeux, key=len, reverse=True)
        ids: list[str] = []
        while reste:
            libelle = next((x for x in connus if reste.startswith(x) and reste[len(x):len(x) + 2] in ("", ", ")), None)
            if libelle is not None:
                ids.append(self.choix.enjeux[libelle])
                reste = reste[len(libelle) + 2:]
                continue
            morceau, _, reste = reste.partition(", ")
            m = re.match(r"\s*([0-9]{1,2}\.[0-9]{1,2})\b", morceau)
            ids.append(m.group(1) if m else morceau.strip())
        return ids

    def donnees(self, aujourd_hui: dt.date) -> dict[str, Any]:
        d: dict[str, Any] = {}
        d["titre"] = _une_ligne(self.v("titre"))
        d["resume"] = _une_ligne(self.v("resume"))
        description = self.v("description")
        d["description"] = description.strip() if description else None
        d["organisme"] = _une_ligne(self.v("organisme"))
        d["branche"] = self.choix_unique("branche", self.choix.branches)
        d["partenaires"] = [texte for _, texte in lignes(self.v("partenaires"))]
        d["portee"] = self.choix_unique("portee", self.choix.portees)
        territoire = {
            "region": self.choix_unique("region", self.choix.regions),
            "departement": _code(self.v("departement"), r"2A|2B|97[1-6]|[0-9]{2}"),
            "commune": _code(self.v("commune"), r"2A[0-9]{3}|2B[0-9]{3}|[0-9]{5}"),
        }
        territoire = {k: v for k, v in territoire.items() if v}
        d["territoire"] = territoire or None
        d["coordonnees"] = self.coordonnees()
        d["annee"] = _annee(self.v("annee"))
        d["enjeux"] = self.enjeux()
        d["objectifs"] = [x for x in re.split(r"[\s,;]+", self.v("objectifs") or "") if x]
        d["resultats"] = self.resultats()
        d["distinctions"] = self.distinctions()
        d["sources"] = self.sources()
        d["statut"] = {"etat": "proposee"}
        d["provenance"] = {"propose_par": _une_ligne(self.v("propose_par")), "date": aujourd_hui}
        d["contact"] = _une_ligne(self.v("contact"))
        attendues = {"verifications"} if "verifications" in self.labels else set()
        for id_champ in attendues:
            if len(self.r.cochees.get(id_champ, [])) < 2:
                self.err(id_champ, "cocher les deux cases (aucune donnée personnelle ; accord de publication)")
        return {k: v for k, v in d.items() if v not in (None, [], {})}

    def coordonnees(self) -> dict[str, float] | None:
        valeur = _une_ligne(self.v("coordonnees"))
        if not valeur:
            return None
        nombre = r"-?[0-9]+(?:[.,][0-9]+)?"
        if ";" in valeur:
            parties = [p.strip() for p in valeur.split(";")]
        else:
            m = re.fullmatch(rf"({nombre.replace('[.,]', '[.]')})\s*[,/ ]\s*({nombre.replace('[.,]', '[.]')})", valeur)
            parties = list(m.groups()) if m else []
        if len(parties) == 2 and all(re.fullmatch(nombre, p) for p in parties):
            lat, lon = (float(p.replace(",", ".")) for p in parties)
            return {"lat": lat, "lon": lon}
        self.err("coordonnees", f"« {valeur[:80]} » : écrire la latitude puis la longitude en degrés décimaux, "
                                "séparées par une virgule (par exemple 49.1157, -1.0907)")
        return None

    def resultats(self) -> list[dict[str, Any]]:
        sortie: list[dict[str, Any]] = []
        for n, texte in lignes(self.v("resultats")):
            self.lignes_de[("resultats", len(sortie))] = ("resultats", n)
            sortie.append({"texte": texte})
        for n, texte in lignes(self.v("mesures")):
            parties = [p.strip() for p in re.split(r"\s*[;|]\s*", texte)]
            self.lignes_de[("resultats", len(sortie))] = ("mesures", n)
            if len(parties) < 2:
                self.err("mesures", "écrire « indicateur ; valeur ; unité ; année » (par exemple 3.3-i1 ; 42 ; % ; 2024)", n)
                continue
            m = re.search(r"[0-9]{1,2}\.[0-9]{1,2}-i[0-9]{1,2}", parties[0])
            valeur = _nombre(parties[1])
            if isinstance(valeur, str):
                self.err("mesures", f"la valeur « {valeur[:40]} » n'est pas un nombre (chiffres, virgule ou point décimal)", n)
                continue
            mesure: dict[str, Any] = {"indicateur": m.group(0) if m else parties[0], "valeur": valeur}
            if len(parties) > 2 and parties[2]:
                mesure["unite"] = parties[2]
            if len(parties) > 3 and parties[3]:
                mesure["annee"] = _annee(parties[3])
            sortie.append(mesure)
        return sortie

    def distinctions(self) -> list[dict[str, Any]]:
        sortie: list[dict[str, Any]] = []
        for n, texte in lignes(self.v("distinctions")):
            parties = [p.strip() for p in re.split(r"\s*;\s*", texte)]
            self.lignes_de[("distinctions", len(sortie))] = ("distinctions", n)
            x: dict[str, Any] = {"intitule": parties[0]}
            if len(parties) > 1 and parties[1]:
                x["annee"] = _annee(parties[1])
            if len(parties) > 2 and parties[2]:
                x["precision"] = "; ".join(parties[2:])
            sortie.append(x)
        return sortie

    def sources(self) -> list[dict[str, Any]]:
        sortie: list[dict[str, Any]] = []
        for n, texte in lignes(self.v("sources")):
            self.lignes_de[("sources", len(sortie))] = ("sources", n)
            adresses = list(_URL.finditer(texte))  # « titre puis adresse » : la dernière adresse de la ligne
            m = adresses[-1] if adresses else None
            url = m.group(0).rstrip(".,;:!?)]»") if m else None
            titre = (texte[:m.start()] + " " + texte[m.start() + len(url or ""):]) if m else texte
            titre = re.sub(r"\s+", " ", titre).strip(" \t-—–:|")
            sortie.append({"titre": titre or url, **({"url": url} if url else {})})
        return sortie


# --------------------------------------------------------------------------------------------------
# fichier YAML
# --------------------------------------------------------------------------------------------------
def yaml_pratique(id_: str, donnees: dict[str, Any], numero: int | None) -> str:
    ordonnees = {"id": id_, **donnees}
    ordonnees = {k: ordonnees[k] for k in ORDRE if k in ordonnees}
    origine = f"de l'issue #{numero} " if numero else ""
    entete = (f"{ENTETE_SCHEMA}\n#\n# Transcrit automatiquement {origine}(formulaire « Proposer une bonne pratique »),\n"
              "# à relire par le CTP RSO. Guide : CONTRIBUTING.md.\n\n")
    return entete + yaml.dump(ordonnees, Dumper=EcrivainYaml, allow_unicode=True, sort_keys=False, width=100)


# --------------------------------------------------------------------------------------------------
# transcription complète
# --------------------------------------------------------------------------------------------------
def _label_de(champ: str, conv: _Conversion) -> tuple[str, str]:
    """(intitulé du formulaire, précision) pour un champ d'erreur du validateur (`resultats[1].valeur`)."""
    m = re.match(r"^([a-z_]+)(?:\[([0-9]+)\])?(?:\.([a-z_]+))?", champ or "")
    if not m:
        return "Proposition", ""
    racine, index, sous = m.group(1), m.group(2), m.group(3)
    if racine in ("resultats", "sources", "distinctions") and index is not None:
        id_champ, ligne = conv.lignes_de.get((racine, int(index)), (racine, 0))
        return conv.labels.get(id_champ, racine), (f"ligne {ligne}" if ligne else "")
    if racine == "partenaires" and index is not None:
        return conv.labels["partenaires"], f"ligne {int(index) + 1}"
    cle = f"{racine}.{sous}" if racine == "territoire" and sous else racine
    id_champ = ORIGINE.get(cle)
    if id_champ and id_champ in conv.labels:
        n = int(index) + 1 if index is not None else 0
        precision = f"{n}{'er' if n == 1 else 'e'} choix" if racine == "enjeux" and n else ""
        return conv.labels[id_champ], precision
    return "Proposition", champ


def transcrire(racine: Path, corps: str, numero: int | None = None, aujourd_hui: dt.date | None = None,
               choix_: Choix | None = None) -> Resultat:
    """Écrit la pratique si elle est valide (et la laisse en place) ; sinon n'écrit rien et rend les erreurs."""
    from referentiel_rso.contribution.formulaire import choix as lire_choix

    racine = Path(racine)
    c = choix_ or lire_choix(racine)
    liste = champs(c)
    reponses = lire_corps(corps, liste)
    conv = _Conversion(reponses, c, liste)
    if conv.erreurs:  # corps illisible : rien n'est écrit
        return Resultat(numero, {}, erreurs=conv.erreurs)
    donnees = conv.donnees(aujourd_hui or dt.date.today())
    resultat = Resultat(numero, donnees)
    id_, chemin = creer_pratique(racine, donnees.get("titre") or "proposition",
                                 lambda i: yaml_pratique(i, donnees, numero))
    fichier = chemin.relative_to(racine).as_posix()
    resultat.id, resultat.contenu = id_, chemin.read_text(encoding="utf-8")
    erreurs = _valider(racine, fichier, conv)
    if erreurs:
        # Les règles qui croisent les fichiers (enjeu, indicateur, commune connus…) ne passent qu'une fois le
        # fichier conforme au modèle : seconde lecture sans les champs fautifs, pour tout dire en une fois.
        fautifs = {_cle(e.champ) for e in erreurs}
        chemin.write_text(yaml_pratique(id_, _sans(donnees, fautifs), numero), encoding="utf-8")
        erreurs += [e for e in _valider(racine, fichier, conv) if _cle(e.champ) not in fautifs]
    if conv.erreurs or erreurs:
        chemin.unlink()
        deja = {e.label for e in conv.erreurs}
        formulaire = [ErreurFormulaire(label, message) for label, message in (_traduire(e, conv) for e in erreurs)
                      if label not in deja]
        resultat.erreurs = _ordonnees(conv.erreurs + formulaire, liste)
        resultat.id = None
        return resultat
    resultat.fichier = fichier
    return resultat


_NEUTRES = {"titre": "Proposition", "resume": "Proposition.", "organisme": "Organisme", "branche": "autre",
            "enjeux": ["1.1"], "portee": "non-precisee"}


def _cle(champ: str) -> str:
    return re.split(r"[.\[]", champ or "", maxsplit=1)[0]


def _sans(donnees: dict[str, Any], fautifs: set[str]) -> dict[str, Any]:
    d = {k: v for k, v in donnees.items() if k not in fautifs}
    for k in fautifs & set(_NEUTRES):
        d[k] = _NEUTRES[k]
    if "portee" in fautifs:  # portée neutre « non-precisee » : ni territoire ni coordonnées
        d.pop("territoire", None)
        d.pop("coordonnees", None)
    return d


def _valider(racine: Path, fichier: str, conv: "_Conversion") -> list:
    from referentiel_rso.catalogue.charger import charger
    from referentiel_rso.validate.erreurs import Erreur, ErreursDeContenu

    try:
        charger(racine)
    except ErreursDeContenu as exc:
        return [e if e.fichier == fichier else Erreur(e.fichier, e.ligne, "(dépôt)", str(e)) for e in exc.erreurs]
    return []


def _traduire(e, conv: "_Conversion") -> tuple[str, str]:
    if e.champ == "(dépôt)":  # le dépôt lui-même est invalide : le dire tel quel
        return "Dépôt", e.message
    label, precision = _label_de(e.champ, conv)
    return label + (f" ({precision})" if precision else ""), e.message


def _ordonnees(erreurs: list[ErreurFormulaire], liste: list[Champ]) -> list[ErreurFormulaire]:
    def rang(label: str) -> int:
        return next((i for i, c in enumerate(liste) if label == c.label or label.startswith(c.label + " (")), len(liste))

    uniques = list(dict.fromkeys((e.label, e.message) for e in erreurs))
    uniques.sort(key=lambda e: rang(e[0]))
    return [ErreurFormulaire(l, m) for l, m in uniques]


# --------------------------------------------------------------------------------------------------
# textes pour GitHub (commentaire de l'issue, pull request)
# --------------------------------------------------------------------------------------------------
def commentaire_erreurs(resultat: Resultat) -> str:
    n = len(resultat.erreurs)
    lignes_ = [
        "Bonjour, merci pour cette proposition. Elle n'a pas encore pu être transcrite : "
        f"{n} point{'s' if n > 1 else ''} {'sont' if n > 1 else 'est'} à corriger dans le formulaire.",
        "",
        *[f"- **{echapper_markdown(e.label)}** : {echapper_markdown(e.message)}" for e in resultat.erreurs],
        "",
        "Pour corriger : modifiez cette issue (menu **···** en haut à droite de la description, puis *Edit*), "
        "puis signalez-le en commentaire ; un membre de l'équipe relancera la transcription. "
        "Aucune pull request n'a été ouverte.",
    ]
    return "\n".join(lignes_) + "\n"


LIEN = "@@LIEN_PULL_REQUEST@@"
"""Remplacé par l'adresse de la pull request une fois celle-ci ouverte (workflow transcrire.yml)."""


def commentaire_succes(resultat: Resultat) -> str:
    return (
        f"Merci ! Votre proposition est transcrite dans la fiche **{resultat.id}** : {LIEN}\n\n"
        "Elle est valide ; le CTP RSO va maintenant la relire. Cette issue sera fermée quand la pull request "
        "sera fusionnée, et la pratique publiée avec le statut « proposée ». Pour modifier la proposition "
        "d'ici là : modifiez cette issue et signalez-le en commentaire.\n"
    )


def titre_pull_request(resultat: Resultat) -> str:
    return " ".join(f"Bonne pratique {resultat.id} : {resultat.donnees.get('titre', '')}".split())[:200]


def corps_pull_request(resultat: Resultat) -> str:
    d = resultat.donnees
    enjeux = ", ".join(d.get("enjeux", []))
    lignes_ = [
        f"Closes #{resultat.numero}" if resultat.numero else "",
        "",
        f"Transcription automatique de la proposition #{resultat.numero} (formulaire « Proposer une bonne pratique »), "
        "vérifiée par le validateur du projet : **valide**.",
        "",
        f"- Fichier : `{resultat.fichier}`",
        f"- Pratique : **{resultat.id}** — {echapper_markdown(d.get('titre', ''))}",
        f"- Organisme : {echapper_markdown(d.get('organisme', ''))}",
        f"- Enjeux : {echapper_markdown(enjeux)}",
        f"- Statut : `proposee`",
        "",
        "## Pour la relecture du CTP RSO",
        "",
        "- [ ] Bonne pratique RSO réelle, utile à d'autres organismes.",
        "- [ ] Rattachement aux enjeux et objectifs pertinent.",
        "- [ ] Sources et résultats cohérents ; mesures d'indicateurs conformes à l'indicateur cité.",
        "- [ ] Territoire et portée exacts.",
        "- [ ] Rien de personnel ni de confidentiel.",
        "- [ ] Texte clair pour un lecteur d'un autre organisme.",
        "",
        "Fusionner publie la pratique « proposée ». Pour la valider (décision du CTP RSO) : dans le fichier, "
        "`statut.etat: validee` et `date_decision: AAAA-MM-JJ` (date de la séance). La page de la pratique est "
        "visible dans l'artefact « site-pr-N » de la vérification « Vérifier » (N : numéro de cette pull request). "
        "Guide : CONTRIBUTING.md.",
    ]
    return "\n".join(lignes_).lstrip("\n") + "\n"

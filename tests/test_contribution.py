"""Contribuer sans Git : le formulaire d'issue suit les modèles, son corps (tel que GitHub l'écrit) devient
une bonne pratique validée, ou des erreurs nommées par les intitulés du formulaire ; rien d'hostile ne passe.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import RACINE, copier_projet
from referentiel_rso import config as configuration
from referentiel_rso.contribution import formulaire as f
from referentiel_rso.contribution import transcription as t
from referentiel_rso.load.pratiques import fichiers_pratiques
from referentiel_rso.models.pratique import BRANCHES, ETATS, PORTEES, Pratique
from referentiel_rso.validate.documents import lire_et_valider
from test_pratiques import HOSTILE

FORMULAIRE = RACINE / ".github" / "ISSUE_TEMPLATE" / configuration.FORMULAIRE_PRATIQUE
AUJOURD_HUI = dt.date.today()


def elements() -> list[dict]:
    """Les champs du formulaire publié (le fichier de .github/ISSUE_TEMPLATE/, pas le générateur)."""
    return [e for e in yaml.safe_load(FORMULAIRE.read_text(encoding="utf-8"))["body"] if e["type"] != "markdown"]


def corps_github(reponses: dict[str, object]) -> str:
    """Le corps d'issue tel que GitHub l'écrit pour ce formulaire : `### Intitulé`, ligne vide, valeur ;
    `_No response_` si vide ; choix multiples joints par `, ` ; cases `- [X]` / `- [ ]`."""
    morceaux = []
    for e in elements():
        a, valeur = e["attributes"], reponses.get(e["id"])
        if e["type"] == "checkboxes":
            cochees = valeur if isinstance(valeur, (list, tuple)) else [o["label"] for o in a["options"]] if valeur else []
            texte = "\n".join(f"- [{'X' if o['label'] in cochees else ' '}] {o['label']}" for o in a["options"])
        elif e["type"] == "dropdown" and isinstance(valeur, (list, tuple)):
            texte = ", ".join(valeur) if valeur else "_No response_"
        else:
            texte = str(valeur) if valeur not in (None, "") else "_No response_"
        morceaux.append(f"### {a['label']}\n\n{texte}")
    return "\n\n".join(morceaux)


def options(id_: str) -> list[str]:
    return next(e["attributes"]["options"] for e in elements() if e["id"] == id_)


def reponses_completes() -> dict[str, object]:
    enjeux = options("enjeux")
    return {
        "titre": "Tri des biodéchets au restaurant d'entreprise",
        "resume": "La Caf trie les biodéchets de son restaurant\net les composte avec la commune.",
        "description": "Depuis 2023, **trois** bacs :\n\n- épluchures ;\n- restes.\n\n[Article](https://www.exemple.fr/a)",
        "organisme": "Caf de la Manche",
        "branche": BRANCHES["famille"],
        "partenaires": "- Commune de Saint-Lô\n- Association Zéro Déchet",
        "portee": PORTEES["territoriale"],
        "region": next(o for o in options("region") if o.endswith("(28)")),
        "departement": "Manche (50)",
        "commune": "50502",
        "coordonnees": "49.1157, -1.0907",
        "annee": "2023",
        # 1.1 a une virgule dans son titre : les choix multiples sont joints par « , »
        "enjeux": [next(o for o in enjeux if o.startswith("1.1 ")), next(o for o in enjeux if o.startswith("3.4 "))],
        "objectifs": "3.4.1",
        "resultats": "- 2 tonnes compostées par an\n- Un guide pour les autres caisses",
        "mesures": "3.4-i1 ; 1 234,5 ; kg ; 2024",
        "distinctions": "Trophées RSO de l'Assurance Maladie ; 2024 ; lauréat",
        "sources": "Article du journal interne — https://www.exemple.fr/biodechets\nRapport RSO 2024",
        "propose_par": "Chef de projet RSO, Caf de la Manche",
        "contact": "Mission RSO de la Caf de la Manche",
        "verifications": True,
    }


@pytest.fixture()
def projet(tmp_path):
    copier_projet(tmp_path)
    (tmp_path / "mkdocs.yml").write_text((RACINE / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def _indicateur_de(enjeu: str) -> str:
    from referentiel_rso.catalogue.charger import charger

    cat = charger(RACINE, extensions=False)
    return next(i.id for e, i in cat.indicateurs if e.id == enjeu)


# --------------------------------------------------------------------------------------------------
# le formulaire suit les modèles
# --------------------------------------------------------------------------------------------------
def test_le_formulaire_publie_est_celui_que_donnent_les_modeles():
    attendus = f.fichiers_attendus(RACINE)
    for relatif, texte in attendus.items():
        assert (RACINE / relatif).read_text(encoding="utf-8") == texte, f"{relatif} : lancer make formulaire"


def test_les_listes_du_formulaire_sont_celles_des_modeles(catalogue):
    assert options("branche") == list(BRANCHES.values())
    assert options("portee") == list(PORTEES.values())
    assert [o.split(" ", 1)[0] for o in options("enjeux")] == [e.id for e in catalogue.enjeux]
    assert all(o == f"{e.id} {' '.join(e.titre.split())}" for o, e in zip(options("enjeux"), catalogue.enjeux))
    assert {o.rsplit("(", 1)[1].rstrip(")") for o in options("region")} == set(catalogue.territoires.regions)
    intro = yaml.safe_load(FORMULAIRE.read_text(encoding="utf-8"))["body"][0]["attributes"]["value"]
    assert ETATS["proposee"] in intro and configuration.depot(RACINE) in intro


def test_un_modele_change_rend_le_formulaire_perime():
    """Le test ci-dessus peut échouer : une branche de plus dans le modèle change le formulaire attendu."""
    c = f.choix(RACINE)
    autre = f.Choix({**c.branches, "Nouvelle branche": "nouvelle"}, c.portees, c.regions, c.enjeux)
    assert f.formulaire_pratique(autre, configuration.depot(RACINE)) != FORMULAIRE.read_text(encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "formulaire", "--verifier"], cwd=RACINE,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_formulaire_verifier_signale_un_formulaire_modifie_a_la_main(projet):
    import shutil

    shutil.copytree(RACINE / ".github", projet / ".github")
    commande = [sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "formulaire"]
    assert subprocess.run([*commande, "--verifier"], capture_output=True, text=True, cwd=RACINE).returncode == 0
    chemin = projet / ".github" / "ISSUE_TEMPLATE" / configuration.FORMULAIRE_PRATIQUE
    chemin.write_text(chemin.read_text(encoding="utf-8").replace("        - Retraite (Cnav, Carsat…)\n", ""), encoding="utf-8")
    r = subprocess.run([*commande, "--verifier"], capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 1 and "pas à jour des modèles (make formulaire)" in r.stderr
    r = subprocess.run(commande, capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 0 and "Retraite (Cnav, Carsat…)" in chemin.read_text(encoding="utf-8")


def test_chaque_champ_du_formulaire_a_un_id_lu_par_la_transcription():
    ids = [e["id"] for e in elements()]
    assert len(ids) == len(set(ids))
    lus = set(t.ORIGINE.values()) | {"resultats", "mesures", "distinctions", "sources", "verifications"}
    assert set(ids) == lus, set(ids) ^ lus


# --------------------------------------------------------------------------------------------------
# d'un corps d'issue à une pratique valide
# --------------------------------------------------------------------------------------------------
def test_tous_les_champs_du_formulaire_deviennent_une_pratique_valide(projet):
    reponses = reponses_completes()
    reponses["mesures"] = f"{_indicateur_de('3.4')} ; 1 234,5 ; kg ; 2024"
    r = t.transcrire(projet, corps_github(reponses), numero=42)
    assert r.valide, r.erreurs
    chemin = projet / r.fichier
    assert r.fichier == f"content/bonnes_pratiques/{r.id}-tri-des-biodechets-au-restaurant-d-entreprise.yml"
    p, _, erreurs = lire_et_valider(chemin, projet, Pratique)
    assert not erreurs
    assert p.titre == "Tri des biodéchets au restaurant d'entreprise"
    assert p.resume == "La Caf trie les biodéchets de son restaurant et les composte avec la commune."
    assert p.description.startswith("Depuis 2023, **trois** bacs :\n\n- épluchures ;")  # Markdown et lignes gardés
    assert p.branche == "famille" and p.portee == "territoriale"
    assert p.partenaires == ["Commune de Saint-Lô", "Association Zéro Déchet"]
    assert (p.territoire.region, p.territoire.departement, p.territoire.commune) == ("28", "50", "50502")
    assert (p.coordonnees.lat, p.coordonnees.lon) == (49.1157, -1.0907)
    assert p.annee == 2023 and p.enjeux == ["1.1", "3.4"] and p.objectifs == ["3.4.1"]
    assert [x.texte for x in p.resultats[:2]] == ["2 tonnes compostées par an", "Un guide pour les autres caisses"]
    mesure = p.resultats[2]
    assert (mesure.valeur, mesure.unite, mesure.annee) == (1234.5, "kg", 2024)
    assert p.distinctions[0].intitule == "Trophées RSO de l'Assurance Maladie" and p.distinctions[0].annee == 2024
    assert p.sources[0].titre == "Article du journal interne" and p.sources[0].url == "https://www.exemple.fr/biodechets"
    assert p.sources[1].titre == "Rapport RSO 2024" and p.sources[1].url is None
    assert p.statut.etat == "proposee" and p.provenance.date == AUJOURD_HUI
    assert p.contact == "Mission RSO de la Caf de la Manche"
    texte = chemin.read_text(encoding="utf-8")
    assert texte.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/pratique.schema.json"
    assert "issue #42" in texte
    # la même création de fichier que nouvelle-pratique : l'id suivant pour la suivante
    r2 = t.transcrire(projet, corps_github(reponses_completes() | {"mesures": ""}), numero=43)
    assert r2.valide and int(r2.id[3:]) == int(r.id[3:]) + 1


def test_portee_nationale_sans_territoire(projet):
    reponses = reponses_completes() | {"portee": PORTEES["nationale"], "region": None, "departement": "",
                                       "commune": "", "coordonnees": "", "mesures": ""}
    r = t.transcrire(projet, corps_github(reponses))
    assert r.valide, r.erreurs
    p, _, _ = lire_et_valider(projet / r.fichier, projet, Pratique)
    assert p.portee == "nationale" and p.territoire is None


def test_corps_avec_fins_de_ligne_windows(projet):
    corps = corps_github(reponses_completes() | {"mesures": ""}).replace("\n", "\r\n")
    assert t.transcrire(projet, corps).valide


# --------------------------------------------------------------------------------------------------
# erreurs nommées par les intitulés du formulaire, rien d'écrit
# --------------------------------------------------------------------------------------------------
def test_erreurs_nommees_par_les_intitules_du_formulaire(projet):
    avant = fichiers_pratiques(projet)
    reponses = reponses_completes() | {
        "enjeux": [options("enjeux")[0], "9.9 Inventé"], "commune": "50000", "coordonnees": "au nord",
        "contact": "jean.dupont@caf.fr", "mesures": "3.4-i1 ; beaucoup ; kg ; 2024", "branche": "Famille",
        "verifications": [],
    }
    r = t.transcrire(projet, corps_github(reponses), numero=43)
    assert not r.valide and fichiers_pratiques(projet) == avant
    messages = {e.label: e.message for e in r.erreurs}
    assert messages["Enjeux du référentiel (2e choix)"].startswith("« 9.9 » n'est pas un enjeu du référentiel")
    assert "code INSEE" in messages["Commune (code INSEE)"]
    assert "latitude" in messages["Coordonnées du lieu"]
    assert "donnée personnelle" in messages["Contact (rôle ou service)"]
    assert "n'est pas un nombre" in messages["Mesures d'indicateurs du référentiel (ligne 1)"]
    assert "n'est pas un choix de la liste" in messages["Branche ou régime"]
    assert "Vérifications" in messages
    assert "3.4.1" in messages["Objectifs visés"]  # l'objectif relève d'un enjeu non choisi
    # aucun chemin YAML dans ce que lit le contributeur
    for e in r.erreurs:
        assert "[" not in e.label and "territoire." not in e.label
    commentaire = t.commentaire_erreurs(r)
    assert commentaire.startswith("Bonjour, merci pour cette proposition. Elle n'a pas encore pu être transcrite : 8 points")
    assert "- **Enjeux du référentiel \\(2e choix\\)** : « 9\\.9 » n'est pas un enjeu du référentiel" in commentaire
    assert "Aucune pull request n'a été ouverte." in commentaire
    assert "@" not in commentaire  # l'adresse citée ne devient ni lien ni mention


def test_tous_les_champs_vides(projet):
    avant = fichiers_pratiques(projet)
    r = t.transcrire(projet, corps_github({}))
    assert not r.valide and fichiers_pratiques(projet) == avant
    labels = {e.label for e in r.erreurs}
    assert {"Titre de la pratique", "Résumé", "Organisme porteur", "Branche ou régime", "Enjeux du référentiel",
            "Proposée par (rôle et organisme)", "Vérifications"} <= labels, labels


def test_corps_vide_ou_sans_intitule(projet):
    for corps in ("", "Bonjour, voici ma pratique : le tri.", "### Autre chose\n\ntexte"):
        r = t.transcrire(projet, corps)
        assert not r.valide and "Titre de la pratique" in {e.label for e in r.erreurs}


def test_un_intitule_imite_dans_un_texte_est_refuse(projet):
    reponses = reponses_completes() | {"description": "Texte\n\n### Organisme porteur\n\nOrganisme forgé"}
    r = t.transcrire(projet, corps_github(reponses))
    assert not r.valide
    assert r.erreurs[0].label == "Organisme porteur" and "apparaît 2 fois" in r.erreurs[0].message


CHAMPS_TEXTE = ["titre", "resume", "description", "organisme", "resultats", "partenaires", "propose_par", "contact"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_texte_hostile_dans_chaque_champ(projet, hostile):
    """Le texte hostile dans chaque champ de texte à la fois (et en source) : valide, il est gardé tel quel
    (le rendu l'échappe ou l'assainit) ; sinon rien n'est écrit et chaque erreur cite un intitulé."""
    avant = set(fichiers_pratiques(projet))
    reponses = reponses_completes() | {"mesures": "", "sources": f"{hostile} https://www.exemple.fr/"}
    reponses |= {champ: hostile for champ in CHAMPS_TEXTE}
    r = t.transcrire(projet, corps_github(reponses))
    apres = set(fichiers_pratiques(projet))
    labels = {e["attributes"]["label"] for e in elements()}
    if r.valide:
        assert apres - avant == {projet / r.fichier}
        d = yaml.safe_load((projet / r.fichier).read_text(encoding="utf-8"))
        for cle in ("titre", "organisme", "contact"):
            assert d[cle] == " ".join(hostile.split())
        assert d["description"] == hostile.strip()
        assert d["sources"] == [{"titre": hostile.strip(), "url": "https://www.exemple.fr/"}]
    else:
        assert apres == avant
        assert r.erreurs and all(any(e.label == x or e.label.startswith(x + " (") for x in labels)
                                 for e in r.erreurs), r.erreurs
        commentaire = t.commentaire_erreurs(r)
        assert "<" not in commentaire and "](" not in commentaire


def test_echappement_markdown_des_textes_pour_github():
    sortie = t.echapper_markdown("![x](https://intrus.example/p.png) @equipe #12 <b>\nligne")
    assert "](" not in sortie and "@" not in sortie and "<" not in sortie and "\n" not in sortie
    assert "\\#12" in sortie


def test_description_de_la_pull_request(projet):
    reponses = reponses_completes() | {"mesures": "", "titre": "Tri *urgent* <b>x</b> @equipe #12"}
    r = t.transcrire(projet, corps_github(reponses), numero=42)
    assert r.valide, r.erreurs
    corps = t.corps_pull_request(r)
    assert corps.startswith("Closes #42\n")
    assert f"`{r.fichier}`" in corps and "statut.etat: validee" in corps and "date_decision" in corps
    assert "<b>" not in corps and "@equipe" not in corps and " #12" not in corps and "*urgent*" not in corps
    assert t.titre_pull_request(r).startswith(f"Bonne pratique {r.id} : Tri")


# --------------------------------------------------------------------------------------------------
# la commande
# --------------------------------------------------------------------------------------------------
def _commande(projet: Path, *args: str, entree: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "depuis-formulaire", *args],
                          cwd=RACINE, capture_output=True, text=True, input=entree)


def test_commande_depuis_formulaire(projet):
    r = _commande(projet, "--corps", "-", "--numero", "7", entree=corps_github(reponses_completes() | {"mesures": ""}))
    assert r.returncode == 0, r.stderr
    chemin = r.stdout.strip()
    assert (projet / chemin).is_file() and "issue #7" in (projet / chemin).read_text(encoding="utf-8")
    r = _commande(projet, "--corps", "-", entree=corps_github({}))
    assert r.returncode == 1 and r.stdout == ""
    assert "Titre de la pratique : " in r.stderr and "Traceback" not in r.stderr

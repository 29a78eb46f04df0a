"""Chaque fichier de contenu se lit et valide ; le catalogue entier respecte les chiffres du référentiel."""
from __future__ import annotations

from pathlib import Path

import pytest

from referentiel_rso.models import Enjeu, Referentiel
from referentiel_rso.catalogue.charger import lire_et_valider

RACINE = Path(__file__).resolve().parents[1]
ENJEUX = sorted((RACINE / "content" / "enjeux").glob("*.yml"))


@pytest.mark.parametrize("chemin", ENJEUX, ids=lambda p: p.name)
def test_chaque_fiche_valide(chemin):
    objet, _, erreurs = lire_et_valider(chemin, RACINE, Enjeu)
    assert erreurs == []
    assert objet is not None


def test_referentiel_valide():
    _, _, erreurs = lire_et_valider(RACINE / "content" / "referentiel.yml", RACINE, Referentiel)
    assert erreurs == []


def test_chaque_fichier_commence_par_son_schema():
    for chemin in [*ENJEUX, RACINE / "content" / "referentiel.yml"]:
        premiere = chemin.read_text(encoding="utf-8").splitlines()[0]
        assert premiere.startswith("# yaml-language-server: $schema="), chemin
        schema = (chemin.parent / premiere.split("$schema=", 1)[1].strip()).resolve()
        assert schema.exists(), f"{chemin}: schéma {schema} introuvable"


def test_chiffres_du_referentiel(catalogue):
    c = catalogue.chiffres()
    annonces = catalogue.referentiel.edition.chiffres_cles
    assert (c["engagements"], c["enjeux"], c["objectifs"]) == (5, 15, 31)
    assert (annonces["engagements"], annonces["enjeux"], annonces["objectifs"]) == (5, 15, 31)
    # 21 P1 annoncés ; le tableau en étiquette 18 clairement, et 2 indicateurs sans étiquette lisible
    # (handicap, énergie) complètent les engagements 2 et 3 : 20 identifiables, l'engagement 1 en a 3 pour 4.
    assert annonces["indicateurs_p1"] == 21
    assert c["indicateurs_p1"] == 18
    assert c["indicateurs"] - c["indicateurs_p1"] - c["indicateurs_p2"] == 2
    p1 = {e.numero: sum(1 for x in catalogue.enjeux_de(e.numero) for i in x.indicateurs if i.categorie == "P1")
          for e in catalogue.engagements}
    assert p1 == {1: 3, 2: 4, 3: 3, 4: 5, 5: 3}


def test_enjeux_par_engagement(catalogue):
    attendu = {1: 3, 2: 3, 3: 4, 4: 3, 5: 2}
    assert {e.numero: len(catalogue.enjeux_de(e.numero)) for e in catalogue.engagements} == attendu
    objectifs = {e.numero: sum(len(x.objectifs) for x in catalogue.enjeux_de(e.numero)) for e in catalogue.engagements}
    assert objectifs == {1: 6, 2: 6, 3: 6, 4: 7, 5: 6}


def test_ambiguites_connues_signalees(catalogue):
    """Les incohérences connues de la source sont signalées dans les données, pas tranchées."""
    indicateurs = {i.intitule: i for _, i in catalogue.indicateurs}
    handicap = next(i for t, i in indicateurs.items() if t.startswith("Taux d'emploi des salariés en situation de handicap"))
    energie = next(i for t, i in indicateurs.items() if t.startswith("Consommation d'énergie corrigés"))
    assert handicap.categorie is None and energie.categorie is None
    notes = " ".join(n.texte for e in catalogue.enjeux for n in e.notes)
    notes += " ".join(n.texte for n in catalogue.referentiel.notes)
    notes += " ".join(n.texte for e in catalogue.engagements for n in e.notes)
    assert "ODD 7" in notes and "9" in notes
    fiche_41 = catalogue.enjeu("4.1")
    assert fiche_41.actions_types[0].objectif is None and fiche_41.notes


def test_ids_stables_et_uniques(catalogue):
    ids = [i.id for _, i in catalogue.indicateurs]
    assert len(ids) == len(set(ids))
    for enjeu, i in catalogue.indicateurs:
        assert i.id.startswith(enjeu.id + "-i")

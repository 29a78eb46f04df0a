"""Notes sur la source lues par une personne : l'objet de la note en mots, les documents par leur titre."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from referentiel_rso.render.notes import nommer_sources, objet

DOCUMENTS = SimpleNamespace(documents=[
    SimpleNamespace(code="003", titre="Le référentiel"),
    SimpleNamespace(code="004", titre="La stratégie de branche"),
    SimpleNamespace(code="000", titre="Une interview"),
])


@pytest.mark.parametrize("champ, attendu", [
    ("odd[2]", "3e ODD cité"),
    ("odd[0]", "1er ODD cité"),
    ("actions_types[1]", "Actions types, 2e groupe"),
    ("actions_types[1].sous_groupes[0]", "Actions types, 2e groupe, 1er sous-groupe"),
    ("indicateurs[4].categorie", "5e indicateur, catégorie"),
    ("references[0].references[2]", "Références, 1er groupe, 3e référence"),
    ("perspectives[0]", "1re perspective"),
    ("description", "Description"),
    ("champ_inconnu[3]", "Champ inconnu n° 4"),
    ("indicateurs P1", "indicateurs P1"),  # pas un chemin : tel quel
])
def test_objet_de_la_note_en_mots(champ, attendu):
    assert objet(champ) == attendu


@pytest.mark.parametrize("source, attendu", [
    ("004", "« La stratégie de branche »"),
    ("004, engagement 3, diapositive 3/8", "« La stratégie de branche », engagement 3, diapositive 3/8"),
    ("Stratégie de branche (004), diapositive 3", "« La stratégie de branche », diapositive 3"),
    ("Interview (000) ; référentiel, fiche 1.2 (003)", "« Une interview » ; « Le référentiel », fiche 1.2"),
    ("000 (interview Carsat)", "« Une interview »"),
    ("fiche 5.1 (source 003)", "fiche 5.1 (« Le référentiel »)"),
    ("Une interview (interview, source 000)", "Une interview (interview)"),
    ("Fiche 2.1, p. 12", "Fiche 2.1, p. 12"),
    ("Chiffres 2018 : 150 000 salariés", "Chiffres 2018 : 150 000 salariés"),
])
def test_documents_nommes_par_leur_titre(source, attendu):
    assert nommer_sources(source, DOCUMENTS) == attendu

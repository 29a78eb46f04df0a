"""Une contribution valide, de n'importe quelle forme, ne rend jamais la CI rouge.

Le projet est copié ; on y ajoute des pratiques valides de formes absentes de content/ aujourd'hui (une
commune, une pratique nationale validée par le CTP RSO et transcrite d'un document, une pratique
d'outre-mer avec coordonnées et résultat mesuré sur un indicateur), puis on lance sur la copie la
validation, la construction et les tests du contenu et de la construction. Un test qui figerait le
contenu d'aujourd'hui (nombres, quelle pratique est où, « aucune validée »…) échoue ici.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from projet_copie import copier_projet_complet

RACINE = Path(__file__).resolve().parents[1]
TESTS_DU_CONTENU = ["tests/test_pratiques.py", "tests/test_contenu.py", "tests/test_construction.py",
                    "tests/test_exports.py", "tests/test_liens.py", "tests/test_carte.py", "tests/test_schemas.py"]

COMMUNE = """\
# yaml-language-server: $schema=../../schemas/pratique.schema.json
id: {id}
titre: Jardin partagé devant l'accueil de la Caf à Saint-Lô
resume: La Caf de la Manche ouvre un jardin partagé avec les habitants du quartier.
organisme: Caf de la Manche
branche: famille
portee: territoriale
territoire:
  region: "28"
  departement: "50"
  commune: "50502"
annee: 2024
enjeux:
  - "5.2"
statut:
  etat: proposee
provenance:
  propose_par: Chef de projet RSO, Caf de la Manche
  date: 2024-06-01
"""
NATIONALE_VALIDEE = """\
# yaml-language-server: $schema=../../schemas/pratique.schema.json
id: {id}
titre: Charte nationale du numérique responsable
resume: Une charte commune à toute la branche, adoptée par la caisse nationale.
description: |
  La charte fixe **dix engagements** ; voir le [rapport](https://www.exemple.fr/rapport.pdf).
organisme: Caisse nationale
branche: interbranche
portee: nationale
enjeux:
  - "3.4"
  - "1.2"
distinctions:
  - intitule: Trophées RSO
    annee: 2023
sources:
  - titre: Rapport RSO 2023
    url: https://www.exemple.fr/rapport.pdf
statut:
  etat: validee
  date_decision: 2024-09-12
  commentaire: Retenue en séance du CTP RSO.
provenance:
  transcrit_de: Rapport RSO 2023 de la caisse nationale
notes:
  - champ: annee
    texte: Le rapport ne donne pas l'année de lancement.
"""
OUTRE_MER = """\
# yaml-language-server: $schema=../../schemas/pratique.schema.json
id: {id}
titre: Bus itinérant d'accès aux droits à Saint-Denis
resume: Un bus d'accueil se rend dans les quartiers éloignés des agences.
organisme: CGSS de La Réunion
branche: maladie
portee: territoriale
territoire:
  departement: "974"
coordonnees:
  lat: -20.882
  lon: 55.451
annee: 2023
enjeux:
  - "5.1"
resultats:
  - texte: "**1 200** personnes reçues la première année"
  - indicateur: "{indicateur}"
    valeur: 12.5
    unite: "%"
    annee: 2023
statut:
  etat: proposee
provenance:
  propose_par: Direction de la CGSS
  date: 2024-01-15
contact: Service relations usagers
"""


@pytest.fixture(scope="module")
def projet(tmp_path_factory) -> Path:
    from referentiel_rso.catalogue.charger import charger
    from referentiel_rso.load.pratiques import prochain_id

    projet = copier_projet_complet(tmp_path_factory.mktemp("contribution"))
    indicateur = next(i.id for e, i in charger(RACINE).indicateurs if e.id == "5.1")
    dossier = projet / "content" / "bonnes_pratiques"
    for slug, modele in (("jardin-partage-saint-lo", COMMUNE), ("charte-nationale-validee", NATIONALE_VALIDEE),
                         ("bus-acces-aux-droits-saint-denis", OUTRE_MER)):
        id_ = prochain_id(projet)
        (dossier / f"{id_}-{slug}.yml").write_text(modele.format(id=id_, indicateur=indicateur), encoding="utf-8")
    return projet


def test_la_copie_est_valide(projet):
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "valider"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "bonnes pratiques" in r.stdout


def test_les_tests_du_contenu_et_de_la_construction_passent_sur_la_copie(projet):
    env = {k: v for k, v in os.environ.items() if k != "RSO_SITE"}  # la copie construit son propre site
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *TESTS_DU_CONTENU],
                       cwd=projet, capture_output=True, text=True, env=env, timeout=1200)
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]

"""Les schémas JSON de schemas/ sont ceux que produisent les modèles : un schéma périmé fait échouer."""
from pathlib import Path

from referentiel_rso.models.schemas import generer

RACINE = Path(__file__).resolve().parents[1]


def test_schemas_a_jour():
    for nom, texte in generer().items():
        chemin = RACINE / "schemas" / nom
        assert chemin.exists(), f"{nom} manque : lancer `make schemas`"
        assert chemin.read_text(encoding="utf-8") == texte, f"{nom} est périmé : lancer `make schemas`"


def test_schemas_refusent_les_cles_inconnues():
    import json

    schema = json.loads(generer()["enjeu.schema.json"])
    assert schema["additionalProperties"] is False

"""Grille de l'autodiagnostic (render/pages_autodiagnostic.py) : construite depuis le catalogue, quel qu'il soit.

Invariants sur le contenu réel (jamais ses chiffres d'aujourd'hui) et, avec la branche synthétique des
fixtures, la preuve qu'une branche de plus apparaît dans la grille sans code.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from referentiel_rso.load.declinaisons import charger_declinaisons
from referentiel_rso.render import pages_autodiagnostic as pa
from referentiel_rso.render import rendre

RACINE = Path(__file__).resolve().parents[1]


def _blocs(grille):
    for _, enjeux in grille:
        for e in enjeux:
            yield from e.objectifs
            yield e.ensemble


def test_chaque_objectif_une_fois_dans_l_ordre(catalogue):
    grille = pa.grille(catalogue)
    assert [eng.numero for eng, _ in grille] == [eng.numero for eng in catalogue.engagements]
    assert [o.id for _, enjeux in grille for e in enjeux for o in e.objectifs] == [o.id for _, o in catalogue.objectifs]


def test_chaque_action_type_et_indicateur_une_fois(catalogue):
    grille = pa.grille(catalogue)
    actions = [a for b in _blocs(grille) for a in b.actions]
    attendues = [a for e in catalogue.enjeux for g in e.actions_types
                 for a in [*g.actions, *(x for s in g.sous_groupes for x in s.actions)]]
    assert sorted(a.texte for a in actions) == sorted(attendues)
    assert len({a.id for a in actions}) == len(actions), "identifiants d'action type en double"
    for b in _blocs(grille):
        assert all(a.id.startswith(b.id + "-a") for a in b.actions)
    ids = [i.id for b in _blocs(grille) for i in b.indicateurs]
    branche = [ib.id for d in catalogue.declinaisons for ib in d.indicateurs_branche if not ib.correspond_a]
    assert sorted(ids) == sorted([i.id for _, i in catalogue.indicateurs] + branche)
    for b in _blocs(grille):  # P1 d'abord
        rangs = [{"P1": 0, "P2": 1, None: 2}.get(i.categorie, 3) for i in b.indicateurs]
        assert rangs == sorted(rangs)


def test_unites_et_reperes_viennent_des_donnees(catalogue):
    lignes = {i.id: i for b in _blocs(pa.grille(catalogue)) for i in b.indicateurs}
    for _, i in catalogue.indicateurs:
        if i.unite:
            assert lignes[i.id].unite == i.unite
    for d in catalogue.declinaisons:
        for v in d.valeurs:
            if v.indicateur in lignes:
                assert any(r.valeur == v.affichage and r.annee == v.annee and r.branche == d.nom
                           for r in lignes[v.indicateur].reperes)
            for possible in ([] if v.certaine else v.indicateurs):
                # une valeur dont la source ne dit pas l'indicateur n'est le repère d'aucun
                assert all(r.valeur != v.affichage for r in lignes.get(possible, pa.LigneIndicateur("", "", None, None, "")).reperes)


def test_une_branche_de_plus_sans_code(catalogue):
    declinaisons, erreurs = charger_declinaisons(
        RACINE, catalogue, [RACINE / "content" / "declinaisons", RACINE / "tests" / "fixtures" / "declinaisons"])
    assert not erreurs
    avec = catalogue.avec(declinaisons=declinaisons)
    famille = next(d for d in declinaisons if d.branche == "famille")
    lignes = {i.id: i for b in _blocs(pa.grille(avec)) for i in b.indicateurs}
    for ib in famille.indicateurs_branche:
        if not ib.correspond_a:
            assert lignes[ib.id].branche == famille.nom and lignes[ib.id].unite == ib.unite
    for v in famille.valeurs:
        if v.certaine and v.indicateur in lignes:
            assert any(r.branche == famille.nom for r in lignes[v.indicateur].reperes)
    page = rendre(avec)[pa.PAGE]
    assert all(f'data-indicateur="{ib.id}"' in page for ib in famille.indicateurs_branche if not ib.correspond_a)


@pytest.mark.parametrize("chemin", [pa.PAGE, pa.PAGE_GRILLE])
def test_pages_rendues(catalogue, chemin):
    pages = rendre(catalogue)
    texte = pages[chemin]
    for _, o in catalogue.objectifs:
        assert f'data-objectif="{o.id}"' in texte
    if chemin == pa.PAGE:
        ed = catalogue.referentiel.edition
        assert f'data-format="{pa.FORMAT}"' in texte and f'data-version="{pa.VERSION}"' in texte
        assert "Rien ne quitte votre navigateur" in texte and "<noscript>" in texte
        assert ed.date in texte.split('data-edition="', 1)[1].split('"', 1)[0]
    else:
        for eng in catalogue.engagements:
            assert f'data-rso-grille-engagement="{eng.numero}"' in texte

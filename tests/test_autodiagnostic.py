"""Grille de l'autodiagnostic (render/pages_autodiagnostic.py) : construite depuis le catalogue, quel qu'il soit.

Invariants sur le contenu réel (jamais ses chiffres d'aujourd'hui) et, avec la branche synthétique des
fixtures, la preuve qu'une branche de plus apparaît dans la grille sans code.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from referentiel_rso.assainir import json_dans_html
from referentiel_rso.build.sources import HORS_NAVIGATION
from referentiel_rso.load.declinaisons import charger_declinaisons
from referentiel_rso.render.publication import Publication
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
    pages = rendre(avec)
    formulaires = "".join(pages[pa.page_engagement(eng.numero)] for eng in avec.engagements)
    vierges = "".join(pages[pa.page_grille(eng.numero)] for eng in avec.engagements)
    structure = pages[pa.PAGE]
    for ib in famille.indicateurs_branche:
        if not ib.correspond_a:
            assert f'data-indicateur="{ib.id}"' in formulaires and f'data-indicateur="{ib.id}"' in vierges
            assert f'"id":"{ib.id}"' in structure


def _pages_autodiagnostic(pages: dict[str, str]) -> dict[str, str]:
    return {c: t for c, t in pages.items() if c.startswith("autodiagnostic/")}


def test_pages_rendues(catalogue):
    pages = rendre(catalogue)
    ed = catalogue.referentiel.edition
    accueil = pages[pa.PAGE]
    assert "Rien ne quitte votre navigateur" in accueil and "<noscript>" in accueil
    attendues = {pa.PAGE, pa.PAGE_GRILLE}
    for eng in catalogue.engagements:
        attendues |= {pa.page_engagement(eng.numero), pa.page_grille(eng.numero)}
        # l'accueil mène à la grille de chaque engagement, l'accueil de la grille vierge à chaque grille vierge
        assert f'href="engagement-{eng.numero}/"' in accueil
        assert f'href="engagement-{eng.numero}/"' in pages[pa.PAGE_GRILLE]
        formulaire, vierge = pages[pa.page_engagement(eng.numero)], pages[pa.page_grille(eng.numero)]
        assert f'data-rso-grille-engagement="{eng.numero}"' in vierge
        assert "<noscript>" in formulaire and "data-rso-autodiag-grille" in formulaire
        for e in catalogue.enjeux_de(eng.numero):
            for o in e.objectifs:
                assert f'data-objectif="{o.id}"' in formulaire and f'data-objectif="{o.id}"' in vierge
    assert set(_pages_autodiagnostic(pages)) == attendues
    # chaque objectif est sur une seule page à remplir ; le formulaire n'est plus sur l'accueil
    formulaires = [t for c, t in pages.items() if c.startswith("autodiagnostic/engagement-")]
    for _, o in catalogue.objectifs:
        assert sum(t.count(f'<fieldset class="rso-autodiag__objectif" id="objectif-{o.id.replace(".", "-")}"')
                   for t in formulaires) == 1
    assert "fieldset" not in accueil
    assert ed.date in accueil  # l'édition suivie, dite avec les formats d'export


def _structure_de(texte: str) -> dict:
    m = re.search(r'<script type="application/json" data-rso-autodiag-grille>(.*?)</script>', texte, re.S)
    assert m, "structure de la grille absente"
    return json.loads(m.group(1))


def test_structure_une_seule_source_sur_chaque_page(catalogue):
    """L'accueil et chaque page d'engagement portent la même structure : toute la grille, dans l'ordre."""
    pages = rendre(catalogue)
    grille = pa.grille(catalogue)
    structure = _structure_de(pages[pa.PAGE])
    for eng in catalogue.engagements:
        assert _structure_de(pages[pa.page_engagement(eng.numero)]) == structure
    assert "data-rso-autodiag-grille" not in pages[pa.PAGE_GRILLE]
    ed = catalogue.referentiel.edition
    assert structure["format"] == pa.FORMAT and structure["version"] == pa.VERSION
    assert ed.titre in structure["edition"] and ed.date in structure["edition"]
    assert [n["code"] for n in structure["niveaux"]] == [c for c, _ in pa.NIVEAUX]
    assert [e["numero"] for e in structure["engagements"]] == [str(eng.numero) for eng in catalogue.engagements]
    objectifs = [o["id"] for eng in structure["engagements"] for e in eng["enjeux"] for o in e["objectifs"]]
    assert objectifs == [o.id for _, o in catalogue.objectifs]
    blocs = [b for eng in structure["engagements"] for e in eng["enjeux"] for b in [*e["objectifs"], e["ensemble"]] if b]
    assert [a["id"] for b in blocs for a in b["actions"]] == [a.id for b in _blocs(grille) for a in b.actions]
    assert sorted(i["id"] for b in blocs for i in b["indicateurs"]) == sorted(i.id for b in _blocs(grille) for i in b.indicateurs)
    for eng in structure["engagements"]:
        assert pa.page_engagement(eng["numero"]) == eng["adresse"] + "index.md"


class _Etiquettes(HTMLParser):
    """Le texte de chaque case « action » (value → texte de son <label>), comme un lecteur le lit."""

    def __init__(self):
        super().__init__()
        self.textes: dict[str, str] = {}
        self._label: list[str] | None = None
        self._valeur: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label":
            self._label, self._valeur = [], None
        elif tag == "input" and a.get("name") == "action" and self._label is not None:
            self._valeur = a["value"]

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            if self._valeur:
                self.textes[self._valeur] = " ".join("".join(self._label).split())
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)


def test_textes_des_actions_ceux_des_cases(catalogue):
    """Un export fait quand la grille était lue dans la page porte le texte des cases ; un import le compare
    au texte de la structure : ils doivent être égaux, sinon l'action cochée serait dite « disparue »."""
    pages = rendre(catalogue)
    lu = _Etiquettes()
    for eng in catalogue.engagements:
        lu.feed(pages[pa.page_engagement(eng.numero)])
    structure = _structure_de(pages[pa.PAGE])
    actions = {a["id"]: a["texte"] for eng in structure["engagements"] for e in eng["enjeux"]
               for b in [*e["objectifs"], e["ensemble"]] if b for a in b["actions"]}
    assert actions and lu.textes == actions


def test_structure_sure_dans_la_page():
    """Un texte contribué qui contient « </script> » ou « <!-- » ne sort pas de l'élément <script>."""
    hostile = '</script><img src=x onerror=alert(1)><!-- & " \u2028'
    bloc = pa.Bloc("9.9.9", hostile, actions=[pa.Action("9.9.9-a1", hostile)],
                   indicateurs=[pa.LigneIndicateur("9.9-i1", hostile, "P1", hostile, "", None,
                                                   [pa.Repere(hostile, hostile, None, hostile)])])

    class _Eng:
        numero, titre = 9, hostile

    class _Enj:
        id, titre = "9.9", hostile

    donnees = [(_Eng, [pa.Enjeu(_Enj, [bloc], pa.Bloc("9.9", None), 0)])]
    texte = json_dans_html(pa.structure(donnees, hostile))
    assert "<" not in texte and ">" not in texte and "&" not in texte
    d = json.loads(texte)
    assert d["engagements"][0]["enjeux"][0]["objectifs"][0]["intitule"] == " ".join(hostile.split())


def test_navigation_les_engagements_sous_l_autodiagnostic(catalogue):
    nav = [{"Accueil": "index.md"}, {"Mes outils": [{"Autodiagnostic": pa.PAGE}, {"Mon livret": "mon-livret/index.md"}]}]
    sortie = Publication.depuis(catalogue).navigation(nav)
    outils = sortie[1]["Mes outils"]
    assert outils[1] == {"Mon livret": "mon-livret/index.md"}
    assert outils[0]["Autodiagnostic"] == [pa.PAGE] + [{f"Engagement {eng.numero}": pa.page_engagement(eng.numero)}
                                                       for eng in catalogue.engagements]
    # la grille vierge n'est pas dans la navigation : atteinte depuis l'autodiagnostic
    assert "/autodiagnostic/grille-vierge/" in HORS_NAVIGATION

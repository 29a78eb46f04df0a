"""Autodiagnostic (pages autodiagnostic/ et autodiagnostic/engagement-<n>/, docs/assets/javascripts/
autodiagnostic.js), dans Chromium.

La grille attendue se déduit du catalogue (jamais du contenu d'aujourd'hui) : objectifs, indicateurs,
unités, repères publiés par les déclinaisons. On remplit sur plusieurs pages d'engagement (un seul
enregistrement), recharge, exporte (JSON, CSV), efface, importe ; des fichiers mal formés, étrangers ou
hostiles sont refusés sans rien changer ni exécuter ; l'impression (construite à ce moment-là seulement)
montre la couverture, la synthèse et le détail, depuis l'accueil comme depuis un engagement ; la grille
vierge a chaque engagement ; axe à 1280 et 375 px.
"""
from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from referentiel_rso.catalogue.charger import charger
from referentiel_rso.render import pages_autodiagnostic as pa

from .outils import decrire_violations, lancer_axe

pytestmark = pytest.mark.navigateur

RACINE = Path(__file__).resolve().parents[2]
PAGE = "/autodiagnostic/"


@cache
def _catalogue():
    return charger(RACINE)


@cache
def _grille():
    return pa.grille(_catalogue())


def _indicateurs() -> list:
    return [i for _, enjeux in _grille() for e in enjeux for _, i in e.tous_indicateurs]


def _choix():
    """Ce que le test saisit, pris dans le catalogue : deux objectifs, une action type, deux indicateurs."""
    objectifs = [o for _, enjeux in _grille() for e in enjeux for o in e.objectifs]
    premier, dernier = objectifs[0], objectifs[-1]
    action = next(a for o in objectifs for a in o.actions)
    indicateurs = _indicateurs()
    p1 = [i for i in indicateurs if i.categorie == "P1"]
    return premier, dernier, action, (p1 or indicateurs)[0], indicateurs[-1]


def _engagement(id_: str) -> str:
    """Le numéro d'engagement d'un objectif (1.1.1), d'une action (1.1.1-a1) ou d'un indicateur (1.1-i1)."""
    return id_.split(".")[0]


def _url_engagement(serveur, id_: str) -> str:
    return serveur.url(f"{PAGE}engagement-{_engagement(id_)}/")


def _aller(page, serveur, id_: str):
    """Sur la page de l'engagement de cet élément (sans recharger si on y est déjà)."""
    url = _url_engagement(serveur, id_)
    if page.url != url:
        page.goto(url)


def _imprimer(page):
    """Ce que fait le navigateur quand on imprime (Ctrl+P, page.pdf) : « beforeprint », puis le média print."""
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")


def _niveau(page, objectif: str, code: str):
    return page.locator(f'input[type="radio"][name="niveau-{objectif}"][value="{code}"]')


def _valeur(page, nom: str):
    return page.locator(f'[name="{nom}"]')


def _piege(page) -> list[str]:
    """Toute boîte de dialogue est notée ; les confirmations (effacer, remplacer) sont acceptées."""
    vues: list[str] = []

    def dialogue(d):
        vues.append(f"{d.type}: {d.message}")
        d.accept() if d.type == "confirm" else d.dismiss()

    page.on("dialog", dialogue)
    return vues


def _attendre_enregistre(page, texte: str):
    page.wait_for_function("t => { const k = Object.keys(localStorage).find(k => k.startsWith('rso-autodiagnostic:'));"
                           " return !!k && localStorage.getItem(k).includes(t); }", arg=texte)


def _remplir(page, adresse: str, serveur):
    """Le nom sur l'accueil, puis des réponses sur plusieurs pages d'engagement : un seul enregistrement."""
    premier, dernier, action, ind1, ind2 = _choix()
    page.goto(adresse)
    page.locator("#rso-autodiag-organisme").fill("Caisse d'essai ; « test »")
    _attendre_enregistre(page, "Caisse d")
    _aller(page, serveur, premier.id)
    _niveau(page, premier.id, "realise").check()
    page.locator(f'[name="commentaire-{premier.id}"]').fill("Fait en 2024 ; suivi par le comité.")
    _attendre_enregistre(page, "Fait en 2024")
    _aller(page, serveur, action.id)
    page.locator(f'input[name="action"][value="{action.id}"]').check()
    _aller(page, serveur, dernier.id)
    _niveau(page, dernier.id, "en-cours").check()
    _aller(page, serveur, ind1.id)
    _valeur(page, f"valeur-{ind1.id}").fill("42")
    _valeur(page, f"annee-{ind1.id}").fill("2024")
    _attendre_enregistre(page, '"annee": 2024'.replace(" ", ""))
    _aller(page, serveur, ind2.id)
    _valeur(page, f"valeur-{ind2.id}").fill("=1+1")  # une formule ne doit pas passer telle quelle dans le CSV
    _attendre_enregistre(page, "=1+1")
    return premier, dernier, action, ind1, ind2


@pytest.fixture
def adresse(serveur) -> str:
    return serveur.url(PAGE)


def _etat_stocke(page) -> str | None:
    return page.evaluate("() => { const k = Object.keys(localStorage).find(k => k.startsWith('rso-autodiagnostic:'));"
                         " return k ? localStorage.getItem(k) : null; }")


def _telecharger(page, bouton: str) -> bytes:
    with page.expect_download() as dl:
        page.get_by_role("button", name=bouton).click()
    return Path(dl.value.path()).read_bytes()


# --------------------------------------------------------------------------------------------------
def test_grille_construite_depuis_le_catalogue(page_lecture, serveur):
    page = page_lecture
    cat = _catalogue()
    niveaux = [libelle for _, libelle in pa.NIVEAUX]
    indicateurs = {i.id: i for i in _indicateurs()}
    vus_objectifs, vus_indicateurs = [], []
    for eng, enjeux in _grille():
        page.goto(serveur.url(f"{PAGE}engagement-{eng.numero}/"))
        ids = page.locator("fieldset[data-objectif]").evaluate_all("fs => fs.map(f => f.dataset.objectif)")
        assert ids == [o.id for e in enjeux for o in e.objectifs]
        vus_objectifs += ids
        for e in enjeux:
            for o in e.objectifs:
                fs = page.locator(f'fieldset[data-objectif="{o.id}"]')
                assert o.intitule in fs.locator(":scope > legend").inner_text()
                # le numéro de l'objectif mène à l'objectif dans sa fiche
                lien = fs.locator(":scope > legend a")
                assert lien.inner_text() == f"Objectif {o.id}"
                assert lien.get_attribute("href").startswith("../../enjeux/")
                assert lien.get_attribute("href").endswith("#objectif-" + o.id.replace(".", "-"))
                radios = fs.get_by_role("radio")
                assert [r.evaluate("r => r.closest('label').textContent.trim()") for r in radios.all()] == niveaux
                assert fs.get_by_label(f"Commentaire sur l'objectif {o.id}").count() == 1
            # chaque enjeu mène à sa fiche et, s'il en a, à ses bonnes pratiques
            liens = page.locator(f'h2[data-rso-autodiag-enjeu="{e.enjeu.id}"] + p a')
            assert liens.first.get_attribute("href").startswith("../../enjeux/")
            if cat.pratiques_de(e.enjeu.id):
                assert liens.nth(1).get_attribute("href").endswith(f"?enjeu={e.enjeu.id}")
        for fs in page.locator("fieldset[data-indicateur]").all():
            i = indicateurs[fs.get_attribute("data-indicateur")]
            vus_indicateurs.append(i.id)
            assert fs.get_by_label("Votre valeur").input_value() == "", "un repère ne pré-remplit jamais la valeur"
            assert fs.get_by_label("Unité").input_value() == (i.unite or "")
            assert fs.get_by_label("Année").count() == 1
            texte = fs.locator(".rso-autodiag__repere").all_inner_texts()
            assert len(texte) == len(i.reperes)
            for r in i.reperes:
                assert any("pas votre valeur" in t and r.branche in t and (str(r.annee) if r.annee else "année non précisée") in t
                           for t in texte)
        # l'accueil ; l'engagement précédent et le suivant par le pied de page (ordre du menu : l'accueil de
        # l'autodiagnostic avant le premier)
        suite = page.locator(".rso-autodiag__suite a")
        assert suite.filter(has_text="Retour à l'autodiagnostic").get_attribute("href") == "../"
        numeros = [e.numero for e, _ in _grille()]
        rang = numeros.index(eng.numero)
        precedent = f"../engagement-{numeros[rang - 1]}/" if rang else "../"
        assert page.locator(".md-footer__link--prev").get_attribute("href") == precedent
        if rang + 1 < len(numeros):
            assert page.locator(".md-footer__link--next").get_attribute("href") == f"../engagement-{numeros[rang + 1]}/"
    assert vus_objectifs == [o.id for _, o in cat.objectifs]
    assert sorted(vus_indicateurs) == sorted(indicateurs)
    # l'accueil : rien ne quitte le navigateur, et la page le dit ; un lien par engagement
    page.goto(serveur.url(PAGE))
    expect(page.locator(".rso-autodiag__confidentialite")).to_contain_text("Rien ne quitte votre navigateur")
    liens = page.locator(".rso-autodiag__engagements a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert liens == [f"engagement-{eng.numero}/" for eng, _ in _grille()]


def test_saisie_gardee_exportee_effacee_reimportee(page, adresse, serveur, tmp_path):
    vues = _piege(page)
    premier, dernier, action, ind1, ind2 = _remplir(page, adresse, serveur)

    # rechargement, d'une page à l'autre : tout est gardé
    for id_, verifier in ((premier.id, lambda: _niveau(page, premier.id, "realise").is_checked()),
                          (dernier.id, lambda: _niveau(page, dernier.id, "en-cours").is_checked()),
                          (action.id, lambda: page.locator(f'input[name="action"][value="{action.id}"]').is_checked()),
                          (ind1.id, lambda: _valeur(page, f"valeur-{ind1.id}").input_value() == "42"
                           and _valeur(page, f"annee-{ind1.id}").input_value() == "2024"),
                          (ind2.id, lambda: _valeur(page, f"valeur-{ind2.id}").input_value() == "=1+1")):
        page.goto(_url_engagement(serveur, id_))
        page.reload()
        assert verifier(), f"réponse perdue : {id_}"

    # changement de niveau annoncé (aria-live), sur la page de l'engagement
    page.goto(_url_engagement(serveur, dernier.id))
    statut = page.locator("[data-rso-autodiag-statut]")
    assert statut.get_attribute("aria-live") == "polite"
    _niveau(page, dernier.id, "reflexion").check()
    expect(statut).to_contain_text(f"Objectif {dernier.id} : En réflexion")

    # l'accueil : nom, avancement de chaque engagement
    page.goto(adresse)
    assert page.locator("#rso-autodiag-organisme").input_value() == "Caisse d'essai ; « test »"
    for eng, enjeux in _grille():
        objectifs = [o.id for e in enjeux for o in e.objectifs]
        n = sum(1 for x in (premier.id, dernier.id) if x in objectifs)
        attendu = f"{n} objectif{'s' if n > 1 else ''} évalué{'s' if n > 1 else ''} sur {len(objectifs)}"
        expect(page.locator(f'[data-rso-autodiag-progres="{eng.numero}"]')).to_have_text(attendu)

    # synthèse : SVG titré et décrit, tableau, P1 sans valeur (ind1 en a une)
    synthese = page.locator("[data-rso-autodiag-synthese]")
    svgs = synthese.locator("svg[role=img]")
    assert svgs.count() == len(_catalogue().engagements)
    for s in svgs.all():
        assert s.locator("title").text_content() and s.locator("desc").text_content()
    assert "1 « Réalisé »" in synthese.locator(".rso-autodiag__resume").inner_text()
    p1 = synthese.locator(".rso-autodiag__p1 li")
    nb_p1 = sum(1 for i in _indicateurs() if i.categorie == "P1")
    assert p1.count() == nb_p1 - (1 if ind1.categorie == "P1" else 0)
    assert not any(ind1.intitule in t for t in p1.all_inner_texts())
    if p1.count():  # un P1 sans valeur mène à son champ, sur la page de son engagement
        lien = p1.first.locator("a")
        cible = lien.get_attribute("href")
        lien.click()
        page.wait_for_load_state()
        assert "/engagement-" in page.url and cible.split("#")[1] == page.evaluate("location.hash.slice(1)")
        assert page.locator(":target").get_attribute("name").startswith("valeur-")
        page.goto(adresse)

    # export JSON : format versionné, édition du référentiel, réponses de toutes les pages
    doc = json.loads(_telecharger(page, "Exporter (JSON)").decode("utf-8"))
    ed = _catalogue().referentiel.edition
    assert doc["format"] == pa.FORMAT and doc["version"] == pa.VERSION
    assert ed.titre in doc["referentiel"] and ed.date in doc["referentiel"]
    assert doc["organisme"] == "Caisse d'essai ; « test »"
    assert doc["objectifs"][premier.id]["niveau"] == "realise"
    assert doc["objectifs"][premier.id]["commentaire"] == "Fait en 2024 ; suivi par le comité."
    assert doc["objectifs"][dernier.id]["niveau"] == "reflexion"
    assert doc["indicateurs"][ind1.id]["valeur"] == "42" and doc["indicateurs"][ind1.id]["annee"] == 2024
    assert doc["indicateurs"][ind2.id]["valeur"] == "=1+1"
    assert any(a["id"] == action.id for o in doc["objectifs"].values() for a in o["actions_realisees"])

    # export CSV : BOM UTF-8, « ; », une ligne par objectif et par indicateur, formule neutralisée
    brut = _telecharger(page, "Exporter pour un tableur (CSV)")
    assert brut.startswith(b"\xef\xbb\xbf")
    lignes = list(csv.DictReader(io.StringIO(brut.decode("utf-8-sig")), delimiter=";"))
    par_id = {(l["Type"], l["Identifiant"].removeprefix("Objectif ")): l for l in lignes}
    # identifiants jamais nus (« 1.1.1 » serait une date dans un tableur français)
    assert all(l["Identifiant"].startswith("Objectif ") for l in lignes if l["Type"] == "Objectif")
    assert all(l["Enjeu"].startswith("Enjeu ") for l in lignes)
    assert sum(1 for l in lignes if l["Type"] == "Objectif") == len(_catalogue().objectifs)
    assert sum(1 for l in lignes if l["Type"] == "Indicateur") == len(_indicateurs())
    assert par_id[("Objectif", premier.id)]["Niveau"] == "Réalisé"
    assert par_id[("Objectif", premier.id)]["Commentaire"] == "Fait en 2024 ; suivi par le comité."
    assert par_id[("Indicateur", ind1.id)]["Valeur"] == "42" and par_id[("Indicateur", ind1.id)]["Année"] == "2024"
    assert par_id[("Indicateur", ind2.id)]["Valeur"] == "'=1+1"

    # effacer (avec confirmation) : formulaire et stockage vides
    fichier = tmp_path / "export.json"
    fichier.write_text(json.dumps(doc), encoding="utf-8")
    statut = page.locator("[data-rso-autodiag-statut]")
    page.get_by_role("button", name="Effacer mon autodiagnostic").click()
    expect(statut).to_contain_text("effacé")
    assert any(v.startswith("confirm:") for v in vues)
    assert _etat_stocke(page) is None
    assert page.locator("#rso-autodiag-organisme").input_value() == ""
    page.goto(_url_engagement(serveur, premier.id))
    assert not _niveau(page, premier.id, "realise").is_checked()
    page.goto(_url_engagement(serveur, ind1.id))
    assert _valeur(page, f"valeur-{ind1.id}").input_value() == ""

    # import (sur l'accueil) : tout revient, sur chaque page
    page.goto(adresse)
    page.get_by_label("Importer un autodiagnostic exporté (fichier JSON)").set_input_files(str(fichier))
    expect(statut).to_contain_text("Import réussi")
    assert page.locator("#rso-autodiag-organisme").input_value() == "Caisse d'essai ; « test »"
    page.goto(_url_engagement(serveur, premier.id))
    assert _niveau(page, premier.id, "realise").is_checked()
    page.goto(_url_engagement(serveur, action.id))
    assert page.locator(f'input[name="action"][value="{action.id}"]').is_checked()
    page.goto(_url_engagement(serveur, ind1.id))
    assert _valeur(page, f"valeur-{ind1.id}").input_value() == "42"
    page.goto(_url_engagement(serveur, dernier.id))
    assert _niveau(page, dernier.id, "reflexion").is_checked()
    assert not any(v.startswith("alert") for v in vues)


def test_une_page_ne_touche_que_ses_reponses(page, serveur):
    """Saisir sur un engagement garde les réponses des autres, même enregistrées depuis un autre onglet."""
    _piege(page)
    grille = _grille()
    premier = grille[0][1][0].objectifs[0]
    dernier = grille[-1][1][-1].objectifs[-1]
    page.goto(_url_engagement(serveur, premier.id))
    _niveau(page, premier.id, "realise").check()
    _attendre_enregistre(page, premier.id)
    autre = page.context.new_page()
    autre.goto(_url_engagement(serveur, dernier.id))
    _niveau(autre, dernier.id, "en-cours").check()
    _attendre_enregistre(autre, dernier.id)
    autre.close()
    # le premier onglet, resté ouvert, a appris l'autre réponse (« storage ») et ne l'efface pas
    page.locator(f'[name="commentaire-{premier.id}"]').fill("suite")
    _attendre_enregistre(page, "suite")
    doc = json.loads(_etat_stocke(page))
    assert doc["objectifs"][premier.id]["niveau"] == "realise"
    assert doc["objectifs"][dernier.id]["niveau"] == "en-cours"


def _hostiles(premier_id: str) -> dict[str, str]:
    base = {"format": pa.FORMAT, "version": pa.VERSION}
    return {
        "pas-du-json.json": "{ ceci n'est pas du JSON <script>alert(1)</script>",
        "etranger.json": json.dumps({"type": "FeatureCollection", "features": []}),
        "version-future.json": json.dumps({**base, "version": pa.VERSION + 1}),
        "niveau-inconnu.json": json.dumps({**base, "objectifs": {premier_id: {"niveau": "<img src=x onerror=alert(1)>"}}}),
        "cle-hostile.json": '{"format": "%s", "version": %d, "objectifs": {"__proto__": {"niveau": "realise"}}}' % (pa.FORMAT, pa.VERSION),
        "id-hostile.json": json.dumps({**base, "objectifs": {'"><img src=x onerror=alert(1)>': {"niveau": "realise"}}}),
        "champ-inconnu.json": json.dumps({**base, "script": "<script>alert(1)</script>"}),
        "trop-long.json": json.dumps({**base, "organisme": "x" * 5000}),
        "annee-fausse.json": json.dumps({**base, "indicateurs": {"1.1-i1": {"valeur": "1", "annee": "javascript:alert(1)"}}}),
    }


def test_imports_refuses_sans_rien_changer(page, adresse, serveur, tmp_path):
    vues = _piege(page)
    premier, *_ = _remplir(page, adresse, serveur)
    avant = _etat_stocke(page)
    page.goto(adresse)
    champ = page.get_by_label("Importer un autodiagnostic exporté (fichier JSON)")
    erreur = page.locator("[data-rso-autodiag-erreur]")
    assert erreur.get_attribute("role") == "alert"
    for nom, contenu in _hostiles(premier.id).items():
        f = tmp_path / nom
        f.write_text(contenu, encoding="utf-8")
        champ.set_input_files(str(f))
        expect(erreur).to_contain_text(f"« {nom} » refusé")
        expect(erreur).to_contain_text("Rien n'a été modifié")
        assert _etat_stocke(page) == avant, f"{nom} : l'état enregistré a changé"
        assert page.locator("#rso-autodiag-organisme").input_value() == "Caisse d'essai ; « test »", f"{nom} : le formulaire a changé"
        assert page.locator(".rso-autodiag img").count() == 0
    assert not vues, f"boîtes de dialogue inattendues : {vues}"
    assert page.evaluate("Object.prototype.niveau") is None
    page.goto(_url_engagement(serveur, premier.id))
    assert _niveau(page, premier.id, "realise").is_checked()


def test_import_de_texte_hostile_affiche_comme_texte(page, adresse, serveur, tmp_path):
    """Un fichier bien formé dont les textes contiennent du HTML : accepté, affiché tel quel, jamais exécuté."""
    vues = _piege(page)
    premier, *_ = _choix()
    page.goto(adresse)
    charge = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    doc = {"format": pa.FORMAT, "version": pa.VERSION, "organisme": charge,
           "objectifs": {premier.id: {"niveau": "realise", "commentaire": charge}}}
    f = tmp_path / "texte.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    page.get_by_label("Importer un autodiagnostic exporté (fichier JSON)").set_input_files(str(f))
    expect(page.locator("[data-rso-autodiag-statut]")).to_contain_text("Import réussi")
    _imprimer(page)
    expect(page.locator(".rso-autodiag__couverture-organisme")).to_have_text(charge)
    assert page.locator(".rso-autodiag img, .rso-autodiag script:not([type='application/json'])").count() == 0
    page.emulate_media(media="screen")
    page.goto(_url_engagement(serveur, premier.id))
    assert page.locator(f'[name="commentaire-{premier.id}"]').input_value() == charge
    page.wait_for_timeout(200)
    assert not vues, f"boîtes de dialogue inattendues : {vues}"


def test_import_d_une_autre_edition(page, adresse, serveur, tmp_path):
    """Réponses reprises par identifiant ; ce qui n'existe plus est dit, pas repris."""
    _piege(page)
    premier, _, action, ind1, _ = _choix()
    page.goto(adresse)
    doc = {"format": pa.FORMAT, "version": 1, "referentiel": "« Édition d'essai », 2031",
           "objectifs": {premier.id: {"niveau": "en-cours", "actions_realisees": [
               {"id": action.id, "texte": "Une action type réécrite depuis"}]},
               "9.9.9": {"intitule": "Objectif disparu", "niveau": "realise"}},
           "indicateurs": {ind1.id: {"valeur": "7", "annee": 2030}, "9.9-i9": {"intitule": "Indicateur disparu", "valeur": "1"}}}
    f = tmp_path / "ancienne.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    page.get_by_label("Importer un autodiagnostic exporté (fichier JSON)").set_input_files(str(f))
    statut = page.locator("[data-rso-autodiag-statut]")
    expect(statut).to_contain_text("Import réussi")
    texte = statut.inner_text()
    assert "Édition d'essai" in texte and "par identifiant" in texte
    assert "3 éléments n'existent plus" in texte
    assert "Objectif disparu" in texte and "Indicateur disparu" in texte and "Une action type réécrite" in texte
    page.goto(_url_engagement(serveur, premier.id))
    assert _niveau(page, premier.id, "en-cours").is_checked()
    page.goto(_url_engagement(serveur, action.id))
    assert not page.locator(f'input[name="action"][value="{action.id}"]').is_checked()
    page.goto(_url_engagement(serveur, ind1.id))
    assert _valeur(page, f"valeur-{ind1.id}").input_value() == "7"


def test_reponses_enregistrees_d_une_autre_edition(page, adresse, serveur):
    """Le site passe à une nouvelle grille : ce qui n'y est plus est dit au chargement, le reste est repris."""
    premier, *_ = _choix()
    page.goto(adresse)
    page.evaluate("""([p, f, v]) => {
        const cle = 'rso-autodiagnostic:v' + v + ':/';
        localStorage.setItem(cle, JSON.stringify({format: f, version: v, objectifs: {
            [p]: {niveau: 'realise'}, '9.9.9': {intitule: 'Objectif disparu', niveau: 'en-cours'}}}));
    }""", [premier.id, pa.FORMAT, pa.VERSION])
    page.reload()
    expect(page.locator("[data-rso-autodiag-erreur]")).to_contain_text("Objectif disparu")
    page.goto(_url_engagement(serveur, premier.id))
    assert _niveau(page, premier.id, "realise").is_checked()
    expect(page.locator("[data-rso-autodiag-erreur]")).to_contain_text("Objectif disparu")


@pytest.mark.parametrize("depuis", ["accueil", "engagement"])
def test_impression_couverture_synthese_detail(page, adresse, serveur, depuis):
    _piege(page)
    premier, dernier, *_ = _remplir(page, adresse, serveur)
    page.goto(adresse if depuis == "accueil" else _url_engagement(serveur, dernier.id))
    rapport = page.locator("[data-rso-autodiag-rapport]")
    # le rapport n'est construit qu'à l'impression : rien dans le DOM au chargement
    assert rapport.evaluate("r => r.childElementCount") == 0
    _imprimer(page)
    assert not page.locator("form[data-rso-autodiag]").is_visible()
    assert not page.locator(".md-content h1").first.is_visible()
    expect(page.locator(".rso-autodiag__couverture-organisme")).to_have_text("Caisse d'essai ; « test »")
    expect(page.locator(".rso-autodiag__couverture")).to_contain_text("Imprimé le")
    assert rapport.is_visible()
    assert rapport.locator(".rso-autodiag__rapport-synthese svg[role=img]").first.is_visible()
    assert rapport.locator(".rso-autodiag__rapport-synthese table").is_visible()
    # tout le détail, quelle que soit la page d'où l'on imprime
    detail = rapport.locator(".rso-autodiag__detail")
    expect(detail).to_contain_text(f"{premier.id} {premier.intitule}")
    expect(detail).to_contain_text("Niveau : Réalisé")
    expect(detail).to_contain_text(f"{dernier.id} {dernier.intitule}")
    assert detail.locator(".rso-autodiag__detail-engagement").count() == len(_catalogue().engagements)
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "identifiants en double (synthèse à l'écran et dans le rapport)"


def test_impression_par_le_bouton_et_en_pdf(page, adresse, serveur):
    """Le bouton construit le rapport puis ouvre l'impression ; page.pdf() (beforeprint) l'imprime en entier."""
    page.add_init_script("window.print = () => { window.__impressions = (window.__impressions || 0) + 1; };")
    _piege(page)
    premier, *_ = _remplir(page, adresse, serveur)
    page.goto(adresse)
    page.get_by_role("button", name="Imprimer ou enregistrer en PDF").click()
    page.wait_for_function("window.__impressions === 1")
    assert page.locator("[data-rso-autodiag-rapport] .rso-autodiag__couverture").count() == 1
    page.goto(_url_engagement(serveur, premier.id))
    lecteur = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    texte = " ".join((p.extract_text() or "") for p in lecteur.pages)
    assert "Caisse d'essai" in texte and "Synthèse" in texte and "Détail" in texte
    assert len(lecteur.pages) > 2  # couverture, synthèse, détail


def test_dans_mon_livret(page, adresse, serveur):
    page.add_init_script("window.print = () => { window.__impressions = (window.__impressions || 0) + 1; };")
    _piege(page)
    _remplir(page, adresse, serveur)
    page.goto(adresse)
    page.get_by_role("button", name="Ajouter à mon livret").click()
    page.goto(serveur.url("/mon-livret/"))
    page.get_by_role("button", name="Imprimer ou enregistrer en PDF").click()
    page.wait_for_function("window.__impressions === 1")
    section = page.locator("#rso-livret-document > section.rso-livret-document__section").first  # après la couverture et le sommaire
    expect(section.locator(".rso-autodiag__couverture-organisme")).to_have_text("Caisse d'essai ; « test »")
    assert section.locator("svg[role=img]").count() == len(_catalogue().engagements)
    expect(section).to_contain_text("Niveau : Réalisé")
    assert section.locator("h2").count() == 1, "le rapport se range sous le titre de sa section (h3 et au-delà)"
    expect(section.locator("h3").first).to_have_text("Synthèse")
    page.emulate_media(media="print")
    assert section.locator(".rso-autodiag__rapport").is_visible()


def test_grille_vierge_pour_chaque_engagement(page_lecture, serveur, axe_source):
    page = page_lecture
    page.goto(serveur.url(PAGE + "grille-vierge/"))
    assert not lancer_axe(page, axe_source), "violations axe-core sur l'accueil de la grille vierge"
    liens = page.locator(".rso-grille__sommaire a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert liens == [f"engagement-{eng.numero}/" for eng, _ in _grille()]
    for eng, enjeux in _grille():
        page.goto(serveur.url(f"{PAGE}grille-vierge/engagement-{eng.numero}/"))
        s = page.locator(f'[data-rso-grille-engagement="{eng.numero}"]')
        assert s.count() == 1, f"engagement {eng.numero} absent de la grille vierge"
        lignes = s.locator("tr[data-objectif]").evaluate_all("ls => ls.map(l => l.dataset.objectif)")
        assert lignes == [o.id for e in enjeux for o in e.objectifs]
        assert s.locator("tr[data-indicateur]").count() == sum(len(e.tous_indicateurs) for e in enjeux)
        assert s.locator("thead th").all_inner_texts()[1:1 + len(pa.NIVEAUX)] == [n for _, n in pa.NIVEAUX]
        # une case à cocher dessinée par niveau
        case = s.locator("tr[data-objectif] td.rso-grille__case").first
        assert case.evaluate("c => getComputedStyle(c, '::before').borderTopStyle") == "solid"
        page.emulate_media(media="print")
        assert not page.locator(".rso-autodiag__suite").is_visible(), "les liens entre pages ne s'impriment pas"
        assert s.is_visible()
        page.emulate_media(media="screen")


def test_sans_javascript(navigateur, serveur):
    ctx = navigateur.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(serveur.url(PAGE))
        expect(page.locator(".rso-autodiag__sans-js")).to_contain_text("besoin de JavaScript")
        assert page.locator(".rso-autodiag__sans-js a").get_attribute("href") == "grille-vierge/"
        assert not page.locator("[data-rso-autodiag-outils]").is_visible()
        assert page.locator(".rso-autodiag__engagements a").count() == len(_catalogue().engagements)
        for eng, enjeux in _grille():
            page.goto(serveur.url(f"{PAGE}engagement-{eng.numero}/"))
            expect(page.locator(".rso-autodiag__sans-js")).to_contain_text("besoin de JavaScript")
            assert page.locator(".rso-autodiag__sans-js a").get_attribute("href") == f"../grille-vierge/engagement-{eng.numero}/"
            assert page.locator("fieldset[data-objectif]").count() == sum(len(e.objectifs) for e in enjeux)
        page.emulate_media(media="print")  # sans script, la page s'imprime telle quelle : une grille vierge
        assert page.locator("fieldset[data-objectif]").first.is_visible()
    finally:
        ctx.close()


@pytest.mark.parametrize("chemin", ["", "engagement-{n}/"])
def test_axe_grille_remplie(page, adresse, serveur, axe_source, chemin):
    _piege(page)
    _, dernier, *_ = _remplir(page, adresse, serveur)
    page.goto(serveur.url(PAGE + chemin.format(n=_engagement(dernier.id))))
    rapport = []
    for largeur in (1280, 375):
        page.set_viewport_size({"width": largeur, "height": 800})
        page.wait_for_timeout(200)
        v = lancer_axe(page, axe_source)
        if v:
            rapport.append(f"à {largeur} px :\n{decrire_violations(v)}")
    assert not rapport, "violations axe-core\n" + "\n".join(rapport)
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= 375, f"la page déborde à 375 px ({largeur} px)"


def test_clavier_seul(page, serveur):
    """Tab jusqu'au premier niveau, flèches pour choisir : enregistré et annoncé ; Entrée enregistre aussi."""
    premier, *_ = _choix()
    adresse = _url_engagement(serveur, premier.id)
    page.goto(adresse)
    page.locator(".rso-autodiag__grille a").first.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    assert page.evaluate("document.activeElement.name") == f"niveau-{premier.id}"
    page.keyboard.press("ArrowRight")
    nom = page.evaluate("document.activeElement.closest('label').textContent.trim()")
    assert page.evaluate("document.activeElement.checked")
    expect(page.locator("[data-rso-autodiag-statut]")).to_contain_text(f"Objectif {premier.id} : {nom}")
    assert premier.id in (_etat_stocke(page) or "")
    # Entrée dans un champ : le formulaire est « envoyé » au script, qui enregistre et le dit (rien ne part)
    ind = next(i for _, enjeux in _grille() for e in enjeux for _, i in e.tous_indicateurs
               if _engagement(i.id) == _engagement(premier.id))
    page.locator(f'[name="valeur-{ind.id}"]').fill("12")
    page.locator(f'[name="valeur-{ind.id}"]').press("Enter")
    expect(page.locator("[data-rso-autodiag-statut]")).to_contain_text("Enregistré dans ce navigateur")
    assert page.url == adresse
    assert '"12"' in (_etat_stocke(page) or "")

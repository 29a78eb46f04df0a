"""Autodiagnostic (page autodiagnostic/, docs/assets/javascripts/autodiagnostic.js), dans Chromium.

La grille attendue se déduit du catalogue (jamais du contenu d'aujourd'hui) : objectifs, indicateurs,
unités, repères publiés par les déclinaisons. On remplit, recharge, exporte (JSON, CSV), efface, importe ;
des fichiers mal formés, étrangers ou hostiles sont refusés sans rien changer ni exécuter ; l'impression
montre la couverture, la synthèse et le détail ; la grille vierge a chaque engagement ; axe à 1280 et 375 px.
"""
from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

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


def _remplir(page, adresse: str):
    premier, dernier, action, ind1, ind2 = _choix()
    page.goto(adresse)
    page.locator("#rso-autodiag-organisme").fill("Caisse d'essai ; « test »")
    _niveau(page, premier.id, "realise").check()
    _niveau(page, dernier.id, "en-cours").check()
    page.locator(f'[name="commentaire-{premier.id}"]').fill("Fait en 2024 ; suivi par le comité.")
    page.locator(f'input[name="action"][value="{action.id}"]').check()
    _valeur(page, f"valeur-{ind1.id}").fill("42")
    _valeur(page, f"annee-{ind1.id}").fill("2024")
    _valeur(page, f"valeur-{ind2.id}").fill("=1+1")  # une formule ne doit pas passer telle quelle dans le CSV
    page.locator(f'[name="commentaire-{premier.id}"]').focus()
    page.wait_for_function("() => !!localStorage.length && localStorage.getItem(Object.keys(localStorage)"
                           ".find(k => k.startsWith('rso-autodiagnostic:'))).includes('=1+1')")
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
    page.goto(serveur.url(PAGE))
    cat = _catalogue()
    ids = page.locator("fieldset[data-objectif]").evaluate_all("fs => fs.map(f => f.dataset.objectif)")
    assert ids == [o.id for _, o in cat.objectifs]
    niveaux = [libelle for _, libelle in pa.NIVEAUX]
    for _, o in cat.objectifs:
        fs = page.locator(f'fieldset[data-objectif="{o.id}"]')
        assert o.intitule in fs.locator(":scope > legend").inner_text()
        radios = fs.get_by_role("radio")
        assert radios.count() == len(niveaux)
        assert [r.evaluate("r => r.closest('label').textContent.trim()") for r in radios.all()] == niveaux
        assert fs.get_by_label(f"Commentaire sur l'objectif {o.id}").count() == 1
    indicateurs = _indicateurs()
    assert page.locator("fieldset[data-indicateur]").count() == len(indicateurs)
    for i in indicateurs:
        fs = page.locator(f'fieldset[data-indicateur="{i.id}"]')
        assert fs.get_by_label("Votre valeur").input_value() == "", "un repère ne pré-remplit jamais la valeur"
        assert fs.get_by_label("Unité").input_value() == (i.unite or "")
        assert fs.get_by_label("Année").count() == 1
        assert fs.locator(".rso-autodiag__repere").count() == len(i.reperes)
        for r in i.reperes:
            texte = fs.locator(".rso-autodiag__repere").all_inner_texts()
            assert any("pas votre valeur" in t and r.branche in t and (str(r.annee) if r.annee else "année non précisée") in t
                       for t in texte)
    # chaque enjeu mène à sa fiche et, s'il en a, à ses bonnes pratiques
    for e in cat.enjeux:
        liens = page.locator(f'h3[data-rso-autodiag-enjeu="{e.id}"] + p a')
        assert liens.first.get_attribute("href").startswith("../enjeux/")
        if cat.pratiques_de(e.id):
            assert liens.nth(1).get_attribute("href").endswith(f"?enjeu={e.id}")
    # rien ne quitte le navigateur, et la page le dit
    expect(page.locator(".rso-autodiag__confidentialite")).to_contain_text("Rien ne quitte votre navigateur")


def test_saisie_gardee_exportee_effacee_reimportee(page, adresse, tmp_path):
    vues = _piege(page)
    premier, dernier, action, ind1, ind2 = _remplir(page, adresse)

    # rechargement : tout est gardé
    page.reload()
    assert _niveau(page, premier.id, "realise").is_checked()
    assert _niveau(page, dernier.id, "en-cours").is_checked()
    assert page.locator(f'input[name="action"][value="{action.id}"]').is_checked()
    assert _valeur(page, f"valeur-{ind1.id}").input_value() == "42"
    assert _valeur(page, f"annee-{ind1.id}").input_value() == "2024"
    assert page.locator("#rso-autodiag-organisme").input_value() == "Caisse d'essai ; « test »"

    # changement de niveau annoncé (aria-live)
    statut = page.locator("[data-rso-autodiag-statut]")
    assert statut.get_attribute("aria-live") == "polite"
    _niveau(page, dernier.id, "reflexion").check()
    expect(statut).to_contain_text(f"Objectif {dernier.id} : En réflexion")

    # synthèse : SVG titré et décrit, tableau, P1 sans valeur (ind1 en a une)
    synthese = page.locator("[data-rso-autodiag-synthese]")
    svgs = synthese.locator("svg[role=img]")
    assert svgs.count() == len(_catalogue().engagements)
    for s in svgs.all():
        assert s.locator("title").text_content() and s.locator("desc").text_content()
    assert "1 « Réalisé »" in synthese.locator(".rso-autodiag__resume").inner_text()
    p1 = synthese.locator(".rso-autodiag__p1 li").all_inner_texts()
    nb_p1 = sum(1 for i in _indicateurs() if i.categorie == "P1")
    assert len(p1) == nb_p1 - (1 if ind1.categorie == "P1" else 0)
    assert not any(ind1.intitule in t for t in p1)

    # export JSON : format versionné, édition du référentiel, réponses
    doc = json.loads(_telecharger(page, "Exporter (JSON)").decode("utf-8"))
    ed = _catalogue().referentiel.edition
    assert doc["format"] == pa.FORMAT and doc["version"] == pa.VERSION
    assert ed.titre in doc["referentiel"] and ed.date in doc["referentiel"]
    assert doc["objectifs"][premier.id]["niveau"] == "realise"
    assert doc["objectifs"][premier.id]["commentaire"] == "Fait en 2024 ; suivi par le comité."
    assert doc["objectifs"][dernier.id]["niveau"] == "reflexion"
    assert doc["indicateurs"][ind1.id]["valeur"] == "42" and doc["indicateurs"][ind1.id]["annee"] == 2024
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
    page.get_by_role("button", name="Effacer mon autodiagnostic").click()
    expect(statut).to_contain_text("effacé")
    assert any(v.startswith("confirm:") for v in vues)
    assert _etat_stocke(page) is None
    assert not _niveau(page, premier.id, "realise").is_checked()
    assert _valeur(page, f"valeur-{ind1.id}").input_value() == ""
    page.reload()
    assert not _niveau(page, premier.id, "realise").is_checked()

    # import : tout revient
    page.get_by_label("Importer un autodiagnostic exporté (fichier JSON)").set_input_files(str(fichier))
    expect(statut).to_contain_text("Import réussi")
    assert _niveau(page, premier.id, "realise").is_checked()
    assert _valeur(page, f"valeur-{ind1.id}").input_value() == "42"
    assert page.locator(f'input[name="action"][value="{action.id}"]').is_checked()
    page.reload()
    assert _niveau(page, dernier.id, "reflexion").is_checked()
    assert not any(v.startswith("alert") for v in vues)


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


def test_imports_refuses_sans_rien_changer(page, adresse, tmp_path):
    vues = _piege(page)
    premier, *_ = _remplir(page, adresse)
    avant = _etat_stocke(page)
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
        assert _niveau(page, premier.id, "realise").is_checked(), f"{nom} : le formulaire a changé"
        assert page.locator(".rso-autodiag img").count() == 0
    assert not vues, f"boîtes de dialogue inattendues : {vues}"
    assert page.evaluate("Object.prototype.niveau") is None


def test_import_de_texte_hostile_affiche_comme_texte(page, adresse, tmp_path):
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
    assert page.locator(f'[name="commentaire-{premier.id}"]').input_value() == charge
    page.emulate_media(media="print")
    expect(page.locator(".rso-autodiag__couverture-organisme")).to_have_text(charge)
    assert page.locator(".rso-autodiag img, .rso-autodiag script").count() == 0
    page.wait_for_timeout(200)
    assert not vues, f"boîtes de dialogue inattendues : {vues}"


def test_import_d_une_autre_edition(page, adresse, tmp_path):
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
    assert _niveau(page, premier.id, "en-cours").is_checked()
    assert not page.locator(f'input[name="action"][value="{action.id}"]').is_checked()
    assert _valeur(page, f"valeur-{ind1.id}").input_value() == "7"


def test_reponses_enregistrees_d_une_autre_edition(page, adresse):
    """Le site passe à une nouvelle grille : ce qui n'y est plus est dit au chargement, le reste est repris."""
    premier, *_ = _choix()
    page.goto(adresse)
    page.evaluate("""([p, f, v]) => {
        const cle = 'rso-autodiagnostic:v' + v + ':/';
        localStorage.setItem(cle, JSON.stringify({format: f, version: v, objectifs: {
            [p]: {niveau: 'realise'}, '9.9.9': {intitule: 'Objectif disparu', niveau: 'en-cours'}}}));
    }""", [premier.id, pa.FORMAT, pa.VERSION])
    page.reload()
    assert _niveau(page, premier.id, "realise").is_checked()
    expect(page.locator("[data-rso-autodiag-erreur]")).to_contain_text("Objectif disparu")


def test_impression_couverture_synthese_detail(page, adresse):
    _piege(page)
    premier, *_ = _remplir(page, adresse)
    page.emulate_media(media="print")
    assert not page.locator("form[data-rso-autodiag]").is_visible()
    assert not page.locator(".md-content h1").first.is_visible()
    expect(page.locator(".rso-autodiag__couverture-organisme")).to_have_text("Caisse d'essai ; « test »")
    expect(page.locator(".rso-autodiag__couverture")).to_contain_text("Imprimé le")
    rapport = page.locator("[data-rso-autodiag-rapport]")
    assert rapport.is_visible()
    assert rapport.locator(".rso-autodiag__rapport-synthese svg[role=img]").first.is_visible()
    assert rapport.locator(".rso-autodiag__rapport-synthese table").is_visible()
    expect(rapport.locator(".rso-autodiag__detail")).to_contain_text(f"{premier.id} {premier.intitule}")
    expect(rapport.locator(".rso-autodiag__detail")).to_contain_text("Niveau : Réalisé")
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "identifiants en double (synthèse à l'écran et dans le rapport)"


def test_dans_mon_livret(page, adresse, serveur):
    page.add_init_script("window.print = () => { window.__impressions = (window.__impressions || 0) + 1; };")
    _piege(page)
    _remplir(page, adresse)
    page.get_by_role("button", name="Ajouter à mon livret").click()
    page.goto(serveur.url("/mon-livret/"))
    page.get_by_role("button", name="Imprimer ou enregistrer en PDF").click()
    page.wait_for_function("window.__impressions === 1")
    section = page.locator("#rso-livret-document > section").first
    expect(section.locator(".rso-autodiag__couverture-organisme")).to_have_text("Caisse d'essai ; « test »")
    assert section.locator("svg[role=img]").count() == len(_catalogue().engagements)
    expect(section).to_contain_text("Niveau : Réalisé")
    assert section.locator("h2").count() == 1, "le rapport se range sous le titre de sa section (h3 et au-delà)"
    expect(section.locator("h3").first).to_have_text("Synthèse")
    page.emulate_media(media="print")
    assert section.locator(".rso-autodiag__rapport").is_visible()


def test_grille_vierge_pour_chaque_engagement(page_lecture, serveur):
    page = page_lecture
    page.goto(serveur.url(PAGE + "grille-vierge/"))
    for eng, enjeux in _grille():
        s = page.locator(f'[data-rso-grille-engagement="{eng.numero}"]')
        assert s.count() == 1, f"engagement {eng.numero} absent de la grille vierge"
        lignes = s.locator("tr[data-objectif]").evaluate_all("ls => ls.map(l => l.dataset.objectif)")
        assert lignes == [o.id for e in enjeux for o in e.objectifs]
        assert s.locator("tr[data-indicateur]").count() == sum(len(e.tous_indicateurs) for e in enjeux)
        assert s.locator("thead th").all_inner_texts()[1:1 + len(pa.NIVEAUX)] == [n for _, n in pa.NIVEAUX]
    page.emulate_media(media="print")
    ruptures = page.locator("[data-rso-grille-engagement]").evaluate_all(
        "ss => ss.map(s => getComputedStyle(s).breakBefore)")
    assert set(ruptures) == {"page"}


def test_sans_javascript(navigateur, serveur):
    ctx = navigateur.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(serveur.url(PAGE))
        expect(page.locator(".rso-autodiag__sans-js")).to_contain_text("besoin de JavaScript")
        assert page.locator(".rso-autodiag__sans-js a").get_attribute("href") == "grille-vierge/"
        assert not page.locator("[data-rso-autodiag-outils]").is_visible()
        assert page.locator("fieldset[data-objectif]").count() == len(_catalogue().objectifs)
        page.emulate_media(media="print")  # sans script, la page s'imprime telle quelle : une grille vierge
        assert page.locator("fieldset[data-objectif]").first.is_visible()
    finally:
        ctx.close()


def test_axe_grille_remplie(page, adresse, axe_source):
    _piege(page)
    _remplir(page, adresse)
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


def test_clavier_seul(page, adresse):
    """Tab jusqu'au premier niveau, flèches pour choisir, espace pour cocher une action : enregistré."""
    premier, *_ = _choix()
    page.goto(adresse)
    page.locator("#rso-autodiag-organisme").focus()
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
    _, _, _, ind1, _ = _choix()
    page.locator(f'[name="valeur-{ind1.id}"]').fill("12")
    page.locator(f'[name="valeur-{ind1.id}"]').press("Enter")
    expect(page.locator("[data-rso-autodiag-statut]")).to_contain_text("Enregistré dans ce navigateur")
    assert page.url == adresse
    assert '"12"' in (_etat_stocke(page) or "")

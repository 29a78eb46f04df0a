"""Recherche plein texte hors ligne (Pagefind) : accents, hors ligne, index chargé à la demande."""
from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.navigateur


class _Corps(HTMLParser):
    """Texte de la partie indexée d'une page (data-pagefind-body)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.profondeur = 0
        self.morceaux: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.profondeur:
            self.profondeur += 1
        elif any(nom == "data-pagefind-body" for nom, _ in attrs):
            self.profondeur = 1

    def handle_endtag(self, tag):
        if self.profondeur:
            self.profondeur -= 1

    def handle_data(self, data):
        if self.profondeur:
            self.morceaux.append(data)


def texte_indexe(site: Path, url: str) -> str:
    chemin = url.split("#")[0].split("?")[0].lstrip("/")
    fichier = site / chemin / "index.html" if not chemin.endswith(".html") else site / chemin
    lecteur = _Corps()
    lecteur.feed(fichier.read_text(encoding="utf-8"))
    return " ".join(lecteur.morceaux)


def chercher(page, requete: str) -> tuple[list[str], float]:
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    champ = page.locator("#rso-recherche input").first
    champ.wait_for()
    champ.fill("")
    debut = time.perf_counter()
    champ.fill(requete)
    # Fin de la recherche : le premier résultat affiché (ses données arrivent après le décompte), ou
    # le message « Aucun résultat ».
    page.wait_for_function(
        """q => { const m = document.querySelector('.pagefind-ui__message');
                  if (!m || !m.textContent.includes(q)) return false;
                  return /^Aucun/.test(m.textContent.trim()) || !!document.querySelector('.pagefind-ui__result-link'); }""",
        arg=requete,
    )
    duree = time.perf_counter() - debut
    liens = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return liens, duree


@pytest.mark.parametrize(("requete", "attendu"), [
    ("biodiversite", "biodiversité"),
    ("equite", "équité"),
    ("emissions", "émissions"),
])
def test_recherche_sans_accents(page, serveur, site, requete, attendu, record_property):
    """Une requête sans accents trouve les pages qui contiennent le mot accentué, hors ligne."""
    page.goto(serveur.url("/"))
    liens, duree = chercher(page, requete)
    record_property("duree_recherche_s", round(duree, 3))
    assert liens, f"« {requete} » : aucun résultat"
    pages = [lien for lien in liens if re.search(attendu, texte_indexe(site, lien), re.IGNORECASE)]
    assert pages, f"« {requete} » : aucun des résultats ne contient « {attendu} » : {liens}"
    # Le lien du premier résultat s'ouvre.
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(serveur.base)


def test_recherche_integree_de_material_retiree(site):
    assert not (site / "search").exists(), "index de la recherche de Material encore publié"
    assert not list((site / "assets" / "javascripts").glob("workers/search*")), "worker de recherche de Material publié"
    assert not (site / "assets" / "javascripts" / "lunr").exists(), "lunr (recherche de Material) publié"
    assert (site / "pagefind" / "pagefind-ui.js").exists(), "index Pagefind absent"
    accueil = (site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in accueil
    assert 'class="md-search"' not in accueil, "dialogue de recherche de Material encore présent"


def test_dialogue_sans_filtres_et_extraits_propres(page, serveur, catalogue):
    """Le dialogue cherche sans filtres : aucun panneau de filtres, aucun index de filtre téléchargé
    (page ni worker de Pagefind : c'est ce qui tient la recherche rapide à 10 000 pratiques), et un lien
    mène à la bibliothèque, qui a les filtres, avec la requête tapée. Les résultats n'ont pas d'étiquettes
    « Clé: valeur » ; le texte indexé des pratiques ne contient ni texte de bouton ni fil d'Ariane ni
    coordonnées, ni le texte commun à toutes (ODD déduits, « Signaler une erreur »)."""
    from urllib.parse import parse_qs, urlsplit

    from referentiel_rso.render.pages_pratiques import FILTRE_TYPE

    demandes: list[str] = []
    page.context.on("request", lambda r: demandes.append(r.url))
    page.goto(serveur.url("/"))
    mot = catalogue.pratiques[0].titre.split()[0]
    liens, _ = chercher(page, mot)
    assert liens, f"« {mot} » : aucun résultat"
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/index/" in u for u in demandes), "aucun morceau d'index demandé : la mesure ne voit rien"
    filtres = [u for u in demandes if "/pagefind/filter/" in u]
    assert not filtres, f"le dialogue a téléchargé des index de filtres : {filtres}"
    assert page.locator("#rso-recherche .pagefind-ui__filter-panel, #rso-recherche .pagefind-ui__filter-name").count() == 0
    assert page.locator(".pagefind-ui__result-tag").count() == 0
    lien = page.get_by_role("link", name=re.compile("Filtrer les bonnes pratiques"))
    adresse = urlsplit(lien.get_attribute("href"))
    assert adresse.path.endswith("/bonnes-pratiques/"), adresse
    assert parse_qs(adresse.query).get("q") == [mot], adresse
    # le texte indexé de chaque page de pratique (moteur Pagefind, comme l'extrait)
    contenus = page.evaluate(
        """async cle => { const pf = await import('/pagefind/pagefind.js');
            const r = await pf.search(null, { filters: { [cle[0]]: cle[1] } });
            return Promise.all(r.results.slice(0, 60).map(async x => { const d = await x.data();
                return [d.url, d.content, Object.keys(d.meta)]; })); }""",
        list(FILTRE_TYPE),
    )
    assert len(contenus) == min(60, len(catalogue.pratiques))
    for url, contenu, _ in contenus:
        for intrus in ("Ajouter à mon livret", "Voir sur la carte", "Bonnes pratiques ›", "Id:", "Resume:",
                       "Signaler une erreur", "déduits des enjeux"):
            assert intrus not in contenu, (url, intrus)


def test_moteur_du_dialogue_une_recherche_a_la_fois(page, serveur):
    """Le moteur du dialogue (assets/javascripts/recherche-moteur/pagefind.js) : filters() ne charge aucun
    index de filtre ; des recherches demandées pendant qu'une autre tourne n'attendent pas toutes : seule
    la dernière est faite, les intermédiaires rendent null (l'interface ne lit que sa dernière demande)."""
    demandes: list[str] = []
    page.context.on("request", lambda r: demandes.append(r.url))
    page.goto(serveur.url("/"))
    resultat = page.evaluate(
        """async () => {
            const m = await import('/assets/javascripts/recherche-moteur/pagefind.js');
            const filtres = await m.filters();
            const r = await Promise.all([m.search('enjeu'), m.search('enjeux r'), m.search('objectif')]);
            return { filtres, reponses: r.map(x => x === null ? null : x.results.length) };
        }"""
    )
    assert resultat["filtres"] == {}
    premiere, intermediaire, derniere = resultat["reponses"]
    assert premiere and derniere, resultat
    assert intermediaire is None, resultat
    assert not [u for u in demandes if "/pagefind/filter/" in u]


def test_frappe_rapide_montre_la_requete_complete(page, serveur, catalogue):
    """Tapée touche après touche sans pause, la requête donne les résultats de la requête complète (pas
    ceux d'un début de mot arrivés en retard)."""
    page.goto(serveur.url("/"))
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    champ = page.locator("#rso-recherche input").first
    champ.wait_for()
    requete = " ".join(catalogue.pratiques[0].titre.split()[:3])
    champ.press_sequentially(requete)
    page.wait_for_function(
        """q => { const m = document.querySelector('#rso-recherche .pagefind-ui__message');
                  return m && m.textContent.includes(q) && !!document.querySelector('#rso-recherche .pagefind-ui__result-link'); }""",
        arg=requete,
    )
    page.wait_for_load_state("networkidle")
    assert requete in page.locator("#rso-recherche .pagefind-ui__message").inner_text()


def test_frappe_des_le_clic_rien_de_perdu(page, serveur):
    """Le lecteur tape dès le clic, avant que l'interface de recherche soit chargée (ici retardée) : rien
    de ce qu'il tape n'est perdu, et la recherche porte sur toute sa requête."""
    def retarder(route):
        time.sleep(0.6)
        route.continue_()

    page.route("**/pagefind/pagefind-ui.js", retarder)
    page.goto(serveur.url("/"))
    page.get_by_role("button", name="Rechercher dans le référentiel").click()
    page.keyboard.type("mobilité", delay=30)
    champ = page.locator("#rso-recherche input").first
    champ.wait_for()
    page.keyboard.type(" durable", delay=30)
    assert champ.input_value() == "mobilité durable"
    assert page.locator("#rso-recherche").evaluate("d => d.open"), "la frappe a fermé le dialogue"
    page.wait_for_function(
        """() => { const m = document.querySelector('#rso-recherche .pagefind-ui__message');
                   return m && m.textContent.includes('mobilité durable'); }""")


def test_moteur_du_dialogue_sans_mots_vides_ni_debut_de_mot_court(page, serveur):
    """La requête confiée au moteur : sans « de », « la »… (présents partout : l'index le plus lourd) ;
    « enjeux de la » trouve ce que trouve « enjeux », « de la » ne cherche rien. Un dernier mot d'une ou
    deux lettres n'est pas cherché comme début de mot (« r » toucherait des milliers de mots) : « enjeux r »
    montre « enjeux » ; un mot court seul est cherché comme mot entier ; un mot seul qui n'existe pas
    entier (« engag ») l'est comme début de mot."""
    demandes: list[str] = []
    page.context.on("request", lambda r: demandes.append(r.url))
    page.goto(serveur.url("/"))
    resultat = page.evaluate(
        """async () => {
            const m = await import('/assets/javascripts/recherche-moteur/pagefind.js');
            const ids = async q => (await m.search(q)).results.map(r => r.id).sort().join(',');
            const enjeux = await ids('enjeux');
            const avecMotsVides = await ids('enjeux de la');
            const debutCourt = await ids('enjeux r');
            const engag = (await m.search('engag')).results.length;
            const pr = (await m.search('pr')).results.length;
            const pro = (await m.search('pro')).results.length;
            const motsVides = await m.search('de la');
            return { enjeux, avecMotsVides, debutCourt, engag, pr, pro, motsVides: motsVides.results.length };
        }"""
    )
    assert resultat["enjeux"] and resultat["avecMotsVides"] == resultat["enjeux"], resultat
    assert resultat["debutCourt"] == resultat["enjeux"], resultat
    assert resultat["motsVides"] == 0, resultat
    assert resultat["pr"] < resultat["pro"], resultat  # « pr » : le mot entier, pas tous les mots en pr…
    assert resultat["engag"], resultat  # mot seul sans correspondance exacte : cherché comme début de mot
    page.wait_for_load_state("networkidle")
    assert not [u for u in demandes if "/pagefind/filter/" in u]


def test_chaque_resultat_du_dialogue_a_un_extrait(page, serveur, catalogue):
    """Chaque résultat affiché montre un extrait, y compris une page sans intertitre qui contienne le mot
    (son sous-résultat « titre » tient lieu de la page : extrait sous le titre, titre non répété)."""
    page.goto(serveur.url("/"))
    for requete in ("enjeu", catalogue.pratiques[0].titre.split()[0]):
        chercher(page, requete)
        page.wait_for_function("!document.querySelector('#rso-recherche .pagefind-ui__loading')")
        resultats = page.locator("#rso-recherche .pagefind-ui__result").evaluate_all(
            """els => els.map(li => [li.querySelector('.pagefind-ui__result-link').textContent,
                                     [...li.querySelectorAll('.pagefind-ui__result-excerpt')].map(e => e.textContent.trim()).join(' '),
                                     [...li.querySelectorAll('.pagefind-ui__result-link')].map(a => a.textContent)])""")
        assert resultats, requete
        for titre, extrait, liens in resultats:
            assert extrait, f"« {requete} » : {titre} sans extrait"
            assert liens.count(titre) == 1, f"« {requete} » : titre répété : {liens}"
        page.keyboard.press("Escape")

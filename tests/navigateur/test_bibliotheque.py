"""La bibliothèque de bonnes pratiques dans un vrai navigateur : recherche à facettes (Pagefind),
adresse partageable, pagination, repli sans JavaScript."""
from __future__ import annotations


import pytest

# --------------------------------------------------------------------------------------------------
# la bibliothèque dans un vrai navigateur (site construit, Pagefind, Chromium)
# --------------------------------------------------------------------------------------------------
@pytest.fixture
def navigateur_bibliotheque(serveur, navigateur):
    """Le site construit de la session (harnais : tests/navigateur/conftest.py) et son Chromium."""
    return serveur, navigateur


def _etat(page) -> str:
    page.wait_for_function(
        "() => /trouvée|Aucune/.test(document.getElementById('bibliotheque-etat').textContent)")
    return page.locator("#bibliotheque-etat").text_content()


@pytest.mark.navigateur
def test_recherche_a_facettes(navigateur_bibliotheque, catalogue):
    import mesures

    serveur, chromium = navigateur_bibliotheque
    contexte = chromium.new_context(locale="fr-FR")
    garde = mesures.Garde().installer(contexte)
    page = contexte.new_page()
    erreurs: list[str] = []
    page.on("pageerror", lambda e: erreurs.append(str(e)))
    try:
        page.goto(serveur.url("/bonnes-pratiques/"))
        assert page.locator("#bibliotheque-recherche").is_visible()
        # Pagefind n'est pas chargé tant que le formulaire n'est pas utilisé
        assert not page.evaluate("performance.getEntriesByType('resource').some(r => r.name.includes('/pagefind/'))")

        # une région cochée : les pratiques de cette région, annoncées, et l'adresse partageable
        normandie = [p for p in catalogue.pratiques if p.region == "28"]
        if not normandie:  # contenu sans pratique normande : la première région présente
            code = next(p.region for p in catalogue.pratiques if p.region)
            normandie = [p for p in catalogue.pratiques if p.region == code]
        code = normandie[0].region
        page.locator(f"input[name=region][value='{code}']").check()
        assert _etat(page).startswith(f"{len(normandie)} bonne")
        assert page.locator("#bibliotheque-etat").get_attribute("aria-live") == "polite"
        assert f"region={code}" in page.url
        titres = page.locator("#bibliotheque-liste h3 a").all_text_contents()
        assert sorted(titres) == sorted(p.titre for p in normandie)

        # l'adresse partagée restitue la recherche (filtres et mot-clé)
        page.goto(serveur.url("/bonnes-pratiques/?enjeu=3.4&q=guide"))
        assert page.locator("input[name=enjeu][value='3.4']").is_checked()
        assert page.locator("#bibliotheque-q").input_value() == "guide"
        assert _etat(page)[0].isdigit()

        # toutes les pratiques : 20 par page, pagination au clavier, focus sur les résultats
        page.goto(serveur.url("/bonnes-pratiques/?statut=proposee"))
        total = sum(1 for p in catalogue.pratiques if p.statut.etat == "proposee")
        _etat(page)
        assert page.locator("#bibliotheque-liste > li").count() == min(20, total)
        if total > 20:
            page.locator("#bibliotheque-pages a", has_text="Suivante").focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.getElementById('bibliotheque-etat').textContent.includes('page 2')")
            assert page.locator("#bibliotheque-liste > li").count() == min(20, total - 20)
            assert page.evaluate("document.activeElement.id") == "bibliotheque-titre-resultats"
            assert "page=2" in page.url
        # un résultat mène à la page de la pratique
        page.locator("#bibliotheque-liste h3 a").first.click()
        page.wait_for_load_state()
        assert "/bonnes-pratiques/pratiques/BP-" in page.url
    finally:
        contexte.close()
    assert not erreurs, erreurs
    assert not garde.exterieures, garde.exterieures


def _comptes_affiches(page, nom: str) -> list[tuple[str, int]]:
    """(code, nombre affiché entre parenthèses) de chaque case de la facette `nom`."""
    return [(code, int(texte.strip("()").replace("\u202f", "").replace("\xa0", "")))
            for code, texte in page.locator(f"fieldset[data-facette='{nom}'] .bibliotheque-option").evaluate_all(
                "els => els.map(e => [e.querySelector('input').value, e.querySelector('[data-compte]').textContent])")]


def _nombre_de_resultats(page) -> int:
    texte = _etat(page)
    return 0 if texte.startswith("Aucune") else int(texte.split(" bonne")[0].replace("\u202f", ""))


def _verifier_facettes(page, noms: list[str]) -> int:
    """Pour chaque case des facettes `noms` (sans case cochée) : la cocher donne le nombre qu'elle
    affichait (lu avant le clic), puis on la décoche. Renvoie le nombre de cases vérifiées."""
    verifiees = 0
    for nom in noms:
        assert not page.locator(f"input[name='{nom}']:checked").count(), nom
        for code, affiche in _comptes_affiches(page, nom):
            case = page.locator(f"input[name='{nom}'][value='{code}']")
            case.check()
            assert _nombre_de_resultats(page) == affiche, f"{nom}={code} : affichait ({affiche})"
            case.uncheck()
            _etat(page)
            verifiees += 1
    return verifiees


@pytest.mark.navigateur
def test_comptes_des_facettes(page, serveur, catalogue):
    """Chaque case affiche, dès le premier chargement puis après chaque changement, le nombre de résultats
    qu'elle donnerait : la cocher donne exactement ce nombre (toutes les cases de toutes les facettes,
    sans critère, puis avec une case d'une autre facette et un mot-clé)."""
    page.goto(serveur.url("/bonnes-pratiques/"))
    noms = page.locator("fieldset[data-facette]").evaluate_all("els => els.map(e => e.dataset.facette)")
    assert noms and page.locator("fieldset[data-facette] > legend").count() == len(noms)
    # premier affichage, avant toute recherche : les comptes sont déjà là, et justes
    for nom in noms:
        comptes = _comptes_affiches(page, nom)
        assert comptes and all(n > 0 for _, n in comptes), (nom, comptes)
    assert _verifier_facettes(page, noms) == sum(len(_comptes_affiches(page, n)) for n in noms)

    # une facette en usage : les autres comptent dans ce sous-ensemble ; dans la sienne, chaque case
    # garde le nombre qu'elle donnerait seule avec les autres critères (« l'une ou l'autre »)
    nom, (code, _) = "branche", max(_comptes_affiches(page, "branche"), key=lambda c: c[1])
    avant = dict(_comptes_affiches(page, nom))
    page.locator(f"input[name='{nom}'][value='{code}']").check()
    assert _nombre_de_resultats(page) == avant[code]
    assert dict(_comptes_affiches(page, nom)) == avant
    assert _verifier_facettes(page, [n for n in noms if n != nom]) > 0

    # avec un mot-clé (adresse partagée) : les comptes suivent le mot-clé
    mot = catalogue.pratiques[0].titre.split()[0]
    page.goto(serveur.url(f"/bonnes-pratiques/?q={mot}"))
    _etat(page)
    assert _verifier_facettes(page, ["engagement", "region"]) > 0


@pytest.mark.navigateur
@pytest.mark.parametrize(("adresse", "selecteur"), [
    ("/bonnes-pratiques/", "#bibliotheque-q"),
    ("/indicateurs/", "#filtre-texte"),  # « Rechercher un indicateur »
])
def test_champ_de_recherche_visible_avec_bouton(page, serveur, adresse, selecteur):
    """Un champ de recherche a un cadre visible (bordure pleine, contrastée) d'au moins 28 px de haut, à
    1280 et 375 px, et son formulaire un bouton d'envoi visible."""
    page.goto(serveur.url(adresse))
    champ = page.locator(selecteur)
    for largeur in (1280, 375):
        page.set_viewport_size({"width": largeur, "height": 800})
        boite = champ.bounding_box()
        assert boite and boite["height"] >= 28 and boite["width"] >= 120, (largeur, boite)
        largeur_bord, style, couleur = champ.evaluate(
            "e => { const s = getComputedStyle(e); return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor]; }")
        assert style == "solid" and float(largeur_bord.removesuffix("px")) >= 1, (largeur_bord, style)
        rouge, vert, bleu = (int(x) for x in couleur.removeprefix("rgb(").removesuffix(")").split(",")[:3])
        assert max(rouge, vert, bleu) <= 0x76, couleur  # au moins 3:1 sur fond blanc (WCAG 1.4.11)
        assert champ.locator("xpath=ancestor::form//button[@type='submit']").is_visible()


@pytest.mark.navigateur
def test_bouton_rechercher_de_la_bibliotheque(page, serveur, catalogue):
    """Mots-clés puis bouton « Rechercher » : les résultats et l'adresse partageable."""
    page.goto(serveur.url("/bonnes-pratiques/"))
    mot = catalogue.pratiques[0].titre.split()[0]
    page.locator("#bibliotheque-q").fill(mot)
    page.get_by_role("button", name="Rechercher", exact=True).click()
    assert _nombre_de_resultats(page) >= 1
    assert "q=" in page.url


@pytest.mark.navigateur
def test_pas_de_decalage_au_chargement(page, serveur):
    """Le formulaire est là dès le premier rendu (pas de `hidden` levé par le script) : CLS < 0,1, avec
    et sans recherche dans l'adresse (PerformanceObserver « layout-shift », hors saisie du lecteur)."""
    page.add_init_script("""window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())
        if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });""")
    for largeur, hauteur in ((1280, 800), (375, 740)):
        page.set_viewport_size({"width": largeur, "height": hauteur})
        for adresse in ("/bonnes-pratiques/", "/bonnes-pratiques/?statut=proposee"):
            page.goto(serveur.url(adresse), wait_until="networkidle")
            page.wait_for_timeout(500)
            cls = page.evaluate("window.__cls")
            assert cls < 0.1, f"{adresse} à {largeur} px : CLS {cls:.3f}"


@pytest.mark.navigateur
def test_bibliotheque_sans_javascript(navigateur_bibliotheque, catalogue):
    """Sans JavaScript, le formulaire est caché ; la bibliothèque mène aux listes par engagement et par
    région, dont les pages (numérotées au-delà de 50) donnent toutes les pratiques, chacune sous le
    budget de 1 000 éléments du DOM."""
    serveur, chromium = navigateur_bibliotheque
    contexte = chromium.new_context(java_script_enabled=False)
    try:
        page = contexte.new_page()
        page.goto(serveur.url("/bonnes-pratiques/"))
        assert not page.locator("#bibliotheque-recherche").is_visible()
        assert page.locator("noscript").count() >= 1
        listes = page.locator(".bibliotheque-parcours a").evaluate_all("els => els.map(e => e.href)")
        assert listes
        atteintes: set[str] = set()
        a_visiter, vues = list(listes), set()
        while a_visiter:
            adresse = a_visiter.pop()
            if adresse in vues:
                continue
            vues.add(adresse)
            page.goto(adresse)
            assert page.evaluate("document.getElementsByTagName('*').length") <= 1000, adresse
            atteintes.update(page.locator(".bibliotheque-parcours a[href*='/pratiques/']").evaluate_all(
                "els => els.map(e => new URL(e.href).pathname)"))
            a_visiter += page.locator("nav.bibliotheque-pages a").evaluate_all("els => els.map(e => e.href)")
        for p in catalogue.pratiques:
            chemin = "/" + p.page.removesuffix("index.md")
            assert chemin in atteintes, p.id
    finally:
        contexte.close()

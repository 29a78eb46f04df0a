"""Le texte contribué hostile dans un vrai navigateur : aucun script ne s'exécute, aucune requête ne part
vers un autre hôte, aucun lien n'exécute de JavaScript quand on le clique.

Le site est construit (sans PDF) avec les fixtures hostiles de tests/fixtures/pratiques_hostiles/ (des
fichiers VALIDES dont chaque champ de texte porte des charges : HTML, liens `javascript:`, syntaxe
échappée qui deviendrait active si la page la convertissait deux fois, images distantes). Chaque page où
la pratique apparaît est ouverte dans Chromium, `alert` piégé ; chaque lien du contenu est cliqué ;
la recherche (Pagefind, dont les métadonnées `image`) est interrogée.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import mesures
from projet_copie import copier_projet_complet, remplacer_pratiques

pytestmark = pytest.mark.navigateur

RACINE = Path(__file__).resolve().parents[2]
HOSTILES = sorted((RACINE / "tests" / "fixtures" / "pratiques_hostiles").glob("*.yml"))
PIEGE = """
window.__alertes = [];
for (const nom of ['alert', 'confirm', 'prompt', 'print']) {
  window[nom] = (...args) => { window.__alertes.push(nom + '(' + args.join(',') + ')'); };
}
"""


@pytest.fixture(scope="module")
def site_hostile(tmp_path_factory):
    from referentiel_rso.build.construire import construire

    projet = remplacer_pratiques(copier_projet_complet(tmp_path_factory.mktemp("projet-hostile")), HOSTILES)
    return construire(projet, projet / "site", pdf=False)


@pytest.fixture(scope="module")
def serveur_hostile(site_hostile):
    with mesures.Serveur(site_hostile) as s:
        yield s


def _pages_ou_apparait(site: Path) -> list[str]:
    """Toutes les pages HTML du site construit qui contiennent une des pratiques hostiles."""
    pages = []
    for chemin in sorted(site.rglob("*.html")):
        texte = chemin.read_text(encoding="utf-8", errors="replace")
        if "BP-0990" in texte or "BP-0991" in texte or "Double rendu" in texte:
            pages.append("/" + chemin.relative_to(site).as_posix())
    return pages


@pytest.fixture
def ouvrir(navigateur):
    contextes = []

    def _ouvrir():
        ctx = navigateur.new_context(locale="fr-FR")
        garde = mesures.Garde().installer(ctx)
        ctx.add_init_script(PIEGE)
        page = ctx.new_page()
        dialogues, erreurs = [], []
        page.on("dialog", lambda d: (dialogues.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        contextes.append(ctx)
        return page, garde, dialogues, erreurs

    yield _ouvrir
    for ctx in contextes:
        ctx.close()


def _alertes(page) -> list[str]:
    try:
        return page.evaluate("window.__alertes || []")
    except Exception:  # page en cours de navigation
        return []


def test_le_site_hostile_contient_les_pratiques(site_hostile):
    pages = _pages_ou_apparait(site_hostile)
    # leurs pages, la bibliothèque, la fiche de l'enjeu 5.2, la page de l'indicateur, la liste de la carte…
    assert len(pages) >= 6, pages
    assert any("/pratiques/BP-0991" in p for p in pages)


def test_aucun_script_ni_requete_exterieure_sur_les_pages(site_hostile, serveur_hostile, ouvrir):
    page, garde, dialogues, erreurs = ouvrir()
    problemes = []
    for chemin in _pages_ou_apparait(site_hostile):
        page.goto(serveur_hostile.url(chemin), wait_until="load")
        page.wait_for_timeout(150)
        if _alertes(page) or dialogues:
            problemes.append(f"{chemin} : script exécuté {_alertes(page)} {dialogues}")
        # aucun élément actif issu du texte contribué
        actifs = page.evaluate("""() => [...document.querySelectorAll('a[href], img, iframe, script[src], link[href]')]
            .map(e => e.getAttribute('href') || e.getAttribute('src') || '')
            .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u) || /intrus\\.example/.test(u))""")
        if actifs:
            problemes.append(f"{chemin} : éléments actifs {actifs}")
    problemes += [f"requête extérieure : {u}" for u in garde.exterieures]
    problemes += [f"erreur JavaScript : {e}" for e in erreurs]
    assert not problemes, "\n".join(problemes)


CLIQUER_TOUT = """() => {
  // Un lien http(s) ou relatif ne peut pas exécuter de script : sa navigation est annulée (la page reste
  // là pour le clic suivant). Tout autre lien (javascript:, data:, vbscript:…) suit son cours : s'il
  // exécute quoi que ce soit, alert() piégé le note.
  document.addEventListener('click', e => {
    const a = e.target.closest('a');
    const href = a ? (a.getAttribute('href') || '') : '';
    if (!/^\\s*[a-z][a-z0-9+.-]*:/i.test(href) || /^\\s*https?:/i.test(href)) e.preventDefault();
  }, true);
  const liens = [...document.querySelectorAll('article a')];
  liens.forEach(a => a.click());
  return liens.map(a => a.getAttribute('href'));
}"""


def test_chaque_lien_clique_sans_executer_de_script(site_hostile, serveur_hostile, ouvrir):
    """Chaque lien du contenu des pages des pratiques hostiles, cliqué : aucun n'exécute de JavaScript."""
    page, garde, dialogues, erreurs = ouvrir()
    page.set_default_timeout(30_000)
    cliques = []
    for chemin in [p for p in _pages_ou_apparait(site_hostile) if "/pratiques/BP-09" in p]:
        page.goto(serveur_hostile.url(chemin))
        hrefs = page.evaluate(CLIQUER_TOUT)
        assert len(hrefs) > 5, chemin
        page.wait_for_timeout(200)
        assert not _alertes(page) and not dialogues, (chemin, _alertes(page), dialogues)
        cliques += hrefs
    assert len(cliques) > 20
    assert not [h for h in cliques if h and h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], cliques
    assert not garde.exterieures, garde.exterieures
    assert not erreurs, erreurs


def test_recherche_sans_image_ni_lien_actif(serveur_hostile, ouvrir):
    """Les résultats Pagefind (titre, extrait, métadonnées dont `image`) n'apportent ni image distante
    ni lien actif."""
    page, garde, dialogues, erreurs = ouvrir()
    page.goto(serveur_hostile.url("/bonnes-pratiques/"))
    donnees = page.evaluate("""async () => {
        const pf = await import(document.getElementById('bibliotheque-recherche').dataset.index + 'pagefind.js');
        const r = await pf.search('rendu');
        return Promise.all(r.results.map(x => x.data()));
    }""")
    assert donnees, "la recherche ne trouve pas la pratique hostile"
    for d in donnees:
        assert "image" not in d["meta"], d["meta"]
        assert not re.search(r"<(img|a|script|iframe)\b", d["excerpt"]), d["excerpt"]
    page.goto(serveur_hostile.url("/bonnes-pratiques/") + "?q=rendu")
    page.wait_for_timeout(800)
    assert not _alertes(page) and not dialogues
    assert not garde.exterieures, garde.exterieures
    assert not erreurs, erreurs

"""Une pratique retirée par le CTP RSO garde sa page (avec un avis) et disparaît de partout ailleurs ; les
pages portent les liens de contribution pré-remplis ; l'adresse du dépôt vient de mkdocs.yml seul."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import RACINE, copier_projet
from referentiel_rso import config as configuration
from referentiel_rso.catalogue.charger import charger
from referentiel_rso.load.pratiques import fichiers_pratiques
from referentiel_rso.validate.erreurs import ErreursDeContenu

MOTIF = "Action arrêtée en 2024 <b>fin</b> *doublon*"
GABARITS = RACINE / ".github" / "ISSUE_TEMPLATE"


def _retirer(chemin: Path, motif: str | None = MOTIF, date: str | None = "2024-06-01") -> None:
    texte = chemin.read_text(encoding="utf-8")
    bloc = "statut:\n  etat: retiree\n" + (f"  date_decision: {date}\n" if date else "") + \
        (f"  motif: {yaml.safe_dump(motif, allow_unicode=True, width=10**6).splitlines()[0]}\n" if motif else "")
    texte, n = re.subn(r"(?m)^statut:\n(?:  .*\n)+", bloc, texte)
    assert n == 1
    chemin.write_text(texte, encoding="utf-8")


@pytest.fixture(scope="module")
def avec_retiree(tmp_path_factory):
    from referentiel_rso.render import rendre

    projet = copier_projet(tmp_path_factory.mktemp("retiree"))
    # une pratique localisée, qui a des enjeux : elle serait sur la carte, la fiche et la bibliothèque
    cat0 = charger(projet)
    cible = next(p for p in cat0.pratiques if p.point)
    _retirer(projet / cible.fichier)
    catalogue = charger(projet)
    return cible, catalogue, rendre(catalogue)


def test_la_retiree_sort_du_catalogue_mais_garde_sa_page(avec_retiree):
    cible, catalogue, pages = avec_retiree
    assert cible.id not in {p.id for p in catalogue.pratiques}
    (retiree,) = catalogue.retirees
    assert retiree.id == cible.id and retiree.retiree and retiree.page == cible.page
    page = pages[cible.page]
    assert '!!! warning "Retirée par le CTP RSO le 1er juin 2024"' in page
    assert "Motif : Action arrêtée en 2024 &lt;b&gt;fin&lt;/b&gt;" in page  # motif échappé, jamais du HTML
    assert "<b>" not in page
    assert "data-pagefind-filter" not in page  # hors de la recherche de la bibliothèque
    # hors de la recherche du site : l'en-tête retire data-pagefind-body (overrides/main.html)
    assert yaml.safe_load(page.split("---\n")[1])["retiree"] is True
    assert "not (page.meta and page.meta.retiree) %} data-pagefind-body" in \
        (RACINE / "overrides" / "main.html").read_text(encoding="utf-8")
    assert all("retiree:" not in pages[p.page].split("---\n")[1] for p in catalogue.pratiques)
    assert "rso-livret-bouton" not in page and "Voir sur la carte" not in page
    assert "Signaler une erreur ou proposer une modification" in page


def test_la_retiree_n_apparait_nulle_part_ailleurs(avec_retiree):
    from referentiel_rso.build import carte, exports

    cible, catalogue, pages = avec_retiree
    lien = cible.page.rsplit("/", 2)[-2]
    ailleurs = [c for c, t in pages.items() if c != cible.page and lien in t]
    assert not ailleurs, ailleurs  # bibliothèque, fiches, indicateurs, carte (liste), livret
    assert cible.id not in {i.id for i in carte.initiatives(catalogue)}
    assert cible.id not in {p.id for p in carte.non_localisees(catalogue)}
    donnees, _ = exports.donnees_pratiques(catalogue)
    assert cible.id not in {d["id"] for d in donnees}
    assert len(donnees) == len(catalogue.pratiques) == len(fichiers_pratiques(catalogue.racine)) - 1


@pytest.mark.parametrize("motif, date, attendu", [
    (None, "2024-06-01", "statut.motif: une pratique retiree doit avoir son motif"),
    (MOTIF, None, "statut.date_decision: une pratique retiree doit avoir sa date_decision"),
])
def test_retrait_incomplet_refuse(tmp_path, motif, date, attendu):
    projet = copier_projet(tmp_path)
    chemin = fichiers_pratiques(projet)[0]
    _retirer(chemin, motif, date)
    with pytest.raises(ErreursDeContenu) as exc:
        charger(projet)
    assert any(attendu in str(e) for e in exc.value.erreurs), exc.value.rapport()


def test_motif_reserve_au_retrait(tmp_path):
    projet = copier_projet(tmp_path)
    chemin = fichiers_pratiques(projet)[0]
    texte = chemin.read_text(encoding="utf-8").replace("  etat: proposee\n", "  etat: proposee\n  motif: Doublon\n")
    chemin.write_text(texte, encoding="utf-8")
    with pytest.raises(ErreursDeContenu) as exc:
        charger(projet)
    assert "motif ne s'emploie que pour une pratique retiree" in exc.value.rapport()


# --------------------------------------------------------------------------------------------------
# liens de contribution pré-remplis
# --------------------------------------------------------------------------------------------------
def _liens(texte: str, classe: str) -> list[dict]:
    sortie = []
    hrefs = re.findall(rf'<p class="{classe}"><a (?:class="md-button" )?href="([^"]+)"', texte)
    hrefs += re.findall(rf'\]\((https://[^)\s]+)\)\{{ \.{classe} \}}', texte)  # lien Markdown (fiches)
    for href in hrefs:
        url = urlsplit(href.replace("&amp;", "&"))
        sortie.append({"base": f"{url.scheme}://{url.netloc}{url.path}",
                       **{k: v[0] for k, v in parse_qs(url.query).items()}})
    return sortie


def _options(gabarit: str, id_: str) -> list[str]:
    corps = yaml.safe_load((GABARITS / gabarit).read_text(encoding="utf-8"))["body"]
    return next(e["attributes"].get("options", []) for e in corps if e.get("id") == id_)


def _ids(gabarit: str) -> set[str]:
    return {e["id"] for e in yaml.safe_load((GABARITS / gabarit).read_text(encoding="utf-8"))["body"] if "id" in e}


def test_proposer_une_pratique_depuis_chaque_fiche_et_la_bibliotheque(catalogue):
    from referentiel_rso.render import rendre, urls

    pages = rendre(catalogue)
    depot = configuration.depot(RACINE)
    for enjeu in catalogue.enjeux:
        (lien,) = _liens(pages[urls.page_enjeu(enjeu)], "bp-proposer")
        assert lien["base"] == f"{depot}/issues/new"
        assert (GABARITS / lien["template"]).is_file()
        assert set(lien) - {"base", "template"} <= _ids(lien["template"])
        # la valeur est exactement une option de la liste (règle de GitHub pour une liste déroulante)
        assert lien["enjeux"] in _options(lien["template"], "enjeux")
        assert lien["enjeux"].startswith(enjeu.id + " ")
    (lien,) = _liens(pages["bonnes-pratiques/index.md"], "bp-proposer")
    assert lien == {"base": f"{depot}/issues/new", "template": configuration.FORMULAIRE_PRATIQUE}


def test_signaler_une_erreur_depuis_chaque_pratique(catalogue):
    from referentiel_rso.render import rendre

    pages = rendre(catalogue)
    site = configuration.adresse_site(RACINE)
    for p in catalogue.pratiques:
        (lien,) = _liens(pages[p.page], "bp-signaler")
        assert lien["template"] == configuration.FORMULAIRE_SIGNALEMENT
        assert set(lien) - {"base", "template", "title"} <= _ids(lien["template"])
        assert lien["pratique"] == f"{p.id} — {' '.join(p.titre.split())}"
        assert lien["adresse"] == site + p.page.removesuffix("index.md")
        assert lien["title"].startswith(f"[Correction] {p.id}")


# --------------------------------------------------------------------------------------------------
# une seule adresse du dépôt
# --------------------------------------------------------------------------------------------------
def test_un_seul_lecteur_de_mkdocs_yml():
    """Un seul module du paquet lit (analyse) mkdocs.yml : referentiel_rso/config.py."""
    lecteurs = []
    for f in (RACINE / "referentiel_rso").rglob("*.py"):
        texte = f.read_text(encoding="utf-8")
        if re.search(r"yaml\.(safe_)?load\(", texte) and re.search(r"""["']mkdocs\.yml["']""", texte):
            lecteurs.append(f.relative_to(RACINE).as_posix())
    assert lecteurs == ["referentiel_rso/config.py"], lecteurs


def test_l_adresse_du_depot_vient_de_repo_url():
    depot = configuration.depot(RACINE)
    assert depot == yaml.safe_load(re.search(r"(?m)^repo_url:.*$", (RACINE / "mkdocs.yml").read_text(encoding="utf-8")).group(0))["repo_url"].rstrip("/")
    textes = {p: p.read_text(encoding="utf-8") for p in [RACINE / "CONTRIBUTING.md", RACINE / "README.md",
                                                         *GABARITS.glob("*.yml"), RACINE / ".github" / "PULL_REQUEST_TEMPLATE.md"]}
    vus = 0
    for chemin, texte in textes.items():
        for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", texte):
            vus += 1
            assert url == depot, f"{chemin.name} : {url} n'est pas repo_url de mkdocs.yml ({depot})"
    assert vus >= 3  # CONTRIBUTING et les formulaires citent le dépôt
    source = (RACINE / "overrides" / "partials" / "source.html").read_text(encoding="utf-8")
    assert "config.repo_url" in source

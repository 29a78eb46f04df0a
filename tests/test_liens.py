"""Liens internes et ancres du site construit : 0 cassé (Python pur, html.parser, tout site/)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

import mesures

RACINE = Path(__file__).resolve().parents[1]
ATTRIBUTS = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "source": "src",
             "iframe": "src", "video": "src", "audio": "src", "track": "src", "embed": "src", "object": "data"}
EXTERNE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, mailto:, data:, //hôte…
# Fragment qui porte un état lu par un script (« #pratique=BP-0001 ») et non l'id d'un élément.
ETAT = re.compile(r"[=&]")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.liens: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        valeurs = dict(attrs)
        if valeurs.get("id"):
            self.ids.add(valeurs["id"])
        if tag == "a" and valeurs.get("name"):
            self.ids.add(valeurs["name"])
        cle = ATTRIBUTS.get(tag)
        if cle and valeurs.get(cle) is not None:
            self.liens.append((self.getpos()[0], valeurs[cle]))

    handle_startendtag = handle_starttag


def prefixe_site() -> str:
    """Chemin de site_url (« /referentiel-rso/ ») : les liens absolus de la page 404 le portent."""
    from referentiel_rso.build.exports import adresse_du_site

    chemin = urlsplit(adresse_du_site(RACINE)).path or "/"
    return chemin if chemin.endswith("/") else chemin + "/"


def cible(site: Path, page: Path, lien: str, prefixe: str) -> tuple[Path | None, str]:
    """(fichier visé ou None s'il n'existe pas, ancre)."""
    morceaux = urlsplit(lien)
    chemin, ancre = unquote(morceaux.path), unquote(morceaux.fragment)
    if not chemin:
        return page, ancre
    if chemin.startswith("/"):
        if not chemin.startswith(prefixe) and chemin + "/" != prefixe:
            return None, ancre
        base = PurePosixPath(chemin[len(prefixe):])
    else:
        base = PurePosixPath(page.parent.relative_to(site).as_posix()) / chemin
    parties: list[str] = []
    for partie in base.parts:
        if partie == "..":
            if not parties:
                return None, ancre  # sort du site
            parties.pop()
        elif partie not in (".", ""):
            parties.append(partie)
    fichier = site.joinpath(*parties) if parties else site
    if fichier.is_dir():
        fichier = fichier / "index.html"
    return (fichier if fichier.is_file() else None), ancre


def test_liens_internes_et_ancres():
    site = mesures.site_temporaire()
    prefixe = prefixe_site()
    pages: dict[Path, Page] = {}
    for fichier in sorted(site.rglob("*.html")):
        lecteur = Page()
        lecteur.feed(fichier.read_text(encoding="utf-8"))
        pages[fichier] = lecteur
    assert len(pages) > 10, f"site presque vide : {len(pages)} pages"
    # Les PDF (étape « pdf », longue) ne sont pas produits par la construction des tests : leurs liens ne
    # sont vérifiés que sur un site construit avec eux (RSO_SITE=site après `make site`).
    sans_pdf = not (site / "pdf").is_dir()
    casses: list[str] = []
    for fichier, lecteur in pages.items():
        rel = fichier.relative_to(site).as_posix()
        for ligne, lien in lecteur.liens:
            if not lien.strip() or EXTERNE.match(lien):
                continue
            vise, ancre = cible(site, fichier, lien.strip(), prefixe)
            if vise is None and sans_pdf and re.search(r"(^|/)pdf/[^/]+\.pdf$", urlsplit(lien).path):
                continue
            if vise is None:
                casses.append(f"{rel}:{ligne}: « {lien} » : page ou fichier introuvable")
            elif (ancre and vise.suffix == ".html" and ancre not in pages[vise].ids and ancre != "top"
                  and not ETAT.search(ancre)):
                casses.append(f"{rel}:{ligne}: « {lien} » : ancre #{ancre} absente de {vise.relative_to(site)}")
    assert not casses, f"{len(casses)} lien(s) cassé(s) :\n" + "\n".join(casses[:60])


@pytest.mark.parametrize(("lien", "attendu"), [
    ("../b/", "b/index.html"),
    ("c.css", "a/c.css"),
    ("/referentiel-rso/b/", "b/index.html"),
    ("#x", "a/index.html"),
])
def test_resolution_des_liens(tmp_path, lien, attendu):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for f in ("a/index.html", "b/index.html", "a/c.css"):
        (tmp_path / f).write_text("", encoding="utf-8")
    vise, _ = cible(tmp_path, tmp_path / "a" / "index.html", lien, "/referentiel-rso/")
    assert vise == tmp_path / attendu


def test_lien_casse_detecte(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("", encoding="utf-8")
    assert cible(tmp_path, tmp_path / "a" / "index.html", "../absent/", "/")[0] is None
    assert cible(tmp_path, tmp_path / "a" / "index.html", "../../hors-du-site/", "/")[0] is None

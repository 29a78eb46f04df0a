"""Pages des bonnes pratiques : une page par pratique et la bibliothèque (bonnes-pratiques/index.md).

Tout texte contribué passe par les filtres d'assainissement (referentiel_rso/assainir.py) :
`texte` (texte simple, échappé et neutralisé), `markdown` (Markdown → HTML assaini), `markdown_ligne`.
Les pages de pratiques portent les filtres Pagefind (`data-pagefind-filter`) que la recherche à
facettes de la bibliothèque (docs/assets/javascripts/bibliotheque.js) interroge.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from referentiel_rso import assainir, formats
from referentiel_rso.catalogue import Catalogue
from referentiel_rso.models.pratique import BRANCHES, ETATS
from referentiel_rso.render import urls

PAGE_BIBLIOTHEQUE = "bonnes-pratiques/index.md"
SCRIPT = "assets/javascripts/bibliotheque.js"
INDEX_PAGEFIND = "pagefind/"
PAR_PAGE = 20
# entrées par page des listes sans JavaScript : une page reste sous le budget de 1 000 éléments du DOM
PAR_PAGE_LISTE = 50
ETATS_COURTS = {"proposee": "Proposée", "validee": "Validée par le CTP RSO"}
# valeurs du filtre « region » pour les pratiques sans territoire
SANS_REGION = {"nationale": "Portée nationale", "non-precisee": "Territoire non précisé"}


# Les facettes de la bibliothèque : (nom dans l'adresse et le formulaire, clé du filtre Pagefind, légende).
# La clé et les valeurs des filtres Pagefind sont en français lisible : le panneau de filtres du dialogue
# de recherche (pagefind-ui) les affiche telles quelles. Le formulaire de la bibliothèque garde les codes
# dans l'adresse (?region=28) et fait le lien code → valeur par l'attribut data-filtre de chaque case.
FACETTES = (
    ("engagement", "Engagement", "Engagement"),
    ("enjeu", "Enjeu", "Enjeu"),
    ("odd", "ODD", "Objectif de développement durable"),
    ("region", "Région", "Région"),
    ("branche", "Branche", "Branche"),
    ("annee", "Année", "Année"),
    ("statut", "Statut", "Statut"),
)
CLES = {nom: cle for nom, cle, _ in FACETTES}
# Filtre commun à toutes les pages de pratiques : la bibliothèque n'interroge que celles-ci.
FILTRE_TYPE = ("Contenu", "Bonne pratique")


def codes(p) -> list[tuple[str, str]]:
    """Les valeurs de facettes d'une pratique : (nom de facette, code)."""
    valeurs: list[tuple[str, str]] = []
    valeurs += [("engagement", str(n)) for n in p.engagements]
    valeurs += [("enjeu", e) for e in p.enjeux]
    valeurs += [("odd", str(n)) for n in p.odd]
    valeurs.append(("region", p.region if p.region else p.portee))
    valeurs.append(("branche", p.branche))
    if p.annee:
        valeurs.append(("annee", str(p.annee)))
    valeurs.append(("statut", p.statut.etat))
    return valeurs


def libelle(catalogue: Catalogue, nom: str, code: str) -> str:
    """Le libellé d'une valeur de facette : case du formulaire et valeur du filtre Pagefind."""
    if nom == "engagement":
        e = catalogue.engagement(int(code))
        return f"{e.numero}. {e.titre}"
    if nom == "enjeu":
        e = catalogue.enjeu(code)
        return f"{e.id} {e.titre}"
    if nom == "odd":
        # titre d'abord : Pagefind range les valeurs par ordre alphabétique (« ODD 10 » avant « ODD 2 »)
        return f"{catalogue.odd(int(code)).titre} (ODD {code})"
    if nom == "region":
        if code in SANS_REGION:
            return SANS_REGION[code]
        r = catalogue.territoires.region(code) if catalogue.territoires is not None else None
        return r.nom if r else code
    if nom == "branche":
        return BRANCHES.get(code, code)
    if nom == "statut":
        return ETATS_COURTS.get(code, code)
    return code


def filtres(p, catalogue: Catalogue) -> list[tuple[str, str]]:
    """Les filtres Pagefind d'une pratique : (clé, valeur), en français, valeurs écrites comme contenu
    d'élément (virgules et deux-points permis)."""
    return [FILTRE_TYPE] + [(CLES[nom], libelle(catalogue, nom, code)) for nom, code in codes(p)]


def _ordre(catalogue: Catalogue, nom: str, valeurs: set[str]) -> list[str]:
    if nom == "engagement":
        return [str(e.numero) for e in catalogue.engagements if str(e.numero) in valeurs]
    if nom == "enjeu":
        return [e.id for e in catalogue.enjeux if e.id in valeurs]
    if nom == "odd":
        return [str(o.numero) for o in catalogue.table_odd.odd if str(o.numero) in valeurs]
    if nom == "region":
        regions = sorted((c for c in valeurs if c not in SANS_REGION), key=lambda c: urls.slug(libelle(catalogue, nom, c)))
        return regions + [c for c in SANS_REGION if c in valeurs]
    if nom == "branche":
        return [b for b in BRANCHES if b in valeurs]
    if nom == "annee":
        return sorted(valeurs, reverse=True)
    if nom == "statut":
        return [s for s in ETATS_COURTS if s in valeurs]
    return sorted(valeurs)


def facettes(catalogue: Catalogue) -> list[dict]:
    """Les facettes de la bibliothèque, dans l'ordre de lecture, avec leurs valeurs présentes et le nombre
    de pratiques de chacune (affiché dès le premier chargement, avant toute recherche)."""
    comptes: dict[str, Counter] = defaultdict(Counter)
    for p in catalogue.pratiques:
        for nom, code in set(codes(p)):
            comptes[nom][code] += 1
    sortie = []
    for nom, cle, legende in FACETTES:
        valeurs = [
            {"code": c, "libelle": libelle(catalogue, nom, c), "nombre": comptes[nom][c]}
            for c in _ordre(catalogue, nom, set(comptes[nom]))
        ]
        sortie.append({"nom": nom, "cle": cle, "libelle": legende, "valeurs": valeurs})
    return sortie


# --------------------------------------------------------------------------------------------------
# parcours sans JavaScript : par engagement et par région, en pages bornées
# --------------------------------------------------------------------------------------------------
@dataclass
class Parcours:
    """Une liste de la bibliothèque lisible sans JavaScript (un engagement, une région), découpée en pages
    d'au plus PAR_PAGE_LISTE entrées. `entrees` : (intertitre ou None, pratique), dans l'ordre de lecture."""
    genre: str        # « Engagement », « Région »
    titre: str        # « 1. Renforcer la gouvernance responsable », « Normandie »
    slug: str         # « engagement-1 », « region-normandie »
    entrees: list[tuple[tuple[str, str] | None, Any]] = field(default_factory=list)

    @property
    def nombre(self) -> int:
        return len({p.id for _, p in self.entrees})

    @property
    def nb_pages(self) -> int:
        return max(1, -(-len(self.entrees) // PAR_PAGE_LISTE))

    def chemin(self, numero: int = 1) -> str:
        return f"bonnes-pratiques/{self.slug}/index.md" if numero == 1 else f"bonnes-pratiques/{self.slug}-page-{numero}/index.md"

    def page(self, numero: int) -> list[tuple[tuple[str, str] | None, list]]:
        """Les entrées de la page `numero`, regroupées sous leurs intertitres successifs."""
        tranche = self.entrees[(numero - 1) * PAR_PAGE_LISTE:numero * PAR_PAGE_LISTE]
        groupes: list[tuple[tuple[str, str] | None, list]] = []
        for intertitre, p in tranche:
            if not groupes or groupes[-1][0] != intertitre:
                groupes.append((intertitre, []))
            groupes[-1][1].append(p)
        return groupes


def parcours(catalogue: Catalogue) -> list[Parcours]:
    """Un parcours par engagement qui a des pratiques (groupées par enjeu), puis un par région (ordre
    alphabétique, puis portée nationale et territoire non précisé)."""
    sortie: list[Parcours] = []
    for eng in catalogue.engagements:
        p_eng = Parcours("Engagement", libelle(catalogue, "engagement", str(eng.numero)), f"engagement-{eng.numero}")
        for e in catalogue.enjeux_de(eng.numero):
            intertitre = (f"{e.id} {e.titre}", urls.page_enjeu(e))
            p_eng.entrees += [(intertitre, p) for p in catalogue.pratiques_de(e.id)]
        if p_eng.entrees:
            sortie.append(p_eng)
    groupes: dict[str, list] = defaultdict(list)
    for p in catalogue.pratiques:
        groupes[p.region or p.portee].append(p)
    for code in _ordre(catalogue, "region", set(groupes)):
        nom = libelle(catalogue, "region", code)
        sortie.append(Parcours("Région", nom, f"region-{urls.slug(nom)}",
                               [(None, p) for p in sorted(groupes[code], key=lambda p: p.id)]))
    return sortie


def fenetre(numero: int, total: int, autour: int = 2) -> list[int | None]:
    """Numéros de page à montrer : la première, la dernière, et `autour` de part et d'autre de la page
    courante ; None marque une coupure (« … »). Bornée quel que soit le nombre de pages."""
    montres = sorted({1, total, *range(max(1, numero - autour), min(total, numero + autour) + 1)})
    sortie: list[int | None] = []
    for n in montres:
        if sortie and n - sortie[-1] > 1:  # type: ignore[operator]
            sortie.append(None)
        sortie.append(n)
    return sortie


def environnement_pratiques(env):
    """L'environnement commun (filtres d'assainissement compris), plus les aides propres aux pratiques."""
    sur = env.overlay()
    sur.filters.update(date_fr=formats.date, nombre=formats.nombre)
    indicateurs = {i.id: i for _, i in env.globals["cat"].indicateurs}
    sur.globals.update(BRANCHES=BRANCHES, ETATS=ETATS, filtres=filtres, PAR_PAGE=PAR_PAGE,
                       PAR_PAGE_LISTE=PAR_PAGE_LISTE, fenetre=fenetre, FILTRE_TYPE=FILTRE_TYPE, indicateur=indicateurs.__getitem__)
    return sur


def pages(catalogue: Catalogue, env) -> dict[str, str]:
    env = environnement_pratiques(env)
    sortie: dict[str, str] = {}
    gabarit = env.get_template("pratique.md.j2")
    for p in (*catalogue.pratiques, *catalogue.retirees):  # une retirée garde sa page, avec un avis
        sortie[p.page] = gabarit.render(page=p.page, p=p, bibliotheque=PAGE_BIBLIOTHEQUE)
    listes = parcours(catalogue)
    gabarit_liste = env.get_template("bibliotheque_liste.md.j2")
    for liste in listes:
        for numero in range(1, liste.nb_pages + 1):
            chemin = liste.chemin(numero)
            sortie[chemin] = gabarit_liste.render(page=chemin, liste=liste, numero=numero, bibliotheque=PAGE_BIBLIOTHEQUE)
    sortie[PAGE_BIBLIOTHEQUE] = env.get_template("bibliotheque.md.j2").render(
        page=PAGE_BIBLIOTHEQUE,
        pratiques=catalogue.pratiques,
        facettes=facettes(catalogue),
        parcours=listes,
        script=urls.asset(PAGE_BIBLIOTHEQUE, SCRIPT),
        index_pagefind=urls.asset(PAGE_BIBLIOTHEQUE, INDEX_PAGEFIND).rstrip("/") + "/",
    )
    return sortie

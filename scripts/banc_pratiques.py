"""Banc d'essai de montée en charge de la bibliothèque de bonnes pratiques (un script, pas un test).

    .venv/bin/python scripts/banc_pratiques.py                 # N = 1 000 et 10 000
    .venv/bin/python scripts/banc_pratiques.py --rapide        # N = 200 et 1 000, pour vérifier le script
    .venv/bin/python scripts/banc_pratiques.py --n 500 2000 --rapport /tmp/banc.md --garder

Pour chaque N :

1. copie le projet (content/, data/, docs/, overrides/, macros/, referentiel_rso/, mkdocs.yml) dans un
   dossier temporaire et y écrit des pratiques synthétiques valides, pour que la bibliothèque compte N
   pratiques (les pratiques réelles sont gardées) : fichiers `BP-NNNN-<slug>.yml` selon
   content/bonnes_pratiques/_modele.yml, enjeux, objectifs et indicateurs du référentiel, territoires
   réels de data/territoires/*.json, textes de longueur réaliste, graine aléatoire fixe ;
2. valide le contenu (`python -m referentiel_rso valider`) : temps de lecture et de validation seuls ;
3. construit le site avec la vraie chaîne (`python -m referentiel_rso construire --sans-pdf`) ;
4. construit « côte à côte » un site MkDocs Material simple des mêmes pages : le Markdown produit par
   notre rendu (`referentiel_rso.render.rendre(catalogue)`) écrit dans le docs/ d'un projet minimal
   (`theme: material`, `language: fr`, les mêmes extensions Markdown, `not_in_nav: "*"`, le plugin de
   recherche par défaut de Material ; ni hooks, ni macros, ni gabarits propres) ;
5. mesure chaque commande dans un processus neuf : temps mur, temps CPU (utilisateur + système, tous
   sous-processus compris), mémoire maximale (le plus gros processus de l'arbre, `ru_maxrss`), taille
   du site (octets, fichiers) ; pour notre build, la durée de chaque étape affichée par `construire`
   (données, recherche Pagefind) et, par différence, celle de MkDocs.

Le rapport Markdown (par défaut mesures/banc-pratiques.md, dossier non versionné) est réécrit après
chaque N : un essai interrompu laisse ses premiers chiffres.

Limite : l'id d'une pratique a quatre ou cinq chiffres (`BP-NNNN`, puis `BP-NNNNN`) : au-delà de
99 999, N est ramené à 99 999 et le rapport le dit.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PROJET = Path(__file__).resolve().parents[1]
from referentiel_rso.cli import slug_titre
PYTHON = sys.executable
A_COPIER = ("content", "data", "docs", "overrides", "macros", "referentiel_rso", "mkdocs.yml", "mesures")
A_LIER = ("node_modules",)  # lu seulement (Leaflet pour la carte) : lien symbolique plutôt que copie
ID_MAX = 99999  # motif ^BP-[0-9]{4,5}$ de models/pratique.py
GRAINE = 20240917
ENTETE_YAML = "# yaml-language-server: $schema=../../schemas/pratique.schema.json\n"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

# --- mesure d'une commande -------------------------------------------------------------------------

# Processus neuf qui lance la commande et rend ses ressources (RUSAGE_CHILDREN : tous les
# sous-processus attendus ; ru_maxrss = le plus gros d'entre eux, en Kio sous Linux).
_MESUREUR = r"""
import json, resource, subprocess, sys, time
sortie, delai, commande = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
t = time.perf_counter()
try:
    code = subprocess.run(commande, timeout=delai if delai > 0 else None).returncode
except subprocess.TimeoutExpired:
    code = "delai"
mur = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"code": code, "mur": mur, "cpu": r.ru_utime + r.ru_stime, "rss_kio": r.ru_maxrss}, open(sortie, "w"))
"""


@dataclass
class Mesure:
    code: Any
    mur: float
    cpu: float
    rss_kio: int
    sortie: str = ""

    @property
    def ok(self) -> bool:
        return self.code == 0


def mesurer(commande: list[str], cwd: Path, journal: Path, delai: float) -> Mesure:
    """Lance `commande` dans un processus mesureur neuf ; stdout+stderr vont dans `journal`."""
    resultat = journal.with_suffix(".json")
    with open(journal, "w", encoding="utf-8") as f:
        subprocess.run([PYTHON, "-c", _MESUREUR, str(resultat), str(delai), *commande],
                       cwd=cwd, env=ENV, stdout=f, stderr=subprocess.STDOUT)
    d = json.loads(resultat.read_text())
    return Mesure(d["code"], d["mur"], d["cpu"], d["rss_kio"], journal.read_text(encoding="utf-8", errors="replace"))


def taille(dossier: Path) -> tuple[int, int]:
    """(octets, nombre de fichiers) d'un dossier."""
    octets = fichiers = 0
    for racine, _, noms in os.walk(dossier):
        for nom in noms:
            octets += os.path.getsize(os.path.join(racine, nom))
            fichiers += 1
    return octets, fichiers


# --- génération des pratiques ----------------------------------------------------------------------

ACTIONS = [
    "Mise en place d'un plan de mobilité", "Déploiement d'une charte", "Création d'un réseau",
    "Réduction des consommations", "Organisation d'ateliers", "Lancement d'un appel à projets",
    "Accompagnement des agents", "Dématérialisation des échanges", "Rénovation énergétique",
    "Sensibilisation des équipes", "Achats responsables", "Tri et valorisation des déchets",
    "Recrutement inclusif", "Partenariat local", "Formation des managers", "Démarche de sobriété",
]
OBJETS = [
    "du numérique responsable", "pour l'égalité professionnelle", "des éco-correspondants",
    "d'énergie dans les bâtiments", "sur la qualité de vie au travail", "en faveur de la biodiversité",
    "pour l'accès aux droits des assurés", "avec les associations du territoire", "du covoiturage",
    "contre le gaspillage alimentaire", "pour l'insertion des jeunes", "sur le handicap au travail",
    "de la restauration collective", "des déplacements professionnels", "du parc informatique",
]
PHRASES = [
    "Le projet a été construit avec les représentants du personnel et validé par le comité de direction.",
    "Un groupe de travail réunissant une dizaine d'agents volontaires s'est réuni chaque mois pendant un an.",
    "Les actions ont été priorisées selon leur impact environnemental et social, puis planifiées sur trois ans.",
    "La démarche s'appuie sur le référentiel RSO de la Sécurité sociale et sur les objectifs de développement durable.",
    "Un bilan intermédiaire a permis d'ajuster le calendrier et de mieux associer les sites distants.",
    "Les agents ont été informés par l'intranet, des réunions de service et une lettre d'information dédiée.",
    "Le budget mobilisé reste modeste : l'essentiel repose sur la réorganisation des pratiques existantes.",
    "Des partenaires locaux ont apporté leur expertise et facilité le lien avec les publics concernés.",
    "La principale difficulté a été de maintenir la mobilisation dans la durée, au-delà du lancement.",
    "L'organisme prévoit d'étendre l'expérimentation à l'ensemble de ses sites l'an prochain.",
    "Les résultats sont suivis chaque trimestre dans le tableau de bord RSO présenté en comité de direction.",
    "Cette pratique peut être reprise par tout organisme disposant d'un référent RSO et d'un appui de la direction.",
]
ETAPES = [
    "diagnostic partagé de la situation de départ", "définition d'objectifs chiffrés",
    "désignation d'un référent par site", "formation des équipes concernées",
    "communication interne régulière", "suivi trimestriel des indicateurs", "bilan annuel présenté aux instances",
]
TYPES_ORG = {
    "maladie": ["Cpam", "CGSS", "DRSM"], "famille": ["Caf"], "retraite": ["Carsat", "Cnav"],
    "recouvrement": ["Urssaf"], "msa": ["MSA"], "risques-professionnels": ["Carsat"],
    "autonomie": ["CNSA"], "regimes-speciaux": ["Caisse"], "ucanss": ["Ucanss"], "en3s": ["EN3S"],
    "interbranche": ["Groupement interbranches"], "autre": ["Ugecam"],
}
PARTENAIRES = ["Métropole", "Conseil départemental", "Ademe", "Pôle emploi", "Association locale d'insertion",
               "Chambre de commerce et d'industrie", "Agence régionale de santé", "Université"]


_slug = slug_titre  # le nom de fichier que donnerait `nouvelle-pratique`


@dataclass
class Referentiel:
    """Ce que le générateur tire du projet réel."""

    enjeux: list[str]
    objectifs: dict[str, list[str]]
    indicateurs: dict[str, list[str]]
    regions: dict[str, str]
    departements: list[dict]
    communes_par_dep: dict[str, list[str]]
    pratiques_reelles: list[int] = field(default_factory=list)


def lire_referentiel(racine: Path) -> Referentiel:
    """Enjeux, objectifs et indicateurs (fichiers de content/enjeux/), territoires (data/territoires/)."""
    enjeux, objectifs, indicateurs = [], {}, {}
    for chemin in sorted((racine / "content" / "enjeux").glob("*.yml")):
        d = yaml.safe_load(chemin.read_text(encoding="utf-8"))
        enjeux.append(d["id"])
        objectifs[d["id"]] = [o["id"] for o in d.get("objectifs") or []]
        indicateurs[d["id"]] = [i["id"] for i in d.get("indicateurs") or []]
    ter = racine / "data" / "territoires"
    regions = {r["code"]: r["nom"] for r in json.loads((ter / "regions.json").read_text(encoding="utf-8"))}
    departements = json.loads((ter / "departements.json").read_text(encoding="utf-8"))
    communes_par_dep: dict[str, list[str]] = {}
    for code, (_, dep, *_) in json.loads((ter / "communes.json").read_text(encoding="utf-8")).items():
        communes_par_dep.setdefault(dep, []).append(code)
    reelles = [int(m.group(1)) for p in (racine / "content" / "bonnes_pratiques").glob("BP-*.yml")
               if (m := re.match(r"BP-([0-9]{4,5})-", p.name))]
    return Referentiel(enjeux, objectifs, indicateurs, regions, departements, communes_par_dep, sorted(reelles))


def _date(rng: random.Random, debut: dt.date, fin: dt.date) -> dt.date:
    return debut + dt.timedelta(days=rng.randrange(max(1, (fin - debut).days)))


def pratique(numero: int, rng: random.Random, ref: Referentiel) -> tuple[str, dict]:
    """Une pratique synthétique valide : (nom de fichier, données dans l'ordre du modèle)."""
    id_ = f"BP-{numero:04d}"
    action, objet = rng.choice(ACTIONS), rng.choice(OBJETS)
    branche = rng.choice(list(TYPES_ORG))
    dep = rng.choice(ref.departements)
    organisme = f"{rng.choice(TYPES_ORG[branche])} {dep['nom']}"
    titre = f"{action} {objet}" + (f" ({dep['nom']})" if rng.random() < 0.5 else "")
    resume = (f"La {organisme} a engagé une démarche de « {action.lower()} {objet} » : "
              + " ".join(rng.sample(PHRASES, rng.randint(1, 3))))[:600].rstrip()
    paragraphes = [" ".join(rng.sample(PHRASES, rng.randint(2, 4))) for _ in range(rng.randint(2, 4))]
    etapes = "\n".join(f"- {e} ;" for e in rng.sample(ETAPES, rng.randint(3, 5)))
    description = (f"{paragraphes[0]}\n\nLa démarche s'est déroulée en plusieurs **étapes** :\n\n{etapes}\n\n"
                   + "\n\n".join(paragraphes[1:])
                   + f"\n\nPour en savoir plus : [le site de l'organisme](https://www.exemple.fr/{_slug(organisme)}).\n")
    d: dict[str, Any] = {"id": id_, "titre": titre, "resume": resume, "description": description,
                         "organisme": organisme, "branche": branche}
    if rng.random() < 0.4:
        d["partenaires"] = rng.sample(PARTENAIRES, rng.randint(1, 3))
    tirage = rng.random()
    if tirage < 0.85:
        d["portee"] = "territoriale"
        niveau = rng.random()
        if niveau < 0.3:
            d["territoire"] = {"region": dep["region"]}
        elif niveau < 0.7 or not ref.communes_par_dep.get(dep["code"]):
            d["territoire"] = {"region": dep["region"], "departement": dep["code"]}
        else:
            d["territoire"] = {"departement": dep["code"], "commune": rng.choice(ref.communes_par_dep[dep["code"]])}
        if rng.random() < 0.2:
            d["coordonnees"] = {"lat": round(dep["point"]["lat"], 4), "lon": round(dep["point"]["lon"], 4)}
    else:
        d["portee"] = "nationale" if tirage < 0.95 else "non-precisee"
    d["annee"] = rng.randint(2015, 2024)
    enjeux = sorted(rng.sample(ref.enjeux, rng.randint(1, 3)), key=lambda e: tuple(map(int, e.split("."))))
    d["enjeux"] = enjeux
    objectifs = [o for e in enjeux for o in ref.objectifs[e]]
    if objectifs and rng.random() < 0.6:
        d["objectifs"] = sorted(rng.sample(objectifs, min(len(objectifs), rng.randint(1, 2))))
    resultats: list[dict] = []
    if rng.random() < 0.7:
        resultats.append({"texte": "Démarche adoptée par le comité de direction et **reconduite** l'année suivante."})
    indicateurs = [i for e in enjeux for i in ref.indicateurs[e]]
    if indicateurs and rng.random() < 0.5:
        resultats.append({"indicateur": rng.choice(indicateurs), "valeur": round(rng.uniform(1, 100), 1),
                          "unite": "%", "annee": rng.randint(2019, 2024)})
    if resultats:
        d["resultats"] = resultats
    if rng.random() < 0.1:
        d["distinctions"] = [{"intitule": "Trophées RSO de l'Assurance Maladie", "annee": rng.randint(2012, 2020)}]
    if rng.random() < 0.5:
        d["sources"] = [{"titre": f"Rapport RSO {d['annee']} de la {organisme}",
                         "url": f"https://www.exemple.fr/{_slug(organisme)}/rapport-rso-{d['annee']}.pdf"}]
    if rng.random() < 0.3:
        d["statut"] = {"etat": "validee", "date_decision": _date(rng, dt.date(2022, 1, 1), dt.date(2024, 12, 31))}
    else:
        d["statut"] = {"etat": "proposee"}
    d["provenance"] = {"propose_par": f"Chef de projet RSO, {organisme}",
                       "date": _date(rng, dt.date(2021, 1, 1), dt.date(2024, 12, 31))}
    if rng.random() < 0.3:
        d["contact"] = f"Mission RSO de la {organisme}"
    if rng.random() < 0.05:
        d["notes"] = [{"champ": "annee", "texte": "L'année de lancement est déduite du rapport RSO.",
                       "source": "Rapport RSO de l'organisme"}]
    return f"{id_}-{_slug(titre)}.yml", d


def generer(racine: Path, n: int, ref: Referentiel, graine: int) -> int:
    """Écrit des pratiques synthétiques pour que content/bonnes_pratiques/ en compte n ; renvoie le nombre écrit."""
    dossier = racine / "content" / "bonnes_pratiques"
    a_ecrire = max(0, n - len(ref.pratiques_reelles))
    rng = random.Random(graine)
    numero = max(ref.pratiques_reelles, default=0)
    for _ in range(a_ecrire):
        numero += 1
        nom, d = pratique(numero, rng, ref)
        texte = yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
        (dossier / nom).write_text(ENTETE_YAML + texte, encoding="utf-8")
    return a_ecrire


# --- projets ------------------------------------------------------------------------------------------

def copier_projet(destination: Path, elements: tuple[str, ...] = A_COPIER) -> Path:
    """Copie de travail des `elements` du projet dans `destination` (aussi utilisée par les tests) ;
    node_modules (paquets npm installés, lus seulement) est relié, pas copié."""
    destination.mkdir(parents=True, exist_ok=True)
    ignorer = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for nom in elements:
        source = PROJET / nom
        if source.is_dir():
            shutil.copytree(source, destination / nom, ignore=ignorer)
        elif source.exists():
            shutil.copy2(source, destination / nom)
    for nom in A_LIER:
        if (PROJET / nom).exists():
            (destination / nom).symlink_to((PROJET / nom).resolve(), target_is_directory=True)
    return destination


# Écrit les pages de notre rendu dans un docs/ neuf (exécuté dans la copie, avec son code).
_RENDU = r"""
import json, sys
from pathlib import Path
from referentiel_rso.catalogue.charger import charger
from referentiel_rso.render import rendre
docs = Path(sys.argv[1])
catalogue = charger(Path("."))
pages = rendre(catalogue)
for chemin, texte in pages.items():
    cible = docs / chemin
    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.write_text(texte, encoding="utf-8")
json.dump({"pages": len(pages), "pratiques": len(catalogue.pratiques),
           "pages_pratiques": sum(1 for c in pages if c.startswith("bonnes-pratiques/"))},
          open(sys.argv[2], "w"))
"""


class _ChargeurTolerant(yaml.SafeLoader):
    pass


_ChargeurTolerant.add_multi_constructor("", lambda loader, suffixe, noeud: None)


def projet_simple(copie: Path, dossier: Path) -> None:
    """mkdocs.yml minimal : Material, français, mêmes extensions Markdown que le nôtre, pages hors nav."""
    config = yaml.load((copie / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ChargeurTolerant) or {}
    simple = {
        "site_name": "Banc d'essai — MkDocs Material simple",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "fr"},
        "plugins": ["search"],  # défaut de Material (notre build le remplace par Pagefind)
        "not_in_nav": "*",
        "markdown_extensions": config.get("markdown_extensions") or [],
    }
    (dossier / "mkdocs.yml").write_text(yaml.safe_dump(simple, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (dossier / "docs" / "index.md").write_text("# Banc d'essai\n", encoding="utf-8")


# --- un essai -----------------------------------------------------------------------------------------

@dataclass
class Resultat:
    n_demande: int
    n: int = 0
    generees: int = 0
    pages: int = 0
    pages_pratiques: int = 0
    valider: Mesure | None = None
    rendu: Mesure | None = None
    notre: Mesure | None = None
    zensical: Mesure | None = None
    simple: Mesure | None = None
    etapes: dict[str, float] = field(default_factory=dict)
    taille_notre: tuple[int, int] = (0, 0)
    taille_simple: tuple[int, int] = (0, 0)
    parties: dict[str, tuple[int, int]] = field(default_factory=dict)
    remarques: list[str] = field(default_factory=list)

    @property
    def mkdocs_notre(self) -> float | None:
        """Durée de MkDocs dans notre build : total affiché par `construire` moins ses étapes."""
        if self.notre is None or not self.notre.ok:
            return None
        m = re.search(r"Site construit dans .* en ([0-9.]+) s", self.notre.sortie)
        total = float(m.group(1)) if m else self.notre.mur
        return total - sum(self.etapes.values())


def _echec(nom: str, m: Mesure, journal: Path) -> str:
    fin = "\n".join(m.sortie.strip().splitlines()[-15:])
    return f"{nom} : échec (code {m.code}, journal {journal}) :\n\n```\n{fin}\n```"


def essai(n_demande: int, args: argparse.Namespace, ref: Referentiel) -> Resultat:
    r = Resultat(n_demande)
    r.n = min(n_demande, ID_MAX)
    if r.n < n_demande:
        r.remarques.append(f"N = {n_demande} demandé, ramené à {r.n} : l'id d'une pratique a au plus cinq chiffres "
                           "(motif `^BP-[0-9]{4,5}$`, models/pratique.py).")
    base = Path(tempfile.mkdtemp(prefix=f"banc-pratiques-{r.n}-", dir=args.tmp))
    copie, simple, journaux = base / "projet", base / "simple", base / "journaux"
    for d in (copie, simple / "docs", journaux):
        d.mkdir(parents=True)
    try:
        copier_projet(copie)
        t = time.perf_counter()
        r.generees = generer(copie, r.n, ref, args.graine)
        print(f"[N={r.n}] {r.generees} pratiques synthétiques écrites en {time.perf_counter() - t:.1f} s ({base})", flush=True)

        r.valider = mesurer([PYTHON, "-m", "referentiel_rso", "valider"], copie, journaux / "valider.log", args.delai)
        print(f"[N={r.n}] valider : {r.valider.mur:.1f} s", flush=True)
        if not r.valider.ok:
            r.remarques.append(_echec("valider", r.valider, journaux / "valider.log"))
            return r

        r.notre = mesurer([PYTHON, "-m", "referentiel_rso", "construire", "--sans-pdf", "--destination", str(base / "site-notre")],
                          copie, journaux / "notre.log", args.delai)
        print(f"[N={r.n}] notre build : {r.notre.mur:.1f} s (code {r.notre.code})", flush=True)
        if r.notre.ok:
            r.etapes = {m.group(1): float(m.group(2)) for m in re.finditer(r"(?m)^  (\w+) : ([0-9.]+) s$", r.notre.sortie)}
            r.taille_notre = taille(base / "site-notre")
            for partie in ("pagefind", "donnees", "bonnes-pratiques", "assets"):
                if (base / "site-notre" / partie).exists():
                    r.parties[partie] = taille(base / "site-notre" / partie)
        else:
            r.remarques.append(_echec("notre build", r.notre, journaux / "notre.log"))

        if args.zensical and r.n <= args.zensical_max:
            r.zensical = mesurer([PYTHON, "-m", "referentiel_rso", "construire", "--sans-pdf", "--moteur", "zensical",
                                  "--destination", str(base / "site-zensical")], copie, journaux / "zensical.log", args.delai)
            print(f"[N={r.n}] notre build avec Zensical : {r.zensical.mur:.1f} s (code {r.zensical.code})", flush=True)
            if not r.zensical.ok:
                r.remarques.append(_echec("notre build avec Zensical", r.zensical, journaux / "zensical.log"))
        elif args.zensical:
            r.remarques.append(f"Zensical non mesuré au-delà de {args.zensical_max} pratiques (`--zensical-max`) : "
                               "sa mémoire croît trop vite pour la machine de 24 Gio.")

        r.rendu = mesurer([PYTHON, "-c", _RENDU, str(simple / "docs"), str(journaux / "rendu-info.json")],
                          copie, journaux / "rendu.log", args.delai)
        if not r.rendu.ok:
            r.remarques.append(_echec("rendu des pages (pour le build simple)", r.rendu, journaux / "rendu.log"))
            return r
        info = json.loads((journaux / "rendu-info.json").read_text())
        r.pages, r.pages_pratiques = info["pages"], info["pages_pratiques"]
        if r.pages_pratiques == 0:
            r.remarques.append("Le rendu ne produit encore aucune page sous bonnes-pratiques/ : les pratiques "
                               "ne pèsent que sur la lecture, la validation et les exports (données ouvertes).")
        projet_simple(copie, simple)
        r.simple = mesurer([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(base / "site-simple")],
                           simple, journaux / "simple.log", args.delai)
        print(f"[N={r.n}] build simple : {r.simple.mur:.1f} s (code {r.simple.code})", flush=True)
        if r.simple.ok:
            r.taille_simple = taille(base / "site-simple")
        else:
            r.remarques.append(_echec("build simple", r.simple, journaux / "simple.log"))
        return r
    finally:
        if args.garder:
            r.remarques.append(f"Dossiers gardés : {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


# --- rapport ------------------------------------------------------------------------------------------

def _s(x: float | None) -> str:
    return "—" if x is None else f"{x:,.1f} s".replace(",", " ").replace(".", ",")


def _mio(kio: int | None) -> str:
    return "—" if not kio else f"{kio / 1024:,.0f} Mio".replace(",", " ")


def _octets(o: int) -> str:
    return "—" if not o else f"{o / 1024 / 1024:,.1f} Mio".replace(",", " ").replace(".", ",")


def _nb(x: int) -> str:
    return f"{x:,}".replace(",", " ")


def _x(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"×{a / b:.2f}".replace(".", ",")


def _mesure(m: Mesure | None, attribut: str) -> float | None:
    return getattr(m, attribut) if m is not None and m.ok else None


def _verdict(facteur_n: float, facteur_t: float) -> str:
    if facteur_t <= 1.25 * facteur_n:
        return "linéaire (ou mieux)"
    if facteur_t >= 0.7 * facteur_n ** 2:
        return "**quadratique**"
    return "**plus que linéaire**"


def rapport(resultats: list[Resultat], args: argparse.Namespace, debut: dt.datetime, charge: tuple) -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJET, capture_output=True, text=True).stdout.strip()
        sale = bool(subprocess.run(["git", "status", "--porcelain"], cwd=PROJET, capture_output=True, text=True).stdout.strip())
    except OSError:
        commit, sale = "?", False
    versions = subprocess.run([PYTHON, "-c", "import importlib.metadata as m; print(' '.join(f'{p} {m.version(p)}' for p in "
                               "('mkdocs', 'mkdocs-material', 'mkdocs-macros-plugin', 'Markdown', 'pydantic', 'PyYAML', 'pagefind')))"],
                              capture_output=True, text=True).stdout.strip()
    L = [
        "# Banc d'essai : montée en charge de la bibliothèque de bonnes pratiques",
        "",
        f"Produit par `scripts/banc_pratiques.py` le {debut:%Y-%m-%d à %H:%M} (commit {commit}{', copie de travail modifiée' if sale else ''}), "
        f"graine {args.graine}. Machine : {os.cpu_count()} processeurs, Python {platform.python_version()} ; {versions}.",
        f"Charge moyenne de la machine (1 min) au début / à la fin : {charge[0]:.1f} / {charge[1]:.1f} — au-delà du nombre "
        "de processeurs, d'autres processus se partageaient la machine : le **temps CPU** (utilisateur + système, tous "
        "sous-processus compris) est alors plus fiable que le temps mur.",
        "",
        "**Notre build** : `python -m referentiel_rso construire --sans-pdf` (validation, rendu, sources écrites en "
        "fichiers, macros, MkDocs strict dans le même processus, données ouvertes, carte, index Pagefind) ; **notre, "
        "Zensical** : le même avec `--moteur zensical`. **Build simple** : MkDocs Material seul sur les mêmes pages "
        "Markdown (produites par `referentiel_rso.render.rendre`), mêmes extensions Markdown, `not_in_nav: \"*\"`, "
        "recherche par défaut de Material ; ni hook, ni macros, ni gabarits, ni Pagefind. Mémoire : le plus gros "
        "processus de l'arbre (`ru_maxrss`).",
        "",
        "## Chiffres",
        "",
        "| N pratiques | pages rendues (dont pratiques) | build | temps mur | temps CPU | mémoire max. | taille du site | fichiers |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in resultats:
        pages = f"{_nb(r.pages)} ({_nb(r.pages_pratiques)})" if r.pages else "—"
        L.append(f"| {_nb(r.n)} | {pages} | notre | {_s(_mesure(r.notre, 'mur'))} | {_s(_mesure(r.notre, 'cpu'))} | "
                 f"{_mio(_mesure(r.notre, 'rss_kio'))} | {_octets(r.taille_notre[0])} | {_nb(r.taille_notre[1])} |")
        if r.zensical is not None:
            L.append(f"| | | notre, Zensical | {_s(_mesure(r.zensical, 'mur'))} | {_s(_mesure(r.zensical, 'cpu'))} | "
                     f"{_mio(_mesure(r.zensical, 'rss_kio'))} | | |")
        L.append(f"| | | simple | {_s(_mesure(r.simple, 'mur'))} | {_s(_mesure(r.simple, 'cpu'))} | "
                 f"{_mio(_mesure(r.simple, 'rss_kio'))} | {_octets(r.taille_simple[0])} | {_nb(r.taille_simple[1])} |")
        L.append(f"| | | **notre / simple** | **{_x(_mesure(r.notre, 'mur'), _mesure(r.simple, 'mur'))}** | "
                 f"**{_x(_mesure(r.notre, 'cpu'), _mesure(r.simple, 'cpu'))}** | "
                 f"{_x(_mesure(r.notre, 'rss_kio'), _mesure(r.simple, 'rss_kio'))} | "
                 f"{_x(r.taille_notre[0], r.taille_simple[0])} | {_x(r.taille_notre[1], r.taille_simple[1])} |")
    noms_etapes = list(dict.fromkeys(nom for r in resultats for nom in r.etapes))
    L += ["", "### Détail de notre build (temps mur)", "",
          "Durées affichées par `construire` ; MkDocs = total moins les étapes (chargement et validation du "
          "contenu, rendu, hook, macros, conversion Markdown, thème). « valider seul » : `python -m referentiel_rso "
          "valider` ; « chargement + rendu seuls » : `charger` puis `rendre` et écriture des pages Markdown, hors "
          "MkDocs (c'est ce qui prépare le build simple).", "",
          "| N | valider seul (CPU) | chargement + rendu seuls (CPU) | MkDocs | " + " | ".join(noms_etapes)
          + " | MkDocs / build simple | pagefind/ | donnees/ |",
          "|---:|---:|---:|---:|" + "---:|" * len(noms_etapes) + "---:|---:|---:|"]
    for r in resultats:
        pf, dn = r.parties.get("pagefind", (0, 0)), r.parties.get("donnees", (0, 0))
        L.append(f"| {_nb(r.n)} | {_s(_mesure(r.valider, 'cpu'))} | {_s(_mesure(r.rendu, 'cpu'))} | {_s(r.mkdocs_notre)} | "
                 + "".join(f"{_s(r.etapes.get(nom))} | " for nom in noms_etapes)
                 + f"{_x(r.mkdocs_notre, _mesure(r.simple, 'mur'))} | "
                 f"{_octets(pf[0])}, {_nb(pf[1])} fichiers | {_octets(dn[0])} |")
    ok = [r for r in resultats if r.notre and r.notre.ok]
    if len(ok) >= 2:
        L += ["", "## Croissance", "",
              "Facteur de temps entre deux N, comparé au facteur de N (linéaire : ≈ égal ; quadratique : ≈ son carré). "
              "Le coût marginal par pratique retire les coûts fixes (démarrage, pages du référentiel).", "",
              "| de → à | facteur N | build | facteur temps mur | facteur temps CPU | coût marginal CPU / pratique | verdict (CPU) |",
              "|---|---:|---|---:|---:|---:|---|"]
        for a, b in zip(ok, ok[1:]):
            fn = b.n / a.n
            for nom, ma, mb in (("notre", a.notre, b.notre), ("simple", a.simple, b.simple)):
                if not (ma and mb and ma.ok and mb.ok):
                    continue
                ft, fc = mb.mur / ma.mur, mb.cpu / ma.cpu
                marginal = (mb.cpu - ma.cpu) / (b.n - a.n) * 1000
                L.append(f"| {_nb(a.n)} → {_nb(b.n)} | ×{fn:.1f} | {nom} | ×{ft:.2f} | ×{fc:.2f} | "
                         f"{marginal:.1f} ms | {_verdict(fn, fc)} |".replace(".", ","))
    remarques = [(r.n, x) for r in resultats for x in r.remarques]
    if remarques:
        L += ["", "## Remarques", ""]
        L += [f"- N = {_nb(n)} : {textwrap.indent(x, '  ').lstrip()}" for n, x in remarques]
    if args.analyse and Path(args.analyse).exists():
        L += ["", Path(args.analyse).read_text(encoding="utf-8").rstrip()]
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="tailles de la bibliothèque (défaut : 1000 10000)")
    p.add_argument("--rapide", action="store_true", help="N = 200 et 1000, pour vérifier le script")
    p.add_argument("--rapport", default=str(PROJET / "mesures" / "banc-pratiques.md"), help="rapport Markdown écrit")
    p.add_argument("--graine", type=int, default=GRAINE, help="graine aléatoire (fixe par défaut)")
    p.add_argument("--delai", type=float, default=3600, help="durée maximale d'une commande, en secondes (0 : aucune)")
    p.add_argument("--tmp", default=None, help="dossier des copies temporaires (défaut : celui du système)")
    p.add_argument("--garder", action="store_true", help="garder les copies, sites et journaux")
    p.add_argument("--sans-zensical", dest="zensical", action="store_false", help="ne pas mesurer le build Zensical")
    p.add_argument("--zensical-max", type=int, default=10000, help="N au-delà duquel Zensical n'est pas mesuré")
    p.add_argument("--analyse", default=None, help="fichier Markdown ajouté à la fin du rapport (analyse, profil)")
    args = p.parse_args(argv)
    tailles = [200, 1000] if args.rapide else sorted(set(args.n))
    debut, charge_debut = dt.datetime.now(), os.getloadavg()[0]
    ref = lire_referentiel(PROJET)
    chemin = Path(args.rapport)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    resultats: list[Resultat] = []
    for n in tailles:
        resultats.append(essai(n, args, ref))
        chemin.write_text(rapport(resultats, args, debut, (charge_debut, os.getloadavg()[0])), encoding="utf-8")
        print(f"rapport : {chemin}", flush=True)
    return 0 if all(r.notre and r.notre.ok and r.simple and r.simple.ok for r in resultats) else 1


if __name__ == "__main__":
    sys.exit(main())

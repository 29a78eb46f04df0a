"""Un fichier contribué ne peut ni bloquer la CI, ni faire planter la validation, ni forger sa sortie.

Chaque entrée hostile est écrite dans une copie du contenu, puis `python -m referentiel_rso valider`
tourne dans un sous-processus aux ressources bornées (mémoire adressable `MEMOIRE`, temps processeur
`CPU`, délai `DELAI`) : une entrée qui ferait exploser la mémoire ou le temps échoue par ses limites,
sans ralentir ni menacer la suite. Le test vérifie le refus, en français, avec la ligne et la limite,
sans trace Python. Ce ne sont pas des assertions de durée : les limites sont des garde-fous.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RACINE, copier_projet

MEMOIRE = 768 * 1024 * 1024  # octets de mémoire adressable (l'interpréteur et ses bibliothèques en réservent ~300 Mio)
CPU = 30  # secondes de processeur
DELAI = 60  # secondes d'horloge

BASE = """\
# yaml-language-server: $schema=../../schemas/pratique.schema.json
id: BP-0950
titre: Pratique de test
resume: Une pratique de démonstration pour les tests.
organisme: Caf de la Manche
branche: famille
portee: territoriale
territoire:
  departement: "50"
enjeux:
  - "5.2"
statut:
  etat: proposee
provenance:
  propose_par: Chef de projet RSO
  date: 2024-03-01
"""
NOM = "BP-0950-pratique-de-test.yml"


def _limiter() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMOIRE, MEMOIRE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU, CPU))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def valider(projet: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "valider"],
                          capture_output=True, text=True, timeout=DELAI, preexec_fn=_limiter, cwd=RACINE,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.fixture(scope="module")
def projet(tmp_path_factory) -> Path:
    projet = copier_projet(tmp_path_factory.mktemp("durci"))
    return projet


@pytest.fixture
def dossier(projet):
    """Le dossier des pratiques de la copie ; tout ce qu'un test y ajoute est retiré après lui."""
    d = projet / "content" / "bonnes_pratiques"
    avant = set(os.listdir(d))
    yield d
    for nom in set(os.listdir(d)) - avant:
        chemin = d / nom
        if chemin.is_dir() and not chemin.is_symlink():
            shutil.rmtree(chemin)
        else:
            chemin.unlink()


def _refus(projet: Path, attendu: str, ligne: int | None = None, fichier: str = NOM) -> str:
    r = valider(projet)
    sortie = r.stdout + r.stderr
    assert r.returncode == 1, sortie[-2000:]
    assert "Traceback" not in sortie and "Error" not in sortie, sortie[-2000:]
    siennes = [x for x in r.stderr.splitlines() if x.startswith(f"content/bonnes_pratiques/{fichier}")]
    assert any(attendu in x for x in siennes), "\n".join(siennes) or r.stderr[-2000:]
    if ligne is not None:
        assert any(x.startswith(f"content/bonnes_pratiques/{fichier}:{ligne}:") and attendu in x for x in siennes), siennes
    return r.stderr


def test_la_base_est_valide(projet, dossier):
    (dossier / NOM).write_text(BASE, encoding="utf-8")
    r = valider(projet)
    assert r.returncode == 0, r.stderr


# --------------------------------------------------------------------------------------------------
# 15.2 : la CI ne peut pas être bloquée par un fichier
# --------------------------------------------------------------------------------------------------
RIRES = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))

STRUCTURES = {
    "milliard-de-rires": (BASE + RIRES, "ancres et alias YAML"),
    "alias-recursif": (BASE + "partenaires: &p [*p]\n", "ancres et alias YAML"),
    "ancre-seule": (BASE.replace("organisme: Caf", "organisme: &o Caf"), "ancres et alias YAML"),
    "imbrication-1000": (BASE + "notes: " + "[" * 1000 + "]" * 1000 + "\n", "structure trop imbriquée : 12 niveaux au plus"),
    "imbrication-100000": (BASE + "notes: " + "[" * 100_000 + "]" * 100_000 + "\n", "structure trop imbriquée"),
    "imbrication-30000": (BASE + "notes: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n", "structure trop imbriquée"),
    "liste-markdown-300-niveaux": (BASE + "description: |\n" + "".join("  " + "    " * i + "- x\n" for i in range(300)),
                                   "texte trop long (10000 caractères au plus"),
    "liste-markdown-100-niveaux": (BASE + 'description: "' + "".join("\\t" * i + "- x\\n" for i in range(100)) + '"\n',
                                   "ligne trop en retrait"),
    "citations-100-niveaux": (BASE + "description: |\n" + "".join("  " + ">" * i + " x\n" for i in range(1, 100)),
                              "citations « > » trop imbriquées"),
    "6000-crochets": (BASE + "description: \"" + "[" * 6000 + "\"\n", "trop de crochets « [ » : 100 au plus"),
    "crochets-et-parentheses": (BASE + "description: \"" + "[a](" * 2000 + "\"\n", "trop de crochets"),
    "enjeux-100000": (BASE.replace('  - "5.2"\n', '  - "5.2"\n' + '  - "1.1"\n' * 100_000), "fichier trop gros : 256 Kio au plus"),
    "enjeux-10000": (BASE.replace('  - "5.2"\n', '  - "5.2"\n' + '  - "1.1"\n' * 10_000), "doit contenir au plus 15 élément(s)"),
    "description-20-mo": (BASE + "description: \"" + "x" * 20_000_000 + "\"\n", "fichier trop gros"),
    "description-200-ko": (BASE + "description: \"" + "x " * 100_000 + "\"\n", "texte trop long (10000 caractères au plus"),
    "titre-long": (BASE.replace("titre: Pratique de test", "titre: " + "mot " * 100), "texte trop long (160 caractères au plus"),
    "cle-de-100000-caracteres": (BASE + "k" * 100_000 + ": 1\n", "syntaxe YAML invalide"),
    "cle-de-1000-caracteres": (BASE + "k" * 1000 + ": 1\n", "clé inconnue"),
    "resultats-10000": (BASE + "resultats:\n" + "  - texte: r\n" * 10_000, "doit contenir au plus 30 élément(s)"),
}


@pytest.mark.parametrize("nom", STRUCTURES)
def test_entree_demesuree_refusee_dans_ses_limites(nom, projet, dossier):
    texte, attendu = STRUCTURES[nom]
    (dossier / NOM).write_text(texte, encoding="utf-8")
    sortie = _refus(projet, attendu)
    assert max(map(len, sortie.splitlines())) < 1000  # chaque erreur tient sur une ligne courte


# --------------------------------------------------------------------------------------------------
# 15.3 : des erreurs en français, jamais une trace
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("octet, code", [(b"\x00", "U+0000"), (b"\x1b", "U+001B"), (b"\x7f", "U+007F"),
                                         (b"\xef\xbf\xbe", "U+FFFE")])
def test_caractere_de_controle(octet, code, projet, dossier):
    texte = BASE.encode().replace(b"Caf de la Manche", b"Caf " + octet + b" Manche")
    (dossier / NOM).write_bytes(texte)
    _refus(projet, f"caractère interdit {code}", ligne=5)


@pytest.mark.parametrize("brut, ligne", [(b"caf\xe9", 5), (b"\xff\xfe", 5), (b"\xed\xa0\x80", 5)])
def test_encodage_invalide_a_la_bonne_ligne(brut, ligne, projet, dossier):
    (dossier / NOM).write_bytes(BASE.encode().replace(b"Caf de la Manche", brut))
    _refus(projet, "n'est pas encodé en UTF-8", ligne=ligne)


def test_lien_symbolique_vers_un_fichier_systeme(projet, dossier):
    (dossier / NOM).symlink_to("/proc/self/environ")
    _refus(projet, "lien symbolique refusé")


def test_lien_symbolique_vers_un_fichier_valide_hors_du_depot(projet, dossier, tmp_path):
    dehors = tmp_path / "ailleurs.yml"
    dehors.write_text(BASE, encoding="utf-8")
    (dossier / NOM).symlink_to(dehors)
    _refus(projet, "lien symbolique refusé")


def test_sous_dossier_signale(projet, dossier):
    (dossier / "brouillons").mkdir()
    (dossier / "brouillons" / NOM).write_text(BASE, encoding="utf-8")
    _refus(projet, "sous-dossier non lu", fichier="brouillons")


@pytest.mark.parametrize("nom", ["BP-0950-pratique-de-test.YML", "BP-0950-pratique-de-test.yaml",
                                 "BP-0950-pratique-de-test.yml.txt"])
def test_extension_signalee(nom, projet, dossier):
    (dossier / nom).write_text(BASE, encoding="utf-8")
    _refus(projet, "extension" if nom.lower().endswith(("yml", "yaml")) else "fichier inattendu", fichier=nom)


def test_id_en_double_signale_sur_le_fichier_ajoute(projet, dossier):
    """Deux fichiers au même id : chacun reçoit l'erreur (donc le fichier ajouté, quel que soit son nom),
    et le message dit lequel renuméroter."""
    existant = sorted(dossier.glob("BP-*.yml"))[0]
    id_ = existant.name[:7]
    for nom in (f"{id_}-aaa-ajoutee.yml", f"{id_}-zzz-ajoutee.yml"):
        (dossier / nom).write_text(BASE.replace("BP-0950", id_), encoding="utf-8")
        sortie = _refus(projet, f"« {id_} » est aussi l'id de", fichier=nom)
        assert "le fichier ajouté en dernier prend le prochain numéro libre" in sortie
        (dossier / nom).unlink()


# --------------------------------------------------------------------------------------------------
# 15.4 : la sortie de la CI ne peut pas être forgée
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("texte", [
    BASE + 'annee: "x\\n::error file=README.md,line=1::forged"\n',
    BASE + '"cle\\n::error file=README.md::forged": 1\n',
    BASE + 'annee: "x\\r::warning ::forged\\u2028::notice ::forged\\x1b[2J"\n',
    BASE.replace("titre: Pratique de test", 'titre: "a\\u0085::error ::forged"'),
])
def test_aucune_ligne_forgee_dans_la_sortie(texte, projet, dossier):
    (dossier / NOM).write_text(texte, encoding="utf-8")
    r = valider(projet)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    lignes = (r.stdout + r.stderr).splitlines()  # comme GitHub Actions découpe le journal
    assert not [x for x in lignes if x.lstrip().startswith("::")], lignes
    assert all(x.startswith(("content/", "data/")) for x in r.stderr.splitlines()[1:]), r.stderr
    assert "\x1b" not in r.stderr and "\u2028" not in r.stderr and "\x85" not in r.stderr


def test_nom_de_fichier_avec_fin_de_ligne(projet, dossier):
    (dossier / "BP-0950-a\n::error file=x::forged.yml").write_text(BASE, encoding="utf-8")
    r = valider(projet)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert not [x for x in r.stderr.splitlines() if x.startswith("::")]
    assert "BP-0950-a\\n::error" in r.stderr


def test_une_erreur_tient_sur_une_ligne():
    from referentiel_rso.validate.erreurs import Erreur

    e = Erreur("content/x.yml\n::error ::x", 3, "a\nb", "valeur « x\r\n::error ::y » \u202e " + "z" * 5000)
    assert "\n" not in str(e) and "\r" not in str(e) and "\u202e" not in str(e)
    assert "\\n::error" in str(e) and "\\u202e" in str(e) and str(e).endswith("…")
    assert len(str(e)) < 1000


# --------------------------------------------------------------------------------------------------
# 15.7 à 15.10 : règles du texte contribué, dans chaque champ (une copie du contenu, un seul chargement)
# --------------------------------------------------------------------------------------------------
import copy  # noqa: E402
import datetime as dt  # noqa: E402

import yaml  # noqa: E402

COMPLETE = {
    "id": "BP-0000", "titre": "Pratique complète", "resume": "Résumé de la pratique.",
    "description": "Une description avec un [lien](https://www.exemple.fr/page).",
    "organisme": "Caf de la Manche", "branche": "famille", "partenaires": ["Commune de Saint-Lô"],
    "portee": "territoriale", "territoire": {"region": "28", "departement": "50"},
    "coordonnees": {"lat": 49.116, "lon": -1.091}, "annee": 2023, "enjeux": ["5.2"],
    "resultats": [{"texte": "Un résultat."}, {"indicateur": "5.2-i1", "valeur": 3, "unite": "actions", "annee": 2023}],
    "distinctions": [{"intitule": "Trophées RSO", "annee": 2022, "precision": "Lauréat"}],
    "sources": [{"titre": "Rapport RSO", "url": "https://www.exemple.fr/rapport.pdf", "date": "mars 2024"}],
    "statut": {"etat": "proposee", "commentaire": "À examiner."},
    "provenance": {"propose_par": "Chef de projet RSO", "date": dt.date(2024, 3, 1), "transcrit_de": "Rapport RSO 2024"},
    "contact": "Service communication de la Caf",
    "notes": [{"champ": "annee", "texte": "La source ne dit pas l'année.", "source": "Rapport, page 3"}],
}
CHAMPS_TEXTE = [("titre",), ("resume",), ("description",), ("organisme",), ("partenaires", 0), ("resultats", 0, "texte"),
                ("resultats", 1, "unite"), ("distinctions", 0, "intitule"), ("distinctions", 0, "precision"),
                ("sources", 0, "titre"), ("sources", 0, "date"), ("statut", "commentaire"), ("provenance", "propose_par"),
                ("provenance", "transcrit_de"), ("contact",), ("notes", 0, "champ"), ("notes", 0, "texte"),
                ("notes", 0, "source")]
INVISIBLES = ["\u061c", "\u200b", "\u200d", "\u200e", "\u202e", "\u2060", "\u2064", "\u2066", "\u2069", "\ufeff",
              "\U000e0041"]
PERSONNELLES = ["jean.dupont@caf.fr", "jean.dupont [at] caf [dot] fr", "jean(at)caf.fr", "jean\uff20caf.fr",
                "jean arobase caf point fr", "+33 (0)6 12 34 56 78", "06 12 34 56 78", "0 6 1 2 3 4 5 6 7 8",
                "06.12.34.56.78", "+262 692 12 34 56", "0033612345678", "\uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"]
URLS = {
    "http://localhost:8000/x": "n'est pas un site public", "http://127.0.0.1/": "adresse IP non permise",
    "http://10.1.2.3/": "adresse IP non permise", "http://169.254.169.254/latest/meta-data": "adresse IP non permise",
    "http://[::1]/": "adresse IP non permise", "http://2130706433/": "adresse IP déguisée",
    "http://0x7f.0.0.1/": "adresse IP déguisée", "http://intranet/": "n'est pas un site public",
    "https://serveur.local/": "n'est pas un site public", "https://www.\u0430pple.com/": "écriture non latine ou mélangée",
    "https://xn--80ak6aa92e.com/": "écriture non latine ou mélangée", "mailto:rso@caf.fr": "pas de donnée personnelle",
    "https://jean@www.caf.fr/": "pas de donnée personnelle", "javascript:alert(1)": "seules les adresses http:// ou https://",
}


def _avec(chemin: tuple, valeur) -> dict:
    d = copy.deepcopy(COMPLETE)
    cible = d
    for partie in chemin[:-1]:
        cible = cible[partie]
    cible[chemin[-1]] = valeur
    return d


def _nom_champ(chemin: tuple) -> str:
    from referentiel_rso.load.yaml_lignes import nom_champ

    return nom_champ(chemin)


CAS: dict[str, tuple[dict, str, str]] = {"complete-valide": (COMPLETE, "", "")}
for i, chemin in enumerate(CHAMPS_TEXTE):
    c = INVISIBLES[i % len(INVISIBLES)]
    valeur = f"Texte{c}caché"
    CAS[f"invisible-U+{ord(c):04X}-{_nom_champ(chemin)}"] = (_avec(chemin, valeur), f"U+{ord(c):04X}", _nom_champ(chemin))
    p = PERSONNELLES[i % len(PERSONNELLES)]
    CAS[f"personnelle-{_nom_champ(chemin)}"] = (_avec(chemin, f"Écrire à {p} pour en savoir plus"),
                                                "pas de donnée personnelle", _nom_champ(chemin))
for i, c in enumerate(INVISIBLES):
    CAS[f"invisible-titre-U+{ord(c):04X}"] = (_avec(("titre",), f"Titre{c}"), f"U+{ord(c):04X}", "titre")
for i, p in enumerate(PERSONNELLES):
    CAS[f"personnelle-description-{i}"] = (_avec(("description",), f"Contact : {p}."), "pas de donnée personnelle", "description")
for i, (url, attendu) in enumerate(URLS.items()):
    CAS[f"url-source-{i}"] = (_avec(("sources", 0, "url"), url), attendu, "sources[0].url")
    if not url.startswith("javascript"):  # un lien javascript: dans le Markdown est retiré (texte seul), pas refusé
        CAS[f"url-description-{i}"] = (_avec(("description",), f"Voir [la page]({url})."), attendu, "description")
CAS["punycode-latin-accepte"] = (_avec(("sources", 0, "url"), "https://xn--crche-cva.fr/"), "", "")
CAS["mailto-dans-la-description"] = (_avec(("description",), "[écrire](mailto:contact@caf.fr)"), "pas de donnée personnelle", "description")
for titre in ("__drawer", "« __search »", "_toc de la pratique", "__md_tabbed"):
    CAS[f"titre-{titre}"] = (_avec(("titre",), titre), "pas par « _ »", "titre")
CAS["coordonnees-hors-region"] = (_avec(("coordonnees",), {"lat": 48.85, "lon": 2.35}), "n'est pas en région 28", "coordonnees")
CAS["coordonnees-hors-departement"] = (_avec(("coordonnees",), {"lat": 49.92, "lon": 1.55}), "km du département 50", "coordonnees")
CAS["coordonnees-outre-mer-ailleurs"] = ({**_avec(("territoire",), {"departement": "974"}), "coordonnees": {"lat": 16.24, "lon": -61.53}},
                                         "n'est pas en région 04", "coordonnees")
CAS["coordonnees-outre-mer-valides"] = ({**_avec(("territoire",), {"departement": "974"}), "coordonnees": {"lat": -20.88, "lon": 55.45}}, "", "")
CAS["texte-long-organisme"] = (_avec(("organisme",), "mot " * 200), "texte trop long (500 caractères au plus", "organisme")
CAS["texte-long-note"] = (_avec(("notes", 0, "texte"), "mot " * 600), "texte trop long (2000 caractères au plus", "notes[0].texte")
CAS["texte-long-resultat"] = (_avec(("resultats", 0, "texte"), "mot " * 300), "texte trop long (1000 caractères au plus", "resultats[0].texte")
CAS["gabarit-dans-une-note"] = (_avec(("notes", 0, "texte"), "{{ config }}"), "syntaxe de gabarit", "notes[0].texte")


@pytest.fixture(scope="module")
def erreurs_des_cas(tmp_path_factory) -> dict[str, list]:
    from referentiel_rso.catalogue.charger import charger
    from referentiel_rso.validate.erreurs import ErreursDeContenu

    projet = copier_projet(tmp_path_factory.mktemp("cas"))
    dossier = projet / "content" / "bonnes_pratiques"
    for ancien in dossier.glob("BP-*.yml"):
        ancien.unlink()
    noms = {}
    for n, (nom, (donnees, _, _)) in enumerate(CAS.items()):
        id_ = f"BP-{1000 + n}"
        fichier = f"{id_}-cas.yml"
        texte = yaml.safe_dump({**donnees, "id": id_}, allow_unicode=True, sort_keys=False, width=1000)
        (dossier / fichier).write_text(texte, encoding="utf-8")
        noms[nom] = f"content/bonnes_pratiques/{fichier}"
    try:
        charger(projet)
        erreurs = []
    except ErreursDeContenu as exc:
        erreurs = exc.erreurs
    return {nom: [e for e in erreurs if e.fichier == f] for nom, f in noms.items()}


@pytest.mark.parametrize("nom", CAS)
def test_regle_du_texte_contribue(nom, erreurs_des_cas):
    _, attendu, champ = CAS[nom]
    siennes = erreurs_des_cas[nom]
    if not attendu:
        assert not siennes, "\n".join(map(str, siennes))
        return
    assert any(e.champ == champ and attendu in e.message for e in siennes), "\n".join(map(str, siennes)) or "aucune erreur"


# --------------------------------------------------------------------------------------------------
# 15.1 : le référentiel et les déclinaisons (rendus tels quels par le moteur) n'acceptent ni HTML ni lien
# autre que http(s) ou mailto — ils arrivent aussi par pull request
# --------------------------------------------------------------------------------------------------
CHARGES_DECLINAISON = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                       "[x](java&#115;cript:alert(1))", "[x]( <data:text/html,x>)", "<javascript:alert(1)>",
                       "texte\n\n[r]: javascript:alert(1)", "<!-- commentaire -->", "<svg onload=alert(1)>"]


@pytest.mark.parametrize("charge", CHARGES_DECLINAISON)
def test_declinaison_sans_html_ni_lien_dangereux(charge, tmp_path):
    from referentiel_rso.models.declinaison import Declinaison
    from referentiel_rso.validate.documents import lire_et_valider

    donnees = yaml.safe_load((RACINE / "tests" / "fixtures" / "declinaisons" / "famille.yml").read_text(encoding="utf-8"))
    donnees["introduction"]["texte"] = f"Introduction. {charge}"
    donnees["titre"] = f"Titre {charge}".replace("\n", " ")
    chemin = tmp_path / "famille.yml"
    chemin.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")
    objet, _, erreurs = lire_et_valider(chemin, tmp_path, Declinaison)
    assert objet is None
    champs = {e.champ for e in erreurs if "non permis" in e.message}
    attendus = {"introduction.texte"} | (set() if "[r]:" in charge else {"titre"})  # définition de lien : en début de ligne
    assert attendus <= champs, erreurs


def test_le_contenu_du_referentiel_passe_la_regle(catalogue):
    """Le contenu réel (une adresse <http://…> comprise) reste valide."""
    assert catalogue.enjeux and catalogue.declinaisons

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

"""Les erreurs là où est le contributeur : annotations GitHub Actions (encodage des commandes de workflow),
résumé du job en français, et changements de statut signalés au relecteur du CTP RSO."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import RACINE, copier_projet
from referentiel_rso.validate import annotations as a
from referentiel_rso.validate.erreurs import Erreur

FICHIER = "content/bonnes_pratiques/BP-0099-essai.yml"


def test_format_d_une_annotation():
    e = Erreur(FICHIER, 14, "enjeux[1]", "« 9.9 » n'est pas un enjeu du référentiel (enjeux connus : 1.1 … 5.2)")
    assert a.annotation(e) == (
        "::error file=content/bonnes_pratiques/BP-0099-essai.yml,line=14,title=À corriger %3A enjeux[1]::"
        "« 9.9 » n'est pas un enjeu du référentiel (enjeux connus : 1.1 … 5.2)")


def test_une_valeur_ne_peut_pas_forger_une_commande():
    message = "x\n::error file=README.md,line=1::forgé\r\n100% sûr"
    e = Erreur("content/a,b:c.yml", 3, "annee", message)
    ligne = a.annotation(e)
    assert "\n" not in ligne and "\r" not in ligne
    # l'Erreur écrit déjà ses fins de ligne en toutes lettres (validate/erreurs.py) ; l'annotation encode « % »
    assert ligne == ("::error file=content/a%2Cb%3Ac.yml,line=3,title=À corriger %3A annee::"
                     "x\\n::error file=README.md,line=1::forgé\\r\\n100%25 sûr")
    # les propriétés encodent aussi « : » et « , » (sinon `title` pourrait ajouter une propriété)
    assert a.encoder_propriete("a,line=1:b%") == "a%2Cline=1%3Ab%25"
    assert a.encoder_message("a:b,c") == "a:b,c"


def test_valider_dans_github_actions_annote_et_resume(tmp_path):
    projet = copier_projet(tmp_path)
    (projet / "content" / "bonnes_pratiques" / "BP-0099-essai.yml").write_text(
        "id: BP-0099\ntitre: Essai\nresume: Essai.\norganisme: Caf\nbranche: famille\nportee: nationale\n"
        "enjeux:\n  - \"9.9\"\nstatut:\n  etat: proposee\nprovenance:\n  propose_par: Chef de projet\n"
        "  date: 2024-01-01\n", encoding="utf-8")
    resume = tmp_path / "resume.md"
    env = {"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(resume)}
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "valider"],
                       capture_output=True, text=True, env=env, cwd=RACINE)
    assert r.returncode == 1
    assert f"{FICHIER}:8: enjeux[0]: « 9.9 » n'est pas un enjeu" in r.stderr
    assert r.stdout.splitlines() == [
        f"::error file={FICHIER},line=8,title=À corriger %3A enjeux[0]::« 9.9 » n'est pas un enjeu du référentiel "
        "(enjeux connus : 1.1 … 5.2)"]
    texte = resume.read_text(encoding="utf-8")
    assert texte.startswith("## Vérification du contenu : 1 erreur à corriger")
    assert "| content/bonnes\\_pratiques/BP\\-0099\\-essai\\.yml | 8 | enjeux\\[0\\] |" in texte
    assert "### Que faire" in texte
    # hors GitHub Actions : ni annotation ni résumé
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(projet), "valider"],
                       capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, cwd=RACINE)
    assert r.returncode == 1 and r.stdout == ""


def test_valider_sans_erreur_resume_le_contenu(tmp_path):
    resume = tmp_path / "resume.md"
    env = {"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(resume)}
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "valider"], capture_output=True, text=True,
                       env=env, cwd=RACINE)
    assert r.returncode == 0, r.stderr
    assert "::error" not in r.stdout
    assert resume.read_text(encoding="utf-8").startswith("## Vérification du contenu\n\nContenu valide : ")


# --------------------------------------------------------------------------------------------------
# statut changé dans une pull request (issue 15, point 11)
# --------------------------------------------------------------------------------------------------
def _git(depot: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=depot,
                          capture_output=True, text=True, check=True).stdout.strip()


def test_statut_validee_pose_par_le_contributeur_signale(tmp_path):
    depot = copier_projet(tmp_path)
    _git(depot, "init", "-q", "-b", "main")
    _git(depot, "add", "-A")
    _git(depot, "commit", "-q", "-m", "base")
    base = _git(depot, "rev-parse", "HEAD")
    dossier = depot / "content" / "bonnes_pratiques"
    existante = sorted(dossier.glob("BP-*.yml"))[0]
    texte = existante.read_text(encoding="utf-8")
    assert "etat: proposee" in texte
    existante.write_text(texte.replace("etat: proposee", "etat: validee\n  date_decision: 2024-05-02"), encoding="utf-8")
    nouvelle = dossier / "BP-0999-nouvelle.yml"
    nouvelle.write_text("id: BP-0999\nstatut:\n  etat: validee\n", encoding="utf-8")
    sans_changement = dossier / "BP-0998-proposee.yml"
    sans_changement.write_text("id: BP-0998\nstatut:\n  etat: proposee\n", encoding="utf-8")
    _git(depot, "add", "-A")
    _git(depot, "commit", "-q", "-m", "pr")
    resume = tmp_path / "resume.md"
    env = {"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(resume)}
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(depot), "statuts-modifies",
                        "--base", base, "--fork"], capture_output=True, text=True, env=env, cwd=RACINE)
    assert r.returncode == 0, r.stderr
    lignes = r.stdout.splitlines()
    assert len(lignes) == 2, lignes
    nom = existante.relative_to(depot).as_posix()
    ligne_etat = next(i for i, x in enumerate(texte.splitlines(), 1) if "etat: proposee" in x)
    assert lignes[1].startswith("::warning file=content/bonnes_pratiques/BP-0999-nouvelle.yml,line=3,"
                                "title=Statut modifié %3A décision du CTP RSO::BP-0999 : nouvelle fiche au statut "
                                "« validee » (sans date_decision)")
    assert lignes[0].startswith(f"::warning file={nom},line={ligne_etat},")
    assert "statut « proposee » → « validee » (date_decision : 2024-05-02)" in lignes[0]
    texte_resume = resume.read_text(encoding="utf-8")
    assert texte_resume.startswith("## Changements de statut à confirmer par le CTP RSO")
    assert "vient d'un fork" in texte_resume and "BP\\-0998" not in texte_resume
    # depuis une branche du dépôt : une note, pas un avertissement
    r = subprocess.run([sys.executable, "-m", "referentiel_rso", "--racine", str(depot), "statuts-modifies",
                        "--base", base], capture_output=True, text=True, env=env, cwd=RACINE)
    assert all(x.startswith("::notice ") for x in r.stdout.splitlines())

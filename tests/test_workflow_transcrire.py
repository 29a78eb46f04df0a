"""Le workflow transcrire.yml joué ici, sans réseau ni GitHub : ses étapes `run:` telles qu'écrites, avec les
mêmes variables d'environnement, sur un événement factice ; `gh` est un faux exécutable qui note ses
arguments ; `git push` va dans un dépôt nu local. Un texte d'issue piégé n'exécute rien.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import RACINE
from test_contribution import corps_github, reponses_completes

WORKFLOW = RACINE / ".github" / "workflows" / "transcrire.yml"
URL_PR = "https://github.com/ucanss/referentiel-rso/pull/99"
INSTALLATION = ("apt-get", "make installer")  # étapes d'installation : l'environnement de test est déjà installé

FAUX_GH = r'''#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
fichiers = {}
for i, a in enumerate(args):
    if a == "--body-file":
        fichiers[args[i + 1]] = open(args[i + 1], encoding="utf-8").read()
with open(os.environ["JOURNAL_GH"], "a", encoding="utf-8") as f:
    f.write(json.dumps({"args": args, "fichiers": fichiers, "jeton": os.environ.get("GH_TOKEN")}) + "\n")
if args[:2] == ["pr", "list"]:
    print(os.environ.get("PR_EXISTANTE", ""))
elif args[:2] == ["pr", "create"]:
    print("''' + URL_PR + r'''")
'''


def _workflow() -> dict:
    donnees = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in donnees:
        donnees["on"] = donnees.pop(True)
    return donnees


def _evaluer(valeur: str, contexte: dict[str, str]) -> str:
    """Les seules expressions ${{ }} du workflow : une par valeur, toutes connues du test."""
    m = re.fullmatch(r"\$\{\{\s*(.+?)\s*\}\}", str(valeur))
    if m is None:
        assert "${{" not in str(valeur), valeur
        return str(valeur)
    assert m.group(1) in contexte, f"expression inattendue : {m.group(1)}"
    return contexte[m.group(1)]


class Banc:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.depot = tmp / "depot"
        self.origine = tmp / "origine.git"
        self.journal = tmp / "journal-gh.jsonl"
        self.maison = tmp / "maison"
        self.temoin = self.maison / "temoin"
        self.bin = tmp / "bin"
        for nom in ("content", "data", ".github"):
            shutil.copytree(RACINE / nom, self.depot / nom)
        shutil.copy(RACINE / "mkdocs.yml", self.depot / "mkdocs.yml")
        (self.depot / ".venv").symlink_to(RACINE / ".venv")
        (self.depot / ".gitignore").write_text(".venv\n", encoding="utf-8")
        self.maison.mkdir()
        self.temoin.write_text("à garder", encoding="utf-8")
        self.bin.mkdir()
        (self.bin / "gh").write_text(FAUX_GH, encoding="utf-8")
        (self.bin / "gh").chmod(0o755)
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.origine)], check=True)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=self.depot, check=True)
        subprocess.run(["git", "add", "-A"], cwd=self.depot, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "état initial"], cwd=self.depot, check=True)
        subprocess.run(["git", "remote", "add", "origin", str(self.origine)], cwd=self.depot, check=True)
        subprocess.run(["git", "push", "-q", "origin", "main"], cwd=self.depot, check=True)

    def env(self, **plus: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_", "RUNNER_"))}
        env.update(PATH=f"{self.bin}:{os.environ['PATH']}", HOME=str(self.maison), JOURNAL_GH=str(self.journal),
                   GITHUB_ACTIONS="true", GIT_CONFIG_NOSYSTEM="1", **plus)
        return env

    def lancer(self, corps: str, numero: int = 42, **env_plus: str) -> dict[str, str]:
        """Joue les deux jobs du workflow ; renvoie les sorties du premier."""
        w = _workflow()
        evenement = self.tmp / f"evenement-{numero}.json"
        evenement.write_text(json.dumps({"action": "labeled", "label": {"name": "à transcrire"},
                                         "issue": {"number": numero, "body": corps, "title": "[Bonne pratique] x"},
                                         "repository": {"full_name": "ucanss/referentiel-rso"}}), encoding="utf-8")
        sorties_fichier = self.tmp / f"github-output-{numero}"
        sorties_fichier.write_text("", encoding="utf-8")
        temp = self.tmp / f"runner-temp-{numero}"
        temp.mkdir(exist_ok=True)
        # job 1 : lire et valider
        job = w["jobs"]["transcrire"]
        for etape in job["steps"]:
            if "run" not in etape or etape["run"].strip().startswith(INSTALLATION) or "make installer" in etape["run"]:
                continue
            env = self.env(GITHUB_EVENT_PATH=str(evenement), GITHUB_OUTPUT=str(sorties_fichier), RUNNER_TEMP=str(temp),
                           **{k: _evaluer(v, {}) for k, v in (etape.get("env") or {}).items()})
            r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", etape["run"]],
                               cwd=self.depot, env=env, capture_output=True, text=True)
            assert r.returncode == 0, r.stdout + r.stderr
        sorties_etape = dict(ligne.split("=", 1) for ligne in sorties_fichier.read_text(encoding="utf-8").splitlines())
        sorties = {nom: _evaluer(v, {f"steps.transcription.outputs.{k}": x for k, x in sorties_etape.items()})
                   for nom, v in job["outputs"].items()}
        # le job 1 n'a rien modifié dans son dépôt de travail qui compte : c'est le job 2 qui écrit
        subprocess.run(["git", "checkout", "-q", "--", "."], cwd=self.depot, check=True)
        subprocess.run(["git", "clean", "-qfd", "content"], cwd=self.depot, check=True)
        # job 2 : proposer
        contexte = {"github.token": "jeton-factice", "github.event.issue.number": str(numero),
                    **{f"needs.transcrire.outputs.{k}": v for k, v in sorties.items()}}
        for etape in w["jobs"]["proposer"]["steps"]:
            if "run" not in etape:
                continue
            env = self.env(**env_plus, **{k: _evaluer(v, contexte) for k, v in (etape.get("env") or {}).items()})
            r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", etape["run"]],
                               cwd=self.depot, env=env, capture_output=True, text=True)
            assert r.returncode == 0, r.stdout + r.stderr
        subprocess.run(["git", "checkout", "-q", "main"], cwd=self.depot, check=True)
        return sorties

    def appels(self) -> list[dict]:
        if not self.journal.exists():
            return []
        return [json.loads(x) for x in self.journal.read_text(encoding="utf-8").splitlines()]

    def branches(self) -> list[str]:
        r = subprocess.run(["git", "for-each-ref", "--format=%(refname:short)", "refs/heads"], cwd=self.origine,
                           capture_output=True, text=True, check=True)
        return r.stdout.split()

    def fichier_de_branche(self, branche: str) -> tuple[str, str]:
        r = subprocess.run(["git", "diff", "--name-only", "main", branche], cwd=self.origine, capture_output=True,
                           text=True, check=True)
        (nom,) = r.stdout.split()
        contenu = subprocess.run(["git", "show", f"{branche}:{nom}"], cwd=self.origine, capture_output=True,
                                 text=True, check=True).stdout
        return nom, contenu


@pytest.fixture()
def banc(tmp_path):
    return Banc(tmp_path)


def test_le_workflow_ne_met_aucune_expression_dans_run_et_limite_ses_droits():
    w = _workflow()
    assert w["on"] == {"issues": {"types": ["labeled"]}}
    assert w["permissions"] == {}
    assert "à transcrire" in w["jobs"]["transcrire"]["if"]
    assert w["jobs"]["transcrire"]["permissions"] == {"contents": "read"}
    assert set(w["jobs"]["proposer"]["permissions"]) <= {"contents", "pull-requests", "issues", "actions"}
    for job in w["jobs"].values():
        for etape in job["steps"]:
            assert "${{" not in etape.get("run", ""), etape
            if "uses" in etape:
                assert etape["with"]["persist-credentials"] is False
    # le jeton n'est donné qu'à l'étape qui écrit, pas à celle qui lit le texte de l'issue
    etapes_1 = w["jobs"]["transcrire"]["steps"]
    assert all("GH_TOKEN" not in (e.get("env") or {}) and "github.token" not in json.dumps(e) for e in etapes_1)


def test_proposition_valide_devient_une_pull_request(banc):
    sorties = banc.lancer(corps_github(reponses_completes() | {"mesures": ""}), numero=42)
    assert sorties["etat"]
    assert banc.branches() == ["main", "transcription/issue-42"]
    nom, contenu = banc.fichier_de_branche("transcription/issue-42")
    assert re.fullmatch(r"content/bonnes_pratiques/BP-[0-9]{4}-tri-des-biodechets-au-restaurant-d-entreprise\.yml", nom)
    assert "titre: Tri des biodéchets au restaurant d'entreprise" in contenu
    appels = banc.appels()
    commandes = [" ".join(a["args"][:2]) for a in appels]
    assert commandes == ["auth setup-git", "label create", "pr list", "pr create", "workflow run", "issue comment", "issue edit"]
    assert all(a["jeton"] == "jeton-factice" for a in appels)
    creation = next(a for a in appels if a["args"][:2] == ["pr", "create"])
    args = creation["args"]
    assert args[args.index("--head") + 1] == "transcription/issue-42" and args[args.index("--base") + 1] == "main"
    assert args[args.index("--label") + 1] == "relecture CTP RSO"
    assert args[args.index("--title") + 1].startswith("Bonne pratique BP-")
    (corps_pr,) = creation["fichiers"].values()
    assert corps_pr.startswith("Closes #42\n") and nom in corps_pr
    commentaire = next(a for a in appels if a["args"][:2] == ["issue", "comment"])
    assert commentaire["args"][2] == "42"
    (texte,) = commentaire["fichiers"].values()
    assert URL_PR in texte and texte.startswith("Merci ! Votre proposition est transcrite")
    edition = next(a for a in appels if a["args"][:2] == ["issue", "edit"])
    assert edition["args"][2:] == ["42", "--remove-label", "à transcrire"]
    lancement = next(a for a in appels if a["args"][:2] == ["workflow", "run"])
    assert lancement["args"][2:] == ["verifier.yml", "--ref", "transcription/issue-42"]


def test_proposition_invalide_commente_les_erreurs_sans_rien_ouvrir(banc):
    reponses = reponses_completes() | {"mesures": "", "enjeux": ["9.9 Inventé"], "commune": "50000"}
    banc.lancer(corps_github(reponses), numero=43)
    assert banc.branches() == ["main"]
    appels = banc.appels()
    assert [a["args"][:3] for a in appels] == [["issue", "comment", "43"], ["issue", "edit", "43"]]
    (texte,) = appels[0]["fichiers"].values()
    assert "- **Enjeux du référentiel \\(1er choix\\)** : « 9\\.9 » n'est pas un enjeu du référentiel" in texte
    assert "**Commune \\(code INSEE\\)** : « 50000 » n'est pas le code INSEE d'une commune" in texte
    assert "Aucune pull request n'a été ouverte." in texte
    # l'issue corrigée puis ré-étiquetée : la transcription repart et ouvre la pull request
    banc.lancer(corps_github(reponses_completes() | {"mesures": ""}), numero=43)
    assert "transcription/issue-43" in banc.branches()
    assert any(a["args"][:2] == ["pr", "create"] for a in banc.appels())


def test_une_seconde_transcription_met_a_jour_la_meme_pull_request(banc):
    banc.lancer(corps_github(reponses_completes() | {"mesures": ""}), numero=44)
    nouveau = reponses_completes() | {"mesures": "", "titre": "Tri des biodéchets, version corrigée"}
    banc.lancer(corps_github(nouveau), numero=44, PR_EXISTANTE=URL_PR)
    nom, contenu = banc.fichier_de_branche("transcription/issue-44")
    assert "version corrigée" in contenu and nom.endswith("-tri-des-biodechets-version-corrigee.yml")
    derniers = [a["args"][:2] for a in banc.appels()][-6:]
    assert ["pr", "edit"] in derniers and ["pr", "create"] not in derniers


PIEGES = [  # chemins relatifs : les commandes tourneraient dans le dépôt de travail, sous tmp_path
    "$(touch execute-1)",
    "`touch execute-2`",
    "${{ github.token }} $(touch execute-3)",
    '"; rm -rf ~; touch execute-4; echo "',
    "'; rm -rf ~; touch execute-5; echo '",
    "$'\\x41' && touch execute-6",
    "::error file=README.md,line=1::forgé %0A ::set-output name=etat::dmFsaWRl",
]


@pytest.mark.parametrize("avec_gabarit", [False, True], ids=["valide", "refusee"])
def test_un_texte_piege_n_execute_rien(banc, avec_gabarit):
    """Sans `${{ }}`, la proposition piégée est valide (la pull request s'ouvre, titre compris) ; avec, le
    validateur la refuse (syntaxe de gabarit) et le commentaire d'erreurs la cite : aucun chemin n'exécute rien."""
    t = banc.tmp
    pieges = [p for p in PIEGES if avec_gabarit or "{{" not in p]
    reponses = reponses_completes() | {"mesures": "", "titre": pieges[0] + " " + pieges[1],
                                       "organisme": pieges[2], "description": "\n\n".join(pieges),
                                       "contact": pieges[3], "resultats": "\n".join(pieges)}
    banc.lancer(corps_github(reponses), numero=45)
    assert not list(t.rglob("execute-*")), "une commande du texte de l'issue a été exécutée"
    assert banc.temoin.read_text(encoding="utf-8") == "à garder"
    appels = banc.appels()
    if not avec_gabarit:
        _, contenu = banc.fichier_de_branche("transcription/issue-45")
        donnees = yaml.safe_load(contenu)
        assert donnees["description"] == "\n\n".join(pieges)
        assert donnees["organisme"] == pieges[2] and donnees["titre"] == pieges[0] + " " + pieges[1]
        creation = next(a for a in appels if a["args"][:2] == ["pr", "create"])
        assert creation["args"][creation["args"].index("--title") + 1].endswith(pieges[0] + " " + pieges[1])
    else:
        assert banc.branches() == ["main"]
        assert [a["args"][:2] for a in appels] == [["issue", "comment"], ["issue", "edit"]]
        (texte,) = appels[0]["fichiers"].values()
        assert "syntaxe de gabarit" in texte

#!/usr/bin/env bash
# Second job du workflow transcrire.yml : ouvrir (ou mettre à jour) la pull request d'une proposition
# valide, ou commenter les erreurs sur l'issue. N'exécute pas le code du projet.
#
# Entrées (variables d'environnement, jamais interpolées dans le code) : NUMERO (numéro de l'issue) ;
# ETAT, FICHIER, CONTENU, TITRE, CORPS_PR, COMMENTAIRE en base64 (sorties du job « transcrire », écrites
# par `python -m referentiel_rso depuis-formulaire --sortie`) ; GH_TOKEN pour `gh`.
set -euo pipefail

ETIQUETTE_DECLENCHEUR="à transcrire"
ETIQUETTE_REVUE="relecture CTP RSO"
LIEN="@@LIEN_PULL_REQUEST@@"

decoder() { printf '%s' "$1" | base64 -d; }

if [[ ! "$NUMERO" =~ ^[0-9]+$ ]]; then
  echo "numéro d'issue invalide" >&2
  exit 1
fi
etat="$(decoder "$ETAT")"
commentaire="$(mktemp)"

if [[ "$etat" != "valide" ]]; then
  decoder "$COMMENTAIRE" > "$commentaire"
  gh issue comment "$NUMERO" --body-file "$commentaire"
  # l'étiquette retirée, la reposer après correction de l'issue relance la transcription
  gh issue edit "$NUMERO" --remove-label "$ETIQUETTE_DECLENCHEUR"
  echo "Proposition à corriger : commentaire publié sur l'issue #$NUMERO, aucune pull request."
  exit 0
fi

fichier="$(decoder "$FICHIER")"
if [[ ! "$fichier" =~ ^content/bonnes_pratiques/BP-[0-9]{4,5}-[a-z0-9]+(-[a-z0-9]+)*\.yml$ ]]; then
  echo "chemin de fichier inattendu" >&2
  exit 1
fi
titre="$(decoder "$TITRE")"
corps="$(mktemp)"
decoder "$CORPS_PR" > "$corps"

base="$(git rev-parse --abbrev-ref HEAD)"
branche="transcription/issue-$NUMERO"
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
gh auth setup-git
# une nouvelle transcription de la même issue remplace la précédente (branche refaite depuis la base)
git checkout -q -B "$branche"
decoder "$CONTENU" > "$fichier"
git add -- "$fichier"
git commit -q -m "Bonne pratique transcrite de l'issue #$NUMERO"
git push -q --force origin "HEAD:refs/heads/$branche"

gh label create "$ETIQUETTE_REVUE" --color 1d76db --description "À relire par le CTP RSO" --force
url="$(gh pr list --head "$branche" --state open --json url --jq '.[0].url // ""')"
if [[ -z "$url" ]]; then
  url="$(gh pr create --base "$base" --head "$branche" --title "$titre" --body-file "$corps" --label "$ETIQUETTE_REVUE")"
else
  gh pr edit "$url" --title "$titre" --body-file "$corps" --add-label "$ETIQUETTE_REVUE"
fi
# Une pull request ouverte avec GITHUB_TOKEN ne déclenche pas les workflows `pull_request` :
# la vérification est lancée explicitement sur la branche.
gh workflow run verifier.yml --ref "$branche"

texte="$(decoder "$COMMENTAIRE")"
printf '%s\n' "${texte//"$LIEN"/$url}" > "$commentaire"
gh issue comment "$NUMERO" --body-file "$commentaire"
gh issue edit "$NUMERO" --remove-label "$ETIQUETTE_DECLENCHEUR"
echo "Pull request : $url"

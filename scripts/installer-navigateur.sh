#!/usr/bin/env bash
# Installe ce qu'il faut aux tests dans un vrai navigateur et aux outils front (appelé par `make navigateur`,
# donc par `make test`) :
#   - paquets Debian : chromium, chromium-driver (Chromium sans tête), poppler-utils (PDF → texte/PNG),
#     et un Java si la machine n'en a pas (Nu validator) ;
#   - paquets npm de package.json / package-lock.json dans node_modules/ (axe-core, vnu-jar, bibliothèques
#     front servies par le site), par `npm ci` seulement si node_modules/ manque ou ne correspond plus au verrou.
# Idempotent : quand tout est là, ne fait rien (moins d'une seconde). Rien n'est téléchargé hors des
# registres (Debian, npm) : les scripts d'installation npm sont désactivés (vnu-jar voudrait télécharger
# un Java ; celui de la machine suffit).
set -euo pipefail

RACINE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$RACINE"

# `installer-navigateur.sh npm` : seulement les paquets npm (ce dont `make site` a besoin : Leaflet).
SEULEMENT_NPM="${1:-}"

# --- paquets Debian -------------------------------------------------------------------------------
manquants=()
if [[ "$SEULEMENT_NPM" != "npm" ]]; then
for paquet in chromium chromium-driver poppler-utils; do
    if ! dpkg-query -W -f='${Status}' "$paquet" 2>/dev/null | grep -q "install ok installed"; then
        manquants+=("$paquet")
    fi
done
if ! command -v java >/dev/null 2>&1; then
    manquants+=(default-jre-headless)
fi
if ((${#manquants[@]})); then
    echo "Installation des paquets Debian : ${manquants[*]}"
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${manquants[@]}" >/dev/null
fi
test -x /usr/bin/chromium || { echo "erreur : /usr/bin/chromium est introuvable après installation" >&2; exit 1; }
fi

# --- paquets npm ----------------------------------------------------------------------------------
# node_modules/.empreinte garde l'empreinte du verrou avec lequel node_modules/ a été installé.
if [[ -f package-lock.json ]]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "erreur : npm est introuvable (Node.js est nécessaire pour les paquets front)" >&2
        exit 1
    fi
    empreinte="$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)"
    if [[ ! -f node_modules/.empreinte || "$(cat node_modules/.empreinte)" != "$empreinte" ]]; then
        echo "Installation des paquets npm (npm ci)"
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
        echo "$empreinte" > node_modules/.empreinte
    fi
fi

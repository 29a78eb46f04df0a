# Point d'entrée unique, le même en local et en CI.
# `make serve` : installe, construit et sert le site sur http://127.0.0.1:8000
# `make test`  : installe (Python, Chromium…) et lance toute la suite de tests
SHELL := /bin/bash
.DEFAULT_GOAL := aide
PYTHON_SYSTEME ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
PORT ?= 8000

.PHONY: aide installer navigateur paquets-npm valider schemas formulaire site serve test mesures pdf nouvelle-pratique nettoyer

aide:
	@echo "make serve              construire et servir le site sur http://127.0.0.1:$(PORT)"
	@echo "make test               lancer toute la suite de tests (installe ce qui manque)"
	@echo "make site               construire le site dans site/"
	@echo "make valider            vérifier le contenu (content/ et data/)"
	@echo "make nouvelle-pratique  créer le fichier d'une nouvelle bonne pratique"
	@echo "make pdf                construire le site et ses PDF (fiches, engagements, référentiel complet)"
	@echo "make mesures            rapport de sobriété (poids, requêtes, DOM, EcoIndex) ; PRATIQUES=10000 : à l'échelle"

$(INSTALLE): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON_SYSTEME) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

installer: $(INSTALLE)

valider: $(INSTALLE)
	$(PY) -m referentiel_rso valider

schemas: $(INSTALLE)
	$(PY) -m referentiel_rso schemas
	$(PY) -m referentiel_rso formulaire

# formulaires d'issue (.github/ISSUE_TEMPLATE/) : listes déroulantes tirées des modèles et du contenu
formulaire: $(INSTALLE)
	$(PY) -m referentiel_rso formulaire

# la carte sert Leaflet depuis node_modules/ (npm) ; les PDF demandent Chromium (`make navigateur`)
# MOTEUR=zensical : le même site construit par Zensical au lieu de MkDocs Material
MOTEUR ?= mkdocs
site: $(INSTALLE) paquets-npm
	$(PY) -m referentiel_rso construire --moteur $(MOTEUR)

# le site entier (PDF compris : Chromium est installé si besoin), servi avec aperçu en direct
serve: $(INSTALLE) navigateur
	$(PY) -m referentiel_rso servir --port $(PORT)

nouvelle-pratique: $(INSTALLE)
	$(PY) -m referentiel_rso nouvelle-pratique $(if $(TITRE),--titre "$(TITRE)")

navigateur:
	bash scripts/installer-navigateur.sh

paquets-npm:
	bash scripts/installer-navigateur.sh npm

test: $(INSTALLE) navigateur
	$(PY) -m pytest

# `make mesures` : le site tel qu'il est ; `make mesures PRATIQUES=10000` : une copie du projet complétée de
# pratiques synthétiques (scripts/banc_pratiques.py), construite sans PDF dans build/. Met à jour
# mesures/sobriete.json (versionné), d'où la page « Déclaration d'écoconception » tire ses chiffres.
PRATIQUES ?=
mesures: $(INSTALLE) navigateur paquets-npm
	$(if $(PRATIQUES),rm -rf build/site-$(PRATIQUES),$(PY) -m referentiel_rso construire)
	$(PY) scripts/mesures.py $(if $(PRATIQUES),--pratiques $(PRATIQUES) build/site-$(PRATIQUES) mesures/rapport-$(PRATIQUES).md,site mesures/rapport.md)

# Le site et ses PDF (progression « [3/21] enjeu-1-3.pdf ») : fiches, engagements, référentiel complet.
pdf: $(INSTALLE) navigateur
	$(PY) -m referentiel_rso construire --pdf
	@echo "PDF dans site/pdf/ : $$(ls site/pdf | tr '\n' ' ')"

nettoyer:
	rm -rf site build .pytest_cache

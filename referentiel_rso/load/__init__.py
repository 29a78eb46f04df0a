"""Lecture des fichiers YAML (avec leurs lignes) et des contenus ajoutés au référentiel."""

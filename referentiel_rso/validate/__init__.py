"""Validation : erreurs en français, règles entre fichiers, messages."""

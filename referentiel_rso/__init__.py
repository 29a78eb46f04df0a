"""Générateur du site du Référentiel RSO de la Sécurité sociale : load → validate → model → render."""

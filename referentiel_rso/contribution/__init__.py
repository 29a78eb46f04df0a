"""Contribuer sans Git : le formulaire d'issue (généré depuis les modèles), sa lecture, et la
transcription d'une proposition en fichier de bonne pratique validé."""

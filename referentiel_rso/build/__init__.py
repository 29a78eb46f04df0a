"""Construction : sources → moteur → étapes (recherche, carte, données, PDF, correctifs)."""

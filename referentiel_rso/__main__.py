"""`python -m referentiel_rso …` : voir cli.py."""
import sys

from referentiel_rso.cli import main

sys.exit(main())

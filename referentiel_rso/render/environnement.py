"""L'environnement Jinja des gabarits : filtres et fonctions d'adresse, rien d'autre."""
from __future__ import annotations

from pathlib import Path

import jinja2

from referentiel_rso.render import apercus, contribuer, notes, urls
from referentiel_rso import assainir

GABARITS = Path(__file__).parent / "templates"


def environnement(catalogue) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(GABARITS),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # les gabarits produisent du Markdown ; le texte contribué passe par |texte
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(cat=catalogue, urls=urls, apercu=apercus.apercu, LIMITE_PRATIQUES=apercus.LIMITE)
    # `vers | lien(page)` : lien Markdown (vérifié par MkDocs) ; `vers | url(page)` : pour du HTML brut
    env.filters["lien"] = lambda vers, de, ancre=None: urls.lien(de, vers, ancre)
    env.filters["url"] = lambda vers, de, ancre=None: urls.url(de, vers, ancre)
    # texte contribué (non fiable) : toujours par ces filtres, jamais |e seul (|e n'arrête pas le Markdown)
    env.filters.update(
        texte=assainir.texte,
        attribut=assainir.attribut,
        markdown=assainir.bloc_html,
        markdown_ligne=assainir.markdown_en_ligne,
        url_sure=assainir.url_sure,
    )
    # notes sur la source : ce dont parle la note en mots, les documents par leur titre (texte brut)
    env.filters["objet_note"] = notes.objet
    env.filters["source_lisible"] = lambda texte: notes.nommer_sources(texte, catalogue.sources)
    env.tests["contient"] = lambda conteneur, valeur: valeur in conteneur
    env.globals.update(lien_proposer=lambda enjeu=None: contribuer.lien_proposer(catalogue, enjeu),
                       lien_signaler=lambda p: contribuer.lien_signaler(catalogue, p))
    return env

"""Lire le texte d'une page HTML construite, pour des assertions sur ce que voit le lecteur."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown as md


class _Texte(HTMLParser):
    IGNORES = {"script", "style", "template"}
    BLOCS = {"p", "div", "li", "ul", "ol", "br", "tr", "td", "th", "table", "section", "article", "dd", "dt", "dl",
             "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "nav", "header", "footer", "details", "summary"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.morceaux: list[str] = []
        self._ignore = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.IGNORES:
            self._ignore += 1
        if tag in self.BLOCS:
            self.morceaux.append(" ")

    def handle_endtag(self, tag):
        if tag in self.IGNORES and self._ignore:
            self._ignore -= 1
        if tag in self.BLOCS:
            self.morceaux.append(" ")

    def handle_data(self, data):
        if not self._ignore:
            self.morceaux.append(data)


def texte(html_source: str) -> str:
    p = _Texte()
    p.feed(html_source)
    return normaliser("".join(p.morceaux))


def normaliser(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def texte_markdown(source: str) -> str:
    """Le texte qu'un fragment Markdown donne une fois rendu (sans balises)."""
    return texte(md.markdown(source))

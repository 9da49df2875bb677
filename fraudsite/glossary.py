"""Glossary terms marked as <abbr> in a page's HTML, so Material shows their
explanation as a tooltip.

Python-Markdown's abbr extension matches whole words (\\b…\\b), which never
happens inside Chinese text and misses English plurals; this works on the
HTML instead, in one regular-expression pass that steps over tags and over
whole links, code, headings, captions and SVG.
"""
from __future__ import annotations

import html
import re

from .model import Term

SKIPPED_ELEMENTS = ("a", "code", "pre", "abbr", "script", "style", "svg", "title", "h1", "h2", "h3", "h4", "h5",
                    "h6", "button", "label", "textarea", "figcaption")


class Glossary:
    def __init__(self, terms: list[Term], lang: str):
        self.explanations: dict[str, str] = {}
        for term in terms:
            self.explanations[term.zh.lower()] = html.escape(term.explain[lang], quote=True)
            if lang == "en":  # keyed in lower case: a term may open a sentence
                self.explanations[term.en.strip("\"'“”").lower()] = html.escape(term.explain[lang], quote=True)
        names = sorted(self.explanations, key=len, reverse=True)
        skipped = "|".join(SKIPPED_ELEMENTS)
        alternatives = "|".join(re.escape(name) for name in names) or r"(?!)"
        # English terms must stand as words (with an optional plural); Chinese ones need no boundary
        term = (rf"(?<![A-Za-z])(?P<term>{alternatives})(?:s|es)?(?![A-Za-z])" if lang == "en"
                else rf"(?P<term>{alternatives})")
        self.pattern = re.compile(
            rf"<(?P<skip>{skipped})\b[^>]*>.*?</(?P=skip)\s*>"  # an element whose text stays as it is
            rf"|<[^>]*>"                                         # any other tag
            rf"|{term}", re.S | re.I)

    def mark(self, page_html: str) -> str:
        return self.pattern.sub(self._replace, page_html)

    def _replace(self, match: re.Match) -> str:
        term = match.group("term")
        if term is None:
            return match.group(0)
        return f'<abbr title="{self.explanations[term.lower()]}">{match.group(0)}</abbr>'

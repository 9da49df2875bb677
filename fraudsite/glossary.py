"""Glossary terms marked as <abbr> in a page's HTML, so Material shows their
explanation as a tooltip.

Python-Markdown's abbr extension matches whole words (\\b…\\b), which never
happens inside Chinese text and misses English plurals; this works on the
HTML text between tags instead, skipping links, code, headings and SVG.
"""
from __future__ import annotations

import html
import re

from .model import Term

TAG = re.compile(r"(<[^>]+>)")
SKIP = {"a", "code", "pre", "abbr", "script", "style", "svg", "title", "h1", "h2", "h3", "h4", "h5", "h6",
        "button", "label", "textarea", "figcaption"}
TAG_NAME = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)")


class Glossary:
    def __init__(self, terms: list[Term], lang: str):
        self.explanations: dict[str, str] = {}
        for term in terms:
            self.explanations[term.zh] = term.explain[lang]
            if lang == "en":
                self.explanations[term.en.strip("\"'“”")] = term.explain[lang]
        names = sorted(self.explanations, key=len, reverse=True)
        if not names:
            self.pattern = None
            return
        alternatives = "|".join(re.escape(name) for name in names)
        # English terms must stand as words (an optional plural s); Chinese ones need no boundary
        self.pattern = re.compile(rf"(?<![A-Za-z])({alternatives})(s|es)?(?![A-Za-z])" if lang == "en"
                                  else rf"({alternatives})()")

    def mark(self, page_html: str) -> str:
        if self.pattern is None:
            return page_html
        out, depth = [], 0
        for part in TAG.split(page_html):
            if part.startswith("<"):
                depth = self._track(part, depth)
                out.append(part)
            elif depth == 0 and part.strip():
                out.append(self.pattern.sub(self._abbr, part))
            else:
                out.append(part)
        return "".join(out)

    def _abbr(self, match: re.Match) -> str:
        term = match.group(1)
        title = html.escape(self.explanations[term], quote=True)
        return f'<abbr title="{title}">{match.group(0)}</abbr>'

    def _track(self, tag: str, depth: int) -> int:
        found = TAG_NAME.match(tag)
        if not found or tag.endswith("/>"):
            return depth
        closing, name = found.group(1), found.group(2).lower()
        if name not in SKIP:
            return depth
        return max(0, depth - 1) if closing else depth + 1

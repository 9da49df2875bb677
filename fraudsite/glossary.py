"""Glossary terms marked as <abbr> in a page's HTML, so Material shows their
explanation as a tooltip.

Python-Markdown's abbr extension matches whole words (\\b…\\b), which never
happens inside Chinese text and misses English plurals; this works on the
HTML instead, in one regular-expression pass that steps over tags and over
whole links, code, headings, captions and SVG.

Chinese has no spaces, so a term can occur inside a longer word: 止付 (stop-payment)
is in 停止付款 (stop paying), across the words 停止 and 付款. On Chinese pages a
match is left unmarked where both its ends fall inside words as jieba (the
segmenter Chinese search already uses) cuts the text around it; one end on a word
boundary is enough, because jieba often joins a term to its neighbour (冻结资金,
电信网络诈骗案), which is still the term.
"""
from __future__ import annotations

import html
import re

from .markup import MarkerKind, PageContext, md
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
        self.lang = lang
        self._patterns: dict[frozenset, re.Pattern] = {}

    def mark(self, page_html: str) -> str:
        # most pages hold few of the terms: a plain substring test first keeps
        # the regular expression small, and skips it when no term occurs at all
        lowered = page_html.lower()
        present = frozenset(name for name in self.explanations if name in lowered)
        if not present:
            return page_html
        return self._pattern(present).sub(self._replace, page_html)

    def _pattern(self, names: frozenset) -> re.Pattern:
        if names not in self._patterns:
            alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
            # English terms must stand as words (with an optional plural); Chinese ones need no boundary
            # a look-ahead on the first letters lets the engine skip most positions at once
            starts = "".join(sorted({re.escape(c) for name in names for c in (name[0], name[0].upper())}))
            term = (rf"(?<![A-Za-z])(?=[{starts}])(?P<term>{alternatives})(?:s|es)?(?![A-Za-z])" if self.lang == "en"
                    else rf"(?=[{starts}])(?P<term>{alternatives})")
            self._patterns[names] = re.compile(
                rf"<(?P<skip>{'|'.join(SKIPPED_ELEMENTS)})\b[^>]*>.*?</(?P=skip)\s*>"  # text left as it is
                rf"|<[^>]*>"                                                            # any other tag
                rf"|{term}", re.S | re.I)
        return self._patterns[names]

    def _replace(self, match: re.Match) -> str:
        term = match.group("term")
        if term is None:
            return match.group(0)
        if self.lang == "zh" and inside_a_word(match.string, match.start("term"), match.end("term")):
            return match.group(0)
        return f'<abbr title="{self.explanations[term.lower()]}">{match.group(0)}</abbr>'


CONTEXT = 12  # characters of the text on each side that jieba sees: enough to place the words around a term


def inside_a_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends inside words of the Chinese text around it (停止付款 holds 止付)."""
    import jieba

    left = max(text.rfind(">", 0, start) + 1, start - CONTEXT)  # the text node around the match, not its tags
    after_tag = text.find("<", end)
    right = min(len(text) if after_tag == -1 else after_tag, end + CONTEXT)
    window = text[left:right]
    bounds = {0, len(window)}
    for _word, word_start, word_end in jieba.tokenize(window):
        bounds.update((word_start, word_end))
    return start - left not in bounds and end - left not in bounds


# --------------------------------------------------------------------------- the {{ glossary }} page

def render_list(ctx: PageContext) -> str:
    out = []
    for term in ctx.dataset.terms:
        pinyin = f" <span class=\"pinyin\">{html.escape(term.pinyin)}</span>" if term.pinyin else ""
        head = (f"**{md(term.zh)}**{pinyin} · {md(term.en)}" if ctx.lang == "zh"
                else f"**{md(term.en)}** · {md(term.zh)}{pinyin}")
        out.append(f"{head}\n:   {md(term.explain[ctx.lang])}\n")
    return "\n".join(out)


MARKERS = (
    MarkerKind("glossary", render_list, help="the glossary"),
)

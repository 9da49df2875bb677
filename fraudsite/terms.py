"""One English rendering per Chinese term: the glossary's.

English text gives a Chinese term English first, the Chinese in brackets:
"task force (专案组)". Wherever a glossary term stands in brackets in English
text (a page or an English string of data/), the words just before it must be
the glossary's English for it (a plural is fine), so "three don'ts and one more
(三不一多)" on one page and "three don'ts and one more check (三不一多)" on
another cannot both be published.
"""
from __future__ import annotations

import re
from typing import Iterable

from .errors import SiteInputError
from .model import Term
from .yamlfile import strings_under

MARKUP = re.compile(r"[\"“”‘’*_]")  # quotation marks and emphasis around the English words
CODE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$|`[^`\n]+`", re.S | re.M)
HAN = re.compile(r"[\u3400-\u9fff]")


def _normal(text: str) -> str:
    return " ".join(MARKUP.sub("", text).lower().split())


def mismatch(text: str, terms: Iterable[Term]) -> tuple[int, Term, str] | None:
    """(offset, term, the words written before it) of the first bracketed term not rendered as the glossary says."""
    if not HAN.search(text):
        return None
    prose = CODE.sub(lambda m: " " * len(m.group(0)), text)
    for term in terms:
        if not HAN.search(term.zh):
            continue  # hotline numbers and the like need no rendering
        wanted = _normal(term.en)
        for bracket in (f"({term.zh})", f"（{term.zh}）"):
            start = prose.find(bracket)
            while start != -1:
                before = _normal(prose[max(0, start - len(term.en) - 40):start])
                if not (before.endswith(wanted) or before.endswith(wanted + "s") or before.endswith(wanted + "es")):
                    written = prose[max(0, start - len(term.en) - 12):start].strip()
                    written = written.split(" ", 1)[-1] if " " in written else written  # whole words only
                    return start, term, written
                start = prose.find(bracket, start + 1)
    return None


def check(text: str, file: str, terms: Iterable[Term], line_offset: int = 0) -> None:
    found = mismatch(text, terms)
    if found is not None:
        _fail(found, text, file, line_offset)


def _fail(found: tuple, text: str, file: str, line_offset: int) -> None:
    start, term, written = found
    line = text.count("\n", 0, start) + 1 + line_offset
    raise SiteInputError(file, line, "term", f"({term.zh}) follows “…{written}”, but the site's English for "
                         f"{term.zh} is “{term.en}”",
                         f"write “{term.en} ({term.zh})”; to change the English everywhere, change it in "
                         "data/glossary.yml and on every page")


def check_data(located, terms: Iterable[Term]) -> None:
    """Every English string of a data file (the values of its en: keys)."""
    for path, text in strings_under(located.data, "en"):
        found = mismatch(text, terms)
        if found is not None:  # the line is looked up only now: it parses the file again
            _fail(found, text, located.file, (located.value_line(path) or 1) - 1)

"""Content lint: what a page's Markdown may not contain.

1. Anything that runs code or loads from another host (scripts, frames,
   event handlers, javascript: URLs, remote images/styles): a careless or
   compromised edit must never reach readers.
2. A figure typed by hand: every number from the data goes through a marker,
   so the two languages can never disagree.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .errors import SiteInputError
from .syntax import CODE, MARKER
from .model import Dataset

# (pattern, problem, fix, substrings of which one must occur for the pattern to have a chance)
UNSAFE = [
    (re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet|base|meta|form)\b", re.I),
     "raw <{0}> element", "remove it; pages may not embed code, frames or forms", ("<",)),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "inline event handler '{0}='",
     "remove it; pages may not run scripts", ("<",)),
    (re.compile(r"(javascript|vbscript|data\s*:\s*text/html)\s*:", re.I), "'{0}:' URL",
     "link to a page of the site or a plain https:// address instead", ("script", "data")),
    (re.compile(r"(?:<\s*(?:img|link|source|video|audio|track)\b[^>]*\s(?:src|href|srcset)\s*=\s*[\"']?\s*(?:https?:)?//)"
                r"|(?:!\[[^\]]*\]\(\s*<?(?:https?:)?//)|(?:@import\s+(?:url\()?[\"']?(?:https?:)?//)", re.I),
     "resource loaded from another host", "put the file under docs/assets/ and link to it there",
     ("<", "![", "@import")),
    (re.compile(r"<[^>]*\sstyle\s*=", re.I), "inline style attribute",
     "use a class and put the rule in docs/assets/site.css (inline styles are blocked by the site's CSP)", ("<",)),
]
NUMBER = re.compile(r"(?<![0-9A-Za-z_.,·])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万|亿)?(?![\d])")
ZH_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
EN_DATE = re.compile(r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October"
                     r"|November|December)\b")
MONTHS = {name: index for index, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^>]+>")


DIGIT = re.compile(r"\d")


def check_safety(text: str, page: str, line_offset: int = 0) -> None:
    lowered = text.lower()
    rules = [rule for rule in UNSAFE if any(needle in lowered for needle in rule[3])]
    if not rules:
        return  # nothing any rule could match; most pages take this path
    prose = _blank(CODE, text) if "`" in text or "~~~" in text else text
    for pattern, problem, fix, _needles in rules:
        match = pattern.search(prose)
        if match:
            line = prose.count("\n", 0, match.start()) + 1 + line_offset
            found = match.group(1) if match.groups() and match.group(1) else match.group(0).strip()
            raise SiteInputError(page, line, "content", problem.format(found), fix)


class TypedFigureFinder:
    """Finds numbers and dates in prose that equal a figure of the data.

    The article's figures (and those worked out from them) may not be typed on
    any page; a case's own facts may not be typed on that case's pages.
    """

    def __init__(self, dataset: Dataset):
        self.everywhere = _Values()
        self.per_case: dict[str, _Values] = {}
        for figure in dataset.figures.values():
            if not figure.filled:
                continue
            if figure.source is not None or figure.is_derived:
                self.everywhere.add(figure)
            if figure.case is not None:
                self.per_case.setdefault(figure.case, _Values()).add(figure)

    def check(self, text: str, page: str, line_offset: int = 0, case_slug: str | None = None) -> None:
        if not DIGIT.search(text):
            return  # no digit, no typed figure
        values = self.everywhere.merged(self.per_case.get(case_slug)) if case_slug else self.everywhere
        prose = _blank(LINK_TARGET, _blank(MARKER, _blank(CODE, text)))
        # dates first, then blank them so "20 April" is not also read as the number 20
        for pattern, month_day in ((ZH_DATE, lambda m: (int(m.group(1)), int(m.group(2)))),
                                   (EN_DATE, lambda m: (MONTHS[m.group(2)], int(m.group(1))))):
            for match in pattern.finditer(prose):
                ids = values.dates.get(month_day(match))
                if ids:
                    self._fail(page, prose, match.start(), match.group(0), ids, line_offset)
            prose = _blank(pattern, prose)
        for match in NUMBER.finditer(prose):
            value = float(match.group(1).replace(",", "") + ("." + match.group(2) if match.group(2) else ""))
            value *= {"万": 10_000, "亿": 100_000_000}.get(match.group(3) or "", 1)
            ids = values.numbers.get(round(value, 4))
            if ids and not self._is_date_part(prose, match):
                self._fail(page, prose, match.start(), match.group(0), ids, line_offset)

    @staticmethod
    def _is_date_part(prose: str, match: re.Match) -> bool:
        # "4月20日" is judged as a date, not as the number 20
        after = prose[match.end():match.end() + 2]
        before = prose[max(0, match.start() - 1):match.start()]
        return after[:1] in ("月", "日") or before == "月"

    @staticmethod
    def _fail(page: str, prose: str, start: int, found: str, ids: list[str], line_offset: int) -> None:
        line = prose.count("\n", 0, start) + 1 + line_offset
        markers = " or ".join(f"{{{{ figure {figure_id} }}}}" for figure_id in ids[:3])
        raise SiteInputError(page, line, "content", f"'{found.strip()}' is typed by hand but is a figure of the data",
                             f"write {markers} instead, so both languages show the same value from data/")


class _Values:
    """Figure ids by the numbers and the month-days they hold."""

    def __init__(self):
        self.numbers: dict[float, list[str]] = {}
        self.dates: dict[tuple[int, int], list[str]] = {}

    def add(self, figure) -> None:
        value = figure.value
        if isinstance(value, (dt.date, dt.datetime)):
            self.dates.setdefault((value.month, value.day), []).append(figure.id)
        elif value >= 10 or not float(value).is_integer():
            self.numbers.setdefault(round(float(value), 4), []).append(figure.id)

    def merged(self, other: "_Values | None") -> "_Values":
        if other is None:
            return self
        both = _Values()
        tables: list[tuple[dict[Any, list[str]], ...]] = [(self.numbers, other.numbers, both.numbers),
                                                          (self.dates, other.dates, both.dates)]
        for mine, theirs, target in tables:
            for key in mine.keys() | theirs.keys():
                target[key] = mine.get(key, []) + theirs.get(key, [])
        return both


def _blank(pattern: re.Pattern, text: str) -> str:
    """Replace matches with spaces, keeping newlines so line numbers stay right."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


# --------------------------------------------------------------------------- Chinese punctuation

CJK_CHAR = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》]"
HALF_WIDTH = re.compile(rf"(?<={CJK_CHAR}) ?[,:;?!()](?!//)|[,:;?!()] ?(?={CJK_CHAR})")
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
QUOTED = re.compile(r"“[^”\n]*”|^ {0,3}>.*$", re.M)  # verbatim quotes keep the source's own punctuation


def check_chinese_punctuation(text: str, page: str, line_offset: int = 0) -> None:
    """Chinese text uses full-width punctuation (，：；？！（）), except inside verbatim quotes."""
    if not any(char in text for char in FULL_WIDTH):
        return
    prose = _blank(QUOTED, _blank(LINK_TARGET, _blank(MARKER, _blank(CODE, text))))
    prose = re.sub(r"\[[^\]\n]*\]\(", lambda m: m.group(0)[:-1] + " ", prose)  # "[text](" is Markdown, not prose
    match = HALF_WIDTH.search(prose)
    if match:
        mark = match.group(0).strip()
        line = prose.count("\n", 0, match.start()) + 1 + line_offset
        context = text.splitlines()[line - line_offset - 1].strip()[:40]
        raise SiteInputError(page, line, "punctuation", f"half-width '{mark}' in Chinese text (“{context}”)",
                             f"use the full-width '{FULL_WIDTH[mark]}' in Chinese text (verbatim quotes keep their own)")

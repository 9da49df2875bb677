"""Content lint: what a page's Markdown may not contain.

1. Anything that runs code or loads from another host (scripts, frames,
   event handlers, javascript: URLs, remote images/styles): a careless or
   compromised edit must never reach readers.
2. A figure typed by hand: every number from the data goes through a marker,
   so the two languages can never disagree.
3. On a case's pages (and in its summary), any other number: an amount or a
   count, in any format (10,000; 1万; 1.2万元; CNY12,000; １２０００; 12 thousand),
   must be one of the case's own figures, so a page cannot state what its data
   does not. Hotlines, list numbers, case names such as “2·18” and the year of
   the case are not figures.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
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
# a number on a case page, however written: letters may touch it (CNY12,000), words may scale it
CASE_NUMBER = re.compile(r"(?<![0-9_.,·])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万|亿|thousand|million|billion)?"
                         r"(?![\d·])", re.I)
SCALE = {"万": 10_000, "亿": 100_000_000, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
AMOUNT_NEAR = re.compile(r"(?:CNY|RMB|yuan|¥|￥|元|人|名|people|persons?)", re.I)
LIST_NUMBER = re.compile(r"^\s*\d+[.)、]\s", re.M)


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
        self.case_values: dict[str, dict[float, str]] = {}  # every figure of a case, small ones too
        self.case_years: dict[str, set[int]] = {case.slug: {day.year for day in (case.date, case.reported) if day}
                                                for case in dataset.cases}
        # the site's hotline numbers (data/site.yml) may be written on a case's pages
        self.hotlines = {float(settings_digits) for number, _label in dataset.identity.hotlines("zh")
                         if (settings_digits := re.sub(r"[^0-9]", "", number))}
        for figure in dataset.figures.values():
            if figure.case is not None and figure.filled and isinstance(figure.value, (int, float)):
                self.case_values.setdefault(figure.case, {})[round(float(figure.value), 4)] = figure.id
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
        if case_slug is not None and case_slug in self.case_years:
            self._check_case_numbers(unicodedata.normalize("NFKC", prose), page, line_offset, case_slug)

    def _check_case_numbers(self, prose: str, page: str, line_offset: int, slug: str) -> None:
        """Every amount or count on a case's page is one of the case's figures (typed ones were refused above)."""
        prose = _blank(LIST_NUMBER, prose)
        own = self.case_values.get(slug, {})
        for match in CASE_NUMBER.finditer(prose):
            scale = SCALE.get((match.group(3) or "").lower(), 1)
            value = round(float(match.group(1).replace(",", "") + ("." + match.group(2) if match.group(2) else ""))
                          * scale, 4)
            near = prose[max(0, match.start() - 5):match.end() + 8]
            if value in own or self._is_date_part(prose, match) or (scale == 1 and (
                    value in self.hotlines or value in self.case_years[slug]
                    or (value < 10 and not AMOUNT_NEAR.search(near)))):
                continue
            line = prose.count("\n", 0, match.start()) + 1 + line_offset
            figures = ", ".join(f"{number:g} ({figure_id})" for number, figure_id in sorted(own.items())) or "none"
            raise SiteInputError(page, line, "content",
                                 f"'{match.group(0).strip()}' is not a figure of this case (its figures: {figures})",
                                 f"use a marker such as {{{{ figure case.{slug}.<id> }}}} for a figure of "
                                 f"data/cases/{slug}.yml; a number the source gives that is not there yet is "
                                 "added to the data first, with its source")

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

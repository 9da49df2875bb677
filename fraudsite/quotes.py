"""Every figure against its source: the value stands in its own quote, and the
quote stands, word for word, on the cited line of the source document.

Numbers in Chinese text are read as a reader reads them: 3.96亿元 is
396,000,000, 3519万元 is 35,190,000, 12,853 and １２８５３ are 12853, 30.09%
is 30.09, and 300余起 / 20多个 / 30以上 mean "more than".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .errors import SiteInputError
from .model import Dataset, Figure

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万|亿)?\s*(余|多|以上)?")
ZH_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:(\d{1,2})时(\d{1,2})分)?")
SCALE = {"万": 10_000, "亿": 100_000_000}


@dataclass(frozen=True)
class Reading:
    value: float
    more_than: bool


def readings(quote: str) -> list[Reading]:
    """Every number in a quote, scaled by 万/亿, with whether it is a lower bound (余/多/以上)."""
    text = _blank(ZH_DATE, quote.translate(FULL_WIDTH))
    found = []
    for match in NUMBER.finditer(text):
        whole, fraction, scale, more = match.groups()
        value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
        after = text[match.end():match.end() + 2]
        more = more or ("余" if after[:1] in "余多" or after.startswith("以上") else None)
        if not more:  # 300余起 / 20余个: the 余 comes after a measure word too
            more = "余" if re.match(r"^\S?(余|多)", text[match.end():match.end() + 3]) else None
        found.append(Reading(value * SCALE.get(scale or "", 1), bool(more)))
    return found


def dates_in(quote: str) -> list[tuple]:
    """(month, day, hour, minute) of every Chinese date in a quote."""
    out = []
    for match in ZH_DATE.finditer(quote.translate(FULL_WIDTH)):
        _year, month, day, hour, minute = match.groups()
        out.append((int(month), int(day), int(hour) if hour else None, int(minute) if minute else None))
    return out


def _blank(pattern: re.Pattern, text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def value_problem(figure: Figure) -> str | None:
    """Why ``figure``'s value is not what its own quote says, or None when it is."""
    assert figure.source is not None, figure.id  # called for the figures that cite a quote
    quote, value = figure.source.quote, figure.value
    if isinstance(value, dt.datetime):
        wanted = (value.month, value.day, value.hour, value.minute)
        return None if wanted in dates_in(quote) else f"the quote does not give {value:%d %B %H:%M}"
    if isinstance(value, dt.date):
        return None if any(d[:2] == (value.month, value.day) for d in dates_in(quote)) \
            else f"the quote does not give {value:%d %B}"
    assert value is not None, figure.id  # an unfilled value is a draft's, which has no quote yet
    matches = [r for r in readings(quote) if abs(r.value - float(value)) < 1e-6 * max(1.0, abs(float(value)))]
    if not matches:
        shown = ", ".join(_plain(r.value) for r in readings(quote)) or "no number"
        return f"the value {_plain(value)} is not in its quote (the quote has {shown})"
    if figure.qualifier == "more_than" and not any(r.more_than for r in matches):
        return "the figure says 'more than' but the quote gives an exact number"
    if figure.qualifier == "exact" and all(r.more_than for r in matches):
        return "the quote says 'more than' (余/多) but the figure is exact; set qualifier: more_than"
    return None


def _plain(value: float) -> str:
    """35290000 -> "35290000", 443.75 -> "443.75": as a contributor writes it in the data file."""
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def check_values(dataset: Dataset) -> None:
    """Each figure's value stands in its own quote."""
    for figure in dataset.figures.values():
        if figure.source is None or not figure.filled:
            continue
        problem = value_problem(figure)
        if problem:
            raise SiteInputError(figure.file, figure.line, f"{figure.id}", problem,
                                 "correct the value, or the quote if it was copied wrongly (compare both with the "
                                 "source document)")


def misplaced(quote: str, line: int, lines: list[str], document_name: str) -> tuple[str, str] | None:
    """(problem, how to fix) when ``quote`` does not stand on ``line`` of the document, else None."""
    if line > len(lines):
        return (f"line {line} does not exist ({document_name} has {len(lines)} lines)",
                "give the line of the source document the quote stands on")
    if quote in lines[line - 1]:
        return None
    elsewhere = [number for number, text in enumerate(lines, start=1) if quote in text]
    return (f"the quote is not on line {line} of {document_name}",
            f"the quote stands on line {elsewhere[0]}" if elsewhere
            else "copy the quote again, character for character, from the source document; if it comes from "
                 "another document of data/sources.yml, name it (document: <id>)")


def check_document(dataset: Dataset, lines: list[str], document_name: str, document: str | None = None) -> None:
    """Each quote from ``document`` (the site's only one by default) stands word for word on its cited line."""
    document = document or next(iter(dataset.sources))
    for figure in dataset.figures.values():
        source = figure.source
        if source is None or figure.source_name != document:
            continue
        problem = misplaced(source.quote, source.line, lines, document_name)
        if problem:
            field = f"{figure.id}.source.line" if problem[0].startswith("line ") else f"{figure.id}.source"
            raise SiteInputError(figure.file, figure.line, field, *problem)

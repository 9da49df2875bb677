"""Figures as each language writes them, with Babel doing the locale work.

zh: 3.96亿元 · 71万元 · 12,853 · 30.09% · 2021年4月20日 · 300余起
en: CNY 396 million · CNY 710,000 · 12,853 · 30.09% · 20 April 2021 · more than 300 cases
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_time
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from .model import Figure, Period

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}
# Below these amounts money reads better written out in full (30,811元, CNY 710,000).
COMPACT_MONEY_FROM = {"zh": 100_000, "en": 1_000_000}
QUALIFIER_EN = {"exact": "", "more_than": "more than ", "about": "about "}
PERCENT_UNITS = ("percent", "percent_change")
NO_NOUN_UNITS = ("cny", *PERCENT_UNITS, "date", "datetime")


@lru_cache(maxsize=65536)  # Babel is slow and values repeat across thousands of cases
def number(value: int | float, lang: str) -> str:
    """A plain number with the locale's grouping and at most four decimals."""
    return format_decimal(value, format="#,##0.####", locale=LOCALES[lang])


@lru_cache(maxsize=65536)
def money(value: int | float, lang: str) -> str:
    """An amount in yuan: zh 3.96亿元 / 71万元; en CNY 396 million / CNY 710,000."""
    if value >= COMPACT_MONEY_FROM[lang]:
        amount = format_compact_decimal(value, format_type="long" if lang == "en" else "short",
                                        locale=LOCALES[lang], fraction_digits=4)
    else:
        amount = number(value, lang)
    return f"{amount}元" if lang == "zh" else f"CNY {amount}"


@lru_cache(maxsize=65536)
def percent(value: int | float, lang: str) -> str:
    return format_percent(value / 100, format="#,##0.##%", locale=LOCALES[lang])


@lru_cache(maxsize=65536)
def date(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=LOCALES[lang])


def month(value: dt.date, lang: str) -> str:
    """April 2021 / 2021年4月"""
    return format_date(value, format="MMMM y" if lang == "en" else "y年M月", locale=LOCALES[lang])


@lru_cache(maxsize=65536)
def date_time(value: dt.datetime, lang: str) -> str:
    clock = format_time(value.time(), format="HH:mm", locale=LOCALES[lang])
    return f"{date(value.date(), lang)} {clock}" if lang == "zh" else f"{date(value.date(), lang)}, {clock}"


def _bare(figure: Figure, lang: str) -> str:
    if figure.unit == "cny":
        return money(figure.value, lang)
    if figure.unit in PERCENT_UNITS:
        return percent(figure.value, lang)
    if figure.unit == "datetime":
        return date_time(figure.value, lang)
    if figure.unit == "date":
        return date(figure.value, lang)
    return number(figure.value, lang)


def value_only(figure: Figure, lang: str) -> str:
    """The number with its qualifier but no unit noun: zh 300余 / en more than 300."""
    text = _bare(figure, lang)
    if lang == "zh":
        if figure.qualifier == "more_than":
            return f"{text}余" if figure.unit not in ("cny", *PERCENT_UNITS) else f"{text}以上"
        return f"约{text}" if figure.qualifier == "about" else text
    return QUALIFIER_EN[figure.qualifier] + text


def with_unit(figure: Figure, lang: str, units: dict[str, dict]) -> str:
    """The figure as a phrase: zh 87名 / 300余起; en 87 people / more than 300 cases."""
    text = value_only(figure, lang)
    if figure.unit in NO_NOUN_UNITS:
        return text
    names = units[figure.unit]
    if lang == "zh":
        return f"{text}{names['zh']}"
    singular, plural = names["en"]
    noun = singular if figure.value == 1 and figure.qualifier == "exact" else plural
    return f"{text} {noun}"


def period(span: Period, lang: str) -> str:
    """What the source says about when a figure was counted, no more firmly than it says it."""
    zh = lang == "zh"
    start, end, reported = span.start, span.end, span.reported
    if start and end:
        return date(start, lang) if start == end else f"{date(start, lang)}{'至' if zh else ' to '}{date(end, lang)}"
    said = "" if reported is None else (f"（{date(reported, lang)}报道）" if zh else f" (reported on {date(reported, lang)})")
    if start:
        since = (f"{start.year}年以来" if zh else f"since the start of {start.year}") \
            if (start.month, start.day) == (1, 1) else (f"{date(start, lang)}以来" if zh else f"since {date(start, lang)}")
        return since + said
    if end:
        return f"截至{date(end, lang)}" if zh else f"up to {date(end, lang)}"
    if reported:
        return f"未说明时段{said}" if zh else f"period not stated{said}"
    return ""

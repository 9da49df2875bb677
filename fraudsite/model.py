"""The validated, in-memory form of the data that pages are rendered from."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

Number = Union[int, float]
Value = Union[int, float, dt.date, dt.datetime]
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class SourceQuote:
    line: int
    quote: str
    quote_en: str


@dataclass(frozen=True)
class Figure:
    id: str
    value: Value
    unit: str
    qualifier: str
    period_start: dt.date
    period_end: dt.date
    scope: str
    label: dict[str, str]
    definition: dict[str, str]
    file: str
    line: int
    period_ambiguous: bool = False
    source: SourceQuote | None = None
    source_name: str = "article"
    derived_from: tuple[str, ...] = ()
    op: str | None = None
    case: str | None = None

    @property
    def is_derived(self) -> bool:
        return bool(self.derived_from)


@dataclass(frozen=True)
class Group:
    id: str
    title: dict[str, str]
    figures: tuple[str, ...]


@dataclass(frozen=True)
class Bar:
    figure: str
    label: dict[str, str]


@dataclass(frozen=True)
class Chart:
    id: str
    title: dict[str, str]
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Case:
    slug: str
    title: dict[str, str]
    date: dt.date
    date_precision: str
    county: str
    types: tuple[str, ...]
    status: str
    summary: dict[str, str]
    source: str
    facts: dict[str, str]  # fact kind -> figure id
    file: str
    summary_line: int | None = None


@dataclass(frozen=True)
class Term:
    zh: str
    pinyin: str
    en: str
    explain: dict[str, str]


@dataclass(frozen=True)
class Catalogue:
    counties: dict[str, dict[str, str]]
    scam_types: dict[str, dict[str, str]]
    units: dict[str, dict]
    case_facts: dict[str, dict[str, str]]
    case_statuses: dict[str, dict[str, str]]


@dataclass
class Dataset:
    article: dict
    catalogue: Catalogue
    figures: dict[str, Figure] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)  # newest first
    terms: list[Term] = field(default_factory=list)
    # formatted figures and case lines, by (kind, id, language): a case shows up on
    # several listing pages, and Babel formatting is the costly part of rendering
    rendered: dict = field(default_factory=dict)

    def cases_of_type(self, scam_type: str) -> list[Case]:
        """The cases of one scam type, newest first."""
        return [case for case in self.cases if scam_type in case.types]

    def case(self, slug: str) -> Case | None:
        return self._cases_by_slug().get(slug)

    def _cases_by_slug(self) -> dict[str, Case]:
        if getattr(self, "_by_slug", None) is None or len(self._by_slug) != len(self.cases):
            self._by_slug = {case.slug: case for case in self.cases}
        return self._by_slug

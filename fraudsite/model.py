"""The validated, in-memory form of the data that pages are rendered from."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

from .identity import Identity
from .sources import Source


Number = Union[int, float]
Value = Union[int, float, dt.date, dt.datetime, None]  # None: a draft's field not filled in yet


@dataclass(frozen=True)
class Period:
    """What the source says about when a figure was counted.

    start/end: the first and last day the source names (either may be absent);
    reported: the day the source reports the figure on, when it names no end.
    A period with neither start nor end is "not stated", and is shown as such.
    """
    start: dt.date | None = None
    end: dt.date | None = None
    reported: dt.date | None = None

    @property
    def stated(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def closed(self) -> bool:
        return self.start is not None and self.end is not None

    def length(self) -> tuple[str, int] | None:
        """How long the period is: in calendar months when it runs from the first of a month to the last day of
        one (January–March is as long in a leap year), else in days; None when the source states no first and
        last day. Two periods are compared only when their lengths are equal."""
        if self.start is None or self.end is None:
            return None
        next_day = self.end + dt.timedelta(days=1)
        if self.start.day == 1 and next_day.day == 1:
            return ("months", (next_day.year - self.start.year) * 12 + next_day.month - self.start.month)
        return ("days", (self.end - self.start).days + 1)


NO_PERIOD = Period()


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
    period: Period
    scope: str
    label: dict[str, str]
    definition: dict[str, str]
    file: str
    line: int | None
    source: SourceQuote | None = None
    source_name: str = ""  # the id of its document (data/sources.yml); "" for a figure with no quote
    derived_from: tuple[str, ...] = ()
    op: str | None = None
    why: dict[str, str] | None = None  # derived figures: why the arithmetic is valid
    case: str | None = None
    measure: str | None = None  # the measure this figure is a value of, for its period (data/figures.yml)

    @property
    def is_derived(self) -> bool:
        return bool(self.derived_from)

    @property
    def filled(self) -> bool:
        return self.value is not None

    @property
    def number(self) -> Number:
        """The value of a count, amount or percentage (derived figures and cross-checks work on these)."""
        if isinstance(self.value, (dt.date, dt.datetime)) or self.value is None:
            raise TypeError(f"{self.id}: {self.value!r} is not a number")
        return self.value


@dataclass(frozen=True)
class Measure:
    """What is counted, over time: each of its figures is its value for one stated period."""
    id: str
    label: dict[str, str]
    figures: tuple[str, ...]  # from the earliest period to the latest


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
class Draft:
    """Something a contributor has not filled in yet, and where."""
    file: str
    line: int | None
    what: str


@dataclass(frozen=True)
class Case:
    slug: str
    title: dict[str, str]
    date: dt.date | None       # the day of the crime, when the source gives it
    reported: dt.date | None   # the day the source reported the case, when it gives no date
    county: str
    types: tuple[str, ...]
    status: str
    summary: dict[str, str]
    source: str
    facts: dict[str, str]  # fact kind -> figure id
    file: str
    summary_lines: dict[str, int] | None = None  # the line each language's summary starts on
    drafts: tuple[Draft, ...] = ()

    @property
    def sort_day(self) -> dt.date:
        """Newest first: undated drafts on top (they are being written now), then by date."""
        return self.date or self.reported or dt.date.max

    @property
    def is_draft(self) -> bool:
        return bool(self.drafts)


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
    sources: dict[str, Source]  # data/sources.yml: the documents, by id, in the order of the file
    catalogue: Catalogue
    identity: Identity  # data/site.yml: the centre, its hotlines, who publishes the site
    figures: dict[str, Figure] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    # measure id -> (its names, its values' figure ids from the earliest period to the latest)
    measures: dict[str, Measure] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)  # newest first
    terms: list[Term] = field(default_factory=list)
    extras: dict = field(default_factory=dict)  # other data files (checker, channels), by name
    updates: list = field(default_factory=list)  # fraudsite.updates.Update, newest first (read from docs/updates/)
    # formatted figures and case lines, by (kind, id, language): a case shows up on
    # several listing pages, and Babel formatting is the costly part of rendering
    rendered: dict = field(default_factory=dict)

    def cases_of_type(self, scam_type: str) -> list[Case]:
        """The cases of one scam type, newest first."""
        return [case for case in self.cases if scam_type in case.types]

    def case(self, slug: str) -> Case | None:
        return self._cases_by_slug().get(slug)

    def published_cases(self) -> list[Case]:
        return [case for case in self.cases if not case.is_draft]

    def _cases_by_slug(self) -> dict[str, Case]:
        by_slug: dict[str, Case] | None = getattr(self, "_by_slug", None)
        if by_slug is None or len(by_slug) != len(self.cases):
            by_slug = self._by_slug = {case.slug: case for case in self.cases}
        return by_slug

"""The shapes of the data files, as pydantic models.

Only structure and types live here; rules that need other files (a unit that
must be in the catalogue, a figure id that must exist) live with the loaders.
Text that lands on pages is plain text: single-line fields refuse line breaks,
and no field may start with a character a spreadsheet would run as a formula.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, Strict as StrictType, StrictFloat, StrictInt,
                      ValidationError, model_validator)

from .errors import SiteInputError
from .yamlfile import LocatedData

FigureId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # case slugs, county and scam-type ids
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
FORMULA_START = ("=", "+", "-", "@", "\t")


def _plain(text: str) -> str:
    if text.startswith(FORMULA_START):
        raise ValueError(f"starts with {text[0]!r}, which spreadsheets run as a formula (the open data is a CSV file); "
                         "reword it so it starts with a letter or a digit")
    return text


def _one_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("is written over several lines; write it on one line")
    return text.strip()


Text = Annotated[str, Field(min_length=1), AfterValidator(_plain)]
Line = Annotated[str, Field(min_length=1), AfterValidator(_plain), AfterValidator(_one_line)]
Qualifier = Literal["exact", "more_than", "about"]
# Order matters: pydantic tries datetime before date so "2021-04-01T23:37" keeps its time.
# Strict numbers: text such as "87" in quotes is not silently read as a number.
Value = Union[StrictInt, StrictFloat, Annotated[dt.datetime, StrictType()], Annotated[dt.date, StrictType()]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Bilingual(Strict):
    zh: Text
    en: Text


class BilingualLine(Strict):
    zh: Line
    en: Line


class Quote(Strict):
    document: Slug | None = None  # a document of data/sources.yml; left out: the first one listed
    line: Annotated[int, Field(ge=1)]
    quote: Line
    quote_en: Line


class Period(Strict):
    """from/to: the days the source names; reported: the day it reports a figure whose end it does not name."""
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    reported: dt.date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Period":
        if self.start and self.end and self.end < self.start:
            raise ValueError("'to' is before 'from'")
        if self.end is None and self.reported is None:
            raise ValueError("a period without 'to' needs 'reported': the day the source reports the figure on")
        return self


class ReportedFigure(Strict):
    id: FigureId
    value: Value
    unit: Line
    qualifier: Qualifier = "exact"
    period: Period
    scope: Literal["prefecture", "centre", "county", "case"]
    label: BilingualLine
    definition: Bilingual
    source: Quote
    measure: FigureId | None = None  # this figure is the value of a measure (`measures:`) for its period


class DerivedFigure(Strict):
    id: FigureId
    op: Literal["previous_from_change", "difference", "ratio", "daily_average"]
    inputs: Annotated[list[str], Field(min_length=1)]
    unit: Line
    whole: bool = False
    decimals: Annotated[int, Field(ge=0, le=4)] | None = None
    label: BilingualLine
    definition: Bilingual
    why: Bilingual  # shown on the page: why this arithmetic is valid for these figures
    measure: FigureId | None = None  # a worked-out value of a measure, for the period it describes


class Check(Strict):
    op: Literal["close_to", "ordered", "at_most"]
    figures: Annotated[list[str], Field(min_length=2)]
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    why: Text


class Group(Strict):
    id: FigureId
    title: BilingualLine
    figures: Annotated[list[str], Field(min_length=1)]


class Bar(Strict):
    figure: str
    label: BilingualLine


class Chart(Strict):
    id: FigureId
    title: BilingualLine
    bars: Annotated[list[Bar], Field(min_length=1)]


class MeasureSpec(Strict):
    """What is counted, the same way, over several periods (arrests, calls, money stopped…)."""
    id: FigureId
    label: BilingualLine


class FiguresFile(Strict):
    measures: list[MeasureSpec] = []
    figures: list[ReportedFigure]
    derived: list[DerivedFigure] = []
    checks: list[Check] = []
    groups: list[Group] = []
    charts: list[Chart] = []


class UnitNames(Strict):
    zh: str
    en: Annotated[list[str], Field(min_length=2, max_length=2)]
    at_most: float | None = None  # e.g. 100 for a rate or a share


class FactKind(Strict):
    unit: Line
    zh: Line
    en: Line


class CatalogueFile(Strict):
    counties: dict[Slug, BilingualLine]
    scam_types: dict[Slug, BilingualLine]
    units: dict[Line, UnitNames]
    case_facts: dict[FigureId, FactKind]
    case_statuses: dict[Slug, BilingualLine]


class CaseFact(Strict):
    value: Value | None  # None: left empty in a draft
    qualifier: Qualifier = "exact"
    source: Quote | None = None


class CaseFile(Strict):
    """A case. Empty fields (a fresh `make new-case` stub) make it a draft: previewed, never published."""
    title: BilingualLine
    date: dt.date | None = None
    date_source: Quote | None = None
    reported: dt.date | None = None
    county: Line | None = None
    types: list[Line] = []
    status: Line | None = None
    summary: Bilingual
    source: Text | None = None
    facts: dict[Line, CaseFact] = {}


class GlossaryTerm(Strict):
    zh: Line
    pinyin: str = ""
    en: Line
    explain: Bilingual


class GlossaryFile(Strict):
    terms: list[GlossaryTerm]


def validate(model: type[BaseModel], located: LocatedData, base: tuple[Any, ...] = (), data: Any = None):
    """Validate ``located`` (or ``data`` found at ``base`` inside it) against ``model``.

    The first problem becomes a SiteInputError naming the file, line and field.
    """
    try:
        return model.model_validate(located.data if data is None else data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = base + tuple(part for part in first["loc"] if not _is_type_tag(part))
        field = ".".join(str(part) for part in loc) or "(whole file)"
        problem = first["msg"]
        if first["type"] == "extra_forbidden":
            problem = "is not a known field"
            fix = "remove it or check its spelling against the other entries and CONTRIBUTING.md"
        elif first["type"] == "missing":
            problem = "is missing"
            fix = "add it; every entry of this kind needs it (see CONTRIBUTING.md)"
        elif first["type"] == "value_error":
            problem = problem.removeprefix("Value error, ")
            fix = "see the problem above"
        else:
            fix = f"give '{field}' a valid value (got {first.get('input')!r})"
        raise SiteInputError(located.file, located.line_of(loc), field, problem, fix) from None


def id_lines(located: LocatedData, items: list, list_key: str, kind: str) -> dict[str, int | None]:
    """The line of each item's id under ``list_key``; an id used twice is an error naming both lines."""
    lines: dict[str, int | None] = {}
    for index, item in enumerate(items):
        line = located.line_of((list_key, index, "id"))
        if item.id in lines:
            raise SiteInputError(located.file, line, f"{list_key}.{index}.id",
                                 f"duplicate {kind} id '{item.id}' (first used on line {lines[item.id]})",
                                 f"give each {kind} its own id")
        lines[item.id] = line
    return lines


def _is_type_tag(part: Any) -> bool:
    """pydantic adds the tried type to a union's location ("value.int"); a contributor never wrote it."""
    return part in ("int", "float", "datetime", "date", "str", "bool", "none", "function-after[_plain(), str]",
                    "function-after[_one_line(), function-after[_plain(), str]]") or (
        isinstance(part, str) and part.startswith("function-after["))

"""The shapes of the data files, as pydantic models.

Only structure and types live here; rules that need other files (a unit that
must be in the catalogue, a figure id that must exist) live with the loaders.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import SiteInputError
from .yamlfile import LocatedData

FigureId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # case slugs, county and scam-type ids
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
Qualifier = Literal["exact", "more_than", "about"]
# Order matters: pydantic tries datetime before date so "2021-04-01T23:37" keeps its time.
Value = Union[int, float, dt.datetime, dt.date]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Bilingual(Strict):
    zh: Text
    en: Text


class Quote(Strict):
    line: Annotated[int, Field(ge=1)]
    quote: Text
    quote_en: Text


class Period(Strict):
    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self


class ReportedFigure(Strict):
    id: FigureId
    value: Value
    unit: Text
    qualifier: Qualifier = "exact"
    period: Period
    period_ambiguous: bool = False
    scope: Literal["prefecture", "centre", "county", "case"]
    label: Bilingual
    definition: Bilingual
    source: Quote


class DerivedFigure(Strict):
    id: FigureId
    op: Literal["previous_from_change", "difference", "sum", "ratio", "daily_average"]
    inputs: Annotated[list[str], Field(min_length=1)]
    unit: Text
    whole: bool = False
    decimals: Annotated[int, Field(ge=0, le=4)] | None = None
    label: Bilingual
    definition: Bilingual


class Check(Strict):
    op: Literal["close_to", "ordered", "at_most"]
    figures: Annotated[list[str], Field(min_length=2)]
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    why: Text


class Group(Strict):
    id: FigureId
    title: Bilingual
    figures: Annotated[list[str], Field(min_length=1)]


class Bar(Strict):
    figure: str
    label: Bilingual


class Chart(Strict):
    id: FigureId
    title: Bilingual
    bars: Annotated[list[Bar], Field(min_length=1)]


class ArticleSource(Strict):
    id: Text
    title: Text
    section: Text
    published: dt.date
    editor: Text
    interviews: dt.date


class FiguresFile(Strict):
    source: ArticleSource
    figures: list[ReportedFigure]
    derived: list[DerivedFigure] = []
    checks: list[Check] = []
    groups: list[Group] = []
    charts: list[Chart] = []


class UnitNames(Strict):
    zh: str
    en: Annotated[list[str], Field(min_length=2, max_length=2)]


class FactKind(Strict):
    unit: Text
    zh: Text
    en: Text


class CatalogueFile(Strict):
    counties: dict[Slug, Bilingual]
    scam_types: dict[Slug, Bilingual]
    units: dict[Text, UnitNames]
    case_facts: dict[FigureId, FactKind]
    case_statuses: dict[Slug, Bilingual]


class CaseFact(Strict):
    value: Value
    qualifier: Qualifier = "exact"
    source: Quote | None = None


class CaseFile(Strict):
    title: Bilingual
    date: dt.date
    date_precision: Literal["exact", "before"] = "exact"
    date_source: Quote | None = None
    county: Text
    types: Annotated[list[Text], Field(min_length=1)]
    status: Text
    summary: Bilingual
    source: Text
    facts: dict[Text, CaseFact] = {}


class GlossaryTerm(Strict):
    zh: Text
    pinyin: str = ""
    en: Text
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
        loc = base + tuple(first["loc"])
        field = ".".join(str(part) for part in loc) or "(whole file)"
        problem = first["msg"]
        if first["type"] == "extra_forbidden":
            problem = "is not a known field"
            fix = "remove it or check its spelling against the other entries and CONTRIBUTING.md"
        elif first["type"] == "missing":
            problem = "is missing"
            fix = "add it; every entry of this kind needs it (see CONTRIBUTING.md)"
        else:
            fix = f"give '{field}' a valid value (got {first.get('input')!r})"
        raise SiteInputError(located.file, located.line_of(loc), field, problem, fix) from None

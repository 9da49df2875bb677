"""The documents a site's facts come from, read from data/sources.yml.

A site grows report by report: a news report, a police bulletin, an official
statement, each with its title, who published it (or nothing, when the copy the
site holds does not name it: the pages then say so), its publication date, and
optionally its address, its page section, its editor, the day of its interviews
and the path of its text. Every figure, case and quote names the document it
comes from and its line there; where the text of a document is at hand, the
build checks each quote against its own document (fraudsite.quotes).

Nothing that only a newspaper has is required: a police bulletin has no editor.
A figure or quote that names no document is from the first one listed.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from .errors import SiteInputError
from .schema import BilingualLine, Line, Slug, Strict, validate
from .suggest import closest
from .yamlfile import LocatedData

FILE = "sources.yml"
KINDS = ("news_report", "police_bulletin", "official_statement")
# Where relative `text:` paths are read from, when not the project folder (a copy of the project elsewhere,
# such as a test's, points here at the folder the paths are relative to).
ROOT_SETTING = "FRAUDSITE_SOURCE_ROOT"
# The text of a site's only document, by its path (kept from the time a site had one source document).
DOCUMENT_SETTING = "FRAUDSITE_SOURCE_DOCUMENT"


class SourceSpec(Strict):
    id: Slug
    kind: Literal["news_report", "police_bulletin", "official_statement"]
    title: Line
    publisher: BilingualLine | None = None  # None: the copy held does not name it
    published: dt.date
    url: Annotated[str, Field(pattern=r"^https://[^\s<>\"'`]+$")] | None = None
    section: Line | None = None        # the page section it appeared in, as the copy shows it
    editor: Line | None = None         # 责任编辑, where the copy names one
    interviews: dt.date | None = None  # the day its reporters interviewed the people it quotes
    text: Line | None = None           # the path of its text, relative to the project folder


class SourcesFile(Strict):
    sources: Annotated[list[SourceSpec], Field(min_length=1)]


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    published: dt.date
    publisher: dict[str, str] | None = None
    url: str | None = None
    section: str | None = None
    editor: str | None = None
    interviews: dt.date | None = None
    text: str | None = None
    line: int = 1  # of its entry in data/sources.yml


def load(located: LocatedData, today: dt.date) -> dict[str, Source]:
    """Every document, by id, in the order of the file."""
    parsed = validate(SourcesFile, located)
    found: dict[str, Source] = {}
    for index, spec in enumerate(parsed.sources):
        line = located.line_of(("sources", index, "id"))
        if spec.id in found:
            raise SiteInputError(located.file, line, f"sources.{index}.id", f"duplicate source id '{spec.id}'",
                                 "give each document its own id")
        if spec.published > today:
            raise SiteInputError(located.file, located.line_of(("sources", index, "published")),
                                 f"sources.{index}.published", f"{spec.published} is in the future",
                                 "give the day the document was published")
        found[spec.id] = Source(spec.id, spec.kind, spec.title, spec.published,
                                spec.publisher.model_dump() if spec.publisher else None, spec.url, spec.section,
                                spec.editor, spec.interviews, spec.text, line or 1)
    return found


def resolve(sources: dict[str, Source], named: str | None, file: str, line: int | None, field: str) -> str:
    """The id of the document a figure, case or quote names. Naming the first document of data/sources.yml may be
    left out, so that adding a report never means editing the figures of the reports before it."""
    if named is None:
        return next(iter(sources))
    if named not in sources:
        raise SiteInputError(file, line, field, f"unknown source document '{named}'",
                             f"use one of: {', '.join(sources)} (closest: {closest(named, sources)}); "
                             f"the documents are listed in data/{FILE}")
    return named


def text_path(root: Path, source: Source, sources: dict[str, Source]) -> Path | None:
    """Where the text of ``source`` lies, or None when the data names no text."""
    single = os.environ.get(DOCUMENT_SETTING)
    if single and len(sources) == 1:
        return Path(single)
    if source.text is None:
        return None
    base = Path(os.environ.get(ROOT_SETTING) or root)
    return (base / source.text).resolve()


def latest(sources: dict[str, Source]) -> dt.date:
    """The day of the newest document (a feed with no entry is as new as that)."""
    return max(source.published for source in sources.values())

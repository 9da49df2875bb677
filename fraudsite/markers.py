"""The markers contributors write in Markdown, found and checked.

    {{ figure ID }}      a figure with its unit, inside a sentence
    {{ number ID }}      the same without the unit noun
    {{ table GROUP }}    a table of a named group of figures
    {{ chart CHART }}    an SVG chart with its table
    {{ case-facts }}  {{ cases-list }}  {{ cases-of-type TYPE }}  {{ latest-cases }}
    {{ case-totals }}  {{ sources }}  {{ open-data }}  {{ glossary }}  {{ hotlines }}

Markers inside code (``…`` or fenced blocks) are left alone so the syntax can
be documented on a page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import SiteInputError
from .model import Dataset
from .suggest import closest

MARKER = re.compile(r"\{\{\s*([A-Za-z][\w-]*)(?:\s+([^\s{}]+))?\s*\}\}")
# Fenced code blocks and inline code spans: markers there are examples, not markers.
CODE = re.compile(r"^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[ \t]*$|`[^`\n]+`", re.S | re.M)

INLINE = {"figure", "number"}
WITH_ARGUMENT = {"figure", "number", "table", "chart", "cases-of-type"}
WITHOUT_ARGUMENT = {"case-facts", "cases-list", "latest-cases", "case-totals", "sources", "open-data",
                    "glossary", "hotlines"}
KINDS = WITH_ARGUMENT | WITHOUT_ARGUMENT


@dataclass(frozen=True)
class Marker:
    kind: str
    argument: str | None
    start: int
    end: int
    line: int


def find(text: str) -> list[Marker]:
    """Every marker outside code, with its 1-based line in ``text``."""
    code_spans = [(m.start(), m.end()) for m in CODE.finditer(text)]
    found, span_index = [], 0
    for match in MARKER.finditer(text):
        while span_index < len(code_spans) and code_spans[span_index][1] <= match.start():
            span_index += 1
        if span_index < len(code_spans) and code_spans[span_index][0] <= match.start():
            continue
        line = text.count("\n", 0, match.start()) + 1
        found.append(Marker(match.group(1), match.group(2), match.start(), match.end(), line))
    return found


def check(marker: Marker, dataset: Dataset, page: str, line_offset: int = 0, case_slug: str | None = None) -> None:
    """Raise SiteInputError for an unknown marker, id, group, chart or type."""
    line = marker.line + line_offset

    def fail(problem: str, fix: str) -> None:
        raise SiteInputError(page, line, f"{{{{ {marker.kind} {marker.argument or ''} }}}}".replace("  ", " "),
                             problem, fix)

    if marker.kind not in KINDS:
        fail(f"unknown marker '{marker.kind}'", f"use one of: {', '.join(sorted(KINDS))} "
             f"(closest: {closest(marker.kind, KINDS)}); see CONTRIBUTING.md")
    if marker.kind in WITH_ARGUMENT and not marker.argument:
        fail("needs a name after the marker", f"write it as {{{{ {marker.kind} NAME }}}}")
    if marker.kind in WITHOUT_ARGUMENT and marker.argument:
        fail("takes no name", f"write it as {{{{ {marker.kind} }}}}")
    known = {
        "figure": dataset.figures, "number": dataset.figures, "table": dataset.groups,
        "chart": dataset.charts, "cases-of-type": dataset.catalogue.scam_types,
    }.get(marker.kind)
    if known is not None and marker.argument not in known:
        what = {"table": "group", "chart": "chart", "cases-of-type": "scam type"}.get(marker.kind, "figure")
        fail(f"unknown {what} '{marker.argument}'",
             f"closest known: {closest(marker.argument, known)}; the names are in data/figures.yml or data/catalogue.yml")
    if marker.kind == "case-facts" and case_slug is None:
        fail("is only for case pages", "use it on docs/cases/<slug>.<lang>.md whose data/cases/<slug>.yml exists")

"""The markers contributors write in Markdown, found and checked.

    {{ figure ID }}   {{ number ID }}   {{ table GROUP }}   {{ chart CHART }}   …

The kinds, what each takes and how each renders are one table:
fraudsite.render.MARKERS. How a marker is written, and that markers inside code
(``…`` or fenced blocks) are left alone so the syntax can be documented on a
page, is fraudsite.syntax. Anything that looks like a
marker but is not one (unclosed, single braces, full-width braces) is an error:
it would otherwise reach readers as raw text.
"""
from __future__ import annotations

import re
from typing import NoReturn

from .deferred import Collector, Rendered, stands_alone
from .errors import SiteInputError
from .model import Dataset
from .render import MARKERS, render_marker
from .suggest import closest
from .syntax import CODE, MARKER, Marker, find

KINDS = frozenset(MARKERS)
KIND_NAMES = "|".join(sorted(map(re.escape, KINDS), key=len, reverse=True))
# what a marker looks like when it is written wrong
MALFORMED = [
    (re.compile(r"｛|｝"), "full-width brace", "write markers with ASCII braces: {{ figure ID }}"),
    (re.compile(r"\{\{(?![^\n]*\}\})"), "'{{' without a closing '}}' on the same line",
     "close the marker on the same line: {{ figure ID }}"),
    (re.compile(r"(?<!\{)\{\s*(?:" + KIND_NAMES + r")\b[^{}\n]*\}(?!\})"), "a marker with single braces",
     "markers take double braces: {{ figure ID }}"),
    (re.compile(r"\}\}"), "'}}' without an opening '{{'", "write the whole marker: {{ figure ID }}"),
]


def check_malformed(text: str, page: str, line_offset: int = 0) -> None:
    """Refuse anything that looks like a marker but would be published as raw text."""
    if "{" not in text and "}" not in text and "｛" not in text and "｝" not in text:
        return
    prose = _blank(MARKER, _blank(CODE, text))
    for pattern, problem, fix in MALFORMED:
        match = pattern.search(prose)
        if match:
            line = prose.count("\n", 0, match.start()) + 1 + line_offset
            snippet = text.splitlines()[line - line_offset - 1].strip()[:60]
            raise SiteInputError(page, line, "marker", f"{problem} in “{snippet}”", fix)


def _blank(pattern: re.Pattern, text: str) -> str:
    """Replace matches with spaces, keeping newlines so line numbers stay right."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def check(marker: Marker, dataset: Dataset, page: str, line_offset: int = 0, case_slug: str | None = None) -> None:
    """Raise SiteInputError for an unknown marker, id, group, chart or type."""
    line = marker.line + line_offset

    def fail(problem: str, fix: str) -> NoReturn:
        raise SiteInputError(page, line, f"{{{{ {marker.kind} {marker.argument or ''} }}}}".replace("  ", " "),
                             problem, fix)

    spec = MARKERS.get(marker.kind)
    argument = marker.argument or ""
    if spec is None:
        fail(f"unknown marker '{marker.kind}'", f"use one of: {', '.join(sorted(KINDS))} "
             f"(closest: {closest(marker.kind, KINDS)}); see CONTRIBUTING.md")
    if spec.argument and not marker.argument:
        fail("needs a name after the marker", f"write it as {{{{ {marker.kind} NAME }}}}")
    if not spec.argument and marker.argument:
        fail("takes no name", f"write it as {{{{ {marker.kind} }}}}")
    if spec.known is not None and argument not in spec.known(dataset):
        fail(f"unknown {spec.argument} '{argument}'",
             f"closest known: {closest(argument, spec.known(dataset))}; the names are in {spec.defined_in}")
    if spec.case_page_only and case_slug is None:
        fail("is only for case pages", "use it on docs/cases/<slug>.<lang>.md whose data/cases/<slug>.yml exists")


def render(text: str, ctx) -> str:
    """``text`` with every marker replaced (they were all checked before the build)."""
    return _render(text, ctx, None)


def render_deferred(text: str, ctx) -> Rendered:
    """As ``render``, but a marker that renders finished HTML and stands alone as a top-level block becomes a
    placeholder, its HTML put back after Markdown (fraudsite.deferred)."""
    collector = Collector()
    return collector.rendered(_render(text, ctx, collector))


def _render(text: str, ctx, collector: Collector | None) -> str:
    out, last = [], 0
    for marker in find(text):
        out.append(text[last:marker.start])
        rendered = render_marker(ctx, marker.kind, marker.argument)
        if collector is not None and MARKERS[marker.kind].finished_html and stands_alone(text, marker.start,
                                                                                         marker.end):
            rendered = collector.block(rendered)
        out.append(rendered)
        last = marker.end
    out.append(text[last:])
    return "".join(out)

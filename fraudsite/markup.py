"""What every rendering feature shares: escaping, page addresses, the page being rendered, and the shape
of a marker kind.

The bottom layer of the renderer: the features (fraudsite.figures, fraudsite.cases, fraudsite.checker,
fraudsite.channels, fraudsite.speech, fraudsite.printables, fraudsite.updates_render, …) each declare
their markers with MarkerKind and render with PageContext; fraudsite.render assembles their markers into
the one table. Every string that comes from data/ is escaped on the way in (``md`` for Markdown, ``attr``
or ``html.escape`` for HTML): data is text, never markup.
"""
from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from collections.abc import Collection
from typing import Callable

from . import i18n
from .i18n import prefix, relative_url
from .labels import LABELS
from .model import Case, Dataset

MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|")  # Python-Markdown's escapable characters; <, > and & are HTML-encoded


@dataclass(frozen=True)
class PageContext:
    """One page being rendered: its source path without language suffix ("cases/x.md")."""
    dataset: Dataset
    lang: str
    page: str
    case: Case | None = None
    contact: str = ""  # the corrections contact (extra.corrections.contact in mkdocs.yml)
    sheets: tuple = ()  # this language's printables.Sheet (leaflet, poster, card), made once per build

    @property
    def words(self) -> dict[str, str]:
        return LABELS[self.lang]

    def link(self, target: str) -> str:
        """A Markdown link target from this page to another source page ("sources.md#x")."""
        return relative(self.page, target)

    @property
    def root(self) -> str:
        """The site root, relative to this page's URL (open data lives there)."""
        return relative_url(prefix(self.lang) + page_url(self.page), "")

    def href(self, target: str) -> str:
        """A finished URL from this page to another source page ("sources.md#x"), for raw HTML, which
        MkDocs does not rewrite. Only pages the build guarantees are used (fraudsite.preflight)."""
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        here = prefix(self.lang) + page_url(self.page)
        return html.escape(relative_url(here, prefix(self.lang) + page_url(target)) + anchor, quote=True)



def md(text: str) -> str:
    """Data text, safe inside Markdown: markup characters escaped, HTML special characters encoded."""
    escaped = "".join("\\" + char if char in MARKDOWN_SPECIAL else char for char in text)
    return html.escape(escaped, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source page to another (both docs-relative)."""
    anchor = ""
    if "#" in to_src:
        to_src, anchor = to_src.split("#", 1)
        anchor = "#" + anchor
    return i18n.relpath(to_src, posixpath.dirname(from_src) or ".") + anchor


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a source page ("cases/index.md" -> "cases/", "tips.md" -> "tips/")."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"



@dataclass(frozen=True)
class MarkerKind:
    """One kind of marker: ``{{ name ARGUMENT }}`` or ``{{ name }}``."""
    name: str
    render: Callable[..., str]                     # (ctx) or (ctx, argument) -> Markdown
    argument: str | None = None                    # what the argument names, e.g. "figure"; None: takes none
    known: Callable[[Dataset], Collection[str]] | None = None  # the names the argument may take
    case_page_only: bool = False
    help: str = ""
    defined_in: str = "data/figures.yml"              # where the argument's names are written
    finished_html: bool = False  # renders finished HTML only (no Markdown, no heading): Markdown may skip it



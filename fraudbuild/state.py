"""What a build knows, and when it learns it: the site's build lifecycle in one place.

A site build (`make site`, fraudbuild.build) runs in three steps:

  1. Preflight, in the parent process (fraudsite.preflight): read and check all
     data and every page. Any problem stops here, before a file is written.
  2. One process per language, at the same time (fraudbuild.worker): each loads
     mkdocs.yml, tells mkdocs-static-i18n and Material's search to build its one
     language (fraudbuild.internals.select_language) and runs MkDocs' build into
     a folder of its own. hooks/site_hook.py adapts the events, in this order:

       on_config         BuildState.begin(): a fresh state for this build, from the
                         Request the worker left here (language, mode, preflight)
       on_files          the generated listing pages and theme scripts are added;
                         the printable sheets and their PDFs are made (fraudsite.printables)
       on_nav            the nav pages are noted; English section names are checked
       on_page_markdown  markers become Markdown (fraudsite.render); finished HTML
                         blocks wait aside as placeholders (fraudsite.deferred)
       on_page_content   the HTML blocks go back in; glossary terms become
                         tooltips (fraudsite.glossary)
       on_page_context   the language switcher points at this page's counterpart;
                         a case page's description is noted for the feed
       on_post_page      English pages read the English search index; the CSP meta
                         goes in; the finished HTML is checked (fraudsite.htmlcheck)
       on_post_build     the search index gets one entry per case and moves to its
                         language's folder; the PDFs go into <language>/leaflet/
                         and this language's Atom feed is written (fraudsite.feeds)

  3. Assembly, in the parent (fraudbuild.assemble): the two folders become one
     site with its sitemap, open data and pre-compressed files, which replaces
     site/ only when everything succeeded.

The preview (`make serve`, fraudbuild.preview) keeps each language's process
after step 2, with its BuildState (files, nav, env), and renders again only the
pages an edit touches; any other change starts a full build, with begin() again.
Nothing else in the project keeps build state.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fraudsite.deferred import Rendered
from fraudsite.glossary import Glossary
from fraudsite.htmlcheck import Checker
from fraudsite.preflight import Preflight


@dataclass
class Request:
    """What the worker asks of this process's build."""
    language: str
    mode: str               # fraudsite.preflight.RELEASE or PREVIEW
    root: Path              # the project folder
    preflight: Preflight    # the checked data and pages
    site_url: str


@dataclass
class BuildState:
    request: Request
    checker: Checker
    glossary: Glossary
    nav_pages: set[str] = field(default_factory=set)     # src URIs of the pages in the nav
    shared_nav: dict[str, str] = field(default_factory=dict)  # rendered navigation HTML by key
    pages: list[str] = field(default_factory=list)       # language-neutral URLs of the pages built
    case_pages: dict[str, str] = field(default_factory=dict)  # URL -> case slug, for search entries
    case_descriptions: dict[str, str] = field(default_factory=dict)  # case slug -> its page's description (feed)
    feed: str = ""          # this language's Atom feed as last written (the preview sends it again when it changes)
    # src URI -> (Markdown in, what it rendered to); the HTML blocks kept aside go back in on_page_content
    markdown: dict[str, tuple[str, Rendered]] = field(default_factory=dict)
    listings: dict[str, Rendered] = field(default_factory=dict)  # src URI -> a generated listing page
    sheets: tuple = ()      # the leaflet, the poster and the card with their PDFs (fraudsite.printables)
    files: object = None    # MkDocs' Files, nav and Jinja env: the preview renders single pages with them
    nav: object = None
    env: object = None

    @property
    def language(self) -> str:
        return self.request.language

    @property
    def dataset(self):
        return self.request.preflight.dataset


_request: Request | None = None
current: BuildState | None = None


def ask(request: Request) -> None:
    """Set by fraudbuild.worker before it calls MkDocs' build."""
    global _request
    _request = request


def begin() -> BuildState:
    """Start a build's state from the worker's request (on_config)."""
    global current
    if _request is None:
        raise LookupError("no build request")
    from . import theme
    from fraudsite.i18n import absolute, site_path
    canonical = absolute(_request.site_url, "")
    current = BuildState(_request, Checker(theme.allowed_scripts(), canonical, site_path(_request.site_url)),
                         Glossary(_request.preflight.dataset.terms, _request.language))
    return current


def shared_nav_cache() -> "SharedNav":
    return SharedNav(current.shared_nav, current.checker)


class SharedNav:
    """Rendered navigation HTML, shared by pages that render it identically (used by overrides/main.html)."""

    def __init__(self, store: dict[str, str], checker: Checker | None = None):
        self._html = store
        self._checker = checker

    def has(self, key: str) -> bool:
        return key in self._html

    def get(self, key: str) -> str:
        return self._html[key]

    def put(self, key: str, html: str) -> str:
        self._html[key] = html
        if self._checker is not None:  # checked once here, then left out of every page's check
            self._checker.check_part(html)
        return html

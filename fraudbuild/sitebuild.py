"""One language's build of the site, from start-up to shutdown: SiteBuild owns its state, and its methods
are the MkDocs events hooks/site_hook.py hands it.

How a build runs (fraudbuild.worker.build_language, the one function that builds a language for
`make site`, `make serve` and `make bench`):

  1. In the language's own process: preflight (fraudsite.preflight) reads and checks
     the data and this process's share of the pages; any problem stops here, before
     MkDocs writes a file.
  2. The worker loads mkdocs.yml (always strict), tells mkdocs-static-i18n and
     Material's search to build this one language (fraudbuild.internals.select_language),
     makes a SiteBuild from a Request (language, mode, project folder, preflight, site
     address) and attaches it to the MkDocs config, which MkDocs hands to every event.
  3. plugins.on_startup, MkDocs' build, plugins.on_shutdown (always, even after an error).
     hooks/site_hook.py passes each event to this object, in this order:

       on_config         the language selector and the mode go into the templates'
                         context
       on_files          the generated listing pages and theme scripts are added;
                         the printable sheets and their PDFs are made (fraudsite.printing)
       on_nav            the nav pages are noted; English section names are checked
       then, for every page, as MkDocs reads and converts it:
       on_page_markdown  markers become Markdown (fraudsite.markers); finished HTML
                         blocks wait aside as placeholders (fraudsite.deferred)
       on_page_content   the HTML blocks go back in; glossary terms become
                         tooltips (fraudsite.glossary)
       on_env            MkDocs' Jinja environment is kept (the preview renders with it)
       on_template_context, on_post_template   the 404 page: its selector and
                         footer, its search base, its CSP and its check
       then, for every page, as MkDocs renders it with the templates:
       on_page_context   the language switcher points at this page's counterpart;
                         a case page's description is noted for the feed
       on_post_page      English pages read the English search index; the CSP meta
                         goes in; the finished HTML is checked (fraudsite.htmlcheck)
       on_post_build     the search index gets one entry per case and moves to its
                         language's folder; the PDFs go into <language>/leaflet/,
                         this language's Atom feed is written (fraudsite.feeds) and,
                         for a release, its files are pre-compressed

  4. build_language returns an Outcome (fraudbuild.outcome): the pages built, the
     timings, the open data, or the message to show. `make site` (fraudbuild.build)
     then assembles the two languages' folders into one site (fraudbuild.assemble),
     which replaces site/ only when both succeeded.

The preview (`make serve`, fraudbuild.session) keeps each language's SiteBuild after a
full build, with MkDocs' files, nav and templates on it, and renders again only the
pages an edit touches; any other change runs build_language again. No module global
holds a request, a build's state or a result: this object does, for one build.
"""
from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from fraudsite import (cases, contact, csp, feeds, htmlcheck, i18n, identity, listings, markers, pages, printing, search,
                       sources)
from fraudsite.deferred import Rendered
from fraudsite.errors import SiteInputError
from fraudsite.glossary import Glossary
from fraudsite.htmlcheck import Checker
from fraudsite.markup import PageContext
from fraudsite.model import Dataset
from fraudsite.preflight import PREVIEW, RELEASE, Preflight

from . import assemble, internals, theme

CONFIG_KEY = "fraudsite_build"  # where the worker attaches the SiteBuild to the MkDocs config
Event = TypeVar("Event", bound=Callable[..., Any])


@dataclass(frozen=True)
class Request:
    """What the worker asks of this process's build."""
    language: str
    mode: str               # fraudsite.preflight.RELEASE or PREVIEW
    root: Path              # the project folder
    preflight: Preflight    # the checked data and pages
    site_url: str


def timed(event: Event) -> Event:
    """Add the event's time to the build's hook_seconds (the benchmark's share of the site's own code)."""
    @functools.wraps(event)
    def wrapper(self: SiteBuild, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return event(self, *args, **kwargs)
        finally:
            self.hook_seconds += time.perf_counter() - start
    return wrapper  # type: ignore[return-value]


def attach(config: MkDocsConfig, site: SiteBuild) -> None:
    """Give ``site`` the events of the build ``config`` runs (hooks/site_hook.py finds it with ``of``)."""
    config[CONFIG_KEY] = site
    site.config = config


def of(config: MkDocsConfig) -> SiteBuild:
    """The SiteBuild attached to ``config``; plain `mkdocs build` has none, and is told what to run instead."""
    site = config.get(CONFIG_KEY)
    if not isinstance(site, SiteBuild):
        raise PluginError("Build this site with `make site` (or `make serve` to preview it): each language is "
                          "built in its own process by fraudbuild, which plain `mkdocs build` / `mkdocs serve` "
                          "do not do.")
    return site


@dataclass
class SiteBuild:
    request: Request
    checker: Checker
    glossary: Glossary
    hook_seconds: float = 0.0  # time spent in the events below
    nav_pages: set[str] = field(default_factory=set)     # src URIs of the pages in the nav
    shared_nav: dict[str, str] = field(default_factory=dict)  # rendered navigation HTML by key
    pages: list[str] = field(default_factory=list)       # language-neutral URLs of the pages built
    case_pages: dict[str, str] = field(default_factory=dict)  # URL -> case slug, for search entries
    case_descriptions: dict[str, str] = field(default_factory=dict)  # case slug -> its page's description (feed)
    feed: str = ""          # this language's Atom feed as last written (the preview sends it again when it changes)
    # src URI -> (Markdown in, what it rendered to); the HTML blocks kept aside go back in on_page_content
    markdown: dict[str, tuple[str, Rendered]] = field(default_factory=dict)
    listings: dict[str, Rendered] = field(default_factory=dict)  # src URI -> a generated listing page
    sheets: tuple[printing.Sheet, ...] = ()  # the leaflet, the poster and the card with their PDFs
    config: MkDocsConfig | None = None  # MkDocs' config, Files, nav and Jinja env: the preview renders single
    files: Files | None = None          # pages with them
    nav: Any = None
    env: Any = None

    @classmethod
    def start(cls, request: Request) -> SiteBuild:
        canonical = i18n.absolute(request.site_url, "")
        return cls(request, Checker(theme.allowed_scripts(), canonical, i18n.site_path(request.site_url)),
                   Glossary(request.preflight.dataset.terms, request.language))

    @property
    def language(self) -> str:
        return self.request.language

    @property
    def dataset(self) -> Dataset:
        return self.request.preflight.dataset

    # ------------------------------------------------------------------ the events, in the order MkDocs runs them

    @timed
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Runs first, before any file is read: the templates' context must know the mode and the selector.
        config.extra["alternate"] = _alternates("", base="")
        config.extra["site_mode"] = self.request.mode
        _apply_identity(config, self.dataset.identity, self.language)
        _add_engine_theme(config)
        # links in page text may lead only to the hosts mkdocs.yml lists (and the corrections contact)
        self.checker.external_hosts = htmlcheck.allowed_hosts(config.extra.get("external_hosts"), _contact(config))
        return config

    @timed
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # After mkdocs-static-i18n has picked this language's files: the generated pages join them here.
        lang, dataset = self.language, self.dataset
        theme.check_assets(config, self.request.root)
        for listing in listings.all_listings(dataset):
            for number in listing.generated_numbers():
                generated = self.listings[listing.uri(number)] = cases.listing_page(dataset, listing, number, lang)
                file = File.generated(config, listing.uri(number), content=generated.markdown)
                if lang != i18n.DEFAULT:
                    file.dest_uri = i18n.prefix(lang) + file.dest_uri
                files.append(file)
        for path, text in theme.generated_files().items():
            files.append(File.generated(config, path, content=text))
        for path, source in theme.engine_assets().items():
            own = files.get_file_from_path(path)
            if own is not None and own.abs_src_path:
                raise SiteInputError(os.path.relpath(own.abs_src_path, self.request.root), None, "file",
                                     f"{path} is the engine's own file and cannot be replaced",
                                     "put your own rules in another file under docs/assets/ and list it under "
                                     "extra_css in mkdocs.yml")
            files.append(File.generated(config, path, abs_src_path=str(source)))
        self.sheets = printing.print_sheets(dataset, lang, config.site_name, self.request.site_url,
                                            cache=self.request.root / printing.CACHE)
        self.files = files
        return files

    @timed
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        # After mkdocs-static-i18n has translated the nav: an untranslated section name is caught here.
        self.nav_pages = {page.file.src_uri for page in nav.pages}
        # a page must be in the nav, or be a case or an update that the site's own lists reach
        pages.check_reached({pages.base_of(file.src_uri): os.path.relpath(file.abs_src_path, self.request.root)
                             for file in files if file.is_documentation_page() and file.abs_src_path},
                            {pages.base_of(uri) for uri in self.nav_pages})
        self.shared_nav.clear()
        self.nav = nav
        if self.language != i18n.DEFAULT:
            self._check_nav_names(nav.items, config)
        return nav

    @timed
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Replace markers; every marker was checked before the build (fraudsite.preflight)."""
        # Before Python-Markdown reads the page: what the markers render must be Markdown by then.
        base = _base(page)
        slug = pages.case_slug_of(base)
        case = self.dataset.case(slug) if slug else None
        if case is not None:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}  # one entry per case instead
        listing = self.listings.get(page.file.src_uri) if not page.file.abs_src_path else None
        if listing is not None:  # MkDocs has taken off its front matter; its placeholders are in ``markdown``
            rendered = Rendered(markdown, listing.blocks)
        else:
            ctx = PageContext(self.dataset, self.language, base + ".md", case, _contact(config), self.sheets)
            rendered = markers.render_deferred(markdown, ctx)
        self.markdown[page.file.src_uri] = (markdown, rendered)  # the preview renders again what changes
        return rendered.markdown

    @timed
    def on_page_content(self, html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Python-Markdown is done with the page: the finished HTML blocks can go back in.
        html_content = self.markdown[page.file.src_uri][1].restore(html_content)
        return self.glossary.mark(html_content)

    @timed
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # The templates are ready: kept so that the preview can render single pages again.
        self.env = env
        return env

    @timed
    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        # MkDocs renders the 404 page before the pages, with a context of its own.
        if template_name == "404.html":  # the selector of a 404 page leads to each language's home page
            config.extra["alternate"] = _alternates("", base="")
            context["corrections_html"] = contact.corrections(_contact(config), self.language)
        return context

    @timed
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        # The 404 page is final here: it gets what on_post_page gives every page, and the same check.
        if template_name != "404.html":
            return output
        if self.language != i18n.DEFAULT:
            output = internals.set_search_base(output, i18n.site_path(config.site_url or "") + i18n.prefix(self.language))
        output = csp.with_meta_policy(output)
        self._check_finished(output, None, f"404 page ({self.language})")
        return output

    @timed
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        # After mkdocs-static-i18n has set its own context: the selector and the footer are ours.
        neutral = i18n.neutral_url(page.url, self.language)
        config.extra["alternate"] = _alternates(neutral, base="")
        in_nav = page.file.src_uri in self.nav_pages
        context["corrections_html"] = contact.corrections(_contact(config), self.language)
        context["shared_nav"] = SharedNav(self.shared_nav, self.checker)
        context["shared_nav_key"] = None if in_nav else f"{self.language}:{page.url.count('/')}"
        base = _base(page)
        if self.request.mode == PREVIEW:
            context["draft_notes"] = self.request.preflight.drafts.get(base, [])
        self.pages.append(neutral)
        slug = pages.case_slug_of(base)
        if slug and self.dataset.case(slug):
            self.case_pages[page.url] = slug
            self.case_descriptions[slug] = str(page.meta.get("description") or "")  # the feed's summary
        return context

    @timed
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # Last of every plugin: the page is final, so this is what readers get, and what is checked.
        lang = self.language
        if lang != i18n.DEFAULT:  # English pages search the English index
            output = internals.set_search_base(output, i18n.relative_url(page.url, i18n.prefix(lang)))
        output = csp.with_meta_policy(output)
        self._check_finished(output, page.file.abs_src_path, self._display_name(page))
        return output

    @timed
    def on_post_build(self, config: MkDocsConfig) -> None:
        # After Material's search and mkdocs-static-i18n have written the index: ours adds to it.
        self.write_search_index(config)
        self.write_feed(config)
        printing.write_pdfs(self.sheets, Path(config.site_dir), self.language)
        if self.request.mode == RELEASE:  # gzip_static copies, made here while the other language still builds
            own = Path(config.site_dir) / i18n.prefix(self.language)
            assemble.precompress(assemble.compressible(own))

    # ------------------------------------------------------------------ what on_post_build writes (the preview too)

    def write_search_index(self, config: MkDocsConfig) -> None:
        """Material's index of this language, plus one entry per case, moved to the language's folder."""
        lang, dataset = self.language, self.dataset
        site = Path(config.site_dir)
        written = site / "search" / "search_index.json"
        entries = []
        for url, slug in self.case_pages.items():
            case = dataset.case(slug)
            assert case is not None  # on_page_context noted only pages whose case exists
            entries.append(search.entry(url, case.title[lang], cases.case_search_text(dataset, case, lang), lang))
        index = search.add_entries(written.read_text(encoding="utf-8"), entries, strip_prefix=i18n.prefix(lang))
        search.check_size(index, lang, lambda location: self._source_of(location, lang))
        target = site / i18n.prefix(lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index, encoding="utf-8")

    def _source_of(self, location: str, lang: str) -> str:
        """The file behind a search entry's location ("cases/x/" -> data/cases/x.yml), for a message."""
        base = location.split("#")[0].strip("/") or "index"
        slug = pages.case_slug_of(base)
        if slug and self.dataset.case(slug):
            return f"data/cases/{slug}.yml"
        return f"docs/{base}.{lang}.md"

    def write_feed(self, config: MkDocsConfig) -> str:
        """This language's Atom feed (fraudsite.feeds), at <language folder>/feed.xml; returns its text."""
        lang, dataset = self.language, self.dataset
        text = feeds.atom(feeds.entries(dataset, lang, self.case_descriptions), lang, self.request.site_url,
                          config.site_name, sources.latest(dataset.sources), author=dataset.identity.publisher(lang))
        target = Path(config.site_dir) / i18n.prefix(lang) / feeds.FEED
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.feed = text
        return text

    # ------------------------------------------------------------------ checks

    def _check_nav_names(self, items: list, config: MkDocsConfig) -> None:
        for item in items:
            title = getattr(item, "title", None) or ""
            if getattr(item, "children", None) is not None and search.HAN.search(title):
                config_file = os.path.relpath(config.config_file_path, self.request.root)
                text = Path(config.config_file_path).read_text(encoding="utf-8")
                line = text[: text.index(title)].count("\n") + 1 if title in text else None
                raise SiteInputError(config_file, line, "nav", f"the section '{title}' has no English name",
                                     f"add '{title}: <English name>' under plugins > i18n > languages > en > "
                                     "nav_translations in mkdocs.yml")
            self._check_nav_names(getattr(item, "children", None) or [], config)

    def _display_name(self, page: Page) -> str:
        if page.file.abs_src_path:
            return os.path.relpath(page.file.abs_src_path, self.request.root)
        return f"{page.file.src_uri} (generated from data/cases/)"

    def _check_finished(self, output: str, source_path: str | None, name: str) -> None:
        problems = self.checker.problems(output)
        if not problems:
            return
        first = problems[0]
        line = None
        if source_path:
            line = htmlcheck.source_line(Path(source_path).read_text(encoding="utf-8"), first.snippet)
        where = "" if first.in_content else " (outside the page text: check the page's title and description)"
        raise SiteInputError(name, line, "finished page", f"{first.what}{where}", first.fix)


def _alternates(neutral: str, base: str) -> list[dict]:
    """The language selector's entries: this page in every language (Material renders them with | url)."""
    return [{"name": i18n.NAMES[lang], "lang": lang, "link": base + i18n.url_in(lang, neutral)}
            for lang in i18n.LANGUAGES]


def _base(page: Page) -> str:
    return pages.base_of(page.file.src_uri)  # mkdocs-static-i18n keeps the language suffix in src_uri


def _add_engine_theme(config: MkDocsConfig) -> None:
    """The engine's templates after the site's own overrides (theme.custom_dir) and before Material's, and its
    styles before the site's own (fraudbuild.theme)."""
    dirs = config.theme.dirs
    engine = str(theme.OVERRIDES)
    if engine not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, engine)
    config.extra_css[:0] = [sheet for sheet in theme.STYLESHEETS if sheet not in config.extra_css]


def _apply_identity(config: MkDocsConfig, site: identity.Identity, lang: str) -> None:
    """The site's name and description, and what every page shows of data/site.yml (hotline bar, publisher,
    filing numbers, the 404 pages' numbers), as escaped HTML for the templates in overrides/."""
    config.site_name = site.title(lang)
    config.site_description = site.description(lang)
    config.extra["identity_html"] = {
        "hotline_bar": identity.hotline_bar(site, lang),
        "urgent": identity.urgent_line(site, lang),
        "publisher": identity.publisher_line(site, lang),
        "filing": identity.filing_line(site),
        "fictional": identity.fictional_banner(site, lang),
        "robots": identity.robots_meta(site),
    }


def _contact(config: MkDocsConfig) -> str:
    corrections = config.extra.get("corrections") or {}
    return str(corrections.get("contact") or "") if isinstance(corrections, dict) else ""


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

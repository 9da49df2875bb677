"""The site's one MkDocs hook: adapts the pure core (fraudsite) to MkDocs events.

Each event does one thing and delegates the work; when each runs, and what it
may rely on, is written down once, in fraudbuild/state.py. This process builds
one language; fraudbuild.worker started it and left a Request in fraudbuild.state.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from fraudbuild import assemble, internals, state, theme
from fraudsite import csp, feeds, htmlcheck, i18n, listings, markers, pages, printables, render, search
from fraudsite.deferred import Rendered
from fraudsite.errors import SiteInputError
from fraudsite.preflight import PREVIEW, RELEASE
from fraudsite.timing import timed


def _build() -> state.BuildState:
    return state.current


@event_priority(100)  # before every plugin: the state must exist when they run
@timed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        current = state.begin()
    except LookupError:
        raise PluginError("Build this site with `make site` (or `make serve` to preview it): each language is "
                          "built in its own process by fraudbuild, which plain `mkdocs build` / `mkdocs serve` "
                          "do not do.") from None
    config.extra["alternate"] = _alternates("", base="")
    config.extra["site_mode"] = current.request.mode
    current.checker.external_hosts = htmlcheck.allowed_hosts(config.extra.get("external_hosts"), _contact(config))
    return config


def _alternates(neutral: str, base: str) -> list[dict]:
    """The language selector's entries: this page in every language (Material renders them with | url)."""
    return [{"name": i18n.NAMES[lang], "lang": lang, "link": base + i18n.url_in(lang, neutral)}
            for lang in i18n.LANGUAGES]


@event_priority(-110)  # after mkdocs-static-i18n has picked this language's files (-100)
@timed
def on_files(files: Files, config: MkDocsConfig) -> Files:
    current = _build()
    theme.check_assets(config, current.request.root)
    lang, dataset = current.language, current.dataset
    for listing in listings.all_listings(dataset):
        for number in listing.generated_numbers():
            generated = current.listings[listing.uri(number)] = render.listing_page(dataset, listing, number, lang)
            file = File.generated(config, listing.uri(number), content=generated.markdown)
            if lang != i18n.DEFAULT:
                file.dest_uri = i18n.prefix(lang) + file.dest_uri
            files.append(file)
    for path, text in theme.generated_files().items():
        files.append(File.generated(config, path, content=text))
    current.sheets = render.print_sheets(dataset, lang, config.site_name, current.request.site_url,
                                         cache=current.request.root / printables.CACHE)
    current.files = files
    return files


@event_priority(-110)  # after mkdocs-static-i18n has translated the nav (-100)
@timed
def on_nav(nav, config: MkDocsConfig, files: Files):
    current = _build()
    current.nav_pages = {page.file.src_uri for page in nav.pages}
    pages.check_reached({pages.base_of(file.src_uri): os.path.relpath(file.abs_src_path, current.request.root)
                         for file in files
                         if file.is_documentation_page() and file.abs_src_path},
                        {pages.base_of(uri) for uri in current.nav_pages})
    current.shared_nav.clear()
    current.nav = nav
    if current.language != i18n.DEFAULT:
        _check_nav_names(nav.items, config)
    return nav


def _check_nav_names(items, config: MkDocsConfig) -> None:
    for item in items:
        title = getattr(item, "title", None) or ""
        if getattr(item, "children", None) is not None and search.HAN.search(title):
            config_file = os.path.relpath(config.config_file_path, _build().request.root)
            text = Path(config.config_file_path).read_text(encoding="utf-8")
            line = text[: text.index(title)].count("\n") + 1 if title in text else None
            raise SiteInputError(config_file, line, "nav", f"the section '{title}' has no English name",
                                 f"add '{title}: <English name>' under plugins > i18n > languages > en > "
                                 "nav_translations in mkdocs.yml")
        _check_nav_names(getattr(item, "children", None) or [], config)


def _base(page: Page) -> str:
    return pages.base_of(page.file.src_uri)  # mkdocs-static-i18n keeps the language suffix in src_uri


def _contact(config: MkDocsConfig) -> str:
    corrections = config.extra.get("corrections") or {}
    return str(corrections.get("contact") or "") if isinstance(corrections, dict) else ""


@timed
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace markers; every marker was checked before the build (fraudsite.preflight)."""
    current = _build()
    base = _base(page)
    slug = pages.case_slug_of(base)
    case = current.dataset.case(slug) if slug else None
    if case is not None:
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}  # one entry per case instead
    listing = current.listings.get(page.file.src_uri) if not page.file.abs_src_path else None
    if listing is not None:  # MkDocs has taken off its front matter; its placeholders are in ``markdown``
        rendered = Rendered(markdown, listing.blocks)
    else:
        ctx = render.PageContext(current.dataset, current.language, base + ".md", case, _contact(config),
                                 current.sheets)
        rendered = markers.render_deferred(markdown, ctx)
    current.markdown[page.file.src_uri] = (markdown, rendered)  # the preview renders again what changes
    return rendered.markdown


@timed
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    current = _build()
    html_content = current.markdown[page.file.src_uri][1].restore(html_content)
    return current.glossary.mark(html_content)


@event_priority(-10)  # after mkdocs-static-i18n has set its own context (50)
@timed
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    current = _build()
    neutral = i18n.neutral_url(page.url, current.language)
    config.extra["alternate"] = _alternates(neutral, base="")
    in_nav = page.file.src_uri in current.nav_pages
    context["corrections_html"] = render.corrections(_contact(config), current.language)
    context["shared_nav"] = state.shared_nav_cache()
    context["shared_nav_key"] = None if in_nav else f"{current.language}:{page.url.count('/')}"
    base = _base(page)
    if current.request.mode == PREVIEW:
        context["draft_notes"] = current.request.preflight.drafts.get(base, [])
    current.pages.append(neutral)
    slug = pages.case_slug_of(base)
    if slug and current.dataset.case(slug):
        current.case_pages[page.url] = slug
        current.case_descriptions[slug] = str(page.meta.get("description") or "")  # the feed's summary
    return context


@event_priority(-100)
@timed
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    current = _build()
    lang = current.language
    if lang != i18n.DEFAULT:  # English pages search the English index
        output = internals.set_search_base(output, i18n.relative_url(page.url, i18n.prefix(lang)))
    output = csp.with_meta_policy(output)
    _check_finished(output, page.file.abs_src_path, _display_name(page, current))
    return output


def _display_name(page: Page, current: state.BuildState) -> str:
    if page.file.abs_src_path:
        return os.path.relpath(page.file.abs_src_path, current.request.root)
    return f"{page.file.src_uri} (generated from data/cases/)"


def _check_finished(output: str, source_path: str | None, name: str) -> None:
    problems = _build().checker.problems(output)
    if not problems:
        return
    first = problems[0]
    line = None
    if source_path:
        line = htmlcheck.source_line(Path(source_path).read_text(encoding="utf-8"), first.snippet)
    where = "" if first.in_content else " (outside the page text: check the page's title and description)"
    raise SiteInputError(name, line, "finished page", f"{first.what}{where}", first.fix)


@timed
def on_template_context(context, template_name: str, config: MkDocsConfig):
    if template_name == "404.html":  # the selector of a 404 page leads to each language's home page
        config.extra["alternate"] = _alternates("", base="")
        context["corrections_html"] = render.corrections(_contact(config), _build().language)
    return context


@timed
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    current = _build()
    if current.language != i18n.DEFAULT:
        output = internals.set_search_base(output, i18n.site_path(config.site_url) + i18n.prefix(current.language))
    output = csp.with_meta_policy(output)
    _check_finished(output, None, f"404 page ({current.language})")
    return output


@timed
def on_env(env, config: MkDocsConfig, files: Files):
    _build().env = env
    return env


@event_priority(-200)  # after Material's search (0) and mkdocs-static-i18n (-100) have written the index
@timed
def on_post_build(config: MkDocsConfig) -> None:
    write_search_index(config)
    write_feed(config)
    current = _build()
    printables.write_pdfs(current.sheets, Path(config.site_dir), current.language)
    if current.request.mode == RELEASE:  # gzip_static copies, made here while the other language still builds
        own = Path(config.site_dir) / i18n.prefix(current.language)
        assemble.precompress(assemble.compressible(own))


def write_search_index(config: MkDocsConfig) -> None:
    """Material's index of this language, plus one entry per case, moved to the language's folder."""
    current = _build()
    lang, dataset = current.language, current.dataset
    site = Path(config.site_dir)
    written = site / "search" / "search_index.json"
    entries = [search.entry(url, dataset.case(slug).title[lang],
                            render.case_search_text(dataset, dataset.case(slug), lang), lang)
               for url, slug in current.case_pages.items()]
    index = search.add_entries(written.read_text(encoding="utf-8"), entries, strip_prefix=i18n.prefix(lang))
    search.check_size(index, lang, lambda location: _source_of(location, lang))
    target = site / i18n.prefix(lang) / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index, encoding="utf-8")


def _source_of(location: str, lang: str) -> str:
    """The file behind a search entry's location ("cases/x/" -> data/cases/x.yml), for a message."""
    base = location.split("#")[0].strip("/") or "index"
    slug = pages.case_slug_of(base)
    if slug and _build().dataset.case(slug):
        return f"data/cases/{slug}.yml"
    return f"docs/{base}.{lang}.md"


def write_feed(config: MkDocsConfig) -> str:
    """This language's Atom feed (fraudsite.feeds), at <language folder>/feed.xml; returns its text."""
    current = _build()
    lang, dataset = current.language, current.dataset
    text = feeds.atom(feeds.entries(dataset, lang, current.case_descriptions), lang, current.request.site_url,
                      config.site_name, dataset.article["published"])
    target = Path(config.site_dir) / i18n.prefix(lang) / feeds.FEED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    current.feed = text
    return text

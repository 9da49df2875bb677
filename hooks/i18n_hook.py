"""MkDocs adapter for the bilingual behaviour mkdocs-static-i18n leaves out.

- the switcher and hreflang links point at the same page in the other
  language, as absolute URLs with an x-default;
- each language gets its own search index (the plugin writes one mixed one);
- each language gets its own 404 page;
- Material's selector finds the sitemap it fetches next to every page.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fraudsite import i18n  # noqa: E402
from fraudsite.timing import timed as _timed  # noqa: E402

NAMES = {"zh": "简体中文", "en": "English"}


class SharedNav:
    """Rendered navigation HTML, shared by pages that render it identically."""

    def __init__(self):
        self._html: dict[str, str] = {}

    def has(self, key: str) -> bool:
        return key in self._html

    def get(self, key: str) -> str:
        return self._html[key]

    def put(self, key: str, html: str) -> str:
        self._html[key] = html
        return html


class _State:
    page_urls: dict[str, list[str]] = {"zh": [], "en": []}
    default_404: bytes | None = None
    shared_nav = SharedNav()
    nav_pages: set[str] = set()


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def _nested(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("i18n")
    return bool(plugin and plugin.building)


@_timed
def on_pre_build(config: MkDocsConfig) -> None:
    if not _nested(config):
        _State.page_urls = {"zh": [], "en": []}
        _State.default_404 = None
    elif _State.default_404 is None and (Path(config.site_dir) / "404.html").exists():
        # the default language is built first; keep its 404 before the next language overwrites it
        _State.default_404 = (Path(config.site_dir) / "404.html").read_bytes()


@event_priority(-110)  # after mkdocs-static-i18n has translated the nav
@_timed
def on_nav(nav, config: MkDocsConfig, files):
    _State.nav_pages = {page.file.src_uri for page in nav.pages}
    _State.shared_nav = SharedNav()  # the nav may differ from the last build (serve) or language
    return nav


@event_priority(-10)  # after mkdocs-static-i18n has set its own links
@_timed
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    lang = _language(config)
    urls = i18n.counterparts(page.url, lang, config.site_url)
    base = i18n.site_path(config.site_url)
    config.extra["alternate"] = [
        {"name": NAMES[other], "lang": other, "link": base + i18n.prefix(other) + i18n.neutral_url(page.url, lang)}
        for other in i18n.LANGUAGES
    ]
    context["hreflang_links"] = list(urls.items()) + [("x-default", urls[i18n.DEFAULT])]
    in_nav = page.file.src_uri in _State.nav_pages
    context["shared_nav"] = _State.shared_nav
    context["shared_nav_key"] = None if in_nav else f"{lang}:{page.url.count('/')}"
    _State.page_urls[lang].append(page.url)
    return context


@event_priority(-200)  # after mkdocs-static-i18n has built every language
@_timed
def on_post_build(config: MkDocsConfig) -> None:
    if not _nested(config):
        _finish(config)


def _finish(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    combined_path = site / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    for lang, index in i18n.split_search_index(combined).items():
        target = site / i18n.prefix(lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(i18n.dump_index(index), encoding="utf-8")
    if _State.default_404 is not None:
        (site / "en").mkdir(exist_ok=True)
        (site / "404.html").replace(site / "en" / "404.html")
        (site / "404.html").write_bytes(_State.default_404)
        _State.default_404 = None
    for lang, urls in _State.page_urls.items():
        for url in urls:
            sitemap = site / url / "sitemap.xml"
            if url == "" and sitemap.exists():
                continue  # the full sitemap at the root stays
            sitemap.parent.mkdir(parents=True, exist_ok=True)
            sitemap.write_text(i18n.page_sitemap(i18n.counterparts(url, lang, config.site_url)), encoding="utf-8")

"""The site keeps its shape as cases pile up: pages stay the same size, listings paginate,
each language's search index holds only that language, and no English page falls back to Chinese.

Structural checks only; the timings are bench/bench.py's business.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build_project, copy_project
from fraudsite import synthetic

pytestmark = pytest.mark.build

SMALL, LARGE = 30, 250
MAX_PAGE_BYTES = 120_000  # any single page; a fixed bound, whatever the number of cases


def _built(tmp_path_factory, count: int) -> Path:
    project = tmp_path_factory.mktemp(f"scale{count}") / "project"
    project.mkdir()
    copy_project(project)
    synthetic.make_cases(project, count)
    return build_project(project)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, SMALL)


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, LARGE)


def _largest(paths) -> int:
    return max(path.stat().st_size for path in paths)


def _case_pages(site: Path, prefix: str = "") -> list[Path]:
    return [p for p in (site / prefix / "cases").glob("*/index.html")
            if not p.parent.name.startswith(("page-", "type-"))]


def _listing_pages(site: Path, prefix: str = "") -> list[Path]:
    cases = site / prefix / "cases"
    return [cases / "index.html", *cases.glob("page-*/index.html"), *cases.glob("type-*/index.html")]


@pytest.mark.parametrize("prefix", ["", "en"])
def test_page_sizes_do_not_grow_with_cases(small, large, prefix):
    for pick in (_case_pages, _listing_pages):
        small_size, large_size = _largest(pick(small, prefix)), _largest(pick(large, prefix))
        assert large_size <= MAX_PAGE_BYTES, pick.__name__
        assert large_size / small_size <= 1.2, (pick.__name__, small_size, large_size)
    everything_small = _largest(small.rglob("*.html"))
    everything_large = _largest(large.rglob("*.html"))
    assert everything_large <= MAX_PAGE_BYTES
    assert everything_large / everything_small <= 1.2


@pytest.mark.parametrize("prefix", ["", "en"])
def test_listings_are_paginated(large, prefix):
    cases = large / prefix / "cases"
    assert (cases / "page-2" / "index.html").is_file()
    assert "page-2/" in (cases / "index.html").read_text(encoding="utf-8")
    assert len(_case_pages(large, prefix)) == LARGE + 2  # the synthetic cases and the two real ones


def _index(site: Path, prefix: str) -> list[dict]:
    return json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _lang_of(site: Path, prefix: str, location: str) -> str | None:
    path = location.split("#", 1)[0]
    page = site / prefix / path / "index.html" if path.endswith("/") or not path else site / prefix / path
    if not page.is_file():
        return None
    head = page.read_text(encoding="utf-8")[:2000]
    return "zh" if '<html lang="zh"' in head else "en" if '<html lang="en"' in head else None


def test_chinese_search_index_is_only_chinese(large):
    docs = _index(large, "")
    assert docs
    assert not [d["location"] for d in docs if d["location"].startswith("en/")]
    assert not [d["location"] for d in docs if _lang_of(large, "", d["location"]) != "zh"]


def test_english_search_index_is_only_english(large):
    docs = _index(large, "en")
    assert docs
    assert not [d["location"] for d in docs if _lang_of(large, "en", d["location"]) != "en"]


def test_no_chinese_fallback_pages_under_en(large):
    fallbacks = [str(p.relative_to(large)) for p in (large / "en").rglob("*.html")
                 if '<html lang="en"' not in p.read_text(encoding="utf-8")[:2000]]
    assert not fallbacks


@pytest.mark.parametrize("prefix, lang", [("", "zh"), ("en", "en")])
def test_generated_listing_pages_are_complete_pages(large, prefix, lang):
    """Paginated listings get what every page gets: its language, a description, its
    translations in the sitemap, and a switcher that leads to the same listing page."""
    from urllib.parse import urljoin

    from bs4 import BeautifulSoup

    sitemap = (large / "sitemap-pages.xml").read_text(encoding="utf-8")
    base = "http://127.0.0.1:8000/"
    other = "en" if lang == "zh" else "zh"
    for page in _listing_pages(large, prefix)[1:]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == lang, page
        assert soup.select_one('meta[name="description"]')["content"].strip(), page
        neutral = page.parent.relative_to(large / prefix).as_posix() + "/"
        here = base + (f"{prefix}/" if prefix else "") + neutral
        assert f'hreflang="zh" href="{base}{neutral}"' in sitemap and f'hreflang="en" href="{base}en/{neutral}"' in sitemap
        switch = soup.select_one(f'a.md-select__link[hreflang="{other}"]')["href"]
        assert urljoin(here, switch) == base + ("en/" if other == "en" else "") + neutral, page


@pytest.mark.parametrize("prefix", ["", "en"])
def test_the_feed_holds_the_newest_entries_only(small, large, prefix):
    """The feed is capped (fraudsite.feeds.LIMIT): with 250 more cases it keeps the newest 50 and hardly grows."""
    import feedparser

    from fraudsite.feeds import LIMIT

    small_feed, large_feed = (site / prefix / "feed.xml" for site in (small, large))
    entries = feedparser.parse(large_feed.read_text(encoding="utf-8")).entries
    small_count = len(feedparser.parse(small_feed.read_text(encoding="utf-8")).entries)
    assert SMALL + 2 < small_count < LIMIT, "every case and update, while there are fewer than the cap"
    assert len(entries) == LIMIT
    days = [entry.published_parsed[:3] for entry in entries]
    assert days == sorted(days, reverse=True)
    assert large_feed.stat().st_size / small_feed.stat().st_size <= LIMIT / small_count * 1.2

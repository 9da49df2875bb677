"""The real build, read as HTML: both languages, page for page, numbers from the data."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fraudsite import formatting as fmt
from fraudsite.pages import inventory

from conftest import url_of

pytestmark = pytest.mark.build
ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def all_pages():
    return [(page.base, page.lang) for page in inventory(ROOT / "docs", ROOT)]


def soup(site, path):
    return BeautifulSoup(site.html(path), "html.parser")


def test_every_page_exists_in_both_languages_with_the_right_lang(built_site):
    for base, lang in all_pages():
        page = soup(built_site, url_of(base, lang))
        assert page.html["lang"] == lang, (base, lang)


def test_english_pages_are_english(built_site):
    """No silent fallback: an English URL never carries the Chinese text."""
    for base, lang in all_pages():
        if lang != "en":
            continue
        page = soup(built_site, url_of(base, "en"))
        heading = page.select_one("article h1").get_text()
        assert not CJK.search(heading), base


def test_the_switcher_leads_to_the_same_page_by_a_relative_link(built_site):
    for base, lang in all_pages():
        path = url_of(base, lang)
        page = soup(built_site, path)
        here = built_site.url + path
        links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert not [href for href in links.values() if href.startswith(("/", "http"))], (path, links)
        switch = {lang: urljoin(here, href) for lang, href in links.items()}
        assert switch == {"zh": built_site.url + url_of(base, "zh"), "en": built_site.url + url_of(base, "en")}, path


def test_hreflang_is_in_the_sitemap_not_in_the_pages(built_site):
    """Material fetches a sitemap for every <link rel=alternate> in a page: pages carry no language alternate, the
    sitemap has them; the one alternate of a page is its language's Atom feed (tests/test_updates.py)."""
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for index in (built_site.root / "sitemap.xml", built_site.root / "en" / "sitemap.xml"):
        # what Material fetches beside the feed on every page view: an index naming the full sitemap, kept small
        assert index.stat().st_size < 300, index
        locs = [loc.text for loc in ET.fromstring(index.read_text(encoding="utf-8")).findall("s:sitemap/s:loc",
                                                                                            namespaces)]
        assert locs == [built_site.url + "sitemap-pages.xml"], locs
    root = ET.fromstring((built_site.root / "sitemap-pages.xml").read_text(encoding="utf-8"))
    entries = {url.find("s:loc", namespaces).text: {link.get("hreflang"): link.get("href")
                                                    for link in url.findall("x:link", namespaces)}
               for url in root.findall("s:url", namespaces)}
    for base, lang in all_pages():
        zh, en = built_site.url + url_of(base, "zh"), built_site.url + url_of(base, "en")
        assert entries[built_site.url + url_of(base, lang)] == {"zh": zh, "en": en, "x-default": zh}, base
        page = soup(built_site, url_of(base, lang))
        assert [link.get("type") for link in page.select('link[rel="alternate"]')] == ["application/atom+xml"], base
        assert page.select_one('link[rel="canonical"]')["href"] == built_site.url + url_of(base, lang)
    assert "Sitemap: " + built_site.url + "sitemap.xml" in (built_site.root / "robots.txt").read_text(encoding="utf-8")


def test_every_page_has_a_description_in_its_language(built_site):
    for base, lang in all_pages():
        meta = soup(built_site, url_of(base, lang)).select_one('meta[name="description"]')
        assert meta and meta["content"].strip(), (base, lang)
        assert bool(CJK.search(meta["content"])) == (lang == "zh"), (base, lang, meta["content"])


def test_hotlines_on_every_page_including_404(built_site):
    paths = [url_of(base, lang) for base, lang in all_pages()]
    for path in paths:
        page = soup(built_site, path)
        assert page.select_one('a[href="tel:110"]') and page.select_one('a[href="tel:96110"]'), path
    for path, lang in (("404.html", "zh"), ("en/404.html", "en")):
        page = BeautifulSoup((built_site.root / path).read_text(encoding="utf-8"), "html.parser")
        assert page.html["lang"] == lang and page.select_one('a[href="tel:110"]')


def test_the_corrections_contact_is_a_working_link_in_every_footer(built_site):
    from conftest import CONTACT
    for path in [url_of(base, lang) for base, lang in all_pages()] + ["404.html", "en/404.html"]:
        page = BeautifulSoup(built_site.html(path), "html.parser")
        link = page.select_one(".site-corrections a")
        assert link is not None and link["href"] == f"mailto:{CONTACT}" and link.get_text() == CONTACT, path


def test_table_numbers_equal_the_data(built_site, dataset):
    for lang in ("zh", "en"):
        page = soup(built_site, url_of("statistics", lang))
        links = {a["href"].split("#")[-1]: a.get_text() for a in page.select(".figures-table a[href*='#fig-']")}
        for group in dataset.groups.values():
            for figure_id in group.figures:
                expected = fmt.with_unit(dataset.figures[figure_id], lang, dataset.catalogue.units)
                assert links[f"fig-{figure_id}"] == expected, (lang, figure_id)


def test_prose_numbers_equal_the_data(built_site, dataset):
    for lang in ("zh", "en"):
        text = soup(built_site, url_of("warning-calls", lang)).get_text()
        for figure_id in ("warning_calls_total", "warning_calls_busiest_day", "warning_calls_quietest_day"):
            assert fmt.value_only(dataset.figures[figure_id], lang) in text, (lang, figure_id)
    assert "CNY 710,000" in soup(built_site, "en/cases/2021-binchuan-218/").get_text()
    assert "71万元" in soup(built_site, "cases/2021-binchuan-218/").get_text()


def test_charts_have_accessible_names_in_both_languages(built_site, dataset):
    for lang in ("zh", "en"):
        page = soup(built_site, url_of("statistics", lang))
        for chart in dataset.charts.values():
            svg = page.select_one(f'svg[aria-labelledby^="chart-{chart.id}-title"]')
            assert svg is not None and svg["role"] == "img", (lang, chart.id)
            assert svg.find("title").get_text() == chart.title[lang]
            assert svg.find("desc").get_text().strip()
            assert svg.find_parent("figure").select("table"), "the same numbers in a table beside it"


def test_every_quoted_figure_is_shown_with_its_sentence(built_site, dataset):
    """The figures of data/figures.yml on /sources/; a case's facts on its own page, under its facts table, where
    the table's values link (so /sources/ does not grow with the cases)."""
    for figure in dataset.figures.values():
        if not figure.source:
            continue
        base = f"cases/{figure.case}" if figure.case else "sources"
        zh, en = soup(built_site, url_of(base, "zh")), soup(built_site, url_of(base, "en"))
        assert figure.source.quote in zh.select_one(f'[id="fig-{figure.id}"]').get_text(), figure.id
        entry = en.select_one(f'[id="fig-{figure.id}"]').get_text()
        assert figure.source.quote in entry and figure.source.quote_en in entry
        if figure.case:
            assert zh.select_one(f'.facts-table a[href="#fig-{figure.id}"]'), figure.id


def test_open_data_matches_the_data(built_site, dataset):
    rows = list(csv.DictReader(io.StringIO((built_site.root / "figures.csv").read_text(encoding="utf-8"))))
    document = json.loads((built_site.root / "figures.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [f["id"] for f in document["figures"]] == list(dataset.figures)
    by_id = {r["id"]: r for r in document["figures"]}
    assert by_id["amount_stopped"]["value"] == 396_000_000
    assert by_id["arrests_2020q1"]["derived"] is True and by_id["arrests_2020q1"]["derived_from"]
    for lang in ("zh", "en"):
        links = [a["href"] for a in soup(built_site, url_of("statistics", lang)).select(".open-data a")]
        assert any(link.endswith("figures.csv") for link in links)
        assert any(link.endswith("figures.json") for link in links)


def test_glossary_terms_get_tooltips(built_site):
    for lang in ("zh", "en"):
        abbrs = soup(built_site, url_of("about", lang)).select("article abbr[title]")
        assert len(abbrs) >= 3, lang


def test_each_language_has_its_own_search_index(built_site):
    zh = json.loads((built_site.root / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site.root / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert zh["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in zh["docs"])
    for entry in en["docs"]:  # every English entry is an English page
        page = entry["location"].split("#")[0]
        assert (built_site.root / "en" / page / "index.html").exists(), entry["location"]
    assert "\\u200b" in zh["config"]["separator"] or "\u200b" in zh["config"]["separator"]


def test_only_the_canonical_link_carries_the_sites_address(built_site):
    """Served from another address (a mirror, a preview), a page must not reach for the configured host."""
    own = built_site.url.rstrip("/")
    for html_file in built_site.root.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        page = BeautifulSoup(text, "html.parser")
        for tag in page.find_all(src=True) + page.find_all(href=True):
            address = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") == ["canonical"]:
                assert address.startswith(own), (html_file, address)
            elif tag.name == "a" and address.startswith(("tel:", "mailto:", "https:")) and own not in address:
                continue  # phone numbers, mail and links to other websites are links, not requests
            else:
                assert not address.startswith(("http:", "https:", "//")), (html_file, address)


def test_chinese_headings_get_readable_anchors(built_site):
    ids = [h["id"] for h in soup(built_site, url_of("scams/fake-refund", "zh")).select("article h2[id]")]
    assert ids and all(CJK.search(i) or re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert not any(re.fullmatch(r"_\d+", i) for i in ids)


def test_every_link_inside_the_site_leads_to_a_page_or_file_that_exists(built_site):
    """Links the build writes as HTML (facts tables, the checker) are not checked by MkDocs: check them all."""
    missing = []
    for html_file in built_site.root.rglob("*.html"):
        if html_file.name == "404.html":
            continue  # its links start from the site's path; test_address follows them
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for a in page.select("a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:", "tel:", "#", "javascript:")):
                continue
            path, _, anchor = href.partition("#")
            target = (html_file.parent / path).resolve() if path else html_file
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                missing.append(f"{html_file.relative_to(built_site.root)}: {href}")
            elif anchor and target.suffix == ".html" and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
                missing.append(f"{html_file.relative_to(built_site.root)}: {href} (no such anchor)")
    assert not missing, "\n".join(sorted(set(missing))[:30])

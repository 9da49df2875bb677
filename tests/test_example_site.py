"""The engine on a site of its own: the fictional example site (examples/county/), built once in release mode and
put through the checks the Dali site passes: valid HTML (vnu), no inline script and no request to another host
(Chromium, with the CSP listener), search in both languages, the print sheets, the feeds, axe; and what only a
fictional site has: the notice on every page, noindex, no Dali word anywhere, no release at a real address.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser

import test_browser
import test_html_valid
import test_search
from conftest import BuiltSite, _QuietHandler
from fraudbuild.build import BuildFailed, build
from fraudsite.identity import FICTIONAL_NOTICE
from fraudsite.project import ROOT, free_port
from test_starter import dali_words_in

EXAMPLE = ROOT / "examples" / "county"
CONTACT = "corrections@qinglan.example"
# the tests build on loopback: FRAUDSITE_LOCAL_RELEASE lets a release use it (fraudsite/settings.py); a fictional
# site is still refused at any other address (fraudsite/identity.py)
LOCAL = {"FRAUDSITE_LOCAL_RELEASE": "1"}


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> BuiltSite:
    """The example site, built once for every check of this module, for a loopback address."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = tmp_path_factory.mktemp("example") / "site"
    build(EXAMPLE / "mkdocs.yml", site, env={"SITE_URL": url, "CORRECTIONS_CONTACT": CONTACT, **LOCAL}, mode="release")
    return BuiltSite(site, url)


@pytest.fixture(scope="module")
def served_example(example_site):
    port = int(example_site.url.rsplit(":", 1)[1].strip("/"))
    handler = functools.partial(_QuietHandler, directory=str(example_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield example_site
    server.shutdown()


def pages(site: BuiltSite) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


# --------------------------------------------------------------------------- what only a fictional site has

@pytest.mark.build
def test_every_page_says_the_site_is_fictional_and_asks_not_to_be_indexed(example_site):
    missing = []
    for path in pages(example_site):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        lang = "en" if path.relative_to(example_site.root).parts[0] == "en" else "zh"
        banner = tree.css_first(".fictional-banner")
        if banner is None or banner.text(strip=True) != FICTIONAL_NOTICE[lang]:
            missing.append(f"{path.relative_to(example_site.root)}: no fictional notice in {lang}")
        if not tree.css('head meta[name="robots"][content="noindex"]'):
            missing.append(f"{path.relative_to(example_site.root)}: no noindex")
    assert len(pages(example_site)) > 40 and not missing, "\n".join(missing)


@pytest.mark.build
def test_a_real_site_has_neither_the_notice_nor_noindex(built_site):
    for path in ("", "en/", "en/statistics/", "404.html"):
        page = built_site.html(path)
        assert "fictional-banner" not in page and 'name="robots"' not in page, path


@pytest.mark.build
def test_no_dali_word_in_the_example_or_its_output(example_site):
    assert not dali_words_in(EXAMPLE)
    assert not dali_words_in(example_site.root)


@pytest.mark.build
@pytest.mark.parametrize("url", ["https://fanzha.qinglan.gov.cn/", "http://192.168.1.10/", "https://qinglan.example.org.cn/"])
def test_a_release_of_a_fictional_site_at_a_real_address_is_refused(tmp_path, url):
    site = tmp_path / "site"
    with pytest.raises(BuildFailed) as failed:
        build(EXAMPLE / "mkdocs.yml", site, env={"SITE_URL": url, "CORRECTIONS_CONTACT": CONTACT, **LOCAL}, mode="release")
    line = (EXAMPLE / "data" / "site.yml").read_text(encoding="utf-8").split("\n").index("fictional: true") + 1
    assert str(failed.value).startswith(f"data/site.yml:{line}: fictional: a fictional site is never published")
    assert not site.exists()


# --------------------------------------------------------------------------- the checks the Dali site passes

@pytest.mark.build
def test_the_example_shows_its_own_identity_sources_series_and_hotlines(example_site):
    home = example_site.html("")
    for number in ("110", "96110", "0000-1234567"):
        assert f'href="tel:{number.replace("-", "")}"' in home, number
    statistics = LexborHTMLParser(example_site.html("en/statistics/"))
    assert statistics.css_first("svg.chart__svg") is not None, "the measure's series chart"
    assert "+225" in statistics.css_first("article").text(), "the change between the two equal quarters"
    sources = LexborHTMLParser(example_site.html("en/sources/")).css_first("article").text()
    assert "Qinglan County Public Security Bureau" in sources and "二季度反诈工作取得新成效" in sources


@pytest.mark.build
def test_no_page_has_an_inline_script(example_site):
    inline = [f"{path.relative_to(example_site.root)}" for path in pages(example_site)
              if any(not script.attributes.get("src") and (script.attributes.get("type") or "") != "application/json"
                     for script in LexborHTMLParser(path.read_text(encoding="utf-8")).css("script"))]
    assert not inline, inline


@pytest.mark.build
def test_the_print_sheets_are_named_with_the_sites_prefix(example_site):
    for lang, folder in (("zh", example_site.root / "leaflet"), ("en", example_site.root / "en" / "leaflet")):
        names = sorted(path.name for path in folder.glob("*.pdf"))
        assert names == [f"qinglan-example-{sheet}-{lang}.pdf" for sheet in ("a4", "card", "poster")], names
        for name in names:
            assert (folder / name).read_bytes().startswith(b"%PDF")


@pytest.mark.build
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_feeds_parse_and_hold_the_updates_and_the_case(example_site, lang):
    prefix = "en/" if lang == "en" else ""
    parsed = feedparser.parse((example_site.root / prefix / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    links = [entry.link for entry in parsed.entries]
    base = example_site.url + prefix
    # newest first: the case happened on 14 February, before the first bulletin reported it
    assert links == [base + "updates/2025-07-15-second-quarter/", base + "updates/2025-04-10-first-quarter/",
                     base + "cases/2025-qingxi-refund/"], links


@pytest.mark.build
def test_every_page_of_the_example_is_valid_html(example_site):
    files = tuple(pages(example_site))
    own, _seen = test_html_valid.sort_out(test_html_valid.vnu(files))
    assert not own, test_html_valid.report(own, example_site.root)


@pytest.mark.browser
def test_the_example_stays_on_its_origin_without_errors_or_csp_violations(browser, served_example):
    test_browser.test_pages_stay_on_the_origin_without_errors(browser, served_example)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_of_the_example_passes_axe(browser, served_example, scheme):
    test_browser.test_every_page_passes_axe(browser, served_example, scheme)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_word_of_every_page_of_the_example_finds_that_page(browser, served_example, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        test_search.test_a_word_of_every_page_finds_that_page(context.new_page(), served_example, lang)
    finally:
        context.close()

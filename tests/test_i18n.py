"""fraudsite.i18n: counterparts, links that work at any address, and the sitemap that carries hreflang."""
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from hypothesis import given, strategies as st

from fraudsite import i18n

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_counterparts_are_absolute_and_keep_a_sub_path():
    assert i18n.counterparts("tips/", "https://site.example/") == {
        "zh": "https://site.example/tips/", "en": "https://site.example/en/tips/"}
    assert i18n.counterparts("", "https://site.example/fanzha") == {
        "zh": "https://site.example/fanzha/", "en": "https://site.example/fanzha/en/"}


segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)
page_url = st.lists(segment, max_size=3).map(lambda parts: "".join(p + "/" for p in parts))


path = st.lists(st.sampled_from(["a", "b", "en", "cases", "x.md", "index.md", "."]), max_size=4).map("/".join)


@given(path, path, st.booleans())
def test_relpath_agrees_with_posixpath(target, start, slash):
    """The string-only relpath (no working-directory lookups) gives what posixpath.relpath gives."""
    import posixpath
    target = (target or ".") + ("/" if slash and target else "")
    assert i18n.relpath(target, start or ".") == posixpath.relpath(target, start or ".")


def test_relpath_hands_paths_it_does_not_handle_to_posixpath():
    assert i18n.relpath("../a", "b") == "../../a"


@given(page_url, page_url, st.sampled_from(["https://h/", "https://h/fanzha/", "http://10.0.0.1:8080/a/b/"]))
def test_relative_links_land_on_the_target_wherever_the_site_is_served(source, target, base):
    """A link written once works at any address: resolved from the page, it reaches the target."""
    link = i18n.relative_url(source, target)
    assert not link.startswith(("/", "http")), link
    assert urljoin(base + source, link) == base + target


def test_the_sitemap_names_every_page_in_both_languages_with_an_x_default():
    xml = i18n.sitemap(["", "tips/"], "https://s.example/fanzha/")
    root = ET.fromstring(xml)
    locations = [url.find("s:loc", NS).text for url in root.findall("s:url", NS)]
    assert locations == ["https://s.example/fanzha/", "https://s.example/fanzha/en/",
                         "https://s.example/fanzha/tips/", "https://s.example/fanzha/en/tips/"]
    for url in root.findall("s:url", NS):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert set(links) == {"zh", "en", "x-default"}
        assert links["x-default"] == links["zh"]
        assert url.find("s:loc", NS).text in (links["zh"], links["en"])


def test_the_sitemap_index_names_the_sitemap_at_the_sites_address():
    root = ET.fromstring(i18n.sitemap_index("https://s.example/fanzha/", ["sitemap-pages.xml"]))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert [loc.text for loc in root.findall("s:sitemap/s:loc", NS)] == ["https://s.example/fanzha/sitemap-pages.xml"]
    assert root.findall("s:url", NS) == []  # Material's script, which reads <url> entries, finds none to parse


@pytest.mark.parametrize("url, lang, neutral", [("en/tips/", "en", "tips/"), ("tips/", "zh", "tips/"),
                                                ("en/", "en", ""), ("", "zh", "")])
def test_neutral_urls(url, lang, neutral):
    assert i18n.neutral_url(url, lang) == neutral
    assert i18n.url_in(lang, neutral) == url


def test_robots_names_the_sitemap():
    assert "Sitemap: https://s/fanzha/sitemap.xml" in i18n.robots_txt("https://s/fanzha/")

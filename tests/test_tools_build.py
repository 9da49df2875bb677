"""The real build, read as HTML: the checker, the channels, the guides, the text-size control and the home page's
first screen, in both languages."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from fraudsite.pages import inventory

from conftest import url_of

pytestmark = pytest.mark.build
ROOT = Path(__file__).resolve().parent.parent
NEW_PAGES = ["checker", "channels", "guides/index", "guides/older", "guides/students", "guides/families"]
TITLES = {"checker": ("这是诈骗吗？", "Is this a scam?"), "channels": ("认准官方渠道", "Know the real channels"),
          "guides/index": ("分人群防骗指南", "Guides by reader"), "guides/older": ("写给老年朋友", "For older people"),
          "guides/students": ("写给学生和年轻人", "For students and young people"),
          "guides/families": ("帮家人防骗", "Helping your family"),
          "scammed": ("被骗了？立即行动", "Scammed? Act now")}


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(path), "html.parser")


def target_page(site, page_path: str, href: str) -> Path:
    """The built file a relative link on ``page_path`` leads to."""
    url = urljoin(site.url + page_path, href)
    path = urlsplit(url).path.lstrip("/")
    return site.root / path / "index.html" if path.endswith("/") or not path else site.root / path


def h1(page: BeautifulSoup) -> str:
    return page.select_one("article h1").get_text().replace("¶", "").strip()


@pytest.mark.parametrize("base", NEW_PAGES)
def test_new_pages_exist_in_both_languages_and_in_the_nav(built_site, base):
    for lang, title in zip(("zh", "en"), TITLES[base]):
        page = soup(built_site, url_of(base, lang))
        assert page.html["lang"] == lang
        assert h1(page) == title
        assert page.select_one('meta[name="description"]')["content"].strip()
        active = page.select("nav.md-nav--primary .md-nav__link--active")  # in the nav, and marked as here
        assert active and title in {a.get_text(strip=True) for a in active}, (lang, base)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_question_is_on_the_page_with_its_advice_and_a_working_scam_link(built_site, dataset, lang):
    data = dataset.extras["checker.yml"]
    path = url_of("checker", lang)
    page = soup(built_site, path)
    items = page.select("article .checker .checker__item")
    assert [item["id"] for item in items] == [f"q-{q.id}" for q in data.questions]
    for question, item in zip(data.questions, items):
        text = item.get_text()
        for part in (question.question, question.means, question.do):
            assert part[lang] in text, (question.id, part[lang])
        links = item.select(".checker__more a[data-scam-type]")
        assert [a["data-scam-type"] for a in links] == list(question.types)
        for link in links:
            target = target_page(built_site, path, link["href"])
            assert target.exists(), (question.id, link["href"])
            title = h1(BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser"))
            assert urlsplit(urljoin(built_site.url + path, link["href"])).path.endswith(
                f"scams/{link['data-scam-type']}/"), title
    calls = [a["href"] for a in page.select("article .checker .checker__call a")]
    assert calls == ["tel:110", "tel:96110"]
    root = page.select_one("article .checker")
    for name, value in data.labels.items():  # the words the script shows come from the page, in its language
        if name not in ("means", "do", "read_more"):
            assert root[f"data-{name.replace('_', '-')}"] == value[lang], name
    assert not page.select("article button"), "no button without JavaScript"


@pytest.mark.parametrize("base, groups", [
    ("channels", ("hotlines", "app", "police-never", "check", "three-and-one")),
    ("scammed", ("after-report", "bank", "recovery")),
])
def test_channel_facts_show_their_attribution(built_site, dataset, base, groups):
    data = dataset.extras["channels.yml"]
    for lang in ("zh", "en"):
        page = soup(built_site, url_of(base, lang))
        shown = page.select("article .channel-fact")
        expected = [fact_id for group in groups for fact_id in data.groups[group]]
        assert [li["data-fact"] for li in shown] == expected, lang
        for li in shown:
            fact = data.facts[li["data-fact"]]
            assert li.select_one(".channel-fact__text").get_text() == fact.text[lang]
            source = li.select_one(".channel-fact__source").get_text()
            assert source.startswith("一般提示" if lang == "zh" else "General advice"), source
            assert fact.body[lang] in source, (fact.id, source)


def test_the_channels_page_says_once_that_it_is_general_advice_and_looks_nothing_up(built_site):
    zh = soup(built_site, "channels/").select_one("article .admonition").get_text()
    en = soup(built_site, "en/channels/").select_one("article .admonition").get_text()
    assert "一般性提示" in zh and "不提供电话号码或链接的查询" in zh
    assert "general advice" in en and "does not look up phone numbers or links" in en


def test_the_hotline_bar_of_every_page_leads_to_the_checker_and_holds_a_hidden_text_size_control(built_site):
    for page_file in inventory(ROOT / "docs", ROOT):
        path = url_of(page_file.base, page_file.lang)
        page = soup(built_site, path)
        link = page.select_one(".md-banner .site-bar__check a")
        assert link is not None, path
        target = urlsplit(urljoin(built_site.url + path, link["href"])).path
        assert target == "/" + url_of("checker", page_file.lang), (path, target)
        control = page.select_one(".md-banner [data-text-size-control]")
        assert control is not None and control.has_attr("hidden"), path
        assert [b["data-size"] for b in control.select("button[type=button]")] == ["0", "1", "2"]
        head_scripts = [s["src"] for s in page.head.select("script[src]")]
        assert any(src.endswith("assets/textsize.js") for src in head_scripts), path
        assert page.body.select("script[src]")[-1]["src"].endswith("assets/site.js"), path
    for script in ("site.js", "textsize.js"):
        assert (built_site.root / "assets" / script).exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_pages_first_part_has_both_hotlines_and_both_actions_and_no_slogan(built_site, lang):
    page = soup(built_site, url_of("index", lang))
    article = page.select_one("article")
    first = []
    for node in article.select_one("h1").find_all_next():
        if node.name == "h2":
            break
        first.append(node)
    links = [a.get("href", "") for node in first if node.name == "a" for a in [node]]
    assert "tel:110" in links and "tel:96110" in links
    buttons = {a.get_text(strip=True): a["href"] for node in first if node.name == "a"
               and "md-button" in (node.get("class") or []) for a in [node]}
    scammed, checker = TITLES["scammed"][lang == "en"], TITLES["checker"][lang == "en"]
    assert buttons == {scammed: "scammed/", checker: "checker/"}, buttons
    text = " ".join(node.get_text() for node in first)
    assert "一停" not in text and "三不转" not in text and "Never transfer" not in text


def test_guides_link_to_scam_types_and_cases_rather_than_copying_them(built_site):
    expected = {
        "guides/older": ["scams/impersonation/", "scams/fake-refund/", "scams/dating-investment/",
                         "cases/2021-binchuan-218/", "scammed/", "checker/"],
        "guides/students": ["scams/two-cards/", "scams/order-brushing/", "cases/2021-binchuan-218/", "glossary/"],
        "guides/families": ["checker/", "scammed/", "channels/", "guides/older/"],
        "guides/index": ["guides/older/", "guides/students/", "guides/families/"],
    }
    for base, targets in expected.items():
        for lang in ("zh", "en"):
            path = url_of(base, lang)
            page = soup(built_site, path)
            reached = {urlsplit(urljoin(built_site.url + path, a["href"])).path
                       for a in page.select("article a[href]") if not a["href"].startswith(("tel:", "#"))}
            for target in targets:
                assert "/" + ("en/" if lang == "en" else "") + target in reached, (path, target)
    older = soup(built_site, "guides/older/").select_one("article .large-print")
    assert older is not None and older.select("h2") and older.select_one(".hotlines")


def test_links_to_the_new_pages_use_their_titles(built_site):
    """One name per page: a link to the checker, the channels page or Scammed? Act now says the page's title."""
    names = {url_of(base, lang): TITLES[base][lang == "en"] for base in ("checker", "channels", "scammed")
             for lang in ("zh", "en")}
    for base in NEW_PAGES + ["scammed"]:  # the home page below its first heading has another editor
        for lang in ("zh", "en"):
            path = url_of(base, lang)
            for a in soup(built_site, path).select("article a[href]"):
                target = urlsplit(urljoin(built_site.url + path, a["href"])).path.lstrip("/")
                if target in names and not a.get("href", "").startswith("#") and not a.find_parent(class_="hotlines"):
                    assert a.get_text(strip=True) == names[target], (path, a.get_text(strip=True))

"""The updates section and the Atom feeds: dates read once and checked (file:line), newest first,
`make new-update` stubs that invent nothing, and, on the real build, both feeds parsed with feedparser,
every entry followed to its page, the home pages' latest three, and the feed link on every page."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from fraudsite import feeds, newupdate, pages, preflight, updates
from fraudsite.errors import SiteInputError
from fraudsite.model import Case, Dataset

TODAY = dt.date(2026, 5, 10)
ZH = """---
description: 一句话概括。
{front}---
# {title}

{{{{ update-date }}}}

正文。
"""
EN = """---
description: One sentence.
{front}---
# {title}

{{{{ update-date }}}}

Text.
"""


def write(root: Path, slug: str, zh_front: str = "date: 2026-05-01\n", en_front: str = "",
          zh_title: str = "标题", en_title: str = "Title") -> None:
    folder = root / "docs" / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.zh.md").write_text(ZH.format(front=zh_front, title=zh_title), encoding="utf-8")
    (folder / f"{slug}.en.md").write_text(EN.format(front=en_front, title=en_title), encoding="utf-8")


def collect(root: Path) -> list[updates.Update]:
    return updates.collect(updates.scan(root / "docs", root), TODAY)


def refused(root: Path) -> SiteInputError:
    with pytest.raises(SiteInputError) as failure:
        collect(root)
    error = failure.value
    assert error.fix and "How to fix" in str(error)
    return error


# --------------------------------------------------------------------------- reading and ordering

def test_updates_are_read_once_from_the_chinese_page_and_listed_newest_first(tmp_path):
    write(tmp_path, "2026-03-02-b", "date: 2026-03-02\n", zh_title="乙", en_title="B")
    write(tmp_path, "2026-05-01-c", "date: 2026-05-01\n", zh_title="丙", en_title="C")
    write(tmp_path, "2025-a", "date: 2025-12-31\n", zh_title="甲 {#a}", en_title="A")
    found = collect(tmp_path)
    assert [u.slug for u in found] == ["2026-05-01-c", "2026-03-02-b", "2025-a"]
    assert [u.date for u in found] == [dt.date(2026, 5, 1), dt.date(2026, 3, 2), dt.date(2025, 12, 31)]
    assert found[2].title == {"zh": "甲", "en": "A"}  # the heading, without its attribute list
    assert found[0].description == {"zh": "一句话概括。", "en": "One sentence."}
    assert found[0].file == "docs/updates/2026-05-01-c.zh.md" and found[0].line == 3
    assert not any(u.is_draft for u in found)


def test_an_empty_date_is_a_draft_listed_first(tmp_path):
    write(tmp_path, "2026-05-01-c")
    write(tmp_path, "2026-stub", "date:\n")
    found = collect(tmp_path)
    assert [u.slug for u in found] == ["2026-stub", "2026-05-01-c"]
    stub = found[0]
    assert stub.date is None and stub.is_draft
    assert stub.date_note == "docs/updates/2026-stub.zh.md:3: date is empty"
    with pytest.raises(SiteInputError) as failure:
        updates.refuse_unfinished(found)
    assert str(failure.value).startswith("docs/updates/2026-stub.zh.md:3: unfinished")


def test_the_english_page_may_repeat_the_date_only_if_it_agrees(tmp_path):
    write(tmp_path, "2026-05-01-c", "date: 2026-05-01\n", en_front="date: 2026-05-01\n")
    assert collect(tmp_path)[0].date == dt.date(2026, 5, 1)
    write(tmp_path, "2026-05-01-c", "date: 2026-05-01\n", en_front="date: 2026-05-02\n")
    error = refused(tmp_path)
    assert (error.file, error.line) == ("docs/updates/2026-05-01-c.en.md", 3)
    assert "disagrees" in error.problem and "docs/updates/2026-05-01-c.zh.md:3 says 2026-05-01" in error.problem


@pytest.mark.parametrize("front,line,words", [
    ("", 2, "has no date"),
    ("date: 2026/05/01\n", 3, "not a date written YYYY-MM-DD"),
    ("date: '2026-05-01'\n", 3, "not a date written YYYY-MM-DD"),
    ("date: 2026-05-01 10:00:00\n", 3, "not a date written YYYY-MM-DD"),
    ("date: 2027-01-01\n", 3, "in the future"),
    ("date: 1999-12-31\n", 3, "before 2000"),
    ("date: 2026-05-02\n", 3, "the file name says 2026-05-01"),
])
def test_a_wrong_date_is_refused_with_file_and_line(tmp_path, front, line, words):
    write(tmp_path, "2026-05-01-c", front)
    error = refused(tmp_path)
    assert error.file == "docs/updates/2026-05-01-c.zh.md"
    assert error.line == line, str(error)
    assert words in error.problem, str(error)


def test_an_impossible_date_is_refused_where_it_is_written(tmp_path):
    write(tmp_path, "2026-x", "date: 2026-02-30\n")
    error = refused(tmp_path)
    assert (error.file, error.line) == ("docs/updates/2026-x.zh.md", 3) and "not a real date" in error.problem


def test_a_date_in_another_year_than_the_file_name_is_refused(tmp_path):
    write(tmp_path, "2025-x", "date: 2026-01-02\n")
    error = refused(tmp_path)
    assert error.line == 3 and "starts with 2025" in error.problem


@pytest.mark.parametrize("slug", ["example", "2026_x", "2026-X", "2026-13-01-x"])
def test_a_name_that_does_not_start_with_the_year_is_refused(tmp_path, slug):
    write(tmp_path, slug)
    assert refused(tmp_path).file == f"docs/updates/{slug}.zh.md"


def test_an_update_without_a_title_is_refused(tmp_path):
    write(tmp_path, "2026-05-01-c")
    page = tmp_path / "docs/updates/2026-05-01-c.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Title\n", "Title\n"), encoding="utf-8")
    error = refused(tmp_path)
    assert error.file.endswith(".en.md") and "no title" in error.problem


def test_only_update_pages_carry_a_date_or_show_one(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "tips.zh.md"
    page.write_text("---\ndescription: 说明。\ndate: 2026-05-01\n---\n# 提示\n", encoding="utf-8")
    text = pages.read(pages.PageFile(page, "docs/tips.zh.md", "tips", "zh"))
    with pytest.raises(SiteInputError) as failure:
        updates.check_page(text)
    assert (failure.value.file, failure.value.line) == ("docs/tips.zh.md", 3)
    page.write_text("---\ndescription: 说明。\n---\n# 提示\n\n{{ update-date }}\n", encoding="utf-8")
    text = pages.read(pages.PageFile(page, "docs/tips.zh.md", "tips", "zh"))
    with pytest.raises(SiteInputError) as failure:
        updates.check_page(text)
    assert failure.value.line == 6 and "only for update pages" in failure.value.problem


def test_the_projects_first_update_is_the_reports_publication_day(dataset):
    found = updates.collect(updates.scan(ROOT / "docs", ROOT))
    first = found[-1]
    assert first.date == dataset.sources["article"].published == dt.date(2021, 4, 22)
    assert not first.is_draft
    for lang in ("zh", "en"):
        body = (ROOT / "docs" / "updates" / f"{first.slug}.{lang}.md").read_text(encoding="utf-8")
        for target in ("../statistics.md", "../cases/2021-binchuan-218.md", "../cases/2021-nanjian-den.md"):
            assert f"]({target})" in body, (lang, target)
        assert not re.search(r"2021-04-22|4月22日|22 April", pages.split_front_matter(body)[1]), \
            "the date is written once, in the front matter"


# --------------------------------------------------------------------------- make new-update

def test_new_update_writes_a_stub_that_invents_nothing(tmp_path):
    paths = newupdate.create_update(tmp_path, "2026-05-01-example", today=TODAY)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "docs/updates/2026-05-01-example.zh.md", "docs/updates/2026-05-01-example.en.md"]
    zh, en = (p.read_text(encoding="utf-8") for p in paths)
    assert re.search(r"^date: 2026-05-01$", zh, re.M), "the day the slug names, and no other"
    assert "date:" not in pages.split_front_matter(en)[0], "the date is written once, in the Chinese page"
    for text in (zh, en):
        body = pages.split_front_matter(text)[1]
        assert "{{ update-date }}" in body and ("待填写" in body or "TODO" in body)
        assert not re.search(r"\d", body), "no number in the text: a typed number could equal a figure"
    update = collect(tmp_path)[0]
    assert update.is_draft and update.date == dt.date(2026, 5, 1)


def test_new_update_without_a_day_in_its_name_leaves_the_date_empty(tmp_path):
    newupdate.create_update(tmp_path, "2026-example", today=TODAY)
    update = collect(tmp_path)[0]
    assert update.date is None and update.date_note.endswith(": date is empty")


@pytest.mark.parametrize("slug", ["", "example", "2026_x", "2026-Example", "1999-x", "2027-01-01-x", "2026-02-30-x",
                                  "2026-06-01-future", "../2026-x"])
def test_new_update_refuses_bad_names(tmp_path, slug):
    with pytest.raises(newupdate.NewCaseError):
        newupdate.create_update(tmp_path, slug, today=TODAY)


def test_new_update_never_overwrites(tmp_path):
    paths = newupdate.create_update(tmp_path, "2026-05-01-example", today=TODAY)
    paths[1].write_text("my work", encoding="utf-8")
    with pytest.raises(newupdate.NewCaseError, match="already exists"):
        newupdate.create_update(tmp_path, "2026-05-01-example", today=TODAY)
    assert paths[1].read_text(encoding="utf-8") == "my work"


def test_a_stub_is_previewed_as_a_draft_and_refused_for_release(project_copy):
    newupdate.create_update(project_copy, "2026-example")
    checked = preflight.run(project_copy, preflight.PREVIEW)
    notes = checked.drafts["updates/2026-example"]
    assert notes[0] == "docs/updates/2026-example.zh.md:4: date is empty", notes
    assert any("待填写" in note for note in notes) and checked.dataset.updates[0].is_draft
    with pytest.raises(SiteInputError) as failure:
        preflight.run(project_copy, preflight.RELEASE)
    assert failure.value.file.startswith("docs/updates/2026-example.") and failure.value.what == "unfinished"


# --------------------------------------------------------------------------- the feed, in memory

def _case(slug: str, day: dt.date, draft: bool = False) -> Case:
    from fraudsite.model import Draft
    return Case(slug=slug, title={"zh": slug, "en": slug}, date=day, reported=None, county="dali", types=(),
                status="detained", summary={"zh": "", "en": ""}, source="article", facts={}, file="x",
                drafts=(Draft("x", 1, "TODO"),) if draft else ())


def test_feed_entries_are_newest_first_capped_and_leave_drafts_out(tmp_path):
    write(tmp_path, "2026-05-01-c")
    write(tmp_path, "2026-stub", "date:\n")
    dataset = Dataset(sources={}, catalogue=None, identity=None)
    dataset.updates = collect(tmp_path)
    dataset.cases = [_case(f"2026-case-{n:03}", dt.date(2026, 1, 1) + dt.timedelta(days=n)) for n in range(80)]
    dataset.cases.append(_case("2026-draft", dt.date(2026, 5, 9), draft=True))
    dataset.cases.sort(key=lambda case: case.sort_day, reverse=True)
    descriptions = {case.slug: f"about {case.slug}" for case in dataset.cases}
    entries = feeds.entries(dataset, "en", descriptions)
    assert len(entries) == feeds.LIMIT == 50
    assert entries[0].url == "en/updates/2026-05-01-c/" and entries[0].kind == "update"
    assert entries[1].url == "en/cases/2026-case-079/" and entries[1].summary == "about 2026-case-079"
    assert [e.day for e in entries] == sorted((e.day for e in entries), reverse=True)
    assert not any("draft" in e.url or "stub" in e.url for e in entries)
    text = feeds.atom(entries, "en", "https://fanzha.dali.example/sub/", "Dali Anti-Fraud", dt.date(2021, 4, 22))
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Dali Anti-Fraud · updates and cases"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": "https://fanzha.dali.example/sub/en/feed.xml", "alternate": "https://fanzha.dali.example/sub/en/updates/"}
    assert parsed.entries[0].link == "https://fanzha.dali.example/sub/en/updates/2026-05-01-c/"
    assert re.findall(r"<published>([^<]+)</published>", text)[0] == "2026-05-01T00:00:00+08:00"
    assert re.search(r"<updated>2026-05-01T00:00:00\+08:00</updated>\s*<author>", text), "the feed: its newest entry"
    assert feeds.atom(entries, "en", "https://x.example/", "x", TODAY) == \
        feeds.atom(entries, "en", "https://x.example/", "x", TODAY), "same content, same bytes"


def test_a_case_is_in_the_feed_on_the_day_it_was_reported_not_the_day_its_fraud_began(dataset):
    binchuan = next(case for case in dataset.cases if case.slug == "2021-binchuan-218")
    assert binchuan.date == dt.date(2021, 2, 18)
    descriptions = {case.slug: case.slug for case in dataset.cases}
    days = {entry.url: entry.day for entry in feeds.entries(dataset, "zh", descriptions)}
    assert days["cases/2021-binchuan-218/"] == dataset.sources["article"].published == dt.date(2021, 4, 22)
    assert days["cases/2021-nanjian-den/"] == dt.date(2021, 4, 22)


def test_a_day_is_midnight_in_shanghai():
    assert feeds.at_midnight(dt.date(2021, 4, 22)).isoformat() == "2021-04-22T00:00:00+08:00"


# --------------------------------------------------------------------------- the real build

def _feed(built_site, lang: str):
    path = built_site.root / ("en/" if lang == "en" else "") / "feed.xml"
    text = path.read_text(encoding="utf-8")
    parsed = feedparser.parse(text)
    assert not parsed.bozo, (lang, parsed.get("bozo_exception"))
    return text, parsed


@pytest.mark.build
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_feed_parses_and_every_entry_leads_to_a_built_page_of_its_language(built_site, lang):
    text, parsed = _feed(built_site, lang)
    lead = built_site.url + ("en/" if lang == "en" else "")
    assert parsed.feed.language == lang if "language" in parsed.feed else f'xml:lang="{lang}"' in text
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": lead + "feed.xml", "alternate": lead + "updates/"}
    assert 3 <= len(parsed.entries) <= feeds.LIMIT
    kinds = {entry.tags[0].term for entry in parsed.entries}
    assert kinds == {"update", "case"}, "the updates and the cases"
    days = [entry.published_parsed[:3] for entry in parsed.entries]
    assert days == sorted(days, reverse=True), "newest first"
    times = re.findall(r"<(published|updated)>([^<]+)</", text)
    assert times and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00\+08:00", value) for _, value in times), times
    for entry in parsed.entries:
        assert entry.id == entry.link and entry.link.startswith(lead), entry.link
        if lang == "zh":
            assert not entry.link.startswith(built_site.url + "en/"), entry.link
        page = built_site.root / entry.link[len(built_site.url):] / "index.html"
        assert page.is_file(), entry.link
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert html.html["lang"] == lang, entry.link
        assert html.select_one("article h1").get_text(strip=True).rstrip("¶") == entry.title, entry.link
        assert html.select_one('meta[name="description"]')["content"] == entry.summary, entry.link


@pytest.mark.build
def test_the_first_entry_of_the_feed_is_the_22_april_2021_report(built_site):
    for lang in ("zh", "en"):
        _text, parsed = _feed(built_site, lang)
        report = [e for e in parsed.entries if "/updates/2021-04-22-" in e.link]
        assert len(report) == 1 and report[0].published == "2021-04-22T00:00:00+08:00", lang


def _updates_list(built_site, path: str) -> list[tuple[str, str]]:
    page = BeautifulSoup(built_site.html(path), "html.parser")
    here = built_site.url + path
    return [(urljoin(here, item.select_one("a")["href"]), item.select_one("time")["datetime"])
            for item in page.select("ul.update-list > li")]


@pytest.mark.build
def test_home_pages_show_the_latest_three_updates_and_the_section_all_of_them(built_site):
    found = updates.published(updates.collect(updates.scan(ROOT / "docs", ROOT)))
    for lang, lead in (("zh", ""), ("en", "en/")):
        every = [(f"{built_site.url}{lead}updates/{u.slug}/", u.date.isoformat()) for u in found]
        assert _updates_list(built_site, lead + "updates/") == every, lang
        assert _updates_list(built_site, lead) == every[:3], lang
        days = [day for _url, day in every]
        assert days == sorted(days, reverse=True)
        entry = BeautifulSoup(built_site.html(f"{lead}updates/{found[-1].slug}/"), "html.parser")
        assert entry.select_one(".update-date time")["datetime"] == found[-1].date.isoformat()


@pytest.mark.build
def test_every_page_names_its_languages_feed_by_a_relative_link(built_site):
    pages_seen = 0
    for html_file in sorted(built_site.root.rglob("*.html")):
        relative = html_file.relative_to(built_site.root).as_posix()
        lang = "en" if relative.startswith("en/") else "zh"
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        links = page.select('link[rel="alternate"][type="application/atom+xml"]')
        assert len(links) == 1 and links[0].get("title"), relative
        href = links[0]["href"]
        assert not href.startswith(("http:", "https:", "//")), (relative, href)
        if html_file.name == "404.html":  # served at any missing URL: its links start from the site's path
            assert href == urlsplit(built_site.url).path + ("en/" if lang == "en" else "") + "feed.xml"
        else:
            here = built_site.url + relative[: -len("index.html")]
            assert urljoin(here, href) == built_site.url + ("en/" if lang == "en" else "") + "feed.xml", relative
        pages_seen += 1
    assert pages_seen > 40


@pytest.mark.build
def test_updates_are_searchable_in_their_language_only(built_site):
    import json
    zh = json.loads((built_site.root / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site.root / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("updates/2021-04-22-") for doc in zh["docs"])
    assert any(doc["location"].startswith("updates/2021-04-22-") for doc in en["docs"])  # relative to /en/
    report = next(doc for doc in en["docs"] if doc["location"] == "updates/2021-04-22-dali-report/")
    assert "News report" in report["title"]


# --------------------------------------------------------------------------- in Chromium

@pytest.mark.browser
def test_the_feed_link_makes_a_page_ask_for_nothing_but_the_sites_own_files(browser, served_site):
    """Material fetches a sitemap for every <link rel=alternate> (assets/javascripts/bundle: setupAlternate):
    for the feed's, the sitemap.xml beside the feed, a file of the site. Nothing else is asked for, nothing fails."""
    origin = urlsplit(served_site.url).netloc
    context = browser.new_context(service_workers="block")
    requested: list[str] = []
    problems: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.on("requestfailed", lambda request: problems.append(f"failed: {request.url} ({request.failure})"))
    context.on("response", lambda response: response.status >= 400 and problems.append(
        f"HTTP {response.status}: {response.url}"))
    page = context.new_page()
    try:
        for path in ("", "updates/", "updates/2021-04-22-dali-report/", "en/", "en/updates/",
                     "en/cases/2021-nanjian-den/"):
            page.goto(served_site.url + path, wait_until="networkidle")
            feed = page.evaluate("document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]').href")
            assert feed == served_site.url + ("en/" if path.startswith("en/") else "") + "feed.xml", (path, feed)
    finally:
        context.close()
    assert not problems, problems
    for url in requested:
        parts = urlsplit(url)
        assert parts.netloc == origin, url
        target = served_site.root / parts.path.lstrip("/")
        assert target.is_file() or (target / "index.html").is_file(), url
    sitemaps = {urlsplit(url).path for url in requested if url.endswith("sitemap.xml")}
    assert sitemaps <= {"/sitemap.xml", "/en/sitemap.xml"}, sitemaps
    for path in sitemaps:  # small indexes, not the sitemap of every page (which grows with every case)
        assert (served_site.root / path.lstrip("/")).stat().st_size < 300, path

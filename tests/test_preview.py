"""`make serve`: an edit shows up in both languages, everywhere it is listed, and a mistake never
blanks the preview. In-process tests of the serve path (fraudbuild.session), then the real server
(`python -m fraudbuild.serve`) driven through HTTP and headless Chromium."""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from conftest import preview_server, preview_status, wait_for
from fraudsite.project import SOURCE_DOCUMENT

pytestmark = pytest.mark.build
BINCHUAN = "data/cases/2021-binchuan-218.yml"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- in process

@pytest.fixture()
def session(project_copy, monkeypatch):
    return _full_session(project_copy, monkeypatch)


def _full_session(project_copy: Path, monkeypatch, lang: str = "zh"):
    from fraudbuild.session import LanguageSession
    from fraudbuild.worker import Job
    from fraudsite.preflight import PREVIEW

    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")
    if SOURCE_DOCUMENT.exists():
        monkeypatch.setenv("FRAUDSITE_SOURCE_DOCUMENT", str(SOURCE_DOCUMENT))
    job = Job(lang, project_copy / "mkdocs.yml", project_copy / "site", PREVIEW, project_copy, "http://127.0.0.1:8000/")
    session = LanguageSession(job)
    result = session.full_build()
    assert result.ok, result
    return session


def test_a_case_edit_renders_again_the_case_and_everything_that_lists_it(session, project_copy):
    _replace(project_copy / BINCHUAN, "title: {zh: 宾川“2·18”交友投资诈骗案", "title: {zh: 宾川“2·18”网上交友投资案")
    result = session.update([str(project_copy / BINCHUAN)])
    assert result.ok, result
    files = result.files
    for page in ("index.html", "cases/index.html", "scams/dating-investment/index.html",
                 "scams/two-cards/index.html"):
        assert "宾川“2·18”网上交友投资案" in files[page], page
    index = json.loads(files["search/search_index.json"])
    assert any("网上" in doc["title"] and doc["location"] == "cases/2021-binchuan-218/" for doc in index["docs"])
    assert "about/index.html" not in files, "a page that does not show the case is left alone"
    assert len(index["docs"]) == len({(d["location"], d["title"]) for d in index["docs"]}), "no duplicate entries"


def test_a_value_its_quote_does_not_state_is_refused(session, project_copy):
    _replace(project_copy / BINCHUAN, "    value: 5\n    source:\n      line: 24", "    value: 6\n    source:\n      line: 24")
    result = session.update([str(project_copy / BINCHUAN)])
    assert not result.ok and f"{BINCHUAN}:" in result.message and "not in its quote" in result.message


def test_a_corrected_figure_updates_its_case_page(session, project_copy, tmp_path, monkeypatch):
    """A correction changes the value and its quote together (and, here, the document the quote comes from)."""
    _replace(project_copy / BINCHUAN, "    value: 5\n", "    value: 6\n")
    _replace(project_copy / BINCHUAN, "王某等5名犯罪嫌疑人", "王某等6名犯罪嫌疑人")
    if SOURCE_DOCUMENT.exists():
        corrected = tmp_path / "article.zh.txt"
        corrected.write_text(SOURCE_DOCUMENT.read_text(encoding="utf-8").replace("王某等5名犯罪嫌疑人", "王某等6名犯罪嫌疑人"),
                             encoding="utf-8")
        monkeypatch.setenv("FRAUDSITE_SOURCE_DOCUMENT", str(corrected))
    result = session.update([str(project_copy / BINCHUAN)])
    assert result.ok, result
    assert "6名" in result.files["cases/2021-binchuan-218/index.html"]


def test_a_page_edit_renders_that_page_only(session, project_copy):
    page = project_copy / "docs/tips.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新加的一段话。\n", encoding="utf-8")
    result = session.update([str(page)])
    assert result.ok, result
    assert set(result.files) == {"tips/index.html", "search/search_index.json"}, set(result.files)
    assert "新加的一段话" in result.files["tips/index.html"]


@pytest.fixture()
def listed_session(project_copy, monkeypatch):
    """A site with generated listing pages (cases/page-2/ …): 45 more cases, made as `make new-case` makes them."""
    from fraudsite import synthetic
    synthetic.make_cases(project_copy, 45)
    return _full_session(project_copy, monkeypatch)


def _listing_pages_with(site: Path, slug: str) -> set[str]:
    return {page.relative_to(site).as_posix() for page in site.glob("cases/**/page-*/index.html")
            if f"/{slug}/" in page.read_text(encoding="utf-8")}


def test_an_edit_renders_again_only_the_listing_pages_that_show_it(listed_session, project_copy):
    site = project_copy / "site"
    generated = {page.relative_to(site).as_posix() for page in site.glob("cases/**/page-*/index.html")}
    assert generated, "the fixture has generated listing pages"
    page = project_copy / "docs/tips.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新加的一段话。\n", encoding="utf-8")
    result = listed_session.update([str(page)])
    assert result.ok and set(result.files) == {"tips/index.html", "search/search_index.json"}

    slug = next(path.stem for path in sorted((project_copy / "data/cases").glob("*synthetic*.yml"))
                if _listing_pages_with(site, path.stem))
    showing = _listing_pages_with(site, slug)
    data = project_copy / "data/cases" / f"{slug}.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("title:\n  zh: ", "title:\n  zh: 改名的"), encoding="utf-8")
    result = listed_session.update([str(data)])
    assert result.ok, result
    rendered = {name for name in result.files if name in generated}
    assert rendered == showing, (rendered, showing)
    assert all("改名的" in result.files[name] for name in showing)


def test_a_new_title_of_a_page_in_the_navigation_asks_for_a_full_build(session, project_copy):
    """Every page shows the navigation: a new title there is not an edit of one page."""
    _replace(project_copy / "docs/tips.zh.md", "# 防范提示", "# 防范提示（新）")
    result = session.update([str(project_copy / "docs/tips.zh.md")])
    assert not result.ok and result.kind == "full"


def test_an_error_is_reported_and_nothing_is_written(session, project_copy):
    before = (project_copy / "site" / "cases" / "index.html").read_bytes()
    _replace(project_copy / BINCHUAN, "county: binchuan", "county: kunming")
    result = session.update([str(project_copy / BINCHUAN)])
    assert not result.ok and result.kind == "input"
    assert f"{BINCHUAN}:" in result.message and "kunming" in result.message
    assert (project_copy / "site" / "cases" / "index.html").read_bytes() == before


def test_a_new_case_asks_for_a_full_build(session, project_copy):
    from fraudsite import newcase
    paths = newcase.create_case(project_copy, "2026-dali-new", county="dali")
    result = session.update([str(path) for path in paths])
    assert not result.ok and result.kind == "full"


UPDATE = "docs/updates/2021-04-22-dali-report"


def test_an_update_edit_renders_again_its_page_the_updates_list_the_home_page_and_the_feed(session, project_copy):
    _replace(project_copy / f"{UPDATE}.zh.md", "# 新闻报道：", "# 新闻报道（修订）：")
    result = session.update([str(project_copy / f"{UPDATE}.zh.md")])
    assert result.ok, result
    files = result.files
    for name in ("updates/2021-04-22-dali-report/index.html", "updates/index.html", "index.html", "feed.xml"):
        assert "新闻报道（修订）" in files[name], name
    assert "tips/index.html" not in files and "cases/index.html" not in files


def test_a_date_filled_in_on_the_chinese_page_reaches_the_english_pages(project_copy, monkeypatch):
    from fraudsite import newupdate
    zh, en = newupdate.create_update(project_copy, "2021-example")  # a stub: its date is empty
    session = _full_session(project_copy, monkeypatch, lang="en")
    page = (project_copy / "site/en/updates/2021-example/index.html").read_text(encoding="utf-8")
    assert "docs/updates/2021-example.zh.md:4: date is empty" in page, "the English page's draft banner says so"
    _replace(zh, "date:\n", "date: 2021-04-23\n")
    result = session.update([str(zh)])
    assert result.ok, result
    files = result.files
    assert '<time datetime="2021-04-23">23 April 2021</time>' in files["en/updates/2021-example/index.html"]
    assert "date is empty" not in files["en/updates/2021-example/index.html"]
    assert '<time datetime="2021-04-23">' in files["en/updates/index.html"] and '2021-04-23' in files["en/index.html"]
    assert "en/feed.xml" not in files, "a draft is in no feed"


def test_a_new_update_asks_for_a_full_build(session, project_copy):
    from fraudsite import newupdate
    paths = newupdate.create_update(project_copy, "2021-04-23-new")
    result = session.update([str(path) for path in paths])
    assert not result.ok and result.kind == "full"


# --------------------------------------------------------------------------- the real server

@pytest.fixture()
def server(project_copy):
    with preview_server(project_copy) as (url, log):
        yield url, project_copy, log


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_the_server_shows_an_edit_in_both_languages(server):
    url, project, log = server
    _replace(project / BINCHUAN, "title: {zh: 宾川“2·18”交友投资诈骗案, en: 'The Binchuan",
             "title: {zh: 宾川“2·18”案甲, en: 'Edited: The Binchuan")
    wait_for(lambda: "宾川“2·18”案甲" in _get(url + "cases/")[1] and "Edited: The Binchuan" in _get(url + "en/")[1],
          30, log)
    status, body = _get(url + "cases/2021-binchuan-218/")
    assert status == 200 and '<script src="/__preview__/reload.js"></script>' in body


def test_a_mistake_keeps_the_last_good_site_and_says_what_to_fix(server):
    url, project, log = server
    before = _get(url + "cases/")[1]
    _replace(project / BINCHUAN, "county: binchuan", "county: kunming")
    wait_for(lambda: preview_status(url)["error"], 30, log)
    assert f"{BINCHUAN}:" in preview_status(url)["error"] and "kunming" in preview_status(url)["error"]
    status, body = _get(url + "cases/")
    assert status == 200 and body == before, "the last good version is still served, at once"
    _replace(project / BINCHUAN, "county: kunming", "county: binchuan")
    wait_for(lambda: preview_status(url)["error"] is None, 30, log)


def test_code_edits_take_effect_without_a_restart(server):
    url, project, log = server
    _replace(project / "fraudsite" / "labels.py", '"hotline_title": "遇到诈骗，立即拨打"',
             '"hotline_title": "遇到诈骗，马上拨打（代码已更新）"')
    wait_for(lambda: "代码已更新" in _get(url)[1], 60, log)
    (project / "fraudsite" / "labels.py").write_text(
        (project / "fraudsite" / "labels.py").read_text(encoding="utf-8") + "\ndef broken(:\n", encoding="utf-8")
    wait_for(lambda: preview_status(url)["error"], 60, log)
    assert preview_status(url)["error"].startswith("fraudsite/labels.py:"), preview_status(url)["error"][:200]
    assert "代码已更新" in _get(url)[1], "the last good site is still served"


@pytest.mark.browser
def test_the_browser_reloads_and_shows_errors_over_the_last_good_page(server, browser):
    url, project, log = server
    context = browser.new_context()
    try:
        page = context.new_page()
        violations: list[str] = []
        page.on("console", lambda message: message.type == "error" and violations.append(message.text))
        page.goto(url + "tips/", wait_until="load")  # never "networkidle": the page keeps asking for news
        _replace(project / "docs" / "tips.zh.md", "# 防范提示", "# 防范提示（已更新）")
        page.locator("h1", has_text="已更新").wait_for(timeout=30_000)  # the page reloaded by itself
        _replace(project / "docs" / "tips.zh.md", "# 防范提示（已更新）", "# 防范提示（已更新）{{ figure nope }}")
        banner = page.locator("#preview-error")
        banner.wait_for(state="visible", timeout=30_000)
        assert "docs/tips.zh.md:" in banner.inner_text() and "nope" in banner.inner_text()
        assert "已更新" in page.locator("h1").inner_text(), "the page underneath is the last good one"
        _replace(project / "docs" / "tips.zh.md", "{{ figure nope }}", "")
        banner.wait_for(state="detached", timeout=30_000)
        assert not violations, violations
    finally:
        context.close()

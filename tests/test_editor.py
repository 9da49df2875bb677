"""The editor at /admin/, in real Chromium against `make serve` (`python -m fraudbuild.serve`) on a copy of
the project: a case filled in both languages becomes make new-case's files and appears in the preview;
a wrong value shows the build's message and the site stays as it was; an empty form cannot be saved;
no request leaves the preview's host; the back end refuses what another site could send it.

One preview server for the whole module (the tests run in this order and each leaves the site built)."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, BuildFailed, build_project, preview_server, preview_status, wait_for
from fraudsite import load, newcase
from fraudsite.project import copy_project

pytestmark = [pytest.mark.build, pytest.mark.browser]
SLUG = "2026-dali-editor"
BINCHUAN = "data/cases/2021-binchuan-218.yml"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("editor") / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # the editor, installed by npm (make test)
    # the police notice the clerk's case comes from: a document of data/sources.yml with its text (line 3)
    (project / "sources").mkdir()
    (project / "sources" / "test-bulletin.txt").write_text("警情通报\n（测试用）\n一名市民被骗5万元。\n", encoding="utf-8")
    with (project / "data" / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write("  - id: test-bulletin\n    kind: police_bulletin\n    title: 警情通报（测试用）\n"
                      "    published: 2026-03-02\n    text: sources/test-bulletin.txt\n")
    if not (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").exists():
        pytest.fail("node_modules/decap-cms is missing: run `make test`, which installs it (npm ci)")
    with preview_server(project) as (url, log):
        yield url, project, log


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(url + "api/v1", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


class Editor:
    """The editor's page in a fresh browser context, every request it makes recorded."""

    def __init__(self, browser, url: str):
        self.url = url
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.goto(url + "admin/")
        self.page.get_by_role("button", name="登录").click()  # the preview's back end: no account, no password

    def open(self, fragment: str) -> None:
        self.page.goto(self.url + "admin/#/collections/" + fragment)
        self.page.get_by_text("正在使用ZH撰写").wait_for()

    def field(self, label: str, column: int = 0):
        """A field by its label; column 1 is the English side of a translated field."""
        return self.page.get_by_label(label).nth(column)  # an optional field says (可选) after its label

    def choose(self, label: str, option: str) -> None:
        self.field(label).click()
        self.page.keyboard.type(option)
        self.page.keyboard.press("Enter")

    def fact(self, kind: str):
        box = self.page.locator(f'[id^="{kind}-field"]').first
        if box.get_by_label("数值 / Value").is_hidden():
            box.get_by_test_id("expand-button").first.click()
        return box

    def publish(self) -> None:
        self.page.get_by_role("button", name="发布").first.click()
        self.page.get_by_text("立即发布").click()

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self.requests if not url.startswith(("data:", "blob:"))}

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def editor(preview, browser):
    url, _, _ = preview
    opened = Editor(browser, url)
    yield opened
    opened.close()


def _fill_case(editor: Editor) -> None:
    editor.field("案件名称（文件名） / Case name (file name)").fill(SLUG)
    editor.field("标题 / Title", 0).fill("大理市冒充客服退款诈骗案")
    editor.field("标题 / Title", 1).fill("A fake refund call in Dali City")
    editor.field("案发日期 / Date of the crime").fill("2026-03-01")
    editor.choose("县市 / County or city", "大理市")
    editor.choose("骗局类型 / Scam types", "冒充购物客服退款")
    editor.choose("案件状态 / Status", "侦查中")
    editor.field("概要 / Summary", 0).fill("一名市民接到冒充购物平台客服的电话，按对方的“退款”步骤操作后被骗。")
    editor.field("概要 / Summary", 1).fill("A resident followed the refund steps of a caller posing as a shopping "
                                           "platform's customer service, and lost money.")
    editor.choose("来源文件（先在 data/sources.yml 里登记） / Source document (listed in data/sources.yml first)",
                  "警情通报（测试用）")
    loss = editor.fact("loss")
    loss.get_by_label("数值 / Value").fill("50000")
    loss.get_by_label("原文行号 / Line in the source").fill("3")
    loss.get_by_label("原文（一字不差） / Verbatim words").fill("被骗5万元")
    loss.get_by_label("原文的英文翻译 / The words in English").fill("lost 50,000 yuan")
    description = "一句话描述（搜索结果里显示） / One-sentence description (shown in search results)"
    editor.field(description, 0).fill("大理市一名市民被冒充购物客服的骗子以退款为名骗走钱款。")
    editor.field(description, 1).fill("A Dali City resident lost money to a caller posing as customer service.")
    body = "页面正文（Markdown） / Page text (Markdown)"
    editor.field(body, 0).fill(f"# 大理市冒充客服退款诈骗案\n\n受害人被骗{{{{ figure case.{SLUG}.loss }}}}。\n\n"
                               "## 基本信息\n\n{{ case-facts }}\n\n[返回案例列表](index.md)")
    editor.field(body, 1).fill("# A fake refund call in Dali City\n\n"
                               f"The victim lost {{{{ figure case.{SLUG}.loss }}}}.\n\n"
                               "## Facts\n\n{{ case-facts }}\n\n[Back to the list of cases](index.md)")


def test_a_case_filled_in_both_languages_is_published_in_the_preview(preview, editor):
    url, project, log = preview
    editor.open("cases/new")
    _fill_case(editor)
    started = time.monotonic()
    editor.publish()
    editor.page.get_by_text("内容已保存").wait_for(timeout=120_000)  # answered once the preview has built it
    seconds = time.monotonic() - started
    written = sorted(path for folder in ("data", "docs") for path in (project / folder).rglob(f"{SLUG}*"))
    assert written == sorted(newcase.targets(project, SLUG).values()), "the files make new-case writes"
    case = load.load_dataset(project / "data", root=project).case(SLUG)
    assert case.county == "dali" and not case.drafts
    assert preview_status(url)["error"] is None
    for page, text in ((f"cases/{SLUG}/", "大理市冒充客服退款诈骗案"), (f"en/cases/{SLUG}/", "A fake refund call"),
                       ("cases/", "大理市冒充客服退款诈骗案"), ("en/cases/", "A fake refund call in Dali City")):
        status, body = _get(url + page)
        assert status == 200 and text in body.decode("utf-8"), page
    assert "50,000" in _get(url + f"en/cases/{SLUG}/")[1].decode("utf-8"), "the figure, through its marker"
    for index in ("search/search_index.json", "en/search/search_index.json"):
        docs = json.loads(_get(url + index)[1])["docs"]
        assert any(doc["location"].startswith(f"cases/{SLUG}/") for doc in docs), index
    # and found by the site's search box, in Chromium
    page = editor.page
    page.goto(url + "en/", wait_until="load")  # never "networkidle": the preview's pages keep asking for news
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("refund call")
    box.press("End")  # Material reads the query on keyup
    page.locator(f'.md-search-result__item a[href*="{SLUG}"]').first.wait_for(state="attached", timeout=15_000)
    assert editor.hosts() == {urlsplit(url).netloc}, editor.hosts()
    print(f"saved and built in {seconds:.1f} s")


def test_a_value_not_in_its_quote_shows_the_builds_message_and_the_site_stays(preview, editor):
    url, project, log = preview
    before = {page: _get(url + page)[1] for page in ("cases/2021-binchuan-218/", "cases/")}
    saved = {path: path.read_bytes() for path in newcase.targets(project, "2021-binchuan-218").values()}
    try:
        editor.open("cases/entries/2021-binchuan-218")
        editor.fact("loss").get_by_label("数值 / Value").fill("710001")
        editor.publish()
        box = editor.page.locator("#preview-error")
        box.wait_for(timeout=120_000)
        assert f"{BINCHUAN}:" in box.inner_text() and "not in its quote" in box.inner_text()
        assert editor.page.get_by_text("含未保存的修改").is_visible(), "the form keeps the clerk's values"
        assert {page: _get(url + page)[1] for page in before} == before, "the last good site, byte for byte"
        editor.page.screenshot(path=str(project.parent / "refused.png"))
    finally:
        _restore(url, saved, log)
    assert editor.hosts() == {urlsplit(url).netloc}, editor.hosts()


def test_a_script_in_a_title_shows_the_builds_message_and_the_site_stays(preview, editor):
    url, project, log = preview
    before = _get(url + "en/cases/2021-binchuan-218/")[1]
    saved = {path: path.read_bytes() for path in newcase.targets(project, "2021-binchuan-218").values()}
    try:
        editor.open("cases/entries/2021-binchuan-218")
        body = editor.field("页面正文（Markdown） / Page text (Markdown)", 1)
        body.fill(body.input_value().replace("# ", "# <script>alert(1)</script> ", 1))
        editor.publish()
        box = editor.page.locator("#preview-error")
        box.wait_for(timeout=120_000)
        assert "docs/cases/2021-binchuan-218.en.md:" in box.inner_text() and "script" in box.inner_text()
        assert _get(url + "en/cases/2021-binchuan-218/")[1] == before
    finally:
        _restore(url, saved, log)


def test_an_unknown_county_is_refused_with_the_builds_message(preview):
    """The form offers only the catalogue's counties; a request written by hand gets the build's answer."""
    url, project, log = preview
    saved = {path: path.read_bytes() for path in newcase.targets(project, "2021-binchuan-218").values()}
    before = _get(url + "cases/")[1]
    headers = {"Content-Type": "application/json"}
    status, entry = _post(url, json.dumps({"action": "getEntry", "params": {"path": BINCHUAN}}).encode(), headers)
    assert status == 200
    raw = entry["data"].replace("county: binchuan", "county: kunming")
    request = {"action": "persistEntry", "params": {"dataFiles": [{"path": BINCHUAN, "raw": raw}], "assets": [],
                                                    "options": {}}}
    try:
        status, answer = _post(url, json.dumps(request).encode(), headers)
        assert status == 422 and f"{BINCHUAN}:" in answer["error"] and "kunming" in answer["error"], answer
        assert _get(url + "cases/")[1] == before
    finally:
        _restore(url, saved, log)


def test_an_empty_form_cannot_be_published(preview, editor):
    url, project, log = preview
    cases = sorted((project / "data" / "cases").iterdir())
    pages = sorted((project / "docs" / "cases").iterdir())
    editor.open("cases/new")
    editor.publish()
    editor.page.get_by_text("是必填项").first.wait_for(timeout=10_000)
    editor.page.screenshot(path=str(project.parent / "empty.png"))
    time.sleep(1)
    assert sorted((project / "data" / "cases").iterdir()) == cases
    assert sorted((project / "docs" / "cases").iterdir()) == pages


def test_the_back_end_refuses_what_another_site_could_send(preview):
    url, project, log = preview
    body = json.dumps({"action": "getEntry", "params": {"path": BINCHUAN}}).encode()
    assert _post(url, body, {"Content-Type": "application/json"})[0] == 200
    assert _post(url, body, {"Content-Type": "text/plain"})[0] == 415, "a form or a simple request"
    assert _post(url, body, {"Content-Type": "application/json", "Origin": "https://evil.example"})[0] == 403
    assert _post(url, body, {"Content-Type": "application/json", "Host": "evil.example"})[0] == 403, "rebinding"
    status, kind = _get(url + "admin/")[0], None
    with urllib.request.urlopen(url + "admin/", timeout=10) as response:
        kind = response.headers["Content-Security-Policy"]
    assert status == 200 and "'unsafe-eval'" in kind and "connect-src 'self' blob:" in kind
    with urllib.request.urlopen(url, timeout=10) as response:
        assert "unsafe" not in response.read().decode("utf-8"), "the public pages keep their policy"


def _restore(url: str, saved: dict[Path, bytes], log: Path) -> None:
    for path, content in saved.items():
        path.write_bytes(content)
    wait_for(lambda: preview_status(url)["error"] is None, 60, log)


# --------------------------------------------------------------------------- the release setting

def test_a_release_publishes_no_editor_by_default(built_site):
    """make site without FRAUDSITE_PUBLISH_EDITOR: no /admin/ (tests/test_nginx.py builds one with it)."""
    assert (built_site.root / "index.html").exists()
    assert not (built_site.root / "admin").exists()
    assert "decap" not in " ".join(path.name for path in built_site.root.rglob("*.js")).lower()


def test_a_release_asked_to_publish_the_editor_needs_its_git_host(tmp_path):
    project = copy_project(tmp_path / "project")
    with pytest.raises(BuildFailed) as failure:
        build_project(project, env={"FRAUDSITE_PUBLISH_EDITOR": "1"})
    assert "FRAUDSITE_EDITOR_REPO" in str(failure.value) and not (project / "site").exists()
    with pytest.raises(BuildFailed) as failure:
        build_project(project, env={"FRAUDSITE_PUBLISH_EDITOR": "yes"})
    assert "write 1 to publish" in str(failure.value)

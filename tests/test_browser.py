"""The built site in a real browser: language switcher, search, privacy, accessibility, small screens.

Every test drives headless Chromium (/usr/bin/chromium, installed by `make test`)
against a fresh build served on loopback (the `served_site` fixture).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# --------------------------------------------------------------------------- fixtures and helpers

@pytest.fixture(scope="module")
def nav_context(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


def all_pages(site) -> list[str]:
    """Every built page as a URL path ("/", "/en/tips/", ...), both languages."""
    paths = []
    for index in sorted(site.root.rglob("index.html")):
        relative = index.parent.relative_to(site.root).as_posix()
        paths.append("/" if relative == "." else f"/{relative}/")
    return paths


def url_of(site, path: str) -> str:
    return site.url.rstrip("/") + path


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_the_site_has_pages_in_both_languages(served_site):
    pages = all_pages(served_site)
    en = [p for p in pages if p.startswith("/en/")]
    assert "/" in pages and "/en/" in pages
    assert len(en) >= 10 and len(pages) - len(en) >= 10, pages


# --------------------------------------------------------------------------- 1. language switcher

def _switch(page, lang: str) -> None:
    page.locator(".md-header .md-select button.md-header__button").click()
    link = page.locator(f".md-header a.md-select__link[hreflang={lang}]")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("load")


def _same_page(actual: str, expected: str) -> bool:
    return actual == expected or actual + "/" == expected


@pytest.mark.parametrize("zh_path", ["/scams/fake-refund/", "/", "/cases/2021-binchuan-218/"])
def test_language_switcher_goes_to_the_same_page(nav_context, served_site, zh_path):
    page = nav_context.new_page()
    try:
        page.goto(url_of(served_site, zh_path))
        assert page.locator("html").get_attribute("lang") == "zh"
        button = page.locator(".md-header .md-select button.md-header__button")
        assert button.get_attribute("aria-label"), "the language button has no accessible name"

        _switch(page, "en")
        page.wait_for_url(lambda url: _same_page(path_of(url), "/en" + zh_path))
        assert _same_page(path_of(page.url), "/en" + zh_path), page.url
        assert page.locator("html").get_attribute("lang") == "en"

        _switch(page, "zh")
        page.wait_for_url(lambda url: _same_page(path_of(url), zh_path))
        assert _same_page(path_of(page.url), zh_path), page.url
        assert page.locator("html").get_attribute("lang") == "zh"
    finally:
        page.close()


# --------------------------------------------------------------------------- 2. search

def _search(page, query: str, expect) -> list[str]:
    """Type a query and return the result links' paths once `expect(paths)` holds (or time out)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup; fill() (like an IME) sends none
    paths: list[str] = []
    for _ in range(80):  # the worker loads and indexes asynchronously
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(a => a.href)")
        paths = [path_of(h) for h in hrefs]
        if paths and expect(paths):
            break
        page.wait_for_timeout(100)
    return paths


SEARCHES = [
    ("/scams/", "刷单", "/scams/order-brushing/", ()),
    ("/scams/", "冒充公检法", "/scams/impersonation/", ()),
    ("/en/scams/", "refund", "/en/scams/fake-refund/", ()),
    ("/en/scams/", "Alipay", None, ("/en/cases/", "/en/scams/two-cards/")),
]


@pytest.mark.parametrize("start,query,expected,prefixes", SEARCHES, ids=[s[1] for s in SEARCHES])
def test_search_finds_pages_in_the_page_language_only(nav_context, served_site, start, query, expected, prefixes):
    english = start.startswith("/en/")

    def found(paths):
        if expected:
            return any(p == expected for p in paths)
        return any(p.startswith(prefixes) for p in paths)

    page = nav_context.new_page()
    try:
        page.goto(url_of(served_site, start))
        page.keyboard.press("/")  # Material's shortcut; the desktop header shows the box itself
        page.locator("input.md-search__input").click()
        paths = _search(page, query, found)
        assert paths, f"no search results for {query!r} on {start}"
        assert found(paths), f"{query!r}: expected {expected or prefixes} among {paths}"
        if english:
            assert all(p.startswith("/en/") for p in paths), f"{query!r}: results outside /en/: {paths}"
        else:
            assert not [p for p in paths if p.startswith("/en/")], f"{query!r}: English results on a zh page: {paths}"
    finally:
        page.close()


# --------------------------------------------------------------------------- 3. privacy and CSP

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
});
"""


def test_pages_stay_on_the_origin_without_errors(browser, served_site):
    origin = urlsplit(served_site.url).netloc
    context = browser.new_context(service_workers="block")
    context.add_init_script(CSP_LISTENER)
    problems: list[str] = []
    current = {"path": ""}

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != origin:
            problems.append(f"{current['path']}: request to another host: {request.url}")

    def on_response(response):
        if response.status >= 400:
            problems.append(f"{current['path']}: HTTP {response.status} for {response.url}")

    def on_failed(request):
        problems.append(f"{current['path']}: request failed ({request.failure}): {request.url}")

    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", on_failed)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(
        f"{current['path']}: console error: {msg.text}"))
    page.on("pageerror", lambda error: problems.append(f"{current['path']}: uncaught exception: {error}"))
    pages = all_pages(served_site)
    try:
        for path in pages:
            current["path"] = path
            page.goto(url_of(served_site, path), wait_until="networkidle")
            for violation in page.evaluate("window.__cspViolations"):
                problems.append(f"{path}: CSP violation: {violation}")
        problems += [f"cookie set: {cookie['name']} on {cookie['domain']}" for cookie in context.cookies()]
    finally:
        context.close()
    assert not problems, f"{len(problems)} problems on {len(pages)} pages:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- 4. accessibility

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser, served_site, scheme):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which runs npm ci")
    axe = AXE.read_text(encoding="utf-8")
    # bypass_csp only so the injected axe script may run; the CSP itself is checked above.
    # The reader's system setting picks the light or the dark palette.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    report: list[str] = []
    pages = all_pages(served_site)
    try:
        for path in pages:
            page.goto(url_of(served_site, path), wait_until="load")
            page.add_script_tag(content=axe)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                AXE_TAGS)
            for violation in result["violations"]:
                targets = [json.dumps(node["target"], ensure_ascii=False) for node in violation["nodes"]][:8]
                report.append(
                    f"{path}: {violation['id']} ({violation['impact']}): {violation['help']}\n    "
                    + "\n    ".join(targets))
    finally:
        context.close()
    assert not report, f"axe violations on {len(pages)} pages:\n" + "\n".join(report)


# --------------------------------------------------------------------------- 5. small screens

@pytest.fixture(scope="module")
def phone_context(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=1)
    yield context
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_first_screen_at_360px(phone_context, served_site, artifacts, lang):
    """The screenshot a reviewer looks at (test-artifacts/), and what it must show: both hotlines, in view."""
    import struct
    page = phone_context.new_page()
    try:
        page.goto(url_of(served_site, "/" if lang == "zh" else "/en/"), wait_until="networkidle")
        target = artifacts / f"home-{lang}-360.png"
        target.unlink(missing_ok=True)
        page.screenshot(path=str(target))  # the first screen, as a phone shows it
        width, height = struct.unpack(">II", target.read_bytes()[16:24])  # PNG header: the image's size
        assert (width, height) == (360, 800)
        for number in ("110", "96110"):
            box = page.locator(f'a[href="tel:{number}"]').first.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800 and box["x"] + box["width"] <= 360, \
                (number, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        page.close()


@pytest.mark.parametrize("path", [
    "/", "/statistics/", "/cases/2021-binchuan-218/",
    "/en/", "/en/statistics/", "/en/cases/2021-binchuan-218/",
])
def test_no_horizontal_scroll_at_360px(phone_context, served_site, path):
    page = phone_context.new_page()
    try:
        page.goto(url_of(served_site, path), wait_until="networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > 361)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))""")
            pytest.fail(f"{path}: scrollWidth {width} > 360; too wide: {wide}")
    finally:
        page.close()


# --------------------------------------------------------------------------- 6. tooltips

@pytest.mark.parametrize("path", ["/glossary/", "/en/glossary/"])
def test_abbreviations_show_a_tooltip(nav_context, served_site, path):
    page = nav_context.new_page()
    try:
        page.goto(url_of(served_site, path), wait_until="networkidle")
        abbr = page.locator(".md-content abbr").first
        abbr.wait_for()
        # Material moves the title into its own tooltip once it has mounted; the built page has it
        html = served_site.html(path.lstrip("/"))
        titles = re.findall(r'<abbr title="([^"]*)"', html)
        assert titles and all(t.strip() for t in titles), f"{path}: abbr without a title"
        abbr.scroll_into_view_if_needed()
        abbr.hover()
        tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
        tooltip.wait_for(state="visible", timeout=5_000)
        assert tooltip.inner_text().strip(), f"{path}: the tooltip is empty"
    finally:
        page.close()


# --------------------------------------------------------------------------- 7. palette and tabs under the CSP

@pytest.mark.parametrize("lang_prefix", ["", "/en"])
def test_palette_toggle_and_tabs_work_under_the_csp(browser, served_site, lang_prefix):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    try:
        page.goto(url_of(served_site, f"{lang_prefix}/tips/"), wait_until="networkidle")
        body = page.locator("body")
        assert body.get_attribute("data-md-color-scheme") == "default"
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.reload(wait_until="networkidle")  # the choice is remembered
        assert body.get_attribute("data-md-color-scheme") == "slate"
        tabs = page.locator("nav.md-tabs a.md-tabs__link")
        assert tabs.count() >= 5
        tabs.nth(1).click()
        page.wait_for_load_state("networkidle")
        assert path_of(page.url).startswith(f"{lang_prefix}/scams/")
        assert page.evaluate("window.__cspViolations") == []
    finally:
        context.close()

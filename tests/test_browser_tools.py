"""The checker, the text-size control and the new pages in real headless Chromium.

Uses the served_site fixture (tests/conftest.py) and the browser launch of tests/test_browser.py.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest


pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
KEY = "fanzha-text-size"
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`);
});
"""
CHECKER = {"zh": "/checker/", "en": "/en/checker/"}
NARROW_PAGES = ["/", "/en/", "/checker/", "/en/checker/", "/channels/", "/en/channels/", "/guides/", "/en/guides/",
                "/guides/older/", "/en/guides/older/", "/guides/students/", "/en/guides/students/",
                "/guides/families/", "/en/guides/families/", "/scammed/", "/en/scammed/"]
# a 360 px phone, and what 200 % zoom of a 1280 px wide window lays out
SCREENS = {"360px": ({"width": 360, "height": 640}, 1), "zoom200": ({"width": 640, "height": 400}, 2)}


class Watched:
    """A page whose console errors, uncaught exceptions and CSP violations are collected."""

    def __init__(self, context):
        self.problems: list[str] = []
        context.add_init_script(CSP_LISTENER)
        self.page = context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"exception: {error}"))

    def goto(self, url: str):
        self.page.goto(url, wait_until="networkidle")
        return self.page

    def assert_clean(self):
        violations = self.page.evaluate("window.__cspViolations || []")
        assert not self.problems and not violations, self.problems + violations


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    context.set_default_timeout(10_000)
    watched = Watched(context)
    yield watched
    context.close()


def url_of(site, path: str) -> str:
    return site.url.rstrip("/") + path


def result_text(page) -> str:
    return page.locator("#checker-result").inner_text()


# --------------------------------------------------------------------------- the checker

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_yes_to_each_question_gives_its_verdict_and_its_scam_page(phone, served_site, dataset, lang):
    data = dataset.extras["checker.yml"]
    words = {name: value[lang] for name, value in data.labels.items()}
    page = phone.goto(url_of(served_site, CHECKER[lang]))
    result = page.locator("#checker-result")
    assert result.get_attribute("role") == "status" and result.get_attribute("aria-live") == "polite"
    assert words["pending"] in result_text(page)
    for question in data.questions:
        item = page.locator(f"#q-{question.id}")
        yes = item.locator("button.checker__button--yes")
        assert yes.evaluate("b => b.tagName + ':' + b.type") == "BUTTON:button"
        assert yes.get_attribute("aria-pressed") == "false"
        assert not item.locator(".checker__advice").is_visible(), "the advice opens on yes"
        yes.click()
        assert yes.get_attribute("aria-pressed") == "true"
        assert item.locator("button.checker__button--no").get_attribute("aria-pressed") == "false"
        # at once, in place: stop, what this means, what to do, the scam page and the hotlines
        advice = item.locator(".checker__advice")
        assert advice.is_visible()
        for text in (words["stop"], question.means[lang], question.do[lang]):
            assert text in advice.inner_text(), (question.id, text)
        assert [a.get_attribute("href") for a in advice.locator('a[href^="tel:"]').all()] == ["tel:110", "tel:96110"]
        # and in the result region, announced politely
        verdict = result_text(page)
        assert words["stop"] in verdict, (question.id, verdict)
        assert (words["trick"] in verdict) == bool(question.types), (question.id, verdict)  # no type, no "matches:"
        links = result.locator("a[data-scam-type]")
        assert [a.get_attribute("data-scam-type") for a in links.all()] == list(question.types)
        for scam_type in question.types:
            link = result.locator(f'a[data-scam-type="{scam_type}"]')
            assert link.inner_text() == dataset.catalogue.scam_types[scam_type][lang]
            assert urlsplit(link.evaluate("a => a.href")).path.endswith(f"/scams/{scam_type}/")
        assert result.locator('a[href="tel:110"]').count() == 1 and result.locator('a[href="tel:96110"]').count() == 1
        yes.click()  # pressing it again takes the answer back
        assert yes.get_attribute("aria-pressed") == "false" and not advice.is_visible()
    phone.assert_clean()


def test_the_verdict_links_open_the_scam_pages(phone, served_site, dataset):
    page = phone.goto(url_of(served_site, CHECKER["en"]))
    page.locator("#q-friend-platform button.checker__button--yes").click()
    link = page.locator('#checker-result a[data-scam-type="fake-investment"]')
    with page.expect_navigation():
        link.click()
    assert urlsplit(page.url).path == "/en/scams/fake-investment/"
    assert page.locator("article h1").inner_text().replace("¶", "").strip() == "Fake investment and wealth management"
    phone.assert_clean()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_all_no_gives_the_when_in_doubt_advice_and_never_says_safe(phone, served_site, dataset, lang):
    data = dataset.extras["checker.yml"]
    words = {name: value[lang] for name, value in data.labels.items()}
    page = phone.goto(url_of(served_site, CHECKER[lang]))
    buttons = page.locator("button.checker__button--no")
    assert buttons.count() == len(data.questions)
    for index in range(buttons.count()):
        buttons.nth(index).click()
        if index < buttons.count() - 1:
            progress = words["progress"].replace("{answered}", str(index + 1)).replace("{total}",
                                                                                       str(len(data.questions)))
            assert result_text(page).strip() == progress
    verdict = result_text(page)
    assert words["none_title"] in verdict and words["none"] in verdict and words["call_unsure"] in verdict
    assert "96110" in verdict and page.locator('#checker-result a[href="tel:96110"]').count() == 1
    assert "安全" not in verdict and not re.search(r"\bsafe", verdict, re.I), verdict
    assert words["stop"] not in verdict
    # one "yes" after all the "no" turns the verdict into stop
    page.locator("#q-loan-fee button.checker__button--yes").click()
    assert words["stop"] in result_text(page)
    page.locator("button.checker__reset").click()
    assert result_text(page).strip() == words["pending"]
    assert page.locator('button.checker__button[aria-pressed="true"]').count() == 0
    phone.assert_clean()


def test_the_checker_works_from_the_keyboard(phone, served_site):
    page = phone.goto(url_of(served_site, CHECKER["zh"]))
    first_yes = page.locator("#q-safe-account button.checker__button--yes")
    first_yes.focus()
    page.keyboard.press("Enter")
    assert first_yes.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Tab")  # on to "No" of the same question
    assert page.evaluate("document.activeElement.dataset.answer") == "no"
    page.keyboard.press("Space")
    assert first_yes.get_attribute("aria-pressed") == "false"
    assert page.locator("#q-safe-account button.checker__button--no").get_attribute("aria-pressed") == "true"
    group = page.locator("#q-safe-account .checker__answer")
    assert group.get_attribute("role") == "group"
    assert group.get_attribute("aria-labelledby") == "q-safe-account-text"
    phone.assert_clean()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_every_question_and_its_advice_are_on_the_page(browser, served_site, dataset, lang):
    data = dataset.extras["checker.yml"]
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url_of(served_site, CHECKER[lang]), wait_until="load")
        for question in data.questions:
            item = page.locator(f"#q-{question.id}")
            for text in (question.question[lang], question.means[lang], question.do[lang]):
                assert text in item.inner_text(), (question.id, text)
            assert item.locator(".checker__advice").is_visible()
            for scam_type in question.types:
                assert item.locator(f'a[data-scam-type="{scam_type}"]').is_visible()
        assert page.locator(".checker__none").is_visible()
        assert page.locator('.checker a[href="tel:110"]').is_visible()
        assert page.locator('.checker a[href="tel:96110"]').is_visible()
        # no dead buttons without JavaScript (Material's own header buttons are its business)
        assert page.locator("article button:visible, .md-banner button:visible").count() == 0
        assert not page.locator("[data-text-size-control]").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("state", ["yes", "all-no"])
def test_the_answered_checker_passes_axe(browser, served_site, state):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which runs npm ci")
    axe = AXE.read_text(encoding="utf-8")
    report = []
    for scheme in ("light", "dark"):
        context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 640}, color_scheme=scheme)
        try:
            page = context.new_page()
            for path in CHECKER.values():
                page.goto(url_of(served_site, path), wait_until="load")
                if state == "yes":
                    page.locator("#q-app-or-screen button.checker__button--yes").click()
                else:
                    for button in page.locator("button.checker__button--no").all():
                        button.click()
                page.add_script_tag(content=axe)
                result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
                report += [f"{scheme} {path}: {v['id']}: {v['help']} "
                           + json.dumps([n["target"] for n in v["nodes"]][:5], ensure_ascii=False)
                           for v in result["violations"]]
        finally:
            context.close()
    assert not report, "\n".join(report)


# --------------------------------------------------------------------------- text size

def _text_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)")


def test_the_text_size_is_chosen_remembered_across_a_reload_and_another_page(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    watched = Watched(context)
    try:
        page = watched.goto(url_of(served_site, "/guides/"))
        control = page.locator("[data-text-size-control]")
        assert control.is_visible()
        assert control.get_attribute("role") == "group" and control.get_attribute("aria-label") == "文字大小"
        normal = _text_px(page)
        buttons = control.locator("button")
        assert [b.get_attribute("aria-pressed") for b in buttons.all()] == ["true", "false", "false"]
        buttons.nth(2).click()
        largest = _text_px(page)
        assert largest >= normal * 1.3, (normal, largest)
        assert [b.get_attribute("aria-pressed") for b in buttons.all()] == ["false", "false", "true"]
        assert page.evaluate(f"localStorage.getItem('{KEY}')") == "2"
        page.reload(wait_until="networkidle")
        assert _text_px(page) == largest
        assert control.locator("button").nth(2).get_attribute("aria-pressed") == "true"
        watched.goto(url_of(served_site, "/en/channels/"))  # another page, the other language: one key
        assert _text_px(page) == largest
        page.locator("[data-text-size-control] button").nth(1).click()
        larger = _text_px(page)
        assert normal < larger < largest
        page.locator("[data-text-size-control] button").nth(0).click()
        assert _text_px(page) == normal
        assert page.evaluate(f"localStorage.getItem('{KEY}')") == "0"
        watched.assert_clean()
    finally:
        context.close()


def test_the_stored_size_is_applied_before_the_page_is_painted(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    context.add_init_script(f"localStorage.setItem('{KEY}', '2')")
    try:
        page = context.new_page()
        # when the first paint happens, <head>'s textsize.js has already run
        page.goto(url_of(served_site, "/scammed/"), wait_until="commit")
        page.wait_for_selector("article", state="attached")
        assert page.evaluate("document.documentElement.getAttribute('data-text-size')") == "2"
    finally:
        context.close()


# --------------------------------------------------------------------------- small screens and zoom

@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("size", ["0", "2"])
def test_no_horizontal_scrolling_on_a_phone_or_at_200_percent_zoom(browser, served_site, screen, size):
    viewport, scale = SCREENS[screen]
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    context.add_init_script(f"localStorage.setItem('{KEY}', '{size}')")
    wide = []
    try:
        page = context.new_page()
        for path in NARROW_PAGES:
            page.goto(url_of(served_site, path), wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                culprits = page.evaluate(f"""() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > {viewport['width'] + 1})
                    .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))""")
                wide.append(f"{path}: scrollWidth {width}: {culprits}")
    finally:
        context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_pages_first_screen_shows_both_hotlines_and_both_buttons(browser, served_site, lang):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    try:
        page = context.new_page()
        page.goto(url_of(served_site, "/" if lang == "zh" else "/en/"), wait_until="networkidle")
        targets = {"110": "article .hotlines a[href='tel:110']", "96110": "article .hotlines a[href='tel:96110']",
                   "scammed": "article .first-actions a[href='scammed/']",
                   "checker": "article .first-actions a[href='checker/']"}
        for name, selector in targets.items():
            box = page.locator(selector).bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 640, (name, box)
            assert box["width"] >= 44 and box["height"] >= 44, (name, box)  # big enough to tap
    finally:
        context.close()

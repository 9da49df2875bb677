"""Printed pages (docs/assets/print.css): what Chromium's PDF output holds, read back with pypdf.

Each page is printed the way a reader's browser prints it: print media, A4, no background
graphics (the print dialog's default). The PDFs are kept in test-artifacts/print/ to look at.
Text read from a PDF is compared without white space (line breaks fall anywhere) and after
NFKC (Chromium's CJK fonts map some characters to their Kangxi radical forms, ⽇ for 日).
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

CASES = ["cases/2021-binchuan-218/", "cases/2021-nanjian-den/"]
PAGES = ["", "scams/fake-refund/", *CASES, "statistics/", "scammed/"]
ALL = [lang + path for lang in ("", "en/") for path in PAGES]
A4_MM = (210, 297)

# Text that is only in the theme around a page: header (site name, search, language selector), skip
# link, tabs and sidebars (section names, the table of contents), footer (previous/next, the
# corrections contact), the bar's checker link and text-size control. Each is checked on a page
# only where the page's own text does not say it too.
CHROME = {
    "zh": ["大理州反电信网络诈骗", "跳转至", "搜索", "简体中文", "English", "防范与求助", "分人群防骗指南", "目录",
           "上一页", "下一页", "发现本站内容有误", "这是诈骗吗？", "特大字号"],
    "en": ["Dali Anti-Fraud", "Skip to content", "Search", "简体中文", "Prevention and help", "Guides by reader",
           "Table of contents", "Previous", "Next", "Found an error on this site", "Is this a scam?", "largest text"],
}
RADICALS = "\u2e80-\u2eff"  # CJK radicals supplement: no NFKC mapping, so any of them may stand for a character


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pattern(needle: str) -> re.Pattern:
    parts = []
    for char in squeeze(needle):
        parts.append(f"[{re.escape(char)}{RADICALS}]" if "\u3400" <= char <= "\u9fff" else re.escape(char))
    return re.compile("".join(parts))


@dataclass
class Printed:
    path: str
    pages: list[str]  # each PDF page's text, squeezed
    sizes: list[tuple[float, float]]  # each PDF page in mm
    paper: list[str]  # the sizes the page's @page rules ask for (a browser's print dialog takes it)
    h1: str
    canonical: str
    chrome: list[str]  # the CHROME strings this page has outside its content
    tables: list[tuple[str, str]]  # each content table's first and last body row, as text
    unavoided: list[str]  # tables, figures, notes and headings whose computed break rules let them be cut

    @property
    def text(self) -> str:
        return "".join(self.pages)

    def has(self, needle: str) -> bool:
        return bool(pattern(needle).search(self.text))

    def pages_with(self, needle: str) -> list[int]:
        return [number for number, text in enumerate(self.pages, 1) if pattern(needle).search(text)]


BREAKS = """() => {
  const style = e => getComputedStyle(e);
  const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const article = document.querySelector('article');
  const wrong = [];
  for (const e of article.querySelectorAll('table, figure, .admonition, details, .hotlines')) {
    if (style(e).breakInside !== 'avoid') wrong.push(`${name(e)}: break-inside ${style(e).breakInside}`);
  }
  for (const e of article.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (style(e).display !== 'none' && style(e).breakAfter !== 'avoid') wrong.push(`${name(e)} "${e.innerText}": break-after ${style(e).breakAfter}`);
  }
  return wrong;
}"""
H1 = """() => { const h = document.querySelector('article h1').cloneNode(true);
  h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }"""
PAPER = """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
  .filter(r => r instanceof CSSPageRule).map(r => r.style.getPropertyValue('size')).filter(Boolean)"""
TABLES = """() => [...document.querySelectorAll('article table')].map(t => {
  const rows = [...t.querySelectorAll('tbody tr')];
  return rows.length > 1 ? [rows[0].innerText, rows[rows.length - 1].innerText] : null;
}).filter(Boolean)"""


def print_page(page, site, path: str, artifacts) -> Printed:
    page.goto(site.url + path, wait_until="networkidle")
    article = page.evaluate("document.querySelector('article').innerText")  # as the screen shows it
    h1 = page.evaluate(H1)
    html = page.content()
    page.emulate_media(media="print")
    data = page.pdf(format="A4", print_background=False)
    target = artifacts / "print" / ((path.strip("/").replace("/", "_") or "home") + ".pdf")
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    lang = "en" if path.startswith("en/") else "zh"
    return Printed(
        path=path,
        pages=[squeeze(p.extract_text() or "") for p in reader.pages],
        sizes=[(float(p.mediabox.width) * 25.4 / 72, float(p.mediabox.height) * 25.4 / 72) for p in reader.pages],
        paper=page.evaluate(PAPER),
        h1=h1,
        canonical=page.evaluate("document.querySelector('link[rel=canonical]').href"),
        chrome=[s for s in CHROME[lang] if s in html and s not in article],
        tables=[tuple(rows) for rows in page.evaluate(TABLES)],
        unavoided=page.evaluate(BREAKS),
    )


@pytest.fixture(scope="module")
def printed(browser, served_site, artifacts):
    """Each page printed once (in the light scheme, with scripts run), on first use."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.set_default_timeout(15_000)
    page = context.new_page()
    done: dict[str, Printed] = {}

    def get(path: str) -> Printed:
        if path not in done:
            done[path] = print_page(page, served_site, path, artifacts)
        return done[path]

    yield get
    context.close()


@pytest.mark.parametrize("path", [lang + case for lang in ("", "en/") for case in CASES])
def test_a_case_page_prints_on_at_most_two_a4_sheets(printed, path):
    result = printed(path)
    assert [size.lower() for size in result.paper] == ["a4"], f"the stylesheet asks for {result.paper}, not A4"
    assert all(abs(w - A4_MM[0]) < 1 and abs(h - A4_MM[1]) < 1 for w, h in result.sizes), result.sizes
    assert len(result.pages) <= 2, f"{path} prints on {len(result.pages)} A4 pages"


@pytest.mark.parametrize("path", ALL)
def test_a_printed_page_has_its_text_and_the_hotlines_and_no_navigation(printed, served_site, path):
    result = printed(path)
    problems = []
    if len(result.chrome) < 6:  # enough of the theme's words are there to look for
        problems.append(f"only {len(result.chrome)} navigation strings to look for: {result.chrome}")
    problems += [f"navigation text printed: {s!r}" for s in result.chrome if result.has(s)]
    lang = "en" if path.startswith("en/") else "zh"
    bar = (["Police 110", "National anti-fraud warning line 96110"] if lang == "en"  # the Dali site's data/site.yml
           else ["报警 110", "全国反诈预警劝阻专线 96110"])
    problems += [f"hotline bar missing: {s!r}" for s in bar if not result.has(s)]
    problems += [f"{n} missing" for n in ("110", "96110") if n not in result.text]
    if not result.h1 or not result.has(result.h1):
        problems.append(f"the page's heading {result.h1!r} is missing")
    if result.canonical != served_site.url + path:
        problems.append(f"canonical link {result.canonical!r}, expected {served_site.url + path!r}")
    elif not result.has(result.canonical):
        problems.append(f"the page's address {result.canonical} is not printed")
    assert not problems, f"{path} ({len(result.pages)} pages):\n" + "\n".join(problems)


@pytest.mark.parametrize("path", ALL)
def test_tables_figures_and_notes_are_not_cut_across_pages(printed, path):
    result = printed(path)
    problems = list(result.unavoided)
    checked = 0
    for first, last in result.tables:
        where_first, where_last = result.pages_with(first), result.pages_with(last)
        if len(where_first) != 1 or len(where_last) != 1:
            continue  # a row that reads the same elsewhere cannot say where the table is
        checked += 1
        if where_first != where_last:
            problems.append(f"table cut: {first.split()[0]!r}… on page {where_first[0]}, "
                            f"…{last.split()[0]!r} on page {where_last[0]}")
    if path.endswith(("statistics/", *CASES)) and not checked:
        problems.append(f"no table could be found in the PDF ({len(result.tables)} tables on the page)")
    assert not problems, f"{path}:\n" + "\n".join(problems)


LINKS = """() => {
  const p = document.createElement('p');
  p.innerHTML = 'Out <a href="https://www.example.org/one?x=1">one</a>, in <a href="../tips/">two</a>, '
    + 'here <a href="#top">three</a>, mail <a href="mailto:someone@example.org">someone@example.org</a>.';
  document.querySelector('article').appendChild(p);
}"""


@pytest.mark.parametrize("path", ["scammed/", "en/scammed/"])
def test_a_link_to_another_site_prints_its_address_and_an_internal_link_does_not(browser, served_site, path):
    """The site's pages link to no other website today: the test adds one, beside links of the other kinds."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served_site.url + path, wait_until="networkidle")
        page.evaluate(LINKS)
        text = squeeze("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(
            page.pdf(format="A4", print_background=False))).pages))
    finally:
        context.close()
    assert "one(https://www.example.org/one?x=1)" in text
    assert "../tips/" not in text and "#top" not in text and "mailto:" not in text
    assert "two," in text and "three," in text and "someone@example.org." in text


COLOURS = """() => {
  document.getAnimations().forEach(a => a.finish());  // Material's links fade to their new colour on screen
  const colour = s => { const e = document.querySelector(s); return e && getComputedStyle(e).color; };
  const shown = s => { const e = document.querySelector(s); return !!e && getComputedStyle(e).display !== 'none'; };
  const banner = document.querySelector('.md-banner');
  return {
    bar: shown('.hotline-bar'), box: shown('article .hotlines'),
    bar_text: colour('.hotline-bar'), bar_number: colour('.hotline-bar a[href="tel:96110"]'),
    box_number: colour('article .hotline .hotline__number'), text: colour('article p'), heading: colour('article h1'),
    banner_background: getComputedStyle(banner).backgroundColor,
    box_background: getComputedStyle(document.querySelector('article .hotline')).backgroundColor,
  };
}"""
BLACK, CLEAR = "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "en/"])
def test_the_hotlines_print_black_on_white_in_either_scheme(browser, served_site, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(served_site.url + path, wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        page.emulate_media(media="print")
        found = page.evaluate(COLOURS)
    finally:
        context.close()
    expected = {"bar": True, "box": True, "bar_text": BLACK, "bar_number": BLACK, "box_number": BLACK, "text": BLACK,
                "heading": BLACK, "banner_background": CLEAR, "box_background": CLEAR}
    assert found == expected

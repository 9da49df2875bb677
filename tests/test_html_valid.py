"""Every built page is valid HTML: the Nu Html Checker (vnu.jar, pinned as the npm package vnu-jar) over every
*.html file of the real build, both languages and the 404 pages, with zero errors of the project's own.

Three kinds of error come from Material's own templates, on pages the project does not write; each is listed in
THEME_ERRORS with the template it comes from and why it is not overridden here, matched by vnu's exact message
and the exact tag vnu points at, never more. A listed error that no longer occurs fails the test too: Material
has fixed it, and its entry is to be removed.
"""
from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from fraudsite.project import ROOT

pytestmark = pytest.mark.build
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = ".venv/lib/python3.11/site-packages/material/templates/"


@dataclass(frozen=True)
class ThemeError:
    message: str  # vnu's message, exactly
    tag: str  # a regular expression the whole tag vnu points at must match
    template: str  # Material's template that writes it
    reason: str  # why it is listed rather than fixed by an override

    def matches(self, error: dict) -> bool:
        return error["message"] == self.message and re.fullmatch(self.tag, tag_of(error)) is not None


THEME_ERRORS = (
    ThemeError(
        message="Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, "
                "“text”, “time”, “url”, or “week”.",
        tag=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
            r'autocomplete="off">',
        template=MATERIAL + "base.html (the two toggles at the top of <body>)",
        reason="written outside any template block: removing it means copying all of base.html"),
    ThemeError(
        message="Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
        tag=r'<label class="md-nav__link ?(md-nav__link--active)?" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" '
            r'tabindex="">',
        template=MATERIAL + "partials/nav-item.html (tabindex=\"{{ tabindex }}\", empty for a section with "
                            "navigation.sections)",
        reason="inside the render macro of a 170-line partial that cannot be overridden in part"),
    ThemeError(
        message="The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        tag=r'<label class="md-nav__title" for="__toc">',
        template=MATERIAL + "partials/toc.html (the sidebar's table-of-contents title); the __toc checkbox it "
                            "names is written by partials/nav-item.html only for a page in the navigation that is "
                            "not a section's index page (navigation.indexes), so index and case pages lack it",
        reason="the label is styled by its for attribute ([for=__toc]), and knowing whether the checkbox exists "
               "would mean repeating nav-item.html's logic in an override"),
)


def tag_of(error: dict) -> str:
    """The text vnu highlights (for these errors, the whole start tag; vnu sometimes takes in the white space
    before it, as on the example site's English About page)."""
    extract, start = error.get("extract", ""), error.get("hiliteStart", 0)
    return extract[start:start + error.get("hiliteLength", 0)].strip()


def where(error: dict, root: Path) -> str:
    url = error.get("url", "")
    name = url.removeprefix("file:")
    try:
        name = Path(name).relative_to(root).as_posix()
    except ValueError:
        pass
    return f"{name}:{error.get('lastLine', '?')}:{error.get('firstColumn', error.get('lastColumn', '?'))}"


@functools.cache
def vnu(files: tuple[Path, ...]) -> list[dict]:
    """vnu's errors (and the files it could not check) over ``files``, as its JSON messages; one run of the
    checker for the tests that share the same files. A missing java or vnu.jar fails each test that needs them."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed: run `make test`, which installs default-jre-headless for the "
                    "Nu Html Checker", pytrace=False)
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make test`, which runs npm ci (package.json pins vnu-jar)",
                    pytrace=False)
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always",
                             "--stdout", *map(str, files)], capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu Html Checker did not answer in JSON (exit {result.returncode}):\n"
                    f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}", pytrace=False)
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def sort_out(errors: list[dict]) -> tuple[list[dict], dict[ThemeError, int]]:
    """The project's own errors, and how often each listed theme error occurred."""
    own, seen = [], {theme: 0 for theme in THEME_ERRORS}
    for error in errors:
        theme = next((theme for theme in THEME_ERRORS if theme.matches(error)), None)
        if theme is None:
            own.append(error)
        else:
            seen[theme] += 1
    return own, seen


def report(errors: list[dict], root: Path) -> str:
    return "\n".join(f"{where(e, root)}: {e['message']}\n    {tag_of(e) or e.get('extract', '').strip()}"
                     for e in errors)


@pytest.fixture(scope="module")
def site_pages(built_site):
    return built_site.root, tuple(sorted(built_site.root.rglob("*.html")))


def test_every_page_is_valid_html(site_pages):
    root, pages = site_pages
    names = {page.relative_to(root).as_posix() for page in pages}
    assert {"index.html", "en/index.html", "404.html", "en/404.html"} <= names, "both languages, 404s included"
    own, _seen = sort_out(vnu(pages))
    assert not own, (f"the Nu Html Checker finds {len(own)} error(s) in {len(pages)} pages:\n"
                     + report(own, root))


def test_every_listed_theme_error_still_occurs(site_pages):
    """When Material fixes one, its entry in THEME_ERRORS goes."""
    _root, pages = site_pages
    _own, seen = sort_out(vnu(pages))
    gone = [theme for theme, count in seen.items() if count == 0]
    assert not gone, "no longer reported, remove from THEME_ERRORS:\n" + "\n".join(
        f"{theme.template}: {theme.message}" for theme in gone)


# Each breakage turns a built page into one with a new error of the project's own, which the check must report
# with its file and line; the last two are a theme error's message on another element, which is not excused.
BREAKAGES = {
    "the chart caption between the chart and its table (issue 13)": (
        re.compile(r"(<figcaption>.*?</figcaption>)\n(<p><svg.*?</svg></p>)", re.S), r"\2\n\1",
        "Element “table” not allowed as child of element “figure” in this context."),
    "an id used twice": (
        re.compile(r"(<article[^>]*>)"), r'\1<p id="twice">x</p><p id="twice">y</p>', "Duplicate ID “twice”."),
    "an empty tabindex outside the navigation": (
        re.compile(r"(<article[^>]*>)"), r'\1<label class="md-nav__link" tabindex="">x</label>',
        "Bad value “” for attribute “tabindex” on element “label”"),
    "a label for a control that is not there": (
        re.compile(r"(<article[^>]*>)"), r'\1<label class="md-nav__title" for="nothing">x</label>',
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control."),
}


@pytest.fixture(scope="module")
def broken_pages(built_site, tmp_path_factory):
    """Each breakage applied to its own copy of a built page, all checked in one run of the checker."""
    root = tmp_path_factory.mktemp("broken")
    pages = []
    for number, (pattern, replacement, _message) in enumerate(BREAKAGES.values()):
        page = root / str(number) / "en" / "statistics" / "index.html"
        page.parent.mkdir(parents=True)
        text, count = pattern.subn(replacement, built_site.html("en/statistics/"), count=1)
        assert count == 1, "the page to break has changed: update BREAKAGES"
        page.write_text(text, encoding="utf-8")
        pages.append(page)
    return root, tuple(pages)


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_new_error_fails_the_check(broken_pages, breakage):
    root, pages = broken_pages
    own, _seen = sort_out(vnu(pages))
    number = list(BREAKAGES).index(breakage)
    message = BREAKAGES[breakage][2]
    found = [e for e in own if e["message"].startswith(message)
             and e["url"].endswith(f"/{number}/en/statistics/index.html")]
    assert found, f"not reported: {message}\nreported:\n{report(own, root)}"
    assert report(found, root).startswith(f"{number}/en/statistics/index.html:")

"""Careless and hostile input, one at a time, against a site that was built once.

Every breakage must stop the build with a first line that names the file and
the line and says what to do, and leave site/ byte for byte as it was. Input
that is legitimate but looks dangerous (markup in a title) must build, and be
published as inert text. The last test loads such a site in Chromium.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import CONTACT, BuildFailed, build_project, copy_project
from fraudsite.project import SOURCE_DOCUMENT

pytestmark = pytest.mark.build
BINCHUAN = "data/cases/2021-binchuan-218.yml"


def snapshot(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


# --------------------------------------------------------------------------- editing helpers

def line_of(path: Path, text: str, after: str | None = None) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start) if text in line) + 1


def replace(project: Path, name: str, old: str, new: str, after: str | None = None) -> int:
    """Replace ``old`` (on its first line after ``after``) by ``new``; return that line."""
    path = project / name
    line = line_of(path, old.splitlines()[0], after)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = "".join(lines[line - 1:])
    assert old in text, old
    path.write_text("".join(lines[: line - 1]) + text.replace(old, new, 1), encoding="utf-8")
    return line


def append(project: Path, name: str, text: str) -> int:
    """Add ``text`` at the end of a page; return the line it starts on."""
    path = project / name
    current = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(current + text + "\n", encoding="utf-8")
    return current.count("\n") + 1


@dataclass
class Expect:
    file: str
    line: int | None
    words: tuple[str, ...] = ()
    mode: str = "release"
    env: dict = field(default_factory=dict)


def b(name: str):
    def register(function):
        BREAKAGES[name] = function
        return function
    return register


BREAKAGES: dict = {}


# --------------------------------------------------------------------------- data

@b("figure-negative")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "value: 87", "value: -87"), ("negative",))


@b("figure-corrupt-yaml")
def _(p):
    line = replace(p, "data/figures.yml", "    value: 919\n", "    value: [919\n")
    return Expect("data/figures.yml", line + 1, ("YAML",))


@b("figure-missing-field")
def _(p):
    replace(p, "data/figures.yml", "    scope: prefecture\n", "", after="- id: arrests_2021q1")
    return Expect("data/figures.yml", line_of(p / "data/figures.yml", "- id: arrests_2021q1"), ("scope", "missing"))


@b("figure-ill-typed")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "value: 87", "value: eighty-seven"),
                  ("figures.1.value",))


@b("figure-quoted-number")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "value: 87", 'value: "87"'), ("figures.1.value",))


@b("figure-duplicate-id")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "- id: arrests_2021q1_yoy", "- id: arrests_2021q1"),
                  ("duplicate figure id",))


@b("figure-unknown-unit")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "unit: person", "unit: persons",
                                              after="- id: arrests_2021q1"), ("unknown unit 'persons'",))


@b("yaml-duplicate-key")
def _(p):
    line = replace(p, "data/figures.yml", "    value: 87\n", "    value: 87\n    value: 88\n")
    return Expect("data/figures.yml", line + 1, ("written twice",))


def _laughs(previous: str) -> str:
    return ", ".join([f"*{previous}" if previous else '"lol"'] * 9)


BILLION_LAUGHS = "".join(f"{name}: &{name} [{_laughs(previous)}]\n"
                         for previous, name in zip(["", *"abcdefgh"], "abcdefghi"))


@b("yaml-alias-bomb")
def _(p):
    """Nine levels of aliases (9**9 strings): refused from the tokens, before anything is built."""
    path = p / "data/glossary.yml"
    path.write_text(BILLION_LAUGHS + path.read_text(encoding="utf-8"), encoding="utf-8")
    return Expect("data/glossary.yml", 1, ("anchor", "aliases are not used"))


@b("yaml-alias-in-a-case")
def _(p):
    line = replace(p, BINCHUAN, "county: binchuan", "county: &c binchuan")
    return Expect(BINCHUAN, line, ("anchor (&) 'c'",))


@b("yaml-alias-in-front-matter")
def _(p):
    path = p / "docs/tips.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nx: &x [1]\n", 1), encoding="utf-8")
    return Expect("docs/tips.en.md", 2, ("anchor",))


@b("yaml-leading-zero")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "value: 87", "value: 087"), ("leading zero",))


@b("yaml-impossible-date")
def _(p):
    return Expect(BINCHUAN, replace(p, BINCHUAN, "date: 2021-02-18", "date: 2021-02-30"), ("not a real date",))


@b("rate-above-100-percent")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "value: 30.09", "value: 130.09"),
                  ("more than 100",))


@b("value-not-in-its-quote")
def _(p):
    # a contributor "corrects" the frozen amount; the quote beside it still says 3519万元
    return Expect("data/figures.yml", line_of(p / "data/figures.yml", "- id: amount_frozen"),
                  ("35290000", "not in its quote")) if replace(
        p, "data/figures.yml", "value: 35190000", "value: 35290000") else None


@b("more-than-in-the-quote-but-exact-in-the-data")
def _(p):
    replace(p, "data/figures.yml", "    qualifier: more_than\n", "", after="- id: cases_verified")
    return Expect("data/figures.yml", line_of(p / "data/figures.yml", "- id: cases_verified"), ("more_than",))


@b("formula-in-a-label")
def _(p):
    return Expect("data/figures.yml", replace(p, "data/figures.yml", "label: {zh: 电信诈骗破案率",
                                              "label: {zh: =HYPERLINK(1)电信诈骗破案率"), ("formula",))


@b("case-county-outside-prefecture")
def _(p):
    return Expect(BINCHUAN, replace(p, BINCHUAN, "county: binchuan", "county: kunming"), ("kunming",))


@b("case-date-in-the-future")
def _(p):
    return Expect(BINCHUAN, replace(p, BINCHUAN, "date: 2021-02-18", "date: 2099-02-18"), ("in the future",))


@b("case-date-before-2000")
def _(p):
    return Expect(BINCHUAN, replace(p, BINCHUAN, "date: 2021-02-18", "date: 1999-02-18"), ("before 2000",))


@b("case-year-differs-from-its-file-name")
def _(p):
    return Expect(BINCHUAN, replace(p, BINCHUAN, "date: 2021-02-18", "date: 2020-02-18"), ("starts with 2021",))


@b("data-file-ending-in-yaml")
def _(p):
    (p / "data/cases/2021-binchuan-218.yml").rename(p / "data/cases/2021-binchuan-218.yaml")
    return Expect("data/cases/2021-binchuan-218.yaml", None, ("rename it to 2021-binchuan-218.yml",))


@b("case-file-in-the-wrong-folder")
def _(p):
    shutil.copy(p / BINCHUAN, p / "data/2021-binchuan-219.yml")
    return Expect("data/2021-binchuan-219.yml", None, ("data/cases/",))


@b("case-file-with-a-bom")
def _(p):
    (p / BINCHUAN).write_bytes(b"\xef\xbb\xbf" + (p / BINCHUAN).read_bytes())
    return Expect(BINCHUAN, 1, ("byte-order mark",))


@b("case-file-in-gbk")
def _(p):
    text = (p / BINCHUAN).read_text(encoding="utf-8")
    (p / BINCHUAN).write_bytes(text.encode("gb18030"))
    first = next(n for n, line in enumerate(text.splitlines(), 1) if any(ord(c) > 127 for c in line))
    return Expect(BINCHUAN, first, ("not saved as UTF-8", "GBK"))


@b("case-without-pages")
def _(p):
    shutil.copy(p / BINCHUAN, p / "data/cases/2021-binchuan-219.yml")
    return Expect("data/cases/2021-binchuan-219.yml", None, ("no pages",))


@b("case-figure-typed-in-its-summary")
def _(p):
    return Expect(BINCHUAN, replace(p, BINCHUAN, "而被骗；", "而被骗71万元；"), ("typed by hand",))


# --------------------------------------------------------------------------- pages

@b("page-unknown-figure")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", "今年抓获{{ figure no_such_figure }}。"),
                  ("no_such_figure",))


@b("page-typed-figure")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md", "Police arrested 87 people."),
                  ("{{ figure arrests_2021q1 }}",))


@b("page-typed-date")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md", "The interviews were on 20 April."),
                  ("{{ figure interview_date }}",))


@b("page-script")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", "<script>alert(1)</script>"), ("script",))


@b("page-iframe")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", '<iframe src="/x"></iframe>'), ("iframe",))


@b("finished-html-svg-onload")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md", "<svg/onload=alert(1)></svg>"), ("onload",))


@b("finished-html-entity-encoded-javascript")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md", '<a href="java&#115;cript:alert(1)">win</a>'),
                  ("javascript:",))


@b("finished-html-remote-srcset")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md",
                                            '<img alt="x" src="../../assets/logo.svg" srcset="https://evil.example/x.png 2x">'),
                  ("another host",))


@b("finished-html-srcset-after-a-local-image")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md",
                                            '<img alt="x" src="../../assets/logo.svg" srcset="../../assets/logo.svg 1x, '
                                            'https://evil.example/x.png 2x">'), ("srcset",))


@b("finished-html-style-element")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md",
                                            "<style>body{background:url(https://evil.example/x.png)}</style>"),
                  ("<style>",))


@b("finished-html-fake-form-field")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md", '<input placeholder="bank card PIN">'),
                  ("<input>", "phishing"))


@b("tel-link-with-a-letter-o")
def _(p):
    line = append(p, "docs/tips.en.md", "Call [9611O](tel:9611O).")
    return Expect("docs/tips.en.md", line, ("tel:9611O", "not a phone number"))


@b("tel-link-showing-another-number")
def _(p):
    line = append(p, "docs/tips.en.md", "Call [9611O](tel:96110).")
    return Expect("docs/tips.en.md", line, ("not the number it dials",))


@b("link-to-a-look-alike-host")
def _(p):
    line = append(p, "docs/tips.zh.md", "见[公安部](https://www.mps.gov.cn.example-secure.com/)。")
    return Expect("docs/tips.zh.md", line, ("www.mps.gov.cn.example-secure.com", "external_hosts"))


@b("link-to-a-protocol-relative-host")
def _(p):
    line = append(p, "docs/tips.en.md", '<a href="//phish.example.com/">the Ministry</a>')
    return Expect("docs/tips.en.md", line, ("phish.example.com", "external_hosts"))


@b("external-hosts-not-a-host-name")
def _(p):
    replace(p, "mkdocs.yml", "  external_hosts: []\n", "  external_hosts: [https://www.mps.gov.cn/]\n")
    return Expect("mkdocs.yml", None, ("extra.external_hosts", "not a host name"))


@b("marker-unclosed")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", "抓获{{ figure arrests_2021q1 名。"), ("'{{'",))


@b("marker-single-braces")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", "抓获{ figure arrests_2021q1 }。"), ("single braces",))


@b("marker-full-width-braces")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", "抓获｛｛ figure arrests_2021q1 ｝｝。"), ("full-width",))


@b("hook-missing-from-mkdocs-yml")
def _(p):
    replace(p, "mkdocs.yml", "hooks:\n  - hooks/site_hook.py\n", "")
    return Expect("mkdocs.yml", None, ("hooks/site_hook.py", "not listed"))


@b("english-page-left-in-chinese")
def _(p):
    shutil.copy(p / "docs/tips.zh.md", p / "docs/tips.en.md")
    return Expect("docs/tips.en.md", None, ("mostly in Chinese", "translate"))


@b("english-page-a-copy-of-the-chinese")
def _(p):
    text = (p / "docs/about.zh.md").read_text(encoding="utf-8")
    (p / "docs/about.en.md").write_text("---\ndescription: About us.\n---\n" + text.split("---\n", 2)[2],
                                        encoding="utf-8")
    return Expect("docs/about.en.md", None, ("Chinese",))


@b("term-rendered-two-ways")
def _(p):
    line = replace(p, "docs/channels.en.md", "three don't" + "s and one more check” (三不一多) below",
                   "three don'ts and one more” (三不一多) below")
    return Expect("docs/channels.en.md", line, ("term", "three don'ts and one more check (三不一多)"))


@b("term-rendered-another-way-in-data")
def _(p):
    line = replace(p, "data/channels.yml", "three don'ts and one more check” (三不一多)",
                   "three noes and a check” (三不一多)")
    return Expect("data/channels.yml", line, ("term", "data/glossary.yml"))


@b("quote-unknown")
def _(p):
    line = append(p, "docs/tips.en.md", "{{ quote ding-regrets }}")
    return Expect("docs/tips.en.md", line, ("unknown quote 'ding-regrets'", "ding-regret"))


@b("quote-id-written-twice")
def _(p):
    line = replace(p, "data/quotes.yml", "  - id: luo-warning", "  - id: ding-regret")
    return Expect("data/quotes.yml", line, ("duplicate quote id",))


@b("nav-section-without-english-name")
def _(p):
    line = replace(p, "mkdocs.yml", "  - 关于:\n", "  - 关于:\n      - 新栏目:\n          - glossary.md\n")
    return Expect("mkdocs.yml", line + 1, ("新栏目", "nav_translations"))


@b("description-with-an-unquoted-colon")
def _(p):
    path = p / "docs/tips.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text("---\ndescription: Tips: how to stay safe\n---\n" + text.split("---\n", 2)[2], encoding="utf-8")
    return Expect("docs/tips.en.md", 2, ("quotes",))


@b("page-without-description")
def _(p):
    path = p / "docs/tips.en.md"
    path.write_text(path.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    return Expect("docs/tips.en.md", 1, ("no front matter",))


@b("page-with-a-bom")
def _(p):
    (p / "docs/tips.zh.md").write_bytes(b"\xef\xbb\xbf" + (p / "docs/tips.zh.md").read_bytes())
    return Expect("docs/tips.zh.md", 1, ("byte-order mark",))


@b("page-in-gbk")
def _(p):
    text = (p / "docs/tips.zh.md").read_text(encoding="utf-8")
    (p / "docs/tips.zh.md").write_bytes(text.encode("gb18030"))
    first = next(n for n, line in enumerate(text.splitlines(), 1) if any(ord(c) > 127 for c in line))
    return Expect("docs/tips.zh.md", first, ("not saved as UTF-8",))


@b("missing-translation")
def _(p):
    (p / "docs/tips.en.md").unlink()
    return Expect("docs/tips.zh.md", None, ("docs/tips.en.md", "English counterpart"))


@b("page-without-language-suffix")
def _(p):
    (p / "docs/notes.md").write_text("---\ndescription: x\n---\n# Notes\n", encoding="utf-8")
    return Expect("docs/notes.md", None, ("language suffix",))


@b("text-file-among-the-pages")
def _(p):
    (p / "docs/notes.txt").write_text("draft", encoding="utf-8")
    return Expect("docs/notes.txt", None, ("not a page",))


@b("case-page-without-data")
def _(p):
    for lang in ("zh", "en"):
        shutil.copy(p / f"docs/tips.{lang}.md", p / f"docs/cases/2021-dali-x.{lang}.md")
    return Expect("docs/cases/2021-dali-x.", None, ("data/cases/2021-dali-x.yml",))


def _outside(p: Path) -> Path:
    """A folder beside the project, not in it."""
    folder = p.parent / "outside"
    folder.mkdir(exist_ok=True)
    return folder


@b("page-linked-from-outside-the-repository")
def _(p):
    for lang in ("zh", "en"):
        target = _outside(p) / f"outside.{lang}.md"
        shutil.copy(p / f"docs/tips.{lang}.md", target)
        (p / f"docs/outside.{lang}.md").symlink_to(target)
    return Expect("docs/outside.", None, ("outside the repository", "copy the file into the repository"))


@b("case-file-linked-from-outside-the-repository")
def _(p):
    target = _outside(p) / "case.yml"
    shutil.copy(p / BINCHUAN, target)
    (p / BINCHUAN).unlink()
    (p / BINCHUAN).symlink_to(target)
    return Expect(BINCHUAN, None, ("outside the repository",))


@b("folder-of-pages-linked-from-outside-the-repository")
def _(p):
    target = _outside(p) / "more"
    target.mkdir(exist_ok=True)
    for lang in ("zh", "en"):
        shutil.copy(p / f"docs/tips.{lang}.md", target / f"more.{lang}.md")
    (p / "docs/more").symlink_to(target, target_is_directory=True)
    return Expect("docs/more", None, ("outside the repository",))


@b("image-linked-from-outside-the-repository")
def _(p):
    target = _outside(p) / "x.svg"
    shutil.copy(p / "docs/assets/logo.svg", target)
    (p / "docs/assets/x.svg").symlink_to(target)
    return Expect("docs/assets/x.svg", None, ("outside the repository",))


@b("page-pair-with-only-a-title")
def _(p):
    (p / "docs/empty.zh.md").write_text("---\ndescription: 空页。\n---\n\n# 空页\n", encoding="utf-8")
    (p / "docs/empty.en.md").write_text("---\ndescription: An empty page.\n---\n\n# Empty\n", encoding="utf-8")
    return Expect("docs/empty.zh.md", 4, ("no text",))


@b("page-in-no-navigation")
def _(p):
    for lang in ("zh", "en"):
        shutil.copy(p / f"docs/tips.{lang}.md", p / f"docs/orphan.{lang}.md")
    return Expect("docs/orphan.", None, ("not in the navigation", "nav:"))


@b("page-of-five-megabytes")
def _(p):
    append(p, "docs/tips.en.md", ("Stay calm and hang up. " * 40 + "\n\n") * 5500)
    return Expect("docs/tips.en.md", None, ("bytes, over the limit of 100,000",))


@b("case-summary-of-five-megabytes")
def _(p):
    line = replace(p, BINCHUAN, '  en: "In a case in Jinniu', '  en: "' + "A story pasted twice. " * 240000 + "In a case")
    return Expect(BINCHUAN, line, ("summary is 5,28", "over the limit of 1,000"))


CASE_EN = "docs/cases/2021-binchuan-218.en.md"


@b("case-page-amount-not-in-its-data")
def _(p):
    line = replace(p, CASE_EN, "as much as {{ figure case.2021-binchuan-218.loss }}. Once", "as much as CNY 12,000. Once")
    return Expect(CASE_EN, line, ("'12,000' is not a figure of this case", "710000 (case.2021-binchuan-218.loss)"))


@b("case-page-amount-in-wan")
def _(p):
    line = append(p, "docs/cases/2021-binchuan-218.zh.md", "她最后只追回了1.2万元。")
    return Expect("docs/cases/2021-binchuan-218.zh.md", line, ("'1.2万' is not a figure of this case",))


@b("case-page-amount-in-full-width-digits")
def _(p):
    line = append(p, CASE_EN, "She had borrowed CNY１２０００ as well.")
    return Expect(CASE_EN, line, ("'12000' is not a figure of this case",))


@b("case-page-count-not-in-its-data")
def _(p):
    line = append(p, CASE_EN, "In all, 3 people were arrested.")
    return Expect(CASE_EN, line, ("'3' is not a figure of this case",))


@b("checker-outcome-that-reassures")
def _(p):
    line = replace(p, "data/checker.yml", "    zh: 这还说明不了什么。", "    zh: 那你是安全的，可以放心。")
    return Expect("data/checker.yml", line, ("labels.none.zh", "安全", "reassures"))


@b("checker-outcome-that-reassures-in-english")
def _(p):
    line = replace(p, "data/checker.yml", '    en: "That does not settle it.', '    en: "Nothing to worry about.')
    return Expect("data/checker.yml", line, ("labels.none.en", "Nothing to worry"))


@b("channels-phone-with-a-letter-o")
def _(p):
    line = replace(p, "data/channels.yml", "      zh: 110是公安机关", "      zh: 11O是公安机关")
    return Expect("data/channels.yml", line, ("'11O'", "phone"))


@b("channels-phone-with-letters")
def _(p):
    line = replace(p, "data/channels.yml", "      en: 110 is the police emergency number",
                   "      en: 400-FRAUD-110 is the police emergency number")
    return Expect("data/channels.yml", line, ("'400-FRAUD-110'", "phone"))


@b("half-width-punctuation-in-chinese")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", "接到电话,先挂断。"), ("'，'",))


@b("broken-link")
def _(p):
    return Expect("docs/tips.zh.md", append(p, "docs/tips.zh.md", "见[旧页面](old-page.md)。"), ("old-page.md",))


@b("todo-left-in-a-page")
def _(p):
    return Expect("docs/tips.en.md", append(p, "docs/tips.en.md", "TODO: check this paragraph."), ("TODO", "make serve"))


@b("untouched-new-case-stub")
def _(p):
    from fraudsite import newcase
    newcase.create_case(p, "2026-dali-example")
    return Expect("data/cases/2026-dali-example.yml", None, ("unfinished",))


UPDATE = "docs/updates/2021-04-22-dali-report"


@b("update-without-a-date")
def _(p):
    replace(p, f"{UPDATE}.zh.md", "date: 2021-04-22\n", "")
    return Expect(f"{UPDATE}.zh.md", 2, ("has no date", "date: YYYY-MM-DD"))


@b("update-date-not-a-real-day")
def _(p):
    return Expect(f"{UPDATE}.zh.md", replace(p, f"{UPDATE}.zh.md", "date: 2021-04-22", "date: 2021-04-31"),
                  ("not a real date",))


@b("update-date-disagrees-with-the-english-page")
def _(p):
    line = replace(p, f"{UPDATE}.en.md", "---\n# News report", "date: 2021-04-23\n---\n# News report",
                   after="description:")
    return Expect(f"{UPDATE}.en.md", line, ("disagrees", f"{UPDATE}.zh.md:3 says 2021-04-22"))


@b("update-date-disagrees-with-its-file-name")
def _(p):
    return Expect(f"{UPDATE}.zh.md", replace(p, f"{UPDATE}.zh.md", "date: 2021-04-22", "date: 2021-04-21"),
                  ("the file name says 2021-04-22",))


@b("untouched-new-update-stub")
def _(p):
    from fraudsite import newupdate
    newupdate.create_update(p, "2026-example")
    return Expect("docs/updates/2026-example.zh.md", 4, ("unfinished", "date"))


RELEASE_ONLY = {"FRAUDSITE_LOCAL_RELEASE": ""}  # the tests' builds may name loopback hosts; a real release may not


@b("placeholder-site-address")
def _(p):
    return Expect("mkdocs.yml", None, ("placeholder", "SITE_URL"),
                  env={"SITE_URL": "https://fanzha.example.org/", **RELEASE_ONLY})


def _setting(name: str, value: str, words: tuple[str, ...], release_only: bool = False):
    public = {"SITE_URL": "https://fanzha.dali.gov.cn/"} if release_only else {}  # so only ``name`` is wrong
    env = {**public, name: value, **(RELEASE_ONLY if release_only else {})}
    return lambda p: Expect("mkdocs.yml", None, (f"{name}:",) + words, env=env)


for _name, _value in {"todo": "TODO", "script": "<script>alert(1)</script>", "javascript": "javascript:alert(1)",
                      "attribute": 'a@b.gov.cn" onmouseover="alert(1)', "markup": "https://report.gov.cn/ <b>x</b>"}.items():
    BREAKAGES[f"corrections-contact-{_name}"] = _setting("CORRECTIONS_CONTACT", _value, ("not an e-mail address",))
for _name, _value in {"localhost": "http://localhost/", "loopback": "http://127.0.0.1:8000/",
                      "private": "https://192.168.1.10/", "upper-case-placeholder": "https://FANZHA.EXAMPLE.ORG/"}.items():
    BREAKAGES[f"site-url-{_name}"] = _setting("SITE_URL", _value, ("leads nowhere",), release_only=True)
BREAKAGES["site-url-query"] = _setting("SITE_URL", "https://fanzha.dali.gov.cn/?x=1", ("query",))
BREAKAGES["site-url-quote"] = _setting("SITE_URL", 'https://fanzha.dali.gov.cn/"x', ("quote",))
BREAKAGES["corrections-contact-example-org"] = _setting("CORRECTIONS_CONTACT", "fanzha@example.org", ("leads nowhere",),
                                                        release_only=True)


@b("no-corrections-contact")
def _(p):
    return Expect("mkdocs.yml", None, ("corrections", "CORRECTIONS_CONTACT"), env={"CORRECTIONS_CONTACT": ""})


@b("nav-names-a-missing-page")
def _(p):
    line = replace(p, "mkdocs.yml", "      - glossary.md\n", "      - glossary.md\n      - glosary.md\n")
    return Expect("mkdocs.yml", line + 1, ("'glosary.md' is not a page",))


@b("style-sheet-missing")
def _(p):
    replace(p, "mkdocs.yml", "extra:\n", "extra_css:\n  - assets/extra.css\n\nextra:\n")  # a site's own style sheet
    return Expect("mkdocs.yml", line_of(p / "mkdocs.yml", "assets/extra.css"), ("extra_css", "assets/extra.css"))


@b("favicon-missing")
def _(p):
    (p / "docs/assets/favicon.svg").unlink()
    return Expect("mkdocs.yml", line_of(p / "mkdocs.yml", "assets/favicon.svg"), ("theme.favicon", "is not in docs/"))


@b("engine-style-sheet-replaced")
def _(p):
    (p / "docs/assets/site.css").write_text("body { display: none; }\n", encoding="utf-8")
    return Expect("docs/assets/site.css", None, ("the engine's own file",))


@b("data-folder-missing")
def _(p):
    shutil.rmtree(p / "data")
    return Expect("data", None, ("folder", "is missing"))


@b("image-in-html-to-a-missing-file")
def _(p):
    line = append(p, "docs/tips.zh.md", '<img src="../assets/missing.png" alt="海报">')
    return Expect("docs/tips.zh.md", line, ("'../assets/missing.png' leads to no file",))


@b("image-in-html-on-an-english-page")
def _(p):
    line = append(p, "docs/tips.en.md", '<img src="../assets/logo.svg" alt="logo">')  # /en/assets/ does not exist
    return Expect("docs/tips.en.md", line, ("leads to no file",))


@b("mkdocs-yml-invalid-yaml")
def _(p):
    line = replace(p, "mkdocs.yml", "theme:\n", "theme: [\n")
    return Expect("mkdocs.yml", line, ())


@b("mkdocs-yml-unknown-setting")
def _(p):
    line = replace(p, "mkdocs.yml", "docs_dir: docs\n", "docs_dir: docs\nno_such_setting: 1\n")
    return Expect("mkdocs.yml", line + 1, ("no_such_setting",))


@b("mkdocs-yml-unknown-theme")
def _(p):
    return Expect("mkdocs.yml", line_of(p / "mkdocs.yml", "theme:"),
                  ("no_such_theme",)) if replace(p, "mkdocs.yml", "  name: material\n", "  name: no_such_theme\n") else None


# --------------------------------------------------------------------------- the runs

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("safebuild") / "project")
    site = build_project(project)
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()
    pristine = tmp_path_factory.mktemp("pristine") / "project"
    shutil.copytree(project, pristine, ignore=shutil.ignore_patterns("site"))
    return project, pristine, site, snapshot(site)


@pytest.fixture()
def project(built):
    project, pristine, site, before = built
    yield project
    for part in ("docs", "data", "mkdocs.yml"):  # put back exactly what was there
        target = project / part
        if (pristine / part).is_dir():  # a breakage may have removed the folder
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(pristine / part, target, symlinks=True)
        else:
            shutil.copy2(pristine / part, target)


@pytest.mark.parametrize("name", BREAKAGES)
def test_bad_input_stops_the_build_and_leaves_the_site_as_it_was(built, project, name):
    _project, _pristine, site, before = built
    expected = BREAKAGES[name](project)
    with pytest.raises(BuildFailed) as failure:
        build_project(project, mode=expected.mode, env=expected.env)
    message = str(failure.value)
    first = message.splitlines()[0]
    where = f"{expected.file}:{expected.line}:" if expected.line else expected.file
    assert first.startswith(where), f"{name}: the first line should start with {where!r}:\n{message}"
    for words in expected.words:
        assert words in message, f"{name}: {words!r} not in:\n{message}"
    assert "How to fix" in message.split("\n\nBuild failed")[0], f"{name}: no fix suggested:\n{message}"
    assert "Traceback" not in message, f"{name}: a data or page problem must not give a traceback:\n{message}"
    assert message.endswith("site/ was left exactly as it was.")
    assert snapshot(site) == before, f"{name}: site/ changed"
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")], f"{name}: staging left behind"


def test_a_draft_is_previewed_with_a_banner(built, project):
    append(project, "docs/tips.en.md", "TODO: check this paragraph.")
    site = project / "preview-site"
    from fraudbuild.build import build
    build(project / "mkdocs.yml", site, env={"SITE_URL": "http://127.0.0.1:8000/"}, mode="preview")
    page = (site / "en/tips/index.html").read_text(encoding="utf-8")
    assert 'class="draft-banner"' in page and "docs/tips.en.md:" in page
    assert 'class="draft-banner"' not in (site / "tips/index.html").read_text(encoding="utf-8")


def test_an_error_in_the_sites_code_is_named_as_such(project):
    """A Python mistake in fraudsite/ is not the contributor's content: the message says where it is."""
    render = project / "fraudsite" / "contact.py"
    original = render.read_text(encoding="utf-8")
    render.write_text(original.replace('def hotlines(ctx: PageContext) -> str:\n',
                                       'def hotlines(ctx: PageContext) -> str:\n    return undefined_name\n'),
                      encoding="utf-8")
    try:
        result = _cli(project)
    finally:
        render.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith("fraudsite/contact.py:") and "NameError" in first, result.stderr[:2000]
    assert "error in the site's Python code" in result.stderr and "mkdocs.yml" not in first


def _cli(project: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project), "SITE_URL": "http://127.0.0.1:8000/",
           "CORRECTIONS_CONTACT": CONTACT, "FRAUDSITE_LOCAL_RELEASE": "1", **(extra_env or {})}
    if SOURCE_DOCUMENT.exists():
        env["FRAUDSITE_SOURCE_DOCUMENT"] = str(SOURCE_DOCUMENT)
    return subprocess.run([sys.executable, "-m", "fraudbuild.build", "--site-dir", str(project / "cli-site")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


MEASURED = """
import resource, subprocess, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # should the check ever go, fail instead of swapping
started = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)
seconds = time.perf_counter() - started
print(result.returncode, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(result.stderr)
"""


def test_a_yaml_alias_bomb_is_refused_fast_and_small(project):
    """The whole build, as `make site` runs it, with its worker processes: peak resident memory of the
    largest process (ru_maxrss over every waited-for descendant, in a fresh parent) and wall time."""
    path = project / "data/glossary.yml"
    path.write_text(BILLION_LAUGHS + path.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project), "SITE_URL": "http://127.0.0.1:8000/",
           "CORRECTIONS_CONTACT": CONTACT, "FRAUDSITE_LOCAL_RELEASE": "1"}
    result = subprocess.run([sys.executable, "-c", MEASURED, sys.executable, "-m", "fraudbuild.build",
                             "--site-dir", str(project / "cli-site")], cwd=project, env=env, capture_output=True,
                            text=True, timeout=120)
    returncode, seconds, peak_kb = result.stdout.split("\n", 1)[0].split()
    message = result.stdout.split("\n", 1)[1]
    assert returncode == "1" and message.startswith("data/glossary.yml:1: YAML: an anchor"), result.stdout
    assert float(seconds) < 2.0, f"refused in {float(seconds):.2f} s"
    assert int(peak_kb) < 200 * 1024, f"peak resident memory {int(peak_kb) / 1024:.0f} MB"


def test_command_line_reports_failure_first_and_quietly(project):
    line = append(project, "docs/tips.zh.md", "{{ figure no_such_figure }}")
    result = _cli(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines()[0].startswith(f"docs/tips.zh.md:{line}:"), result.stderr
    assert "Building prefix dict" not in result.stderr and "INFO" not in result.stderr, "jieba and MkDocs stay quiet"
    assert not (project / "cli-site").exists(), "a failed first build must not create the site folder"


# --------------------------------------------------------------------------- legitimate input, published inert

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Markup in every kind of data string: a case title and summary, a figure label, a scam type, a glossary term."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    replace(project, BINCHUAN, "title: {zh: 宾川“2·18”交友投资诈骗案", f"title: {{zh: '宾川{HOSTILE}案'")
    replace(project, BINCHUAN, "en: 'The Binchuan", "en: '[x](javascript:alert(1)) The Binchuan")
    replace(project, BINCHUAN, "  zh: 在金牛镇", f"  zh: 'a < b {HOSTILE}'\n  zh_old: 在金牛镇")
    text = (project / BINCHUAN).read_text(encoding="utf-8")
    (project / BINCHUAN).write_text("\n".join(line for line in text.splitlines() if not line.startswith("  zh_old:")) + "\n",
                                    encoding="utf-8")
    replace(project, "data/figures.yml", "label: {zh: 电信诈骗破案率", f"label: {{zh: '电信诈骗破案率{HOSTILE}'")
    replace(project, "data/quotes.yml", 'speaker: {zh: 嫌疑人丁某, en: "Ding, suspect"}',
            f"speaker: {{zh: 嫌疑人丁某, en: 'Ding{HOSTILE}'}}")
    replace(project, "data/catalogue.yml", "fake-loan:         {zh: 虚假网络贷款", f"fake-loan:         {{zh: '虚假网络贷款{HOSTILE}'")
    replace(project, "data/glossary.yml", "      zh: 银行卡（含对公账户）", f"      zh: '{HOSTILE}' \n      zh_old: 银行卡（含对公账户）")
    text = (project / "data/glossary.yml").read_text(encoding="utf-8")
    (project / "data/glossary.yml").write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("      zh_old:")) + "\n", encoding="utf-8")
    return build_project(project)


def test_markup_in_data_is_published_as_text(hostile_site):
    from bs4 import BeautifulSoup
    for page in ("index.html", "cases/index.html", "cases/2021-binchuan-218/index.html", "statistics/index.html",
                 "sources/index.html", "glossary/index.html", "scams/fake-loan/index.html", "en/cases/index.html",
                 "en/cases/2021-binchuan-218/index.html"):
        soup = BeautifulSoup((hostile_site / page).read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        assert not article.find_all("script"), page
        assert not [tag for tag in article.find_all(True) if any(a.startswith("on") for a in tag.attrs)], page
        assert not [a for a in soup.find_all("a", href=True) if a["href"].lower().startswith("javascript")], page
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in home, "the title shows as the text it is"
    quote = (hostile_site / "en/cases/2021-binchuan-218/index.html").read_text(encoding="utf-8")
    assert "– Ding&lt;script&gt;window.__xss=1&lt;/script&gt;" in quote, "a quote's speaker shows as typed"
    for index in ("search/search_index.json", "en/search/search_index.json"):
        text = (hostile_site / index).read_text(encoding="utf-8")  # Material shows these as HTML: tags must be text
        assert "<script" not in text and "<img" not in text, index
    assert "&lt;script&gt;" in (hostile_site / "search/search_index.json").read_text(encoding="utf-8")
    csv = (hostile_site / "figures.csv").read_text(encoding="utf-8")
    assert "电信诈骗破案率<script>" in csv, "open data keeps the text as it is; it is data, not a page"


@pytest.mark.browser
def test_no_script_from_data_runs_in_a_browser(hostile_site, browser):
    import functools
    import http.server
    import threading

    from conftest import free_port

    port = free_port()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("", "cases/", "cases/2021-binchuan-218/", "statistics/", "glossary/", "scams/fake-loan/",
                     "en/cases/", "sources/", "en/cases/2021-binchuan-218/"):
            page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="networkidle")
            assert page.evaluate("typeof window.__xss") == "undefined", path
            page.locator("input.md-search__input").first.dispatch_event("focus")
        assert not dialogs
        context.close()
    finally:
        server.shutdown()

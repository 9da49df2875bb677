"""One name per thing, in both languages: 96110, 三不一多, 骗局类型 / Scam types, 真实案例 / Real cases.

A reader who meets the 96110 line under five names cannot tell whether a caller's "anti-fraud hotline" is
the same thing; the site uses the hotline box's name (data/site.yml) everywhere, the article's own
words only inside verbatim quotes.
"""
from __future__ import annotations

import re

import pytest
import yaml

from fraudsite.labels import LABELS
from fraudsite.project import ROOT

LINE_ZH = "全国反诈预警劝阻专线"
LINE_EN = "national anti-fraud warning line"
THREE_AND_ONE_EN = "three don't(s) and one more check"
SCAM_TYPES = {"zh": "骗局类型", "en": "Scam types"}
REAL_CASES = {"zh": "真实案例", "en": "Real cases"}

NAME_OF_THE_LINE_ZH = re.compile(r"[\u4e00-\u9fff]*(?:反诈|劝阻|预警)[\u4e00-\u9fff]*?(?:专线|咨询电话)")
NAME_OF_THE_LINE_EN = re.compile(r"(\w+ )?anti-fraud(?: [\w-]+){0,3}? (?:line|hotline)\b", re.IGNORECASE)
THREE_AND_ONE = re.compile(r"three don['’]ts?\b(?! and one more check\b)|three no(?:e)?s\b", re.IGNORECASE)
LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)*(scams|cases)/index\.md(?:#[^)]*)?\)")


def _texts():
    """(where, line) for every line a reader may see: pages, data (not the article's verbatim quotes), the 404 page."""
    files = [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "data").rglob("*.yml")),
             ROOT / "fraudbuild" / "overrides" / "404.html"]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(r"\s*(- )?quote:", line):  # the article's words, verbatim
                continue
            yield f"{path.relative_to(ROOT)}:{number}", line


def wrong_names(lines) -> list[str]:
    found = []
    for where, line in lines:
        for match in NAME_OF_THE_LINE_ZH.finditer(line):
            if not match.group(0).endswith(LINE_ZH):
                found.append(f"{where}: “{match.group(0)}”: call 96110 {LINE_ZH}")
        for match in NAME_OF_THE_LINE_EN.finditer(line):
            if match.group(0).lower() != LINE_EN:
                found.append(f"{where}: “{match.group(0)}”: call 96110 the {LINE_EN}")
        for match in THREE_AND_ONE.finditer(line):
            found.append(f"{where}: “{match.group(0)}…”: 三不一多 is the “{THREE_AND_ONE_EN}”")
        for match in LINK.finditer(line):
            lang = "en" if re.search(r"[A-Za-z]", match.group(1)) else "zh"
            wanted = (SCAM_TYPES if match.group(2) == "scams" else REAL_CASES)[lang]
            if match.group(1) != wanted:
                found.append(f"{where}: a link to {match.group(2)}/ reads “{match.group(1)}”: write “{wanted}”")
    return found


@pytest.mark.parametrize("wrong", [
    "96110是全国统一的反诈劝阻专线。",
    "96110是全国统一的反诈预警劝阻咨询电话，有三项用途",
    "the national anti-fraud warning and advice line",
    "call the anti-fraud hotline 96110",
    "remember the three don'ts and one more (三不一多)",
    "see [常见骗局](scams/index.md)",
    "see [Cases](../cases/index.md)",
])
def test_another_name_is_refused(wrong):
    assert wrong_names([("x", wrong)]), wrong


@pytest.mark.parametrize("right", [
    "96110是全国反诈预警劝阻专线。",
    "96110 is China's national anti-fraud warning line.",
    "the “three don'ts and one more check” (三不一多)",
    "see [骗局类型](scams/index.md) and [Real cases](../cases/index.md)",
])
def test_the_chosen_name_passes(right):
    assert wrong_names([("x", right)]) == []


def test_pages_data_and_the_404_page_use_one_name_per_thing():
    found = wrong_names(_texts())
    assert not found, "\n".join(found)


def test_the_hotline_box_the_navigation_and_the_case_listing_use_the_same_names(dataset):
    warning = {lang: dict(dataset.identity.hotlines(lang))["96110"] for lang in ("zh", "en")}  # data/site.yml
    assert warning["zh"] == LINE_ZH and warning["en"].lower() == LINE_EN
    assert LABELS["zh"]["listing"] == REAL_CASES["zh"] and LABELS["en"]["listing"] == REAL_CASES["en"]
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    translations = re.search(r"nav_translations:\n((?:\s{12}.+\n)+)", config).group(1)
    names = yaml.safe_load(translations.replace(" " * 12, ""))
    assert names[SCAM_TYPES["zh"]] == SCAM_TYPES["en"] and names[REAL_CASES["zh"]] == REAL_CASES["en"]
    page_404 = (ROOT / "fraudbuild" / "overrides" / "404.html").read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        assert f">{SCAM_TYPES[lang]}</a>" in page_404
    assert "您" not in page_404  # every page says 你

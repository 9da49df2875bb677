"""No page or data file tells a reader to answer, obey or trust a caller.

People who have just been scammed are the main targets of fake-police follow-up calls, and a
scammer can say "this is 96110". The article (line 54) says only that officers use 96110 to warn
people. So the site never says "do what the officer says" or "it is the police": it says what a
real 96110 officer does (tells you to stop paying, never asks for a transfer, a code or an app)
and to hang up and call 110 yourself when in doubt.
"""
from __future__ import annotations

import re

import pytest

from fraudsite.project import ROOT

WHAT_TO_WRITE = ("say what a real 96110 officer does instead: tells you to stop paying, and never asks for a "
                 "transfer, a code or an app; if in doubt, hang up and call 110 yourself "
                 "(真民警只会劝你停止付款，不会让你转账、说验证码或装App；拿不准，挂断后自己拨打110核实)")

_CLAUSE = r"[^，。；！？,.;!?\n]"
OBEY_THE_CALLER = [re.compile(pattern, re.IGNORECASE) for pattern in (
    # Chinese: do as they say, you must answer, it is the police
    rf"[按照依]{_CLAUSE}{{0,6}}说的[做办]",
    rf"听{_CLAUSE}{{0,3}}(民警|警察|对方|工作人员){_CLAUSE}{{0,4}}(的话|说完|安排|指挥|指示)",
    r"(一定|务必|必须)要?接听?",
    r"(请|要)接听",
    r"(电话|来电)要接",
    r"(那|这)(就)?是(民警|警察)",
    r"配合(民警|警察|对方)",
    # English
    r"\bdo (what|as) (the|they|he|she|an?)\b[^.;:]{0,25}\b(says?|tells?|asks?)\b",
    r"\b(it|that|this) ?(is|'s|’s) (the|a real) (police|officer)",
    r"\b(always )?answer (it|the call|calls?|96110)\b",
    r"\bfollow (the|their|his|her) (caller|officer|police)",
    r"\bobey\b",
    r"\bhear the officer out\b",
    r"\blisten until the officer\b",
)]


def obey_sentences(text: str) -> list[str]:
    """Each stretch of ``text`` that tells a reader to answer, obey or trust a caller."""
    return [match.group(0) for pattern in OBEY_THE_CALLER for match in pattern.finditer(text)]


def _published_text_files():
    yield from sorted((ROOT / "docs").rglob("*.md"))
    yield from sorted((ROOT / "data").rglob("*.yml"))
    yield from sorted((ROOT / "fraudbuild" / "overrides").rglob("*.html"))
    # what a new centre starts from, and the example site: they must not teach a reader to obey a caller either
    for site in (ROOT / "fraudbuild" / "starter" / "site", ROOT / "examples" / "county"):
        yield from sorted(site.rglob("*.md"))
        yield from sorted((site / "data").rglob("*.yml"))


@pytest.mark.parametrize("old_wording", [
    "这个号码打来电话，请接听，按民警说的做；",                      # /scammed/ step 2, before
    "96110打来的电话，一定要接。那是民警在提醒你。",                   # /guides/older/, before
    "接到96110来电，请接听，听民警把话说完。",                         # /warning-calls/, before
    "告诉他们：96110打来的电话要接；",                                 # /guides/families/, before
    "If it calls you, answer and do what the officer says.",
    "If 96110 calls you, answer. It is the police warning you.",
    "If 96110 calls, answer and hear the officer out.",
    "Tell them: answer calls from 96110,",
    "Police anti-fraud officers use it to call people, so always answer it.",
])
def test_the_old_wording_is_refused(old_wording):
    assert obey_sentences(old_wording), old_wording


@pytest.mark.parametrize("safe_wording", [
    "真正的96110民警只会劝你停止付款，不会让你转账，不会问你要验证码，也不会让你下载App。拿不准，就挂断，自己拨打110核实。",
    "A real 96110 officer only tells you to stop paying. They never ask you to transfer money, give a code or "
    "install an app. If in doubt, hang up and call 110 yourself.",
    "Answer the questions above; the result will appear here.",   # the checker's own prompt
    "民警告诉她：预警信息显示，她近期登录过一个涉嫌诈骗的网站。",
])
def test_the_safe_wording_passes(safe_wording):
    assert obey_sentences(safe_wording) == []


def test_no_page_or_data_file_tells_a_reader_to_obey_a_caller():
    found = []
    for path in _published_text_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for words in obey_sentences(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: “{words}”")
    assert not found, "a sentence tells the reader to answer or obey a caller:\n" + "\n".join(found) + \
        "\nHow to fix: " + WHAT_TO_WRITE

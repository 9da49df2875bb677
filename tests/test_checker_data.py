"""data/checker.yml and data/channels.yml: validated like the other data files (every error names the file and
its line), and rendered as escaped text, never as markup."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fraudsite import channels, checker, markers
from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset
from fraudsite.markup import PageContext
from fraudsite.render import render_marker

from conftest import edit

ROOT = Path(__file__).resolve().parent.parent
# The ten situations the checker must cover (id -> a scam type it points at).
REQUIRED = {
    "safe-account": "impersonation", "your-case": "impersonation", "code-or-password": "impersonation",
    "app-or-screen": "impersonation", "keep-secret": "impersonation", "friend-platform": "dating-investment",
    "loan-fee": "fake-loan", "refund-transfer": "fake-refund", "task-pay-first": "order-brushing",
    "buy-your-card": "two-cards",
}


def line_with(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def load_error(data_dir: Path) -> SiteInputError:
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_dir)
    return error.value


# --------------------------------------------------------------------------- the real data

def test_the_checker_covers_the_ten_situations(dataset):
    data = dataset.extras["checker.yml"]
    by_id = {q.id: q for q in data.questions}
    assert set(REQUIRED) <= set(by_id), set(REQUIRED) - set(by_id)
    for question_id, scam_type in REQUIRED.items():
        assert scam_type in by_id[question_id].types, question_id
    for question in data.questions:
        for lang in ("zh", "en"):
            assert question.question[lang] and question.means[lang] and question.do[lang]
        assert all(t in dataset.catalogue.scam_types for t in question.types)


def test_the_checker_asks_about_a_boss_or_relative_asking_for_money_and_says_suspected_of_a_crime(dataset):
    """One of the national “凡是” warnings, for a scam the article does not name: no scam page to link to."""
    by_id = {q.id: q for q in dataset.extras["checker.yml"].questions}
    boss = by_id["boss-or-relative"]
    assert boss.types == () and "领导" in boss.question["zh"] and "boss" in boss.question["en"]
    assert "relative" in boss.question["en"] and "亲戚" in boss.question["zh"]
    your_case = by_id["your-case"].question
    assert "涉嫌犯罪" in your_case["zh"] and "卷入案件" in your_case["zh"]
    assert "suspected of a crime" in your_case["en"] and "involved in a case" in your_case["en"]


def test_the_all_no_advice_never_calls_anything_safe(dataset):
    labels = dataset.extras["checker.yml"].labels
    for name in ("none_title", "none", "call_unsure", "pending", "progress"):
        assert "安全" not in labels[name]["zh"], name
        assert "safe" not in labels[name]["en"].lower(), name
    assert "96110" in labels["none"]["zh"] and "96110" in labels["none"]["en"]


def test_every_channel_fact_names_a_public_body_and_is_shown_somewhere(dataset):
    data = dataset.extras["channels.yml"]
    shown = {fact_id for ids in data.groups.values() for fact_id in ids}
    assert set(data.facts) == shown
    for fact in data.facts.values():
        assert fact.body["zh"] and fact.body["en"], fact.id
    for group in ("hotlines", "app", "police-never", "check", "three-and-one", "after-report", "bank", "recovery"):
        assert group in data.groups, group


# --------------------------------------------------------------------------- errors name file and line

CHECKER_BREAKAGES = [
    # (old, new, the text on the line the error must name, occurrence of it, words in the message)
    ("    types: [fake-loan]\n", "    types: [fake-loans]\n", "types: [fake-loans]", 1, "unknown scam type 'fake-loans'"),
    ("  - id: loan-fee\n", "  - id: safe-account\n", "- id: safe-account", 2, "duplicate question id"),
    ("      en: \"This is how fake online loans work. A real loan never asks you to pay before it is paid out.\"\n",
     "", "    means:", 7, "is missing"),
    ("  answer_no:    {zh: 不是, en: \"No\"}\n", "  answer_no:    {zh: 不是}\n", "answer_no:", 1, "is missing"),
    ("      zh: 一分钱也不交，删除对方的联系方式。", "      zh: 一分钱也不交,删除对方的联系方式。",
     "zh: 一分钱也不交,删除", 1, "half-width ','"),
    ("  progress:     {zh: \"已回答 {answered} / {total} 题。\"", "  progress:     {zh: \"已回答 {answered} 题。\"",
     "progress:", 1, "{total}"),
    ("  - id: task-pay-first\n", "  - id: task-pay-first\n    colour: red\n", "colour: red", 1, "is not a known field"),
    ("      zh: 马上停下，不要为了", "      zh: TODO 马上停下，不要为了", "TODO 马上停下", 1, "TODO"),
]


@pytest.mark.parametrize("old, new, needle, occurrence, words", CHECKER_BREAKAGES,
                         ids=[b[4] for b in CHECKER_BREAKAGES])
def test_a_bad_checker_file_names_the_file_and_the_line(data_copy, old, new, needle, occurrence, words):
    path = data_copy / "checker.yml"
    edit(path, old, new)
    error = load_error(data_copy)
    assert error.file == "data/checker.yml", str(error)
    assert words in str(error), str(error)
    assert error.line == line_with(path, needle, occurrence), str(error)
    assert error.fix


CHANNELS_BREAKAGES = [
    ("    body: shenyang\n", "    body: shenyangg\n", "body: shenyangg", 1, "unknown public body 'shenyangg'"),
    ("  app: [app-does, app-install]", "  app: [app-does, app-instal]", "app: [app-does, app-instal]", 1,
     "unknown fact 'app-instal'"),
    ("  three-and-one: [three-and-one]\n", "", "- id: three-and-one", 1, "is in no group"),
    ("  - id: check-110\n", "  - id: tel-110\n", "- id: tel-110", 2, "duplicate fact id"),
    ("    date: 2022-02-10\n", "    date: 2099-02-10\n", "date: 2099-02-10", 1, "in the future"),
    ("      zh: 12381是工业和信息化部", "      zh: 12381是(工业和信息化部)", "zh: 12381是(", 1, "half-width '('"),
]


@pytest.mark.parametrize("old, new, needle, occurrence, words", CHANNELS_BREAKAGES,
                         ids=[b[4] for b in CHANNELS_BREAKAGES])
def test_a_bad_channels_file_names_the_file_and_the_line(data_copy, old, new, needle, occurrence, words):
    path = data_copy / "channels.yml"
    edit(path, old, new)
    error = load_error(data_copy)
    assert error.file == "data/channels.yml", str(error)
    assert words in str(error), str(error)
    assert error.line == line_with(path, needle, occurrence), str(error)


def test_an_unknown_channel_group_in_a_page_is_refused(dataset):
    (marker,) = markers.find("intro\n\n{{ channels hotline }}\n")
    with pytest.raises(SiteInputError) as error:
        markers.check(marker, dataset, "docs/channels.en.md", 3)
    assert error.value.file == "docs/channels.en.md" and error.value.line == 6
    assert "unknown channel group 'hotline'" in str(error.value) and "hotlines" in str(error.value)


# --------------------------------------------------------------------------- data is text, never markup

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & [link](javascript:x) *star*'


def _render(dataset, lang: str, page: str, kind: str, argument: str | None = None) -> str:
    return render_marker(PageContext(dataset, lang, page), kind, argument)


def test_checker_text_is_escaped(data_copy):
    edit(data_copy / "checker.yml", "      zh: 对方是不是要你把钱转到一个“安全账户”，说“核查”清楚以后再还给你？",
         f"      zh: '{HOSTILE}'")
    edit(data_copy / "checker.yml", '  stop:         {zh: 停！先别转账、别说验证码、别点链接。,',
         f"  stop:         {{zh: '{HOSTILE}',")
    dataset = load_dataset(data_copy)
    html = _render(dataset, "zh", "checker.md", "checker")
    assert "<script" not in html and "<img" not in html and "onerror=alert(2)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = BeautifulSoup(html, "html.parser")
    assert HOSTILE in page.select_one("#q-safe-account .checker__question").get_text()
    assert page.select_one(".checker")["data-stop"] == HOSTILE  # the attribute holds the text, quotes and all
    assert not page.select("script, img, [onerror]")


def test_channel_text_is_escaped(data_copy):
    edit(data_copy / "channels.yml", "      en: 110 is the police emergency number, for reporting a crime and asking "
                                     "for urgent help.", f"      en: '{HOSTILE}'")
    edit(data_copy / "channels.yml", "  mps:        {zh: 公安部, en: the Ministry of Public Security (公安部)}",
         f"  mps:        {{zh: 公安部, en: '{HOSTILE}'}}")
    dataset = load_dataset(data_copy)
    html = _render(dataset, "en", "channels.md", "channels", "hotlines")
    page = BeautifulSoup(html, "html.parser")
    fact = page.select_one('[data-fact="tel-110"]')
    assert fact.select_one(".channel-fact__text").get_text() == HOSTILE
    assert HOSTILE in fact.select_one(".channel-fact__source").get_text()
    assert not page.select("script, img, a, [onerror]")


# --------------------------------------------------------------------------- what the markers render

def test_checker_renders_every_question_with_its_advice_and_scam_links(dataset):
    data = dataset.extras["checker.yml"]
    for lang, page in (("zh", "checker.md"), ("en", "checker.md"), ("zh", "guides/older.md")):
        html = BeautifulSoup(_render(dataset, lang, page, "checker"), "html.parser")
        up = "../" * (page.count("/") + 1)
        for question in data.questions:
            item = html.select_one(f"#q-{question.id}")
            text = item.get_text()
            assert question.question[lang] in text and question.means[lang] in text and question.do[lang] in text
            links = {a["data-scam-type"]: a for a in item.select(".checker__more a")}
            assert list(links) == list(question.types)
            for scam_type, link in links.items():
                assert link["href"] == f"{up}scams/{scam_type}/", (page, link["href"])
                assert link.get_text() == dataset.catalogue.scam_types[scam_type][lang]
        assert [a["href"] for a in html.select(".checker__call a")] == ["tel:110", "tel:96110"]


def test_channel_facts_carry_their_attribution(dataset):
    data = dataset.extras["channels.yml"]
    html = BeautifulSoup(_render(dataset, "zh", "channels.md", "channels", "hotlines"), "html.parser")
    for fact_id in data.groups["hotlines"]:
        source = html.select_one(f'[data-fact="{fact_id}"] .channel-fact__source').get_text()
        assert source.startswith("一般提示") and data.facts[fact_id].body["zh"] in source
    fact = data.facts["tel-96110"]
    assert channels.source_line(fact, data.labels, "en") == (
        "General advice · Source: the Criminal Investigation Department of the Ministry of Public Security "
        "(公安部刑侦局); as published in CCTV News (央视新闻), 15 July 2021")
    assert channels.source_line(fact, data.labels, "zh") == "一般提示 · 出处：公安部刑侦局（据央视新闻，2021年7月15日）"


def test_a_missing_checker_file_is_named_when_a_page_needs_it(data_copy):
    (data_copy / "checker.yml").unlink()
    dataset = load_dataset(data_copy)
    with pytest.raises(SiteInputError) as error:
        checker.render(PageContext(dataset, "zh", "checker.md"))
    assert "data/checker.yml" in str(error.value)

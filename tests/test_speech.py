"""fraudsite.speech: what people in the article said, kept once with one translation, quoted by marker."""
from __future__ import annotations

from pathlib import Path

import pytest

from fraudsite import speech
from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset
from fraudsite.project import SOURCE_DOCUMENT, copy_project
from fraudsite.markup import PageContext
from fraudsite.render import render_marker

ROOT = Path(__file__).resolve().parent.parent


def context(dataset, lang: str) -> PageContext:
    return PageContext(dataset=dataset, lang=lang, page="cases/2021-binchuan-218.md")


def test_each_quote_reads_the_same_wherever_it_is_quoted(dataset):
    zh = render_marker(context(dataset, "zh"), "quote", "ding-regret")
    en = render_marker(context(dataset, "en"), "quote", "ding-regret")
    assert "“我为了赚钱，帮别人取钱、转账，这些钱是电信诈骗得来的，我也因此备受牵连。”" in zh
    assert "——嫌疑人丁某" in zh
    assert en.count("I helped other people withdraw and transfer money") == 1
    assert "– Ding, suspect (our translation)" in en


@pytest.mark.parametrize("article, shown", [
    ("骗得他(她)倾家荡产。", "骗得他（她）倾家荡产。"),
    ("个人隐私,比如说:微信、支付宝", "个人隐私，比如说：微信、支付宝"),
    ("Alipay, WeChat: 110", "Alipay, WeChat: 110"),   # punctuation between Latin words stays
])
def test_chinese_is_set_with_full_width_punctuation_and_no_word_changes(article, shown):
    assert speech.chinese_typography(article) == shown


def test_markup_in_a_quote_is_shown_as_text(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "data" / "quotes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'en: "As long as someone', 'en: "<script>alert(1)</script> As long as someone'), encoding="utf-8")
    dataset = load_dataset(project / "data")
    html = render_marker(context(dataset, "en"), "quote", "ma-large-transfers")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_quote_is_checked_on_its_line_of_the_document(dataset):
    data = dataset.extras[speech.FILE]
    ding = data.quotes["ding-regret"]
    document = [""] * 60
    for quote in data.quotes.values():
        document[quote.line - 1] += quote.text
    speech.check_document(dataset, document, "article.txt")
    document[ding.line - 1] = document[ding.line - 1].replace(ding.text, "")
    document.append(ding.text)
    with pytest.raises(SiteInputError) as error:
        speech.check_document(dataset, document, "article.txt")
    assert error.value.file == "data/quotes.yml" and error.value.line == ding.file_line
    assert f"not on line {ding.line} of article.txt" in str(error.value)
    assert f"the quote stands on line {len(document)}" in str(error.value)
    with pytest.raises(SiteInputError, match="does not exist"):
        speech.check_document(dataset, document[:10], "article.txt")


def test_a_quote_id_used_twice_is_refused(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "data" / "quotes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: luo-warning", "id: ding-regret"), encoding="utf-8")
    with pytest.raises(SiteInputError) as error:
        load_dataset(project / "data")
    assert error.value.file == "data/quotes.yml" and "duplicate quote id 'ding-regret'" in str(error.value)
    assert error.value.line == path.read_text(encoding="utf-8").splitlines().index("  - id: ding-regret", 20) + 1


def test_every_quote_stands_on_its_line_of_the_real_article(dataset):
    if not SOURCE_DOCUMENT.exists():
        pytest.skip(f"the source article is not at {SOURCE_DOCUMENT} (it is not part of the repository); "
                    "the same check on a made-up document ran above")
    speech.check_document(dataset, SOURCE_DOCUMENT.read_text(encoding="utf-8").splitlines(), "article.zh.txt")

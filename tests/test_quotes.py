"""fraudsite.quotes: every figure stands in its own quote, and every quote on its line of the source.

The source article is not part of this repository. The checks are tried here on documents made up
for the test; one test reads the real article where it lies beside the repository (and says it
skipped, and why, where it does not).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fraudsite import quotes
from fraudsite.errors import SiteInputError
from fraudsite.model import Figure, Period, SourceQuote
from fraudsite.project import SOURCE_DOCUMENT

ROOT = Path(__file__).resolve().parent.parent


def figure(value, quote: str, qualifier: str = "exact", unit: str = "person") -> Figure:
    return Figure(id="f", value=value, unit=unit, qualifier=qualifier, period=Period(), scope="prefecture",
                  label={}, definition={}, file="data/figures.yml", line=7, source=SourceQuote(3, quote, "q"))


@pytest.mark.parametrize("value, quote, qualifier", [
    (396_000_000, "止付金额3.96亿元", "exact"),
    (35_190_000, "冻结金额3519万元", "exact"),
    (12853, "成功止付涉案账号12853个", "exact"),
    (12853, "止付账号12,853个", "exact"),
    (12853, "止付账号１２８５３个", "exact"),              # full-width digits
    (30.09, "破案率达到30.09%", "exact"),
    (443.75, "同比上升443.75%", "exact"),
    (300, "核破案件300余起", "more_than"),
    (20, "涉及使用支付宝账户20余个", "more_than"),
    (30, "出动警力30多人", "more_than"),
    (24, "从12县市公安局精选24名民警", "exact"),
])
def test_values_are_read_as_a_reader_reads_them(value, quote, qualifier):
    assert quotes.value_problem(figure(value, quote, qualifier)) is None


@pytest.mark.parametrize("value, quote, qualifier, words", [
    (35_290_000, "冻结金额3519万元", "exact", "not in its quote"),
    (87, "抓获犯罪嫌疑人78名", "exact", "not in its quote"),
    (300, "核破案件300余起", "exact", "more than"),
    (300, "核破案件300起", "more_than", "exact number"),
    (3.96, "止付金额3.96亿元", "exact", "not in its quote"),  # the unit 亿 belongs to the number
])
def test_a_value_its_quote_does_not_hold_is_named(value, quote, qualifier, words):
    assert words in quotes.value_problem(figure(value, quote, qualifier))


def test_dates_and_times_in_quotes():
    assert quotes.value_problem(figure(dt.date(2021, 4, 20), "4月20日接受记者采访时", unit="date")) is None
    assert quotes.value_problem(figure(dt.datetime(2021, 4, 1, 23, 37), "4月1日23时37分", unit="datetime")) is None
    assert quotes.value_problem(figure(dt.datetime(2021, 4, 1, 23, 38), "4月1日23时37分", unit="datetime"))


def made_up_document(dataset) -> list[str]:
    """A document that holds every quote of the data on its cited line, as the real one does."""
    lines: dict[int, list[str]] = {}
    for item in dataset.figures.values():
        if item.source and (item.case is None or item.source_name == "article"):
            lines.setdefault(item.source.line, []).append(item.source.quote)
    return ["".join(lines.get(number, [])) for number in range(1, max(lines) + 1)]


def test_quotes_on_their_lines_pass(dataset):
    quotes.check_document(dataset, made_up_document(dataset), "article.txt")


def test_a_quote_on_another_line_is_found_and_named(dataset):
    document = made_up_document(dataset)
    quoted = [f for f in dataset.figures.values() if f.source and f.case is None]
    # a figure whose quote no other quote contains, so that moving it breaks only this one
    frozen = next(f for f in quoted if not any(f.source.quote in g.source.quote for g in quoted if g is not f))
    document[frozen.source.line - 1] = document[frozen.source.line - 1].replace(frozen.source.quote, "")
    document.append(frozen.source.quote)
    with pytest.raises(SiteInputError) as error:
        quotes.check_document(dataset, document, "article.txt")
    assert error.value.file == "data/figures.yml" and error.value.line == frozen.line
    assert f"not on line {frozen.source.line} of article.txt" in str(error.value)
    assert f"the quote stands on line {len(document)}" in str(error.value)


def test_a_line_beyond_the_document_is_named(dataset):
    with pytest.raises(SiteInputError, match="does not exist"):
        quotes.check_document(dataset, made_up_document(dataset)[:10], "article.txt")


def test_every_value_stands_in_its_quote(dataset):
    quotes.check_values(dataset)


def test_every_quote_stands_on_its_line_of_the_real_article(dataset):
    if not SOURCE_DOCUMENT.exists():
        pytest.skip(f"the source article is not at {SOURCE_DOCUMENT} (it is not part of the repository); "
                    "the same check on a made-up document ran above")
    quotes.check_document(dataset, SOURCE_DOCUMENT.read_text(encoding="utf-8").splitlines(), "article.zh.txt")

"""Measures over time: a figure is a measure's value for a stated period; a series needs no hand-written chart,
and two periods are compared only when both are stated and equally long."""
from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset
from fraudsite.markup import PageContext
from fraudsite.model import Period
from fraudsite.render import render_marker

from conftest import edit

Q1_2020 = Period(dt.date(2020, 1, 1), dt.date(2020, 3, 31))  # 91 days: 2020 is a leap year
Q1_2021 = Period(dt.date(2021, 1, 1), dt.date(2021, 3, 31))  # 90 days


def test_calendar_quarters_are_equally_long_in_a_leap_year_and_other_spans_count_days():
    assert Q1_2020.length() == Q1_2021.length() == ("months", 3)
    assert Period(dt.date(2021, 1, 1), dt.date(2021, 4, 20)).length() == ("days", 110)
    assert Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31)).length() == ("months", 12)
    assert Period(start=dt.date(2020, 1, 1), reported=dt.date(2021, 4, 22)).length() is None


def test_the_dali_arrests_are_one_measure_over_two_periods(dataset):
    """The Dali site's data: the arrests of January–March 2021 and those worked back for 2020."""
    assert dataset.measures["arrests"].figures == ("arrests_2020q1", "arrests_2021q1")


@pytest.mark.parametrize("lang, change", [("zh", "+71名"), ("en", "+71 people")])
def test_a_series_shows_each_period_and_the_change_between_equal_ones(dataset, lang, change):
    html = render_marker(PageContext(dataset, lang, "statistics.md"), "series", "arrests")
    assert html.count("<rect") == 2 and 'class="chart"' in html
    rows = [line.replace("\\", "") for line in html.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 3 and rows[1].endswith("| — |") and rows[2].endswith(f"| {change} |")
    assert ("（推算）" if lang == "zh" else "(worked out)") in rows[1]  # 2020's value is worked out


def test_the_latest_value_of_a_measure(dataset):
    assert render_marker(PageContext(dataset, "zh", "index.md"), "latest", "arrests") == \
        render_marker(PageContext(dataset, "zh", "index.md"), "figure", "arrests_2021q1")


def test_all_series_renders_every_measure_with_two_values_or_more(dataset):
    html = render_marker(PageContext(dataset, "en", "statistics.md"), "all-series", None)
    assert BeautifulSoup(html, "html.parser").select("figcaption")[0].get_text() == \
        dataset.measures["arrests"].label["en"]


def test_periods_of_different_length_are_shown_but_not_compared(data_copy):
    edit(data_copy / "figures.yml", "  - id: warning_calls_total\n", "  - id: warning_calls_total\n    measure: calls\n")
    edit(data_copy / "figures.yml", "measures:\n", "measures:\n  - id: calls\n    label: {zh: 电话, en: Calls}\n")
    edit(data_copy / "figures.yml", "  - id: centre_officers\n", """  - id: calls_2020
    value: 5000
    unit: call
    period: {from: 2020-01-01, to: 2020-12-31}
    scope: prefecture
    measure: calls
    label: {zh: 2020年电话, en: Calls in 2020}
    definition: {zh: 测试用。, en: For the test.}
    source: {line: 4, quote: 4月20日接受记者采访时, quote_en: x}

  - id: centre_officers
""")
    dataset = load_dataset(data_copy)
    assert dataset.measures["calls"].figures == ("calls_2020", "warning_calls_total")
    html = render_marker(PageContext(dataset, "en", "statistics.md"), "series", "calls")
    assert "not compared (the periods differ in length)" in html.replace("\\", "")


def test_a_difference_between_periods_of_different_length_is_refused(data_copy):
    line = edit(data_copy / "figures.yml", "    inputs: [arrests_2021q1, arrests_2020q1]",
                "    inputs: [warning_calls_total, arrests_2020q1]")
    edit(data_copy / "figures.yml", "  - id: arrests_increase_2021q1\n    op: difference\n    inputs: [warning_calls_total, arrests_2020q1]\n    whole: true\n    unit: person",
         "  - id: arrests_increase_2021q1\n    op: difference\n    inputs: [warning_calls_total, arrests_2020q1]\n    whole: true\n    unit: call")
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_copy)
    assert "not of the same length" in str(error.value) and error.value.line == line - 2


@pytest.mark.parametrize("edit_from, edit_to, problem", [
    ("    measure: arrests\n    source:", "    measure: arests\n    source:", "unknown measure 'arests'"),
    ("    period: {from: 2021-01-01, to: 2021-03-31}\n    scope: prefecture\n    label: {zh: 抓获",
     "    period: {reported: 2021-04-22}\n    scope: prefecture\n    label: {zh: 抓获", "first and last day"),
])
def test_a_value_of_a_measure_needs_a_known_measure_and_a_stated_period(data_copy, edit_from, edit_to, problem):
    edit(data_copy / "figures.yml", edit_from, edit_to)
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_copy)
    assert problem in str(error.value) and error.value.file.endswith("figures.yml") and error.value.line


def test_a_measure_without_values_is_refused(data_copy):
    line = edit(data_copy / "figures.yml", "measures:\n", "measures:\n  - id: empty\n    label: {zh: 空, en: Empty}\n")
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_copy)
    assert "has no value" in str(error.value) and error.value.line == line + 1

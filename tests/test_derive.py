"""fraudsite.derive: implied figures, the periods they describe, and cross-checks."""
import datetime as dt
import math
from types import SimpleNamespace

import pytest
from hypothesis import given, strategies as st

from fraudsite import derive
from fraudsite.errors import SiteInputError
from fraudsite.model import Figure, Period

Q1_2021 = Period(dt.date(2021, 1, 1), dt.date(2021, 3, 31))


def fig(id, value, period=Q1_2021, qualifier="exact"):
    return Figure(id=id, value=value, unit="person", qualifier=qualifier, period=period,
                  scope="prefecture", label={}, definition={}, file="data/figures.yml", line=3)


def spec(op, whole=False, decimals=None):
    labels = SimpleNamespace(model_dump=lambda: {"zh": "z", "en": "e"})
    return SimpleNamespace(id="derived_x", op=op, unit="person", whole=whole, decimals=decimals,
                           label=labels, definition=labels, why=labels)


def test_last_years_arrests_come_out_whole_for_the_same_months_a_year_before():
    result = derive.derive(spec("previous_from_change", whole=True), [fig("now", 87), fig("yoy", 443.75)],
                           "data/figures.yml", 9)
    assert result.value == 16 and result.qualifier == "exact"
    assert result.period == Period(dt.date(2020, 1, 1), dt.date(2020, 3, 31))
    assert result.derived_from == ("now", "yoy") and result.why == {"zh": "z", "en": "e"}


def test_a_year_before_a_leap_day_is_the_last_day_of_february():
    leap = Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    result = derive.derive(spec("previous_from_change"), [fig("now", 10, leap), fig("yoy", 100, leap)], "f", 1)
    assert result.period == Period(dt.date(2023, 2, 1), dt.date(2023, 2, 28))


def test_a_difference_describes_the_later_period():
    before = Period(dt.date(2020, 1, 1), dt.date(2020, 3, 31))
    result = derive.derive(spec("difference", whole=True), [fig("now", 87), fig("then", 16, before)], "f", 1)
    assert result.value == 71 and result.period == Q1_2021


def test_a_mistyped_change_is_caught_and_names_both_figures():
    with pytest.raises(SiteInputError) as error:
        derive.derive(spec("previous_from_change", whole=True), [fig("now", 87), fig("yoy", 443.7)],
                      "data/figures.yml", 9)
    assert "now = 87" in str(error.value) and "yoy = 443.7" in str(error.value)
    assert "data/figures.yml:9" in str(error.value)


@given(st.integers(min_value=1, max_value=100_000), st.integers(min_value=1, max_value=100_000))
def test_previous_from_change_inverts_a_percentage_rise(previous, current):
    change = (current - previous) / previous * 100
    assert math.isclose(derive.previous_from_change(current, change), previous, rel_tol=1e-9)


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=365 * 3))
def test_a_daily_average_times_the_days_gives_the_total_back(total, extra_days):
    start = dt.date(2021, 1, 1)
    figure = fig("calls", total, Period(start, start + dt.timedelta(days=extra_days)))
    assert math.isclose(derive.compute("daily_average", [figure]) * (extra_days + 1), total, abs_tol=1e-6)


def test_the_warning_call_average_matches_the_article():
    calls = fig("calls", 10586, Period(dt.date(2021, 1, 1), dt.date(2021, 4, 20)))
    assert derive.days_inclusive(calls) == 110
    assert round(derive.compute("daily_average", [calls]), 1) == 96.2


def test_a_daily_average_needs_a_stated_period():
    unstated = fig("calls", 10586, Period(reported=dt.date(2021, 4, 20)))
    with pytest.raises(SiteInputError, match="no stated first and last day"):
        derive.derive(spec("daily_average", decimals=1), [unstated], "data/figures.yml", 5)


def test_there_is_no_sum():
    """Adding the article's counts could add overlapping ones (stopped, then frozen): no such operation."""
    assert "sum" not in derive.OPERATIONS


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_a_ratio_times_its_denominator_gives_the_numerator(numerator, denominator):
    assert math.isclose(derive.compute("ratio", [fig("a", numerator), fig("b", denominator)]) * denominator,
                        numerator, rel_tol=1e-9, abs_tol=1e-9)


def test_dividing_by_zero_names_the_figure():
    with pytest.raises(SiteInputError, match="divides by 'b', which is 0"):
        derive.derive(spec("ratio", decimals=0), [fig("a", 10), fig("b", 0)], "f", 1)


def test_rounded_results_are_marked_about():
    result = derive.derive(spec("ratio", decimals=0), [fig("a", 10), fig("b", 3)], "f", 1)
    assert result.value == 3 and result.qualifier == "about"
    exact = derive.derive(spec("ratio", decimals=0), [fig("a", 24), fig("b", 12)], "f", 1)
    assert exact.value == 2 and exact.qualifier == "exact"


def test_checks_report_both_figures():
    check = SimpleNamespace(op="at_most", tolerance=0, why="part of the whole")
    with pytest.raises(SiteInputError, match="part = 107, total = 87 exceed total"):
        derive.run_check(check, [fig("part", 107), fig("total", 87)], "data/figures.yml", 40)
    derive.run_check(check, [fig("part", 87), fig("total", 291)], "data/figures.yml", 40)
    close = SimpleNamespace(op="close_to", tolerance=0.5, why="average")
    with pytest.raises(SiteInputError, match="differ by more than 0.5"):
        derive.run_check(close, [fig("a", 96), fig("b", 97.2)], "data/figures.yml", 41)
    ordered = SimpleNamespace(op="ordered", tolerance=0, why="an average lies between")
    with pytest.raises(SiteInputError, match="not in increasing order"):
        derive.run_check(ordered, [fig("low", 56), fig("avg", 500), fig("high", 484)], "data/figures.yml", 42)

"""fraudsite.derive: implied figures and cross-checks."""
import datetime as dt
import math
from types import SimpleNamespace

import pytest
from hypothesis import given, strategies as st

from fraudsite import derive
from fraudsite.errors import SiteInputError
from fraudsite.model import Figure


def fig(id, value, start=dt.date(2021, 1, 1), end=dt.date(2021, 3, 31), qualifier="exact"):
    return Figure(id=id, value=value, unit="person", qualifier=qualifier, period_start=start, period_end=end,
                  scope="prefecture", label={}, definition={}, file="data/figures.yml", line=3)


def spec(op, whole=False, decimals=None):
    labels = SimpleNamespace(model_dump=lambda: {"zh": "z", "en": "e"})
    return SimpleNamespace(id="derived_x", op=op, unit="person", whole=whole, decimals=decimals,
                           label=labels, definition=labels)


def test_last_years_arrests_come_out_whole():
    result = derive.derive(spec("previous_from_change", whole=True), [fig("now", 87), fig("yoy", 443.75)],
                           "data/figures.yml", 9)
    assert result.value == 16 and result.qualifier == "exact"
    assert result.period_start == dt.date(2020, 1, 1) and result.period_end == dt.date(2020, 3, 31)
    assert result.derived_from == ("now", "yoy")


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
def test_daily_average_divides_by_inclusive_days(total, extra_days):
    start = dt.date(2021, 1, 1)
    figure = fig("calls", total, start=start, end=start + dt.timedelta(days=extra_days))
    assert math.isclose(derive.compute("daily_average", [figure]), total / (extra_days + 1))


def test_the_warning_call_average_matches_the_article():
    calls = fig("calls", 10586, start=dt.date(2021, 1, 1), end=dt.date(2021, 4, 20))
    assert derive.days_inclusive(calls) == 110
    assert abs(derive.compute("daily_average", [calls]) - 96) <= 0.5


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=2, max_size=6))
def test_sum_and_ratio(values):
    figures = [fig(f"f{i}", v) for i, v in enumerate(values)]
    assert derive.compute("sum", figures) == sum(values)
    if values[1]:
        assert derive.compute("ratio", figures[:2]) == values[0] / values[1]


def test_rounded_results_are_marked_about():
    result = derive.derive(spec("ratio", decimals=0), [fig("a", 10), fig("b", 3)], "f", 1)
    assert result.value == 3 and result.qualifier == "about"


def test_checks_report_both_figures():
    check = SimpleNamespace(op="at_most", tolerance=0, why="breakdown within total")
    with pytest.raises(SiteInputError, match="den = 107, total = 87 exceed total"):
        derive.run_check(check, [fig("den", 107), fig("total", 87)], "data/figures.yml", 40)
    derive.run_check(check, [fig("den", 107), fig("total", 291)], "data/figures.yml", 40)
    close = SimpleNamespace(op="close_to", tolerance=0.5, why="average")
    with pytest.raises(SiteInputError, match="differ by more than 0.5"):
        derive.run_check(close, [fig("a", 96), fig("b", 97.2)], "data/figures.yml", 41)

"""fraudsite.formatting: the figures as each language writes them."""
import datetime as dt

from babel.numbers import parse_decimal
from hypothesis import given, strategies as st

from fraudsite import formatting as fmt
from fraudsite.model import Figure, Period

UNITS = {"case": {"zh": "起", "en": ["case", "cases"]}, "person": {"zh": "名", "en": ["person", "people"]}}


def figure(value, unit="case", qualifier="exact"):
    return Figure(id="x", value=value, unit=unit, qualifier=qualifier, period=Period(reported=dt.date(2021, 4, 20)),
                  scope="prefecture", label={}, definition={}, file="f", line=1)


def test_examples_from_the_style_guide():
    assert fmt.money(396_000_000, "zh") == "3.96亿元"
    assert fmt.money(710_000, "zh") == "71万元"
    assert fmt.money(396_000_000, "en") == "CNY 396 million"
    assert fmt.money(710_000, "en") == "CNY 710,000"
    assert fmt.money(35_190_000, "en") == "CNY 35.19 million"
    assert fmt.number(12853, "zh") == fmt.number(12853, "en") == "12,853"
    assert fmt.percent(30.09, "zh") == fmt.percent(30.09, "en") == "30.09%"
    assert fmt.date(dt.date(2021, 4, 20), "zh") == "2021年4月20日"
    assert fmt.date(dt.date(2021, 4, 20), "en") == "20 April 2021"
    assert fmt.with_unit(figure(300, qualifier="more_than"), "zh", UNITS) == "300余起"
    assert fmt.with_unit(figure(300, qualifier="more_than"), "en", UNITS) == "more than 300 cases"
    assert fmt.date_time(dt.datetime(2021, 4, 1, 23, 37), "en") == "1 April 2021, 23:37"


def test_english_singular_and_plural():
    assert fmt.with_unit(figure(1, "person"), "en", UNITS) == "1 person"
    assert fmt.with_unit(figure(87, "person"), "en", UNITS) == "87 people"
    assert fmt.with_unit(figure(87, "person"), "zh", UNITS) == "87名"


@given(st.integers(min_value=0, max_value=10**12))
def test_plain_numbers_round_trip_in_both_locales(value):
    for lang, locale in fmt.LOCALES.items():
        assert parse_decimal(fmt.number(value, lang), locale=locale) == value


@given(st.integers(min_value=0, max_value=99_999))
def test_small_amounts_are_written_in_full(value):
    zh, en = fmt.money(value, "zh"), fmt.money(value, "en")
    assert zh.endswith("元") and en.startswith("CNY ")
    assert parse_decimal(zh[:-1], locale="zh_Hans_CN") == value
    assert parse_decimal(en[4:], locale="en_GB") == value


@given(st.integers(min_value=1, max_value=9_999), st.sampled_from([4, 8]))
def test_compact_chinese_amounts_keep_every_digit(significant, power):
    value = significant * 10**power  # e.g. 3519万, 3.96亿
    if value < fmt.COMPACT_MONEY_FROM["zh"]:
        return
    text = fmt.money(value, "zh")
    unit = {"万": 10**4, "亿": 10**8}[text[-2]]
    assert round(float(text[:-2]) * unit) == value


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from([6, 9]))
def test_compact_english_amounts_keep_every_digit(thousandths, power):
    value = thousandths * 10 ** (power - 3)
    if value < fmt.COMPACT_MONEY_FROM["en"]:
        return
    words = fmt.money(value, "en").split()
    scale = {"million": 10**6, "billion": 10**9, "trillion": 10**12}[words[2]]
    assert round(float(words[1].replace(",", "")) * scale) == value


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_name_the_day_month_and_year(day):
    zh, en = fmt.date(day, "zh"), fmt.date(day, "en")
    assert zh == f"{day.year}年{day.month}月{day.day}日"
    assert en.startswith(f"{day.day} ") and en.endswith(str(day.year))


@given(st.floats(min_value=0, max_value=10_000, allow_nan=False).map(lambda v: round(v, 2)))
def test_percentages_keep_two_decimals(value):
    text = fmt.percent(value, "en")
    assert text.endswith("%")
    assert abs(float(text[:-1].replace(",", "")) - value) < 0.006


def test_periods_say_no_more_than_the_source():
    q1 = Period(dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert fmt.period(q1, "zh") == "2021年1月1日至2021年3月31日"
    assert fmt.period(q1, "en") == "1 January 2021 to 31 March 2021"
    since = Period(start=dt.date(2020, 1, 1), reported=dt.date(2021, 4, 20))
    assert fmt.period(since, "zh") == "2020年以来（2021年4月20日报道）"
    assert fmt.period(since, "en") == "since the start of 2020 (reported on 20 April 2021)"
    unstated = Period(reported=dt.date(2021, 4, 20))
    assert fmt.period(unstated, "zh") == "未说明时段（2021年4月20日报道）"
    assert fmt.period(unstated, "en") == "period not stated (reported on 20 April 2021)"
    for lang in ("zh", "en"):  # never a date range for a period the source does not state
        assert "至" not in fmt.period(unstated, lang) and " to " not in fmt.period(unstated, lang)


def test_a_change_may_exceed_a_hundred_percent():
    assert fmt.with_unit(figure(443.75, "percent_change"), "en", UNITS) == "443.75%"
    assert fmt.with_unit(figure(443.75, "percent_change"), "zh", UNITS) == "443.75%"

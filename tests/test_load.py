"""fraudsite.load: every bad data file stops with file, line and field."""
import datetime as dt
import shutil
from pathlib import Path

import pytest

from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "source" / "article.zh.txt"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT / "data")


@pytest.fixture()
def data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def load_error(data_dir: Path) -> SiteInputError:
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_dir, today=dt.date(2026, 1, 1))
    return error.value


def test_every_figure_of_the_article_is_present(dataset):
    reported = {f.id: f.value for f in dataset.figures.values() if f.source and f.case is None}
    assert reported["clearance_rate_2021q1"] == 30.09
    assert reported["arrests_2021q1"] == 87 and reported["arrests_2021q1_yoy"] == 443.75
    for value in (919, 291, 2, 12, 67, 300, 4, 40, 12853, 396_000_000, 1400, 35_190_000,
                  10586, 96, 484, 56, 24, 12):
        assert value in reported.values(), value
    case_values = {f.id: f.value for f in dataset.figures.values() if f.case}
    assert case_values["case.2021-binchuan-218.loss"] == 710_000
    assert case_values["case.2021-nanjian-den.bank_cards_seized"] == 54
    assert case_values["case.2021-nanjian-den.phone_cards_seized"] == 100
    assert case_values["case.2021-binchuan-218.arrived_back"] == dt.datetime(2021, 4, 1, 23, 37)


def test_derived_figures(dataset):
    figures = dataset.figures
    assert figures["arrests_2020q1"].value == 16
    assert figures["amount_stopped_and_frozen"].value == 431_190_000
    assert figures["den_and_two_card_suspects"].value == 107
    assert figures["warning_calls_daily_average_computed"].value == pytest.approx(96.2)


def test_every_quote_stands_verbatim_on_its_line(dataset):
    assert ARTICLE.exists(), "the source article must be at ../shared/source/article.zh.txt beside the repository"
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    for figure in dataset.figures.values():
        if figure.source:
            assert figure.source.quote in lines[figure.source.line - 1], figure.id


def test_cases_are_newest_first(dataset):
    dates = [case.date for case in dataset.cases]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("old, new, field, words", [
    ("    value: 87\n", "    value: -87\n", "figures.1.value", "negative"),
    ("    value: 87\n", "    value: lots\n", "figures.1.value", "valid"),
    ("    unit: person\n    period: {from: 2021-01-01, to: 2021-03-31}\n    scope: prefecture\n    label: {zh: 抓获犯罪嫌疑人",
     "    unit: persons\n    period: {from: 2021-01-01, to: 2021-03-31}\n    scope: prefecture\n    label: {zh: 抓获犯罪嫌疑人",
     "figures.1.unit", "unknown unit"),
    ("  - id: arrests_2021q1_yoy\n", "  - id: arrests_2021q1\n", "id", "duplicate figure id"),
    ("    scope: prefecture\n    label: {zh: 电信诈骗破案率", "    label: {zh: 电信诈骗破案率", "figures.0.scope", "missing"),
    ("    inputs: [arrests_2021q1, arrests_2021q1_yoy]", "    inputs: [arrests_2021q, arrests_2021q1_yoy]",
     "derived.arrests_2020q1.inputs", "closest"),
])
def test_bad_figures_file(data_copy, old, new, field, words):
    line = edit(data_copy / "figures.yml", old, new)
    error = load_error(data_copy)
    assert error.file == "data/figures.yml"
    assert field in str(error) and words in str(error)
    assert error.line is not None and abs(error.line - line) <= 6


def test_malformed_yaml_names_the_line(data_copy):
    line = edit(data_copy / "figures.yml", "    value: 919\n", "    value: [919\n")
    error = load_error(data_copy)
    assert error.file == "data/figures.yml" and error.line is not None and error.line >= line
    assert "YAML" in str(error)


def test_a_wrong_figure_breaks_a_cross_check(data_copy):
    edit(data_copy / "figures.yml", "    value: 96\n", "    value: 98\n")
    error = load_error(data_copy)
    assert "warning_calls_daily_average = 98" in str(error)
    assert "warning_calls_daily_average_computed" in str(error)


@pytest.mark.parametrize("old, new, field", [
    ("types: [dating-investment, two-cards]", "types: [dating-investment, romance]", "types"),
    ("county: binchuan", "county: kunming", "county"),
    ("date: 2021-02-18", "date: 2031-02-18", "date"),
    ("  loss:\n    value: 710000", "  loss:\n    value: lots", "facts.loss.value"),
    ("  loss:\n", "  losses:\n", "facts.losses"),
])
def test_bad_case_file(data_copy, old, new, field):
    line = edit(data_copy / "cases" / "2021-binchuan-218.yml", old, new)
    error = load_error(data_copy)
    assert error.file == "data/cases/2021-binchuan-218.yml"
    assert error.what.startswith(field)
    assert error.line == line or error.line == line + 1

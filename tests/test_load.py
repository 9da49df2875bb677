"""fraudsite.load and fraudsite.yamlfile: every bad data file stops with its file, its exact line and the field."""
import datetime as dt
from pathlib import Path

import pytest

from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset
from fraudsite.model import Period

from conftest import edit

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 1, 1)


def line_of(path: Path, text: str, after: str | None = None) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start) if text in line) + 1


def load_error(data_dir: Path) -> SiteInputError:
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_dir, today=TODAY)
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


def test_derived_figures_and_their_reasons(dataset):
    figures = dataset.figures
    assert figures["arrests_2020q1"].value == 16
    assert figures["arrests_increase_2021q1"].value == 71
    assert figures["warning_calls_daily_average_computed"].value == pytest.approx(96.2)
    for figure in figures.values():
        if figure.is_derived:
            assert figure.why["zh"].strip() and figure.why["en"].strip(), figure.id
    assert not [f for f in figures.values() if f.op == "sum"], "no sums: the article's counts may overlap"


def test_periods_are_what_the_article_states(dataset):
    figures = dataset.figures
    assert figures["clearance_rate_2021q1"].period == Period(dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert figures["arrests_increase_2021q1"].period == figures["arrests_2021q1"].period  # two first quarters
    assert figures["suspects_since_2020"].period == Period(start=dt.date(2020, 1, 1), reported=dt.date(2021, 4, 22))
    # one date for one report: a figure is reported on the day the article was published, never the interview day
    published = dataset.sources["article"].published
    assert {f.period.reported for f in figures.values() if f.period and f.period.reported} == {published}
    for figure_id in ("dens_destroyed", "accounts_stopped", "amount_frozen", "centre_officers"):
        assert not figures[figure_id].period.stated, figure_id
    for figure in figures.values():
        if figure.case:
            assert figure.period == Period(), f"{figure.id}: a case's facts have no period of their own"


def test_cases_are_newest_first_and_the_undated_one_is_not_given_a_date(dataset):
    days = [case.sort_day for case in dataset.cases]
    assert days == sorted(days, reverse=True)
    nanjian = dataset.case("2021-nanjian-den")
    assert nanjian.date is None and nanjian.reported == dt.date(2021, 4, 22)
    assert "case.2021-nanjian-den.date" not in dataset.figures


FIGURES_BREAKAGES = [
    # (old text, new text, text on the line the error must name, the entry it is after, field, words)
    ("    value: 87\n", "    value: -87\n", "value: -87", None, "figures.1.value", "negative"),
    ("    value: 87\n", "    value: lots\n", "value: lots", None, "figures.1.value", "valid"),
    ("    unit: person\n    period: {from: 2021-01-01, to: 2021-03-31}",
     "    unit: persons\n    period: {from: 2021-01-01, to: 2021-03-31}", "unit: persons", None, "figures.1.unit",
     "unknown unit"),
    ("  - id: arrests_2021q1_yoy\n", "  - id: arrests_2021q1\n", "- id: arrests_2021q1", "value: 87", "id",
     "duplicate figure id"),
    ("    scope: prefecture\n    label: {zh: 电信诈骗破案率", "    label: {zh: 电信诈骗破案率",
     "- id: clearance_rate_2021q1", None, "figures.0.scope", "missing"),
    ("    inputs: [arrests_2021q1, arrests_2021q1_yoy]", "    inputs: [arrests_2021q, arrests_2021q1_yoy]",
     "inputs: [arrests_2021q,", None, "derived.arrests_2020q1.inputs", "closest"),
    ("    value: 30.09\n", "    value: 130.09\n", "value: 130.09", None, "figures.0.value", "more than 100"),
    ("    value: 87\n", "    value: 087\n", "value: 087", None, "YAML", "leading zero"),
    ("    period: {from: 2021-01-01, to: 2021-03-31}\n    scope: prefecture\n    label: {zh: 电信诈骗破案率",
     "    period: {from: 2021-01-01, to: 2021-02-30}\n    scope: prefecture\n    label: {zh: 电信诈骗破案率",
     "to: 2021-02-30", None, "YAML", "not a real date"),
    ("    value: 87\n", "    value: 87\n    value: 88\n", "value: 88", None, "YAML", "written twice"),
    ("    period: {from: 2020-01-01, reported: 2021-04-22}\n    scope: prefecture\n    label: {zh: 破获",
     "    period: {from: 2020-01-01}\n    scope: prefecture\n    label: {zh: 破获", "period: {from: 2020-01-01}",
     None, "figures.3.period", "reported"),
]


@pytest.mark.parametrize("old, new, marker, after, field, words", FIGURES_BREAKAGES,
                         ids=[b[5] for b in FIGURES_BREAKAGES])
def test_bad_figures_file_names_the_exact_line(data_copy, old, new, marker, after, field, words):
    path = data_copy / "figures.yml"
    edit(path, old, new)
    error = load_error(data_copy)
    assert error.file == "data/figures.yml"
    assert field in str(error) and words in str(error), str(error)
    assert error.line == line_of(path, marker, after), str(error)
    assert "How to fix" in str(error) and error.fix


def test_malformed_yaml_names_the_line(data_copy):
    line = edit(data_copy / "figures.yml", "    value: 919\n", "    value: [919\n")
    error = load_error(data_copy)
    assert error.file == "data/figures.yml" and error.line in (line, line + 1)
    assert "YAML" in str(error)


def test_a_wrong_figure_breaks_a_cross_check(data_copy):
    edit(data_copy / "figures.yml", "    value: 96\n", "    value: 98\n")
    error = load_error(data_copy)
    assert "warning_calls_daily_average = 98" in str(error)
    assert "warning_calls_daily_average_computed" in str(error)


CASE_BREAKAGES = [
    ("types: [dating-investment, two-cards]", "types: [dating-investment, romance]", "types"),
    ("county: binchuan", "county: kunming", "county"),
    ("date: 2021-02-18", "date: 2025-02-18", "date"),       # a different year than the file name
    ("date: 2021-02-18", "date: 2031-02-18", "date"),       # in the future
    ("date: 2021-02-18", "date: 1998-02-18", "date"),       # before 2000
    ("  loss:\n    value: 710000", "  loss:\n    value: lots", "facts.loss.value"),
    ("  loss:\n", "  losses:\n", "facts.losses"),
]


@pytest.mark.parametrize("old, new, field", CASE_BREAKAGES, ids=[b[1] for b in CASE_BREAKAGES])
def test_bad_case_file(data_copy, old, new, field):
    path = data_copy / "cases" / "2021-binchuan-218.yml"
    line = edit(path, old, new)
    error = load_error(data_copy)
    assert error.file == "data/cases/2021-binchuan-218.yml"
    assert error.what.startswith(field), str(error)
    # the line of the value itself (a fact's value sits on the line after its name)
    assert error.line == line + (1 if old.startswith("  loss:\n    value") else 0), str(error)


@pytest.mark.parametrize("name, content, words", [
    ("2026-dali-x.yaml", "title: x\n", "rename it to 2026-dali-x.yml"),
    ("notes.txt", "x", "is not a case file"),
])
def test_a_file_in_the_wrong_place_under_cases(data_copy, name, content, words):
    (data_copy / "cases" / name).write_text(content, encoding="utf-8")
    error = load_error(data_copy)
    assert error.file == f"data/cases/{name}" and words in str(error)


@pytest.mark.parametrize("name, words", [
    ("figures.yaml", "rename it to figures.yml"),
    ("2026-dali-example.yml", "move it to data/cases/2026-dali-example.yml"),
    ("README.md", "is not a data file the site reads"),
])
def test_a_file_in_the_wrong_place_under_data(data_copy, name, words):
    (data_copy / name).write_text("x: 1\n", encoding="utf-8")
    error = load_error(data_copy)
    assert error.file == f"data/{name}" and words in str(error)


def test_editor_backups_are_ignored(data_copy):
    (data_copy / "figures.yml~").write_text("x", encoding="utf-8")
    (data_copy / "cases" / ".2021-binchuan-218.yml.swp").write_text("x", encoding="utf-8")
    load_dataset(data_copy, today=TODAY)


def test_a_byte_order_mark_is_named(data_copy):
    path = data_copy / "cases" / "2021-binchuan-218.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    error = load_error(data_copy)
    assert error.file == "data/cases/2021-binchuan-218.yml" and error.line == 1
    assert "byte-order mark" in str(error) and "without BOM" in str(error)


def test_a_file_not_in_utf8_is_named(data_copy):
    path = data_copy / "cases" / "2021-binchuan-218.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    error = load_error(data_copy)
    assert error.file == "data/cases/2021-binchuan-218.yml"
    assert "not saved as UTF-8" in str(error) and "GBK" in str(error) and "save it again" in str(error)
    first_chinese = next(number for number, line in enumerate(path.read_bytes().split(b"\n"), start=1)
                         if any(byte > 127 for byte in line))
    assert error.line == first_chinese


def test_a_times_of_day_is_not_read_as_a_number(data_copy):
    path = data_copy / "cases" / "2021-binchuan-218.yml"
    line = edit(path, "    value: 2021-04-01T23:37:00", "    value: 23:37")
    error = load_error(data_copy)
    assert error.line == line and "1417" in str(error)


def test_a_fresh_stub_is_a_draft_not_an_error(data_copy):
    (data_copy / "cases" / "2026-dali-example.yml").write_text(
        'title: {zh: "待填写：案件标题", en: "TODO: title of the case"}\ndate:\ncounty:\ntypes: []\nstatus:\n'
        'summary:\n  zh: 待填写：概要。\n  en: "TODO: summary."\nsource:\nfacts:\n  loss:\n    value:\n',
        encoding="utf-8")
    dataset = load_dataset(data_copy, today=TODAY)
    case = dataset.case("2026-dali-example")
    assert case.is_draft and dataset.cases[0] is case, "a draft without a date is listed first"
    found = {}
    for draft in case.drafts:
        found.setdefault(draft.what.split(" ")[0], draft.line)
    assert found["county"] == 3 and found["'待填写'"] == 1 and found["facts.loss.value"] == 12
    assert not dataset.figures["case.2026-dali-example.loss"].filled
    assert "case.2026-dali-example.loss" not in {row["id"] for row in __import__(
        "fraudsite.opendata", fromlist=["rows"]).rows(dataset)}

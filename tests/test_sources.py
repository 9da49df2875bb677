"""Many source documents (data/sources.yml): each figure, case and quote names its own, and is checked
against its own text."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fraudsite import preflight, sources
from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset
from fraudsite.markup import PageContext
from fraudsite.render import render_marker

from conftest import edit

BULLETIN = """  - id: bulletin-2021q2
    kind: police_bulletin
    title: 二季度警情通报
    published: 2021-07-10
    text: sources/bulletin.txt
"""
# A second report: its own figure, on its own line of its own text.
Q2_FIGURE = """  - id: arrests_2021q2
    value: 40
    unit: person
    period: {from: 2021-04-01, to: 2021-06-30}
    scope: prefecture
    measure: arrests
    label: {zh: 2021年4至6月抓获人数, en: "Suspects arrested, April–June 2021"}
    definition: {zh: 二季度抓获的犯罪嫌疑人。, en: Suspects arrested in the second quarter.}
    source:
      document: bulletin-2021q2
      line: 2
      quote: 二季度共抓获犯罪嫌疑人40名
      quote_en: In the second quarter, 40 suspects were arrested.

"""


def add_second_report(data: Path, text: str = "标题\n二季度共抓获犯罪嫌疑人40名，\n") -> None:
    with (data / sources.FILE).open("a", encoding="utf-8") as file:
        file.write(BULLETIN)
    (data.parent / "sources").mkdir(exist_ok=True)  # a site keeps the texts of its reports beside data/
    (data.parent / "sources" / "bulletin.txt").write_text(text, encoding="utf-8")
    edit(data / "figures.yml", "  # --- Prefecture, January to March 2021", Q2_FIGURE + "  # --- Prefecture, January to March 2021")


def test_the_dali_site_has_one_document_and_every_figure_names_it(dataset):
    assert list(dataset.sources) == ["article"]
    article = dataset.sources["article"]
    assert (article.kind, article.published, article.publisher) == ("news_report", dt.date(2021, 4, 22), None)
    quoted = [figure for figure in dataset.figures.values() if figure.source is not None]
    assert quoted and all(figure.source_name == "article" for figure in quoted)
    assert all(case.source == "article" for case in dataset.cases)


def test_a_second_report_is_cited_and_its_figure_joins_the_measure(data_copy):
    add_second_report(data_copy)
    dataset = load_dataset(data_copy)
    assert dataset.figures["arrests_2021q2"].source_name == "bulletin-2021q2"
    assert dataset.figures["arrests_2021q1"].source_name == "article"
    assert dataset.measures["arrests"].figures == ("arrests_2020q1", "arrests_2021q1", "arrests_2021q2")


def test_a_quote_that_names_no_document_is_from_the_first_and_told_where_else_to_look(data_copy, monkeypatch):
    """The second report's quote without its document is checked against the first, and the message says how to
    name the right one: adding a report never means editing the figures of the reports before it."""
    monkeypatch.delenv(sources.DOCUMENT_SETTING, raising=False)
    monkeypatch.setenv(sources.ROOT_SETTING, str(Path(__file__).resolve().parent.parent))
    add_second_report(data_copy)
    line = edit(data_copy / "figures.yml", "      document: bulletin-2021q2\n", "")
    assert load_dataset(data_copy).figures["arrests_2021q2"].source_name == "article"
    if not preflight._text_paths(data_copy.parent, load_dataset(data_copy), None)["article"].is_file():
        pytest.skip("the source article is not beside the repository; the rest of this file checks the same rule")
    with pytest.raises(SiteInputError) as error:
        preflight.check_data(data_copy.parent, data_copy)
    assert "arrests_2021q2" in str(error.value) and "document: <id>" in error.value.fix
    assert error.value.line < line


def test_a_quote_is_checked_against_its_own_document_not_the_first(data_copy, monkeypatch):
    monkeypatch.delenv(sources.DOCUMENT_SETTING, raising=False)
    monkeypatch.setenv(sources.ROOT_SETTING, str(data_copy.parent))
    add_second_report(data_copy, text="标题\n二季度共抓获犯罪嫌疑人41名，\n")
    with pytest.raises(SiteInputError) as error:
        preflight.check_data(data_copy.parent, data_copy)
    assert error.value.file.endswith("figures.yml") and "bulletin.txt" in str(error.value)
    assert "arrests_2021q2" in str(error.value)


def test_unknown_documents_are_refused_with_the_closest_name(data_copy):
    line = edit(data_copy / "cases" / "2021-nanjian-den.yml", "source: article", "source: articel")
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_copy)
    assert error.value.line == line and "unknown source document 'articel'" in str(error.value)
    assert "closest: article" in error.value.fix


def test_a_document_needs_no_editor_or_publisher_but_not_a_future_date(data_copy):
    with (data_copy / sources.FILE).open("a", encoding="utf-8") as file:
        file.write(BULLETIN.replace("2021-07-10", "2999-01-01"))
    with pytest.raises(SiteInputError, match="in the future"):
        load_dataset(data_copy)


def test_a_document_without_its_text_is_noted_once(data_copy, monkeypatch):
    monkeypatch.delenv(sources.DOCUMENT_SETTING, raising=False)
    monkeypatch.setenv(sources.ROOT_SETTING, str(data_copy.parent))
    add_second_report(data_copy)
    (data_copy.parent / "sources" / "bulletin.txt").unlink()
    result = preflight.Preflight(load_dataset(data_copy), [])
    preflight._check_sources_note(data_copy.parent, result.dataset, result, None)
    notes = [note for note in result.notes if "bulletin-2021q2" in note]
    assert len(notes) == 1 and "not checked" in notes[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sources_page_groups_figures_by_document_and_says_what_the_copy_shows(data_copy, lang):
    add_second_report(data_copy)
    dataset = load_dataset(data_copy)
    html = render_marker(PageContext(dataset, lang, "sources.md"), "sources", None)
    page = BeautifulSoup(html, "html.parser")
    article, bulletin = page.select("section#source-article"), page.select("section#source-bulletin-2021q2")
    assert article and bulletin
    assert bulletin[0].select_one("#fig-arrests_2021q2") and not article[0].select_one("#fig-arrests_2021q2")
    assert article[0].select_one("#fig-arrests_2021q1")
    unknown = "我们收到的文本没有写明" if lang == "zh" else "not named in the copy we hold"
    assert unknown in article[0].get_text()
    assert page.select_one("section#derived #fig-arrests_2020q1")


def test_markup_in_a_document_title_is_shown_as_text(data_copy):
    with (data_copy / sources.FILE).open("a", encoding="utf-8") as file:
        file.write(BULLETIN.replace("二季度警情通报", "<script>alert(1)</script>"))
    dataset = load_dataset(data_copy)
    html = render_marker(PageContext(dataset, "zh", "sources.md"), "source", "bulletin-2021q2")
    assert "<script>" not in html and "&lt;script&gt;" in html

"""What rendering produces, read as a reader gets it: Markdown turned into HTML, tables parsed into rows.

Fast (no build): each test renders with the real data and Python-Markdown and reads the resulting HTML."""
from __future__ import annotations

import html

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from fraudsite import cases, figures, markup

EXTENSIONS = ["md_in_html", "toc", "tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences"]
SLUG = "2021-binchuan-218"
# Data text that Markdown would otherwise read as markup: emphasis, links, images, code, headings, lists,
# escapes, tables, raw HTML and entities.
TRICKY = ["*not bold* and _not italic_", "[a link](https://example.org)", "![an image](x.png)", "`code`",
          "# not a heading", "1. not a list", "- not a list either", "back\\slash \\* kept", "a | table | row",
          "<b>bold</b> & <script>x</script>", "&amp; stays as typed", "__dunder__ **strong**", "{: .class }",
          "+ plus", "~~struck~~", "{{ figure x }}"]


def _html(text: str) -> LexborHTMLParser:
    return LexborHTMLParser(markdown.Markdown(extensions=EXTENSIONS).convert(text))


@pytest.mark.parametrize("text", TRICKY)
def test_data_text_reaches_the_reader_as_typed(text):
    """md(): whatever data holds, the reader sees exactly those characters, and no element is made of them."""
    body = _html(md_paragraph := f"Before {markup.md(text)} after").body
    assert [node.tag for node in body.traverse() if node.tag not in ("body", "p", "-text")] == [], md_paragraph
    assert " ".join(body.text(deep=True).split()) == " ".join(f"Before {text} after".split())


def test_a_table_shows_a_figure_label_as_typed(dataset):
    """A label with markup characters, in a real {{ table }}, reaches the reader as text."""
    group = next(iter(dataset.groups))
    figure = dataset.figures[dataset.groups[group].figures[0]]
    original = dict(figure.label)
    figure.label["en"] = "*Arrests* [so far](https://example.org) <b>x</b>"
    dataset.rendered.clear()
    try:
        page = _html(figures.table(markup.PageContext(dataset, "en", "figures.md"), group))
    finally:
        figure.label.update(original)
        dataset.rendered.clear()
    cells = [cell.text(deep=True) for cell in page.css("td")]
    assert any(cell.startswith("*Arrests* [so far](https://example.org) <b>x</b>") for cell in cells), cells
    assert not page.css("td em, td b, td a[href='https://example.org']")


def _facts_rows(dataset, lang: str) -> list[tuple[str, str]]:
    case = dataset.case(SLUG)
    page = LexborHTMLParser(cases.case_facts(markup.PageContext(dataset, lang, f"cases/{SLUG}.md", case)))
    return [tuple(html.unescape(cell.text(deep=True)) for cell in row.css("td")) for row in page.css("tbody tr")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_case_facts_table_has_a_row_for_every_fact(dataset, lang):
    """Each fact of data/cases/<slug>.yml is a row of its own: its label, then its value as formatted."""
    case = dataset.case(SLUG)
    rows = _facts_rows(dataset, lang)
    facts = [(dataset.figures[figure_id].label[lang], figures.figure_text(dataset, figure_id, lang))
             for figure_id in case.facts.values()]
    assert rows[4:] == facts
    assert "loss" in case.facts
    loss = dataset.figures[case.facts["loss"]]
    assert (loss.label[lang], figures.figure_text(dataset, loss.id, lang)) in rows
    assert ("71" if lang == "zh" else "710,000") in dict(rows)[loss.label[lang]]

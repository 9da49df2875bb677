"""fraudsite.deferred: finished HTML kept out of Markdown comes back exactly where Markdown would have put it."""
import re

import markdown
import pytest

from fraudsite import deferred, markers, markup

SLUG = "2021-binchuan-218"
EXTENSIONS = ["md_in_html", "toc", "tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences"]


@pytest.fixture(scope="module")
def ctx(dataset):
    return markup.PageContext(dataset, "zh", f"cases/{SLUG}.md", dataset.case(SLUG), "corrections@example.org")


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def _same_elements(html: str) -> str:
    """The HTML without the whitespace between tags (Markdown re-indents raw HTML inside <div markdown>)."""
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize("text, alone", [
    ("{{ case-facts }}", True),
    ("intro\n\n{{ case-facts }}\n\nmore", True),
    ("intro\n  \n{{ case-facts }}\n \nmore", True),
    ("intro\n\n{{ case-facts }}\n", True),
    ("intro\n{{ case-facts }}\n\nmore", False),        # the end of a paragraph
    ("intro\n\n{{ case-facts }}\nmore", False),        # the start of a paragraph
    ("intro\n\n- {{ case-facts }}\n", False),          # in a list item
    ("!!! note\n\n    {{ case-facts }}\n", False),     # indented: inside an admonition
    ("intro\n\nsee {{ case-facts }}\n", False),        # inside a sentence
    ("<div>\n{{ case-facts }}\n</div>\n", False),      # inside raw HTML
])
def test_only_a_top_level_block_stands_alone(text, alone):
    (marker,) = markers.find(text)
    assert deferred.stands_alone(text, marker.start, marker.end) is alone


@pytest.mark.parametrize("text", [
    "# 案\n\n导语。\n\n## 基本信息\n\n{{ case-facts }}\n\n## 经过\n\n正文。\n",
    "{{ case-facts }}",
    "导语。\n\n{{ latest-cases }}\n\n{{ cases-list }}\n\n结尾。\n",
    "导语。\n\n- {{ case-facts }}\n\n结尾。\n",
    "!!! note \"提示\"\n\n    {{ case-facts }}\n\n结尾。\n",
    "导语\n{{ case-facts }}\n结尾。\n",
    "<div markdown>\n\n{{ case-facts }}\n\n</div>\n",
])
def test_a_deferred_page_converts_to_the_same_html(ctx, text):
    direct = _convert(markers.render(text, ctx))
    rendered = markers.render_deferred(text, ctx)
    assert _same_elements(rendered.restore(_convert(rendered.markdown))) == _same_elements(direct)


def test_the_facts_table_skips_markdown_where_it_stands_alone(ctx):
    rendered = markers.render_deferred("导语。\n\n{{ case-facts }}\n\n- {{ case-facts }}\n", ctx)
    assert len(rendered.blocks) == 1 and rendered.blocks[0].startswith('<div class="case-facts"><div class="facts-table">')
    assert rendered.markdown.count("facts-table") == 1, "the one in the list item stays in the Markdown"


def test_markers_that_write_markdown_are_never_deferred(ctx):
    rendered = markers.render_deferred("{{ table since_2020 }}\n\n{{ figure arrests_2021q1 }}\n", ctx)
    assert rendered.blocks == ()


def test_a_lost_placeholder_is_an_error_not_a_missing_table(ctx):
    rendered = markers.render_deferred("导语。\n\n{{ case-facts }}\n", ctx)
    with pytest.raises(deferred.RestoreError, match="1 of 1 HTML blocks"):
        rendered.restore("<p>导语。</p>")


def test_text_that_imitates_a_placeholder_stays_text(ctx):
    forged = "fraudsite0123456789abcdefx0"
    rendered = markers.render_deferred(f"{forged}\n\n{{{{ case-facts }}}}\n", ctx)
    html = rendered.restore(_convert(rendered.markdown))
    assert f"<p>{forged}</p>" in html and html.count("facts-table") == 1


def test_the_same_page_renders_equal_twice(ctx):
    """The preview compares renderings to find what an edit touched: equal input, equal result."""
    text = "导语。\n\n{{ case-facts }}\n"
    assert markers.render_deferred(text, ctx) == markers.render_deferred(text, ctx)

"""Input checks that need no build: sizes, empty pages, the pages the site reaches."""
from __future__ import annotations

import json

import pytest

from fraudsite import pages, search
from fraudsite.errors import SiteInputError


def test_a_search_index_over_the_limit_names_the_largest_entry():
    docs = [{"location": "tips/", "title": "Tips", "text": "a" * 100},
            {"location": "cases/x/", "title": "X", "text": "b" * search.MAX_INDEX_BYTES}]
    index = json.dumps({"config": {}, "docs": docs})
    with pytest.raises(SiteInputError) as error:
        search.check_size(index, "en", lambda location: f"<{location}>")
    message = str(error.value)
    assert message.startswith("<cases/x/>: search index:") and "over the limit of 5,000,000" in message, message
    search.check_size(json.dumps({"config": {}, "docs": docs[:1]}), "en", str)  # under the limit: no message


def test_every_page_is_in_the_navigation_or_listed_by_the_site():
    pages.check_reached({"tips": "docs/tips.zh.md", "cases/2021-x": "docs/cases/2021-x.zh.md",
                         "updates/2021-04-22-x": "docs/updates/2021-04-22-x.zh.md"}, {"tips"})
    with pytest.raises(SiteInputError) as error:
        pages.check_reached({"tips": "docs/tips.zh.md", "guides/new": "docs/guides/new.zh.md"}, {"tips"})
    assert str(error.value).startswith("docs/guides/new.zh.md: navigation:")


@pytest.mark.parametrize("body, empty", [("\n# 标题\n", True), ("# T\n\n<!-- later -->\n{{ update-date }}\n", True),
                                         ("# T\n\n## Part\n", True), ("# T\n\nText.\n", False),
                                         ("# T\n\n{{ checker }}\n", False)])
def test_a_page_with_a_title_only_is_empty(tmp_path, body, empty):
    file = pages.PageFile(tmp_path / "x.en.md", "docs/x.en.md", "x", "en")
    text = pages.PageText(file, {"description": "x"}, body, 3)
    if empty:
        with pytest.raises(SiteInputError, match="no text"):
            pages.check_has_text(text)
    else:
        pages.check_has_text(text)

"""fraudsite.markers: found outside code, unknown ones rejected with page, line and closest ids."""
from pathlib import Path

import pytest

from fraudsite import markers
from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT / "data")


def test_markers_are_found_with_their_lines():
    text = "intro\n\n抓获{{ figure arrests_2021q1 }}。\n\n{{ table since_2020 }}\n"
    found = markers.find(text)
    assert [(m.kind, m.argument, m.line) for m in found] == [("figure", "arrests_2021q1", 3), ("table", "since_2020", 5)]


def test_markers_in_code_are_examples():
    text = "Write `{{ figure arrests_2021q1 }}`.\n\n```\n{{ figure nope }}\n```\n"
    assert markers.find(text) == []


def test_unknown_figure_names_page_line_and_closest(dataset):
    (marker,) = markers.find("a\nb {{ figure arrest_2021q1 }}")
    with pytest.raises(SiteInputError) as error:
        markers.check(marker, dataset, "docs/tips.zh.md", line_offset=3)
    message = str(error.value)
    assert message.startswith("docs/tips.zh.md:5:")
    assert "arrests_2021q1" in message


@pytest.mark.parametrize("text, problem", [
    ("{{ figur arrests_2021q1 }}", "unknown marker"),
    ("{{ table nothing_here }}", "unknown group"),
    ("{{ chart nope }}", "unknown chart"),
    ("{{ cases-of-type romance }}", "unknown scam type"),
    ("{{ figure }}", "needs a name"),
    ("{{ hotlines now }}", "takes no name"),
    ("{{ case-facts }}", "only for case pages"),
])
def test_bad_markers(dataset, text, problem):
    (marker,) = markers.find(text)
    with pytest.raises(SiteInputError, match=problem):
        markers.check(marker, dataset, "docs/x.en.md")

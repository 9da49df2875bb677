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


def test_contributing_lists_every_kind_of_marker_in_both_languages():
    """CONTRIBUTING.md's two marker tables are built by hand: a new kind must be added to both."""
    from pathlib import Path

    from fraudsite.render import MARKERS
    text = (Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    chinese, english = text.split("\n## English\n")
    for kind in MARKERS.values():
        row = f"\n| `{{{{ {kind.name}" + (" " if kind.argument else " }}")
        assert row in chinese and row in english, f"{kind.name} has no row in both marker tables"

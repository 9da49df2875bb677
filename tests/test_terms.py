"""fraudsite.terms: one English rendering per Chinese term, the glossary's, on pages and in data."""
from __future__ import annotations

from pathlib import Path

import pytest

from fraudsite import terms
from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset
from fraudsite.model import Term
from fraudsite.project import copy_project

GLOSSARY = [
    Term("三不一多", "sān bù yī duō", "three don'ts and one more check", {}),
    Term("窝点", "wōdiǎn", "den", {}),
    Term("两卡", "liǎng kǎ", '"two cards"', {}),
    Term("96110", "", "96110", {}),
]


@pytest.mark.parametrize("text", [
    "remember the three don'ts and one more check (三不一多).",
    'the "three don\'ts and one more check" (三不一多) says',
    "The **Three Don'ts and One More Check** (三不一多)",
    "12 dens (窝点) were shut",                          # a plural
    'The "two cards" (两卡) are bank cards',
    "the three don'ts and one more check（三不一多）",    # full-width brackets
    "`three don'ts (三不一多)` in code is an example",
    "No Chinese at all.",
])
def test_the_glossarys_rendering_passes(text):
    assert terms.mismatch(text, GLOSSARY) is None


@pytest.mark.parametrize("text, written", [
    ('the "three don\'ts and one more" (三不一多) below', "three don'ts and one more\""),
    ("officers raided a fraud nest (窝点)", "a fraud nest"),
    ("(三不一多) is a national rule", ""),
])
def test_another_rendering_is_named(text, written):
    offset, term, found = terms.mismatch(text, GLOSSARY)
    assert term.zh in text[offset:offset + len(term.zh) + 2] and found.endswith(written)


def test_a_page_gets_the_line_and_the_fix():
    with pytest.raises(SiteInputError) as error:
        terms.check("# Tips\n\nA line.\nThe three don'ts (三不一多).\n", "docs/tips.en.md", GLOSSARY, 3)
    assert (error.value.file, error.value.line) == ("docs/tips.en.md", 7)
    assert "three don'ts and one more check (三不一多)" in str(error.value)


def test_english_data_is_checked_at_its_line(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "data" / "channels.yml"
    text = path.read_text(encoding="utf-8")
    assert "three don'ts and one more check” (三不一多)" in text
    path.write_text(text.replace("three don'ts and one more check” (三不一多)",
                                 "three noes and a check” (三不一多)"), encoding="utf-8")
    with pytest.raises(SiteInputError) as error:
        load_dataset(project / "data")
    line = next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if "three noes and a check" in line)
    assert (error.value.file, error.value.line) == ("data/channels.yml", line)


def test_the_sites_own_data_passes():
    load_dataset(Path(__file__).resolve().parent.parent / "data")

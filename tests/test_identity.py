"""The site's identity (data/site.yml): read once, shown everywhere, never written into the engine."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fraudsite import identity, i18n, preflight
from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset
from fraudsite.project import ROOT
from fraudsite.yamlfile import load_yaml

from conftest import edit

# What the engine is: everything a centre installs and does not edit (its site holds only
# mkdocs.yml, docs/, data/, a hook file and, if it wants, its own overrides).
ENGINE = [ROOT / "fraudsite", ROOT / "fraudbuild"]
# The files `fraudsite init` writes: a new site's own pages and data, which a centre then edits; they hold
# no Dali word either, but the national hotlines are theirs to show.
STARTER_SITE = ROOT / "fraudbuild" / "starter" / "site"
ENGINE_SUFFIXES = {".py", ".html", ".md", ".yml", ".css", ".js", ".template"}
# Words of the Dali site that no other centre's site may inherit from the engine.
DALI_WORDS = ["大理", "宾川", "南涧", "Binchuan", "Nanjian", "重拳出击", "汪雨春"]


def engine_files() -> list[Path]:
    return sorted(path for folder in ENGINE for path in folder.rglob("*")
                  if path.is_file() and path.suffix in ENGINE_SUFFIXES and "__pycache__" not in path.parts)


def engine_text(path: Path) -> str:
    """What a file of the engine says: a Python file's strings and comments (its numbers are code,
    such as an event priority of -110), any other file whole."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return text
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return "\n".join(token.string for token in tokens if token.type in (tokenize.STRING, tokenize.COMMENT))


def test_the_engine_types_no_hotline_number_and_no_name_of_the_dali_site(dataset):
    site = dataset.identity
    names = {site.text(field, lang) for field in (site.site.centre.full, site.site.centre.short, site.site.region,
                                                  site.site.title, site.site.publisher.name)
             for lang in i18n.LANGUAGES}
    numbers = [number for number, _label in site.hotlines("zh")]
    found = []
    for path in engine_files():
        text = engine_text(path)
        for word in [*DALI_WORDS, *names, *(source.title for source in dataset.sources.values())]:
            if word.lower() in text.lower():
                found.append(f"{path.relative_to(ROOT)}: {word}")
        if re.search(r"\bdali\b", text, re.IGNORECASE):
            found.append(f"{path.relative_to(ROOT)}: dali")
        if STARTER_SITE in path.parents:  # a new site's own content: its data/site.yml names 110 and 96110
            continue
        for number in numbers:
            if re.search(rf"(?<![0-9]){re.escape(number)}(?![0-9])", text):
                found.append(f"{path.relative_to(ROOT)}: {number}")
    assert engine_files() and not found, "the engine must read these from data/site.yml:\n" + "\n".join(found)


def test_the_check_of_the_engine_finds_a_typed_hotline_in_a_template_and_a_string(tmp_path):
    template = tmp_path / "main.html"
    template.write_text('<p>报警 <a href="tel:110">110</a></p>', encoding="utf-8")
    code = tmp_path / "x.py"
    code.write_text('@event_priority(-110)\ndef f():\n    return "call 110"  # Dali\n', encoding="utf-8")
    assert "110" in engine_text(template)
    assert re.search(r"(?<![0-9])110(?![0-9])", engine_text(code)) and "-110" not in engine_text(code)
    assert re.search(r"\bdali\b", engine_text(code), re.IGNORECASE)


def _site(tmp_path: Path, text: str):
    path = tmp_path / "site.yml"
    path.write_text(text, encoding="utf-8")
    return identity.load(load_yaml(path, "data/site.yml"))


def _dali_site_yml() -> str:
    return (ROOT / "data" / identity.FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize("number, problem", [
    ("9611O", "string_pattern_mismatch"), ("400-FRAUD-110", "pattern"), ("11", "digits"),
    ("<b>110</b>", "pattern"), ("1 2", "digits"), ("+86 ", "pattern"), ("", "pattern"),
])
def test_a_hotline_that_is_not_a_dialable_number_is_refused_at_its_line(tmp_path, number, problem):
    text = _dali_site_yml().replace('number: "96110"', f'number: "{number}"')
    with pytest.raises(SiteInputError) as error:
        _site(tmp_path, text)
    line = text[: text.index(f'number: "{number}"')].count("\n") + 1
    assert error.value.file == "data/site.yml" and error.value.line == line, str(error.value)
    assert "hotlines.1.number" in str(error.value)


def test_a_site_may_have_any_number_of_hotlines_local_ones_included(tmp_path):
    text = _dali_site_yml().replace("print_prefix:", """  - number: "0872-2345678"
    role: local
    label: {zh: 县反诈中心值班电话, en: County anti-fraud centre duty line}
print_prefix:""")
    site = _site(tmp_path, text)
    assert site.hotlines("en")[-1] == ("0872-2345678", "County anti-fraud centre duty line")
    bar = identity.hotline_bar(site, "zh")
    assert 'href="tel:08722345678">0872-2345678</a>' in bar and bar.count("tel:") == 3


def test_markup_in_the_identity_is_shown_as_text(tmp_path):
    text = _dali_site_yml().replace("name: {zh: 本站编辑组, en: the editors of this site}",
                                    'name: {zh: "<script>alert(1)</script>", en: "<b>x</b>"}')
    site = _site(tmp_path, text)
    assert "<script>" not in identity.publisher_line(site, "zh") and "&lt;script&gt;" in identity.publisher_line(site, "zh")
    assert "<b>" not in identity.publisher_line(site, "en")


def test_filing_numbers_are_shown_only_when_set_and_link_to_their_registers(tmp_path):
    assert identity.filing_line(_site(tmp_path, _dali_site_yml())) == ""
    text = _dali_site_yml() + 'filing: {icp: 滇ICP备00000000号-1, police: "53290102000000", police_region: 滇}\n'
    line = identity.filing_line(_site(tmp_path, text))
    links = BeautifulSoup(line, "html.parser").select("a")
    assert [a.get_text() for a in links] == ["滇ICP备00000000号-1", "滇公网安备53290102000000号"]
    assert links[0]["href"] == identity.ICP_REGISTER and links[1]["href"].endswith("code=53290102000000")
    with pytest.raises(SiteInputError, match="filing.police"):
        _site(tmp_path, _dali_site_yml() + 'filing: {police: "5329-javascript"}\n')


def test_a_missing_identity_file_is_named_with_what_to_do(data_copy):
    (data_copy / identity.FILE).unlink()
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_copy)
    assert error.value.file.endswith("data/site.yml") and "is missing" in str(error.value)
    assert "hotlines" in error.value.fix


def test_a_placeholder_left_in_the_identity_is_refused_by_a_release(tmp_path):
    text = _dali_site_yml().replace("name: {zh: 本站编辑组, en: the editors of this site}",
                                    "name: {zh: 待填写：发布单位, en: TODO publisher}")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / identity.FILE).write_text(text, encoding="utf-8")
    with pytest.raises(SiteInputError) as error:
        preflight.refuse_placeholders_in_data(tmp_path / "data", tmp_path)
    assert error.value.line == text[: text.index("待填写")].count("\n") + 1
    assert error.value.what == "publisher.name.zh"
    preflight.refuse_placeholders_in_data(ROOT / "data", ROOT)  # the Dali site has none


@pytest.mark.build
def test_every_built_page_shows_the_identity(built_site, dataset):
    site = dataset.identity
    pages = sorted(built_site.root.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        lang = "en" if path.relative_to(built_site.root).parts[0] == "en" else "zh"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        bar = soup.select_one("p.hotline-bar")
        if bar is None:  # the leaflet sheets' own pages have the bar too; only a redirect page would not
            raise AssertionError(f"{path}: no hotline bar")
        assert [(a.get_text(), a["href"]) for a in bar.select("a")] == \
            [(number, identity.tel(number)) for number, _ in site.hotlines(lang)], path
        footer = soup.select_one(".site-corrections .site-publisher")
        assert footer is not None and site.publisher(lang) in footer.get_text(), path
        assert soup.title.get_text().endswith(site.title(lang)), path


@pytest.mark.build
def test_the_404_pages_the_feeds_and_the_sheets_read_the_identity(built_site, dataset):
    site = dataset.identity
    for lang in i18n.LANGUAGES:
        page = BeautifulSoup((built_site.root / i18n.prefix(lang) / "404.html").read_text(encoding="utf-8"),
                             "html.parser")
        numbers = [a.get_text() for a in page.select("article a[href^='tel:'], .md-content a[href^='tel:']")]
        assert numbers == [number for number, _ in site.hotlines(lang)]
        feed = (built_site.root / i18n.prefix(lang) / "feed.xml").read_text(encoding="utf-8")
        assert f"<name>{site.publisher(lang)}</name>" in feed and site.title(lang) in feed
        leaflet = built_site.root / i18n.prefix(lang) / "leaflet"
        assert sorted(path.name for path in leaflet.glob("*.pdf")) == \
            sorted(f"{site.print_prefix}-{kind}-{lang}.pdf" for kind in ("a4", "card", "poster"))
        home = BeautifulSoup(built_site.html(i18n.prefix(lang)), "html.parser")
        assert home.select_one("meta[name=description]")["content"]


def test_the_dali_identity_says_who_publishes_the_site_and_that_it_is_not_the_police(dataset):
    """The Dali site (this repository's own data)."""
    site = dataset.identity
    assert "不是公安机关的官方网站" in site.text(site.site.publisher.relation, "zh")
    assert "not an official police website" in site.text(site.site.publisher.relation, "en")


def test_identity_edits_reach_the_dataset(data_copy):
    edit(data_copy / identity.FILE, 'number: "96110"', 'number: "0872-96110"')
    assert load_dataset(data_copy).identity.hotlines("zh")[1][0] == "0872-96110"

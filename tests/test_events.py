"""The hook's events run on the real configuration, one page at a time, without a full build.

``make_site`` (like mkdocs-static-i18n's ``make_config`` fixture) loads mkdocs.yml for one language as
fraudbuild.worker does, attaches a SiteBuild, and runs the events a build runs before its pages
(on_startup, on_config, on_files, on_nav, on_env); ``render`` then runs one page through the rest
(on_page_markdown … on_post_page) with fraudbuild.internals.render_page, as the preview does. A mistake in
what these events do fails here, in `make unit`, in a test that names the file at fault, rather than as a
full build's refusal blamed on a page."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from selectolax.lexbor import LexborHTMLParser

from fraudbuild import worker
from fraudbuild.build import environment
from fraudbuild.sitebuild import Request, SiteBuild, attach
from fraudsite import preflight
from fraudsite.errors import SiteInputError
from fraudsite.project import ROOT

URL = "http://127.0.0.1:8000/"
SLUG = "2021-binchuan-218"


@dataclasses.dataclass
class EventSite:
    config: object
    site: SiteBuild
    files: object
    nav: object
    env: object

    def render(self, src_uri: str) -> LexborHTMLParser:
        from fraudbuild import internals
        file = self.files.get_file_from_path(src_uri)
        assert file is not None and file.page is not None, src_uri
        return LexborHTMLParser(internals.render_page(file.page, self.config, self.files, self.nav, self.env))


def make_site(tmp_path: Path, lang: str, checked: preflight.Preflight, mode: str = preflight.PREVIEW) -> EventSite:
    job = worker.Job(lang, ROOT / "mkdocs.yml", tmp_path / "site", mode, ROOT, URL)
    with environment({"SITE_URL": URL}):  # mkdocs.yml reads it, as in a build
        config = worker.load(job)
    site = SiteBuild.start(Request(lang, mode, ROOT, checked, URL))
    attach(config, site)
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    return EventSite(config, site, files, nav, env)


@pytest.fixture(scope="module")
def checked():
    return preflight.run(ROOT, preflight.PREVIEW)


@pytest.fixture(scope="module")
def english(tmp_path_factory, checked):
    return make_site(tmp_path_factory.mktemp("en"), "en", checked)


def test_the_case_list_shows_a_title_with_markup_as_text(tmp_path, checked):
    """fraudsite/cases.py escapes a case's title in every case list: a title holding markup is shown as typed
    (without escaping, the finished-page check would refuse docs/index.zh.md, which only shows the list)."""
    case = checked.dataset.case(SLUG)
    title = '<img src=x onerror=alert(1)> & <b>粗体</b>'
    tampered = dataclasses.replace(case, title={**case.title, "zh": title})
    dataset = dataclasses.replace(checked.dataset, cases=[tampered if c is case else c for c in checked.dataset.cases],
                                  rendered={})
    site = make_site(tmp_path, "zh", dataclasses.replace(checked, dataset=dataset))
    try:
        page = site.render("cases/index.zh.md")
    except SiteInputError as error:
        pytest.fail(f"fraudsite/cases.py: a case title reached the case list as markup ({error})")
    links = [link.text() for link in page.css(".case-list a") if link.attributes.get("href", "").endswith(f"{SLUG}/")]
    assert links == [title], "fraudsite/cases.py: the case list must show the title as typed"
    assert not page.css(".case-list img, .case-list b")


def test_english_pages_search_the_english_index_with_the_english_pipeline(english):
    """fraudbuild/internals.py (select_language): the English build's search plugin indexes English only,
    and its pages look for the index under /en/."""
    search = english.config.plugins["material/search"]
    assert search.config.lang == ["en"], "fraudbuild/internals.py: the English build must index English only"
    assert english.config.theme["language"] == "en"
    page = english.render("tips.en.md")
    config_script = page.css_first("script#__config")
    assert config_script is not None
    assert json.loads(config_script.text())["base"] == "../", "English pages load /en/search/search_index.json"


def test_the_chinese_build_keeps_both_search_languages(tmp_path, checked):
    site = make_site(tmp_path, "zh", checked)
    assert site.config.plugins["material/search"].config.lang == ["zh", "en"]
    assert site.config.theme["language"] == "zh"


def test_a_release_refuses_a_draft_and_names_its_file(project_copy):
    """fraudsite/preflight.py: what `make serve` shows as a draft (待填写 / TODO), `make site` refuses, naming
    the page; the preview of the same project shows it with its note."""
    page = project_copy / "docs" / "tips.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nTODO: a paragraph still to write.\n", encoding="utf-8")
    line = text.count("\n") + 2
    with pytest.raises(SiteInputError) as refused:
        preflight.run(project_copy, preflight.RELEASE)
    assert str(refused.value).startswith(f"docs/tips.en.md:{line}: unfinished:"), str(refused.value)
    shown = preflight.run(project_copy, preflight.PREVIEW)
    assert any(note.startswith(f"docs/tips.en.md:{line}:") for note in shown.drafts["tips"]), shown.drafts

"""`make new-case`: the stub it writes builds, bad input is refused, bad case files fail the build."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, BuildFailed, build_project
from fraudsite import newcase, pages

SLUG = "2026-dali-example"


@pytest.fixture()
def data_root(tmp_path) -> Path:
    """Just enough of a project for newcase: the catalogue."""
    (tmp_path / "data" / "cases").mkdir(parents=True)
    shutil.copy2(ROOT / "data" / "catalogue.yml", tmp_path / "data" / "catalogue.yml")
    return tmp_path


@pytest.mark.parametrize("slug", ["", "dali-example", "2026", "2026-Dali", "2026_dali", "2026-dali-",
                                  "2026--dali", "２０26-dali", "26-dali", "2026-dali example", "../2026-x",
                                  "3026-dali"])
def test_refuses_bad_slugs(slug):
    with pytest.raises(newcase.NewCaseError):
        newcase.check_slug(slug)


@pytest.mark.parametrize("slug", ["2026-dali-example", "2021-binchuan-218", "2019-a"])
def test_accepts_good_slugs(slug):
    assert newcase.check_slug(slug) == slug


def test_writes_three_files(data_root):
    paths = newcase.create_case(data_root, SLUG)
    assert [p.relative_to(data_root).as_posix() for p in paths] == [
        f"data/cases/{SLUG}.yml", f"docs/cases/{SLUG}.zh.md", f"docs/cases/{SLUG}.en.md"]
    data = yaml.safe_load(paths[0].read_text(encoding="utf-8"))
    # the stub invents nothing: no date, place, type, status, source or number until someone writes them
    assert data["date"] is None and data["county"] is None and data["types"] == [] and data["status"] is None
    assert data["source"] is None
    assert all(fact["value"] is None for fact in data["facts"].values())
    assert not re.search(r"\d", paths[0].read_text(encoding="utf-8").replace(SLUG, "").replace("YYYY-MM-DD", ""))
    for page in paths[1:]:
        front, body, _ = pages.split_front_matter(page.read_text(encoding="utf-8"))
        assert re.search(r"^description:\s*\S", front, re.M)
        assert body.lstrip().startswith("# ")
        assert "{{ case-facts }}" in body
        assert "../scams/index.md" in body
        assert "待填写" in body or "TODO" in body
        # no digits in the prose: a typed number could equal a data figure
        assert not re.search(r"\d", body.replace(SLUG, "").replace("110", ""))


def test_choices_given_on_the_command_line_are_filled_in(data_root):
    paths = newcase.create_case(data_root, SLUG, county="binchuan", scam_type="fake-refund",
                                date=dt.date(2026, 1, 2))
    data = yaml.safe_load(paths[0].read_text(encoding="utf-8"))
    assert (data["date"], data["county"], data["types"]) == (dt.date(2026, 1, 2), "binchuan", ["fake-refund"])
    assert "../scams/fake-refund.md" in paths[1].read_text(encoding="utf-8")


def test_refuses_to_overwrite(data_root):
    newcase.create_case(data_root, SLUG)
    zh = data_root / "docs" / "cases" / f"{SLUG}.zh.md"
    zh.write_text("my work", encoding="utf-8")
    with pytest.raises(newcase.NewCaseError, match="already exists"):
        newcase.create_case(data_root, SLUG)
    assert zh.read_text(encoding="utf-8") == "my work"


def test_refuses_if_only_one_file_exists(data_root):
    en = data_root / "docs" / "cases" / f"{SLUG}.en.md"
    en.parent.mkdir(parents=True)
    en.write_text("draft", encoding="utf-8")
    with pytest.raises(newcase.NewCaseError, match="already exists"):
        newcase.create_case(data_root, SLUG)
    assert not (data_root / "data" / "cases" / f"{SLUG}.yml").exists()


def test_refuses_unknown_county_and_type(data_root):
    with pytest.raises(newcase.NewCaseError, match="county"):
        newcase.create_case(data_root, SLUG, county="kunming")
    with pytest.raises(newcase.NewCaseError, match="scam type"):
        newcase.create_case(data_root, SLUG, scam_type="crypto")


def test_main_asks_for_slug_and_prints_next_steps(data_root, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(SLUG + "\n"))
    assert newcase.main(["--root", str(data_root)]) == 0
    out = capsys.readouterr().out
    assert "1. data/cases/" in out and "接下来" in out and "Next" in out and "make serve" in out
    assert newcase.main([SLUG, "--root", str(data_root)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_main_rejects_bad_slug(data_root, capsys):
    assert newcase.main(["Bad_Slug", "--root", str(data_root)]) == 1
    assert "not a valid slug" in capsys.readouterr().err


def test_module_does_not_import_mkdocs():
    source = (ROOT / "fraudsite" / "newcase.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+mkdocs", source, re.M)


@pytest.mark.build
def test_an_untouched_stub_is_previewed_as_a_draft_and_never_published(project_copy):
    newcase.create_case(project_copy, SLUG)
    site = build_project(project_copy, mode="preview")
    for prefix, banner in (("", "草稿"), ("en/", "Draft")):
        page = (site / f"{prefix}cases/{SLUG}/index.html").read_text(encoding="utf-8")
        assert f'<html lang="{prefix[:2] or "zh"}"' in page
        assert 'class="draft-banner"' in page and banner in page
        assert f"{SLUG}/" in (site / f"{prefix}cases/index.html").read_text(encoding="utf-8")
    statistics = (site / "statistics/index.html").read_text(encoding="utf-8")
    assert "待填写" not in statistics
    assert SLUG not in (site / "figures.csv").read_text(encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("index.html")}
    with pytest.raises(BuildFailed) as failure:
        build_project(project_copy)
    message = str(failure.value)
    assert f"data/cases/{SLUG}.yml:" in message and "unfinished" in message and "make serve" in message
    assert {p: p.read_bytes() for p in site.rglob("index.html")} == before


@pytest.mark.build
def test_a_filled_in_dali_case_is_published(project_copy):
    paths = newcase.create_case(project_copy, SLUG, county="binchuan", scam_type="fake-refund",
                                date=dt.date(2026, 1, 2))
    data = yaml.safe_load(paths[0].read_text(encoding="utf-8"))
    with (project_copy / "data" / "sources.yml").open("a", encoding="utf-8") as sources:  # the case's own document
        sources.write("  - id: bulletin-2026-01\n    kind: police_bulletin\n    title: 警情通报（测试用）\n"
                      "    published: 2026-01-03\n")
    data.update(title={"zh": "宾川冒充客服退款案", "en": "A fake refund case in Binchuan"}, status="investigating",
                source="bulletin-2026-01", summary={"zh": "一名网购者接到冒充客服的电话后被骗。",
                                                     "en": "An online shopper was cheated by a fake customer-service call."})
    data["facts"] = {"loss": {"value": 5000}}
    paths[0].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for path, text in ((paths[1], "# 宾川冒充客服退款案\n\n一名网购者被冒充客服的骗子骗走{{ figure case.%s.loss }}。\n\n"
                                  "{{ case-facts }}\n\n详见[冒充购物客服退款](../scams/fake-refund.md)。\n" % SLUG),
                       (paths[2], "# A fake refund case in Binchuan\n\nAn online shopper lost {{ figure case.%s.loss }} to "
                                  "a caller posing as customer service.\n\n{{ case-facts }}\n\nSee [Fake refunds]"
                                  "(../scams/fake-refund.md).\n" % SLUG)):
        description = "一起冒充客服退款的诈骗案。" if path.name.endswith(".zh.md") else "A fake refund scam case."
        path.write_text(f"---\ndescription: {description}\n---\n{text}", encoding="utf-8")
    site = build_project(project_copy)
    for prefix in ("", "en/"):
        page = (site / f"{prefix}cases/{SLUG}/index.html").read_text(encoding="utf-8")
        assert 'class="draft-banner"' not in page
        assert f"cases/{SLUG}/" in (site / f"{prefix}scams/fake-refund/index.html").read_text(encoding="utf-8")
    assert f"case.{SLUG}.loss" in (site / "figures.csv").read_text(encoding="utf-8")


def _case_file(project: Path) -> Path:
    newcase.create_case(project, SLUG, county="dali", scam_type="fake-investment", date=dt.date(2026, 1, 2))
    return project / "data" / "cases" / f"{SLUG}.yml"


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.build
@pytest.mark.parametrize("old, new, field", [
    ("types: [fake-investment]", "types: [crypto-scam]", "types"),
    ("county: dali", "county: kunming", "county"),
    ("date: 2026-01-02", "date: 2099-01-01", "date"),
    ("    value:\n", '    value: "lots"\n', "facts.loss.value"),
], ids=["unknown-type", "county-outside-prefecture", "future-date", "malformed-loss"])
def test_bad_case_file_fails_with_file_line_and_field(project_copy, old, new, field):
    path = _case_file(project_copy)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_project(project_copy, mode="preview")
    assert f"data/cases/{SLUG}.yml:{_line_of(text, old)}: {field}" in str(failure.value)


@pytest.mark.build
def test_missing_counterpart_page_fails(project_copy):
    _case_file(project_copy)
    (project_copy / "docs" / "cases" / f"{SLUG}.en.md").unlink()
    with pytest.raises(BuildFailed) as failure:
        build_project(project_copy)
    message = str(failure.value)
    assert f"docs/cases/{SLUG}.zh.md: translation: has no English counterpart" in message
    assert f"docs/cases/{SLUG}.en.md" in message

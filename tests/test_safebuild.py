"""A failed build never touches the last good site/, and says what to fix.

One copy of the project is built once; then each case breaks one input,
runs the build, checks the error names the file (and line) and how to fix
it, checks site/ is byte-for-byte what it was, and restores the input.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BuildFailed, build_project

pytestmark = pytest.mark.build


def snapshot(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def line_of(path: Path, text: str, after: str | None = None) -> int:
    """1-based number of the first line containing `text` (after the first line containing `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start) if text in line) + 1


def _negative_figure(project: Path):
    path = project / "data" / "figures.yml"
    line = line_of(path, "value: 87", after="- id: arrests_2021q1")
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[line - 1] = text[line - 1].replace("value: 87", "value: -87")
    path.write_text("".join(text), encoding="utf-8")
    return [f"data/figures.yml:{line}", "negative"], "How to fix"


def _corrupt_yaml(project: Path):
    path = project / "data" / "figures.yml"
    line = line_of(path, "- id: arrests_2021q1")
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text.insert(line, "   broken: [\n")  # a badly indented, unclosed flow sequence after that line
    path.write_text("".join(text), encoding="utf-8")
    return ["data/figures.yml:", "YAML"], "How to fix"


def _unknown_figure_marker(project: Path):
    path = project / "docs" / "tips.zh.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n今年抓获{{ figure no_such_figure }}。\n"
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "no_such_figure")
    return [f"docs/tips.zh.md:{line}", "no_such_figure"], "How to fix"


def _invalid_mkdocs_yml(project: Path):
    path = project / "mkdocs.yml"
    line = line_of(path, "theme:")
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[line - 1] = "theme: [\n"
    path.write_text("".join(text), encoding="utf-8")
    # MkDocs' own message: the file and the line, no "How to fix" of ours
    return ["mkdocs.yml", f"line {line}"], None


def _unknown_setting(project: Path):
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("docs_dir: docs\n", "docs_dir: docs\nno_such_setting: 1\n"),
                    encoding="utf-8")
    # strict mode turns MkDocs' warning into a failure; its message names the setting, not mkdocs.yml
    return ["no_such_setting", "Unrecognised configuration name"], None


def _unknown_theme(project: Path):
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  name: material\n", "  name: no_such_theme\n"),
                    encoding="utf-8")
    return ["no_such_theme", "available installed themes"], None


def _missing_translation(project: Path):
    (project / "docs" / "tips.en.md").unlink()
    return ["docs/tips.zh.md", "docs/tips.en.md", "English counterpart"], "How to fix"


def _replace_on_line(path: Path, after: str, old: str, new: str) -> int:
    line = line_of(path, old, after=after)
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[line - 1] = text[line - 1].replace(old, new)
    path.write_text("".join(text), encoding="utf-8")
    return line


def _missing_field(project: Path):
    path = project / "data" / "figures.yml"
    _replace_on_line(path, "- id: arrests_2021q1", "    scope: prefecture", "")
    entry = line_of(path, "- id: arrests_2021q1")  # a missing field is reported at its entry
    return [f"data/figures.yml:{entry}", "figures.1.scope", "missing"], "How to fix"


def _ill_typed_field(project: Path):
    line = _replace_on_line(project / "data" / "figures.yml", "- id: arrests_2021q1", "value: 87", "value: eighty-seven")
    return [f"data/figures.yml:{line}", "figures.1.value"], "How to fix"


def _duplicate_id(project: Path):
    line = _replace_on_line(project / "data" / "figures.yml", None, "- id: arrests_2021q1_yoy", "- id: arrests_2021q1")
    return [f"data/figures.yml:{line}", "duplicate figure id 'arrests_2021q1'"], "How to fix"


def _unknown_unit(project: Path):
    line = _replace_on_line(project / "data" / "figures.yml", "- id: arrests_2021q1", "unit: person", "unit: persons")
    return [f"data/figures.yml:{line}", "unknown unit 'persons'"], "How to fix"


def _case_outside_the_prefecture(project: Path):
    line = _replace_on_line(project / "data" / "cases" / "2021-binchuan-218.yml", None, "county: binchuan",
                            "county: kunming")
    return [f"data/cases/2021-binchuan-218.yml:{line}", "county", "kunming"], "How to fix"


def _typed_figure(project: Path):
    path = project / "docs" / "tips.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nPolice arrested 87 people.\n", encoding="utf-8")
    return [f"docs/tips.en.md:{line_of(path, 'arrested 87')}", "{{ figure arrests_2021q1 }}"], "How to fix"


def _unsafe_html(project: Path):
    path = project / "docs" / "tips.zh.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n<iframe src="/x"></iframe>\n', encoding="utf-8")
    return [f"docs/tips.zh.md:{line_of(path, '<iframe')}", "iframe"], "How to fix"


BREAKAGES = {
    "figures-missing-field": _missing_field,
    "figures-ill-typed-field": _ill_typed_field,
    "figures-duplicate-id": _duplicate_id,
    "figures-unknown-unit": _unknown_unit,
    "case-county-outside-prefecture": _case_outside_the_prefecture,
    "page-typed-figure": _typed_figure,
    "page-unsafe-html": _unsafe_html,
    "figures-negative-value": _negative_figure,
    "figures-corrupt-yaml": _corrupt_yaml,
    "page-unknown-figure": _unknown_figure_marker,
    "mkdocs-yml-invalid-yaml": _invalid_mkdocs_yml,
    "mkdocs-yml-unknown-setting": _unknown_setting,
    "mkdocs-yml-unknown-theme": _unknown_theme,
    "missing-translation": _missing_translation,
}
TOUCHED = ["data/figures.yml", "data/cases/2021-binchuan-218.yml", "docs/tips.zh.md", "docs/tips.en.md", "mkdocs.yml"]


def test_failed_builds_leave_site_untouched(project_copy):
    site = build_project(project_copy)
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()
    before = snapshot(site)
    originals = {name: (project_copy / name).read_bytes() for name in TOUCHED}

    for name, breakage in BREAKAGES.items():
        try:
            expected, fix = breakage(project_copy)
            with pytest.raises(BuildFailed) as failure:
                build_project(project_copy)
            message = str(failure.value)
            for fragment in expected:
                assert fragment in message, f"{name}: {fragment!r} not in message:\n{message}"
            if fix:
                assert fix in message, f"{name}: no fix suggested:\n{message}"
            assert "site/ was left exactly as it was" in message
            assert snapshot(site) == before, f"{name}: site/ changed"
            leftovers = [p.name for p in project_copy.iterdir() if p.name.startswith(".site-")]
            assert not leftovers, f"{name}: staging folders left behind: {leftovers}"
        finally:
            for relative, data in originals.items():
                (project_copy / relative).write_bytes(data)

    # restored, the project builds again and replaces site/
    build_project(project_copy)
    assert snapshot(site).keys() == before.keys()


def test_command_line_reports_failure(project_copy):
    page = project_copy / "docs" / "tips.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ figure no_such_figure }}\n", encoding="utf-8")
    line = line_of(page, "no_such_figure")
    result = subprocess.run(
        [sys.executable, "-m", "fraudbuild.build", "--config-file", str(project_copy / "mkdocs.yml"),
         "--site-dir", str(project_copy / "site")],
        cwd=project_copy, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"docs/tips.zh.md:{line}" in result.stderr, result.stderr
    assert "How to fix" in result.stderr
    assert not (project_copy / "site").exists(), "a failed first build must not create site/"

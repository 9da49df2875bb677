"""`fraudsite init`: the starter site it writes, and the engine installed from a wheel building it.

A centre's site holds no engine file: these tests write the starter into a temporary folder, build it with the
engine (preview: it builds; release: its placeholders are refused, each at its file and line), and build it once
more with the engine installed from a wheel into a folder of its own, run from outside this repository.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fraudbuild.build import BuildFailed, build
from fraudbuild.starter import InitError, main as init_main, starter_files, write_site
from fraudsite.errors import SiteInputError
from fraudsite.preflight import refuse_placeholders_in_data
from fraudsite.project import ROOT

# What no file of the starter may say: the Dali site's places, its article's title and its editor.
DALI_WORDS = ["大理", "宾川", "南涧", "Binchuan", "Nanjian", "重拳出击", "汪雨春", "破案率在全省名列前茅"]
# the tests build on loopback: FRAUDSITE_LOCAL_RELEASE lets a release use it (fraudsite/settings.py)
SETTINGS = {"SITE_URL": "http://127.0.0.1:8000/", "CORRECTIONS_CONTACT": "fanzha@centre.example",
            "FRAUDSITE_LOCAL_RELEASE": "1"}


def dali_words_in(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix in {".gz", ".pdf", ".png", ".woff2"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(folder)}: {word}" for word in DALI_WORDS if word.lower() in text.lower()]
        if re.search(r"\bdali\b", text, re.IGNORECASE):
            found.append(f"{path.relative_to(folder)}: dali")
    return found


# --------------------------------------------------------------------------- what init writes

def test_init_writes_a_site_with_every_kind_of_page_and_no_dali_word(tmp_path):
    written = write_site(tmp_path / "site")
    names = {str(path) for path in written}
    for part in ("mkdocs.yml", "hooks/site_hook.py", "README.md", "Makefile", ".gitignore", "requirements.txt",
                 "data/site.yml", "data/sources.yml", "data/figures.yml", "docs/assets/favicon.svg",
                 "docs/assets/logo.svg"):
        assert part in names, part
    for page in ("index", "scams/index", "tips", "scammed", "checker", "channels", "guides/index", "leaflet/index",
                 "updates/index", "cases/index", "statistics", "sources", "about", "glossary"):
        assert f"docs/{page}.zh.md" in names and f"docs/{page}.en.md" in names, page
    assert (tmp_path / "site" / "hooks" / "site_hook.py").read_text(encoding="utf-8") == \
        (ROOT / "hooks" / "site_hook.py").read_text(encoding="utf-8")
    assert not dali_words_in(tmp_path / "site")


def test_the_dali_word_check_finds_a_dali_word(tmp_path):
    (tmp_path / "page.md").write_text("大理州警方提醒", encoding="utf-8")
    (tmp_path / "page.en.md").write_text("the Dali police", encoding="utf-8")
    assert dali_words_in(tmp_path) == ["page.en.md: dali", "page.md: 大理"]


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InitError, match="not empty"):
        write_site(tmp_path)
    assert init_main([str(tmp_path)]) == 1 and "not empty" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]
    assert init_main([str(tmp_path / "new")]) == 0 and (tmp_path / "new" / "mkdocs.yml").is_file()


def test_the_starter_is_listed_as_package_data():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"starter/**/*"' in pyproject and starter_files().is_dir()


def test_a_release_refuses_a_placeholder_in_any_data_file_at_its_line(data_copy):
    refuse_placeholders_in_data(data_copy, data_copy.parent)  # the Dali data has none
    glossary = data_copy / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("pinyin: ān quán zhàng hù", "pinyin: 待填写", 1), encoding="utf-8")
    line = glossary.read_text(encoding="utf-8").split("\n").index("    pinyin: 待填写") + 1
    channels = data_copy / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8") + "# TODO in a comment is not published\n",
                        encoding="utf-8")
    with pytest.raises(SiteInputError) as raised:
        refuse_placeholders_in_data(data_copy, data_copy.parent)
    assert str(raised.value).startswith(f"data/glossary.yml:{line}: terms.1.pinyin: is still a placeholder")
    assert "channels.yml" not in str(raised.value)


# --------------------------------------------------------------------------- the starter built


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    return write_site_into(tmp_path_factory.mktemp("starter") / "site")


def write_site_into(folder: Path) -> Path:
    write_site(folder)
    return folder


@pytest.mark.build
def test_the_starter_builds_in_preview_with_no_dali_word_in_its_output(starter):
    site = starter / "site"
    build(starter / "mkdocs.yml", site, env=SETTINGS, mode="preview")
    assert (site / "index.html").is_file() and (site / "en" / "statistics" / "index.html").is_file()
    assert "draft" in (site / "cases" / "2025-example-case" / "index.html").read_text(encoding="utf-8").lower()
    assert not dali_words_in(site)


@pytest.mark.build
def test_a_release_of_the_starter_names_every_placeholder_with_its_file_and_line(starter):
    site = starter / "release-site"
    with pytest.raises(BuildFailed) as failed:
        build(starter / "mkdocs.yml", site, env=SETTINGS, mode="release")
    message = str(failed.value)
    assert re.search(r"^data/site\.yml:\d+: centre\.full\.zh: is still a placeholder", message, re.MULTILINE)
    for where in ("data/sources.yml:", "data/figures.yml:", "data/catalogue.yml:", "data/cases/2025-example-case.yml:",
                  "docs/index.zh.md:", "docs/index.en.md:", "docs/updates/2025-01-06-first-report.zh.md:"):
        assert where in message, where
    assert not site.exists()


# --------------------------------------------------------------------------- the engine from a wheel

@pytest.mark.build
def test_the_engine_installed_from_a_wheel_writes_and_builds_a_site_outside_the_repository(tmp_path):
    wheels, engine, outside = tmp_path / "wheels", tmp_path / "engine", tmp_path / "elsewhere"
    outside.mkdir()
    source = tmp_path / "source"  # built from a clean copy: setuptools writes build/ and *.egg-info beside it
    source.mkdir()
    for part in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / part, source / part)
    for part in ("fraudsite", "fraudbuild"):
        shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-cache-dir", "--no-deps", "--no-build-isolation", "-w", str(wheels),
         str(source)], cwd=outside)
    listed = zipfile.ZipFile(next(wheels.glob("fraudsite-*.whl"))).namelist()
    assert {"fraudbuild/starter/site/mkdocs.yml", "fraudbuild/starter/site/gitignore",
            "fraudbuild/starter/site/docs/updates/2025-01-06-first-report.en.md"} <= set(listed)
    wheel = next(wheels.glob("fraudsite-*.whl"))
    run([sys.executable, "-m", "pip", "install", "--quiet", "--no-cache-dir", "--no-deps", "--target", str(engine), str(wheel)],
        cwd=outside)
    env = {**os.environ, **SETTINGS, "PYTHONPATH": str(engine)}
    env.pop("FRAUDSITE_SOURCE_DOCUMENT", None)
    where = run([sys.executable, "-c", "import fraudbuild, fraudsite; print(fraudbuild.__file__, fraudsite.__file__)"],
                cwd=outside, env=env)
    assert all(Path(path).is_relative_to(engine) for path in where.split()), where
    run([sys.executable, "-m", "fraudbuild.cli", "init", "centre-site"], cwd=outside, env=env)
    site = outside / "centre-site"
    assert not (site / "fraudsite").exists() and not (site / "fraudbuild").exists()
    run([sys.executable, "-m", "fraudbuild.cli", "site", "--mode", "preview"], cwd=site, env=env)
    assert (site / "site" / "en" / "index.html").is_file()
    assert sorted(path.name for path in (site / "site" / "leaflet").glob("*.pdf"))[0].startswith("anti-fraud-")


def run(command: list[str], cwd: Path, env: dict | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


# --------------------------------------------------------------------------- what pip installs with the engine

def imported_distributions() -> dict[str, set[str]]:
    """Distribution -> the engine's files that import it (third-party imports only, those inside functions too)."""
    import ast
    from importlib.metadata import packages_distributions
    provided = packages_distributions()
    found: dict[str, set[str]] = {}
    for path in sorted([*(ROOT / "fraudsite").rglob("*.py"), *(ROOT / "fraudbuild").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                     else [])
            for name in names:
                for distribution in provided.get(name.split(".")[0], []):
                    found.setdefault(distribution, set()).add(path.relative_to(ROOT).as_posix())
    found.pop("fraudsite", None)
    return found


def installed_with(requirements: list[str]) -> set[str]:
    """The distributions pip installs for ``requirements``, their own requirements included (as installed here)."""
    from importlib.metadata import PackageNotFoundError, requires
    from packaging.requirements import Requirement
    seen: set[str] = set()
    todo = [Requirement(text) for text in requirements]
    while todo:
        requirement = todo.pop()
        name = requirement.name.lower().replace("_", "-")
        if name in seen or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            todo += [Requirement(text) for text in requires(requirement.name) or []]
        except PackageNotFoundError:
            pass
    return seen


def test_every_package_the_engine_imports_is_installed_with_it():
    """A site installs the engine with pip, not this repository's requirements.txt: an import of a package that only
    requirements.txt names (pypdf was one) breaks every site's build."""
    import tomllib
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    installed = installed_with(declared)
    missing = {name: files for name, files in imported_distributions().items()
               if name.lower().replace("_", "-") not in installed}
    assert not missing, "add to pyproject.toml's dependencies:\n" + "\n".join(
        f"{name}: imported by {', '.join(sorted(files))}" for name, files in sorted(missing.items()))


def test_new_case_and_new_update_write_into_the_site_they_run_in(tmp_path, monkeypatch):
    """`fraudsite new-case` runs in a site's folder; an installed engine's own folder is no site."""
    from fraudbuild.cli import main as fraudsite
    site = tmp_path / "site"
    write_site(site)
    monkeypatch.chdir(site)
    assert fraudsite(["new-case", "2025-second-case"]) == 0
    assert fraudsite(["new-update", "2025-02-01-second"]) == 0
    assert (site / "data" / "cases" / "2025-second-case.yml").is_file()
    assert (site / "docs" / "updates" / "2025-02-01-second.en.md").is_file()

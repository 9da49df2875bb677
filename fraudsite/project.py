"""The files that make up the project, and a private copy of them.

Tests that break something and the benchmark that adds thousands of cases
work on a copy, never on the contributor's own docs/ and data/.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "pyproject.toml", "docs", "data", "hooks", "fraudsite", "fraudbuild", "overrides")
# The source article lies outside the project (it is not ours to publish); a copy of
# the project elsewhere is pointed at it through FRAUDSITE_SOURCE_DOCUMENT.
SOURCE_DOCUMENT = ROOT.parent / "shared" / "source" / "article.zh.txt"


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination

"""The linters the code is written for, run over it: ruff (the rules chosen in pyproject.toml) and mypy
(the packages and the hook). `make test` and `make unit` run them; any finding fails here, with the
tools' own report."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fraudsite.project import ROOT

BIN = Path(sys.executable).parent
CODE = ["fraudsite", "fraudbuild", "hooks", "tests", "bench"]


def _run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = _run([str(BIN / "ruff"), "check", "--no-cache", "--output-format", "concise", *CODE])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = _run([str(BIN / "mypy")])  # what to check and how: [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.parametrize("tool, bad, finding", [
    ("ruff", "import os\n", "F401"),
    ("ruff", "try:\n    pass\nexcept Exception:\n    pass\n", "BLE001"),
    ("ruff", "x = 1  # noqa: E501\n", "RUF100"),
    ("mypy", "def f(x: int) -> str:\n    return x\n", "Incompatible return value"),
])
def test_each_tool_fails_on_a_finding(tmp_path, tool, bad, finding):
    """The tools do fail: the same configuration, given a file with the mistake."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8")
                                             .replace('files = ["fraudsite", "fraudbuild"]',
                                                      'files = ["bad.py"]'), encoding="utf-8")
    (tmp_path / "bad.py").write_text(bad, encoding="utf-8")
    command = [str(BIN / "ruff"), "check", "--no-cache", "bad.py"] if tool == "ruff" else [str(BIN / "mypy")]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and finding in result.stdout, result.stdout + result.stderr

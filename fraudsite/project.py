"""The files that make up the project, a private copy of them, and the servers run on it.

Tests that break something and the benchmark that adds thousands of cases
work on a copy, never on the contributor's own docs/ and data/.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "pyproject.toml", "docs", "data", "hooks", "fraudsite", "fraudbuild")
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


def free_port() -> int:
    """A loopback port nothing listens on, for a server started on the copy."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen, timeout: float) -> None:
    """Ask a server to stop; kill it if it has not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

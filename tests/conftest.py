"""Shared fixtures: the real site, built once, served on loopback.

Builds go through fraudsite.safebuild (the same path as `make site`), with
SITE_URL pointing at the loopback server so absolute hreflang links and
Material's sitemap fetches stay on the test origin.
"""
from __future__ import annotations

import functools
import http.server
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fraudsite.project import copy_project  # noqa: E402
from fraudsite.safebuild import BuildFailed, build  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class BuiltSite:
    root: Path
    url: str  # the site_url it was built for, ending in "/"

    def html(self, path: str) -> str:
        """Text of a built page, e.g. html("en/tips/")."""
        target = self.root / path
        if path.endswith("/") or path == "":
            target = target / "index.html"
        return target.read_text(encoding="utf-8")


def build_project(project: Path, site_url: str = "http://127.0.0.1:8000/") -> Path:
    site = project / "site"
    build(project / "mkdocs.yml", site, env={"SITE_URL": site_url})
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> BuiltSite:
    url = f"http://127.0.0.1:{site_port}/"
    project = copy_project(tmp_path_factory.mktemp("project"))
    return BuiltSite(build_project(project, url), url)


@pytest.fixture(scope="session")
def served_site(built_site, site_port) -> BuiltSite:
    handler = functools.partial(_QuietHandler, directory=str(built_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield built_site
    server.shutdown()


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


__all__ = ["BuiltSite", "BuildFailed", "build_project", "copy_project", "ROOT"]

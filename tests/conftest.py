"""Shared fixtures: the real site, built once, served on loopback.

Builds go through fraudbuild.build (the same path as `make site`), with
SITE_URL pointing at the loopback server (the canonical links and the
sitemap name it) and a corrections contact, which a release build requires.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import http.server
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fraudbuild.build import BuildFailed, build
from fraudsite.load import load_dataset
from fraudsite.project import ROOT, SOURCE_DOCUMENT, copy_project, free_port, stop

ARTIFACTS = ROOT / "test-artifacts"


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


CONTACT = "fanzha-corrections@dali.example"


def build_project(project: Path, site_url: str = "http://127.0.0.1:8000/", mode: str = "release",
                  env: dict | None = None) -> Path:
    site = project / "site"
    # a test serves its build on loopback: a release may name this machine (fraudsite/settings.py)
    settings = {"SITE_URL": site_url, "CORRECTIONS_CONTACT": CONTACT, "FRAUDSITE_LOCAL_RELEASE": "1"}
    if SOURCE_DOCUMENT.exists():
        settings["FRAUDSITE_SOURCE_DOCUMENT"] = str(SOURCE_DOCUMENT)
    build(project / "mkdocs.yml", site, env={**settings, **(env or {})}, mode=mode)
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


__all__ = ["BuiltSite", "BuildFailed", "build_project", "copy_project", "free_port", "stop", "ROOT"]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (installed by `make test`; missing is a failure, not a skip)."""
    import os
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Chromium and then runs the tests")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# --------------------------------------------------------------------------- the real data, and a copy to break

@pytest.fixture(scope="module")
def dataset():
    """The project's own data/, loaded (tests read it; a test that changes data works on data_copy)."""
    return load_dataset(ROOT / "data")


@pytest.fixture()
def data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new``; return the line ``old`` started on (where ``new`` now starts)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def url_of(base: str, lang: str) -> str:
    """The site-relative URL of a page pair's base ("cases/index", "tips") in a language."""
    path = "" if base == "index" else (base[:-len("index")] if base.endswith("/index") else base + "/")
    return ("en/" if lang == "en" else "") + path


# --------------------------------------------------------------------------- the preview server (make serve)

@contextlib.contextmanager
def preview_server(project: Path) -> Iterator[tuple[str, Path]]:
    """`make serve` on ``project``, on a free loopback port: (its address, its log) once its first build is done."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(project)}
    if SOURCE_DOCUMENT.exists():
        env["FRAUDSITE_SOURCE_DOCUMENT"] = str(SOURCE_DOCUMENT)
    log = project.parent / "serve.log"
    with open(log, "w") as output:
        process = subprocess.Popen([sys.executable, "-m", "fraudbuild.serve", "--address", f"127.0.0.1:{port}"],
                                   cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: preview_status(url)["build"] >= 1, 90, log)
        yield url, log
    finally:
        stop(process, timeout=15)


def preview_status(url: str) -> dict:
    try:
        with urllib.request.urlopen(url + "__preview__/status?since=-1", timeout=5) as response:
            return json.load(response)
    except OSError:
        return {"build": -1, "error": None}


def wait_for(condition, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {seconds} s" + (f"; server log:\n{log.read_text()}" if log else ""))

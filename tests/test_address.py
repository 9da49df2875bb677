"""The site works the same wherever it is served: at another address than SITE_URL (a preview,
a mirror, an intranet copy) and under a sub-path. Only the canonical link and the sitemap carry
the configured address; no page reaches for it. Checked in headless Chromium on every page."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import build_project, copy_project, free_port

pytestmark = [pytest.mark.build, pytest.mark.browser]
CONFIGURED = "https://fanzha.dali.example/fanzha/"  # where the site believes it lives


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``root`` under ``prefix`` ("/fanzha/"), and answers 404 with the language's 404 page."""
    prefix = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        relative = self.path[len(self.prefix):] if self.path.startswith(self.prefix) else ""
        page = Path(self.directory) / ("en/404.html" if relative.startswith("en/") else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("address") / "project")
    return build_project(project, site_url=CONFIGURED)


def _serve(root: Path, prefix: str):
    port = free_port()
    handler = functools.partial(type("Handler", (_PrefixHandler,), {"prefix": prefix}), directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}{prefix}"


def _pages(root: Path) -> list[str]:
    return sorted(("" if index.parent == root else index.parent.relative_to(root).as_posix() + "/")
                  for index in root.rglob("index.html"))


@pytest.mark.parametrize("prefix", ["/", "/mirror/copy/"], ids=["another-host", "another-host-and-path"])
def test_every_page_stays_on_the_origin_it_is_served_from(site, browser, prefix):
    server, base = _serve(site, prefix)
    origin = urlsplit(base).netloc
    problems: list[str] = []
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    current = {"path": ""}
    context.on("request", lambda request: urlsplit(request.url).scheme in ("http", "https")
               and urlsplit(request.url).netloc != origin
               and problems.append(f"{current['path']}: request to another host: {request.url}"))
    context.on("response", lambda response: response.status >= 400
               and problems.append(f"{current['path']}: HTTP {response.status} {response.url}"))
    page.on("console", lambda message: message.type == "error"
            and problems.append(f"{current['path']}: console error: {message.text}"))
    try:
        for path in _pages(site):
            current["path"] = path
            page.goto(base + path, wait_until="networkidle")
            assert page.locator("link[rel=stylesheet]").count() >= 1
            assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", path
    finally:
        context.close()
        server.shutdown()
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("prefix", ["/", "/fanzha/"], ids=["root", "sub-path"])
@pytest.mark.parametrize("path", ["", "tips/", "cases/2021-binchuan-218/", "en/scams/fake-refund/"])
def test_the_switcher_lands_on_the_same_page_wherever_the_site_is(site, browser, prefix, path):
    server, base = _serve(site, prefix)
    page = browser.new_page()
    try:
        page.goto(base + path, wait_until="networkidle")
        here = page.evaluate("document.documentElement.lang")
        other = "zh" if here == "en" else "en"
        link = page.locator(f".md-header a.md-select__link[hreflang={other}]")
        target = urljoin(base + path, link.get_attribute("href"))
        page.locator(".md-header .md-select button.md-header__button").click()
        link.wait_for(state="visible")
        with page.expect_navigation():
            link.click()
        expected = base + (path[len("en/"):] if path.startswith("en/") else "en/" + path)
        assert page.url == expected == target, (page.url, expected, target)
        assert page.evaluate("document.documentElement.lang") == other
    finally:
        page.close()
        server.shutdown()


def test_a_missing_page_under_the_sub_path_gets_a_working_404(site, browser):
    """A 404 page is served at any depth: its links start from the site's path (SITE_URL's, here /fanzha/)."""
    server, base = _serve(site, "/fanzha/")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and "404" not in message.text
            and errors.append(message.text))
    try:
        response = page.goto(base + "en/no/such/page/", wait_until="networkidle")
        assert response.status == 404 and page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("link[rel=stylesheet]").first.get_attribute("href").startswith("/fanzha/")
        with page.expect_navigation():
            page.locator("article a", has_text="home page").click()
        assert page.url == base + "en/"
        assert not errors, errors
    finally:
        page.close()
        server.shutdown()

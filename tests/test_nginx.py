"""The built site served by a real nginx with the engine's nginx template (fraudbuild/deploy/, `fraudsite nginx`).

The site is built for the origin nginx serves it on, so absolute links
(hreflang, sitemap) stay on the test server.
"""
from __future__ import annotations

import gzip
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, BuiltSite, build_project, copy_project, free_port, stop
from fraudbuild import editor_backend
from fraudsite import csp

pytestmark = pytest.mark.nginx

TEMPLATE = ROOT / "fraudbuild" / "deploy" / "nginx.conf.template"
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
IMMUTABLE = "public, max-age=31536000, immutable"
EDITOR = {"FRAUDSITE_PUBLISH_EDITOR": "1", "FRAUDSITE_EDITOR_REPO": "police/fanzha",
          "FRAUDSITE_EDITOR_URL": "https://git.example.org", "FRAUDSITE_EDITOR_APP_ID": "client-id"}


def _nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        pytest.fail("nginx is not installed: run make test (installs nginx-light)", pytrace=False)
    return found


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nginx did not answer on port {port} within {timeout}s")


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory) -> BuiltSite:
    nginx = _nginx_binary()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    project = copy_project(tmp_path_factory.mktemp("nginx-project"))
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    site = build_project(project, site_url=url, env=EDITOR)  # with /admin/ (the default build has none)
    _PROJECTS[url] = project

    run = tmp_path_factory.mktemp("nginx-run")
    conf = run / "nginx.conf"
    conf.write_text(
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@SITE_ROOT@", str(site))
        .replace("@LISTEN@", f"127.0.0.1:{port}")
        .replace("@PID@", str(run / "nginx.pid"))
        .replace("@TEMP@", str(run))
        .replace("@EDITOR_GIT_ORIGIN@", EDITOR["FRAUDSITE_EDITOR_URL"]),
        encoding="utf-8",
    )
    assert "@" not in re.sub(r"#.*", "", conf.read_text(encoding="utf-8")), "unfilled placeholder"
    log = run / "error.log"
    # master_process off: one process, so no worker drops to a user that cannot read the pytest tmp dir
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(run), "-e", str(log), "-g", "daemon off; master_process off;"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, process, log)
        yield BuiltSite(site, url)
    finally:
        stop(process, timeout=10)


_PROJECTS: dict[str, Path] = {}


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.raw = status, headers, body

    @property
    def text(self) -> str:
        body = self.raw
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(site: BuiltSite, path: str, gzip_ok: bool = False) -> Response:
    request = urllib.request.Request(site.url + path.lstrip("/"))
    request.add_header("Accept-Encoding", "gzip" if gzip_ok else "identity")
    try:
        with _OPENER.open(request, timeout=10) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


def _asset(site: BuiltSite, pattern: str) -> str:
    matches = sorted(site.root.glob(pattern))
    assert matches, f"no {pattern} in the built site"
    return "/" + matches[0].relative_to(site.root).as_posix()


def _csp_from_conf(site: BuiltSite) -> str:
    """The policy the template sends: the constant of fraudsite/csp.py, written once in the template."""
    text = TEMPLATE.read_text(encoding="utf-8")
    assert set(re.findall(r"add_header Content-Security-Policy (\S+) always;", text)) == {"$site_csp"}
    policies = set(re.findall(r'\n\s+default\s+"([^"]+)";', text.split("map $uri $site_csp", 1)[1]))
    assert policies == {csp.policy(for_header=True)}, policies
    return csp.policy(for_header=True)


def test_the_editor_has_its_own_policy_and_the_pages_keep_theirs(nginx_site, browser):
    """/admin/ (published here with FRAUDSITE_PUBLISH_EDITOR=1) gets the editor's policy, written next to the
    public one; only what Decap CMS needs is loosened, and it loads asking only this host."""
    public = _csp_from_conf(nginx_site)
    admin = fetch(nginx_site, "/admin/")
    assert admin.status == 200 and "decap-cms.js" in admin.text
    assert admin.headers["Content-Security-Policy"] == editor_backend.csp(EDITOR["FRAUDSITE_EDITOR_URL"])
    assert fetch(nginx_site, "/admin/config.yml").status == 200
    assert fetch(nginx_site, "/").headers["Content-Security-Policy"] == public
    assert fetch(nginx_site, "/en/administration/").headers["Content-Security-Policy"] == public
    context = browser.new_context()
    try:
        page = context.new_page()
        hosts: set[str] = set()
        page.on("request", lambda request: hosts.add(urllib.parse.urlsplit(request.url).netloc))
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(nginx_site.url + "admin/", wait_until="networkidle")
        page.get_by_role("button", name="Forgejo").wait_for(timeout=20_000)  # its sign-in, on the git host
        assert hosts == {urllib.parse.urlsplit(nginx_site.url).netloc}, hosts
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        context.close()


# --- headers ------------------------------------------------------------------

def _sample_paths(site: BuiltSite) -> list[tuple[str, int]]:
    return [("/", 200), ("/en/tips/", 200), (_asset(site, "assets/javascripts/bundle.*.min.js"), 200),
            (_asset(site, "assets/stylesheets/main.*.min.css"), 200), ("/figures.csv", 200),
            ("/no-such-page/", 404), ("/en/no-such-page/", 404)]


def test_security_headers_everywhere(nginx_site):
    policy = _csp_from_conf(nginx_site)
    for path, status in _sample_paths(nginx_site):
        response = fetch(nginx_site, path)
        assert response.status == status, path
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (path, name, response.headers.get(name))
        assert response.headers.get("Content-Security-Policy") == policy, path
        assert "Strict-Transport-Security" not in response.headers, "HSTS belongs to the HTTPS server only"


def test_csp_is_strict(nginx_site):
    header = fetch(nginx_site, "/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    directives = {d.strip().split()[0]: d.strip() for d in header.split(";") if d.strip()}
    assert directives["object-src"] == "object-src 'none'"
    assert directives["base-uri"] == "base-uri 'self'"
    assert directives["default-src"] == "default-src 'self'"


def test_server_version_hidden(nginx_site):
    for path in ("/", "/no-such-page/"):
        assert fetch(nginx_site, path).headers.get("Server") == "nginx"


# --- compression --------------------------------------------------------------

@pytest.mark.parametrize("kind", ["html", "css", "js", "search", "svg", "csv"])
def test_gzip(nginx_site, kind):
    path = {
        "html": "/",
        "css": _asset(nginx_site, "assets/stylesheets/main.*.min.css"),
        "js": _asset(nginx_site, "assets/javascripts/bundle.*.min.js"),
        "search": "/search/search_index.json",
        "svg": "/assets/logo.svg",
        "csv": "/figures.csv",
    }[kind]
    zipped = fetch(nginx_site, path, gzip_ok=True)
    plain = fetch(nginx_site, path)
    assert zipped.status == plain.status == 200
    assert zipped.headers.get("Content-Encoding") == "gzip", path
    assert "Accept-Encoding" in (zipped.headers.get("Vary") or "")
    assert plain.headers.get("Content-Encoding") is None
    assert gzip.decompress(zipped.raw) == plain.raw


def test_content_types(nginx_site):
    expected = {
        "/": "text/html; charset=utf-8",
        "/figures.csv": "text/csv; charset=utf-8",
        "/figures.json": "application/json; charset=utf-8",
        "/search/search_index.json": "application/json; charset=utf-8",
        "/assets/logo.svg": "image/svg+xml; charset=utf-8",
        "/leaflet/dali-anti-fraud-a4-zh.pdf": "application/pdf",  # opens in the browser, not as a download of bytes
        "/en/leaflet/dali-anti-fraud-card-en.pdf": "application/pdf",
    }
    for path, content_type in expected.items():
        assert fetch(nginx_site, path).headers.get("Content-Type") == content_type, path


# --- caching ------------------------------------------------------------------

def test_fingerprinted_assets_are_immutable(nginx_site):
    for pattern in ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css",
                    "assets/stylesheets/palette.*.min.css", "assets/javascripts/workers/search.*.min.js"):
        path = _asset(nginx_site, pattern)
        assert fetch(nginx_site, path).headers.get("Cache-Control") == IMMUTABLE, path


def _short(value: str | None) -> bool:
    return value is not None and (value == "no-cache" or re.fullmatch(r"public, max-age=([0-9]+)", value)
                                  and int(value.rsplit("=", 1)[1]) <= 300)


def test_changing_files_are_revalidated(nginx_site):
    for path in ("/", "/en/", "/tips/", "/en/tips/", "/search/search_index.json", "/en/search/search_index.json",
                 "/figures.csv", "/figures.json", "/assets/site.css", "/no-such-page/"):
        value = fetch(nginx_site, path).headers.get("Cache-Control")
        assert _short(value), (path, value)
        assert "immutable" not in value


# --- errors and hidden files --------------------------------------------------

def test_english_404(nginx_site):
    response = fetch(nginx_site, "/en/nonexistent")
    assert response.status == 404
    assert '<html lang="en"' in response.text


def test_chinese_404(nginx_site):
    response = fetch(nginx_site, "/nonexistent")
    assert response.status == 404
    assert '<html lang="zh"' in response.text


def test_dotfiles_hidden(nginx_site):
    (nginx_site.root / ".secret").write_text("x", encoding="utf-8")
    (nginx_site.root / "en" / ".hidden").write_text("x", encoding="utf-8")
    for path in ("/.secret", "/en/.hidden", "/.git/config"):
        response = fetch(nginx_site, path)
        assert response.status in (403, 404), path
        assert "add_header" not in response.text and response.text != "x"


def test_no_directory_listing(nginx_site):
    for path in ("/assets/", "/assets/javascripts/", "/search/"):
        response = fetch(nginx_site, path)
        assert response.status in (403, 404), path
        assert "Index of" not in response.text


# --- in a browser -------------------------------------------------------------

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH_CSP)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    yield page
    context.close()


def _assert_clean(page) -> None:
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], violations
    assert page.console_errors == [], page.console_errors


@pytest.mark.parametrize("path", ["", "en/", "scams/order-brushing/", "en/scams/fake-refund/"])
def test_pages_load_without_violations(nginx_site, page, path):
    response = page.goto(nginx_site.url + path, wait_until="networkidle")
    assert response.status == 200
    assert response.headers.get("content-security-policy") == _csp_from_conf(nginx_site)
    _assert_clean(page)


@pytest.mark.parametrize("path, query", [("", "刷单"), ("en/", "refund")])
def test_search_through_nginx(nginx_site, page, path, query):
    indexes: list[str] = []
    page.on("request", lambda r: indexes.append(r.url) if r.url.endswith("search_index.json") else None)
    page.goto(nginx_site.url + path, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=50)
    box.press("End")  # CJK text arrives as insertText, without the keyup Material listens for
    try:
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    except Exception:  # noqa: BLE001 - Playwright's timeout, or a page that broke: both fail the test below
        summary = page.locator(".md-search-result__meta").inner_text()
        pytest.fail(f"no search results for {query!r} on /{path} ({summary!r}); index fetched: {indexes}")
    assert page.locator(".md-search-result__item").count() > 0
    _assert_clean(page)


@pytest.mark.parametrize("path", ["", "tips/", "scams/order-brushing/"])
def test_language_switcher_keeps_the_page(nginx_site, page, path):
    page.goto(nginx_site.url + path, wait_until="networkidle")
    page.locator(".md-header__option .md-select").first.hover()
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("a.md-select__link[hreflang=en]").first.click()
    assert page.url == nginx_site.url + "en/" + path
    assert page.evaluate("document.documentElement.lang") == "en"
    _assert_clean(page)


def test_a_rebuild_is_served_right_without_reloading_nginx(nginx_site, page):
    """A new page at a depth the site never had, published by a rebuild while nginx keeps running."""
    from fraudsite import newcase
    import yaml
    project = _PROJECTS[nginx_site.url]
    slug = "2026-dali-rebuild-check"
    paths = newcase.create_case(project, slug, county="dali", scam_type="fake-loan", date=__import__("datetime").date(2026, 1, 3))
    data = yaml.safe_load(paths[0].read_text(encoding="utf-8"))
    data.update(title={"zh": "大理虚假贷款案", "en": "A fake loan case in Dali"}, status="investigating", source="article",
                summary={"zh": "一名群众在网上申请贷款时被骗。", "en": "A resident was cheated while applying for a loan online."},
                facts={})
    paths[0].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    paths[1].write_text("---\ndescription: 一起虚假贷款案。\n---\n# 大理虚假贷款案\n\n{{ case-facts }}\n", encoding="utf-8")
    paths[2].write_text("---\ndescription: A fake loan case.\n---\n# A fake loan case in Dali\n\n{{ case-facts }}\n",
                        encoding="utf-8")
    build_project(project, site_url=nginx_site.url)
    for path in (f"cases/{slug}/", f"en/cases/{slug}/", "en/cases/"):
        response = page.goto(nginx_site.url + path, wait_until="networkidle")
        assert response.status == 200, path
        assert response.headers.get("content-security-policy") == csp.policy(for_header=True)
        _assert_clean(page)

"""The browser editor at /admin/ in `make serve`: its page, its files and the back end it saves through.

Decap CMS's ``proxy`` back end posts JSON to /api/v1 ({action, params}); this module answers it on the
preview server itself, reading and writing the working tree, so no Node server and no account is needed,
and every save is a file saved like a hand edit: the preview rebuilds it with the same checks. A save
answers only when that build is done: with the build's message (file, line, what to do) when it refused
the change, which the editor shows; the preview keeps serving the last good site, as for any edit.

A case is one form in the preview (fraudsite.cms.case_form): its entry is data/cases/<name>.yml, and
saving it writes that file and docs/cases/<name>.zh.md and .en.md. A new case starts as `make new-case`
writes it (fraudsite.newcase, with the same refusals), then the form's values replace the stub's.

Only .yml files under data/ and .md files under docs/ are read or written: the editor never reaches
the code, mkdocs.yml or anything outside the project.
"""
from __future__ import annotations

import datetime as dt
import json
import mimetypes
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fraudsite import cms, newcase, pages

# The release setting: publish /admin/ with the site (off unless set to 1; see README, Deploy).
PUBLISH_SETTING = "FRAUDSITE_PUBLISH_EDITOR"
BUNDLE = Path("node_modules") / "decap-cms" / "dist"
# The editor's own policy, looser than the public pages' (fraudsite/csp.py) only where Decap needs it:
# its bundle compiles code at run time ('unsafe-eval': without it the editor stops on a CSP error) and
# sets styles inline (emotion). It talks to this host only, or, in production, to the git host too.
def csp(git_origin: str = "", for_header: bool = True) -> str:
    connect = " ".join(["'self'", *([git_origin] if git_origin else [])])
    directives = ["default-src 'self'", "script-src 'self' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'",
                  "img-src 'self' data: blob:", "font-src 'self' data:", f"connect-src {connect} blob:",
                  "frame-src 'self' blob:", "object-src 'none'", "base-uri 'self'", "form-action 'none'"]
    return "; ".join(directives + (["frame-ancestors 'none'"] if for_header else []))


CSP = csp()
STATUS_JS = Path(__file__).with_name("editor_status.js")
PAGE = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>编辑 / Editor</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="decap-cms.js"></script>{status}
</body>
</html>
"""
# Allowed places: (folder, suffix).
WRITABLE = (("data", ".yml"), ("docs", ".md"))


class _Yaml12Loader(yaml.SafeLoader):
    """Reads what the editor writes: YAML 1.2, where Yes, No, On and Off are words, not true and false.

    The project reads YAML 1.1 (libyaml), so the back end reads the editor's YAML this way and writes it
    again with PyYAML, which quotes such words: an English label "Yes" stays the word Yes.
    """


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


def _load12(raw: str) -> Any:
    return yaml.load(raw, Loader=_Yaml12Loader)  # a SafeLoader, with YAML 1.2's booleans


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _rewrite(path: Path, raw: str) -> str:
    """The editor's YAML (a data file, or a page's front matter) as the project's YAML 1.1 reads it."""
    if path.suffix == ".yml":
        return _dump(_load12(raw))
    front, body, _ = pages.split_front_matter(raw)
    if not front:
        return raw
    return f"---\n{_dump(_load12(front))}---\n{body}"


class _Dumper(yaml.SafeDumper):
    """YAML without anchors: the editor's configuration is read by people too."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class EditorError(Exception):
    """A request the back end refuses; the editor shows its message."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def publish_requested(environ: dict[str, str] | None = None) -> bool:
    """Whether a release publishes /admin/ (FRAUDSITE_PUBLISH_EDITOR=1); anything else but empty is an error."""
    value = (os.environ if environ is None else environ).get(PUBLISH_SETTING, "").strip()
    if value not in ("", "0", "1"):
        raise EditorError(f"{PUBLISH_SETTING}={value!r}: write 1 to publish the editor at /admin/, or 0 (the default)"
                          " not to")
    return value == "1"


def page(preview: bool, git_origin: str = "") -> str:
    """The editor's page, its policy in a <meta> too (for a host that sends no headers); in the
    preview it also shows the build's error (editor_status.js)."""
    return PAGE.format(policy=csp(git_origin, for_header=False),
                       status=f'\n<script src="{STATUS_JS.name}"></script>' if preview else "")


def release_backend(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The git host a published editor commits to, from FRAUDSITE_EDITOR_* (README, Deploy)."""
    env = os.environ if environ is None else environ
    kind = env.get("FRAUDSITE_EDITOR_BACKEND", "forgejo").strip()
    try:
        return cms.backend(kind, env.get("FRAUDSITE_EDITOR_REPO", "").strip(),
                           env.get("FRAUDSITE_EDITOR_URL", "").strip(), env.get("FRAUDSITE_EDITOR_APP_ID", "").strip(),
                           env.get("FRAUDSITE_EDITOR_BRANCH", "main").strip() or "main")
    except ValueError as error:
        raise EditorError(f"{PUBLISH_SETTING}=1: {error}. Set FRAUDSITE_EDITOR_REPO=owner/name, "
                          "FRAUDSITE_EDITOR_URL=https://your.git.host and FRAUDSITE_EDITOR_APP_ID=<OAuth client id> "
                          "(and FRAUDSITE_EDITOR_BACKEND=forgejo or gitea), or leave the editor unpublished") from None


def documents(root: Path) -> dict[str, dict[str, Any]]:
    """The documents of data/sources.yml, by id (a case and a quote choose among them)."""
    listed = yaml.safe_load((root / "data" / "sources.yml").read_text(encoding="utf-8"))["sources"]
    return {str(document["id"]): document for document in listed}


def config_text(root: Path, backend: dict[str, Any]) -> str:
    """The editor's configuration, generated from the catalogue and the schema (fraudsite.cms)."""
    catalogue = newcase.load_catalogue(root)
    bodies = yaml.safe_load((root / "data" / "channels.yml").read_text(encoding="utf-8"))["bodies"]
    config = cms.editor_config(catalogue, bodies, backend, documents(root))
    return "# Generated by fraudsite/cms.py from the data schema and data/catalogue.yml; never edit by hand.\n" + \
        yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def bundle_dir(root: Path) -> Path:
    folder = root / BUNDLE
    if not (folder / "decap-cms.js").is_file():
        raise EditorError(f"the editor is not installed ({BUNDLE}/decap-cms.js is missing): run "
                          "`make node_modules/.installed` (make serve does it)", 503)
    return folder


def admin_file(root: Path, name: str, backend: dict[str, Any]) -> tuple[bytes, str]:
    """The bytes and the type of /admin/<name>: the page, the generated configuration or a file of the bundle."""
    preview = backend["name"] == "proxy"
    if name in ("", "index.html"):
        return page(preview).encode("utf-8"), "text/html; charset=utf-8"
    if name == STATUS_JS.name and preview:
        return STATUS_JS.read_bytes(), "application/javascript; charset=utf-8"
    if name == "config.yml":
        return config_text(root, backend).encode("utf-8"), "text/yaml; charset=utf-8"
    folder = bundle_dir(root)
    path = (folder / name).resolve()
    if "/" in name or not path.is_file() or path.parent != folder.resolve() or name.endswith(".map"):
        raise EditorError(f"/admin/{name} does not exist", 404)
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.read_bytes(), kind + ("; charset=utf-8" if kind.endswith("javascript") else "")


def publish(root: Path, site: Path, backend: dict[str, Any]) -> None:
    """Write /admin/ into a built site (a release with FRAUDSITE_PUBLISH_EDITOR=1)."""
    target = site / "admin"
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html").write_text(page(False, backend.get("base_url", "")), encoding="utf-8")
    (target / "config.yml").write_text(config_text(root, backend), encoding="utf-8")
    for path in bundle_dir(root).iterdir():
        if path.is_file() and path.suffix == ".js":
            (target / path.name).write_bytes(path.read_bytes())


# --------------------------------------------------------------------------- the back end

@dataclass
class Backend:
    """Answers Decap's proxy API on the working tree ``root``.

    ``after_save(moment)`` is called after a save's files are written (``moment``: time.monotonic()
    before writing); it waits for the preview's first build started since and returns the build's
    message when it refused them (None when the site was built).
    """
    root: Path
    after_save: Callable[[float], str | None]

    def answer(self, body: bytes) -> tuple[int, dict[str, Any] | list[Any]]:
        try:
            request = json.loads(body.decode("utf-8"))
            action, params = request.get("action"), request.get("params") or {}
            handler = getattr(self, f"_{action}", None) if isinstance(action, str) else None
            if handler is None:
                raise EditorError(f"unknown action {action!r}", 422)
            return 200, handler(params)
        except EditorError as error:
            return error.status, {"error": str(error)}
        except (ValueError, KeyError, TypeError, yaml.YAMLError) as error:
            return 422, {"error": f"{type(error).__name__}: {error}"}

    # ------------------------------------------------------------------ paths

    def _path(self, relative: str) -> Path:
        """An allowed file of the working tree, or EditorError."""
        if not isinstance(relative, str) or relative.startswith("/") or "\\" in relative or "\0" in relative:
            raise EditorError(f"not an allowed path: {relative!r}", 403)
        path = (self.root / relative).resolve()
        for folder, suffix in WRITABLE:
            base = (self.root / folder).resolve()
            if path.suffix == suffix and path.is_relative_to(base) and path != base:
                return path
        raise EditorError(f"the editor may only change .yml files under data/ and .md files under docs/, "
                          f"not {relative!r}", 403)

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root.resolve()).as_posix()

    def _entry(self, path: Path) -> dict[str, Any]:
        relative = self._relative(path)
        if _is_case(relative):
            return {"data": read_case(self.root, path.stem), "file": {"path": relative, "id": relative}}
        return {"data": path.read_text(encoding="utf-8"), "file": {"path": relative, "id": relative}}

    # ------------------------------------------------------------------ actions (Decap's names)

    def _info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entriesByFolder(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802 - Decap's name
        folder = self._folder(params["folder"])
        extension = str(params.get("extension", "")).lstrip(".")
        if not re.fullmatch(r"[a-z0-9]+", extension):  # a pattern such as "x/../../y" would leave the folder
            raise EditorError(f"not an extension: {extension!r}", 403)
        files = sorted(path for path in folder.glob(f"*.{extension}") if path.is_file())
        return [self._entry(self._path(self._relative(path.resolve()))) for path in files
                if not path.name.startswith(".")]

    def _entriesByFiles(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802 - Decap's name
        paths = [self._path(item["path"]) for item in params["files"]]
        return [self._entry(path) for path in paths if path.is_file()]

    def _getEntry(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802 - Decap's name
        path = self._path(params["path"])
        if not path.is_file():
            raise EditorError(f"{params['path']} does not exist", 404)
        return self._entry(path)

    def _getMedia(self, params: dict[str, Any]) -> list[Any]:  # noqa: N802 - Decap's name
        return []  # no form takes a picture

    def _persistEntry(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802 - Decap's name
        if params.get("assets"):
            raise EditorError("the editor takes no pictures or attachments", 422)
        new = bool((params.get("options") or {}).get("newEntry"))
        written: dict[Path, str] = {}
        for item in params["dataFiles"]:
            relative = item["path"]
            path = self._path(relative)
            if _is_case(relative):
                written.update(self._case_files(path, item["raw"], new))
            else:
                if new and path.exists():
                    raise EditorError(f"{relative} already exists; choose another name", 409)
                written[path] = _keep_header(path, _rewrite(path, item["raw"]))
        moment = time.monotonic()
        for path, text in written.items():
            _write(path, text)
        refused = self.after_save(moment)
        if refused:
            raise EditorError("已保存，但构建没有通过，网站仍是上一次成功的版本。请按下面的提示修改后再保存。\n"
                              "Saved, but the build refused it; the site is still the last good version. "
                              "Fix what it says and save again.\n\n" + refused, 422)
        return {"message": "entry persisted"}

    def _deleteFile(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802 - Decap's name
        raise EditorError("the editor does not delete files; ask a developer", 403)

    def _deleteFiles(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802 - Decap's name
        raise EditorError("the editor does not delete files; ask a developer", 403)

    def _folder(self, relative: str) -> Path:
        folder = (self.root / str(relative)).resolve()
        if not any(folder.is_relative_to((self.root / name).resolve()) for name, _ in WRITABLE):
            raise EditorError(f"the editor may only read data/ and docs/, not {relative!r}", 403)
        return folder

    def _case_files(self, path: Path, raw: str, new: bool) -> dict[Path, str]:
        form = _load12(raw) or {}
        slug = path.stem
        if new:
            zh = form.get("zh") or {}
            try:
                newcase.create_case(self.root, slug, zh.get("county"), (zh.get("types") or [None])[0],
                                    _day(zh.get("date")))
            except newcase.NewCaseError as error:
                raise EditorError(str(error), 422) from None
        return write_case(self.root, slug, form)


# --------------------------------------------------------------------------- a case: one form, three files

def _is_case(relative: str) -> bool:
    return relative.startswith(cms.CASE_DATA + "/") and relative.endswith(".yml") and relative.count("/") == 2


def _day(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> Any:
    """A fact's value as the data file writes it: a number, or a date and time without a zone."""
    if isinstance(value, str) and value:
        return dt.datetime.fromisoformat(value.removesuffix("Z")).replace(tzinfo=None)
    return value


def case_data(form: dict[str, Any]) -> dict[str, Any]:
    """The data file of a case (schema.CaseFile's order) from the editor's entry {zh: {...}, en: {...}}."""
    zh, en = form.get("zh") or {}, form.get("en") or {}
    data: dict[str, Any] = {"title": {"zh": zh.get("title"), "en": en.get("title")}}
    for key in ("date", "date_source", "reported"):
        if zh.get(key):
            data[key] = _day(zh[key]) if key != "date_source" else zh[key]
    for key in ("county", "types", "status"):
        if zh.get(key):
            data[key] = zh[key]
    data["summary"] = {"zh": zh.get("summary"), "en": en.get("summary")}
    if zh.get("source"):
        data["source"] = zh["source"]
    facts = {}
    for key, fact in (zh.get("facts") or {}).items():
        if not fact or fact.get("value") in (None, ""):
            continue  # a fact the form left empty is not in the source
        written = {"value": _moment(fact["value"])}
        if fact.get("qualifier") and fact["qualifier"] != "exact":
            written["qualifier"] = fact["qualifier"]
        if fact.get("source"):
            written["source"] = fact["source"]
        facts[key] = written
    if facts:
        data["facts"] = facts
    return data


def _page(description: Any, body: Any) -> str:
    front = _dump({"description": description or ""}).strip()
    return f"---\n{front}\n---\n{str(body or '').strip()}\n"


def write_case(root: Path, slug: str, form: dict[str, Any]) -> dict[Path, str]:
    """The three files of a case as the editor's entry gives them."""
    header = "# Facts of one case, written once; both page texts read them through the hook.\n"
    data = header + _dump(case_data(form))
    paths = newcase.targets(root, slug)
    texts = {paths["case.yml"]: data}
    for lang in cms.LOCALES:
        values = form.get(lang) or {}
        texts[paths[f"case.{lang}.md"]] = _page(values.get("description"), values.get("body"))
    return {path.resolve(): text for path, text in texts.items()}


def read_case(root: Path, slug: str) -> str:
    """A case's three files as one entry of the editor ({zh: {...}, en: {...}}, YAML)."""
    paths = newcase.targets(root, slug)
    data = yaml.safe_load(paths["case.yml"].read_text(encoding="utf-8")) or {}
    entry: dict[str, dict[str, Any]] = {"zh": {"name": slug}, "en": {}}
    for lang in cms.LOCALES:
        for key in ("title", "summary"):
            value = data.get(key)
            entry[lang][key] = value.get(lang) if isinstance(value, dict) else value
        page = paths[f"case.{lang}.md"]
        if page.is_file():
            front, body, _ = pages.split_front_matter(page.read_text(encoding="utf-8"))
            entry[lang]["description"] = (yaml.safe_load(front) or {}).get("description") if front else None
            entry[lang]["body"] = body.strip()
    for key, value in data.items():
        if key not in ("title", "summary"):
            entry["zh"][key] = _plain(value)
    return yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=10_000)


def _plain(value: Any) -> Any:
    """Dates as the text the editor's date fields show."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _keep_header(path: Path, raw: str) -> str:
    """A data file's opening comments (what it holds, how to write it) survive a save from the editor,
    which writes YAML without comments; comments between entries do not."""
    if path.suffix != ".yml" or not path.is_file():
        return raw
    header = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not (line.startswith("#") or not line.strip()):
            break
        header.append(line)
    return "".join(header) + raw if header and not raw.startswith("#") else raw


def _write(path: Path, text: str) -> None:
    """Write through a hidden temporary file, so the preview sees one finished save."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.editor.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# --------------------------------------------------------------------------- the preview server's side

MAX_REQUEST = 2_000_000  # bytes: a case with its two pages is a few kilobytes
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def answer_request(preview: Any, headers: Any, stream: Any) -> tuple[int, dict[str, Any] | list[Any]]:
    """Answer POST /api/v1 for the preview server; refuse what a page of another site could send.

    Any site the clerk visits may post to 127.0.0.1: a JSON content type (which a form cannot send and
    a script of another origin cannot send without a preflight this server never answers), an Origin,
    if any, of this very server, and a loopback Host (against DNS rebinding) are all required.
    """
    host = headers.get("Host", "")
    origin = headers.get("Origin")
    if host.rsplit(":", 1)[0] not in LOOPBACK:
        return 403, {"error": f"the editor answers on 127.0.0.1 only, not {host!r}"}
    if origin is not None and origin != f"http://{host}":
        return 403, {"error": f"requests from {origin} are refused"}
    if not headers.get("Content-Type", "").startswith("application/json"):
        return 415, {"error": "send JSON (Content-Type: application/json)"}
    length = int(headers.get("Content-Length") or 0) if (headers.get("Content-Length") or "0").isdigit() else -1
    if not 0 < length <= MAX_REQUEST:
        return 413, {"error": f"a request must hold 1 to {MAX_REQUEST} bytes"}
    backend = Backend(preview.root, preview.outcome_since)
    return backend.answer(stream.read(length))


def admin_response(root: Path, url_path: str) -> tuple[int, str, bytes]:
    """GET /admin/…: the editor on the preview's own back end."""
    if url_path == "/admin":
        url_path = "/admin/"
    try:
        body, kind = admin_file(root, url_path.removeprefix("/admin/"), cms.backend("preview"))
        return 200, kind, body
    except EditorError as error:
        return error.status, "text/plain; charset=utf-8", str(error).encode("utf-8")

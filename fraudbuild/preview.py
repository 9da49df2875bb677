"""`make serve`: the site as contributors see it while they write, updated as they save.

    python -m fraudbuild.serve [--address 127.0.0.1:8000] [--config-file mkdocs.yml]

- Each language runs in a worker process of its own (fraudbuild.session) that
  keeps its MkDocs state after a full build. Saving a page or a data file
  renders again only what the edit touches, in both languages at once: the
  page, the case lists, the home page, the totals, the search index.
- The browser shows the new version by itself (a small script the server adds
  to every page it sends; the built files never contain it).
- A build with an error keeps serving the last good site, and every page shows
  the message (file, line, what to do) in a banner until the error is fixed.
- An edit to the code (fraudsite/, fraudbuild/, hooks/), to mkdocs.yml or to the
  templates starts new worker processes, so the new code runs; an edit to the
  preview server itself needs a restart, and the server says so.
- Drafts (待填写 / TODO, empty fields) are shown, with a draft banner.
"""
from __future__ import annotations

import argparse
import http.server
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from fraudsite import i18n
from fraudsite.preflight import PREVIEW

from . import assemble
from . import editor_backend as editor
from .build import _message
from .outcome import FULL, Outcome
from .preview_process import session_loop
from .worker import Job, quiet_libraries

CODE_DIRS = ("fraudsite", "fraudbuild", "hooks", "overrides")
WATCHED = ("docs", "data", *CODE_DIRS, "mkdocs.yml", "pyproject.toml")
RELOAD_JS = Path(__file__).with_name("preview_reload.js")
SELF = Path(__file__).resolve()


# --------------------------------------------------------------------------- workers

class Worker:
    """A language's LanguageSession in a fresh process (spawned, so it imports the current code)."""

    def __init__(self, job: Job):
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=session_loop, args=(_fields(job), child), daemon=True,
                                       name=f"preview-{job.lang}")
        self.process.start()
        self.lang = job.lang

    def send(self, command: str, payload=None) -> None:
        self.connection.send((command, payload))

    def receive(self) -> Outcome:
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            return Outcome.failed(self.lang, "bug", f"the {self.lang} preview process stopped unexpectedly (killed, "
                                  "or out of memory inside a library; see the terminal above)")

    def stop(self) -> None:
        try:
            self.send("stop")
        except (BrokenPipeError, OSError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()


# --------------------------------------------------------------------------- the preview

class Preview:
    def __init__(self, config_file: Path, site_url: str):
        self.config_file = config_file.resolve()
        self.root = self.config_file.parent
        self.site_url = site_url
        self.workspace = Path(tempfile.mkdtemp(prefix="fraudsite-preview-"))
        self.serving: Path | None = None
        self.workers: dict[str, Worker] = {}
        self.build_number = 0
        self.error: str | None = None
        self.changed = threading.Condition()
        self.last_seconds = 0.0
        self.started = 0.0  # time.monotonic() when the running build started
        self.finished: tuple[float, str | None] = (-1.0, None)  # the last build's start and its error

    # ------------------------------------------------------------------ building

    def _jobs(self, folder: Path) -> list[Job]:
        site = folder / "site"
        return [Job(lang, self.config_file, site if lang == i18n.DEFAULT else folder / f"part-{lang}", PREVIEW,
                    self.root, self.site_url, open_data=lang == i18n.DEFAULT) for lang in i18n.LANGUAGES]

    def full_build(self, fresh_code: bool) -> bool:
        """Build everything into a new folder; serve it only if both languages built."""
        started = time.perf_counter()
        self.started = time.monotonic()
        folder = Path(tempfile.mkdtemp(prefix="build-", dir=self.workspace))
        jobs = self._jobs(folder)
        if fresh_code or not self.workers:
            for worker in self.workers.values():
                worker.stop()
            self.workers = {job.lang: Worker(job) for job in jobs}
        for job in jobs:
            self.workers[job.lang].send("full", _fields(job))
        results = [self.workers[job.lang].receive() for job in jobs]
        failed = [result for result in results if not result.ok]
        if failed:
            shutil.rmtree(folder, ignore_errors=True)
            self._fail(failed)
            if any(result.kind in ("bug", "limit") for result in failed):
                self._stop_workers()  # the next edit starts fresh processes with the fixed code
            return False
        site = folder / "site"
        for job in jobs:
            if job.lang != i18n.DEFAULT:
                assemble.merge_language(site, job.out_dir, job.lang)
        assemble.write_shared_files(site, results[0].open_data, list(results[0].pages), self.site_url)
        previous, self.serving = self.serving, site
        if previous is not None:
            shutil.rmtree(previous.parent, ignore_errors=True)
        self._succeed(time.perf_counter() - started, "full build")
        return True

    def update(self, changed: list[Path]) -> None:
        started = time.perf_counter()
        self.started = time.monotonic()
        serving = self.serving
        if not self.workers or serving is None:
            self.full_build(fresh_code=True)
            return
        for worker in self.workers.values():
            worker.send("update", [str(path) for path in changed])
        results = [worker.receive() for worker in self.workers.values()]
        if any(result.kind == FULL for result in results):
            self.full_build(fresh_code=False)
            return
        failed = [result for result in results if not result.ok]
        if failed:
            self._fail(failed)
            return
        written = 0
        for result in results:
            for relative, text in result.files.items():
                _write_atomically(serving / relative, text)
                written += 1
        self._succeed(time.perf_counter() - started, f"{written} file(s) updated")

    def copy_asset(self, path: Path) -> None:
        if self.serving is None:  # nothing served yet: the first full build copies every asset
            return
        target = self.serving / path.relative_to(self.root / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        self._succeed(0.0, f"{path.name} copied")

    def _stop_workers(self) -> None:
        for worker in self.workers.values():
            worker.stop()
        self.workers = {}

    def _fail(self, failed: list[Outcome]) -> None:
        message = _message(failed, self.root, self.config_file)
        with self.changed:
            self.error = message
            self.finished = (self.started, message)
            self.changed.notify_all()
        print(f"\n{message}\n\nThe preview keeps showing the last good version; fix the file and save it again.\n",
              file=sys.stderr, flush=True)

    def _succeed(self, seconds: float, what: str) -> None:
        with self.changed:
            self.build_number += 1
            self.error = None
            self.last_seconds = seconds
            self.finished = (self.started, None)
            self.changed.notify_all()
        print(f"Preview updated in {seconds:.2f} s ({what}).", flush=True)

    def status(self, since: int, wait: float) -> dict:
        with self.changed:
            deadline = time.monotonic() + wait
            while self.build_number == since and self.error is None and time.monotonic() < deadline:
                self.changed.wait(timeout=deadline - time.monotonic())
            return {"build": self.build_number, "error": self.error}

    def outcome_since(self, moment: float, timeout: float = 50.0) -> str | None:
        """The error of the first build started after ``moment`` (None: it succeeded), for the editor's saves.

        The editor gives up on a request after 60 s: a longer build answers "saved" at ``timeout``, and the
        editor's page shows the build's message when it comes (fraudbuild/editor_status.js)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.finished[0] < moment:
                if time.monotonic() >= deadline:
                    return None
                self.changed.wait(timeout=deadline - time.monotonic())
            return self.finished[1]

    def close(self) -> None:
        self._stop_workers()
        shutil.rmtree(self.workspace, ignore_errors=True)


def _fields(job: Job) -> dict:
    """A Job as plain values: the worker must be able to read it even when the project's code is broken."""
    return {"lang": job.lang, "config_file": job.config_file, "out_dir": job.out_dir, "mode": job.mode,
            "root": job.root, "site_url": job.site_url, "open_data": job.open_data}


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# --------------------------------------------------------------------------- watching files

class Changes:
    """Paths saved since the last build, gathered until the contributor's editor has finished writing."""

    def __init__(self, root: Path):
        self.root = root
        self.paths: set[Path] = set()
        self.arrived = threading.Condition()

    def add(self, changed: str) -> None:
        path = Path(changed)
        name = path.name
        if name.startswith(".") or name.endswith(("~", ".swp", ".tmp", ".pyc")) or "__pycache__" in path.parts:
            return
        with self.arrived:
            self.paths.add(path)
            self.arrived.notify_all()

    def take(self, quiet: float = 0.1) -> list[Path]:
        with self.arrived:
            while not self.paths:
                self.arrived.wait()
        while True:  # wait until nothing new arrives for `quiet` seconds
            with self.arrived:
                count = len(self.paths)
                self.arrived.wait(timeout=quiet)
                if len(self.paths) == count:
                    taken, self.paths = sorted(self.paths), set()
                    return taken


def watch(root: Path, changes: Changes):
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            for attribute in ("src_path", "dest_path"):
                path = getattr(event, attribute, None)
                if path:
                    changes.add(path)

    observer = Observer()
    for name in WATCHED:
        path = root / name
        if path.is_dir():
            observer.schedule(Handler(), str(path), recursive=True)
    observer.schedule(Handler(), str(root), recursive=False)  # mkdocs.yml, pyproject.toml
    observer.start()
    return observer


def kind_of(path: Path, root: Path) -> str:
    """What an edit needs: 'code' (new processes), 'asset' (a copy), 'content' (pages and data) or 'ignore'."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return "ignore"
    top = relative.parts[0] if relative.parts else ""
    if path.resolve() == SELF or relative.as_posix() == "fraudbuild/preview_reload.js":
        return "server"
    if top in CODE_DIRS or relative.as_posix() in ("mkdocs.yml", "pyproject.toml"):
        return "code"
    if top == "docs" and len(relative.parts) > 1 and relative.parts[1] == "assets":
        return "asset"
    if top in ("docs", "data"):
        return "content"
    return "ignore"


def builder_loop(preview: Preview, changes: Changes) -> None:
    while True:
        batch = changes.take()
        kinds = {path: kind_of(path, preview.root) for path in batch}
        if "server" in kinds.values():
            print("fraudbuild/preview.py changed: stop `make serve` (Ctrl-C) and start it again to use the new "
                  "preview server.", file=sys.stderr, flush=True)
        try:
            if "code" in kinds.values():
                preview.full_build(fresh_code=True)
            elif "content" in kinds.values():
                preview.update([path for path, kind in kinds.items() if kind == "content"])
            for path, kind in kinds.items():
                if kind == "asset" and path.exists() and preview.serving is not None:
                    preview.copy_asset(path)
        except Exception as error:  # noqa: BLE001 - the preview must survive anything a build does
            preview._fail([Outcome.failed("", "bug", f"preview: {type(error).__name__}: {error}")])


# --------------------------------------------------------------------------- serving

class Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        if urlsplit(self.path).path != "/api/v1":
            return self._send(404, "text/plain; charset=utf-8", b"not found")
        status, answer = editor.answer_request(self.preview, self.headers, self.rfile)
        self._send(status, "application/json; charset=utf-8", json.dumps(answer, ensure_ascii=False).encode("utf-8"))

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/admin" or url.path.startswith("/admin/"):
            status, kind, body = editor.admin_response(self.preview.root, url.path)
            return self._send(status, kind, body, {"Content-Security-Policy": editor.CSP})
        if url.path == "/__preview__/reload.js":
            return self._send(200, "application/javascript; charset=utf-8", RELOAD_JS.read_bytes())
        if url.path == "/__preview__/status":
            since = int(parse_qs(url.query).get("since", ["-1"])[0])
            state = json.dumps(self.preview.status(since, wait=20.0 if since >= 0 else 0.0), ensure_ascii=False)
            return self._send(200, "application/json; charset=utf-8", state.encode("utf-8"))
        if self.preview.serving is None:
            message = self.preview.error or "The site is being built for the first time; reload in a few seconds."
            return self._send(503, "text/plain; charset=utf-8", message.encode("utf-8"))
        return super().do_GET()

    def translate_path(self, path: str) -> str:
        self.directory = str(self.preview.serving)
        return super().translate_path(path)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._html(path, 200)
        serving = self.preview.serving
        if serving is not None and not path.exists() and not path.is_dir():
            lang_404 = serving / ("en/404.html" if self.path.startswith("/en/") else "404.html")
            if lang_404.exists():
                return self._html(lang_404, 404)
        return super().send_head()

    def _html(self, path: Path, status: int):
        text = path.read_text(encoding="utf-8")
        text = text.replace("</body>", '<script src="/__preview__/reload.js"></script></body>', 1)
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        import io
        return io.BytesIO(body)

    def _send(self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(config_file: Path, host: str, port: int) -> None:
    quiet_libraries()
    site_url = f"http://{host}:{port}/"
    os.environ["SITE_URL"] = site_url  # mkdocs.yml reads it: canonical links and the sitemap name the preview
    preview = Preview(config_file, site_url)
    changes = Changes(preview.root)
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Previewing on {site_url} (English: {site_url}en/). Drafts are shown; Ctrl-C stops.", flush=True)
    observer = watch(preview.root, changes)
    try:
        preview.full_build(fresh_code=True)
        builder_loop(preview, changes)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.shutdown()
        preview.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    host, _, port = args.address.rpartition(":")
    serve(args.config_file, host or "127.0.0.1", int(port))
    return 0


if __name__ == "__main__":
    sys.exit(main())

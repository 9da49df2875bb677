"""Build one language of the site with MkDocs, in a process of its own.

``build_language`` is what each worker process runs (fraudbuild.build starts
one per language at the same time). It returns a plain dict, so that it can
cross a process boundary: the pages it built, or the message to show.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from fraudsite.errors import SiteInputError
from fraudsite.preflight import PageShare, shares_of
from fraudsite.preflight import run as run_preflight


from . import state
from .assemble import open_data
from .bugs import bug_report

HOOK = "hooks/site_hook.py"


@dataclass(frozen=True)
class Job:
    lang: str
    config_file: Path
    out_dir: Path
    mode: str
    root: Path
    site_url: str
    docs_dir: Path | None = None
    check_pages: tuple[PageShare, ...] | None = None  # the pages this process checks (default: its language's)
    open_data: bool = False  # this process also writes out the open data (one process does)


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, kept to be shown first when a build fails."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.levelname}: {record.getMessage()}")


def quiet_libraries() -> None:
    """jieba announces its dictionary on every start; MkDocs lists pages not in the nav: neither helps."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    try:
        import jieba
        jieba.setLogLevel(logging.WARNING)
    except ImportError:  # pragma: no cover - jieba is pinned in requirements.txt
        pass


def load(job: Job):
    """The MkDocs config for ``job``, set to build its one language."""
    from mkdocs.config import load_config

    from . import internals
    internals.check()
    config = load_config(str(job.config_file), site_dir=str(job.out_dir))
    require_hook(config, job)
    internals.select_language(config, job.lang)
    return config


def require_hook(config, job: Job) -> None:
    if not any(name.replace(os.sep, "/").endswith(HOOK) for name in (config.hooks or {})):
        config_name = os.path.relpath(job.config_file, job.root)
        text = Path(job.config_file).read_text(encoding="utf-8")
        line = text[: text.index("hooks:")].count("\n") + 1 if "hooks:" in text else None
        raise SiteInputError(config_name, line, "hooks", f"the site hook {HOOK} is not listed",
                             f"add it back under hooks: in mkdocs.yml:  hooks: [{HOOK}] "
                             "(without it no marker would be rendered)")


def build_language(job: Job, contact: str = "") -> dict:
    """Check, then build ``job.lang`` into ``job.out_dir``; never raises."""
    collect = _Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    quiet_libraries()
    started = time.perf_counter()
    try:
        from mkdocs.commands.build import build
        from fraudsite.timing import TIMER
        preflight = run_preflight(job.root, job.mode, site_url=job.site_url, contact=contact, docs_dir=job.docs_dir,
                                  shares=job.check_pages if job.check_pages is not None else shares_of(job.lang))
        checked = time.perf_counter()
        config = load(job)
        state.ask(state.Request(job.lang, job.mode, job.root, preflight, job.site_url))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return {"ok": True, "lang": job.lang, "pages": state.current.pages, "seconds": time.perf_counter() - started,
                "preflight_seconds": checked - started, "hook_seconds": TIMER["seconds"], "notes": preflight.notes,
                "open_data": open_data(preflight.dataset) if job.open_data else {}}
    except SiteInputError as error:
        return failure(job, "input", str(error), collect)
    except Exception as error:  # noqa: BLE001 - every failure becomes a message the parent can print
        return describe(job, error, collect)
    finally:
        logging.getLogger("mkdocs").removeHandler(collect)


def failure(job: Job, kind: str, message: str, collect: _Collect) -> dict:
    return {"ok": False, "lang": job.lang, "kind": kind, "message": message, "warnings": collect.records}


def describe(job: Job, error: BaseException, collect: _Collect) -> dict:
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    from .internals import InternalsChanged
    cause = error.__cause__ or error.__context__
    if isinstance(cause, SiteInputError):  # a hook's error, wrapped by MkDocs on the way out
        return failure(job, "input", str(cause), collect)
    if isinstance(error, InternalsChanged):
        return failure(job, "internals", str(error), collect)
    if isinstance(error, (ConfigurationError, Abort, MkDocsException)):
        config_name = os.path.relpath(job.config_file, job.root)
        message = str(error).strip() or type(error).__name__
        if isinstance(error, ConfigurationError) and not collect.records:  # e.g. mkdocs.yml is not valid YAML
            message = f"{config_name}: {message}\n    How to fix: correct mkdocs.yml where the message says"
        return failure(job, "mkdocs", message, collect)
    return failure(job, "bug", bug_report(error, job.root), collect)

"""Build one language of the site with MkDocs: the one function that does it, for `make site`, `make serve`
and `make bench`.

``build_language`` checks, loads mkdocs.yml (always strict), makes the language's SiteBuild
(fraudbuild.sitebuild) and runs MkDocs' build from on_startup to on_shutdown, within the process's
memory and time limits (fraudbuild.limits). It never raises: it returns an Outcome (fraudbuild.outcome),
the pages it built or the message to show. fraudbuild.build runs it in one process per language;
the preview's processes (fraudbuild.session) run it for each full build.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from fraudsite.errors import SiteInputError
from fraudsite.preflight import PageShare, shares_of
from fraudsite.preflight import run as run_preflight

from . import internals, limits
from .assemble import open_data
from .bugs import bug_report
from .internals import InternalsChanged
from .outcome import Outcome
from .sitebuild import Request, SiteBuild, attach

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
    contact: str = ""  # the corrections contact (CORRECTIONS_CONTACT), which a release requires


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, kept to be shown first when a build fails."""

    def __init__(self) -> None:
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


def load(job: Job) -> MkDocsConfig:
    """The MkDocs config for ``job``, set to build its one language, strictly."""
    internals.check()
    config = load_config(str(job.config_file), site_dir=str(job.out_dir))
    require_hook(config, job)
    # Always strict, whatever mkdocs.yml says: a warning of MkDocs (a broken link, a page missing from the
    # nav's files) is a page that would be published broken, and the build's promise is to refuse it.
    config.strict = True
    internals.select_language(config, job.lang)
    return config


def require_hook(config: MkDocsConfig, job: Job) -> None:
    if not any(name.replace(os.sep, "/").endswith(HOOK) for name in (config.hooks or {})):
        config_name = os.path.relpath(job.config_file, job.root)
        text = Path(job.config_file).read_text(encoding="utf-8")
        line = text[: text.index("hooks:")].count("\n") + 1 if "hooks:" in text else None
        raise SiteInputError(config_name, line, "hooks", f"the site hook {HOOK} is not listed",
                             f"add it back under hooks: in mkdocs.yml:  hooks: [{HOOK}] "
                             "(without it no marker would be rendered)")


def build_language(job: Job, *, cache: dict[Any, Any] | None = None,
                   command: Literal["build", "serve"] = "build") -> Outcome:
    """Check, then build ``job.lang`` into ``job.out_dir``; never raises.

    ``cache``: parsed data files kept by the preview between builds; ``command``: what MkDocs' plugins are
    told in on_startup ("serve" for the preview). The outcome of a success carries the SiteBuild (``site``),
    for the preview to keep; ``to_send()`` leaves it behind."""
    collect = _Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    quiet_libraries()
    started = time.perf_counter()
    try:
        with limits.time_limited():
            preflight = run_preflight(job.root, job.mode, site_url=job.site_url, contact=job.contact,
                                      docs_dir=job.docs_dir, cache=cache,
                                      shares=job.check_pages if job.check_pages is not None else shares_of(job.lang))
            checked = time.perf_counter()
            config = load(job)
            site = SiteBuild.start(Request(job.lang, job.mode, job.root, preflight, job.site_url))
            attach(config, site)
            config.plugins.on_startup(command=command, dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        return Outcome(job.lang, True, pages=tuple(site.pages), seconds=time.perf_counter() - started,
                       preflight_seconds=checked - started, hook_seconds=site.hook_seconds,
                       notes=tuple(preflight.notes), open_data=open_data(preflight.dataset) if job.open_data else {},
                       site=site)
    except SiteInputError as error:
        return Outcome.failed(job.lang, "input", str(error), collect.records)
    except (Exception, limits.TimeLimitExceeded) as error:  # noqa: BLE001 - every failure becomes a message
        return describe(job, error, collect)
    finally:
        logging.getLogger("mkdocs").removeHandler(collect)


def describe(job: Job, error: BaseException, collect: _Collect) -> Outcome:
    cause = error.__cause__ or error.__context__
    if isinstance(cause, SiteInputError):  # a hook's error, wrapped by MkDocs on the way out
        return Outcome.failed(job.lang, "input", str(cause), collect.records)
    for reason in (error, cause):
        limit = limits.describe(reason, job.lang) if reason is not None else None
        if limit:
            return Outcome.failed(job.lang, "limit", limit, collect.records)
    if isinstance(error, InternalsChanged):
        return Outcome.failed(job.lang, "internals", str(error), collect.records)
    if isinstance(error, (ConfigurationError, Abort, MkDocsException)):
        config_name = os.path.relpath(job.config_file, job.root)
        message = str(error).strip() or type(error).__name__
        if isinstance(error, ConfigurationError) and not collect.records:  # e.g. mkdocs.yml is not valid YAML
            message = f"{config_name}: {message}\n    How to fix: correct mkdocs.yml where the message says"
        return Outcome.failed(job.lang, "mkdocs", message, collect.records)
    return Outcome.failed(job.lang, "bug", bug_report(error, job.root), collect.records)

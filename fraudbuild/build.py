"""Build the whole site, both languages at once, without ever losing the last good one.

    python -m fraudbuild.build [--config-file mkdocs.yml] [--site-dir site] [--mode release|preview]

1. Preflight (fraudsite.preflight): every data file and page is read and
   checked; a problem stops the build here, before anything is written.
2. Each language is built by MkDocs in its own process, at the same time
   (fraudbuild.worker), into a temporary folder beside site/.
3. The two builds become one site (fraudbuild.assemble), text files are
   pre-compressed for nginx's gzip_static, and only then does the new site
   replace site/, in two renames. A failed build leaves site/ exactly as it was.

Each language's process builds with fraudbuild.worker.build_language, within a memory and a
time limit (fraudbuild.limits); a `.site-build-*` folder left by a build that was killed is
removed by the next one. The build lifecycle, event by event, is in fraudbuild/sitebuild.py.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import re
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fraudsite import i18n
from fraudsite.errors import SiteInputError
from fraudsite.preflight import PREVIEW, RELEASE, check_release_settings

from . import assemble, editor_backend, limits, messages
from .outcome import KINDS, Outcome
from .worker import Job, build_language, quiet_libraries

DEFAULT_SITE_URL = "https://fanzha.example.org/"
STAGING = ".site-build-"  # + the building process's id + a random part, beside site/
STAGING_NAME = re.compile(re.escape(STAGING) + r"(?P<pid>[0-9]+)-")


class BuildFailed(Exception):
    pass


@dataclass
class Settings:
    """What the parent needs from mkdocs.yml (the workers read the whole file themselves)."""
    site_url: str
    contact: str
    docs_dir: Path


@dataclass
class Report:
    pages: int = 0
    seconds: float = 0.0
    language_seconds: dict[str, float] = field(default_factory=dict)
    hook_seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_settings(config_file: Path, root: Path) -> Settings:
    from mkdocs.utils.yaml import yaml_load
    name = os.path.relpath(config_file, root)
    try:
        with open(config_file, encoding="utf-8") as stream:
            data = yaml_load(stream) or {}
    except OSError as error:
        raise SiteInputError(name, None, "file", f"cannot be read ({error.strerror})", "check the path") from None
    except Exception:  # noqa: BLE001 - YAML errors of every kind; MkDocs wraps them without their lines
        raise _yaml_problem(config_file, name) from None
    extra = data.get("extra") or {}
    corrections = extra.get("corrections") or {}
    return Settings(site_url=str(data.get("site_url") or ""),
                    contact=str(corrections.get("contact") or "") if isinstance(corrections, dict) else "",
                    docs_dir=(config_file.parent / str(data.get("docs_dir") or "docs")).resolve())


def _yaml_problem(config_file: Path, name: str) -> SiteInputError:
    """Where mkdocs.yml stops being YAML: the line the broken construct starts on, and what is wrong."""
    import yaml
    try:
        yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        return SiteInputError(name, mark.line + 1 if mark else None, "YAML syntax", problem,
                              "fix the brackets, indentation or quoting on that line")
    return SiteInputError(name, None, "YAML", "MkDocs could not read the file", "check that it is valid YAML")


@contextmanager
def environment(env: dict | None):
    """Variables mkdocs.yml reads with !ENV (SITE_URL, CORRECTIONS_CONTACT), for this build only."""
    saved = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _run_job(job: Job) -> Outcome:
    """One language, in a worker process of its own: limited, and sending back only what can travel."""
    limits.apply_memory_limit()
    return build_language(job).to_send()


# The two processes should finish together. The Chinese one has a fixed extra cost (loading jieba's
# dictionary: about as long as checking 1,470 English pages); the English one spends more on each page
# (English pages hold more Markdown: about 0.63 of checking a page, per page). So for a release the
# Chinese process also checks the share of the English pages that evens this out (both constants
# measured with `make bench` on 1,000 and 3,000 cases; the total work is the same whatever the share).
# A preview checks each language in its own process: each shows its own pages' draft notes.
JIEBA_IN_PAGE_CHECKS = 1470
ENGLISH_EXTRA_PER_PAGE = 0.63


def english_share_for_chinese(english_pages: int) -> float:
    if english_pages == 0:
        return 0.0
    share = (1 + ENGLISH_EXTRA_PER_PAGE - JIEBA_IN_PAGE_CHECKS / english_pages) / 2
    return min(1.0, max(0.0, share))


def _page_checks(lang: str, mode: str, docs_dir: Path) -> tuple | None:
    if mode != RELEASE or i18n.LANGUAGES != ("zh", "en"):
        return None
    share = english_share_for_chinese(sum(1 for _ in docs_dir.rglob("*.en.md")))
    return (("zh", 0.0, 1.0), ("en", 0.0, share)) if lang == "zh" else (("en", share, 1.0),)


def build(config_file: Path, site_dir: Path, env: dict | None = None, mode: str = RELEASE) -> Report:
    """Build the site into ``site_dir``; raise BuildFailed with the message to show."""
    started = time.perf_counter()
    config_file, site_dir = Path(config_file).resolve(), Path(site_dir).resolve()
    root = config_file.parent
    report = Report()
    with environment(env):
        try:
            settings = read_settings(config_file, root)
            check_release_settings(settings.site_url, settings.contact, release=mode == RELEASE)
            editor = editor_backend.release_backend() if mode == RELEASE and editor_backend.publish_requested() \
                else None  # /admin/ is published only when asked for (FRAUDSITE_PUBLISH_EDITOR=1)
            if editor is not None:
                editor_backend.bundle_dir(root)  # installed (npm), or say so before building
        except (SiteInputError, editor_backend.EditorError) as error:
            raise BuildFailed(_failed(str(error), site_dir)) from None
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(site_dir.parent)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=site_dir.parent))
        try:
            site = staging / "site"
            jobs = [Job(lang, config_file, site if lang == i18n.DEFAULT else staging / f"part-{lang}", mode, root,
                        settings.site_url, settings.docs_dir, _page_checks(lang, mode, settings.docs_dir),
                        open_data=lang == i18n.LANGUAGES[-1], contact=settings.contact)
                    for lang in i18n.LANGUAGES]
            results = run_parallel(jobs)
            problems = [result for result in results if not result.ok]
            if problems:
                raise BuildFailed(_failed(_message(problems, root, config_file,
                                                   os.path.relpath(settings.docs_dir, root)), site_dir))
            report.notes += results[0].notes
            for job in jobs:
                if job.lang != i18n.DEFAULT:
                    assemble.merge_language(site, job.out_dir, job.lang)
            shared = assemble.write_shared_files(site, results[-1].open_data, list(results[0].pages), settings.site_url)
            assemble.precompress(shared)  # each language process compressed its own assets
            if editor is not None:
                editor_backend.publish(root, site, editor)
            assemble.swap(site, site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    report.pages = sum(len(result.pages) for result in results)
    report.language_seconds = {result.lang: result.seconds for result in results}
    report.hook_seconds = {result.lang: result.hook_seconds for result in results}
    report.seconds = time.perf_counter() - started
    return report


def run_parallel(jobs: list[Job]) -> list[Outcome]:
    """Each job in its own process, all at once; results in the order of ``jobs``."""
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=len(jobs), mp_context=context,
                                                initializer=limits.die_with_parent,
                                                initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(_run_job, job) for job in jobs]
        return [_result(future, job) for future, job in zip(futures, jobs)]


def _result(future: concurrent.futures.Future, job: Job) -> Outcome:
    try:
        return future.result()
    except MemoryError as error:  # over the limit outside the build itself (sending the result back)
        return Outcome.failed(job.lang, "limit", limits.describe(error, job.lang) or str(error))
    except BrokenProcessPool:  # killed: by the memory limit in a C library, or a signal
        return Outcome.failed(job.lang, "limit", (
            f"the {job.lang} build: its process stopped without a message (killed, or out of memory inside a "
            f"library: the limit is {limits.memory_limit() // 1024 ** 2} MiB)\n"
            f"    How to fix: build again; if it stops again, raise the limit: {limits.MEMORY_VARIABLE}=8G make site"))


def remove_stale_staging(folder: Path) -> None:
    """Remove the .site-build-* folders of builds that are no longer running (killed before they could
    clean up); a folder whose build is still running is left to it."""
    for path in folder.glob(STAGING + "*"):
        match = STAGING_NAME.match(path.name)
        if path.is_dir() and not (match and _running(int(match.group("pid")))):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _message(problems: list[Outcome], root: Path | None = None, config_file: Path | None = None,
             docs: str = "docs") -> str:
    """The most useful message first: the contributor's own mistake, then MkDocs' warnings, then the rest."""
    problem = sorted(problems, key=lambda p: KINDS.index(p.kind) if p.kind in KINDS else len(KINDS))[0]
    if problem.kind == "input":  # each language's process checked its share of the pages: report every mistake
        return _every_mistake([p.message for p in problems if p.kind == "input"])
    if problem.kind != "mkdocs":
        return problem.message
    records = list(problem.warnings)
    if root is not None and config_file is not None:
        records = messages.explain(records, root, docs, config_file)
    parts = records + [problem.message]
    if not any("How to fix" in part for part in parts):
        parts.append("    How to fix: the lines above come from MkDocs; they name the page or the setting to change.")
    return "\n".join(parts)


def _every_mistake(messages: list[str]) -> str:
    """The mistakes of both processes, each once (a data file's mistake is found by both), in their order."""
    entries: list[str] = []
    for message in messages:
        for entry in re.split(r"\n(?=\S)", message.strip()):
            if not re.fullmatch(r"\(\d+ problems, .*\)", entry) and entry not in entries:
                entries.append(entry)
    count = f"\n({len(entries)} problems, each with its file and line)" if len(entries) > 1 else ""
    return "\n".join(entries) + count


def _failed(message: str, site_dir: Path) -> str:
    return f"{message}\n\nBuild failed; {site_dir.name}/ was left exactly as it was."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--mode", choices=[RELEASE, PREVIEW], default=RELEASE)
    args = parser.parse_args(argv)
    quiet_libraries()
    try:
        report = build(args.config_file, args.site_dir, mode=args.mode)
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    for note in report.notes:
        print(f"Note: {note}")
    print(f"Built {args.site_dir}/: {report.pages} pages in {report.seconds:.1f} s "
          f"(both languages at once; pre-compressed for gzip_static).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every build process has a memory and a time limit and says so when it hits one; a killed build's
staging folder is removed by the next build; the build is strict whatever mkdocs.yml says."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fraudbuild import build as site_build
from fraudbuild import limits, worker
from fraudsite.preflight import RELEASE
from fraudsite.project import ROOT

from conftest import CONTACT, build_project

SETTINGS = {"SITE_URL": "http://127.0.0.1:8000/", "CORRECTIONS_CONTACT": CONTACT, "FRAUDSITE_LOCAL_RELEASE": "1"}  # served on loopback


def _job(project: Path = ROOT, out_dir: Path | None = None) -> worker.Job:
    return worker.Job("zh", project / "mkdocs.yml", out_dir or project / "site-unused", RELEASE, project,
                      SETTINGS["SITE_URL"], contact=CONTACT)


def _address_space() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmSize:")).split()[1]) * 1024


def test_a_build_over_its_memory_limit_says_so(tmp_path, monkeypatch):
    """The real `make site` path: each language's process runs under FRAUDSITE_MEMORY_LIMIT, and a build that
    needs more stops with a message in plain words, not a MemoryError traceback. (The build processes are
    forked: the greedy preflight below is theirs.)"""
    limit = (_address_space() // 1024 ** 2 + 256) * 1024 ** 2
    monkeypatch.setattr(worker, "run_preflight", lambda *args, **kwargs: bytearray(limit))
    with pytest.raises(site_build.BuildFailed) as failed:
        site_build.build(ROOT / "mkdocs.yml", tmp_path / "site", env={**SETTINGS, limits.MEMORY_VARIABLE: str(limit)})
    first = str(failed.value).splitlines()[0]
    assert first.startswith("the zh build: memory: the build used more than its limit of "), first
    assert first.endswith(f"{limit // 1024 ** 2} MiB (FRAUDSITE_MEMORY_LIMIT)"), first
    assert "Traceback" not in str(failed.value) and "raise the limit" in str(failed.value)
    assert not (tmp_path / "site").exists()


def test_a_worker_that_allocates_past_the_limit_reports_it():
    """In a process of its own (the limit cannot be lifted again): a build that asks for 4 GiB under a 1 GiB
    limit returns the limit's outcome."""
    script = (
        "import os, sys\n"
        "from fraudbuild import limits, worker\n"
        "limits.apply_memory_limit()\n"
        "def greedy(*args, **kwargs):\n"
        "    return bytearray(4 * 1024 ** 3)\n"
        "worker.run_preflight = greedy\n"
        f"job = worker.Job('zh', worker.Path({str(ROOT / 'mkdocs.yml')!r}), worker.Path('/nonexistent'), 'release',\n"
        f"                 worker.Path({str(ROOT)!r}), 'http://127.0.0.1:8000/')\n"
        "outcome = worker.build_language(job)\n"
        "print(outcome.kind)\n"
        "print(outcome.message)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, limits.MEMORY_VARIABLE: "1G"}, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    kind, message = result.stdout.split("\n", 1)
    assert kind == "limit" and "more than its limit of 1 GiB" in message, result.stdout


def test_a_build_over_its_time_limit_says_so(monkeypatch):
    monkeypatch.setenv(limits.TIME_VARIABLE, "1")
    monkeypatch.setattr(worker, "run_preflight", lambda *args, **kwargs: time.sleep(30))
    started = time.monotonic()
    outcome = worker.build_language(_job())
    assert time.monotonic() - started < 10
    assert outcome.kind == "limit" and "took longer than its limit of 1 s" in outcome.message, outcome
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "the alarm is off again"


@pytest.mark.parametrize("text, expected", [("", limits.DEFAULT_MEMORY), ("2G", 2 * 1024 ** 3),
                                            ("512M", 512 * 1024 ** 2), ("300000", 300000), ("1.5GiB", 1610612736)])
def test_the_memory_limit_is_read_from_the_environment(monkeypatch, text, expected):
    monkeypatch.setenv(limits.MEMORY_VARIABLE, text)
    assert limits.memory_limit() == expected


def test_stale_staging_folders_are_removed_and_running_ones_kept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{site_build.STAGING}{dead.pid}-abc"
    old_style = tmp_path / f"{site_build.STAGING}k2j4_x"  # a name from before the process id was in it
    running = tmp_path / f"{site_build.STAGING}{os.getpid()}-def"
    for folder in (stale, old_style, running):
        (folder / "site").mkdir(parents=True)
    site_build.remove_stale_staging(tmp_path)
    assert not stale.exists() and not old_style.exists() and running.exists()


@pytest.mark.build
def test_a_killed_builds_leftover_folder_is_removed_by_the_next_build(project_copy):
    env = {**os.environ, **SETTINGS, "PYTHONPATH": str(project_copy)}
    process = subprocess.Popen([sys.executable, "-m", "fraudbuild.build"], cwd=project_copy, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(project_copy.glob(".site-build-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.kill()
    process.wait()
    leftover = list(project_copy.glob(".site-build-*"))
    assert leftover, "the killed build left its staging folder"
    build_project(project_copy)
    assert not list(project_copy.glob(".site-build-*")), "the next build removed it"
    assert (project_copy / "site" / "index.html").is_file()
    assert not _processes_in(project_copy), "the killed build's language processes stopped with it"


def _processes_in(folder: Path) -> list[int]:
    """The processes whose working folder is ``folder`` (a build runs in its project's folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and Path(entry, "cwd").resolve() == folder.resolve():
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or another user's
            continue
    return found


def test_the_build_is_strict_whatever_mkdocs_yml_says(project_copy):
    config_file = project_copy / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "strict: true\n" in text
    config_file.write_text(text.replace("strict: true\n", "strict: false\n"), encoding="utf-8")
    config = worker.load(_job(project_copy, project_copy / "site"))
    assert config.strict is True


def test_a_limit_set_wrong_is_named(monkeypatch):
    monkeypatch.setenv(limits.MEMORY_VARIABLE, "lots")
    with pytest.raises(limits.BadSetting, match="FRAUDSITE_MEMORY_LIMIT: 'lots' is not a size"):
        limits.memory_limit()
    monkeypatch.setenv(limits.TIME_VARIABLE, "ten minutes")
    with pytest.raises(limits.BadSetting, match="FRAUDSITE_TIME_LIMIT: 'ten minutes' is not a number"):
        limits.time_limit()

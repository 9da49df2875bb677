"""Every build process has a memory limit and a time limit, and says so in plain words when it hits one.

A runaway build (a page that makes a pathological regular expression spin, a data file that
multiplies into millions of rows) must not take the machine down with it nor hang CI: each
language's worker and each preview process calls ``apply()`` first. The limits are generous
(DEFAULT_MEMORY for the process's address space, DEFAULT_SECONDS for one build or one preview
update) and can be changed with FRAUDSITE_MEMORY_LIMIT (bytes, or with a K/M/G suffix) and
FRAUDSITE_TIME_LIMIT (seconds); 0 turns a limit off.

This module imports nothing of the project (the preview's processes use it before the project's code).
"""
from __future__ import annotations

import ctypes
import os
import re
import resource
import signal
from contextlib import contextmanager
from collections.abc import Iterator
from types import FrameType

DEFAULT_MEMORY = 4 * 1024 ** 3  # address space, not resident memory: libraries reserve far more than they use
DEFAULT_SECONDS = 600
MEMORY_VARIABLE = "FRAUDSITE_MEMORY_LIMIT"
TIME_VARIABLE = "FRAUDSITE_TIME_LIMIT"
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
SUFFIXES = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}
SIZE = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[KMG]?)(?:i?B)?", re.I)


class BadSetting(ValueError):
    """A limit set in the environment that cannot be read."""


class TimeLimitExceeded(BaseException):
    """The build took longer than its time limit (a BaseException, like KeyboardInterrupt: a library's
    ``except Exception`` must not swallow it and carry on)."""


def memory_limit() -> int:
    text = os.environ.get(MEMORY_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MEMORY
    match = SIZE.fullmatch(text)
    if not match:
        raise BadSetting(f"{MEMORY_VARIABLE}: '{text}' is not a size\n"
                         f"    How to fix: write a number of bytes, or one with K, M or G (e.g. {MEMORY_VARIABLE}=4G)")
    return int(float(match.group("number")) * SUFFIXES.get(match.group("unit").upper(), 1))


def time_limit() -> float:
    text = os.environ.get(TIME_VARIABLE, "").strip()
    try:
        return float(text) if text else DEFAULT_SECONDS
    except ValueError:
        raise BadSetting(f"{TIME_VARIABLE}: '{text}' is not a number of seconds\n"
                         f"    How to fix: write seconds (e.g. {TIME_VARIABLE}=1800), or 0 for no limit") from None


def apply_memory_limit() -> None:
    """Cap this process's address space (never above a hard limit set from outside)."""
    limit = memory_limit()
    if limit <= 0:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent(parent: int) -> None:
    """Stop this process when ``parent``, the process that started it, dies: a build killed from outside must
    not leave its language processes behind, idle or writing into a staging folder that the next build is
    removing (Linux's PR_SET_PDEATHSIG; elsewhere only the check below). Run first thing in the child."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request above was made
        os._exit(1)


@contextmanager
def time_limited() -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block once it has run longer than the time limit."""
    seconds = time_limit()
    if seconds <= 0:
        yield
        return

    def expired(_signal: int, _frame: FrameType | None) -> None:
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def describe(error: BaseException, lang: str) -> str | None:
    """The message for a limit that was hit (or set wrong), or None when ``error`` is no such thing."""
    if isinstance(error, BadSetting):
        return str(error)
    if isinstance(error, MemoryError):
        return (f"the {lang} build: memory: the build used more than its limit of {_size(memory_limit())}\n"
                f"    How to fix: look for what grew (a data file, a page, a listing); if the site has simply "
                f"become larger, raise the limit: {MEMORY_VARIABLE}=8G make site")
    if isinstance(error, TimeLimitExceeded):
        return (f"the {lang} build: time: the build took longer than its limit of {time_limit():g} s\n"
                f"    How to fix: look for what grew or what the last edit changed; if the site has simply become "
                f"larger, raise the limit: {TIME_VARIABLE}=1800 make site")
    return None


def _size(number: int) -> str:
    for suffix in ("G", "M", "K"):
        if number >= SUFFIXES[suffix] and number % SUFFIXES[suffix] == 0:
            return f"{number // SUFFIXES[suffix]} {suffix}iB ({MEMORY_VARIABLE})"
    return f"{number} bytes ({MEMORY_VARIABLE})"

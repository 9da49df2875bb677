"""The hooks' own share of build time, for the benchmark.

Every hook function is wrapped with ``timed``; they all add to one TIMER,
whichever module MkDocs loaded them from, because this package is imported
once per process.
"""
from __future__ import annotations

import functools
import time

TIMER = {"seconds": 0.0}


def timed(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMER["seconds"] += time.perf_counter() - start
    return wrapper

"""The body of a preview worker process (fraudbuild.preview starts one per language).

It imports the project's code only inside the loop, so that an error in that code
(even a syntax error) comes back to the preview as a message naming the file and
the line, instead of a process that silently died. The process runs within the
memory limit of fraudbuild.limits; each build and each update within its time limit.
"""
from __future__ import annotations

from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .bugs import bug_report
from .limits import apply_memory_limit
from .outcome import Outcome


def session_loop(job_fields: dict[str, Any], connection: Connection) -> None:
    apply_memory_limit()
    session, failure = None, None
    try:
        from .session import LanguageSession
        from .worker import Job
        session = LanguageSession(Job(**job_fields))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which shows it
        failure = _report(error, job_fields)
    while True:
        try:
            command, payload = connection.recv()
        except (EOFError, OSError):
            return
        if command == "stop":
            return
        if session is None:
            connection.send(failure)
            continue
        try:
            if command == "full":
                session.job = Job(**payload)
                connection.send(session.full_build())
            elif command == "update":
                connection.send(session.update(payload))
        except BaseException as error:  # noqa: BLE001 - the same: the parent shows every failure
            connection.send(_report(error, job_fields))


def _report(error: BaseException, job_fields: dict[str, Any]) -> Outcome:
    return Outcome.failed(job_fields["lang"], "bug", bug_report(error, Path(job_fields["root"])))

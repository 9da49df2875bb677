"""The body of a preview worker process (fraudbuild.preview starts one per language).

It imports the project's code only inside the loop, so that an error in that code
(even a syntax error) comes back to the preview as a message naming the file and
the line, instead of a process that silently died.
"""
from __future__ import annotations


def session_loop(job_fields: dict, connection) -> None:
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
        except BaseException as error:  # noqa: BLE001
            connection.send(_report(error, job_fields))


def _report(error: BaseException, job_fields: dict) -> dict:
    from pathlib import Path

    from .bugs import bug_report
    message = bug_report(error, Path(job_fields["root"]))
    return {"ok": False, "lang": job_fields["lang"], "kind": "bug", "message": message, "warnings": []}

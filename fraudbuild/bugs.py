"""An error in the site's own Python code, told as such.

This module imports nothing of the project, so that it still works when the
project's code is what is broken (a syntax error, a bad import).
"""
from __future__ import annotations

import os
import traceback
from pathlib import Path


def bug_report(error: BaseException, root: Path) -> str:
    """An error in the site's own code: say where, and that it is not the contributor's content."""
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if Path(frame.filename).resolve().is_relative_to(root.resolve())]
    where = own[-1] if own else (frames[-1] if frames else None)
    place = f"{os.path.relpath(where.filename, root)}:{where.lineno}" if where else "the build"
    if isinstance(error, SyntaxError) and error.filename:  # the file that does not parse, not the importer
        place = f"{os.path.relpath(error.filename, root)}:{error.lineno}"
    return (f"{place}: {type(error).__name__}: {error}\n"
            f"    How to fix: this is an error in the site's Python code ({place}), not in a page or a data file; "
            f"fix the code there (the traceback below shows how it was reached).\n\n"
            + "".join(traceback.format_exception(error)))

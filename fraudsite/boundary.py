"""The repository is the boundary: nothing under docs/ or data/ may lead outside it.

A symbolic link (to a file or a folder) whose target is outside the project, or
a folder that itself resolves outside it, would publish a file nobody reviewed
in the repository: a page, a case (which reaches the home page, the lists, the
feed and the open data) or a data file. It is refused, with the link's name and
where it leads. Links that stay inside the repository are fine.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import SiteInputError


def check_inside(folder: Path, root: Path) -> None:
    """Refuse the first entry of ``folder`` (at any depth) whose real path is outside ``root``."""
    real_root = root.resolve()
    _check_one(folder, root, real_root)
    for current, folders, files in os.walk(folder):  # does not follow links: each is checked, not entered
        for entry in folders + files:
            path = Path(current) / entry
            if path.is_symlink():
                _check_one(path, root, real_root)


def _check_one(path: Path, root: Path, real_root: Path) -> None:
    real = path.resolve()
    if real != real_root and real_root not in real.parents:
        name = os.path.relpath(path, root)
        kind = "a link" if path.is_symlink() else "a folder"
        raise SiteInputError(name, None, "outside the repository",
                             f"is {kind} to {real}, which is not part of the repository",
                             "copy the file into the repository (reviewed like every other file) and remove the "
                             "link; the site publishes only what is in the repository")

"""What building or updating one language gives back: a typed value that crosses process boundaries.

This module imports nothing of the project, so that a preview process whose code is broken can still
say so with an Outcome (fraudbuild.preview_process).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What went wrong, the most useful first: the contributor's own mistake, MkDocs' warnings, a library's
# insides that changed, a limit of memory or time, then an error in the site's code.
KINDS = ("input", "mkdocs", "internals", "limit", "bug")
FULL = "full"  # the preview cannot apply an edit alone and needs a full build


@dataclass(frozen=True)
class Outcome:
    lang: str
    ok: bool
    kind: str = ""                        # when not ok: one of KINDS, or FULL
    message: str = ""                     # when not ok: what to show, file and line first
    warnings: tuple[str, ...] = ()        # MkDocs' warnings and errors, shown before the message
    pages: tuple[str, ...] = ()           # language-neutral URLs of the pages built
    files: dict[str, str] = field(default_factory=dict)      # the preview's re-rendered files, by site path
    open_data: dict[str, str] = field(default_factory=dict)  # figures.csv and figures.json, by name
    notes: tuple[str, ...] = ()           # what the build says without failing (a check skipped)
    seconds: float = 0.0
    preflight_seconds: float = 0.0
    hook_seconds: float = 0.0
    # The preview keeps this in its process (MkDocs' state for rendering single pages); never sent on.
    site: Any = field(default=None, compare=False, repr=False)

    @classmethod
    def failed(cls, lang: str, kind: str, message: str, warnings: tuple[str, ...] | list[str] = ()) -> Outcome:
        return cls(lang, False, kind, message, tuple(warnings))

    def to_send(self) -> Outcome:
        """This outcome without what stays in this process."""
        return Outcome(**{**self.__dict__, "site": None})

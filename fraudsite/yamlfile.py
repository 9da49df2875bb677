"""Read YAML fast, and find the line of any key or item when an error needs it.

Loading uses libyaml through PyYAML's C loader: a prefecture's thousands of case
files must not slow the build. Lines are worked out only when a validation
error has to point a contributor at one, by composing the same text again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import SiteInputError

Path_ = tuple[Any, ...]
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LocatedData:
    """Plain Python data from a YAML file, plus ``line_of(path)``."""

    def __init__(self, file: str, data: Any, text: str):
        self.file, self.data, self._text = file, data, text
        self._lines: dict[Path_, int] | None = None

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known node on ``path`` (1-based)."""
        if self._lines is None:
            self._lines = _line_map(self._text)
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), 1)


def _line_map(text: str) -> dict[Path_, int]:
    lines: dict[Path_, int] = {(): 1}

    def walk(node: yaml.Node, path: Path_) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value,)
                lines[child] = key.start_mark.line + 1
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                lines[path + (index,)] = value.start_mark.line + 1
                walk(value, path + (index,))

    root = yaml.compose(text, Loader=Loader)
    if root is not None:
        walk(root, ())
    return lines


def load_yaml(path: Path, display_name: str | None = None) -> LocatedData:
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SiteInputError(name, None, "file", f"cannot be read ({error})",
                             "check that the file exists and is saved as UTF-8") from error
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise SiteInputError(name, line, "YAML syntax", str(error.problem or error).strip(),
                             "fix the indentation or quoting on that line; strings containing ': ' or quotes "
                             "need to be wrapped in quotes") from error
    return LocatedData(name, data, text)

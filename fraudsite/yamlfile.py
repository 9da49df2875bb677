"""Read YAML while remembering the line every key and list item came from.

Validation errors then point contributors at the exact line to edit.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import SiteInputError

Path_ = tuple[Any, ...]


class LocatedData:
    """Plain Python data from a YAML file, plus ``line_of(path)``."""

    def __init__(self, file: str, data: Any, lines: dict[Path_, int]):
        self.file, self.data, self._lines = file, data, lines

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known node on ``path`` (1-based)."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), 1)


def _plain(node: Any, path: Path_, lines: dict[Path_, int]) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            line, _col = node.lc.key(key)
            lines[path + (key,)] = line + 1
            out[str(key)] = _plain(value, path + (key,), lines)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, value in enumerate(node):
            line, _col = node.lc.item(index)
            lines[path + (index,)] = line + 1
            out_list.append(_plain(value, path + (index,), lines))
        return out_list
    if isinstance(node, str):
        return str(node)
    if isinstance(node, dt.datetime):
        # ruamel's TimeStamp subclass carries YAML-only state; keep a plain datetime
        return dt.datetime(node.year, node.month, node.day, node.hour, node.minute, node.second)
    return node


def load_yaml(path: Path, display_name: str | None = None) -> LocatedData:
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SiteInputError(name, None, "file", f"cannot be read ({error})",
                             "check that the file exists and is saved as UTF-8") from error
    try:
        node = YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise SiteInputError(name, line, "YAML syntax", str(error.problem or error).strip(),
                             "fix the indentation or quoting on that line; strings containing ': ' or quotes "
                             "need to be wrapped in quotes") from error
    lines: dict[Path_, int] = {(): 1}
    return LocatedData(name, _plain(node, (), lines), lines)

"""How a marker is written, and where one stands in a page: ``{{ kind ARGUMENT }}`` outside code.

A bottom-layer module (it imports nothing of the project): the lint rules, the updates and the marker
checks (fraudsite.markers) all find markers the same way. Markers inside code (``…`` or fenced blocks)
are examples, not markers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"\{\{\s*([A-Za-z][\w-]*)(?:\s+([^\s{}]+))?\s*\}\}")
# Fenced code blocks and inline code spans: markers there are examples, not markers.
CODE = re.compile(r"^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[ \t]*$|`[^`\n]+`", re.S | re.M)


@dataclass(frozen=True)
class Marker:
    kind: str
    argument: str | None
    start: int
    end: int
    line: int


def find(text: str) -> list[Marker]:
    """Every marker outside code, with its 1-based line in ``text``."""
    code_spans = [(m.start(), m.end()) for m in CODE.finditer(text)] if "`" in text or "~~~" in text else []
    found, span_index = [], 0
    for match in MARKER.finditer(text):
        while span_index < len(code_spans) and code_spans[span_index][1] <= match.start():
            span_index += 1
        if span_index < len(code_spans) and code_spans[span_index][0] <= match.start():
            continue
        line = text.count("\n", 0, match.start()) + 1
        found.append(Marker(match.group(1), match.group(2), match.start(), match.end(), line))
    return found


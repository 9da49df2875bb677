"""HTML the site writes itself, kept out of Python-Markdown's way.

A case's facts table and the case lists are finished HTML (every string in them
escaped by fraudsite.cases). Left in the Markdown, Python-Markdown would parse
each of their tags twice (its raw-HTML block scan and MkDocs' anchor scan) only
to pass them through unchanged: about a fifth of the Markdown time of a case
page. So a block that stands alone at the top level of a page goes into
Markdown as a placeholder paragraph and comes back, as it was, into the
converted HTML (``Rendered.restore``, in on_page_content).

Only whole blocks at column 0, between blank lines, are deferred: there
Python-Markdown passes the HTML through as it is (inside ``<div markdown>`` it
re-indents it), so the finished page has the same elements; tests/test_deferred.py
compares the two ways on every kind of place a marker can stand.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

# One value per process: a page cannot guess it, so text written on a page is never taken for a placeholder.
_NONCE = secrets.token_hex(8)
_PLACEHOLDER = re.compile(r"<p>(fraudsite" + _NONCE + r"x\d+)</p>|(fraudsite" + _NONCE + r"x\d+)")


class RestoreError(RuntimeError):
    """A placeholder did not come through Markdown as written: a bug, never a contributor's mistake."""


@dataclass(frozen=True)
class Rendered:
    """A page's Markdown with placeholders, and the HTML blocks they stand for (compared as a whole)."""
    markdown: str
    blocks: tuple[str, ...] = ()

    def restore(self, html: str) -> str:
        if not self.blocks:
            return html
        seen: set[int] = set()

        def put_back(match: re.Match) -> str:
            number = int((match.group(1) or match.group(2)).rsplit("x", 1)[1])
            seen.add(number)
            return self.blocks[number]

        restored = _PLACEHOLDER.sub(put_back, html)
        if len(seen) != len(self.blocks):
            raise RestoreError(f"{len(self.blocks) - len(seen)} of {len(self.blocks)} HTML blocks did not come "
                               "through Markdown (fraudsite.deferred)")
        return restored


class Collector:
    """Builds a Rendered: ``block(html)`` returns the placeholder to write in the Markdown."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def block(self, html: str) -> str:
        self.blocks.append(html)
        return f"fraudsite{_NONCE}x{len(self.blocks) - 1}"

    def rendered(self, markdown: str) -> Rendered:
        return Rendered(markdown, tuple(self.blocks))


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] fills its line at column 0, with a blank line (or the page's edge) on each side:
    a top-level block, which Python-Markdown would pass through as it is."""
    before, after = text[:start], text[end:]
    if before and not re.search(r"(?:^|\n)[ \t]*\n$", before):
        return False
    return not after or re.match(r"[ \t]*(?:\n[ \t]*(?:\n|$)|$)", after) is not None

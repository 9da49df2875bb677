"""The smallest type on a printed sheet, measured on its PDF, against the minimum data/printables.yml sets.

The wallet card is for older relatives, read during a call: a stylesheet edit that shrinks its text to
6 pt would still fit on the card and pass every other check. So the build reads each PDF back (pypdf,
which the font check already uses) and measures every run of text as it is printed: the font size times
the scale of the text and transformation matrices, in points. This runs on every build, on a freshly
printed PDF and on one read back from the cache alike, so raising a minimum takes effect at once.
"""
from __future__ import annotations

import io
import math

from .errors import SiteInputError

FILE = "data/printables.yml"


def text_sizes(pdf: bytes) -> list[tuple[float, str]]:
    """Each run of visible text on the PDF's pages: (its printed size in points, the text)."""
    from pypdf import PdfReader

    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        # The text matrix applied to the current transformation matrix: how much the font size is scaled.
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        runs.append((size * math.sqrt(abs(a * d - b * c)), text.strip()))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def smallest_type(pdf: bytes) -> tuple[float, str]:
    """The smallest printed size on the PDF, in points, with the text printed at that size."""
    runs = text_sizes(pdf)
    if not runs:
        return (math.inf, "")
    return min(runs, key=lambda run: run[0])


def check_smallest_type(pdf: bytes, minimum_pt: float, kind: str, lang: str, sheet_name: str,
                        line: int | None = None) -> None:
    """Stop the build when any text of the sheet prints smaller than ``minimum_pt``."""
    size, text = smallest_type(pdf)
    if size + 0.05 < minimum_pt:  # WeasyPrint rounds sizes to hundredths of a point
        raise SiteInputError(FILE, line, f"smallest_type.{kind}",
                             f"the {sheet_name} ({lang}) prints text at {size:.1f} pt (“{text[:30]}”), "
                             f"under the {minimum_pt:g} pt set for it",
                             f"shorten the sheet's text so that it fits at {minimum_pt:g} pt or more "
                             "(fraudsite/templates/printables.css sets the sizes), or lower smallest_type."
                             f"{kind} in {FILE} if a reader can still read it")

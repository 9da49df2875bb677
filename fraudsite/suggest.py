"""'Did you mean …' for unknown names."""
from __future__ import annotations

import difflib
from typing import Iterable


def closest(name: str, known: Iterable[str], count: int = 3) -> str:
    known = list(known)
    matches = difflib.get_close_matches(name, known, n=count, cutoff=0.5)
    if not matches:
        matches = [k for k in known if name.split(".")[-1] in k][:count]
    return ", ".join(matches) if matches else "(no similar name)"

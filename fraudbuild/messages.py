"""MkDocs' own warnings and errors, told the way the site's checks tell theirs.

A contributor reads the first line of a failed build; it must name the file,
the line and what to do. MkDocs names the page but not the line of a broken
link, and names a setting but not where it is in mkdocs.yml: these find them.
Messages this module does not know are passed on as MkDocs wrote them.
"""
from __future__ import annotations

import re
from pathlib import Path

BROKEN_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target "
                         r"(?:'(?P<target>[^']+)' )?is not found among documentation files")
BROKEN_ANCHOR = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc "
                           r"'(?P<target>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'")
NAV_MISSING = re.compile(r"A reference to '(?P<page>[^']+)' is included in the 'nav' configuration, which is not "
                         r"found in the documentation files")
CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<problem>.+)")
LEVEL = re.compile(r"^(WARNING|ERROR): ")


def explain(records: list[str], root: Path, docs: str, config_file: Path) -> list[str]:
    """The records that can be told with file and line, so told; the others as they were."""
    out = []
    for record in records:
        text = LEVEL.sub("", record)
        out.append(_link(text, root, docs) or _anchor(text, root, docs) or _setting(text, root, config_file)
                   or _nav(text, root, docs, config_file) or record)
    return out


def _line_of(path: Path, needle: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1) if needle in line), None)


def _link(text: str, root: Path, docs: str) -> str | None:
    match = BROKEN_LINK.search(text)
    if not match:
        return None
    page, link = match.group("page"), match.group("link")
    path = root / docs / page
    line = _line_of(path, f"]({link}") or _line_of(path, link)
    where = f"{docs}/{page}:{line}" if line else f"{docs}/{page}"
    return (f"{where}: link: '{link}' leads to no page of the site\n"
            f"    How to fix: link to an existing page by its file, relative to this page "
            f"(for example ../scammed.md or cases/index.md); pages are listed under {docs}/")


def _anchor(text: str, root: Path, docs: str) -> str | None:
    match = BROKEN_ANCHOR.search(text)
    if not match:
        return None
    page, link = match.group("page"), match.group("link")
    line = _line_of(root / docs / page, link)
    where = f"{docs}/{page}:{line}" if line else f"{docs}/{page}"
    return (f"{where}: link: '{link}' points to a heading that {match.group('target')} does not have\n"
            f"    How to fix: use the heading's anchor as the page shows it (the link icon next to the heading)")


def _nav(text: str, root: Path, docs: str, config_file: Path) -> str | None:
    match = NAV_MISSING.search(text)
    if not match:
        return None
    page = match.group("page")
    name = config_file.relative_to(root).as_posix() if config_file.is_relative_to(root) else str(config_file)
    line = _line_of(config_file, f"- {page}") or _line_of(config_file, page)
    where = f"{name}:{line}" if line else name
    stem = page[: -len(".md")]
    return (f"{where}: nav: '{page}' is not a page of the site ({docs}/{stem}.zh.md and {docs}/{stem}.en.md "
            f"are missing)\n    How to fix: correct the name, create the page pair, or remove the line from nav:")


def _setting(text: str, root: Path, config_file: Path) -> str | None:
    match = CONFIG_VALUE.search(text)
    if not match:
        return None
    key, problem = match.group("key"), match.group("problem").strip()
    name = config_file.relative_to(root).as_posix() if config_file.is_relative_to(root) else str(config_file)
    line = _line_of(config_file, f"{key.split('.')[-1]}:")
    where = f"{name}:{line}" if line else name
    return f"{where}: {key}: {problem}\n    How to fix: correct or remove the setting '{key}' in {name}"

"""The page files: language pairs, front matter, and checks over all of them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import SiteInputError

LANGUAGES = ("zh", "en")
PAGE_NAME = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2})\.md$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)


@dataclass(frozen=True)
class PageFile:
    path: Path      # absolute
    name: str       # relative to the project root, for messages
    base: str       # docs-relative path without language suffix, e.g. "cases/index"
    lang: str


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, number of lines before the body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 0
    return match.group("body"), text[match.end():], text.count("\n", 0, match.end())


def inventory(docs_dir: Path, root: Path) -> list[PageFile]:
    """Every Markdown page, checked to be one of a zh/en pair."""
    pages, by_key = [], {}
    for path in sorted(docs_dir.rglob("*.md")):
        name = str(path.relative_to(root))
        match = PAGE_NAME.match(str(path.relative_to(docs_dir)))
        if not match or match.group("lang") not in LANGUAGES:
            raise SiteInputError(name, None, "file name", "has no language suffix",
                                 "name pages <name>.zh.md and <name>.en.md (one of each)")
        page = PageFile(path, name, match.group("base"), match.group("lang"))
        pages.append(page)
        by_key[(page.base, page.lang)] = page
    for page in pages:
        other = "en" if page.lang == "zh" else "zh"
        if (page.base, other) not in by_key:
            missing = page.name[: -len(f".{page.lang}.md")] + f".{other}.md"
            raise SiteInputError(page.name, None, "translation",
                                 f"has no {'English' if other == 'en' else 'Chinese'} counterpart",
                                 f"create {missing} (every page is published in both languages; "
                                 f"`make new-case` writes both for a case)")
    return pages


def require_description(front_matter: str, page: str) -> None:
    if not re.search(r"^description:\s*\S", front_matter, re.M):
        raise SiteInputError(page, 1, "description", "the page has no description",
                             "add front matter at the top: ---, description: <one sentence>, --- "
                             "(search engines and link previews show it)")

"""The page files: language pairs, front matter, and what each page's language must be."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import SiteInputError
from .i18n import LANGUAGES, other
from .yamlfile import read_text, refuse_aliases

PAGE_NAME = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2})\.md$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
UNFINISHED = re.compile(r"\bTODO\b|待填写")
# what is not prose when judging a page's language
NOT_PROSE = re.compile(r"```.*?```|`[^`\n]*`|\{\{[^}]*\}\}|\]\([^)]*\)|<[^>]+>|https?://\S+", re.S)
# The name of a case or an update (its files are named after it): the year first, then lower-case words.
DATED_NAME = re.compile(r"(?P<year>[0-9]{4})(-[a-z0-9]+)+")
KNOWN_FRONT_MATTER = {"description", "title", "search", "hide", "template", "date"}  # date: updates only
# A page is a few kilobytes (the largest, about.en.md, is 9 KB); a page ten times that is a paste gone wrong,
# and would be a heavy page for a phone and a heavy entry in the search index every reader downloads.
MAX_PAGE_BYTES = 100_000
# What is not body text: headings, comments, the date marker of an update, white space.
NOT_BODY_TEXT = re.compile(r"^#{1,6}[ \t][^\n]*$|<!--.*?-->|\{\{\s*update-date\s*\}\}|\s+", re.M | re.S)
# Pages outside the navigation that the site's own lists reach: a case page (the case lists; its data file
# is required) and an update (the updates list).
LISTED_FOLDERS = ("cases/", "updates/")


@dataclass(frozen=True)
class PageFile:
    path: Path      # absolute
    name: str       # relative to the project root, for messages
    base: str       # docs-relative path without language suffix, e.g. "cases/index"
    lang: str

    @property
    def src(self) -> str:
        """The docs-relative source path without the language suffix ("cases/index.md")."""
        return self.base + ".md"

    @property
    def case_slug(self) -> str | None:
        return case_slug_of(self.base)


def base_of(src_uri: str) -> str:
    """ "cases/x.zh.md" -> "cases/x"; a generated page ("cases/page-2.md") -> "cases/page-2"."""
    match = PAGE_NAME.match(src_uri)
    return match.group("base") if match else src_uri[: -len(".md")]


def case_slug_of(base: str) -> str | None:
    """ "cases/x" -> "x": the case a page under cases/ may tell (whether it does, the data says)."""
    return base[len("cases/"):] if base.startswith("cases/") and base != "cases/index" else None


@dataclass
class PageText:
    file: PageFile
    meta: dict
    body: str
    offset: int               # lines before the body
    drafts: list[tuple[int, str]] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, number of lines before the body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 0
    return match.group("body"), text[match.end():], text.count("\n", 0, match.end())


def inventory(docs_dir: Path, root: Path) -> list[PageFile]:
    """Every Markdown page, checked to be one of a zh/en pair."""
    pages, by_key = [], {}
    for path in sorted(docs_dir.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.name.endswith("~"):
            continue
        name = str(path.relative_to(root))
        relative = str(path.relative_to(docs_dir))
        if relative.startswith("assets/"):
            continue
        if path.suffix.lower() in (".markdown", ".mdown", ".txt") or path.suffix != ".md":
            raise SiteInputError(name, None, "file", "is not a page the site builds",
                                 "pages are Markdown files named <name>.zh.md and <name>.en.md; images, styles "
                                 "and scripts go under docs/assets/")
        match = PAGE_NAME.match(relative)
        if not match or match.group("lang") not in LANGUAGES:
            raise SiteInputError(name, None, "file name", "has no language suffix",
                                 "name pages <name>.zh.md and <name>.en.md (one of each)")
        page = PageFile(path, name, match.group("base"), match.group("lang"))
        pages.append(page)
        by_key[(page.base, page.lang)] = page
    for page in pages:
        counterpart = other(page.lang)
        if (page.base, counterpart) not in by_key:
            missing = page.name[: -len(f".{page.lang}.md")] + f".{counterpart}.md"
            raise SiteInputError(page.name, None, "translation",
                                 f"has no {'English' if counterpart == 'en' else 'Chinese'} counterpart",
                                 f"create {missing} (every page is published in both languages; "
                                 f"`make new-case` writes both for a case)")
    return pages


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: thousands of pages


def read_body(page: PageFile) -> str:
    """Only the text after the front matter (to compare a page with its counterpart)."""
    return split_front_matter(read_text(page.path, page.name))[1]


def read(page: PageFile) -> PageText:
    """A page's front matter and body, each checked to be what the contributor meant."""
    check_size(page)
    text = read_text(page.path, page.name)
    if not text.startswith("---"):
        raise SiteInputError(page.name, 1, "description", "the page has no front matter",
                             "start the page with three lines: ---, description: <one sentence>, --- "
                             "(search engines and link previews show the description)")
    match = FRONT_MATTER.match(text)
    if not match:
        raise SiteInputError(page.name, 1, "front matter", "the front matter is not closed",
                             "end it with a line holding only ---")
    front, body, offset = match.group("body"), text[match.end():], text.count("\n", 0, match.end())
    refuse_aliases(front, page.name, first_line=2)
    try:
        meta = yaml.load(front, Loader=SafeLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise SiteInputError(page.name, line, "front matter", f"is not valid YAML ({getattr(error, 'problem', error)})",
                             'put the description in double quotes: description: "…" (a colon followed by a space '
                             "starts a new field)") from None
    except ValueError as error:  # libyaml reads 2021-02-30 as a date, and datetime refuses it
        raise SiteInputError(page.name, _date_line(front), "front matter", f"not a real date ({error})",
                             "write a day that exists, as YYYY-MM-DD") from None
    if not isinstance(meta, dict):
        raise SiteInputError(page.name, 2, "front matter", "is not a list of fields",
                             "write it as description: <one sentence>")
    unknown = set(meta) - KNOWN_FRONT_MATTER
    if unknown:
        raise SiteInputError(page.name, 2, "front matter", f"unknown field '{sorted(unknown)[0]}'",
                             f"the fields a page may set are: {', '.join(sorted(KNOWN_FRONT_MATTER))}; "
                             "a description containing ': ' must be in quotes")
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise SiteInputError(page.name, 2, "description", "the page has no description",
                             "add description: <one sentence> to the front matter "
                             "(search engines and link previews show it)")
    drafts = [] if not UNFINISHED.search(text) else [
        (number, m.group(0)) for number, line in enumerate(text.splitlines(), start=1)
        for m in [UNFINISHED.search(line)] if m]
    return PageText(page, meta, body, offset, drafts)


def check_size(page: PageFile) -> None:
    size = page.path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise SiteInputError(page.name, None, "size", f"the page is {size:,} bytes, over the limit of "
                             f"{MAX_PAGE_BYTES:,}", "split it into several pages, or check that nothing was "
                             "pasted into it by mistake (the limit is pages.MAX_PAGE_BYTES)")


def check_has_text(text: PageText) -> None:
    """A page says something besides its title: an empty page would be published and indexed as it is."""
    if not NOT_BODY_TEXT.sub("", text.body):
        raise SiteInputError(text.file.name, text.offset + 1, "empty page", "the page has a title but no text",
                             "write the page, or delete both files of the pair if it is not needed")


RAW_IMAGE = re.compile(r"<img\b[^>]*?\ssrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.I)


def check_raw_images(text: PageText) -> None:
    """An image written as HTML (<img src=…>) is published as written: MkDocs checks the files of Markdown
    images only. Its file must exist where the page's address leads (an image of another host is refused
    by the finished-page check)."""
    if "<img" not in text.body.lower():
        return
    page = text.file
    docs = Path(str(page.path)[: -len(f"{page.base}.{page.lang}.md")])
    folder = ("en/" if page.lang == "en" else "") + ("" if page.base == "index" else
                                                    page.base[: -len("index")] if page.base.endswith("/index")
                                                    else page.base + "/")
    for match in RAW_IMAGE.finditer(text.body):
        src = match.group("src")
        if re.match(r"^[a-z][a-z0-9+.\-]*:|^//", src, re.I):
            continue
        target = posixpath.normpath(posixpath.join(folder, src.split("#")[0].split("?")[0]))
        if src.startswith("/") or target.startswith("..") or not (docs / target).is_file():
            line = text.offset + text.body.count("\n", 0, match.start()) + 1
            raise SiteInputError(page.name, line, "image", f"'{src}' leads to no file of the site",
                                 "write the image in Markdown, ![description](../assets/file.png), with the file "
                                 "under docs/assets/: the build then checks that it exists, in both languages")


def check_reached(bases: dict[str, str], in_nav: set[str]) -> None:
    """Every page is in the navigation (mkdocs.yml nav:) or listed by the site (a case, an update).

    ``bases`` maps each page's base ("tips", "cases/x") to its file name, for the message."""
    for base, name in sorted(bases.items()):
        if base not in in_nav and not base.startswith(LISTED_FOLDERS):
            raise SiteInputError(name, None, "navigation", "no page links to this page: it is not in the "
                                 "navigation, and it is neither a case nor an update",
                                 f"add {base}.md under nav: in mkdocs.yml (in the section it belongs to), or "
                                 "delete the page pair")


def _date_line(front: str) -> int:
    """The front matter line holding something shaped like a date (line 1 is the opening ---)."""
    for number, line in enumerate(front.splitlines(), start=2):
        if re.match(r"^[\w-]+[ \t]*:[ \t]*['\"]?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", line):
            return number
    return 2


def check_language(page: PageText, counterpart: "PageText | str | None") -> None:
    """An English page is written in English and a Chinese page in Chinese, not left as a copy."""
    prose = NOT_PROSE.sub(" ", page.body)
    cjk, latin = len(CJK.findall(prose)), len(LATIN.findall(prose))
    if page.file.lang == "en":
        # Chinese terms in brackets are welcome in English text; a page mostly in Chinese is not
        if cjk > 20 and cjk * 3 > latin:
            line = _first_line(page, CJK)
            raise SiteInputError(page.file.name, line, "language", "this English page is written mostly in Chinese",
                                 "translate it into English (Chinese terms may stay in brackets after their "
                                 "English name)")
        description = page.meta["description"]
        if CJK.search(description) and len(CJK.findall(description)) * 2 > len(LATIN.findall(description)):
            raise SiteInputError(page.file.name, 2, "description", "the English page has a Chinese description",
                                 "write the description in English")
    else:
        if cjk * 2 < latin / 5 or (cjk == 0 and latin > 40):
            line = _first_line(page, LATIN)
            raise SiteInputError(page.file.name, line, "language", "this Chinese page is written mostly in English",
                                 "write it in Chinese (the English text belongs in the .en.md page)")
    other_body = counterpart.body if isinstance(counterpart, PageText) else counterpart
    if other_body is not None and page.file.lang == "en" and abs(len(page.body) - len(other_body)) < 200 \
            and _normalise(page.body) == _normalise(other_body) and len(page.body.strip()) > 0:
        raise SiteInputError(page.file.name, page.offset + 1, "language", "this page is a copy of its Chinese page",
                             "translate it into English")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _first_line(page: PageText, pattern: re.Pattern) -> int:
    for number, line in enumerate(page.body.splitlines(), start=1):
        if pattern.search(NOT_PROSE.sub(" ", line)):
            return number + page.offset
    return page.offset + 1

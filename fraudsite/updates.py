"""The updates section: dated entries, each a page pair docs/updates/<slug>.zh.md + .en.md.

An entry's date is written once, as ``date: YYYY-MM-DD`` in the front matter of
its Chinese page; the English page takes it from there (it may repeat it, but
then the two must agree). The title is the page's ``# heading`` and the summary
its ``description``. Read here from the page files, before MkDocs starts, so that
every page of both languages can list the updates (``{{ updates-list }}`` on
/updates/, ``{{ latest-updates }}`` on the home page, ``{{ update-date }}`` on the
entry itself; those markers are fraudsite.updates_render) and the Atom feeds
(fraudsite.feeds) can carry them.

What is refused, with the file and the line: a Chinese page without ``date:``, a
date that is not a real day written YYYY-MM-DD, a date in the future or before
2000, a date that disagrees with its file name or with the English page, an
entry without a title, a file name that does not start with the year. An empty
``date:`` (what `make new-update` writes unless the slug names the day) makes the
entry a draft, like 待填写 / TODO in either page: `make serve` shows it with a
draft banner, `make site` refuses to publish it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import i18n, pages
from .errors import SiteInputError
from .syntax import CODE, find as find_markers

FOLDER = "updates"
INDEX = f"{FOLDER}/index"
EARLIEST = dt.date(2000, 1, 1)
SLUG = pages.DATED_NAME  # as a case's: the year first, then lower-case words
DAY_IN_SLUG = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:-|$)")
HEADING = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*(?:\{[^}\n]*\})?[ \t]*#*[ \t]*$", re.M)
DATE_LINE = re.compile(r"^date[ \t]*:", re.M)
DATE_FIX = "write the day of the news this update reports, as date: YYYY-MM-DD (e.g. date: 2021-04-22), without quotes"


@dataclass(frozen=True)
class Update:
    slug: str
    date: dt.date | None          # None: not filled in yet (a draft)
    title: dict[str, str]         # by language: the page's # heading
    description: dict[str, str]   # by language: the page's description
    file: str                     # the Chinese page, where the date is written
    line: int                     # the line of its date (or where it belongs)
    drafts: tuple[str, ...] = ()  # "file:line: what", everything left to fill in, both pages
    date_note: str | None = None  # the draft note about an empty date, shown on both languages' pages

    @property
    def base(self) -> str:
        return f"{FOLDER}/{self.slug}"

    @property
    def src(self) -> str:
        return self.base + ".md"

    @property
    def is_draft(self) -> bool:
        return bool(self.drafts)

    @property
    def sort_day(self) -> dt.date:
        """Newest first; an undated draft on top (it is being written now), as with cases."""
        return self.date or dt.date.max


def slug_of(base: str) -> str | None:
    """ "updates/2021-04-22-x" -> "2021-04-22-x": the entry a page is (the listing itself is none)."""
    return base[len(FOLDER) + 1:] if base.startswith(FOLDER + "/") and base != INDEX else None


def is_update_page(base: str) -> bool:
    return slug_of(base) is not None


def page_files(files: list[pages.PageFile]) -> dict[str, dict[str, pages.PageFile]]:
    """slug -> {lang: page} for every entry among ``files`` (fraudsite.pages.inventory checked the pairs)."""
    found: dict[str, dict[str, pages.PageFile]] = {}
    for page in files:
        slug = slug_of(page.base)
        if slug is not None:
            found.setdefault(slug, {})[page.lang] = page
    return found


def scan(docs_dir: Path, root: Path) -> dict[str, dict[str, pages.PageFile]]:
    """The entries' page files, found without walking the rest of docs/ (the preview reads them after an edit)."""
    folder = docs_dir / FOLDER
    files = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        match = pages.PAGE_NAME.match(path.name)
        if match and match.group("lang") in i18n.LANGUAGES:
            files.append(pages.PageFile(path, str(path.relative_to(root)), f"{FOLDER}/{match.group('base')}",
                                        match.group("lang")))
    return page_files(files)


def collect(entries: dict[str, dict[str, pages.PageFile]], today: dt.date | None = None,
            texts: dict | None = None) -> list["Update"]:
    """Read and check every entry (both pages); newest first. ``texts``: pages already read, by (base, lang)."""
    today = today or dt.date.today()
    texts = texts or {}
    found = []
    for slug, pair in entries.items():
        zh, en = pair.get("zh"), pair.get("en")
        if zh is None or en is None:  # pages.inventory refuses this first; the preview may see it mid-edit
            missing = zh or en
            assert missing is not None  # the pair has at least the page that named it
            raise SiteInputError(missing.name, None, "translation", "this update has only one language",
                                 "create both docs/updates/<slug>.zh.md and docs/updates/<slug>.en.md "
                                 "(`make new-update` writes both)")
        zh_text = texts.get((zh.base, "zh")) or pages.read(zh)
        en_text = texts.get((en.base, "en")) or pages.read(en)
        found.append(read_update(slug, zh_text, en_text, today))
    found.sort(key=lambda update: (update.sort_day, update.slug), reverse=True)
    return found


def read_update(slug: str, zh: pages.PageText, en: pages.PageText, today: dt.date) -> Update:
    if "/" in slug or not SLUG.fullmatch(slug):
        raise SiteInputError(zh.file.name, None, "file name", f"'{slug}' is not a name an update can have",
                             "name both pages docs/updates/<year>-<words>.zh.md and .en.md, in lower-case letters, "
                             "digits and hyphens, starting with the year, e.g. 2026-05-01-example")
    day_in_name(slug, zh.file.name)
    day, line = _date(zh, today)
    if day is not None:
        _agrees_with_name(slug, day, zh.file.name, line)
    if "date" in en.meta:
        _agrees_with_chinese(en, day, zh.file.name, line)
    drafts = [f"{text.file.name}:{number}: {what}" for text in (zh, en) for number, what in text.drafts]
    note = None
    if day is None:
        note = f"{zh.file.name}:{line}: date is empty"
        drafts.insert(0, note)
    return Update(slug, day, {"zh": title_of(zh), "en": title_of(en)},
                  {"zh": zh.meta["description"].strip(), "en": en.meta["description"].strip()},
                  zh.file.name, line, tuple(drafts), note)


def date_line(text: pages.PageText) -> int | None:
    """The line ``date:`` stands on (the front matter starts on line 2), or None."""
    front, _body, _offset = pages.split_front_matter(text.file.path.read_text(encoding="utf-8"))
    match = DATE_LINE.search(front)
    return front.count("\n", 0, match.start()) + 2 if match else None


def _date(zh: pages.PageText, today: dt.date) -> tuple[dt.date | None, int]:
    line = date_line(zh)
    if "date" not in zh.meta or line is None:
        raise SiteInputError(zh.file.name, 2, "date", "this update has no date",
                             "add a line date: YYYY-MM-DD to the front matter of this Chinese page (the day of the "
                             "news it reports); the English page takes the date from here")
    value = zh.meta["date"]
    if value is None:
        return None, line  # a stub, not filled in yet: a draft
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise SiteInputError(zh.file.name, line, "date", f"'{value}' is not a date written YYYY-MM-DD", DATE_FIX)
    if value > today:
        raise SiteInputError(zh.file.name, line, "date", f"{value.isoformat()} is in the future",
                             "an update tells news that has been published: use the day it was published")
    if value < EARLIEST:
        raise SiteInputError(zh.file.name, line, "date", f"{value.isoformat()} is before {EARLIEST.year}",
                             "check the year")
    return value, line


def day_in_name(slug: str, name: str = "") -> dt.date | None:
    """The day a name starts with (2026-05-01-example), or None; a name shaped like a day that is no real
    day (2026-13-01-x) is refused."""
    match = DAY_IN_SLUG.match(slug)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise SiteInputError(name, None, "file name", f"'{slug}' starts with a day that does not exist ({error})",
                             "rename both pages of the update to start with a real day, YYYY-MM-DD") from None


def _agrees_with_name(slug: str, day: dt.date, name: str, line: int) -> None:
    named = day_in_name(slug, name)
    if named is not None and named != day:
        raise SiteInputError(name, line, "date", f"{day.isoformat()}, but the file name says {named.isoformat()}",
                             "correct the date, or rename both pages of the update to start with "
                             f"{day.isoformat()}- (docs/updates/*.zh.md and *.en.md)")
    if not slug.startswith(f"{day.year}-"):
        raise SiteInputError(name, line, "date", f"{day.isoformat()} is in {day.year}, but the file name starts "
                             f"with {slug[:4]}", f"check the year, or rename both pages to start with {day.year}-")


def _agrees_with_chinese(en: pages.PageText, day: dt.date | None, zh_name: str, zh_line: int) -> None:
    value = en.meta["date"]
    if value != day:
        shown = value.isoformat() if isinstance(value, dt.date) else repr(value)
        said = day.isoformat() if day else "no date yet"
        raise SiteInputError(en.file.name, date_line(en) or 2, "date",
                             f"{shown} disagrees with the Chinese page ({zh_name}:{zh_line} says {said})",
                             f"the date is written once, in {zh_name}: delete this line from the English page")


def title_of(text: pages.PageText) -> str:
    """The page's first # heading, outside code."""
    body = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text.body) if "`" in text.body or "~~~" in text.body \
        else text.body
    match = HEADING.search(body)
    if not match:
        raise SiteInputError(text.file.name, text.offset + 1, "title", "this update has no title",
                             "start the text with a heading line: # <title>")
    return match.group("title").strip()


def check_page(text: pages.PageText) -> None:
    """Only an update carries a date, and only an update page shows {{ update-date }}."""
    if is_update_page(text.file.base):
        return
    if "date" in text.meta:
        raise SiteInputError(text.file.name, date_line(text) or 2, "front matter", "only an update has a date",
                             "delete the date line (updates live in docs/updates/; `make new-update` starts one)")
    if "update-date" in text.body:
        for marker in find_markers(text.body):
            if marker.kind == "update-date":
                raise SiteInputError(text.file.name, marker.line + text.offset, "{{ update-date }}",
                                     "is only for update pages", "use it on docs/updates/<slug>.<lang>.md")


def find(updates: list[Update], base: str) -> Update | None:
    return next((update for update in updates if update.base == base), None)


def published(updates: list[Update]) -> list[Update]:
    return [update for update in updates if not update.is_draft]


def date_notes(updates: list[Update]) -> dict[str, str]:
    """base -> the draft note of an entry whose date is empty (shown on both languages' pages)."""
    return {update.base: update.date_note for update in updates if update.date_note}


def refuse_unfinished(updates: list[Update]) -> None:
    for update in updates:
        if update.date is None:
            raise SiteInputError(update.file, update.line, "unfinished", "the date of this update is empty",
                                 f"{DATE_FIX}; `make serve` shows a draft, `make site` does not publish it")

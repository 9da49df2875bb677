"""Everything the build checks before MkDocs writes a single file.

A failed check raises SiteInputError naming the file, the line and what to
do; nothing has been written yet, so the last good site is untouched.

Two modes:
  release  (`make site`): drafts (待填写 / TODO, empty fields), the placeholder
           site address and a missing corrections contact are refused;
  preview  (`make serve`): drafts are built, with a draft banner on their pages.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import attribution, boundary, markers, pages, quotes, settings, sources, speech, terms, updates
from .errors import Problems, SiteInputError, SiteInputErrors
from .identity import PLACEHOLDER, refuse_public_address
from .lint import TypedFigureFinder, check_chinese_punctuation, check_safety
from .load import load_dataset
from .model import Dataset
from .yamlfile import load_yaml

RELEASE, PREVIEW = "release", "preview"


@dataclass
class Preflight:
    dataset: Dataset
    pages: list[pages.PageText]
    drafts: dict[str, list[str]] = field(default_factory=dict)  # page base -> what is unfinished
    notes: list[str] = field(default_factory=list)              # said once, e.g. a skipped check

    def is_draft(self, base: str) -> bool:
        return base in self.drafts


# (language, from, to): the part of a language's pages, in the order of their paths, that a process
# checks; ("en", 0.0, 0.5) is the first half of the English pages
PageShare = tuple[str, float, float]


def shares_of(*languages: str) -> tuple[PageShare, ...]:
    return tuple((lang, 0.0, 1.0) for lang in languages)


def run(root: Path, mode: str = RELEASE, *, site_url: str = "", contact: str = "", docs_dir: Path | None = None,
        data_dir: Path | None = None, today: dt.date | None = None, source_document: str | None = None,
        cache: dict | None = None, shares: tuple[PageShare, ...] = shares_of("zh", "en")) -> Preflight:
    """Check the data and the pages ``shares`` names (the build processes share the pages out)."""
    docs_dir = docs_dir or root / "docs"
    data_dir = data_dir or root / "data"
    for folder in (data_dir, docs_dir):  # before any file in them is read
        if not folder.is_dir():
            raise SiteInputError(os.path.relpath(folder, root), None, "folder", "is missing",
                                 "restore it from the repository (git checkout -- "
                                 f"{os.path.relpath(folder, root)}), or correct docs_dir in mkdocs.yml")
        boundary.check_inside(folder, root)
    dataset, finder = check_data(root, data_dir, today, source_document, cache)
    if mode == RELEASE:  # a fictional site is built for a loopback or example address only
        refuse_public_address(dataset.identity, site_url)
    result = Preflight(dataset, [])
    _check_sources_note(root, dataset, result, source_document)
    files = pages.inventory(docs_dir, root)
    by_key = {(page.base, page.lang): page for page in files}
    # Every page is checked, and every mistake found is reported at once, each with its file and line.
    problems = Problems()
    read = [(page, problems.check(pages.read, page)) for page in _share(files, shares)]
    texts = {(page.base, page.lang): text for page, text in read if text is not None}
    problems.check(_check_case_pairs, dataset, files, root)
    problems.check(_check_scam_type_pages, dataset, files)
    problems.raise_all()
    dataset.updates = updates.collect(updates.page_files(files), today, texts)
    for (base, lang), text in texts.items():
        counterpart = None
        if lang == "en":  # an English page must not be a copy of its Chinese page
            chinese = texts.get((base, "zh"))
            counterpart = chinese if chinese is not None else problems.check(pages.read_body, by_key[(base, "zh")])
        problems.check(check_page, text, counterpart, dataset, finder)
        result.pages.append(text)
    problems.raise_all()
    _collect_drafts(dataset, texts, result)
    if mode == RELEASE:
        _refuse_unfinished(result, texts, data_dir, root)
    return result


def _share(files: list[pages.PageFile], shares: tuple[PageShare, ...]) -> list[pages.PageFile]:
    chosen = []
    for lang, start, end in shares:
        own = [page for page in files if page.lang == lang]
        chosen += own[round(start * len(own)):round(end * len(own))]  # two processes' shares meet exactly
    return chosen


def check_data(root: Path, data_dir: Path, today: dt.date | None = None, source_document: str | None = None,
               cache: dict | None = None) -> tuple[Dataset, TypedFigureFinder]:
    """Load and check every data file: values against their quotes, text typed by hand, punctuation."""
    dataset = load_dataset(data_dir, today=today, root=root, cache=cache)
    quotes.check_values(dataset)
    for document, (name, lines) in _document_texts(root, dataset, source_document).items():
        quotes.check_document(dataset, lines, name, document)
        speech.check_document(dataset, lines, name, document)
    finder = TypedFigureFinder(dataset)
    for case in dataset.cases:  # case summaries appear on pages too: no figure typed in them either
        for lang in ("zh", "en"):
            _check_summary_size(case, lang)
            finder.check(case.summary[lang], case.file, (case.summary_lines or {}).get(lang, 1) - 1, case.slug)
        check_chinese_punctuation(case.title["zh"], case.file, 0)
        check_chinese_punctuation(case.summary["zh"], case.file, (case.summary_lines or {}).get("zh", 1) - 1)
    _check_data_punctuation(dataset)
    return dataset, finder


# A case summary is a few sentences (the longest today: 275 characters); it is in the case lists, the feed
# and the search entry of the case, so a pasted story would weigh on every one of them.
MAX_SUMMARY_CHARS = 1_000


def _check_summary_size(case, lang: str) -> None:
    length = len(case.summary[lang])
    if length > MAX_SUMMARY_CHARS:
        raise SiteInputError(case.file, (case.summary_lines or {}).get(lang), "summary",
                             f"the {'Chinese' if lang == 'zh' else 'English'} summary is {length:,} characters, "
                             f"over the limit of {MAX_SUMMARY_CHARS:,}",
                             "keep the summary to a few sentences; the story goes on the case's page "
                             "(docs/cases/), under 经过 / What happened")


def page_drafts(text: pages.PageText) -> list[str]:
    return [f"{text.file.name}:{line}: {what}" for line, what in text.drafts]


def case_drafts(case) -> list[str]:
    return [f"{d.file}:{d.line}: {d.what}" if d.line else f"{d.file}: {d.what}" for d in case.drafts]


def check_page(text: pages.PageText, counterpart: pages.PageText | str | None, dataset: Dataset,
                finder: TypedFigureFinder) -> None:
    page, body, offset = text.file, text.body, text.offset
    slug = page.case_slug
    pages.check_has_text(text)
    pages.check_raw_images(text)
    markers.check_malformed(body, page.name, offset)
    for marker in markers.find(body):
        markers.check(marker, dataset, page.name, offset, slug if slug and dataset.case(slug) else None)
    check_safety(body, page.name, offset)
    updates.check_page(text)
    finder.check(body, page.name, offset, slug)
    pages.check_language(text, counterpart)
    attribution.check(body, page.name, page.lang, dataset, offset)
    if page.lang == "en":
        terms.check(body, page.name, dataset.terms, offset)
    if page.lang == "zh":
        check_chinese_punctuation(body, page.name, offset)
        check_chinese_punctuation(text.meta["description"], page.name, 1)


def _check_data_punctuation(dataset: Dataset) -> None:
    """The Chinese text of the data lands on pages too: full-width punctuation there as well."""
    for figure in dataset.figures.values():
        if figure.case is None:
            texts = [figure.label["zh"], figure.definition["zh"]] + ([figure.why["zh"]] if figure.why else [])
            for text in texts:
                check_chinese_punctuation(text, figure.file, (figure.line or 1) - 1)
    for term in dataset.terms:
        check_chinese_punctuation(term.explain["zh"], "data/glossary.yml", 0)


def _check_scam_type_pages(dataset: Dataset, files: list[pages.PageFile]) -> None:
    """Every scam type of the catalogue has its page: case lists and facts tables link to it."""
    bases = {page.base for page in files}
    for scam_type in dataset.catalogue.scam_types:
        if f"scams/{scam_type}" not in bases:
            raise SiteInputError("data/catalogue.yml", None, f"scam_types.{scam_type}", "has no page",
                                 f"create docs/scams/{scam_type}.zh.md and docs/scams/{scam_type}.en.md, "
                                 "or correct the id in data/catalogue.yml")


def _check_case_pairs(dataset: Dataset, files: list[pages.PageFile], root: Path) -> None:
    """A case is a data file and a page pair; either without the other is a file in the wrong place."""
    with_pages = {page.case_slug for page in files if page.case_slug}
    for case in dataset.cases:
        if case.slug not in with_pages:
            raise SiteInputError(case.file, None, "pages", "this case has no pages",
                                 f"create docs/cases/{case.slug}.zh.md and docs/cases/{case.slug}.en.md "
                                 "(`make new-case` writes all three files together)")
    for page in files:
        slug = page.case_slug
        if slug and "/" not in slug and dataset.case(slug) is None:
            raise SiteInputError(page.name, None, "case data", f"there is no data/cases/{slug}.yml for this case page",
                                 f"create data/cases/{slug}.yml (`make new-case` writes it), or move the page out "
                                 "of docs/cases/ if it is not a case")


def _collect_drafts(dataset: Dataset, texts: dict, result: Preflight) -> None:
    for (base, _lang), text in texts.items():
        if text.drafts:
            result.drafts.setdefault(base, []).extend(page_drafts(text))
    for case in dataset.cases:
        if case.is_draft:
            result.drafts.setdefault(f"cases/{case.slug}", []).extend(case_drafts(case))
    for base, note in updates.date_notes(dataset.updates).items():  # the date is on the Chinese page only
        result.drafts.setdefault(base, []).insert(0, note)


def _refuse_unfinished(result: Preflight, texts: dict, data_dir: Path, root: Path) -> None:
    """Every placeholder and empty field left, reported at once: a new site's starter has many together."""
    problems = Problems()
    problems.check(refuse_placeholders_in_data, data_dir, root)
    for case in result.dataset.cases:
        for draft in case.drafts:
            problems.errors.append(SiteInputError(draft.file, draft.line, "unfinished", draft.what,
                                                  "fill it in; a case with 待填写 / TODO or an empty field is shown "
                                                  "by `make serve` but never published"))
    problems.check(updates.refuse_unfinished, result.dataset.updates)
    for text in texts.values():
        if text.drafts:
            line, what = text.drafts[0]
            problems.errors.append(SiteInputError(text.file.name, line, "unfinished", f"'{what}' is still in the page",
                                                  "finish the text and remove every 待填写 / TODO; `make serve` shows "
                                                  "drafts, `make site` does not publish them"))
    problems.raise_all()


def refuse_placeholders_in_data(data_dir: Path, root: Path) -> None:
    """A release publishes no 待填写 / TODO left in a data file (the starter's placeholders), each reported at its
    line; the cases' drafts are reported with the cases. Comments may say 待填写 / TODO: only the values are read,
    and a file is parsed again only if its text has one."""
    unfinished = []
    for path in sorted(data_dir.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        if not PLACEHOLDER.search(text):
            continue
        located = load_yaml(path, os.path.relpath(path, root))
        for keys, value in _text_values(located.data, ()):
            if PLACEHOLDER.search(value):
                unfinished.append(SiteInputError(located.file, located.line_of(keys), ".".join(map(str, keys)),
                                                 f"is still a placeholder ({value})",
                                                 "write the real text here; `make serve` shows placeholders, "
                                                 "`make site` does not publish them"))
    if unfinished:
        raise SiteInputErrors(unfinished)


def _text_values(value, keys: tuple) -> list[tuple[tuple, str]]:
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _text_values(item, keys + (key,))]
    if isinstance(value, list):
        return [found for number, item in enumerate(value) for found in _text_values(item, keys + (number,))]
    return [(keys, value)] if isinstance(value, str) else []


def check_release_settings(site_url: str, contact: str, release: bool = True) -> None:
    """A release names the site's real address and where readers report an error (fraudsite/settings.py);
    a preview only needs both to be well formed."""
    settings.check_settings(site_url, contact, release=release,
                            local_ok=os.environ.get(settings.LOCAL_RELEASE) == "1")


def _text_paths(root: Path, dataset: Dataset, override: str | None) -> dict[str, Path | None]:
    """Where each document's text lies (None: the data names none); ``override``, or FRAUDSITE_SOURCE_DOCUMENT,
    is the text of a site's only document."""
    override = override if override is not None else os.environ.get(sources.DOCUMENT_SETTING)
    if override and len(dataset.sources) == 1:
        return {next(iter(dataset.sources)): Path(override)}
    return {source.id: sources.text_path(root, source, dataset.sources) for source in dataset.sources.values()}


def _document_texts(root: Path, dataset: Dataset, override: str | None) -> dict[str, tuple[str, list[str]]]:
    """(name, lines) of each document whose text is at hand."""
    texts = {}
    elsewhere = override or os.environ.get(sources.DOCUMENT_SETTING) or os.environ.get(sources.ROOT_SETTING)
    for document, path in _text_paths(root, dataset, override).items():
        if path is not None and path.is_file():
            name = str(path) if elsewhere else os.path.relpath(path, root)  # as the contributor wrote it
            texts[document] = (name, path.read_text(encoding="utf-8").splitlines())
    return texts


def _check_sources_note(root: Path, dataset: Dataset, result: Preflight, override: str | None) -> None:
    """Said once per document whose text is not at hand: its quotes were not checked."""
    for document, path in _text_paths(root, dataset, override).items():
        if path is None:
            result.notes.append(f"The quotes from '{document}' were not checked: data/{sources.FILE} names no text "
                                "for it (add text: <path of its text>).")
        elif not path.is_file():  # only looked at: check_data has read it where it is there
            result.notes.append(f"The quotes from '{document}' were not checked: its text is not at {path} (set "
                                f"{sources.ROOT_SETTING} to the folder its path is relative to).")

"""MkDocs adapter for the statistics core (fraudsite/).

Loads and validates the data and every page before MkDocs touches site/,
renders markers per language, adds the paginated case listings and writes
the open data. All logic lives in fraudsite/; this file only wires events.
"""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fraudsite import markers, opendata, pages, render  # noqa: E402
from fraudsite.errors import SiteInputError  # noqa: E402
from fraudsite.glossary import Glossary  # noqa: E402
from fraudsite.lint import TypedFigureFinder, check_safety  # noqa: E402
from fraudsite.load import load_dataset  # noqa: E402
from fraudsite.model import Dataset  # noqa: E402
from fraudsite.timing import timed  # noqa: E402

DATA_DIR = Path(os.environ.get("FRAUDSITE_DATA", ROOT / "data"))


class _State:
    dataset: Dataset | None = None
    data_stamp: tuple = ()
    checked_pages: dict[Path, tuple] = {}
    finder: TypedFigureFinder | None = None
    glossaries: dict = {}


def _timed(function):
    """Time the hook (fraudsite.timing) and report bad input as MkDocs' own error."""
    @timed
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except SiteInputError as error:
            raise PluginError(f"\n{error}") from None
    return wrapper


def _data_stamp() -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(DATA_DIR.rglob("*.yml")))


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


@_timed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    stamp = _data_stamp()
    if _State.dataset is None or stamp != _State.data_stamp:
        _State.dataset = load_dataset(DATA_DIR, root=ROOT)
        _State.finder = TypedFigureFinder(_State.dataset)
        _State.glossaries = {}
        _State.checked_pages = {}
        _State.data_stamp = stamp
    return config


@_timed
def on_pre_build(config: MkDocsConfig) -> None:
    """Check every page before MkDocs empties site/: a bad page never costs the last good output."""
    dataset = _State.dataset
    if not _State.checked_pages:  # case summaries appear on pages too: no figure typed in them either
        for case in dataset.cases:
            for offset, lang in enumerate(("zh", "en")):  # zh on the line after "summary:", en below it
                _State.finder.check(case.summary[lang], case.file, (case.summary_line or 0) + offset)
    for page in pages.inventory(Path(config.docs_dir), ROOT):
        stat = page.path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        if _State.checked_pages.get(page.path) == stamp:
            continue
        front, body, offset = pages.split_front_matter(page.path.read_text(encoding="utf-8"))
        pages.require_description(front, page.name)
        case = _case_at(page.base)
        for marker in markers.find(body):
            markers.check(marker, dataset, page.name, offset, case.slug if case else None)
        check_safety(body, page.name, offset)
        _State.finder.check(body, page.name, offset)
        _State.checked_pages[page.path] = stamp


def _case_at(base: str):
    """The case whose page is docs/<base>.<lang>.md, if any ("cases/<slug>")."""
    return _State.dataset.case(base[len("cases/"):]) if base.startswith("cases/") else None


def _page_count(count: int) -> int:
    return max(1, -(-count // render.PAGE_SIZE))


@event_priority(-110)  # after mkdocs-static-i18n has picked this language's files
@_timed
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = _language(config)
    for src_uri, content in _listing_pages(_State.dataset, lang):
        file = File.generated(config, src_uri, content=content)
        if lang != "zh":
            file.dest_uri = f"{lang}/{file.dest_uri}"
        files.append(file)
    return files


def _listing_pages(dataset: Dataset, lang: str):
    """Pages 2..N of the cases index and of each scam type's cases."""
    size = render.PAGE_SIZE
    listings = [("cases/page", dataset.cases, render.LABELS[lang]["listing"], None)]
    for scam_type, names in dataset.catalogue.scam_types.items():
        listings.append((f"cases/type-{scam_type}", dataset.cases_of_type(scam_type), names[lang], scam_type))
    for stem, cases, title, scam_type in listings:
        total = _page_count(len(cases))
        first = 1 if scam_type else 2  # the cases index itself is page 1 of the main listing
        if scam_type and len(cases) <= render.PAGE_SIZE // 4:
            continue  # the scam type page already lists them all
        for number in range(first, total + 1):
            src_uri = _listing_uri(stem, number, scam_type)
            chunk = cases[(number - 1) * size: number * size]
            heading = f"{title} · " + render.LABELS[lang]["page"].format(n=number, total=total)
            body = render.case_list(dataset, chunk, lang, src_uri)
            nav = render.pager(lang, number, total, lambda n: render.relative(src_uri, _listing_uri(stem, n, scam_type)))
            description = json.dumps(f"{render.LABELS[lang]['listing_description']} {heading}", ensure_ascii=False)
            yield src_uri, f"---\ndescription: {description}\nsearch:\n  exclude: true\n---\n# {heading}\n\n{body}\n\n{nav}\n"


def _listing_uri(stem: str, number: int, scam_type: str | None) -> str:
    if number == 1:  # the main listing starts on the cases index itself
        return f"{stem}.md" if scam_type else "cases/index.md"
    return f"{stem}-{number}.md"


@_timed
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace markers; every marker was already checked in on_pre_build."""
    dataset, lang = _State.dataset, _language(config)
    src = page.file.src_uri
    if _case_of(src) is not None:
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}  # see on_page_context
    out, last = [], 0
    for marker in markers.find(markdown):
        out.append(markdown[last:marker.start])
        out.append(_render(marker, dataset, lang, src))
        last = marker.end
    out.append(markdown[last:])
    return "".join(out)


@_timed
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    """Index each case by one short entry (summary, place, types), not its full text."""
    case = _case_of(page.file.src_uri)
    search = config.plugins.get("material/search")
    if case is None or search is None:
        return context
    lang, index = _language(config), search.search_index
    segment = getattr(index, "_segment_chinese", None) if lang == "zh" else None
    title, text = case.title[lang], render.case_search_text(_State.dataset, case, lang)
    index.entries.append({"location": page.url, "title": segment(title) if segment else title,
                          "text": segment(text) if segment else text})
    return context


def _case_of(src_uri: str):
    return _case_at(_page_base(src_uri))


@_timed
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _language(config)
    if lang not in _State.glossaries:
        _State.glossaries[lang] = Glossary(_State.dataset.terms, lang)
    return _State.glossaries[lang].mark(html)


def _page_base(src_uri: str) -> str:
    """ "cases/x.zh.md" -> "cases/x" (mkdocs-static-i18n keeps the suffix in src_uri)."""
    match = pages.PAGE_NAME.match(src_uri)
    return match.group("base") if match else src_uri[: -len(".md")]


def _render(marker: markers.Marker, dataset: Dataset, lang: str, src: str) -> str:
    kind, argument = marker.kind, marker.argument
    if kind == "figure":
        return render.figure_text(dataset, argument, lang)
    if kind == "number":
        return render.figure_text(dataset, argument, lang, with_unit=False)
    if kind == "table":
        return render.table(dataset, argument, lang, src)
    if kind == "chart":
        return render.chart(dataset, argument, lang, src)
    if kind == "case-facts":
        return render.case_facts(dataset, _case_of(src), lang, src)
    if kind == "cases-list":
        listing = render.case_list(dataset, dataset.cases[: render.PAGE_SIZE], lang, src)
        total = _page_count(len(dataset.cases))
        if total == 1:
            return listing
        return listing + "\n\n" + render.pager(lang, 1, total, lambda n: render.relative(src, _listing_uri("cases/page", n, None)))
    if kind == "latest-cases":
        return render.case_list(dataset, dataset.cases[:3], lang, src)
    if kind == "cases-of-type":
        listing, count = render.cases_of_type(dataset, argument, lang, src)
        if count > render.PAGE_SIZE // 4:
            link = render.relative(src, _listing_uri(f"cases/type-{argument}", 1, argument))
            listing += f"\n\n[{render.LABELS[lang]['more'].format(n=count)} →]({link})"
        return listing
    if kind == "case-totals":
        return render.case_totals(dataset, lang)
    if kind == "sources":
        return render.sources(dataset, lang, src)
    if kind == "open-data":
        depth = src.count("/") + (0 if src.endswith("index.md") else 1) + (1 if lang != "zh" else 0)
        return render.open_data(lang, "../" * depth)
    if kind == "glossary":
        return render.glossary(dataset, lang)
    if kind == "hotlines":
        return render.hotlines(lang)
    raise AssertionError(f"marker kind {kind} passed the check but has no renderer")


@_timed
def on_post_build(config: MkDocsConfig) -> None:
    if _language(config) != "zh":
        return  # one copy of the open data, at the site root
    site = Path(config.site_dir)
    (site / "figures.csv").write_text(opendata.to_csv(_State.dataset), encoding="utf-8")
    (site / "figures.json").write_text(opendata.to_json(_State.dataset), encoding="utf-8")

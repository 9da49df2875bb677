"""宣传单、海报和随身卡 / Leaflet, poster and wallet card: what the site's sheets say.

data/printables.yml keeps what they say (the three steps, one red flag per scam
type) once; the hotlines and their labels, the scam type names and the public
bodies come from the rest of the data, never typed again. Each sheet is both a
page of the site (the ``{{ printable KIND }}`` marker, under docs/leaflet/) and a
PDF written beside it by the build; printing the PDFs (WeasyPrint, fonts, the
size limits) is fraudsite.printing. The QR code to the language's home page is
made from the site's address (segno, no service involved). Every string of the
data is escaped (html.escape): data is text, never markup.
"""
from __future__ import annotations

import functools
import html
from dataclasses import dataclass

from babel.lists import format_list
from pydantic import Field

from . import formatting as fmt
from . import schema
from .channels import FILE as CHANNELS
from .checker import check_text
from .errors import SiteInputError
from .formatting import LOCALES, date as format_date
from .i18n import LANGUAGES, absolute, prefix, relative_url
from .markup import MarkerKind, PageContext, page_url
from .schema import BilingualLine, Slug, Strict
from .suggest import closest
from .yamlfile import LocatedData

FILE = "printables.yml"
FOLDER = "leaflet"          # the pages and the PDFs live under <language>/leaflet/
OWN = "site"                # `from: [site]`: this site's own advice, labelled so (labels.own)


@dataclass(frozen=True)
class Format:
    page_size: str   # CSS @page size
    margin: str
    pages: int       # how many pages the sheet must print on


FORMATS = {
    "a4": Format("A4", "12mm", 1),
    "poster": Format("A3", "16mm", 1),
    "card": Format("85.6mm 54mm", "3mm", 2),  # ISO/IEC 7810 ID-1, the size of a bank card: front and back
}


# --------------------------------------------------------------------------- schema

class Step(Strict):
    title: BilingualLine
    text: BilingualLine
    from_: list[Slug] = Field(alias="from", min_length=1)


class Rule(Strict):
    title: BilingualLine
    steps: list[Step] = Field(min_length=1, max_length=5)


class Flag(BilingualLine):
    from_: list[Slug] = Field(alias="from", min_length=1)


class RedFlags(Strict):
    title: BilingualLine
    lines: dict[Slug, Flag]
    on_card: list[Slug] = Field(min_length=1, max_length=3)  # the card has room for three short signs


class Labels(Strict):
    scan: BilingualLine
    sources: BilingualLine
    article: BilingualLine
    step: BilingualLine
    steps: BilingualLine
    flags: BilingualLine
    download: BilingualLine
    own: BilingualLine


class PrintablesFile(Strict):
    title: BilingualLine
    rule: Rule
    red_flags: RedFlags
    sheets: dict[Slug, BilingualLine]
    smallest_type: dict[Slug, float]  # points, per sheet: the build measures each PDF (fraudsite.printcheck)
    labels: Labels


# --------------------------------------------------------------------------- the loaded data

@dataclass(frozen=True)
class Printables:
    data: PrintablesFile
    bodies: dict[str, dict[str, str]]   # who says what: `article` and the bodies of data/channels.yml
    scam_types: dict[str, dict[str, str]]

    def word(self, name: str, lang: str) -> str:
        return getattr(self.data.labels, name).model_dump()[lang]


def load(located: LocatedData, dataset) -> Printables:
    parsed = schema.validate(PrintablesFile, located)
    check_text(located)
    for text_key in ("step", "steps"):
        for lang in LANGUAGES:
            if "{n}" not in getattr(parsed.labels, text_key).model_dump()[lang]:
                raise SiteInputError(located.file, located.line_of(("labels", text_key, lang)), f"labels.{text_key}",
                                     "has no {n}", "write {n} where the step numbers go")
    if set(parsed.sheets) != set(FORMATS):
        missing = sorted(set(FORMATS) - set(parsed.sheets)) or sorted(set(parsed.sheets) - set(FORMATS))
        raise SiteInputError(located.file, located.line_of(("sheets",)), "sheets",
                             f"the sheets are {', '.join(FORMATS)}; '{missing[0]}' is missing or unknown",
                             f"name exactly these sheets: {', '.join(FORMATS)}")
    for name, wanted in (("smallest_type", set(FORMATS)),):
        if set(getattr(parsed, name)) != wanted:
            raise SiteInputError(located.file, located.line_of((name,)), name,
                                 f"gives a size for {', '.join(sorted(getattr(parsed, name))) or 'no sheet'}",
                                 f"give the smallest type size, in points, of exactly these sheets: {', '.join(FORMATS)}")
    for scam_type in parsed.red_flags.on_card:
        if scam_type not in parsed.red_flags.lines:
            raise SiteInputError(located.file, located.line_of(("red_flags", "on_card")), "red_flags.on_card",
                                 f"'{scam_type}' has no red flag under red_flags: lines:",
                                 f"name up to three scam types of red_flags: lines: ({', '.join(parsed.red_flags.lines)})")
    known_bodies = _bodies(dataset, located)
    sayers = [*dataset.sources, OWN, *known_bodies]  # a document of data/sources.yml, the site, or a body
    for index, step in enumerate(parsed.rule.steps):
        _check_sources(located, step.from_, ("rule", "steps", index, "from"), sayers)
    scam_types = dataset.catalogue.scam_types
    for scam_type, flag in parsed.red_flags.lines.items():
        if scam_type not in scam_types:
            raise SiteInputError(located.file, located.line_of(("red_flags", "lines", scam_type)),
                                 f"red_flags.lines.{scam_type}", f"unknown scam type '{scam_type}'",
                                 f"use a scam type of data/catalogue.yml (closest: {closest(scam_type, scam_types)})")
        _check_sources(located, flag.from_, ("red_flags", "lines", scam_type, "from"), sayers)
    for scam_type in scam_types:
        if scam_type not in parsed.red_flags.lines:
            raise SiteInputError(located.file, located.line_of(("red_flags", "lines")), "red_flags.lines",
                                 f"the scam type '{scam_type}' has no red flag",
                                 f"add '{scam_type}: {{zh: …, en: …, from: [...]}}' under red_flags: lines:")
    # a document of data/sources.yml says it: named with labels.article, dated by the document
    documents = {document: {lang: parsed.labels.article.model_dump()[lang].replace(
                     "{day}", format_date(source.published, lang)) for lang in LANGUAGES}
                 for document, source in dataset.sources.items()}
    own = parsed.labels.own.model_dump()
    return Printables(parsed, {**documents, OWN: own, **known_bodies}, dict(scam_types))


def _bodies(dataset, located: LocatedData) -> dict[str, dict[str, str]]:
    channels = dataset.extras.get(CHANNELS)
    if channels is None:
        raise SiteInputError(located.file, None, "from", "the public bodies are listed in data/channels.yml, "
                             "which is missing", "restore data/channels.yml")
    return channels.bodies


def _check_sources(located: LocatedData, names: list[str], path: tuple, sayers: list[str]) -> None:
    for number, name in enumerate(names):
        if name not in sayers:
            raise SiteInputError(located.file, located.line_of(path + (number,)), ".".join(map(str, path)),
                                 f"unknown source '{name}'",
                                 f"use a document of data/sources.yml, '{OWN}' (this site's own advice) or a body of "
                                 f"data/channels.yml (closest: {closest(name, sayers)})")


def data_of(dataset) -> Printables:
    return dataset.extras[FILE]


# --------------------------------------------------------------------------- the sheet

def pdf_name(file_prefix: str, kind: str, lang: str) -> str:
    """<prefix>-<sheet>-<language>.pdf, the prefix from data/site.yml (print_prefix)."""
    return f"{file_prefix}-{kind}-{lang}.pdf"


def home_address(site_url: str, lang: str) -> str:
    return absolute(site_url, prefix(lang))


@functools.lru_cache(maxsize=8)  # the three sheets of a language print the same code
def qr_svg(url: str, label: str) -> str:
    """The QR code of ``url`` as inline SVG (error correction M: still reads with a smudge or a fold)."""
    import segno
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, title=label, svgclass="sheet__qr-code", lineclass=None,
                           omitsize=True)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _flags(printables: Printables, kind: str) -> list:
    """The red flags a sheet prints: all of them, or on the card only those of red_flags.on_card."""
    lines = printables.data.red_flags.lines
    if kind == "card":
        return [(scam_type, lines[scam_type]) for scam_type in printables.data.red_flags.on_card]
    return list(lines.items())


def sources_line(printables: Printables, lang: str, kind: str = "a4") -> str:
    """The sheet's "Sources" line: who says each step and the red flags, grouped (出处：第1、2步，…；第3步，…)."""
    groups: list[tuple[list[int], list[str]]] = []
    for number, step in enumerate(printables.data.rule.steps, start=1):
        if groups and groups[-1][1] == step.from_:
            groups[-1][0].append(number)
        else:
            groups.append(([number], list(step.from_)))
    parts = []
    for numbers, names in groups:
        label = printables.word("step" if len(numbers) == 1 else "steps", lang)
        parts.append((label.replace("{n}", _joined([str(n) for n in numbers], lang)), names))
    flag_sources = list(dict.fromkeys(name for _, flag in _flags(printables, kind) for name in flag.from_))
    parts.append((printables.word("flags", lang), flag_sources))
    comma, semicolon = ("，", "；") if lang == "zh" else (": ", "; ")
    listed = [label + comma + _joined([printables.bodies[name][lang] for name in names], lang)
              for label, names in parts]
    return printables.word("sources", lang) + ("" if lang == "zh" else " ") + semicolon.join(listed) + ("。" if lang == "zh" else ".")


def _joined(names: list[str], lang: str) -> str:
    return "、".join(names) if lang == "zh" else format_list(names, locale=LOCALES[lang])


def sheet_html(printables: Printables, lang: str, kind: str, site_name: str, hotlines: list[tuple[str, str]],
               hotline_title: str, site_url: str) -> str:
    """The sheet as HTML: shown on its page of the site and printed to PDF (``document``)."""
    data = printables.data
    address = home_address(site_url, lang)
    hotline_items = "".join(f'<li class="sheet__hotline"><span class="sheet__number">{_e(number)}</span>'
                            f'<span class="sheet__label">{_e(label)}</span></li>' for number, label in hotlines)
    names = (f'<p class="sheet__site">{_e(site_name)}</p>'
             f'<p class="sheet__title">{_e(data.title.model_dump()[lang])}</p>')
    numbers = (f'<div class="sheet__hotlines"><p class="sheet__lead">{_e(hotline_title)}</p>'
               f'<ul class="sheet__numbers{" sheet__numbers--many" if len(hotlines) > 2 else ""}">{hotline_items}</ul></div>')
    steps = "".join(f'<li><strong>{_e(step.title.model_dump()[lang])}</strong> {_e(step.text.model_dump()[lang])}</li>'
                    for step in data.rule.steps)
    rule = (f'<p class="sheet__heading">{_e(data.rule.title.model_dump()[lang])}</p>'
            f'<ol class="sheet__steps">{steps}</ol>')
    with_names = kind != "card"  # the card has room for the signs, not for the names of the types
    flags = "".join(
        f'<li>{"<strong>" + _e(printables.scam_types[scam_type][lang]) + "</strong> " if with_names else ""}'
        f'{_e(flag.model_dump()[lang])}</li>'
        for scam_type, flag in _flags(printables, kind))
    red_flags = (f'<p class="sheet__heading">{_e(data.red_flags.title.model_dump()[lang])}</p>'
                 f'<ul class="sheet__flags">{flags}</ul>')
    scan = printables.word("scan", lang)
    sources = f'<p class="sheet__sources">{_e(sources_line(printables, lang, kind))}</p>'
    if kind == "card":  # no room under a small code for the address at 9 pt: it goes beside it, over the sources
        foot = (f'<div class="sheet__foot"><div class="sheet__qr">{qr_svg(address, scan)}</div>'
                f'<div class="sheet__about"><p class="sheet__address">{_e(address)}</p>{sources}</div></div>')
    else:
        foot = (f'<div class="sheet__foot"><div class="sheet__code"><p class="sheet__scan">{_e(scan)}</p>'
                f'<div class="sheet__qr">{qr_svg(address, scan)}</div><p class="sheet__address">{_e(address)}</p>'
                f'</div>{sources}</div>')
    if kind == "card":  # the front: the two numbers and the three steps, in type large enough to read during a call;
        pages = [numbers + rule, red_flags + foot]  # the back: three signs, and the site's address by its code
    else:
        pages = [names + numbers + rule + red_flags + foot]
    body = "".join(f'<div class="sheet__page">{page}</div>' for page in pages)
    return f'<div class="sheet sheet--{kind}" lang="{"zh-Hans" if lang == "zh" else "en"}">{body}</div>'


@dataclass(frozen=True)
class Sheet:
    kind: str
    name: str
    filename: str
    html: str
    pdf: bytes


# --------------------------------------------------------------------------- the markers

def _sheet(ctx: PageContext, kind: str) -> Sheet:
    for sheet in ctx.sheets:
        if sheet.kind == kind:
            return sheet
    raise SiteInputError(f"data/{FILE}", None, "sheets", f"the sheet '{kind}' was not made",
                         "build the site with `make site` or `make serve`")


def _download(ctx: PageContext, sheet) -> str:
    data = data_of(ctx.dataset)
    href = relative_url(prefix(ctx.lang) + page_url(ctx.page), prefix(ctx.lang) + FOLDER + "/"
                        + sheet.filename)
    size = fmt.number(round(len(sheet.pdf) / 1000), ctx.lang)
    pages = FORMATS[sheet.kind].pages
    facts = f"PDF，{pages}页，{size} KB" if ctx.lang == "zh" else f"PDF, {pages} page{'s' if pages > 1 else ''}, {size} KB"
    return (f'<a class="md-button md-button--primary sheet-download" href="{html.escape(href, quote=True)}" download>'
            f'{html.escape(data.word("download", ctx.lang), quote=False)}</a> '
            f'<span class="sheet-download__facts">{html.escape(facts, quote=False)}</span>')


def printable(ctx: PageContext, kind: str) -> str:
    sheet = _sheet(ctx, kind)
    return (f'<p class="sheet-actions">{_download(ctx, sheet)}</p>'
            f'<div class="sheet-preview">{sheet.html}</div>')


def printables_list(ctx: PageContext) -> str:
    items = "".join(f'<li><a href="{ctx.href(f"{FOLDER}/{sheet.kind}.md")}">'
                    f'{html.escape(sheet.name, quote=False)}</a> · {_download(ctx, sheet)}</li>'
                    for sheet in ctx.sheets)
    return f'<ul class="sheet-list">{items}</ul>'


MARKERS = (
    MarkerKind("printable", printable, "sheet", lambda d: FORMATS if FILE in d.extras else {},
               finished_html=True, help="a printable sheet as a page shows it, with its PDF (data/printables.yml)",
               defined_in="fraudsite/printables.py (FORMATS)"),
    MarkerKind("printables", printables_list, finished_html=True,
               help="the printable sheets, each with its page and its PDF (data/printables.yml)"),
)

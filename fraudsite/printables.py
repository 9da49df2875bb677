"""宣传单、海报和随身卡 / Leaflet, poster and wallet card: the site's content on paper.

data/printables.yml keeps what they say (the three steps, one red flag per scam
type) once; the hotlines and their labels, the scam type names and the public
bodies come from the rest of the data, never typed again. Each sheet is both a
page of the site (the ``{{ printable KIND }}`` marker, under docs/leaflet/) and a
PDF written beside it by the build (``write_pdfs``, with WeasyPrint): fonts
embedded and subset, text selectable, a QR code to the language's home page made
from the site's address (segno, no service involved).

A sheet that no longer fits its pages, or a PDF past MAX_BYTES, stops the build
with a message that names data/printables.yml: a careless edit cannot publish a
leaflet that prints on two sheets. Every string of the data is escaped
(html.escape): data is text, never markup.
"""
from __future__ import annotations

import functools
import hashlib
import html
import os
from dataclasses import dataclass
from pathlib import Path

from babel.lists import format_list
from pydantic import Field

from . import schema
from .checker import check_text
from .errors import SiteInputError
from .formatting import LOCALES, date as format_date
from .i18n import LANGUAGES, absolute, prefix
from .printcheck import check_smallest_type
from .schema import BilingualLine, Slug, Strict
from .suggest import closest
from .yamlfile import LocatedData

FILE = "printables.yml"
FOLDER = "leaflet"          # the pages and the PDFs live under <language>/leaflet/
MAX_BYTES = 500_000
# A tagged PDF: screen readers read it in order, as text, in the language of the sheet.
PRINT_OPTIONS = {"pdf_tags": True}
CACHE = Path(".cache") / "printables"  # in the project folder (ignored by git): the PDFs of the last build
ARTICLE = "article"         # `from: [article]`: said by the Dali police, as the source article reports it
OWN = "site"                # `from: [site]`: this site's own advice, labelled so (labels.own)
CSS = Path(__file__).with_name("templates") / "printables.css"
FONTS = {"zh": "Noto Sans CJK SC", "en": "Liberation Sans"}  # Debian's fonts-noto-cjk and fonts-liberation
FONT_FILES = ("**/NotoSansCJK*", "**/LiberationSans*")  # where Debian puts them (a cached PDF names their versions)


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
    for index, step in enumerate(parsed.rule.steps):
        _check_sources(located, step.from_, ("rule", "steps", index, "from"), known_bodies)
    scam_types = dataset.catalogue.scam_types
    for scam_type, flag in parsed.red_flags.lines.items():
        if scam_type not in scam_types:
            raise SiteInputError(located.file, located.line_of(("red_flags", "lines", scam_type)),
                                 f"red_flags.lines.{scam_type}", f"unknown scam type '{scam_type}'",
                                 f"use a scam type of data/catalogue.yml (closest: {closest(scam_type, scam_types)})")
        _check_sources(located, flag.from_, ("red_flags", "lines", scam_type, "from"), known_bodies)
    for scam_type in scam_types:
        if scam_type not in parsed.red_flags.lines:
            raise SiteInputError(located.file, located.line_of(("red_flags", "lines")), "red_flags.lines",
                                 f"the scam type '{scam_type}' has no red flag",
                                 f"add '{scam_type}: {{zh: …, en: …, from: [...]}}' under red_flags: lines:")
    day = {lang: format_date(dataset.article["published"], lang) for lang in LANGUAGES}
    article = {lang: parsed.labels.article.model_dump()[lang].replace("{day}", day[lang]) for lang in LANGUAGES}
    own = parsed.labels.own.model_dump()
    return Printables(parsed, {ARTICLE: article, OWN: own, **known_bodies}, dict(scam_types))


def _bodies(dataset, located: LocatedData) -> dict[str, dict[str, str]]:
    from .channels import FILE as CHANNELS
    channels = dataset.extras.get(CHANNELS)
    if channels is None:
        raise SiteInputError(located.file, None, "from", "the public bodies are listed in data/channels.yml, "
                             "which is missing", "restore data/channels.yml")
    return channels.bodies


def _check_sources(located: LocatedData, names: list[str], path: tuple, bodies: dict) -> None:
    for number, name in enumerate(names):
        if name not in (ARTICLE, OWN) and name not in bodies:
            raise SiteInputError(located.file, located.line_of(path + (number,)), ".".join(map(str, path)),
                                 f"unknown source '{name}'",
                                 f"use '{ARTICLE}' (the source article), '{OWN}' (this site's own advice) or a body "
                                 f"of data/channels.yml (closest: {closest(name, [ARTICLE, OWN, *bodies])})")


def data_of(dataset) -> Printables:
    return dataset.extras[FILE]


# --------------------------------------------------------------------------- the sheet

def pdf_name(kind: str, lang: str) -> str:
    return f"dali-anti-fraud-{kind}-{lang}.pdf"


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
    """出处：第1、2步，大理州警方提示（据…的报道）；第3步，公安部刑侦局、公安部；危险信号，国家反诈中心、公安部刑侦局"""
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
               f'<ul class="sheet__numbers">{hotline_items}</ul></div>')
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


def document(sheet: str, lang: str, title: str) -> str:
    """A whole HTML document around ``sheet``, for WeasyPrint."""
    kind = next(kind for kind in FORMATS if f"sheet--{kind}" in sheet)
    page = FORMATS[kind]
    css = CSS.read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title><style>@page {{ size: {page.page_size}; margin: {page.margin}; }}\n"
            f"{css}</style></head><body>{sheet}</body></html>")


# --------------------------------------------------------------------------- the PDFs

def render_pdf(document_html: str, kind: str, lang: str, sheet_name: str, cache: Path | None = None) -> bytes:
    """The PDF of one sheet; a sheet that no longer fits, or grows too large, is an error.

    With ``cache`` (a folder), a PDF printed before from the same document, stylesheet, WeasyPrint and fonts
    is read back instead of printed again: printing takes about as long as building a few hundred pages, and
    the sheets rarely change between builds (Material's social cards are cached the same way)."""
    if cache is None:
        return _print(document_html, kind, lang, sheet_name)
    stem = f"{kind}-{lang}-"
    cached = cache / f"{stem}{_fingerprint(document_html)}.pdf"
    if cached.is_file():
        return cached.read_bytes()
    pdf = _print(document_html, kind, lang, sheet_name)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{stem}*.pdf"):  # only the latest print of each sheet is kept
        old.unlink(missing_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(pdf)
    partial.replace(cached)  # a build that stops half-way never leaves half a PDF to be read back
    return pdf


def _fingerprint(document_html: str) -> str:
    """What a printed sheet depends on: its document (the stylesheet is inside), WeasyPrint and the font files."""
    import weasyprint

    digest = hashlib.sha256(document_html.encode("utf-8"))
    digest.update(f"{weasyprint.__version__} {sorted(PRINT_OPTIONS.items())}".encode())
    for font in _font_files():
        stat = font.stat()
        digest.update(f"{font}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _font_files() -> list[Path]:
    return sorted(path for pattern in FONT_FILES for path in Path("/usr/share/fonts").glob(pattern))


def _print(document_html: str, kind: str, lang: str, sheet_name: str) -> bytes:
    import weasyprint

    rendered = weasyprint.HTML(string=document_html).render()
    expected = FORMATS[kind].pages
    if len(rendered.pages) != expected:
        raise SiteInputError(f"data/{FILE}", None, f"sheets.{kind}",
                             f"the {sheet_name} ({lang}) takes {len(rendered.pages)} pages; it must fit on {expected}",
                             "shorten the steps or the red flags (the longest lines first); a long site address "
                             "(SITE_URL) takes room too, under the QR code")
    pdf = rendered.write_pdf(**PRINT_OPTIONS)
    if len(pdf) > MAX_BYTES:
        raise SiteInputError(f"data/{FILE}", None, f"sheets.{kind}",
                             f"the {sheet_name} ({lang}) PDF is {len(pdf) // 1000} KB, more than {MAX_BYTES // 1000} KB",
                             "use fewer different characters, or check that the fonts are subset")
    _check_fonts(pdf, sheet_name, lang)
    return pdf


def _check_fonts(pdf: bytes, sheet_name: str, lang: str) -> None:
    """Every font embedded, and the CJK family used: a missing font would print boxes, not Chinese."""
    import io

    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                raise SiteInputError(f"data/{FILE}", None, "fonts", f"the {sheet_name} ({lang}) uses the font "
                                     f"{font.get('/BaseFont')} without embedding it", "install Debian's fonts-noto-cjk")
            names.add(str(font.get("/BaseFont")))
    wanted = FONTS[lang]
    if not any(wanted.replace(" ", "") in name.replace("-", "") for name in names):
        raise SiteInputError(f"data/{FILE}", None, "fonts", f"the {sheet_name} ({lang}) was not set in "
                             f"{wanted} (found: {', '.join(sorted(names)) or 'no font'})",
                             "install Debian's fonts-noto-cjk and fonts-liberation (make print-deps does)")


@dataclass(frozen=True)
class Sheet:
    kind: str
    name: str
    filename: str
    html: str
    pdf: bytes


def sheets(printables: Printables, lang: str, site_name: str, hotlines: list[tuple[str, str]], hotline_title: str,
           site_url: str, reuse: tuple = (), cache: Path | None = None) -> tuple[Sheet, ...]:
    """Every sheet of ``lang``, with its PDF; a sheet of ``reuse`` whose HTML is the same keeps its PDF
    (the preview checks after each data edit whether the sheets changed, without printing them again)."""
    old = {sheet.kind: sheet for sheet in reuse}
    out = []
    for kind in FORMATS:
        name = printables.data.sheets[kind].model_dump()[lang]
        html_ = sheet_html(printables, lang, kind, site_name, hotlines, hotline_title, site_url)
        if kind in old and old[kind].html == html_ and old[kind].name == name:
            out.append(old[kind])
            continue
        title = f"{name} · {site_name}" if lang == "en" else f"{site_name}：{name}"
        pdf = render_pdf(document(html_, lang, title), kind, lang, name, cache)
        check_smallest_type(pdf, printables.data.smallest_type[kind], kind, lang, name)
        out.append(Sheet(kind, name, pdf_name(kind, lang), html_, pdf))
    return tuple(out)


def write_pdfs(sheets_: tuple[Sheet, ...], site_dir: Path, lang: str) -> list[Path]:
    """Each PDF into <site>/<language>/leaflet/."""
    folder = site_dir / prefix(lang) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in sheets_:
        path = folder / sheet.filename
        path.write_bytes(sheet.pdf)
        written.append(path)
    return written

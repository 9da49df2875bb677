"""The printables' PDFs: each sheet of fraudsite.printables printed with WeasyPrint, fonts embedded and
subset, text selectable, tagged for screen readers.

A sheet that no longer fits its pages, or a PDF past MAX_BYTES, stops the build
with a message that names data/printables.yml: a careless edit cannot publish a
leaflet that prints on two sheets. A PDF printed before from the same document,
stylesheet, WeasyPrint and fonts is read back from CACHE instead of printed again.
"""
from __future__ import annotations

import hashlib
import html
import io
import os
from pathlib import Path
from typing import Any

from .errors import SiteInputError
from .i18n import prefix
from .labels import LABELS
from .model import Dataset
from .printcheck import check_smallest_type
from .printables import FILE, FOLDER, FORMATS, Printables, Sheet, data_of, pdf_name, sheet_html

MAX_BYTES = 500_000
# A tagged PDF: screen readers read it in order, as text, in the language of the sheet.
PRINT_OPTIONS = {"pdf_tags": True}
CACHE = Path(".cache") / "printables"  # in the project folder (ignored by git): the PDFs of the last build
CSS = Path(__file__).with_name("templates") / "printables.css"
FONTS = {"zh": "Noto Sans CJK SC", "en": "Liberation Sans"}  # Debian's fonts-noto-cjk and fonts-liberation
FONT_FILES = ("**/NotoSansCJK*", "**/LiberationSans*")  # where Debian puts them (a cached PDF names their versions)


def print_sheets(dataset: Dataset, lang: str, site_name: str, site_url: str, reuse: tuple[Sheet, ...] = (),
                 cache: Path | None = None) -> tuple[Sheet, ...]:
    """The leaflet, the poster and the card of ``lang``, with their PDFs (one build makes them once;
    ``cache``, a folder, keeps them from one build to the next)."""
    if FILE not in dataset.extras:
        return ()
    return sheets(data_of(dataset), lang, site_name, dataset.identity.hotlines(lang), LABELS[lang]["hotline_title"],
                  site_url, reuse, cache, file_prefix=dataset.identity.print_prefix)


def document(sheet: str, lang: str, title: str) -> str:
    """A whole HTML document around ``sheet``, for WeasyPrint."""
    kind = next(kind for kind in FORMATS if f"sheet--{kind}" in sheet)
    page = FORMATS[kind]
    css = CSS.read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title, quote=False)}</title><style>@page {{ size: {page.page_size}; margin: {page.margin}; }}\n"
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
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]  # pypdf's objects are dictionaries it types loosely
        for entry in (resources.get("/Font") or {}).values():
            font: Any = entry.get_object()
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


def sheets(printables: Printables, lang: str, site_name: str, hotlines: list[tuple[str, str]], hotline_title: str,
           site_url: str, reuse: tuple = (), cache: Path | None = None,
           file_prefix: str = "site") -> tuple[Sheet, ...]:
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
        out.append(Sheet(kind, name, pdf_name(file_prefix, kind, lang), html_, pdf))
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

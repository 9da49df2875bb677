"""The leaflet, the poster and the wallet card (fraudsite.printables, data/printables.yml).

Unit tests load the real data and broken copies of it; build tests read the PDFs the real build wrote
(pages, size, fonts, text, the QR code decoded back from a rendering of the PDF) and the pages that
show them; a browser test decodes the QR code of a page as Chromium draws it.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from fraudsite import i18n, printables, printcheck, printing
from fraudsite.errors import SiteInputError
from fraudsite.load import load_dataset

from conftest import edit

SITE_NAMES = {"zh": "大理州反电信网络诈骗", "en": "Dali Anti-Fraud"}  # the Dali site (data/site.yml)
URL = "https://fanzha.example.org/"


def make_sheets(dataset, lang: str, site_url: str = URL):
    return printing.print_sheets(dataset, lang, SITE_NAMES[lang], site_url)


def load_error(data_dir: Path) -> SiteInputError:
    with pytest.raises(SiteInputError) as error:
        load_dataset(data_dir)
    return error.value


def squeeze(text: str) -> str:
    """PDF text without the line breaks and spaces that layout puts in (CJK lines break anywhere)."""
    return re.sub(r"\s+", "", text)


def decode_qr(image) -> list[str]:
    import zxingcpp
    return [result.text for result in zxingcpp.read_barcodes(image) if result.format == zxingcpp.BarcodeFormat.QRCode]


def pdf_page_image(pdf: Path, page: int = 1):
    """A page of ``pdf`` rendered by poppler (pdftoppm, Debian's poppler-utils), as a PIL image."""
    from PIL import Image
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: run `make test`, which installs poppler-utils")
    png = subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    return Image.open(io.BytesIO(png))


# --------------------------------------------------------------------------- the real data

def test_every_scam_type_has_one_red_flag_and_every_source_is_named(dataset):
    data = printables.data_of(dataset)
    assert list(data.data.red_flags.lines) and set(data.data.red_flags.lines) == set(dataset.catalogue.scam_types)
    for lang in i18n.LANGUAGES:
        line = printables.sources_line(data, lang)
        for name in {n for step in data.data.rule.steps for n in step.from_} | \
                {n for flag in data.data.red_flags.lines.values() for n in flag.from_}:
            assert data.bodies[name][lang] in line, (lang, name)
    assert "2021" in printables.sources_line(data, "zh")  # the article's date, from data/figures.yml


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_each_sheet_says_the_hotlines_the_steps_and_every_red_flag_from_the_data(dataset, lang):
    data = printables.data_of(dataset).data
    for sheet in make_sheets(dataset, lang):
        text = squeeze(re.sub(r"<[^>]+>", " ", sheet.html))
        for number, label in dataset.identity.hotlines(lang):
            assert number in text and squeeze(label) in text, (sheet.kind, number)
        for step in data.rule.steps:
            assert squeeze(step.title.model_dump()[lang]) in text and squeeze(step.text.model_dump()[lang]) in text
        shown = data.red_flags.on_card if sheet.kind == "card" else list(data.red_flags.lines)
        for scam_type, flag in data.red_flags.lines.items():
            flag_text = squeeze(__import__("html").escape(flag.model_dump()[lang], quote=False))
            assert (flag_text in text) == (scam_type in shown), (sheet.kind, flag)
        assert squeeze(printables.home_address(URL, lang)) in text


def test_the_qr_code_is_made_from_the_site_address_of_the_language(dataset):
    from PIL import Image
    import segno
    for lang in i18n.LANGUAGES:
        address = printables.home_address("https://example.gov.cn/fanzha/", lang)
        assert address == "https://example.gov.cn/fanzha/" + i18n.prefix(lang)
        sheet = make_sheets(dataset, lang, "https://example.gov.cn/fanzha/")[0]
        assert address in sheet.html
        # the same code segno draws, decoded back
        code = segno.make(address, error="m", micro=False)
        buffer = io.BytesIO()
        code.save(buffer, kind="png", scale=6, border=4)
        assert decode_qr(Image.open(io.BytesIO(buffer.getvalue()))) == [address]


# --------------------------------------------------------------------------- broken data

def test_a_scam_type_without_a_red_flag_names_the_file_line_and_the_fix(data_copy):
    path = data_copy / "printables.yml"
    line = edit(path, "    fake-loan:\n      zh: 网贷放款前要验证码，或先交会员费、保证金、解冻费。\n"
                      "      en: An online loan that wants your code or a fee before it pays out.\n"
                      "      from: [site]\n", "")
    error = load_error(data_copy)
    assert error.file.endswith("printables.yml") and "fake-loan" in str(error) and "add" in error.fix
    assert error.line is not None and error.line < line


def test_an_unknown_source_or_scam_type_is_refused_at_its_line(data_copy):
    path = data_copy / "printables.yml"
    line = edit(path, "from: [mps-cid, mps]", "from: [mps-cid, police-of-nowhere]")
    error = load_error(data_copy)
    assert (error.line, "police-of-nowhere" in str(error)) == (line, True)
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "printables.yml", path)
    line = edit(path, "    order-brushing:", "    order-brushin:")
    error = load_error(data_copy)
    assert error.line == line and "order-brushin" in str(error) and "order-brushing" in error.fix


def test_markup_in_the_data_is_printed_as_text(data_copy):
    edit(data_copy / "printables.yml", "一定提高警惕。", "一定提高警惕<script>alert(1)</script><b>粗</b>。")
    dataset = load_dataset(data_copy)
    sheet = make_sheets(dataset, "zh")[0]
    assert "<script>" not in sheet.html and "<b>粗" not in sheet.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sheet.html


def test_a_sheet_that_no_longer_fits_its_page_stops_the_build(data_copy):
    edit(data_copy / "printables.yml", "Be on your guard.", "Be on your guard. " + "Really, be careful. " * 120)
    dataset = load_dataset(data_copy)
    with pytest.raises(SiteInputError) as error:
        make_sheets(dataset, "en")
    assert error.value.file == "data/printables.yml"
    assert "must fit on 1" in str(error.value) and "shorten" in error.value.fix


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_card_prints_the_numbers_and_the_steps_at_9_pt_and_at_most_three_red_flags(dataset, lang):
    """The card is for older relatives, read during a call: measured on its PDF, nothing on it is under the
    minimum of data/printables.yml, which is at least 9 pt, and only the three flags of on_card are on it."""
    data = printables.data_of(dataset).data
    assert data.smallest_type["card"] >= 9 and len(data.red_flags.on_card) <= 3
    card = next(sheet for sheet in make_sheets(dataset, lang) if sheet.kind == "card")
    runs = printcheck.text_sizes(card.pdf)
    assert min(size for size, _ in runs) >= data.smallest_type["card"] - 0.05
    numbers = [size for size, text in runs if text in ("110", "96110")]
    assert len(numbers) == 2 and min(numbers) >= 18
    front = squeeze(PdfReader(io.BytesIO(card.pdf)).pages[0].extract_text())
    for step in data.rule.steps:  # the steps on the front, with the numbers
        assert squeeze(step.text.model_dump()[lang]) in front


def test_a_sheet_with_type_under_its_minimum_stops_the_build(data_copy):
    """Measured on the real PDF: the card's smallest type is 9 pt, so a minimum of 10 pt refuses it."""
    edit(data_copy / "printables.yml", "smallest_type: {a4: 10, poster: 12, card: 9}",
         "smallest_type: {a4: 10, poster: 12, card: 10}")
    with pytest.raises(SiteInputError) as error:
        make_sheets(load_dataset(data_copy), "en")
    assert error.value.file == "data/printables.yml" and "smallest_type.card" in str(error.value)
    assert "Wallet card (en) prints text at 9.0 pt" in str(error.value) and "10 pt" in error.value.fix


def test_a_sheet_under_its_minimum_is_refused_when_read_back_from_the_cache_too(dataset, data_copy, tmp_path):
    cache = tmp_path / "cache"
    printing.print_sheets(dataset, "en", SITE_NAMES["en"], URL, cache=cache)
    edit(data_copy / "printables.yml", "card: 9}", "card: 9.5}")
    with pytest.raises(SiteInputError) as error:
        printing.print_sheets(load_dataset(data_copy), "en", SITE_NAMES["en"], URL, cache=cache)
    assert "smallest_type.card" in str(error.value)


def test_a_minimum_type_size_for_every_sheet_is_required(data_copy):
    line = edit(data_copy / "printables.yml", "smallest_type: {a4: 10, poster: 12, card: 9}",
                "smallest_type: {a4: 10, poster: 12}")
    error = load_error(data_copy)
    assert error.line == line and "card" in error.fix


def test_a_label_without_its_placeholder_is_refused(data_copy):
    line = edit(data_copy / "printables.yml", 'steps: {zh: "第{n}步", en: "steps {n}"}', 'steps: {zh: "第{n}步", en: "steps"}')
    error = load_error(data_copy)
    assert error.line == line and "{n}" in error.fix


def test_an_unchanged_sheet_keeps_its_pdf_and_a_changed_one_is_printed_again(dataset, data_copy):
    first = make_sheets(dataset, "en")
    again = printing.print_sheets(dataset, "en", SITE_NAMES["en"], URL, reuse=first)
    assert all(a is b for a, b in zip(first, again))
    edit(data_copy / "printables.yml", "Be on your guard.", "Stay on your guard.")
    changed = printing.print_sheets(load_dataset(data_copy), "en", SITE_NAMES["en"], URL, reuse=first)
    assert all(a is not b for a, b in zip(first, changed)) and changed[0].pdf != first[0].pdf


# --------------------------------------------------------------------------- the built PDFs and pages

def built_pdfs(site_root: Path, file_prefix: str = "dali-anti-fraud") -> dict[tuple[str, str], Path]:
    """The Dali site's PDFs (their prefix is data/site.yml's print_prefix)."""
    return {(kind, lang): site_root / i18n.prefix(lang) / printables.FOLDER / printables.pdf_name(file_prefix, kind, lang)
            for kind in printables.FORMATS for lang in i18n.LANGUAGES}


@pytest.mark.build
def test_each_pdf_has_its_pages_its_size_and_embedded_subset_fonts(built_site, dataset):
    for (kind, lang), path in built_pdfs(built_site.root).items():
        assert path.is_file(), path
        assert path.stat().st_size < printing.MAX_BYTES, (path, path.stat().st_size)
        reader = PdfReader(path)
        assert len(reader.pages) == printables.FORMATS[kind].pages, (path, len(reader.pages))
        fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
        assert fonts
        for font in fonts:
            assert re.match(r"/[A-Z]{6}\+", str(font["/BaseFont"])), font["/BaseFont"]  # a subset
        names = " ".join(str(font["/BaseFont"]) for font in fonts)
        assert printing.FONTS[lang].replace(" ", "-") in names, names
        if lang == "zh":
            assert "Noto-Sans-CJK-SC" in names
        root = reader.trailer["/Root"]  # tagged, with its language and title, for screen readers
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root, path
        assert root["/Lang"] == ("zh-Hans" if lang == "zh" else "en")
        assert reader.metadata.title.endswith(printables.data_of(dataset).data.sheets[kind].model_dump()[lang]) or \
            reader.metadata.title.startswith(printables.data_of(dataset).data.sheets[kind].model_dump()[lang])


@pytest.mark.build
def test_the_pdf_text_is_selectable_and_comes_from_the_data(built_site, dataset):
    data = printables.data_of(dataset).data
    for (kind, lang), path in built_pdfs(built_site.root).items():
        text = squeeze("".join(page.extract_text() for page in PdfReader(path).pages))
        for number, label in dataset.identity.hotlines(lang):
            assert number in text and squeeze(label) in text, (path, label)
        for step in data.rule.steps:
            assert squeeze(step.text.model_dump()[lang]) in text, (path, step.text)
        shown = data.red_flags.on_card if kind == "card" else list(data.red_flags.lines)
        for scam_type in shown:
            assert squeeze(data.red_flags.lines[scam_type].model_dump()[lang]) in text, (path, scam_type)
        assert squeeze(built_site.url + i18n.prefix(lang)) in text


@pytest.mark.build
def test_the_qr_code_printed_in_each_pdf_opens_the_home_page_of_its_language(built_site):
    for (kind, lang), path in built_pdfs(built_site.root).items():
        last_page = printables.FORMATS[kind].pages
        found = decode_qr(pdf_page_image(path, last_page))
        assert found == [built_site.url + i18n.prefix(lang)], (path, found)
        home = built_site.root / i18n.prefix(lang) / "index.html"
        assert home.is_file()


@pytest.mark.build
def test_the_leaflet_pages_list_the_sheets_and_link_to_the_pdfs(built_site, dataset):
    from bs4 import BeautifulSoup
    for lang in i18n.LANGUAGES:
        index = BeautifulSoup(built_site.html(i18n.prefix(lang) + "leaflet/"), "html.parser")
        downloads = [a["href"] for a in index.select("a.sheet-download")]
        assert downloads == [printables.pdf_name(dataset.identity.print_prefix, kind, lang) for kind in printables.FORMATS]
        for kind in printables.FORMATS:
            page = BeautifulSoup(built_site.html(f"{i18n.prefix(lang)}leaflet/{kind}/"), "html.parser")
            link = page.select_one("a.sheet-download")
            target = (built_site.root / i18n.prefix(lang) / "leaflet" / kind / link["href"]).resolve()
            assert target == built_pdfs(built_site.root)[(kind, lang)].resolve() and target.is_file()
            size = round(target.stat().st_size / 1000)
            assert f"{size:,}" in page.select_one(".sheet-download__facts").get_text()
            assert page.select_one(".sheet-preview .sheet svg path") is not None


@pytest.mark.browser
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_qr_code_on_the_page_decodes_to_the_home_page_at_360px(browser, served_site, lang):
    from PIL import Image
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(served_site.url + i18n.prefix(lang) + "leaflet/a4/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    png = page.locator(".sheet-preview .sheet__qr").screenshot()
    context.close()
    assert decode_qr(Image.open(io.BytesIO(png))) == [served_site.url + i18n.prefix(lang)]


def test_a_printed_sheet_is_read_back_from_the_cache_only_while_nothing_it_depends_on_changed(dataset, data_copy,
                                                                                              tmp_path):
    cache = tmp_path / "cache"
    first = printing.print_sheets(dataset, "en", SITE_NAMES["en"], URL, cache=cache)
    files = sorted(cache.iterdir())
    assert [path.name.split("-")[:2] for path in files] == [["a4", "en"], ["card", "en"], ["poster", "en"]]
    for path in files:  # a marked copy: read back, not printed again
        path.write_bytes(path.read_bytes() + b"%cached")
    again = printing.print_sheets(dataset, "en", SITE_NAMES["en"], URL, cache=cache)
    assert all(sheet.pdf.endswith(b"%cached") for sheet in again)
    assert all(a.pdf + b"%cached" == b.pdf for a, b in zip(first, again))
    # another address (so another QR code), or other text: printed again, and the old print removed
    moved = printing.print_sheets(dataset, "en", SITE_NAMES["en"], "https://example.gov.cn/", cache=cache)
    assert not any(sheet.pdf.endswith(b"%cached") for sheet in moved)
    assert len(list(cache.iterdir())) == 3
    edit(data_copy / "printables.yml", "Be on your guard.", "Stay on your guard.")
    reworded = printing.print_sheets(load_dataset(data_copy), "en", SITE_NAMES["en"], "https://example.gov.cn/",
                                   cache=cache)
    assert all(a.pdf != b.pdf for a, b in zip(moved, reworded)) and len(list(cache.iterdir())) == 3
    assert "Stay on your guard" in PdfReader(io.BytesIO(reworded[0].pdf)).pages[0].extract_text()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_long_site_address_still_fits_every_sheet(dataset, lang):
    """The address is printed under the QR code: a long SITE_URL (a sub-path on a government host) must not
    push a sheet onto another page."""
    long_url = "https://www.dali-police.example.gov.cn/anti-fraud/awareness/site/"
    sheets = make_sheets(dataset, lang, long_url)  # each sheet's page count is checked as it is printed
    assert [len(PdfReader(io.BytesIO(sheet.pdf)).pages) for sheet in sheets] == \
        [printables.FORMATS[kind].pages for kind in printables.FORMATS]

"""What people in the article said, kept once in data/quotes.yml and quoted with ``{{ quote ID }}``.

A quote is the article's own words, character for character (checked against
the cited line of the source document, like the figures' quotes), with one
English translation: a page never translates a quote again, so the same words
read the same on every page. The Chinese is shown with full-width punctuation
between Chinese characters (the article types half-width commas); no word changes.
Every string is escaped (html.escape): data is text, never markup.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, PositiveInt

from . import schema, sources
from .checker import check_text
from .errors import SiteInputError
from .markup import MarkerKind
from .quotes import misplaced
from .schema import BilingualLine, Line, Slug, Strict
from .yamlfile import LocatedData

FILE = "quotes.yml"
CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”]"
HALF_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
BETWEEN_CHINESE = re.compile(rf"(?<={CJK})\s*([,:;?!()])\s*|\s*([,:;?!()])\s*(?={CJK})")


class Labels(Strict):
    translation: BilingualLine  # after the speaker on English pages: "our translation"


class QuoteSpec(Strict):
    id: Slug
    speaker: BilingualLine       # who said it, as the article names them
    document: Slug | None = None  # its document in data/sources.yml (left out: the first one listed)
    line: PositiveInt            # its line in that document
    quote: Line                  # the document's words, verbatim
    en: Line                     # our translation


class QuotesFile(Strict):
    labels: Labels
    quotes: Annotated[list[QuoteSpec], Field(min_length=1)]


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: dict[str, str]
    line: int
    text: str                    # verbatim
    en: str
    file: str
    file_line: int | None        # where it is written in data/quotes.yml
    document: str = ""           # the id of its source document


@dataclass(frozen=True)
class Quotes:
    labels: dict[str, dict[str, str]]
    quotes: dict[str, Quote]


def load(located: LocatedData, dataset) -> Quotes:
    parsed = schema.validate(QuotesFile, located)
    check_text(located)
    lines = schema.id_lines(located, parsed.quotes, "quotes", "quote")
    quotes = {spec.id: Quote(spec.id, spec.speaker.model_dump(), spec.line, spec.quote, spec.en,
                             located.file, lines[spec.id],
                             sources.resolve(dataset.sources, spec.document, located.file, lines[spec.id],
                                             f"{spec.id}.document"))
              for spec in parsed.quotes}
    return Quotes({name: value.model_dump() for name, value in parsed.labels}, quotes)


def known(dataset) -> dict:
    """The ids a {{ quote ID }} marker may take."""
    data = dataset.extras.get(FILE)
    return data.quotes if data else {}


def check_document(dataset, lines: list[str], document_name: str, document: str | None = None) -> None:
    """Each quote of ``document`` (the site's only one by default) stands word for word on its cited line."""
    data: Quotes | None = dataset.extras.get(FILE)
    document = document or next(iter(dataset.sources))
    for quote in (data.quotes.values() if data else ()):
        if quote.document != document:
            continue
        problem = misplaced(quote.text, quote.line, lines, document_name)
        if problem:
            field = f"{quote.id}.line" if problem[0].startswith("line ") else f"{quote.id}.quote"
            raise SiteInputError(quote.file, quote.file_line, field, *problem)


def chinese_typography(text: str) -> str:
    """Half-width punctuation next to Chinese characters shown full-width: the same words, set as Chinese."""
    return BETWEEN_CHINESE.sub(lambda m: HALF_WIDTH[m.group(1) or m.group(2)], text)


def render(ctx, quote_id: str) -> str:
    data: Quotes = ctx.dataset.extras[FILE]
    quote = data.quotes[quote_id]
    if ctx.lang == "zh":
        words = f"“{chinese_typography(quote.text)}”"
        by = f"——{quote.speaker['zh']}"
    else:
        words = f'"{quote.en}"'
        by = f"– {quote.speaker['en']} ({data.labels['translation']['en']})"
    return (f'<blockquote class="speech" data-quote="{html.escape(quote.id, quote=True)}">'
            f"<p>{html.escape(words, quote=False)}</p>"
            f'<p class="speech__by">{html.escape(by, quote=False)}</p></blockquote>')


MARKERS = (
    MarkerKind("quote", render, "quote", known,
               help="what someone in the article said, with its one translation (data/quotes.yml)",
               defined_in="data/quotes.yml"),
)

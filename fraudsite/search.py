"""The site's own search entries: one short entry per case.

Material's search index (search/search_index.json) is a public format: a
config and a list of {location, title, text}. Titles and text in it are HTML
(Material shows them with innerHTML), so every string from data/ is escaped
here. Chinese text is segmented into words with jieba, joined by zero-width
spaces, as Material does for the pages it indexes.
"""
from __future__ import annotations

import html
import json
import re

from .errors import SiteInputError

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def segment(text: str) -> str:
    """Chinese runs split into words, each surrounded by zero-width spaces."""
    if not HAN.search(text):
        return text
    import jieba

    def split(match: re.Match) -> str:
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"

    return HAN.sub(split, text).strip("\u200b")


def entry(location: str, title: str, text: str, lang: str) -> dict:
    title, text = html.escape(title), html.escape(text)
    if lang == "zh":
        title, text = segment(title), segment(text)
    return {"location": location, "title": title, "text": text}


def add_entries(index_json: str, entries: list[dict], strip_prefix: str = "") -> str:
    """The index with ``entries`` added and, for a language in a folder, locations made relative to it."""
    index = json.loads(index_json)
    docs = index["docs"] + entries
    if strip_prefix:
        docs = [dict(doc, location=doc["location"][len(strip_prefix):]) if doc["location"].startswith(strip_prefix)
                else doc for doc in docs]
    index["docs"] = docs
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


# Every reader who searches downloads the whole index of their language. 3,000 cases make 1.4 MB
# (README, Performance); past this limit something is pasted where it should not be.
MAX_INDEX_BYTES = 5_000_000


def check_size(index_json: str, lang: str, source_of) -> None:
    """Refuse an index over the limit, naming the page with the largest entry (``source_of(location)``
    gives its file)."""
    size = len(index_json.encode("utf-8"))
    if size <= MAX_INDEX_BYTES:
        return
    docs = json.loads(index_json)["docs"]
    largest = max(docs, key=lambda doc: len(doc.get("text", "")) + len(doc.get("title", "")))
    raise SiteInputError(source_of(largest["location"]), None, "search index",
                         f"the {lang} search index is {size:,} bytes, over the limit of {MAX_INDEX_BYTES:,}; "
                         f"the largest entry is this page's ({len(largest.get('text', '')):,} characters)",
                         "shorten that page or summary (search.MAX_INDEX_BYTES)")

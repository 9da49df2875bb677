"""Language pairing by URL: every page exists in both languages, so its
counterpart is found by swapping the language prefix."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

LANGUAGES = ("zh", "en")
DEFAULT = "zh"


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def neutral_url(url: str, lang: str) -> str:
    """A page URL without its language prefix ("en/tips/" -> "tips/")."""
    lead = prefix(lang)
    return url[len(lead):] if lead and url.startswith(lead) else url


def counterparts(url: str, lang: str, site_url: str) -> dict[str, str]:
    """Absolute URL of this page in every language."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    neutral = neutral_url(url, lang)
    return {other: f"{base}{prefix(other)}{neutral}" for other in LANGUAGES}


def site_path(site_url: str) -> str:
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def split_search_index(combined: dict) -> dict[str, dict]:
    """One index per language from mkdocs-static-i18n's mixed one.

    Each language's locations are made relative to that language's root,
    which is where Material's search resolves them from.
    """
    per_language = {}
    for lang in LANGUAGES:
        lead = prefix(lang)
        others = tuple(prefix(other) for other in LANGUAGES if prefix(other))
        if lead:
            docs = [dict(d, location=d["location"][len(lead):]) for d in combined["docs"]
                    if d["location"].startswith(lead)]
        else:
            docs = [d for d in combined["docs"] if not d["location"].startswith(others)]
        config = dict(combined["config"], lang=[lang] if lang != DEFAULT else combined["config"]["lang"])
        per_language[lang] = {"config": config, "docs": docs}
    return per_language


def dump_index(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def page_sitemap(urls: dict[str, str]) -> str:
    """A tiny sitemap naming one page and its translations.

    Material's language selector fetches "<alternate URL>/sitemap.xml" for
    each hreflang link on every page; this answers it from the same folder.
    """
    links = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>' for lang, href in urls.items())
    body = "".join(f"<url><loc>{href}</loc>{links}</url>" for href in urls.values())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{body}</urlset>\n')

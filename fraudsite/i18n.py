"""The site's languages, defined once, and how a page finds itself in the other one.

Every page exists in both languages (the build refuses a page without its
counterpart), so a page's counterpart is found by swapping the language
prefix of its URL: "tips/" <-> "en/tips/".
"""
from __future__ import annotations

import posixpath
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr, escape

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
NAMES = {"zh": "简体中文", "en": "English"}


def prefix(lang: str) -> str:
    """The folder a language lives in, relative to the site root ("" or "en/")."""
    return "" if lang == DEFAULT else f"{lang}/"


def other(lang: str) -> str:
    return next(candidate for candidate in LANGUAGES if candidate != lang)


def neutral_url(url: str, lang: str) -> str:
    """A page URL without its language prefix ("en/tips/" -> "tips/")."""
    lead = prefix(lang)
    return url[len(lead):] if lead and url.startswith(lead) else url


def url_in(lang: str, neutral: str) -> str:
    """The site-relative URL of a page in ``lang`` ("tips/", "en" -> "en/tips/")."""
    return prefix(lang) + neutral


def relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's own relative paths (no "..", no leading "/"), in strings only:
    posixpath.relpath asks the operating system for the working directory on every call, and a build
    makes tens of thousands of links."""
    if ".." in path or ".." in start or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    parts = [part for part in path.split("/") if part not in ("", ".")]
    base = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(parts), len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one site-relative page URL to another that works at any address.

    Both are directory-style URLs as MkDocs writes them ("", "tips/", "en/cases/x/").
    """
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    target = relpath(to_url or ".", start or ".")
    if target == ".":
        return "./"
    directory = to_url == "" or to_url.endswith("/")
    return target + "/" if directory and not target.endswith("/") else target


def absolute(site_url: str, url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + url


def site_path(site_url: str) -> str:
    """The path the site lives under ("/" or "/fanzha/"), from its address."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def counterparts(neutral: str, site_url: str) -> dict[str, str]:
    """Absolute URL of one page in every language."""
    return {lang: absolute(site_url, url_in(lang, neutral)) for lang in LANGUAGES}


def sitemap(neutral_urls: list[str], site_url: str) -> str:
    """A sitemap of every page in every language, each naming its translations (hreflang) and an x-default.

    Search engines read the language alternates here (one of the three ways Google
    documents); the pages themselves carry only their canonical link, so a copy of
    the site served at another address never asks the configured host for anything.
    """
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for neutral in neutral_urls:
        urls = counterparts(neutral, site_url)
        links = "".join(f"<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href={quoteattr(href)}/>"
                        for lang, href in urls.items())
        links += f"<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href={quoteattr(urls[DEFAULT])}/>"
        for lang in LANGUAGES:
            out.append(f"<url><loc>{escape(urls[lang])}</loc>{links}</url>")
    out.append("</urlset>\n")
    return "\n".join(out)


def sitemap_index(site_url: str, sitemaps: list[str]) -> str:
    """A sitemap index naming ``sitemaps`` (site-relative paths).

    /sitemap.xml and /en/sitemap.xml are such small indexes: Material's JavaScript fetches and parses the
    sitemap.xml beside every <link rel=alternate> of a page (the feed's, on every page view), and has no use
    for it there; the full sitemap, which grows with every case, is read by search engines only."""
    entries = "".join(f"<sitemap><loc>{escape(absolute(site_url, path))}</loc></sitemap>" for path in sitemaps)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n')


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"

"""The finished HTML of every page, checked against an allowlist.

The Markdown lint (fraudsite.lint) reads what contributors write; this reads
what readers get, after Markdown, the hooks and the theme have done their work,
with a parser that reads HTML the way browsers do (lexbor, through selectolax).
Anything not on the lists below fails the build.

- The page content (Material's ``article``) may hold text markup, tables,
  figures, the charts' SVG and links; no scripts, styles, frames, forms or
  inputs (on an anti-fraud site, a field asking for a card number is a phishing
  page), no event handlers, no inline styles, and no URL with a scheme other
  than http(s), mailto and tel; images load from the site itself.
- The theme around it may hold what Material for MkDocs uses, and scripts only
  from a fixed list of the site's own files plus Material's configuration data.
- Nowhere may a ``{{`` or a full-width ``｛｛`` survive: a marker that was not
  rendered would reach readers as raw text.
- Links are checked for what they do: a ``tel:`` link holds a phone number
  (digits, an optional +, separators: ``tel:9611O`` would dial 96116) and
  shows the number it dials; a link in the page text to another host goes
  only to a host on the site's allowlist (``extra.external_hosts`` in
  mkdocs.yml), so a look-alike or phishing address cannot be published by
  mistake.

nh3 (ammonia) was considered: it cleans HTML silently, while the build must
refuse and say where; a parse plus an explicit allowlist does that.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from .errors import SiteInputError
from .settings import is_phone, phone_digits

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "background", "ping", "xlink:href",
                  "manifest", "codebase", "longdesc", "usemap", "icon", "lowsrc", "dynsrc"}
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"}
CONTENT_ELEMENTS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    "article", "aside", "header", "footer",
    # the charts (fraudsite.charts)
    "svg", "title", "desc", "g", "rect", "text", "line",
    # the QR codes of the printable sheets (fraudsite.printables, drawn by segno)
    "path",
}
CONTENT_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"}, "time": {"datetime"}, "details": {"open"},
    "svg": {"viewbox", "width", "height", "preserveaspectratio", "xmlns", "aria-labelledby"},
    "text": {"x", "y", "font-size", "font-weight", "fill"},
    "rect": {"x", "y", "width", "height", "rx", "fill"},
    "line": {"x1", "y1", "x2", "y2", "stroke"},
    "path": {"d", "stroke", "transform"},
    "blockquote": set(), "section": set(),
}
THEME_ELEMENTS = CONTENT_ELEMENTS | {
    "html", "head", "body", "meta", "link", "script", "header", "main", "footer", "form", "input", "label", "button",
    "path", "noscript",
}
THEME_ATTRIBUTES_ANYWHERE = {"for", "type", "name", "placeholder", "autocomplete", "autocapitalize", "autocorrect",
                             "spellcheck", "required", "checked", "value", "content", "charset", "http-equiv", "rel",
                             "hreflang", "href", "src", "d", "alt", "width", "height", "viewbox", "xmlns",
                             "aria-labelledby", "preserveaspectratio", "fill", "x", "y", "rx", "font-size",
                             "font-weight", "download", "media", "sizes"}
META_NAMES = {"viewport", "description", "referrer", "theme-color", "generator", "robots"}
LINK_RELS = {"canonical", "icon", "stylesheet", "prev", "next", "alternate", "manifest"}
MARKER_LEFTOVER = re.compile(r"\{\{|\}\}|｛｛|｝｝|｛|｝")
CONTROL = re.compile(r"[\x00-\x20\x7f]+")
# a number as shown to readers: digits, with single spaces or hyphens between groups (11O is not one)
SHOWN_NUMBER = re.compile(r"\+?[0-9]+(?:[ \-\u00a0][0-9]+)*")


@dataclass(frozen=True)
class Problem:
    what: str        # short: "<input> element", "onclick attribute"
    snippet: str     # a piece of the offending markup, to find it in the source
    fix: str
    in_content: bool


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it (whitespace and control characters dropped)."""
    cleaned = CONTROL.sub("", value).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else None


def is_off_site(value: str) -> bool:
    cleaned = CONTROL.sub("", value).lower()
    return cleaned.startswith("//") or url_scheme(value) is not None


class Checker:
    """Checks pages; ``scripts`` are the only script sources the theme may load (site-relative paths)."""

    def __init__(self, scripts: set[str], canonical_prefix: str = "", site_path: str = "/",
                 external_hosts: frozenset[str] | None = None):
        self.scripts = scripts
        # hosts the page text may link to (lower case); None leaves links to other hosts unchecked (unit tests
        # of other rules); the build always passes the site's list (extra.external_hosts in mkdocs.yml)
        self.external_hosts = external_hosts
        self.canonical_prefix = canonical_prefix
        self.site_path = site_path  # "/" or "/fanzha/": where a 404 page's absolute links start
        self.checked_parts: list[str] = []  # pieces of the theme repeated on thousands of pages, checked once
        self._clean_content: set = set()  # elements that passed, by tag and attributes (see _walk)
        self._clean_theme: set = set()

    def check_part(self, fragment: str) -> None:
        """Check a piece of theme HTML that many pages repeat word for word (the shared navigation);
        once it has passed, pages are checked without it. A piece with a problem is not remembered:
        every page that holds it then reports the problem."""
        if fragment and fragment not in self.checked_parts and not self.problems(f"<body>{fragment}</body>"):
            self.checked_parts.append(fragment)

    def problems(self, html: str) -> list[Problem]:
        for part in self.checked_parts:
            if part in html:
                html = html.replace(part, "", 1)
        tree = LexborHTMLParser(html)
        found: list[Problem] = []
        body = tree.body
        if body is not None and ("{{" in html or "}}" in html or "｛" in html or "｝" in html):
            self._leftover_markers(body, found)
        articles = tree.css("article.md-content__inner")
        if len(articles) > 1:  # the page text must not pass for the theme's, nor the reverse
            found.append(Problem("a second <article class=md-content__inner>", "md-content__inner",
                                 "remove the class md-content__inner from the page", True))
        if articles:
            self._walk(articles[0], self._content_node, self._clean_content, found)
            articles[0].decompose()  # what is left is the theme, checked by its own rules
        self._walk(tree.root, self._theme_node, self._clean_theme, found)
        return found

    @staticmethod
    def _walk(top, check, clean: set, found: list[Problem]) -> None:
        """``check`` each element under ``top``; an element (tag and attributes, exactly) that passed once
        is not checked again: the verdict depends on nothing else, and most elements repeat on every page."""
        for node in top.traverse(include_text=False):
            attributes = node.attributes
            key = (node.tag, tuple(attributes.items())) if attributes else node.tag
            if key in clean:
                continue
            before = len(found)
            check(node, found)
            if len(found) == before and not _tel_link(node):  # a tel: link is judged with the text it shows
                clean.add(key)

    # ----------------------------------------------------------------- content

    def _content_node(self, node, found: list[Problem]) -> None:
        tag = node.tag
        if tag in ("-text", "-comment", "_comment"):
            return
        if tag not in CONTENT_ELEMENTS:
            fix = {
                "script": "remove it; pages may not run code",
                "style": "remove it and put the rule in docs/assets/site.css",
                "input": "remove it; pages may not contain forms or input fields (a form asking for details on an "
                         "anti-fraud site looks like phishing)",
                "form": "remove it; pages may not contain forms",
                "iframe": "remove it; pages may not embed other pages",
            }.get(tag, "remove it, or ask a maintainer to allow it in fraudsite/htmlcheck.py")
            found.append(Problem(f"<{tag}> element", f"<{tag}", fix, True))
            return
        allowed = GLOBAL_ATTRIBUTES | CONTENT_ATTRIBUTES.get(tag, set())
        for name, value in (node.attributes or {}).items():
            name = name.lower()
            if name.startswith("aria-") or (name.startswith("data-") and not name.startswith("data-md")):
                continue
            if name.startswith("on"):
                found.append(Problem(f"{name} attribute on <{tag}>", name, "remove it; pages may not run scripts", True))
            elif name == "style":
                found.append(Problem(f"inline style on <{tag}>", "style", "use a class and a rule in "
                                     "docs/assets/site.css (inline styles are blocked by the site's CSP)", True))
            elif name not in allowed:
                found.append(Problem(f"{name} attribute on <{tag}>", name, "remove it; it is not an attribute pages use",
                                     True))
            elif name in URL_ATTRIBUTES:
                self._content_url(tag, name, value or "", found)
        if tag == "a":
            self._link(node, found, True)

    def _link(self, node, found: list[Problem], in_content: bool) -> None:
        """What a link does: the number a tel: link dials, the host another link leads to."""
        href = (node.attributes or {}).get("href") or ""
        scheme = url_scheme(href)
        if scheme == "tel":
            _tel(href, node.text(deep=True), found, in_content)
        elif in_content and self.external_hosts is not None and (scheme in ("http", "https") or
                                                                   CONTROL.sub("", href).startswith("//")):
            host = (urlsplit(CONTROL.sub("", href)).hostname or "").rstrip(".")
            own = (urlsplit(self.canonical_prefix).hostname or "") if self.canonical_prefix else ""
            if host != own and host not in self.external_hosts:
                found.append(Problem(f"link to {host or href[:60]}, a host not on the site's list", href[:40],
                                     f"check that {host} is the official address you mean (look-alike hosts are "
                                     "a phishing trick); if it is, add it under extra: external_hosts: in "
                                     "mkdocs.yml, where the hosts the site links to are reviewed", in_content))

    def _content_url(self, tag: str, name: str, value: str, found: list[Problem]) -> None:
        scheme = url_scheme(value)
        if tag == "img" and is_off_site(value):
            found.append(Problem(f"image loaded from another host ({value[:60]})", value[:40],
                                 "put the file under docs/assets/ and link to it there", True))
        elif scheme is not None and scheme not in SAFE_SCHEMES:
            found.append(Problem(f"'{scheme}:' link", value[:40],
                                 "link to a page of the site or a plain https:// address instead", True))

    # ----------------------------------------------------------------- theme

    def _theme_node(self, node, found: list[Problem]) -> None:
        tag = node.tag
        if tag in ("-text", "-comment", "_comment", "-document", "-doctype", "!doctype"):
            return
        attributes = {k.lower(): (v or "") for k, v in (node.attributes or {}).items()}
        if tag not in THEME_ELEMENTS:
            found.append(Problem(f"<{tag}> element", f"<{tag}", "remove it", False))
            return
        for name in attributes:
            if name.startswith("on"):
                found.append(Problem(f"{name} attribute on <{tag}>", name, "remove it; pages may not run scripts", False))
            elif name == "style" or name == "srcset":
                found.append(Problem(f"{name} attribute on <{tag}>", name, "remove it", False))
            elif not (name in GLOBAL_ATTRIBUTES or name in THEME_ATTRIBUTES_ANYWHERE or name.startswith(("aria-", "data-"))):
                found.append(Problem(f"{name} attribute on <{tag}>", name, "remove it", False))
        if tag == "script":
            self._theme_script(node, attributes, found)
        elif tag == "meta" and "name" in attributes and attributes["name"] not in META_NAMES:
            found.append(Problem(f"<meta name={attributes['name']}>", "<meta", "remove it", False))
        elif tag == "link":
            rel = attributes.get("rel", "")
            if rel not in LINK_RELS:
                found.append(Problem(f"<link rel={rel}>", "<link", "remove it", False))
            href = attributes.get("href", "")
            if is_off_site(href) and not (rel in ("canonical",) and self.canonical_prefix
                                          and href.startswith(self.canonical_prefix)):
                found.append(Problem(f"<link rel={rel}> to another host ({href[:60]})", href[:40],
                                     "only the canonical link may carry the site's address", False))
        for name in ("src", "action", "formaction"):
            if name in attributes and ("/" in attributes[name] or ":" in attributes[name]) \
                    and is_off_site(attributes[name]):
                found.append(Problem(f"{name} to another host on <{tag}>", attributes[name][:40],
                                     "load everything from the site itself", False))
        if tag == "a" and ":" in attributes.get("href", "") and url_scheme(attributes["href"]) not in (None, *SAFE_SCHEMES):
            found.append(Problem("unsafe link in the theme", attributes["href"][:40], "link to a page of the site",
                                 False))
        if tag == "a":
            self._link(node, found, False)

    def _theme_script(self, node, attributes: dict, found: list[Problem]) -> None:
        src = attributes.get("src")
        if src is None:
            if attributes.get("type") == "application/json" and attributes.get("id") == "__config":
                return  # Material's configuration: data, never run
            found.append(Problem("inline <script>", "<script", "the site runs only its own script files; "
                                 "remove the script", False))
            return
        path = CONTROL.sub("", src)
        path = path[len(self.site_path):] if path.startswith(self.site_path) else re.sub(r"^(\.\./)+|^\./", "", path)
        if is_off_site(src) or path not in self.scripts:
            found.append(Problem(f"<script src={src[:60]}>", src[:40],
                                 "the site loads only its own scripts (listed in fraudbuild.theme)", False))

    # ----------------------------------------------------------------- leftovers

    def _leftover_markers(self, body, found: list[Problem]) -> None:
        for node in body.traverse(include_text=True):
            if node.tag != "-text":
                continue
            text = node.text_content or ""
            if not MARKER_LEFTOVER.search(text):
                continue
            if any(parent.tag in ("code", "pre", "script") for parent in _ancestors(node)):
                continue
            snippet = MARKER_LEFTOVER.search(text)
            if snippet is None:
                continue
            start = max(0, snippet.start() - 10)
            found.append(Problem(f"unrendered marker text “{text[start:snippet.end() + 30].strip()}”",
                                 text[snippet.start():snippet.end() + 20].strip(),
                                 "write markers as {{ kind NAME }} with ASCII braces, and keep hooks/site_hook.py "
                                 "under hooks: in mkdocs.yml", True))


HOST_NAME = re.compile(r"(?=.{1,253}$)[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)+")


def allowed_hosts(listed, contact: str = "") -> frozenset[str]:
    """The hosts the page text may link to: ``extra.external_hosts`` of mkdocs.yml (checked to be host
    names), and the host of an https corrections contact (a reviewed setting of its own)."""
    listed = [] if listed is None else listed
    if not isinstance(listed, list):
        raise SiteInputError("mkdocs.yml", None, "extra.external_hosts", "is not a list of host names",
                             "write one host per line, e.g.  - www.mps.gov.cn")
    hosts = set()
    for entry in listed:
        host = str(entry).strip().lower().rstrip(".")
        if not isinstance(entry, str) or not HOST_NAME.fullmatch(host):
            raise SiteInputError("mkdocs.yml", None, "extra.external_hosts", f"{entry!r} is not a host name",
                                 "write the host only, as in www.mps.gov.cn (no https://, path or wildcard)")
        hosts.add(host)
    if contact.strip().startswith("https://"):
        hosts.add((urlsplit(contact.strip()).hostname or "").rstrip("."))
    return frozenset(hosts)


def _tel_link(node) -> bool:
    return node.tag == "a" and url_scheme((node.attributes or {}).get("href") or "") == "tel"


def _tel(href: str, shown: str, found: list[Problem], in_content: bool) -> None:
    number = CONTROL.sub("", href)[len("tel:"):]
    if not is_phone(number):
        found.append(Problem(f"'{href[:40]}' is not a phone number", href[:40],
                             "a tel: link holds digits only, with an optional + and spaces or hyphens (a letter O "
                             "for a zero dials another number)", in_content))
        return
    dialled = phone_digits(number)
    if dialled not in {phone_digits(seen) for seen in SHOWN_NUMBER.findall(shown)}:
        found.append(Problem(f"the link {href[:40]} shows “{shown.strip()[:40]}”, not the number it dials", href[:40],
                             "show the same number the link dials, so readers see what their phone will call",
                             in_content))


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def source_line(source: str, snippet: str, offset: int = 0) -> int | None:
    """The line of ``source`` where ``snippet`` (or its first word) appears, for the error message.

    Lines are also compared with their character references decoded: the parser
    reports "javascript:" where the page says "java&#115;cript:".
    """
    lines = source.splitlines()
    for needle in (snippet, snippet.split()[0] if snippet.split() else snippet):
        needle = needle.lower()
        if not needle:
            continue
        for number, line in enumerate(lines, start=1):
            if needle in line.lower() or needle in CONTROL.sub("", html.unescape(line)).lower():
                return number + offset
    return None

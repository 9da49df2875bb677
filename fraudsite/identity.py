"""Who a site is for and who publishes it, read from data/site.yml.

One file says what the engine must never know by itself: the centre's names,
its region, the hotlines, who publishes the site and how that publisher stands
to the police, the filing numbers mainland-hosted sites show, the site's title
and description, and the prefix of the print files. Every page (hotline bar,
footer, 404 pages), the feeds, the print sheets and the meta tags read it from
here, so no number or name of a centre is written in the engine's code or
templates (tests/test_identity.py checks that).

This module sits at the bottom of the core: it imports only the schema, so any
feature can render a hotline without importing another feature.
"""
from __future__ import annotations

import html
import ipaddress
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from . import settings
from .errors import SiteInputError
from .schema import BilingualLine, Slug, Strict, validate
from .yamlfile import LocatedData

FILE = "site.yml"
# What a reader's phone dials: digits, with an optional leading + and spaces or hyphens between groups.
PHONE_PATTERN = rf"^{settings.PHONE.pattern}$"
# What a release must not publish: the starter's placeholders (fraudsite.init writes them).
PLACEHOLDER = re.compile(r"待填写|\bTODO\b")


def _dialable(number: str) -> str:
    digits = len(re.sub(r"[^0-9]", "", number))
    if not 3 <= digits <= 15:  # from a three-digit emergency number to the longest international one (ITU-T E.164)
        raise ValueError(f"has {digits} digits; a number a phone can dial has 3 to 15")
    return number


PhoneNumber = Annotated[str, Field(pattern=PHONE_PATTERN), AfterValidator(_dialable)]


class Names(Strict):
    full: BilingualLine   # the centre's full name, as the police write it
    short: BilingualLine  # the name a reader knows it by


class Hotline(Strict):
    number: PhoneNumber
    role: Slug            # police, warning, local, …: what the number is for (any word the site needs)
    label: BilingualLine  # the one name of this number, used everywhere it is shown


class Publisher(Strict):
    """Who publishes the site, and how they stand to the police: every page says it in its footer."""
    name: BilingualLine
    relation: BilingualLine


class Filing(Strict):
    """The numbers a site hosted in mainland China shows in its footer (both optional)."""
    icp: str | None = Field(default=None, min_length=1, max_length=60)         # ICP备案号, e.g. 滇ICP备…号
    police: str | None = Field(default=None, pattern=r"^[0-9]{8,20}$")           # 公安联网备案号: its digits
    police_region: str | None = Field(default=None, min_length=1, max_length=6)  # 滇公网安备 (the prefix shown)


class SiteFile(Strict):
    centre: Names
    region: BilingualLine           # the area the site covers (a prefecture, a county, a city)
    title: BilingualLine            # the site's name (page titles, feeds, print sheets)
    description: BilingualLine      # the home page's meta description and the feeds' subtitle
    publisher: Publisher
    hotlines: Annotated[list[Hotline], Field(min_length=1)]
    print_prefix: Slug              # the PDFs are <prefix>-<sheet>-<language>.pdf
    filing: Filing = Filing()
    # An example site whose centre, cases and figures are invented (examples/county/): every page says so and
    # asks search engines not to index it, and a release builds it only for a loopback or reserved example host.
    fictional: bool = False


class Identity:
    """The checked content of data/site.yml, with a reader for each language."""

    def __init__(self, parsed: SiteFile, located: LocatedData | None = None):
        self._site = parsed
        self._located = located

    @property
    def site(self) -> SiteFile:
        return self._site

    def text(self, field: BilingualLine, lang: str) -> str:
        return str(getattr(field, lang))

    def title(self, lang: str) -> str:
        return self.text(self._site.title, lang)

    def description(self, lang: str) -> str:
        return self.text(self._site.description, lang)

    def region(self, lang: str) -> str:
        return self.text(self._site.region, lang)

    def publisher(self, lang: str) -> str:
        return self.text(self._site.publisher.name, lang)

    def hotlines(self, lang: str) -> list[tuple[str, str]]:
        """(number, label) of every hotline, in the order of data/site.yml."""
        return [(hotline.number, self.text(hotline.label, lang)) for hotline in self._site.hotlines]

    @property
    def print_prefix(self) -> str:
        return self._site.print_prefix

    @property
    def fictional(self) -> bool:
        return self._site.fictional


def load(located: LocatedData) -> Identity:
    return Identity(validate(SiteFile, located), located)


# --------------------------------------------------------------------------- what pages show

def tel(number: str) -> str:
    """The tel: address of a number as shown (separators dropped)."""
    return "tel:" + re.sub(r"[ -]", "", number)


BAR_LEAD = {"zh": "遇到诈骗？", "en": "Scam?"}
URGENT = {"zh": "如果正在被骗，请立即拨打：", "en": "If you are being defrauded right now, call: "}
PUBLISHED_BY = {"zh": "本站发布者：{name}。", "en": "Published by {name}. "}


def hotline_bar(identity: Identity, lang: str) -> str:
    """The line above every page's header: each number with its label, linked."""
    items = " ".join(f'<span class="hotline-bar__item">{html.escape(label, quote=False)} <a href="{tel(number)}">{html.escape(number)}</a></span>'
                       for number, label in identity.hotlines(lang))
    space = "" if lang == "zh" else " "
    return f'<p class="hotline-bar"><span class="hotline-bar__lead">{BAR_LEAD[lang]}</span>{space}{items}</p>'


def urgent_line(identity: Identity, lang: str) -> str:
    """The 404 pages' one sentence: whom to call now."""
    separator = "；" if lang == "zh" else "; "
    items = separator.join(f'{html.escape(label, quote=False)} <a href="{tel(number)}">{html.escape(number)}</a>'
                           for number, label in identity.hotlines(lang))
    return f"<p>{URGENT[lang]}{items}{'。' if lang == 'zh' else '.'}</p>"


def publisher_line(identity: Identity, lang: str) -> str:
    """Every page's footer: who publishes the site and how they stand to the police."""
    site = identity.site
    name = html.escape(identity.publisher(lang), quote=False)
    relation = html.escape(identity.text(site.publisher.relation, lang), quote=False)
    return f'<p class="site-publisher">{PUBLISHED_BY[lang].format(name=name)}{relation}</p>'


FICTIONAL_NOTICE = {"zh": "本站为虚构的示例网站，其中的单位、案件和数字都不是真实的。",
                    "en": "This is a fictional example site: its centre, cases and figures are not real."}
NOINDEX = '<meta name="robots" content="noindex">'


def fictional_banner(identity: Identity, lang: str) -> str:
    """Above every page of a fictional site: it is not real (nothing for a real site)."""
    return f'<p class="fictional-banner" role="note">{FICTIONAL_NOTICE[lang]}</p>' if identity.fictional else ""


def robots_meta(identity: Identity) -> str:
    """A fictional site asks search engines not to index its pages (nothing for a real site)."""
    return NOINDEX if identity.fictional else ""


# Hosts a fictional site may be built for in a release: loopback, and the names reserved for testing and
# examples (RFC 2606, RFC 6761), which no one can publish at.
RESERVED_SUFFIXES = (".localhost", ".test", ".example", ".invalid", ".example.org", ".example.com", ".example.net")
RESERVED_HOSTS = {"localhost", "example.org", "example.com", "example.net"}


def refuse_public_address(identity: Identity, site_url: str) -> None:
    """A fictional site is never published: its release is built only for a loopback or reserved example host."""
    if not identity.fictional:
        return
    host = (urlsplit(site_url).hostname or "").lower().rstrip(".")
    if host in RESERVED_HOSTS or host.endswith(RESERVED_SUFFIXES) or _loopback(host):
        return
    raise SiteInputError(f"data/{FILE}", identity._located.line_of(("fictional",)) if identity._located else None,
                         "fictional", f"a fictional site is never published, and {site_url} is a real address",
                         "build it for a loopback address (SITE_URL=http://127.0.0.1:8000/) or a reserved example "
                         "host (*.test, *.example, *.localhost); to publish a real site, remove `fictional: true`")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# Where a reader checks a filing number (the two registers' public pages).
ICP_REGISTER = "https://beian.miit.gov.cn/"
POLICE_REGISTER = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


def filing_line(identity: Identity) -> str:
    """The ICP and public-security filing numbers, linked to their registers, or nothing."""
    filing = identity.site.filing
    parts = []
    if filing.icp:
        parts.append(f'<a href="{ICP_REGISTER}">{html.escape(filing.icp)}</a>')
    if filing.police:
        shown = f"{filing.police_region or ''}公网安备{filing.police}号"
        parts.append(f'<a href="{html.escape(POLICE_REGISTER.format(code=filing.police))}">{html.escape(shown)}</a>')
    return f'<p class="site-filing">{" · ".join(parts)}</p>' if parts else ""

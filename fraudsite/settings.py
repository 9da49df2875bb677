"""The two settings a release is built with, checked like data.

SITE_URL (mkdocs.yml ``site_url``) goes into the canonical links, the sitemap,
robots.txt, the feeds and the QR codes of the printed sheets;
CORRECTIONS_CONTACT (``extra.corrections.contact``) into every page's footer.
A wrong value is refused with the setting's name, the way a data file names
its line:

- SITE_URL is an absolute http(s) address with no query, fragment, user name,
  quote or space;
- CORRECTIONS_CONTACT is an e-mail address, an https address or a phone
  number, and is shown as a mailto:, https: or tel: link;
- a release refuses an address that leads nowhere for a reader: loopback,
  private-network, link-local and reserved hosts, and the domains kept for
  examples (example.org, .test, .invalid, .example, .localhost), compared
  case-insensitively. Tests serve their builds on loopback: they set
  FRAUDSITE_LOCAL_RELEASE=1, which lets a release use those hosts (the form is
  still checked). `make serve` builds previews, which may use any host.
"""
from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from urllib.parse import urlsplit

from .errors import SiteInputError

LOCAL_RELEASE = "FRAUDSITE_LOCAL_RELEASE"
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")  # RFC 2606, with their subdomains
RESERVED_SUFFIXES = ("test", "invalid", "example", "localhost", "local")  # RFC 2606 / 6761 / 6762 top-level names
UNSAFE_CHARACTERS = re.compile(r"[\s\"'<>`\\{}|^]")

# A phone number as written for people: digits, an optional leading +, single spaces or hyphens between
# digit groups, 3 to 20 digits (a three-digit emergency number is a phone number; so is +86 872 1234 5678).
PHONE = re.compile(r"\+?[0-9]+(?:[ \-][0-9]+)*")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@(?P<host>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")


def is_phone(text: str) -> bool:
    return bool(PHONE.fullmatch(text)) and 3 <= sum(c.isdigit() for c in text) <= 20


# A token of letters, digits and hyphens, with at least two digits: where a phone number would be written.
NUMBER_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9])")
LOOK_ALIKES = set("OoIlSBZ")  # letters read as 0, 1, 5, 8, 2 (11O dials another number)


def broken_phone(text: str) -> str | None:
    """The first thing in ``text`` written where a phone number goes but not dialable as written:
    digits mixed with a letter that looks like one (11O), or letters among digit groups (400-FRAUD-1)."""
    for match in NUMBER_TOKEN.finditer(unicodedata.normalize("NFKC", text)):  # full-width １１Ｏ too
        token = match.group(0)
        digits = sum(c.isdigit() for c in token)
        if not digits or token.replace("-", "").isdigit():
            continue
        groups = token.split("-")
        letters = [c for c in token if c.isalpha()]
        if all(c in LOOK_ALIKES for c in letters) and digits + len(letters) >= 3:
            return token
        if len(groups) > 1 and any(group.isdigit() and len(group) >= 3 for group in groups):
            return token
    return None


def phone_digits(text: str) -> str:
    """What a phone dials: the digits, and a leading + (separators dropped)."""
    return re.sub(r"[^0-9+]", "", text)


# A host written as numbers, which browsers read as an IPv4 address (WHATWG URL): 127.1, 0x7f000001,
# 2130706433 and 0177.0.0.1 are all 127.0.0.1
NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}")


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if NUMERIC_HOST.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))  # the short, hex and octal forms browsers accept
        except (OSError, ValueError):
            return None
    return None


def host_problem(host: str) -> str | None:
    """Why ``host`` leads nowhere for a reader of a published site, or None."""
    host = host.lower().rstrip(".").strip("[]")
    address = _address(host)
    if address is None and NUMERIC_HOST.fullmatch(host):
        return "a number that is not a valid address"
    if address is not None:
        for flag, why in (("is_loopback", "a loopback address (this computer)"),
                          ("is_link_local", "a link-local address"),
                          ("is_private", "a private-network address"),
                          ("is_reserved", "a reserved address"),
                          ("is_unspecified", "an unspecified address"),
                          ("is_multicast", "a multicast address")):
            if getattr(address, flag):
                return why
        return None if address.is_global else "not a public internet address"
    if host == "localhost" or host.endswith(".localhost"):
        return "a loopback name (this computer)"
    if any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS):
        return "a domain reserved for examples"
    if host.rsplit(".", 1)[-1] in RESERVED_SUFFIXES:
        return f"a reserved name (.{host.rsplit('.', 1)[-1]} is never a public site)"
    return None


def check_site_url(site_url: str, *, release: bool, local_ok: bool = False) -> None:
    name = "SITE_URL"
    if not site_url.strip():
        _refuse(name, "is empty", "build with the public address: SITE_URL=https://your.host/ make site")
    if UNSAFE_CHARACTERS.search(site_url):
        _refuse(name, f"{site_url!r} has a space, quote or bracket in it",
                "write the address as a browser shows it, e.g. SITE_URL=https://your.host/")
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        _refuse(name, f"{site_url!r} is not an absolute http(s) address",
                "start it with https:// and the host, e.g. SITE_URL=https://your.host/")
    if parts.query or parts.fragment or "?" in site_url or "#" in site_url:
        _refuse(name, f"{site_url!r} has a query (?…) or a fragment (#…)",
                "give the address of the site's home page only, e.g. SITE_URL=https://your.host/fanzha/")
    if parts.username is not None or parts.password is not None:
        _refuse(name, f"{site_url!r} has a user name in it", "remove the part before @")
    try:
        _port = parts.port  # urlsplit reads the port only when asked
    except ValueError:
        _refuse(name, f"{site_url!r} has a port that is not a number from 0 to 65535", "correct or remove the :port")
    if release and parts.hostname:
        why = host_problem(parts.hostname)
        if why and not local_ok:
            _refuse(name, f"the site address leads nowhere for readers (a placeholder): {parts.hostname} is {why} "
                    f"({site_url})",
                    "build a release with the site's public address: SITE_URL=https://your.host/ make site "
                    "(the QR codes, feeds and sitemap carry it; `make serve` may use any address)")


def contact_href(contact: str) -> str | None:
    """The link a corrections contact makes (mailto:, tel: or https:), or None if it is none of the three."""
    contact = contact.strip()
    if EMAIL.fullmatch(contact):
        return "mailto:" + contact
    if is_phone(contact):
        return "tel:" + phone_digits(contact)
    parts = urlsplit(contact)
    if parts.scheme == "https" and parts.hostname and not UNSAFE_CHARACTERS.search(contact) \
            and parts.username is None:
        return contact
    return None


def check_contact(contact: str, *, release: bool, local_ok: bool = False) -> None:
    name = "CORRECTIONS_CONTACT"
    contact = contact.strip()
    if not contact:
        if release:
            _refuse(name, "no corrections contact is set",
                    "set it when building: CORRECTIONS_CONTACT='…' make site (readers are told where to report "
                    "an error on the site)")
        return
    href = contact_href(contact)
    if href is None:
        _refuse(name, f"{contact[:80]!r} is not an e-mail address, an https address or a phone number",
                "give one of the three, e.g. CORRECTIONS_CONTACT=fanzha@your.host, "
                "CORRECTIONS_CONTACT=https://your.host/corrections or CORRECTIONS_CONTACT='0872 123 4567'")
    if release and href is not None and not href.startswith("tel:"):
        email = EMAIL.fullmatch(contact)
        host = email.group("host") if email else urlsplit(contact).hostname
        why = host_problem(host) if host else None
        if why and not local_ok:
            _refuse(name, f"{contact!r} leads nowhere: {host} is {why}",
                    "give the real address readers should write to; a release prints it on every page")


def check_settings(site_url: str, contact: str, *, release: bool, local_ok: bool = False) -> None:
    """Both settings; ``release`` adds the hosts that lead nowhere (``local_ok``: tests on loopback)."""
    check_site_url(site_url, release=release, local_ok=local_ok)
    check_contact(contact, release=release, local_ok=local_ok)


def _refuse(name: str, problem: str, fix: str) -> None:
    # mkdocs.yml reads both settings from the environment (!ENV); the message names the variable
    raise SiteInputError("mkdocs.yml", None, name, problem, fix)

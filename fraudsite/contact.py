"""How readers reach someone: the hotlines (on every page, in the checker and on the printables) and the
site's corrections contact.

A bottom-layer module: the checker and the printables read the hotlines here. The numbers and their
labels are the site's own (data/site.yml, fraudsite.identity); nothing here knows a number.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

from . import settings
from .identity import tel
from .markup import MarkerKind, PageContext, attr


def hotline_links(entries: Sequence[tuple[str, str]]) -> str:
    """The numbers as tap-to-call links, each with its label (``entries``: Identity.hotlines(lang))."""
    return "".join(f'<a class="hotline" href="{tel(number)}"><span class="hotline__number">{html.escape(number)}</span>'
                   f'<span class="hotline__label">{html.escape(label, quote=False)}</span></a>'
                   for number, label in entries)


def hotlines(ctx: PageContext) -> str:
    words = ctx.words
    entries = ctx.dataset.identity.hotlines(ctx.lang)
    return (f'<div class="hotlines" role="note" aria-label="{words["hotline_title"]}">'
            f'<p class="hotlines__title">{words["hotline_title"]}</p>{hotline_links(entries)}</div>')


def corrections(contact: str, lang: str) -> str:
    """Where readers report an error on the site (HTML): a mail, phone or web link, or plain text."""
    contact = contact.strip()
    if not contact:
        return html.escape("（尚未设置纠错联系方式）" if lang == "zh" else "(no corrections contact set yet)")
    lead = "发现本站内容有误？请告诉我们：" if lang == "zh" else "Found an error on this site? Tell us: "
    return html.escape(lead) + contact_link(contact)


def contact_link(contact: str) -> str:
    """A working mailto:, tel: or https: link (fraudsite/settings.py); a release refuses anything else,
    a preview shows it as text."""
    href = settings.contact_href(contact)
    return f'<a href="{attr(href)}">{html.escape(contact)}</a>' if href else html.escape(contact)


MARKERS = (
    MarkerKind("hotlines", hotlines, help="the site's hotlines (data/site.yml)"),
    MarkerKind("corrections", lambda ctx: corrections(ctx.contact, ctx.lang),
               help="where readers report an error on the site (extra.corrections in mkdocs.yml)"),
)

"""The updates on pages: the list of every update, the latest three on the home page, an update's date
and the link to the language's feed (the markers updates-list, latest-updates, update-date and
feed-link). What an update is, read from its pages, is fraudsite.updates."""
from __future__ import annotations

import html

from . import formatting as fmt
from . import i18n
from .feeds import FEED, LIMIT
from .listings import LATEST
from .markup import MarkerKind, PageContext, page_url
from .updates import Update, find

LABELS = {
    "zh": {"date": "日期", "draft": "草稿", "unfilled": "（待填写）", "none": "暂无动态。",
           "feed": "订阅本站的动态和案例（Atom 订阅源，最新 {n} 条）"},
    "en": {"date": "Date", "draft": "draft", "unfilled": "(to be filled in)", "none": "No updates yet.",
           "feed": "Subscribe to the site's updates and cases (Atom feed, newest {n})"},
}


def date_text(update: Update, lang: str) -> str:
    return fmt.date(update.date, lang) if update.date else LABELS[lang]["unfilled"]


def _time(update: Update, lang: str) -> str:
    if update.date is None:
        return html.escape(date_text(update, lang))
    return f'<time datetime="{update.date.isoformat()}">{html.escape(date_text(update, lang))}</time>'


def update_line(ctx: PageContext, update: Update) -> str:
    lang = ctx.lang
    draft = f' <span class="draft-tag">{html.escape(LABELS[lang]["draft"])}</span>' if update.is_draft else ""
    link = f'<strong><a href="{ctx.href(update.src)}">{html.escape(update.title[lang])}</a></strong>'
    return f"<li>{link}{draft}<br>{_time(update, lang)} · {html.escape(update.description[lang])}</li>"


def update_list(ctx: PageContext, updates: list[Update]) -> str:
    if not updates:
        return f"<p>{html.escape(LABELS[ctx.lang]['none'])}</p>"
    return '<ul class="case-list update-list">' + "".join(update_line(ctx, update) for update in updates) + "</ul>"


def render_list(ctx: PageContext) -> str:
    return update_list(ctx, ctx.dataset.updates)


def render_latest(ctx: PageContext) -> str:
    return update_list(ctx, ctx.dataset.updates[:LATEST])


def render_date(ctx: PageContext) -> str:
    update = find(ctx.dataset.updates, ctx.page[: -len(".md")])
    if update is None:  # preflight keeps the marker to update pages, which are all read
        raise LookupError(f"{ctx.page} is not an update")
    label = html.escape(LABELS[ctx.lang]["date"]) + ("：" if ctx.lang == "zh" else ": ")
    return f'<p class="update-date">{label}{_time(update, ctx.lang)}</p>'


def render_feed_link(ctx: PageContext) -> str:
    here = i18n.prefix(ctx.lang) + page_url(ctx.page)
    href = html.escape(i18n.relative_url(here, i18n.prefix(ctx.lang) + FEED), quote=True)
    return f'<p class="feed-link"><a href="{href}">{html.escape(LABELS[ctx.lang]["feed"].format(n=LIMIT))}</a></p>'


MARKERS = (
    MarkerKind("updates-list", render_list, finished_html=True, help="every update, newest first (docs/updates/)"),
    MarkerKind("latest-updates", render_latest, finished_html=True, help="the three latest updates"),
    MarkerKind("update-date", render_date, finished_html=True,
               help="this update's date, from the date: of its Chinese page (update pages only)"),
    MarkerKind("feed-link", render_feed_link, finished_html=True,
               help="a link to this language's Atom feed (feed.xml)"),
)

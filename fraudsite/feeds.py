"""The Atom feeds: /feed.xml (Chinese) and /en/feed.xml (English), written with feedgen.

Each holds the updates and the cases of its language, newest first, at most
LIMIT entries: a reader polls the feed, so it stays the same size however many
cases the site holds (and writing it costs the build next to nothing). An entry
has the absolute link of its page (from site_url), that link as its id, the
page's title, the page's description as its summary, and its day (an update's
date; the day a case was reported, never the day its fraud began) at
00:00 in Asia/Shanghai as both its published and updated times. The feed's own
updated time is its newest entry's, so the same content gives the same bytes.
Drafts are never in a feed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from . import i18n
from .model import Dataset
from .updates import FOLDER, published

FEED = "feed.xml"       # in each language's folder: feed.xml, en/feed.xml
LIMIT = 50              # entries per feed
SHANGHAI = ZoneInfo("Asia/Shanghai")
WORDS = {
    "zh": {"title": "{site} · 动态与案例", "subtitle": "本站的动态和真实案例，由新到旧，最新 {n} 条。",
           "update": "动态", "case": "案例"},
    "en": {"title": "{site} · updates and cases", "subtitle": "The site's updates and real cases, newest first "
                                                              "(the latest {n}).",
           "update": "Update", "case": "Case"},
}


@dataclass(frozen=True)
class Entry:
    kind: str       # "update" or "case"
    url: str        # site-relative URL of the page in this language ("en/cases/x/")
    title: str
    summary: str
    day: dt.date

    def time(self) -> dt.datetime:
        return at_midnight(self.day)


def at_midnight(day: dt.date) -> dt.datetime:
    """A day as a time: 00:00 in Asia/Shanghai (+08:00)."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=SHANGHAI)


def report_day(dataset: Dataset, case) -> dt.date | None:
    """The day a case was reported: a feed entry is news on the day it was published, not on the day the fraud
    began (a case that began in February and is reported in April is April's news)."""
    if case.reported:
        return case.reported
    source = dataset.sources.get(case.source)
    published = source.published if source else None
    if case.date and published:
        return max(case.date, published)  # a case is never reported before it happened
    return case.date or published


def entries(dataset: Dataset, lang: str, case_descriptions: dict[str, str], limit: int = LIMIT) -> list[Entry]:
    """The newest ``limit`` published updates and cases, newest first (an update before a case of the same day).

    ``case_descriptions``: slug -> the description of the case's page in ``lang``; a case without one
    (its page was not built) is left out.
    """
    lead = i18n.prefix(lang)
    found = [(update.sort_day, 1, update.slug,
              Entry("update", f"{lead}{FOLDER}/{update.slug}/", update.title[lang], update.description[lang],
                    update.sort_day))
             for update in published(dataset.updates)]  # a published update has its date: sort_day is that date
    for case in dataset.published_cases():
        day = report_day(dataset, case)
        description = case_descriptions.get(case.slug)
        if day is None or description is None:
            continue
        found.append((day, 0, case.slug, Entry("case", f"{lead}cases/{case.slug}/", case.title[lang], description,
                                               day)))
    found.sort(key=lambda item: item[:3], reverse=True)
    return [entry for *_key, entry in found[:limit]]


def atom(feed_entries: list[Entry], lang: str, site_url: str, site_name: str, fallback_day: dt.date,
         author: str = "") -> str:
    """The Atom document of one language (UTF-8 text); ``author``: who publishes the site (data/site.yml)."""
    from feedgen.feed import FeedGenerator

    words = WORDS[lang]
    own = i18n.absolute(site_url, i18n.prefix(lang) + FEED)
    feed = FeedGenerator()
    feed.id(own)
    feed.title(words["title"].format(site=site_name))
    feed.subtitle(words["subtitle"].format(n=LIMIT))
    feed.author({"name": author or site_name})
    feed.link(href=own, rel="self", type="application/atom+xml")
    feed.link(href=i18n.absolute(site_url, i18n.prefix(lang) + FOLDER + "/"), rel="alternate", type="text/html")
    feed.language(lang)
    feed.generator("")  # none, as the pages name none (extra.generator: false)
    feed.updated(max((entry.time() for entry in feed_entries), default=at_midnight(fallback_day)))
    feed.icon(i18n.absolute(site_url, "assets/favicon.svg"))
    for entry in feed_entries:
        link = i18n.absolute(site_url, entry.url)
        item = feed.add_entry(order="append")
        item.id(link)
        item.title(entry.title)
        item.link(href=link, rel="alternate", type="text/html")
        item.summary(entry.summary)
        item.published(entry.time())
        item.updated(entry.time())
        item.category(term=entry.kind, label=words[entry.kind])
    return feed.atom_str(pretty=True).decode("utf-8")

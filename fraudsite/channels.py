"""认准官方渠道 / Know the real channels: national facts that are NOT in the source article.

data/channels.yml keeps each fact once, with the public body that states it
(公安部, 公安部刑侦局, 工业和信息化部 …) and, where we read it, the publication
and its date. Pages show a group of facts with the ``{{ channels GROUP }}``
marker; every fact is labelled as general advice and names its body, so the
site never passes its own advice off as the police's or the article's.
Every string of the data is escaped (html.escape): data is text, never markup.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from . import formatting as fmt
from . import schema
from .checker import check_text
from .errors import SiteInputError
from .markup import MarkerKind
from .settings import broken_phone
from .schema import BilingualLine, Slug, Strict
from .suggest import closest
from .yamlfile import LocatedData

FILE = "channels.yml"


# --------------------------------------------------------------------------- schema

class Labels(Strict):
    source: BilingualLine     # "General advice · Source: "
    reported: BilingualLine   # "reported by"


class Fact(Strict):
    id: Slug
    body: Slug                              # a key of bodies:
    text: BilingualLine
    where: BilingualLine | None = None      # the publication we read it in
    date: dt.date | None = None             # the day it was published


class ChannelsFile(Strict):
    labels: Labels
    bodies: dict[Slug, BilingualLine]
    facts: Annotated[list[Fact], Field(min_length=1)]
    groups: dict[Slug, Annotated[list[Slug], Field(min_length=1)]]


# --------------------------------------------------------------------------- the loaded data

@dataclass(frozen=True)
class ChannelFact:
    id: str
    body: dict[str, str]
    text: dict[str, str]
    where: dict[str, str] | None
    date: dt.date | None


@dataclass(frozen=True)
class Channels:
    labels: dict[str, dict[str, str]]
    facts: dict[str, ChannelFact]
    groups: dict[str, tuple[str, ...]]
    bodies: dict[str, dict[str, str]]  # key -> {zh, en}: who says it (the printables name them too)


def load(located: LocatedData, dataset) -> Channels:
    parsed = schema.validate(ChannelsFile, located)
    check_text(located)
    facts: dict[str, ChannelFact] = {}
    lines = schema.id_lines(located, parsed.facts, "facts", "fact")
    for index, spec in enumerate(parsed.facts):
        path = ("facts", index)
        if spec.body not in parsed.bodies:
            raise SiteInputError(located.file, located.line_of(path + ("body",)), f"facts.{index}.body",
                                 f"unknown public body '{spec.body}'",
                                 f"use one of: {', '.join(parsed.bodies)} (closest: {closest(spec.body, parsed.bodies)}), "
                                 "or add the body under bodies:")
        if spec.date is not None and spec.date > dt.date.today():
            raise SiteInputError(located.file, located.line_of(path + ("date",)), f"facts.{index}.date",
                                 f"{spec.date.isoformat()} is in the future", "write the day the source was published")
        for lang, text in spec.text.model_dump().items():
            broken = broken_phone(text)
            if broken:
                raise SiteInputError(located.file, located.value_line(path + ("text", lang)), f"facts.{index}.text.{lang}",
                                     f"'{broken}' is written where a phone number goes, but a phone cannot dial it",
                                     "write the number in digits only, as the public body gives it (a letter O is "
                                     "not a zero)")
        facts[spec.id] = ChannelFact(spec.id, parsed.bodies[spec.body].model_dump(), spec.text.model_dump(),
                                     spec.where.model_dump() if spec.where else None, spec.date)
    used = set()
    for group, ids in parsed.groups.items():
        for number, fact_id in enumerate(ids):
            if fact_id not in facts:
                raise SiteInputError(located.file, located.line_of(("groups", group, number)), f"groups.{group}",
                                     f"unknown fact '{fact_id}'",
                                     f"use an id from facts: (closest: {closest(fact_id, facts)})")
            used.add(fact_id)
    for fact_id, line in lines.items():
        if fact_id not in used:
            raise SiteInputError(located.file, line, "facts", f"the fact '{fact_id}' is in no group, so no page shows it",
                                 "list it under groups: (or remove it)")
    return Channels({name: value.model_dump() for name, value in parsed.labels},
                    facts, {name: tuple(ids) for name, ids in parsed.groups.items()},
                    {key: body.model_dump() for key, body in parsed.bodies.items()})


def groups(dataset) -> dict:
    """The group names a {{ channels GROUP }} marker may take."""
    data = dataset.extras.get(FILE)
    return data.groups if data else {}


# --------------------------------------------------------------------------- rendering

def source_line(fact: ChannelFact, labels: dict, lang: str) -> str:
    """zh 一般提示 · 出处：公安部刑侦局（据央视新闻，2021年7月15日）
    en General advice · Source: the Criminal Investigation Department … (公安部刑侦局); as published in CCTV News
    (央视新闻), 15 July 2021"""
    text = labels["source"][lang] + ("" if lang == "zh" else " ") + fact.body[lang]
    details = []
    if fact.where:
        details.append(f"{labels['reported'][lang]}{fact.where[lang]}" if lang == "zh"
                       else f"{labels['reported'][lang]} {fact.where[lang]}")
    if fact.date:
        details.append(fmt.date(fact.date, lang))
    if details:
        text += f"（{'，'.join(details)}）" if lang == "zh" else "; " + ", ".join(details)
    return text


def render(ctx, group: str) -> str:
    data: Channels | None = ctx.dataset.extras.get(FILE)
    if data is None or group not in data.groups:
        raise SiteInputError("data/channels.yml", None, "groups", f"there is no group '{group}'",
                             "add it under groups: in data/channels.yml")
    lang = ctx.lang
    out = ['<ul class="channel-facts">']
    for fact_id in data.groups[group]:
        fact = data.facts[fact_id]
        out.append(f'<li class="channel-fact" data-fact="{html.escape(fact.id, quote=True)}">'
                   f'<p class="channel-fact__text">{html.escape(fact.text[lang], quote=False)}</p>'
                   f'<p class="channel-fact__source">{html.escape(source_line(fact, data.labels, lang), quote=False)}</p>'
                   f'</li>')
    out.append("</ul>")
    return "\n".join(out)


MARKERS = (
    MarkerKind("channels", render, "channel group", groups,
               help="a group of national facts, each with the public body that states it (data/channels.yml)",
               defined_in="data/channels.yml (groups)"),
)

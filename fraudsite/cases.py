"""The cases on pages: a case's facts table, the case lists (paginated, latest, by scam type), the totals
and what search knows of a case (the markers case-facts, cases-list, latest-cases, cases-of-type and
case-totals)."""
from __future__ import annotations

import html
from typing import Callable

from . import deferred
from . import formatting as fmt
from . import listings
from .figures import figure_source, figure_text, figures_block
from .labels import LABELS
from .markup import MarkerKind, PageContext, md
from .model import Case, Dataset, Figure, Period


def case_date(case: Case, lang: str) -> str:
    """The case's date as the source gives it (plain text)."""
    if case.date:
        return fmt.date(case.date, lang)
    if case.reported:
        return LABELS[lang]["undated"].format(day=fmt.date(case.reported, lang))
    return LABELS[lang]["unfilled"]


def case_status(dataset: Dataset, case: Case, lang: str) -> str:
    """The case's status as of the report that gives it: a status is never "now" (plain text)."""
    status = _named(dataset.catalogue.case_statuses, case.status, lang)
    source = dataset.sources.get(case.source)
    day = case.reported or (source.published if source else None)
    if day is None or not case.status:
        return status
    month = f"{day.year}年{day.month}月" if lang == "zh" else fmt.month(day, lang)
    return LABELS[lang]["as_of"].format(status=status, month=month)


def _named(catalogue_part: dict, key: str, lang: str) -> str:
    entry = catalogue_part.get(key)
    return entry[lang] if entry else LABELS[lang]["unfilled"]


def case_facts(ctx: PageContext) -> str:
    """The facts table of a case, written as HTML: a case page is the commonest page of the site, and a
    Markdown table with links would double the time Markdown takes over it."""
    dataset, words, lang, case = ctx.dataset, ctx.words, ctx.lang, ctx.case
    if case is None:  # fraudsite.markers keeps {{ case-facts }} to case pages
        raise LookupError(f"{ctx.page} is not a case page")
    catalogue = dataset.catalogue
    escape = html.escape

    def linked(text: str, figure_id: str) -> str:
        figure = dataset.figures.get(figure_id)
        if figure is not None and figure.source and figure.source_name in dataset.sources:
            return f'<a href="#fig-{figure_id}">{escape(text)}</a>'  # its sentence, under the table
        return escape(text)

    type_links = escape(_types_joiner(lang)).join(
        f'<a href="{ctx.href(f"scams/{t}.md")}">{escape(catalogue.scam_types[t][lang])}</a>' for t in case.types)
    rows = [(words["date"], linked(case_date(case, lang), f"case.{case.slug}.date")),
            (words["place"], escape(_named(catalogue.counties, case.county, lang))),
            (words["types"], type_links or escape(words["unfilled"])),
            (words["status"], escape(case_status(dataset, case, lang)))]
    for figure_id in case.facts.values():
        rows.append((dataset.figures[figure_id].label[lang], linked(figure_text(dataset, figure_id, lang), figure_id)))
    body = "".join(f"<tr><td>{escape(label)}</td><td>{value}</td></tr>"
                   for label, value in rows)
    quoted = [figure for figure_id in (f"case.{case.slug}.date", *case.facts.values())
              if (figure := dataset.figures.get(figure_id)) is not None and figure.source
              and figure.source_name in dataset.sources]
    # one line of HTML, like the table: Markdown (md_in_html) leaves it as it is wherever the marker stands
    sources = "".join(figure_source(ctx, figure).replace("\n", "") for figure in quoted)
    table = (f'<div class="facts-table"><table><thead><tr><th>{escape(words["fact"])}</th>'
             f'<th>{escape(words["value"])}</th></tr></thead><tbody>{body}</tbody></table></div>')
    if not sources:
        return table
    return f'<div class="case-facts">{table}<div class="case-sources">{sources}</div></div>'  # one block


def case_line(ctx: PageContext, case: Case) -> str:
    """One case in a list (HTML): title, date, place, types, loss, suspects."""
    key = ("case-line", case.slug, ctx.lang, ctx.href("cases/index.md"))  # the same wherever links are the same
    if key not in ctx.dataset.rendered:
        ctx.dataset.rendered[key] = _case_line(ctx, case)
    return ctx.dataset.rendered[key]


def _case_line(ctx: PageContext, case: Case) -> str:
    dataset, words, lang = ctx.dataset, ctx.words, ctx.lang
    catalogue = dataset.catalogue
    parts = [case_date(case, lang), _named(catalogue.counties, case.county, lang),
             _types_joiner(lang).join(catalogue.scam_types[t][lang] for t in case.types)]
    if "loss" in case.facts and dataset.figures[case.facts["loss"]].filled:
        loss = figure_text(dataset, case.facts["loss"], lang)
        parts.append(f"{words['loss']} {loss}" if lang == "zh" else f"{loss} {words['loss']}")
    if "suspects_arrested" in case.facts and dataset.figures[case.facts["suspects_arrested"]].filled:
        suspects = figure_text(dataset, case.facts["suspects_arrested"], lang, with_unit=lang == "zh")
        parts.append(f"{words['suspects']} {suspects}" if lang == "zh" else f"{suspects} {words['suspects']}")
    draft = f' <span class="draft-tag">{html.escape(words["draft"])}</span>' if case.is_draft else ""
    title = f'<strong><a href="{ctx.href(f"cases/{case.slug}.md")}">{html.escape(case.title[lang])}</a></strong>'
    return f"<li>{title}{draft}<br>{html.escape(' · '.join(part for part in parts if part))}</li>"


def case_search_text(dataset: Dataset, case: Case, lang: str) -> str:
    """What search knows of a case (plain text): its summary, place, types, date and status.

    One short entry per case instead of every section of its page keeps the
    index readers download small however many cases the site holds.
    """
    catalogue = dataset.catalogue
    parts = [case.summary[lang], _named(catalogue.counties, case.county, lang),
             *(catalogue.scam_types[t][lang] for t in case.types), case_date(case, lang),
             case_status(dataset, case, lang)]
    return " · ".join(parts)


def case_list(ctx: PageContext, cases: list[Case]) -> str:
    """Cases as an HTML list: listing pages hold twenty each, and Markdown would parse every link again."""
    if not cases:
        return f"<p>{html.escape(ctx.words['none'])}</p>"
    return '<ul class="case-list">' + "".join(case_line(ctx, case) for case in cases) + "</ul>"


def pager(ctx: PageContext, number: int, total: int, page_of: Callable[[int], str]) -> str:
    """Previous / page n of N / next, for paginated listings; ``page_of(n)`` is page n's source path."""
    words = ctx.words
    parts = []
    if number > 1:
        parts.append(f'<a href="{ctx.href(page_of(number - 1))}">← {html.escape(words["prev"])}</a>')
    parts.append(html.escape(words["page"].format(n=number, total=total)))
    if number < total:
        parts.append(f'<a href="{ctx.href(page_of(number + 1))}">{html.escape(words["next"])} →</a>')
    return '<nav class="pager">' + " · ".join(parts) + "</nav>"


def listing_page(dataset: Dataset, listing: listings.Listing, number: int, lang: str) -> deferred.Rendered:
    """One generated listing page: its Markdown, the list and pager kept aside as finished HTML."""
    src = listing.uri(number)
    ctx = PageContext(dataset, lang, src)
    words = ctx.words
    title = words["listing"] if listing.scam_type is None else dataset.catalogue.scam_types[listing.scam_type][lang]
    heading = f"{title} · " + words["page"].format(n=number, total=listing.pages)
    collector = deferred.Collector()
    body = collector.block(case_list(ctx, listing.chunk(number)) + "\n" + pager(ctx, number, listing.pages,
                                                                                 listing.uri))
    description = f"{words['listing_description'].format(region=dataset.identity.region(lang))} {heading}"
    return collector.rendered(f"{listings.front_matter(description)}# {md(heading)}\n\n{body}\n")


def cases_list(ctx: PageContext) -> str:
    listing = listings.main_listing(ctx.dataset)
    text = case_list(ctx, listing.chunk(1))
    if listing.pages == 1:
        return text
    return text + "\n\n" + pager(ctx, 1, listing.pages, listing.uri)


def latest_cases(ctx: PageContext) -> str:
    return case_list(ctx, ctx.dataset.cases[:listings.LATEST])


def cases_of_type(ctx: PageContext, scam_type: str) -> str:
    listing = listings.type_listing(ctx.dataset, scam_type)
    text = case_list(ctx, listing.cases[:listings.ON_TYPE_PAGE])
    if len(listing.cases) > listings.ON_TYPE_PAGE:
        text += f"\n\n[{ctx.words['more'].format(n=len(listing.cases))} →]({ctx.link(listing.uri(1))})"
    return text


def case_totals(ctx: PageContext) -> str:
    dataset, words, lang = ctx.dataset, ctx.words, ctx.lang
    catalogue = dataset.catalogue
    totals: dict[str, list[Figure]] = {}
    for case in dataset.published_cases():
        for kind, figure_id in case.facts.items():
            figure = dataset.figures[figure_id]
            if catalogue.case_facts[kind]["unit"] not in ("date", "datetime") and figure.filled:
                totals.setdefault(kind, []).append(figure)
    rows = [f"| {words['fact']} | {words['total']} | {words['cases']} |", "| --- | --- | --- |"]
    for kind in catalogue.case_facts:
        if kind not in totals:
            continue
        figures = totals[kind]
        qualifier = "exact" if all(f.qualifier == "exact" for f in figures) else "more_than"
        summed = Figure(id=f"total.{kind}", value=sum(f.number for f in figures), unit=figures[0].unit,
                        qualifier=qualifier, period=Period(), scope="case", label={}, definition={},
                        file="", line=0)
        rows.append(f"| {md(catalogue.case_facts[kind][lang])} | {md(fmt.with_unit(summed, lang, catalogue.units))} "
                    f"| {fmt.number(len(figures), lang)} |")
    return figures_block(rows, [html.escape(words["totals_note"])])


def _types_joiner(lang: str) -> str:
    """Between scam type names: English names hold commas themselves ("Renting, lending or selling …")."""
    return "、" if lang == "zh" else "; "


MARKERS = (
    MarkerKind("cases-of-type", cases_of_type, "scam type", lambda d: d.catalogue.scam_types,
               help="the latest cases of one scam type", defined_in="data/catalogue.yml (scam_types)"),
    MarkerKind("case-facts", case_facts, case_page_only=True, finished_html=True, help="the facts table of this case"),
    MarkerKind("cases-list", cases_list, finished_html=True, help="every case, 20 to a page"),
    MarkerKind("latest-cases", latest_cases, finished_html=True, help="the three latest cases"),
    MarkerKind("case-totals", case_totals, help="totals over the cases on the site"),
)

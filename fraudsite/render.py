"""Markers turned into Markdown/HTML for one page in one language.

Every function here returns text for the page; links are relative to the
page's own source path, so MkDocs checks them like any hand-written link.
Every string that comes from data/ is escaped on the way in (``md`` for
Markdown, ``html.escape`` for HTML): data is text, never markup.

MARKERS, at the end, is the one table of marker kinds: what each takes and
how it renders. fraudsite.markers checks pages against it.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Callable

from . import deferred
from . import formatting as fmt
from . import listings
from .charts import bar_chart
from . import i18n
from .i18n import prefix, relative_url
from .model import Case, Dataset, Figure, Period

MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|")  # Python-Markdown's escapable characters; <, > and & are HTML-encoded
LABELS = {
    "zh": {"listing": "真实案例", "listing_description": "大理州电信网络诈骗真实案例列表：",
           "figure": "指标", "value": "数值", "computed": "（推算）", "fact": "项目", "total": "合计",
           "cases": "案件数", "date": "日期", "place": "地点", "types": "骗局类型", "status": "状态",
           "loss": "损失", "suspects": "嫌疑人", "none": "暂无此类案例。", "more": "查看全部 {n} 起",
           "next": "下一页", "prev": "上一页", "page": "第 {n} / {total} 页", "from": "由以下数字推算",
           "cited_from": "出处", "translation": "", "csv": "下载 CSV", "json": "下载 JSON",
           "open": "每行一个数字：编号、数值、单位、限定、时段、范围、中英文名称、原文出处；推算的数字注明由哪些数字算出、为什么可以这样算。",
           "hotline_title": "遇到诈骗，立即拨打", "police": "报警", "warning": "全国反诈预警劝阻专线",
           "article": "《重拳出击 大理州反诈破案率在全省名列前茅》", "published": "{date}发布",
           "period_note": "时段：{period}。", "unstated_all": "文章没有说明本表数字的统计时段。文章发布于{day}。",
           "derived_note": "推算", "case_label": "案件", "draft": "草稿", "unfilled": "（待填写）",
           "undated": "日期未公布（{day}报道）", "undated_short": "日期未公布", "as_of": "{status}（截至{month}报道时）",
           "totals_note": "每起案件只计一次；只统计本站收录的案件，不代表全州总数。"},
    "en": {"listing": "Real cases", "listing_description": "Real fraud cases from Dali Prefecture, newest first:",
           "figure": "Figure", "value": "Value", "computed": " (worked out)", "fact": "Fact", "total": "Total",
           "cases": "Cases", "date": "Date", "place": "Place", "types": "Scam types", "status": "Status",
           "loss": "lost", "suspects": "suspects", "none": "No case of this type on the site yet.",
           "more": "See all {n} cases", "next": "Next page", "prev": "Previous page", "page": "Page {n} of {total}",
           "from": "Worked out from", "cited_from": "Source", "translation": "Our translation",
           "csv": "Download CSV", "json": "Download JSON",
           "open": "One row per figure: id, value, unit, qualifier, period, scope, names in both languages and "
                   "the source quote; worked-out figures say what they come from and why the arithmetic holds.",
           "hotline_title": "Scam in progress? Call now", "police": "Police", "warning": "National anti-fraud warning line",
           "article": "the article “重拳出击 大理州反诈破案率在全省名列前茅” (in Chinese)",
           "published": "published {date}",
           "period_note": "Period: {period}.",
           "unstated_all": "The article does not say what period the figures in this table cover. It was published "
                           "on {day}.",
           "derived_note": "Worked out", "case_label": "Case", "draft": "draft", "unfilled": "(to be filled in)",
           "undated": "date not published (reported on {day})", "undated_short": "date not published",
           "as_of": "{status} (as reported in {month})",
           "totals_note": "Each case is counted once; only the cases on this site are included, not the whole prefecture."},
}


@dataclass(frozen=True)
class PageContext:
    """One page being rendered: its source path without language suffix ("cases/x.md")."""
    dataset: Dataset
    lang: str
    page: str
    case: Case | None = None
    contact: str = ""  # the corrections contact (extra.corrections.contact in mkdocs.yml)
    sheets: tuple = ()  # this language's printables.Sheet (leaflet, poster, card), made once per build

    @property
    def words(self) -> dict[str, str]:
        return LABELS[self.lang]

    def link(self, target: str) -> str:
        """A Markdown link target from this page to another source page ("sources.md#x")."""
        return relative(self.page, target)

    @property
    def root(self) -> str:
        """The site root, relative to this page's URL (open data lives there)."""
        return relative_url(prefix(self.lang) + page_url(self.page), "")

    def href(self, target: str) -> str:
        """A finished URL from this page to another source page ("sources.md#x"), for raw HTML, which
        MkDocs does not rewrite. Only pages the build guarantees are used (fraudsite.preflight)."""
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        here = prefix(self.lang) + page_url(self.page)
        return html.escape(relative_url(here, prefix(self.lang) + page_url(target)) + anchor, quote=True)


def md(text: str) -> str:
    """Data text, safe inside Markdown: markup characters escaped, HTML special characters encoded."""
    escaped = "".join("\\" + char if char in MARKDOWN_SPECIAL else char for char in text)
    return html.escape(escaped, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source page to another (both docs-relative)."""
    anchor = ""
    if "#" in to_src:
        to_src, anchor = to_src.split("#", 1)
        anchor = "#" + anchor
    return i18n.relpath(to_src, posixpath.dirname(from_src) or ".") + anchor


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a source page ("cases/index.md" -> "cases/", "tips.md" -> "tips/")."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


# --------------------------------------------------------------------------- figures

def figure_text(dataset: Dataset, figure_id: str, lang: str, with_unit: bool = True) -> str:
    """A figure as plain text (not escaped): zh 87名 / en 87 people."""
    key = ("figure", figure_id, lang, with_unit)
    if key not in dataset.rendered:
        figure = dataset.figures[figure_id]
        if not figure.filled:
            text = LABELS[lang]["unfilled"]
        else:
            text = (fmt.with_unit(figure, lang, dataset.catalogue.units) if with_unit
                    else fmt.value_only(figure, lang))
        dataset.rendered[key] = text
    return dataset.rendered[key]


def _source_link(ctx: PageContext, figure_id: str) -> str:
    """The link from a page to a figure's entry on the sources page."""
    return ctx.link(f"sources.md#fig-{figure_id}")


def _list_joiner(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def _types_joiner(lang: str) -> str:
    """Between scam type names: English names hold commas themselves ("Renting, lending or selling …")."""
    return "、" if lang == "zh" else "; "


def _figures_block(rows: list[str], notes: list[str] = (), kind: str = "figures-table") -> str:
    # a wrapper class instead of column alignment: Markdown's align= becomes
    # an inline style attribute, which the site's CSP forbids
    block = f'<div class="{kind}" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"
    if notes:
        block += "\n\n" + "\n".join(f'<p class="table-note">{note}</p>' for note in notes)
    return block


def period_note(period: Period | None, lang: str, everyone: bool = True) -> str | None:
    """Say once, under a table, the period its figures share."""
    if period is None or (not period.stated and period.reported is None):
        return None
    words = LABELS[lang]
    if not period.stated:
        return html.escape(words["unstated_all"].format(day=fmt.date(period.reported, lang)))
    return html.escape(words["period_note"].format(period=fmt.period(period, lang)))


def derived_notes(ctx: PageContext, figures: list[Figure]) -> list[str]:
    """For each worked-out figure: what it is and why the arithmetic holds, on the page that shows it."""
    notes = []
    for figure in figures:
        if figure.is_derived:
            notes.append(f"<strong>{html.escape(ctx.words['derived_note'])}</strong>"
                         f"{'：' if ctx.lang == 'zh' else ': '}{html.escape(figure.label[ctx.lang])}"
                         f"{'。' if ctx.lang == 'zh' else '. '}{html.escape(figure.definition[ctx.lang])}"
                         f"{'' if ctx.lang == 'zh' else ' '}{html.escape(figure.why[ctx.lang])}")
    return notes


def table(ctx: PageContext, group_id: str) -> str:
    dataset, words, lang = ctx.dataset, ctx.words, ctx.lang
    figures = [dataset.figures[fid] for fid in dataset.groups[group_id].figures]
    shared = figures[0].period if all(f.period == figures[0].period for f in figures) else None
    rows = [f"| {words['figure']} | {words['value']} |", "| --- | --- |"]
    for figure in figures:
        label = md(figure.label[lang] + (words["computed"] if figure.is_derived else ""))
        if shared is None:
            # the period sits under the label: two columns read better than three on a phone
            label += f' <span class="figure-period">{md(fmt.period(figure.period, lang))}</span>'
        rows.append(f"| {label} | [{md(figure_text(dataset, figure.id, lang))}]({_source_link(ctx, figure.id)}) |")
    # a period every row shares is said once, under the table
    notes = [note for note in [period_note(shared, lang, True)] if note] + derived_notes(ctx, figures)
    return _figures_block(rows, notes)


def chart(ctx: PageContext, chart_id: str) -> str:
    dataset, lang, words = ctx.dataset, ctx.lang, ctx.words
    spec = dataset.charts[chart_id]
    # a bar worked out from other figures says so, in the chart and in its table: it is not a figure of the article
    bars = [(bar.label[lang] + (words["computed"] if dataset.figures[bar.figure].is_derived else ""),
             dataset.figures[bar.figure]) for bar in spec.bars]
    svg = bar_chart(chart_id, spec.title[lang], [(label, float(f.value), figure_text(dataset, f.id, lang))
                                                  for label, f in bars], lang)
    rows = [f"| {words['figure']} | {words['value']} |", "| --- | --- |"]
    for label, figure in bars:
        rows.append(f"| {md(label)} | [{md(figure_text(dataset, figure.id, lang))}]({_source_link(ctx, figure.id)}) |")
    # the caption comes first: HTML allows a figcaption only as a figure's first or last child, and last would put
    # it under the table, away from the chart it names; the table stays in the figure as the chart's text alternative
    return (f'<figure class="chart" markdown>\n<figcaption>{html.escape(spec.title[lang])}</figcaption>\n\n{svg}\n\n'
            + "\n".join(rows) + "\n\n</figure>")


# --------------------------------------------------------------------------- cases

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
    day = case.reported or (dataset.article.get("published") if case.source == "article" else None)
    if day is None or case.status is None:
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
    catalogue = dataset.catalogue
    escape = html.escape

    def linked(text: str, figure_id: str) -> str:
        figure = dataset.figures.get(figure_id)
        if figure is not None and figure.source and case.source == "article":
            return f'<a href="{ctx.href(f"sources.md#fig-{figure_id}")}">{escape(text)}</a>'
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
    return (f'<div class="facts-table"><table><thead><tr><th>{escape(words["fact"])}</th>'
            f'<th>{escape(words["value"])}</th></tr></thead><tbody>{body}</tbody></table></div>')


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
    description = f"{words['listing_description']} {heading}"
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
        summed = Figure(id=f"total.{kind}", value=sum(f.value for f in figures), unit=figures[0].unit,
                        qualifier=qualifier, period=Period(), scope="case", label={}, definition={},
                        file="", line=0)
        rows.append(f"| {md(catalogue.case_facts[kind][lang])} | {md(fmt.with_unit(summed, lang, catalogue.units))} "
                    f"| {fmt.number(len(figures), lang)} |")
    return _figures_block(rows, [html.escape(words["totals_note"])])


# --------------------------------------------------------------------------- sources and open data

def article_credit(dataset: Dataset, lang: str) -> str:
    words = LABELS[lang]
    published = words["published"].format(date=fmt.date(dataset.article["published"], lang))
    return f"{words['article']}{'，' if lang == 'zh' else ', '}{published}"


def sources(ctx: PageContext) -> str:
    """Every figure from the article with its verbatim source sentence."""
    dataset, words, lang = ctx.dataset, ctx.words, ctx.lang
    colon = "：" if lang == "zh" else ": "
    out = []
    for figure in dataset.figures.values():
        if figure.case is not None and figure.source_name != "article":
            continue
        value = html.escape(figure_text(dataset, figure.id, lang))
        if figure.case is not None:
            case = dataset.case(figure.case)
            when = f"{words['case_label']}{colon}{case.title[lang]}"
        else:
            when = fmt.period(figure.period, lang)
        out.append(f'<section class="figure-source" id="fig-{figure.id}">')
        out.append(f"<p><strong>{html.escape(figure.label[lang])}</strong>{colon}{value}<br>"
                   f"<small>{html.escape(when)}</small></p>")
        if figure.source:
            out.append(f'<blockquote lang="zh"><p>{html.escape(figure.source.quote)}</p></blockquote>')
            if lang == "en":
                out.append(f'<p class="translation">{words["translation"]}: {html.escape(figure.source.quote_en)}</p>')
            out.append(f"<p><small>{words['cited_from']}{colon}{html.escape(article_credit(dataset, lang))}</small></p>")
        elif figure.is_derived:
            inputs = _list_joiner(lang).join(
                f'<a href="#fig-{name}">{html.escape(dataset.figures[name].label[lang])}</a>'
                for name in figure.derived_from)
            sep = "" if lang == "zh" else " "
            out.append(f"<p>{html.escape(figure.definition[lang])}{sep}{html.escape(figure.why[lang])}<br>"
                       f"{words['from']}{colon}{inputs}</p>")
        out.append("</section>\n")
    return "\n".join(out)


def open_data(ctx: PageContext) -> str:
    words, root = ctx.words, ctx.root
    return (f'<p class="open-data"><a class="md-button" href="{root}figures.csv" download>{words["csv"]}</a> '
            f'<a class="md-button" href="{root}figures.json" download>{words["json"]}</a></p>\n\n'
            f'{html.escape(words["open"])}')


def glossary(ctx: PageContext) -> str:
    out = []
    for term in ctx.dataset.terms:
        pinyin = f" <span class=\"pinyin\">{html.escape(term.pinyin)}</span>" if term.pinyin else ""
        head = (f"**{md(term.zh)}**{pinyin} · {md(term.en)}" if ctx.lang == "zh"
                else f"**{md(term.en)}** · {md(term.zh)}{pinyin}")
        out.append(f"{head}\n:   {md(term.explain[ctx.lang])}\n")
    return "\n".join(out)


# The two numbers, each with the key of its label in LABELS; the hotline box, the checker and the
# printables all read them here.
HOTLINES = (("110", "police"), ("96110", "warning"))


def hotline_entries(lang: str) -> list[tuple[str, str]]:
    return [(number, LABELS[lang][label]) for number, label in HOTLINES]


def hotline_links(lang: str) -> str:
    """The two numbers as tap-to-call links, each with its label."""
    return "".join(f'<a class="hotline" href="tel:{number}"><span class="hotline__number">{number}</span>'
                   f'<span class="hotline__label">{html.escape(label, quote=False)}</span></a>'
                   for number, label in hotline_entries(lang))


def hotlines(ctx: PageContext) -> str:
    words = ctx.words
    return (f'<div class="hotlines" role="note" aria-label="{words["hotline_title"]}">'
            f'<p class="hotlines__title">{words["hotline_title"]}</p>{hotline_links(ctx.lang)}</div>')


def print_sheets(dataset: Dataset, lang: str, site_name: str, site_url: str, reuse: tuple = (),
                 cache=None) -> tuple:
    """The leaflet, the poster and the card of ``lang``, with their PDFs (one build makes them once;
    ``cache``, a folder, keeps them from one build to the next)."""
    if printables.FILE not in dataset.extras:
        return ()
    return printables.sheets(printables.data_of(dataset), lang, site_name, hotline_entries(lang),
                             LABELS[lang]["hotline_title"], site_url, reuse, cache)


def _sheet(ctx: PageContext, kind: str) -> printables.Sheet:
    for sheet in ctx.sheets:
        if sheet.kind == kind:
            return sheet
    raise SiteInputError(f"data/{printables.FILE}", None, "sheets", f"the sheet '{kind}' was not made",
                         "build the site with `make site` or `make serve`")


def _download(ctx: PageContext, sheet) -> str:
    data = printables.data_of(ctx.dataset)
    href = relative_url(prefix(ctx.lang) + page_url(ctx.page), prefix(ctx.lang) + printables.FOLDER + "/"
                        + sheet.filename)
    size = fmt.number(round(len(sheet.pdf) / 1000), ctx.lang)
    pages = printables.FORMATS[sheet.kind].pages
    facts = f"PDF，{pages}页，{size} KB" if ctx.lang == "zh" else f"PDF, {pages} page{'s' if pages > 1 else ''}, {size} KB"
    return (f'<a class="md-button md-button--primary sheet-download" href="{html.escape(href, quote=True)}" download>'
            f'{html.escape(data.word("download", ctx.lang), quote=False)}</a> '
            f'<span class="sheet-download__facts">{html.escape(facts, quote=False)}</span>')


def printable(ctx: PageContext, kind: str) -> str:
    sheet = _sheet(ctx, kind)
    return (f'<p class="sheet-actions">{_download(ctx, sheet)}</p>'
            f'<div class="sheet-preview">{sheet.html}</div>')


def printables_list(ctx: PageContext) -> str:
    items = "".join(f'<li><a href="{ctx.href(f"{printables.FOLDER}/{sheet.kind}.md")}">'
                    f'{html.escape(sheet.name, quote=False)}</a> · {_download(ctx, sheet)}</li>'
                    for sheet in ctx.sheets)
    return f'<ul class="sheet-list">{items}</ul>'



def corrections(contact: str, lang: str) -> str:
    """Where readers report an error on the site (HTML): a mail, phone or web link, or plain text."""
    contact = contact.strip()
    if not contact:
        return html.escape("（尚未设置纠错联系方式）" if lang == "zh" else "(no corrections contact set yet)")
    lead = "发现本站内容有误？请告诉我们：" if lang == "zh" else "Found an error on this site? Tell us: "
    return html.escape(lead) + contact_link(contact)


def contact_link(contact: str) -> str:
    if re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}", contact):
        return f'<a href="mailto:{attr(contact)}">{html.escape(contact)}</a>'
    if re.fullmatch(r"\+?[0-9][0-9 \-]{4,19}", contact):
        return f'<a href="tel:{attr(re.sub(r"[ -]", "", contact))}">{html.escape(contact)}</a>'
    if re.fullmatch(r"https://[^\s<>\"]+", contact):
        return f'<a href="{attr(contact)}">{html.escape(contact)}</a>'
    return html.escape(contact)


# --------------------------------------------------------------------------- the marker table

@dataclass(frozen=True)
class MarkerKind:
    """One kind of marker: ``{{ name ARGUMENT }}`` or ``{{ name }}``."""
    name: str
    render: Callable[..., str]                     # (ctx) or (ctx, argument) -> Markdown
    argument: str | None = None                    # what the argument names, e.g. "figure"; None: takes none
    known: Callable[[Dataset], object] | None = None  # the names the argument may take
    case_page_only: bool = False
    help: str = ""
    defined_in: str = "data/figures.yml"              # where the argument's names are written
    finished_html: bool = False  # renders finished HTML only (no Markdown, no heading): Markdown may skip it


# The checker and the channels render data files of their own (fraudsite.extras); they use md/attr above,
# so they are imported here, and their markers call them through a lambda.
from . import channels, checker, printables, speech  # noqa: E402
from . import updates  # noqa: E402  (the updates section: docs/updates/, fraudsite.updates)
from .errors import SiteInputError  # noqa: E402


def _figure(ctx: PageContext, figure_id: str) -> str:
    return md(figure_text(ctx.dataset, figure_id, ctx.lang))


def _number(ctx: PageContext, figure_id: str) -> str:
    return md(figure_text(ctx.dataset, figure_id, ctx.lang, with_unit=False))


MARKERS: dict[str, MarkerKind] = {kind.name: kind for kind in [
    MarkerKind("figure", _figure, "figure", lambda d: d.figures, help="a figure with its unit, inside a sentence",
               defined_in="data/figures.yml, or a case file in data/cases/ (case.<slug>.<fact>)"),
    MarkerKind("number", _number, "figure", lambda d: d.figures, help="a figure without its unit noun",
               defined_in="data/figures.yml, or a case file in data/cases/ (case.<slug>.<fact>)"),
    MarkerKind("table", table, "group", lambda d: d.groups, help="a table of a group of figures",
               defined_in="data/figures.yml (groups)"),
    MarkerKind("chart", chart, "chart", lambda d: d.charts, help="an SVG chart with its table",
               defined_in="data/figures.yml (charts)"),
    MarkerKind("cases-of-type", cases_of_type, "scam type", lambda d: d.catalogue.scam_types,
               help="the latest cases of one scam type", defined_in="data/catalogue.yml (scam_types)"),
    MarkerKind("case-facts", case_facts, case_page_only=True, finished_html=True, help="the facts table of this case"),
    MarkerKind("cases-list", cases_list, finished_html=True, help="every case, 20 to a page"),
    MarkerKind("latest-cases", latest_cases, finished_html=True, help="the three latest cases"),
    MarkerKind("case-totals", case_totals, help="totals over the cases on the site"),
    MarkerKind("updates-list", lambda ctx: updates.render_list(ctx), finished_html=True,
               help="every update, newest first (docs/updates/)"),
    MarkerKind("latest-updates", lambda ctx: updates.render_latest(ctx), finished_html=True,
               help="the three latest updates"),
    MarkerKind("update-date", lambda ctx: updates.render_date(ctx), finished_html=True,
               help="this update's date, from the date: of its Chinese page (update pages only)"),
    MarkerKind("feed-link", lambda ctx: updates.render_feed_link(ctx), finished_html=True,
               help="a link to this language's Atom feed (feed.xml)"),
    MarkerKind("sources", sources, help="every figure with its source sentence"),
    MarkerKind("open-data", open_data, help="links to figures.csv and figures.json"),
    MarkerKind("glossary", glossary, help="the glossary"),
    MarkerKind("hotlines", hotlines, help="the police and warning-line numbers"),
    MarkerKind("printable", printable, "sheet", lambda d: printables.FORMATS if printables.FILE in d.extras else {},
               finished_html=True, help="a printable sheet as a page shows it, with its PDF (data/printables.yml)",
               defined_in="fraudsite/printables.py (FORMATS)"),
    MarkerKind("printables", printables_list, finished_html=True,
               help="the printable sheets, each with its page and its PDF (data/printables.yml)"),
    MarkerKind("corrections", lambda ctx: corrections(ctx.contact, ctx.lang),
               help="where readers report an error on the site (extra.corrections in mkdocs.yml)"),
    MarkerKind("checker", lambda ctx: checker.render(ctx),
               help="the questions of 这是诈骗吗？ / Is this a scam? (data/checker.yml)"),
    MarkerKind("channels", lambda ctx, group: channels.render(ctx, group), "channel group",
               lambda d: channels.groups(d),
               help="a group of national facts, each with the public body that states it (data/channels.yml)",
               defined_in="data/channels.yml (groups)"),
    MarkerKind("quote", lambda ctx, quote_id: speech.render(ctx, quote_id), "quote", lambda d: speech.known(d),
               help="what someone in the article said, with its one translation (data/quotes.yml)",
               defined_in="data/quotes.yml"),
]}


def render_marker(ctx: PageContext, kind: str, argument: str | None) -> str:
    spec = MARKERS[kind]
    return spec.render(ctx, argument) if spec.argument else spec.render(ctx)

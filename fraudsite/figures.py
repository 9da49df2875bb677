"""The article's figures on pages: a figure in a sentence, tables, charts, the sources page and the open
data links (the markers figure, number, table, chart, sources and open-data)."""
from __future__ import annotations

import html
from collections.abc import Sequence

from . import formatting as fmt
from .charts import bar_chart
from .labels import LABELS
from .markup import MarkerKind, PageContext, md
from .model import Dataset, Figure, Period
from .sources import Source


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


def figures_block(rows: list[str], notes: Sequence[str] = (), kind: str = "figures-table") -> str:
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
                         f"{'' if ctx.lang == 'zh' else ' '}{html.escape(_why(figure, ctx.lang))}")
    return notes


def _why(figure: Figure, lang: str) -> str:
    """Why a worked-out figure's arithmetic holds (every derived figure has its reason: fraudsite.derive)."""
    assert figure.why is not None, figure.id
    return figure.why[lang]


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
    return figures_block(rows, notes)


def chart(ctx: PageContext, chart_id: str) -> str:
    dataset, lang, words = ctx.dataset, ctx.lang, ctx.words
    spec = dataset.charts[chart_id]
    # a bar worked out from other figures says so, in the chart and in its table: it is not a figure of the article
    bars = [(bar.label[lang] + (words["computed"] if dataset.figures[bar.figure].is_derived else ""),
             dataset.figures[bar.figure]) for bar in spec.bars]
    svg = bar_chart(chart_id, spec.title[lang], [(label, float(f.number), figure_text(dataset, f.id, lang))
                                                  for label, f in bars], lang)
    rows = [f"| {words['figure']} | {words['value']} |", "| --- | --- |"]
    for label, figure in bars:
        rows.append(f"| {md(label)} | [{md(figure_text(dataset, figure.id, lang))}]({_source_link(ctx, figure.id)}) |")
    # the caption comes first: HTML allows a figcaption only as a figure's first or last child, and last would put
    # it under the table, away from the chart it names; the table stays in the figure as the chart's text alternative
    return (f'<figure class="chart" markdown>\n<figcaption>{html.escape(spec.title[lang])}</figcaption>\n\n{svg}\n\n'
            + "\n".join(rows) + "\n\n</figure>")



def source_credit(source: Source, lang: str) -> str:
    """《title》，date发布 / the news report “title” (in Chinese), published date."""
    words = LABELS[lang]
    published = words["published"].format(date=fmt.date(source.published, lang))
    title = words["article"].format(title=source.title, kind=words[source.kind])
    return f"{title}{'，' if lang == 'zh' else ', '}{published}"


def source_details(source: Source, lang: str) -> str:
    """What the copy held shows of where and when a document was published (HTML)."""
    words = LABELS[lang]
    colon = "：" if lang == "zh" else ": "
    publisher = source.publisher[lang] if source.publisher else words["publisher_unknown"]
    rows = [(words["publisher"], html.escape(publisher)), (words["date"], html.escape(fmt.date(source.published, lang)))]
    if source.section:
        rows.append((words["section"], html.escape(source.section)))
    if source.editor:
        rows.append((words["editor"], html.escape(source.editor)))
    if source.url:
        rows.append((words["address"], f'<a href="{html.escape(source.url)}">{html.escape(source.url)}</a>'))
    items = "".join(f"<li>{html.escape(label)}{colon}{value}</li>" for label, value in rows)
    return (f'<p class="source-document__title"><strong>{html.escape(words[source.kind])}</strong>{colon}'
            f'<span lang="zh">{html.escape(source.title)}</span></p><ul class="source-document__facts">{items}</ul>')


def sources(ctx: PageContext) -> str:
    """Every figure with its verbatim source sentence, grouped by the document it comes from; then the figures
    worked out from them. A case's facts are shown with their sentences on the case's own page
    ({{ case-facts }}): this page stays the same size however many cases the site holds."""
    dataset, lang = ctx.dataset, ctx.lang
    by_document: dict[str, list[str]] = {document: [] for document in dataset.sources}
    derived: list[str] = []
    for figure in dataset.figures.values():
        if figure.case is not None:
            continue
        if figure.is_derived:
            derived.append(figure_source(ctx, figure))
        elif figure.source_name in by_document:
            by_document[figure.source_name].append(figure_source(ctx, figure))
    out = []
    for document, entries in by_document.items():
        source = dataset.sources[document]
        out.append(f'<section class="source-document" id="source-{html.escape(document)}">')
        out.append(source_details(source, lang))
        out.extend(entries)
        out.append("</section>\n")
    if derived:
        out.append(f'<section class="source-document" id="derived"><p class="source-document__title"><strong>'
                   f'{html.escape(LABELS[lang]["derived_title"])}</strong></p>')
        out.extend(derived)
        out.append("</section>\n")
    return "\n".join(out)


def figure_source(ctx: PageContext, figure: Figure) -> str:
    """A figure with its value, its period or case, and its source sentence or how it was worked out (HTML)."""
    dataset, words, lang = ctx.dataset, ctx.words, ctx.lang
    colon = "：" if lang == "zh" else ": "
    value = html.escape(figure_text(dataset, figure.id, lang))
    if figure.case is not None:
        case = dataset.case(figure.case)
        when = f"{words['case_label']}{colon}{case.title[lang] if case else figure.case}"
    else:
        when = fmt.period(figure.period, lang)
    out = [f'<section class="figure-source" id="fig-{figure.id}">',
           f"<p><strong>{html.escape(figure.label[lang])}</strong>{colon}{value}<br>"
           f"<small>{html.escape(when)}</small></p>"]
    if figure.source:
        source = dataset.sources[figure.source_name]
        out.append(f'<blockquote lang="zh"><p>{html.escape(figure.source.quote)}</p></blockquote>')
        if lang == "en":
            out.append(f'<p class="translation">{words["translation"]}: {html.escape(figure.source.quote_en)}</p>')
        out.append(f"<p><small>{words['cited_from']}{colon}{html.escape(source_credit(source, lang))}</small></p>")
    elif figure.is_derived:
        inputs = _list_joiner(lang).join(
            f'<a href="#fig-{name}">{html.escape(dataset.figures[name].label[lang])}</a>'
            for name in figure.derived_from)
        sep = "" if lang == "zh" else " "
        out.append(f"<p>{html.escape(figure.definition[lang])}{sep}{html.escape(_why(figure, lang))}<br>"
                   f"{words['from']}{colon}{inputs}</p>")
    out.append("</section>\n")
    return "\n".join(out)


def series(ctx: PageContext, measure_id: str) -> str:
    """A measure over time: a chart of its values and a table with each period, its value and, where the two
    periods are equally long, the change on the period before (fraudsite.model.Period.length)."""
    dataset, lang, words = ctx.dataset, ctx.lang, ctx.words
    measure = dataset.measures[measure_id]
    values = [dataset.figures[figure_id] for figure_id in measure.figures]
    title = measure.label[lang]

    def period_label(figure: Figure) -> str:
        return fmt.period(figure.period, lang) + (words["computed"] if figure.is_derived else "")

    svg = bar_chart(f"series-{measure_id}", title, [(period_label(f), float(_amount(f)), figure_text(dataset, f.id, lang))
                                                   for f in values], lang)
    rows = [f"| {words['period']} | {words['value']} | {words['change']} |", "| --- | --- | --- |"]
    for before, figure in zip([None, *values], values):
        change = "—" if before is None else _change(dataset, before, figure, lang)
        rows.append(f"| {md(period_label(figure))} | [{md(figure_text(dataset, figure.id, lang))}]"
                    f"({_source_link(ctx, figure.id)}) | {md(change)} |")
    notes = derived_notes(ctx, values)
    block = (f'<figure class="chart" markdown>\n<figcaption>{html.escape(title)}</figcaption>\n\n{svg}\n\n'
             + "\n".join(rows) + "\n\n</figure>")
    return block + ("\n\n" + "\n".join(f'<p class="table-note">{note}</p>' for note in notes) if notes else "")


def _amount(figure: Figure) -> float:
    """A measure's value as a number (fraudsite.load allows only counts and amounts in a measure)."""
    assert isinstance(figure.value, (int, float)), figure.id
    return figure.value


def _change(dataset: Dataset, before: Figure, after: Figure, lang: str) -> str:
    if before.period.length() != after.period.length():
        return LABELS[lang]["not_compared"]
    delta = _amount(after) - _amount(before)
    qualifier = "exact" if before.qualifier == after.qualifier == "exact" else "about"
    amount = Figure(id=f"change.{after.id}", value=abs(delta), unit=after.unit, qualifier=qualifier,
                    period=after.period, scope=after.scope, label={}, definition={}, file="", line=0)
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return sign + fmt.with_unit(amount, lang, dataset.catalogue.units)


def latest(ctx: PageContext, measure_id: str) -> str:
    """A measure's value for its latest period, inside a sentence, as {{ figure }} shows a figure."""
    return _figure(ctx, ctx.dataset.measures[measure_id].figures[-1])


def all_series(ctx: PageContext) -> str:
    """Every measure with values for two periods or more: the statistics page shows each as a series."""
    return "\n\n".join(series(ctx, measure) for measure, spec in ctx.dataset.measures.items()
                       if len(spec.figures) > 1)


def open_data(ctx: PageContext) -> str:
    words, root = ctx.words, ctx.root
    return (f'<p class="open-data"><a class="md-button" href="{root}figures.csv" download>{words["csv"]}</a> '
            f'<a class="md-button" href="{root}figures.json" download>{words["json"]}</a></p>\n\n'
            f'{html.escape(words["open"])}')




def _figure(ctx: PageContext, figure_id: str) -> str:
    return md(figure_text(ctx.dataset, figure_id, ctx.lang))


def _number(ctx: PageContext, figure_id: str) -> str:
    return md(figure_text(ctx.dataset, figure_id, ctx.lang, with_unit=False))


MARKERS = (
    MarkerKind("figure", _figure, "figure", lambda d: d.figures, help="a figure with its unit, inside a sentence",
               defined_in="data/figures.yml, or a case file in data/cases/ (case.<slug>.<fact>)"),
    MarkerKind("number", _number, "figure", lambda d: d.figures, help="a figure without its unit noun",
               defined_in="data/figures.yml, or a case file in data/cases/ (case.<slug>.<fact>)"),
    MarkerKind("table", table, "group", lambda d: d.groups, help="a table of a group of figures",
               defined_in="data/figures.yml (groups)"),
    MarkerKind("chart", chart, "chart", lambda d: d.charts, help="an SVG chart with its table",
               defined_in="data/figures.yml (charts)"),
    MarkerKind("series", series, "measure", lambda d: d.measures,
               help="a measure over time: a chart and a table of its values, period by period",
               defined_in="data/figures.yml (measures)"),
    MarkerKind("latest", latest, "measure", lambda d: d.measures,
               help="a measure's value for its latest period, inside a sentence",
               defined_in="data/figures.yml (measures)"),
    MarkerKind("all-series", all_series, help="every measure with values for two periods or more"),
    MarkerKind("sources", sources, help="every figure with its source sentence, grouped by document"),
    MarkerKind("source", lambda ctx, document: source_details(ctx.dataset.sources[document], ctx.lang), "source",
               lambda d: d.sources, help="what the copy held shows of a source document (publisher, date, …)",
               defined_in="data/sources.yml"),
    MarkerKind("open-data", open_data, help="links to figures.csv and figures.json"),
)

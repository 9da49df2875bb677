"""Markers turned into Markdown/HTML for one page in one language.

Every function here returns text for the page; links are relative to the
page's own source path, so MkDocs checks them like any hand-written link.
"""
from __future__ import annotations

import html
import posixpath

from . import formatting as fmt
from .charts import bar_chart
from .model import Case, Dataset, Figure

PAGE_SIZE = 20  # cases per listing page: keeps every page the same size however many cases there are
LABELS = {
    "zh": {"listing": "真实案例", "listing_description": "大理州电信网络诈骗真实案例列表：",
           "figure": "指标", "value": "数值", "unclear": "（时段存疑，见说明）",
           "computed": "（推算）", "fact": "项目", "total": "合计", "cases": "案件数", "date": "日期",
           "place": "地点", "types": "骗局类型", "status": "状态", "source": "来源", "before": "或之前（据报道）",
           "loss": "损失", "suspects": "嫌疑人", "none": "本站暂无此类案例。", "more": "查看全部 {n} 起",
           "next": "下一页", "prev": "上一页", "page": "第 {n} / {total} 页", "from": "由以下数据推算",
           "cited_from": "出处", "translation": "", "csv": "下载 CSV", "json": "下载 JSON",
           "open": "每行一个数字：编号、数值、单位、限定、时段、范围、中英文名称、原文出处；推算数字注明来源。",
           "hotline_title": "遇到诈骗，立即拨打", "police": "报警", "warning": "全国反诈预警劝阻专线",
           "article": "《重拳出击 大理州反诈破案率在全省名列前茅》", "line": "第 {n} 行"},
    "en": {"listing": "Cases", "listing_description": "Real fraud cases from Dali Prefecture, newest first:",
           "figure": "Figure", "value": "Value", "unclear": " (period unclear, see note)",
           "computed": " (computed)", "fact": "Fact", "total": "Total", "cases": "Cases", "date": "Date",
           "place": "Place", "types": "Scam types", "status": "Status", "source": "Source",
           "before": " or before (as reported)", "loss": "lost", "suspects": "suspects",
           "none": "No case of this type on the site yet.", "more": "See all {n} cases", "next": "Next page",
           "prev": "Previous page", "page": "Page {n} of {total}", "from": "Computed from",
           "cited_from": "Source", "translation": "Translation", "csv": "Download CSV", "json": "Download JSON",
           "open": "One row per figure: id, value, unit, qualifier, period, scope, labels in both languages and "
                   "the source quote; derived figures say what they are computed from.",
           "hotline_title": "Scam in progress? Call now", "police": "Police", "warning": "National anti-fraud warning line",
           "article": "the article “重拳出击 大理州反诈破案率在全省名列前茅”", "line": "line {n}"},
}


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source page to another (both docs-relative)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def figure_text(dataset: Dataset, figure_id: str, lang: str, with_unit: bool = True) -> str:
    key = ("figure", figure_id, lang, with_unit)
    if key not in dataset.rendered:
        figure = dataset.figures[figure_id]
        dataset.rendered[key] = (fmt.with_unit(figure, lang, dataset.catalogue.units) if with_unit
                                 else fmt.value_only(figure, lang))
    return dataset.rendered[key]


def _source_link(page: str, figure_id: str) -> str:
    """The link from a page to a figure's entry on the sources page."""
    return relative(page, "sources.md") + f"#fig-{figure_id}"


def _list_joiner(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def _figure_row(dataset: Dataset, figure: Figure, lang: str, page: str) -> str:
    words = LABELS[lang]
    label = figure.label[lang] + (words["computed"] if figure.is_derived else "")
    value = figure_text(dataset, figure.id, lang)
    link = _source_link(page, figure.id)
    period = fmt.period(figure, lang) + (words["unclear"] if figure.period_ambiguous else "")
    # the period sits under the label: two columns read better than three on a phone
    return f'| {_cell(label)} <span class="figure-period">{_cell(period)}</span> | [{_cell(value)}]({link}) |'


def _figures_block(rows: list[str]) -> str:
    # a wrapper class instead of column alignment: Markdown's align= becomes
    # an inline style attribute, which the site's CSP forbids
    return '<div class="figures-table" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(dataset: Dataset, group_id: str, lang: str, page: str) -> str:
    words = LABELS[lang]
    rows = [f"| {words['figure']} | {words['value']} |", "| --- | --- |"]
    rows += [_figure_row(dataset, dataset.figures[fid], lang, page) for fid in dataset.groups[group_id].figures]
    return _figures_block(rows)


def chart(dataset: Dataset, chart_id: str, lang: str, page: str) -> str:
    spec = dataset.charts[chart_id]
    bars = [(bar.label[lang], dataset.figures[bar.figure]) for bar in spec.bars]
    svg = bar_chart(chart_id, spec.title[lang], [(label, float(f.value), figure_text(dataset, f.id, lang))
                                                  for label, f in bars], lang)
    words = LABELS[lang]
    rows = [f"| {words['figure']} | {words['value']} |", "| --- | --- |"]
    for label, figure in bars:
        rows.append(f"| {_cell(label)} | [{_cell(figure_text(dataset, figure.id, lang))}]"
                    f"({_source_link(page, figure.id)}) |")
    return f'<figure class="chart" markdown>\n{svg}\n<figcaption>{html.escape(spec.title[lang])}</figcaption>\n\n' \
           + "\n".join(rows) + "\n\n</figure>"


def case_facts(dataset: Dataset, case: Case, lang: str, page: str) -> str:
    words = LABELS[lang]
    catalogue = dataset.catalogue
    date = case_date(case, lang)
    date_id = f"case.{case.slug}.date"
    if dataset.figures[date_id].source and case.source == "article":
        date = f"[{date}]({_source_link(page, date_id)})"
    type_links = _list_joiner(lang).join(f"[{catalogue.scam_types[t][lang]}]({relative(page, f'scams/{t}.md')})" for t in case.types)
    rows = [f"| {words['fact']} | {words['value']} |", "| --- | --- |",
            f"| {words['date']} | {date} |",
            f"| {words['place']} | {catalogue.counties[case.county][lang]} |",
            f"| {words['types']} | {type_links} |",
            f"| {words['status']} | {catalogue.case_statuses[case.status][lang]} |"]
    for figure_id in case.facts.values():
        figure = dataset.figures[figure_id]
        value = figure_text(dataset, figure_id, lang)
        if figure.source and case.source == "article":
            value = f"[{_cell(value)}]({_source_link(page, figure.id)})"
        rows.append(f"| {_cell(figure.label[lang])} | {value} |")
    return _figures_block(rows)


def case_date(case: Case, lang: str) -> str:
    """The case's date; "on or before" when the source gives only an upper bound."""
    return fmt.date(case.date, lang) + (LABELS[lang]["before"] if case.date_precision == "before" else "")


def case_line(dataset: Dataset, case: Case, lang: str, page: str) -> str:
    """One case in a list: title, date, place, types, loss, suspects."""
    key = ("case-line", case.slug, lang, posixpath.dirname(page))
    if key not in dataset.rendered:
        dataset.rendered[key] = _case_line(dataset, case, lang, page)
    return dataset.rendered[key]


def _case_line(dataset: Dataset, case: Case, lang: str, page: str) -> str:
    words = LABELS[lang]
    catalogue = dataset.catalogue
    parts = [case_date(case, lang), catalogue.counties[case.county][lang],
             _list_joiner(lang).join(catalogue.scam_types[t][lang] for t in case.types)]
    if "loss" in case.facts:
        loss = figure_text(dataset, case.facts["loss"], lang)
        parts.append(f"{words['loss']} {loss}" if lang == "zh" else f"{loss} {words['loss']}")
    if "suspects_arrested" in case.facts:
        suspects = figure_text(dataset, case.facts["suspects_arrested"], lang, with_unit=lang == "zh")
        parts.append(f"{words['suspects']} {suspects}" if lang == "zh" else f"{suspects} {words['suspects']}")
    link = relative(page, f"cases/{case.slug}.md")
    return f"- **[{case.title[lang]}]({link})**  \n  {' · '.join(parts)}"


def case_search_text(dataset: Dataset, case: Case, lang: str) -> str:
    """What search knows of a case: its summary, place, types, date and status.

    One short entry per case instead of every section of its page keeps the
    index readers download small however many cases the site holds.
    """
    catalogue = dataset.catalogue
    parts = [case.summary[lang], catalogue.counties[case.county][lang],
             *(catalogue.scam_types[t][lang] for t in case.types), case_date(case, lang),
             catalogue.case_statuses[case.status][lang]]
    return " · ".join(parts)


def case_list(dataset: Dataset, cases: list[Case], lang: str, page: str) -> str:
    if not cases:
        return LABELS[lang]["none"]
    return "\n".join(case_line(dataset, case, lang, page) for case in cases)


def pager(lang: str, number: int, total: int, link_for) -> str:
    """Previous / page n of N / next, for paginated listings."""
    words = LABELS[lang]
    parts = []
    if number > 1:
        parts.append(f"[← {words['prev']}]({link_for(number - 1)})")
    parts.append(words["page"].format(n=number, total=total))
    if number < total:
        parts.append(f"[{words['next']} →]({link_for(number + 1)})")
    return '<nav class="pager" markdown>\n' + " · ".join(parts) + "\n</nav>"


def cases_of_type(dataset: Dataset, scam_type: str, lang: str, page: str) -> tuple[str, int]:
    matching = dataset.cases_of_type(scam_type)
    text = case_list(dataset, matching[:PAGE_SIZE // 4], lang, page)
    return text, len(matching)


def case_totals(dataset: Dataset, lang: str) -> str:
    words = LABELS[lang]
    catalogue = dataset.catalogue
    totals: dict[str, list[Figure]] = {}
    for case in dataset.cases:
        for kind, figure_id in case.facts.items():
            if catalogue.case_facts[kind]["unit"] not in ("date", "datetime"):
                totals.setdefault(kind, []).append(dataset.figures[figure_id])
    rows = [f"| {words['fact']} | {words['total']} | {words['cases']} |", "| --- | --- | --- |"]
    for kind in catalogue.case_facts:
        if kind not in totals:
            continue
        figures = totals[kind]
        qualifier = "exact" if all(f.qualifier == "exact" for f in figures) else "more_than"
        summed = Figure(id=f"total.{kind}", value=sum(f.value for f in figures), unit=figures[0].unit,
                        qualifier=qualifier, period_start=min(f.period_start for f in figures),
                        period_end=max(f.period_end for f in figures), scope="case", label={}, definition={},
                        file="", line=0)
        rows.append(f"| {catalogue.case_facts[kind][lang]} | {fmt.with_unit(summed, lang, catalogue.units)} "
                    f"| {fmt.number(len(figures), lang)} |")
    return _figures_block(rows)


def sources(dataset: Dataset, lang: str, page: str) -> str:
    """Every figure from the article with its verbatim source sentence."""
    words = LABELS[lang]
    out = []
    for figure in dataset.figures.values():
        if figure.case is not None and figure.source_name != "article":
            continue
        value = html.escape(figure_text(dataset, figure.id, lang))
        out.append(f'<section class="figure-source" id="fig-{figure.id}" markdown>')
        out.append(f"**{html.escape(figure.label[lang])}**: {value}  \n"
                   f"<small>{html.escape(fmt.period(figure, lang))}{html.escape(words['unclear']) if figure.period_ambiguous else ''}"
                   f" · <code>{figure.id}</code></small>\n")
        if figure.source:
            out.append(f'<blockquote lang="zh">{html.escape(figure.source.quote)}</blockquote>')
            if lang == "en":
                out.append(f"<p class=\"translation\">{words['translation']}: {html.escape(figure.source.quote_en)}</p>")
            out.append(f"<p><small>{words['cited_from']}: {html.escape(words['article'])}, "
                       f"{words['line'].format(n=figure.source.line)}</small></p>")
        elif figure.is_derived:
            inputs = ", ".join(f'<a href="#fig-{name}">{html.escape(dataset.figures[name].label[lang])}</a>'
                               for name in figure.derived_from)
            out.append(f"<p>{html.escape(figure.definition[lang])}<br>{words['from']}: {inputs}</p>")
        out.append("</section>\n")
    return "\n".join(out)


def open_data(lang: str, root_url: str) -> str:
    words = LABELS[lang]
    return (f'<p class="open-data"><a class="md-button" href="{root_url}figures.csv" download>{words["csv"]}</a> '
            f'<a class="md-button" href="{root_url}figures.json" download>{words["json"]}</a></p>\n\n'
            f'{words["open"]}')


def glossary(dataset: Dataset, lang: str) -> str:
    out = []
    for term in dataset.terms:
        pinyin = f" <span class=\"pinyin\">{html.escape(term.pinyin)}</span>" if term.pinyin else ""
        head = f"**{term.zh}**{pinyin} · {term.en}" if lang == "zh" else f"**{term.en}** · {term.zh}{pinyin}"
        out.append(f"{head}\n:   {term.explain[lang]}\n")
    return "\n".join(out)


def hotlines(lang: str) -> str:
    words = LABELS[lang]
    return (f'<div class="hotlines" role="note" aria-label="{words["hotline_title"]}">'
            f'<p class="hotlines__title">{words["hotline_title"]}</p>'
            f'<a class="hotline" href="tel:110"><span class="hotline__number">110</span>'
            f'<span class="hotline__label">{words["police"]}</span></a>'
            f'<a class="hotline" href="tel:96110"><span class="hotline__number">96110</span>'
            f'<span class="hotline__label">{words["warning"]}</span></a></div>')

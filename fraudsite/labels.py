"""The words the rendered pages share, in each language (table headers, list labels, notes).

A bottom-layer module: every feature that renders (fraudsite.figures, fraudsite.cases,
fraudsite.contact …) reads its words here, and it imports nothing of the project.
"""
from __future__ import annotations

LABELS = {
    "zh": {"listing": "真实案例", "listing_description": "{region}电信网络诈骗真实案例列表：",
           "figure": "指标", "value": "数值", "computed": "（推算）", "fact": "项目", "total": "合计",
           "cases": "案件数", "date": "日期", "place": "地点", "types": "骗局类型", "status": "状态",
           "loss": "损失", "suspects": "嫌疑人", "none": "暂无此类案例。", "more": "查看全部 {n} 起",
           "next": "下一页", "prev": "上一页", "page": "第 {n} / {total} 页", "from": "由以下数字推算",
           "cited_from": "出处", "translation": "", "csv": "下载 CSV", "json": "下载 JSON",
           "open": "每行一个数字：编号、数值、单位、限定、时段、范围、中英文名称、原文出处；推算的数字注明由哪些数字算出、为什么可以这样算。",
           "hotline_title": "遇到诈骗，立即拨打",
           "article": "《{title}》", "published": "{date}发布",
           "news_report": "新闻报道", "police_bulletin": "警方通报", "official_statement": "官方发布",
           "publisher": "发布者", "publisher_unknown": "我们收到的文本没有写明", "section": "栏目",
           "editor": "责任编辑", "address": "网址", "derived_title": "推算的数字",
           "period": "时段", "change": "比上一时段", "not_compared": "不比较（两个时段长短不同）",
           "period_note": "时段：{period}。", "unstated_all": "文章没有说明本表数字的统计时段。文章发布于{day}。",
           "derived_note": "推算", "case_label": "案件", "draft": "草稿", "unfilled": "（待填写）",
           "undated": "日期未公布（{day}报道）", "undated_short": "日期未公布", "as_of": "{status}（截至{month}报道时）",
           "totals_note": "每起案件只计一次；只统计本站收录的案件，不代表本地区全部案件。"},
    "en": {"listing": "Real cases", "listing_description": "Real fraud cases from {region}, newest first:",
           "figure": "Figure", "value": "Value", "computed": " (worked out)", "fact": "Fact", "total": "Total",
           "cases": "Cases", "date": "Date", "place": "Place", "types": "Scam types", "status": "Status",
           "loss": "lost", "suspects": "suspects", "none": "No case of this type on the site yet.",
           "more": "See all {n} cases", "next": "Next page", "prev": "Previous page", "page": "Page {n} of {total}",
           "from": "Worked out from", "cited_from": "Source", "translation": "Our translation",
           "csv": "Download CSV", "json": "Download JSON",
           "open": "One row per figure: id, value, unit, qualifier, period, scope, names in both languages and "
                   "the source quote; worked-out figures say what they come from and why the arithmetic holds.",
           "hotline_title": "Scam in progress? Call now",
           "article": "the {kind} “{title}” (in Chinese)",
           "news_report": "news report", "police_bulletin": "police bulletin", "official_statement": "official statement",
           "publisher": "Published by", "publisher_unknown": "not named in the copy we hold", "section": "Section",
           "editor": "Editor", "address": "Address", "derived_title": "Worked-out figures",
           "period": "Period", "change": "Change on the period before",
           "not_compared": "not compared (the periods differ in length)",
           "published": "published {date}",
           "period_note": "Period: {period}.",
           "unstated_all": "The article does not say what period the figures in this table cover. It was published "
                           "on {day}.",
           "derived_note": "Worked out", "case_label": "Case", "draft": "draft", "unfilled": "(to be filled in)",
           "undated": "date not published (reported on {day})", "undated_short": "date not published",
           "as_of": "{status} (as reported in {month})",
           "totals_note": "Each case is counted once; only the cases on this site are included, not every case in the area."},
}


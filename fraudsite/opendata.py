"""figures.csv and figures.json: every figure, one row each, for reuse."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

from .model import Dataset, Figure

COLUMNS = ["id", "value", "unit", "qualifier", "period_from", "period_to", "period_reported", "scope", "case",
           "label_zh", "label_en", "definition_zh", "definition_en", "source_document", "source_line", "source_quote_zh",
           "source_quote_en", "derived", "derived_from", "operation", "why_zh", "why_en"]


def _day(day) -> str:
    return day.isoformat() if day else ""


def row(figure: Figure) -> dict:
    value = figure.value.isoformat() if isinstance(figure.value, (dt.date, dt.datetime)) else figure.value
    period = figure.period
    return {
        "id": figure.id, "value": value, "unit": figure.unit, "qualifier": figure.qualifier,
        "period_from": _day(period.start), "period_to": _day(period.end), "period_reported": _day(period.reported),
        "scope": figure.scope, "case": figure.case or "",
        "label_zh": figure.label["zh"], "label_en": figure.label["en"],
        "definition_zh": figure.definition["zh"], "definition_en": figure.definition["en"],
        "source_document": figure.source_name if figure.source else "",
        "source_line": figure.source.line if figure.source else "",
        "source_quote_zh": figure.source.quote if figure.source else "",
        "source_quote_en": figure.source.quote_en if figure.source else "",
        "derived": figure.is_derived, "derived_from": " ".join(figure.derived_from), "operation": figure.op or "",
        "why_zh": figure.why["zh"] if figure.why else "", "why_en": figure.why["en"] if figure.why else "",
    }


def rows(dataset: Dataset) -> list[dict]:
    """Every published figure: a draft case's figures are not data yet."""
    drafts = {case.slug for case in dataset.cases if case.is_draft}
    return [row(figure) for figure in dataset.figures.values() if figure.case not in drafts]


def to_csv(dataset: Dataset) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(dataset))
    return buffer.getvalue()


def to_json(dataset: Dataset) -> str:
    document = {"sources": [{k: (v.isoformat() if isinstance(v, dt.date) else v)
                             for k, v in dataclasses.asdict(source).items() if k not in ("text", "line") and v is not None}
                            for source in dataset.sources.values()],
                "figures": rows(dataset)}
    return json.dumps(document, ensure_ascii=False, indent=1)

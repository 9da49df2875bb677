"""Static, accessible horizontal bar charts as inline SVG.

Horizontal bars keep labels readable on a 360 px phone and in print; no
script, no web font, nothing fetched. Chart libraries on PyPI either need
JavaScript to render or emit inline ``style`` attributes that a strict
Content-Security-Policy blocks, so this stays a small tested function.
"""
from __future__ import annotations

import re
from html import escape as _escape

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Escaped text with the control characters XML does not allow removed."""
    return _escape(CONTROL.sub("", text))

WIDTH = 320
ROW = 46          # height of one bar with its label
BAR = 18          # bar thickness
LABEL_GAP = 16    # label baseline above the bar
VALUE_ROOM = 120  # space kept right of the longest bar for its value


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, float, str]], lang: str) -> str:
    """``bars`` are (label, value, formatted value); returns one <svg> element."""
    peak = max((value for _label, value, _text in bars), default=0) or 1
    height = ROW * len(bars) + 8
    title_id, desc_id = f"chart-{chart_id}-title", f"chart-{chart_id}-desc"
    joiner, colon = ("；", "：") if lang == "zh" else ("; ", ": ")  # a screen reader reads a half-width colon out in Chinese
    description = joiner.join(f"{label}{colon}{text}" for label, _value, text in bars)
    parts = [
        f'<svg class="chart__svg" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" lang="{lang}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    for index, (label, value, text) in enumerate(bars):
        top = index * ROW + 4
        length = max(2.0, (WIDTH - VALUE_ROOM) * value / peak)
        parts += [
            f'<text class="chart__label" x="0" y="{top + LABEL_GAP - 4}" font-size="13" fill="currentColor">{escape(label)}</text>',
            f'<rect class="chart__bar" x="0" y="{top + LABEL_GAP}" width="{length:.1f}" height="{BAR}" rx="2" fill="#00695c"/>',
            f'<text class="chart__value" x="{length + 6:.1f}" y="{top + LABEL_GAP + BAR - 4}" font-size="13" '
            f'font-weight="bold" fill="currentColor">{escape(text)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)  # text nodes apart: search indexes each label as its own words

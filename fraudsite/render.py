"""The one table of marker kinds, assembled from the features that declare them.

The renderer has three layers, and imports only go down:

- bottom: what every feature shares: escaping, page addresses and the page being rendered
  (fraudsite.markup), the words of the pages (fraudsite.labels), the hotlines and the corrections
  contact (fraudsite.contact), how a marker is written (fraudsite.syntax);
- middle: the features, each declaring its own markers (its ``MARKERS``): fraudsite.figures,
  fraudsite.cases, fraudsite.updates_render, fraudsite.glossary, fraudsite.checker, fraudsite.channels,
  fraudsite.speech, fraudsite.printables and fraudsite.contact;
- top: this table, which fraudsite.markers checks pages against and renders with.

tests/test_layers.py fails if the import graph of fraudsite and fraudbuild has a cycle.
"""
from __future__ import annotations

from . import cases, channels, checker, contact, figures, glossary, printables, speech, updates_render
from .markup import MarkerKind, PageContext

FEATURES = (figures, cases, updates_render, glossary, contact, printables, checker, channels, speech)


def _table(features: tuple) -> dict[str, MarkerKind]:
    """Every feature's markers by name; two features declaring the same name is a mistake in the code."""
    table: dict[str, MarkerKind] = {}
    for feature in features:
        for kind in feature.MARKERS:
            if kind.name in table:
                raise ValueError(f"{feature.__name__} declares the marker '{kind.name}' a second time")
            table[kind.name] = kind
    return table


MARKERS: dict[str, MarkerKind] = _table(FEATURES)


def render_marker(ctx: PageContext, kind: str, argument: str | None) -> str:
    spec = MARKERS[kind]
    return spec.render(ctx, argument) if spec.argument else spec.render(ctx)

"""Paginated case listings: which pages exist, what each one lists, where it lives.

The cases index (docs/cases/index.<lang>.md) is page 1 of the main listing;
pages 2..N are generated as cases/page-N. A scam type's own page lists its
latest few cases; when it has more, cases/type-<id> (and -2, -3 …) list them all.
Every listing page holds at most PAGE_SIZE cases, so no page grows with the site.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .model import Case, Dataset

PAGE_SIZE = 20          # cases per listing page
ON_TYPE_PAGE = PAGE_SIZE // 4  # cases shown on a scam type's own page
LATEST = 3              # cases on the home page
MAIN = "cases/page"


@dataclass(frozen=True)
class Listing:
    stem: str               # "cases/page" or "cases/type-<id>"
    cases: list[Case]
    scam_type: str | None   # None for the main listing

    @property
    def pages(self) -> int:
        return page_count(len(self.cases))

    def uri(self, number: int) -> str:
        """Docs-relative source path of page ``number`` (1-based), without language suffix."""
        if number == 1:
            return f"{self.stem}.md" if self.scam_type else "cases/index.md"
        return f"{self.stem}-{number}.md"

    def chunk(self, number: int) -> list[Case]:
        return self.cases[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]

    def generated_numbers(self) -> range:
        """Page numbers this listing adds to the site (the cases index itself is written by hand)."""
        if self.scam_type and len(self.cases) <= ON_TYPE_PAGE:
            return range(0)  # the scam type page already lists them all
        return range(1 if self.scam_type else 2, self.pages + 1)


def page_count(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


def main_listing(dataset: Dataset) -> Listing:
    return Listing(MAIN, dataset.cases, None)


def type_listing(dataset: Dataset, scam_type: str) -> Listing:
    return Listing(f"cases/type-{scam_type}", dataset.cases_of_type(scam_type), scam_type)


def all_listings(dataset: Dataset) -> list[Listing]:
    return [main_listing(dataset)] + [type_listing(dataset, t) for t in dataset.catalogue.scam_types]


def front_matter(description: str) -> str:
    """Front matter of a generated page: quoted, so a colon in a title cannot break it."""
    return f"---\ndescription: {json.dumps(description, ensure_ascii=False)}\nsearch:\n  exclude: true\n---\n"

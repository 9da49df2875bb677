"""Data files beyond the figures and the cases, each with its own schema and loader.

FILES names them; ``load`` validates one and returns what its pages render.
"""
from __future__ import annotations

from typing import Callable

from .yamlfile import LocatedData

LOADERS: dict[str, Callable] = {}
FILES: tuple[str, ...] = tuple(LOADERS)


def load(name: str, located: LocatedData, dataset):
    return LOADERS[name](located, dataset)

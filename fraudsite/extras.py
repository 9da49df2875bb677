"""Data files beyond the figures and the cases, each with its own schema and loader.

LOADERS names them (file in data/ -> loader); ``load`` validates one and returns
what its pages render. Each loader raises SiteInputError naming the file and
the line, like the loaders of fraudsite.load.

- checker.yml   the questions of 这是诈骗吗？ / Is this a scam? (fraudsite.checker)
- channels.yml  the national facts of 认准官方渠道 / Know the real channels,
                each with the public body that states it (fraudsite.channels)
- quotes.yml    what people in the article said, with one translation (fraudsite.speech)
- printables.yml what the leaflet, the poster and the wallet card say (fraudsite.printables)
"""
from __future__ import annotations

from typing import Callable

from . import channels, checker, printables, speech
from .yamlfile import LocatedData

LOADERS: dict[str, Callable] = {
    checker.FILE: checker.load,
    channels.FILE: channels.load,
    speech.FILE: speech.load,
    printables.FILE: printables.load,  # after channels.yml: it names the bodies listed there
}
FILES: tuple[str, ...] = tuple(LOADERS)


def load(name: str, located: LocatedData, dataset):
    return LOADERS[name](located, dataset)

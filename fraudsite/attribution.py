"""A page may credit advice only to someone the data records as saying something.

When a centre adapts another centre's pages by search and replace, "甲州警方提醒" becomes "乙县警方提醒": the
first police's words now stand in the second's mouth, and every other check passes. The data records who says
what: the public bodies of data/channels.yml (each fact with where it says it), the speakers of data/quotes.yml
(each quote on its line of a source document) and the documents of data/sources.yml. A page that credits advice
("…警方提醒", "the … police advise") to police whose place none of these names is refused, at its line.
"""
from __future__ import annotations

import re

from .errors import SiteInputError
from .model import Dataset

ORGANS = r"(?:警方|公安局|公安机关|公安分局|派出所|反诈中心)"
ZH_CREDIT = re.compile(rf"([\u4e00-\u9fff]{{0,12}}?){ORGANS}(?:也|还|的|民警)?(?:提示|提醒|建议|告诫|强调|呼吁)")
EN_CREDIT = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3})(?:police|Public Security Bureau|anti-fraud centre)(?:'s)?"
                       r"(?: also)? (?:advises?|advice|warns?|warnings?|reminds?|tips?|recommends?|says?)\b")
ZH_PLACE = re.compile(rf"^(.*?){ORGANS}")
DIVISIONS = re.compile(r"(?:自治州|自治县|省|州|市|县|区)")
# What stands before 警方 when no place is named ("报道中的警方提示": the police the report quotes).
ZH_GENERIC_END = ("的", "地", "是", "和", "与", "及", "由", "请", "向")
# Words that stand before a place in a sentence but are not part of it.
EN_NOT_PLACES = {"The", "A", "An", "Our", "Your", "Local", "Chinese", "National"}


def _zh_place(text: str) -> str:
    return DIVISIONS.sub("", text)


def known_places(dataset: Dataset) -> tuple[set[str], set[str]]:
    """(Chinese, English) names of the places whose police the data records as saying something."""
    names: list[tuple[str, str]] = []
    channels = dataset.extras.get("channels.yml")
    if channels is not None:
        names += [(body["zh"], body["en"]) for body in channels.bodies.values()]
    quotes = dataset.extras.get("quotes.yml")
    if quotes is not None:
        names += [(quote.speaker["zh"], quote.speaker["en"]) for quote in quotes.quotes.values()]
    for source in dataset.sources.values():
        if source.publisher:
            names.append((source.publisher["zh"], source.publisher["en"]))
    zh = {_zh_place(match.group(1)) for name, _ in names if (match := ZH_PLACE.search(name)) and match.group(1)}
    en = {word for _, name in names for word in re.findall(r"\b[A-Z][a-z]+\b", name)} - EN_NOT_PLACES
    return {place for place in zh if place}, en


def check(body: str, file: str, lang: str, dataset: Dataset, offset: int = 0) -> None:
    """Refuse the first credit of advice to police of a place the data does not record as saying anything."""
    key = ("attribution", "places")  # worked out once per dataset: every page asks
    if key not in dataset.rendered:
        dataset.rendered[key] = known_places(dataset)
    zh_places, en_places = dataset.rendered[key]
    pattern = ZH_CREDIT if lang == "zh" else EN_CREDIT
    for match in pattern.finditer(body):
        window = match.group(1)
        if lang == "zh":
            place = _zh_place(window)
            credited = (not window or window.endswith(ZH_GENERIC_END)
                        or any(place.endswith(known) for known in zh_places))
        else:
            words = [word for word in window.split() if word not in EN_NOT_PLACES]
            place = " ".join(words)
            credited = not words or all(word in en_places for word in words)
        if not credited:
            line = offset + body[: match.start()].count("\n") + 1
            raise SiteInputError(
                file, line, "attribution", f"'{match.group(0).strip()}' credits advice to police the data does not "
                "record as saying it",
                "credit the advice to the body that says it (a body of data/channels.yml, a speaker of "
                "data/quotes.yml, a publisher in data/sources.yml), or say it as the site's own advice")

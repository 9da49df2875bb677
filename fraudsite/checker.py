"""这是诈骗吗？ / Is this a scam? — the questions of docs/checker.*.md, kept once in data/checker.yml.

The schema (pydantic), the loader (registered in fraudsite.extras.LOADERS) and
the renderer of the ``{{ checker }}`` marker live here.

The marker renders a plain list that reads well without JavaScript: each
question with what a "yes" means, what to do and a link to its scam page, then
what to do when none of them fits, and the two hotlines as tap-to-call links
(fraudsite.contact.hotline_links, with the labels the hotline box has).
docs/assets/site.js turns that list into Yes/No buttons and a result region;
every word the script shows comes from this data, through the data-*
attributes of the list, so both languages stay in data/checker.yml.
Every string of the data is escaped (html.escape): data is text, never markup.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from . import schema
from .contact import hotline_links
from .errors import SiteInputError
from .i18n import LANGUAGES, prefix, relative_url
from .lint import check_chinese_punctuation
from .markup import MarkerKind, page_url
from .schema import BilingualLine, Slug, Strict
from .suggest import closest
from .yamlfile import LocatedData, strings_under

FILE = "checker.yml"
UNFINISHED = re.compile(r"\bTODO\b|待填写")
PLACEHOLDERS = ("{answered}", "{total}")


# --------------------------------------------------------------------------- schema

class Labels(Strict):
    """The words around the questions, in both languages (the script shows them too)."""
    answer_yes: BilingualLine   # the Yes button
    answer_no: BilingualLine    # the No button
    means: BilingualLine        # "If yes, this means"
    do: BilingualLine           # "Do this"
    read_more: BilingualLine    # before the link to the scam page
    stop: BilingualLine         # the verdict after any "yes"
    trick: BilingualLine        # before the scam pages a "yes" points at
    call: BilingualLine         # before the hotlines
    call_unsure: BilingualLine  # before the hotlines, when every answer is "no"
    none_title: BilingualLine   # when every answer is "no"
    none: BilingualLine         # what to do when in doubt (never "safe")
    pending: BilingualLine      # the result region before any answer
    progress: BilingualLine     # "{answered} of {total} answered"
    reset: BilingualLine        # the button that clears the answers


class Question(Strict):
    id: Slug
    types: list[str]  # scam types of data/catalogue.yml; none for a warning about a scam the article does not name
    question: BilingualLine
    means: BilingualLine
    do: BilingualLine


class CheckerFile(Strict):
    labels: Labels
    questions: Annotated[list[Question], Field(min_length=1)]


# --------------------------------------------------------------------------- the loaded data

@dataclass(frozen=True)
class CheckerQuestion:
    id: str
    types: tuple[str, ...]
    question: dict[str, str]
    means: dict[str, str]
    do: dict[str, str]
    line: int | None


@dataclass(frozen=True)
class Checker:
    labels: dict[str, dict[str, str]]
    questions: tuple[CheckerQuestion, ...]


def load(located: LocatedData, dataset) -> Checker:
    """Validate data/checker.yml against the schema and the catalogue's scam types."""
    parsed = schema.validate(CheckerFile, located)
    check_text(located)
    scam_types = dataset.catalogue.scam_types
    lines = schema.id_lines(located, parsed.questions, "questions", "question")
    questions = []
    for index, spec in enumerate(parsed.questions):
        path = ("questions", index)
        line = lines[spec.id]
        for number, scam_type in enumerate(spec.types):
            if scam_type not in scam_types:
                raise SiteInputError(located.file, located.line_of(path + ("types", number)),
                                     f"questions.{index}.types", f"unknown scam type '{scam_type}'",
                                     f"use one of: {', '.join(scam_types)} (closest: {closest(scam_type, scam_types)}); "
                                     "the list is in data/catalogue.yml")
        questions.append(CheckerQuestion(spec.id, tuple(spec.types), spec.question.model_dump(),
                                         spec.means.model_dump(), spec.do.model_dump(), line))
    labels = {name: value.model_dump() for name, value in parsed.labels}
    check_no_reassurance(located, labels)
    for lang in LANGUAGES:
        missing = [p for p in PLACEHOLDERS if p not in labels["progress"][lang]]
        if missing:
            raise SiteInputError(located.file, located.value_line(("labels", "progress")), f"labels.progress.{lang}",
                                 f"does not contain {' and '.join(missing)}",
                                 "write both placeholders, e.g. 已回答 {answered} / {total} 题 (the page fills them in)")
    return Checker(labels, tuple(questions))


# The texts of an outcome: what a reader is told after answering. None may reassure: a reader who answered
# "no" to every question may still be talking to a scammer (CONTRIBUTING: 结论里不要写“安全”).
OUTCOME_LABELS = ("stop", "trick", "call", "call_unsure", "none_title", "none")
REASSURING = re.compile(r"安全|放心|没问题|没事|不用担心|别担心|不是诈骗|\bsafe(?:ly)?\b|nothing to worry|no need to worry"
                        r"|don'?t worry|not a scam|all clear|\bfine\b", re.I)


def check_no_reassurance(located: LocatedData, labels: dict[str, dict[str, str]]) -> None:
    for name in OUTCOME_LABELS:
        for lang, text in labels.get(name, {}).items():
            found = REASSURING.search(text)
            if found:
                raise SiteInputError(located.file, located.value_line(("labels", name, lang)), f"labels.{name}.{lang}",
                                     f"“{found.group(0)}” reassures the reader, and the checker cannot know that",
                                     "say what to do instead (hang up, check with a number you found yourself, call "
                                     "the site's warning line); an outcome never tells a reader they are safe")


def check_text(located: LocatedData) -> None:
    """No unfinished text, and full-width punctuation in every Chinese string (each reported at its line)."""
    for number, text in enumerate(located.text.splitlines(), start=1):
        if not text.lstrip().startswith("#") and (unfinished := UNFINISHED.search(text)):
            raise SiteInputError(located.file, number, "unfinished", f"'{unfinished.group(0)}' is "
                                 "still in the text", "finish the text; this file is published as it is")
    for path, text in strings_under(located.data, "zh"):
        check_chinese_punctuation(text, located.file, (located.value_line(path) or 1) - 1)


# --------------------------------------------------------------------------- rendering

def scam_link(ctx, scam_type: str) -> str:
    """An <a> to a scam type's page, named by the catalogue (the page's own name)."""
    here = prefix(ctx.lang) + page_url(ctx.page)
    href = relative_url(here, prefix(ctx.lang) + f"scams/{scam_type}/")
    name = ctx.dataset.catalogue.scam_types[scam_type][ctx.lang]
    return f'<a href="{_attr(href)}" data-scam-type="{_attr(scam_type)}">{_text(name)}</a>'


def render(ctx) -> str:
    """The whole checker as HTML: the list, the when-in-doubt advice and the hotlines."""
    data: Checker | None = ctx.dataset.extras.get(FILE)
    if data is None:
        raise SiteInputError("data/checker.yml", None, "file", "is missing, but a page uses {{ checker }}",
                             "restore data/checker.yml (the questions of the checker page)")
    lang = ctx.lang
    words = {name: value[lang] for name, value in data.labels.items()}
    colon = "：" if lang == "zh" else ": "
    def run_in(label: str) -> str:  # a bold run-in label: 如果是：… / What to do: …
        return f"<strong>{_text(label)}</strong>：" if lang == "zh" else f"<strong>{_text(label)}:</strong> "
    ui = " ".join(f'data-{name.replace("_", "-")}="{_attr(words[name])}"' for name in (
        "answer_yes", "answer_no", "stop", "trick", "call", "call_unsure", "none_title", "none", "pending", "progress",
        "reset"))
    out = [f'<div class="checker" id="checker" {ui}>', '<ol class="checker__list">']
    for question in data.questions:
        qid = f"q-{question.id}"
        joiner = "、" if lang == "zh" else ", "
        links = joiner.join(scam_link(ctx, scam_type) for scam_type in question.types)
        out.append(
            f'<li class="checker__item" id="{qid}" data-types="{_attr(" ".join(question.types))}">'
            f'<p class="checker__question" id="{qid}-text"><strong>{_text(question.question[lang])}</strong></p>'
            f'<div class="checker__advice">'
            f'<p class="checker__means">{run_in(words["means"])}{_text(question.means[lang])}</p>'
            f'<p class="checker__do">{run_in(words["do"])}{_text(question.do[lang])}</p>'
            + (f'<p class="checker__more">{_text(words["read_more"])}{colon}{links}</p>' if links else "") +
            '</div></li>')
    out.append("</ol>")
    out.append(f'<div class="checker__none"><p><strong>{_text(words["none_title"])}</strong></p>'
               f'<p>{_text(words["none"])}</p></div>')
    out.append(f'<p class="checker__call-title">{_text(words["call"])}</p>')
    out.append(f'<div class="hotlines checker__call">{hotline_links(ctx.dataset.identity.hotlines(lang))}</div>')
    out.append("</div>")
    return "\n".join(out)


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


MARKERS = (
    MarkerKind("checker", render, help="the questions of 这是诈骗吗？ / Is this a scam? (data/checker.yml)"),
)

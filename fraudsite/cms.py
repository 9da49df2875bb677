"""The browser editor's configuration (Decap CMS), generated from the data schema and the catalogue.

The forms are derived, never typed: a case's fields come from schema.CaseFile, its choices (counties,
scam types, statuses, facts and their units) from data/catalogue.yml; a checker question's from
checker.Question; a real-channels fact's from channels.Fact, its bodies from data/channels.yml. A field
the schema adds or a county the catalogue adds appears in the editor at the next start, and
tests/test_cms.py fails if the two ever differ.

Two back ends:
- ``preview``: `make serve` answers the editor's requests itself (fraudbuild/editor_backend.py), on the
  working tree, with no account. A case is one form there: its data file and both pages.
- ``forgejo`` / ``gitea``: the editor commits to a repository on a Forgejo or Gitea server (production).
  Decap writes one file per entry there, so a case is two forms: its data, and its two pages.

This module imports nothing from MkDocs; it returns plain dicts (written out as YAML by the caller).
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import channels, checker, schema

LOCALES = ["zh", "en"]
CASE_DATA = "data/cases"
CASE_PAGES = "docs/cases"
UPDATES = "docs/updates"
# Case fields the editor does not offer: date_source (a quote of the day) is kept by hand for now.
CASE_FIELDS_BY_HAND = {"date_source"}
# Fields of the preview's one case form that are not in the data file: its name and its two pages.
CASE_PAGE_FIELDS = ("description", "body")
NAME_PATTERN = [r"^[0-9]{4}(-[a-z0-9]+)+$", "年份开头，小写字母、数字和连字符，如 2026-county-example / "
                "starts with the year; lower-case letters, digits and hyphens"]
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
        "picker_utc": True}


def _label(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def _choices(vocabulary: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    return [{"label": _label(names["zh"], names["en"]), "value": key} for key, names in vocabulary.items()]


def _text(name: str, zh: str, en: str, *, lines: int = 1, required: bool = True, i18n: bool = False,
          hint: str = "") -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": _label(zh, en), "widget": "text" if lines > 1 else "string",
                             "required": required}
    if i18n:
        field["i18n"] = True
    if hint:
        field["hint"] = hint
    return field


def _bilingual(name: str, zh: str, en: str, *, lines: int = 1) -> dict[str, Any]:
    """A schema.Bilingual / BilingualLine field as an object of two fields, Chinese beside English."""
    return {"name": name, "label": _label(zh, en), "widget": "object", "required": True, "fields": [
        _text("zh", "中文", "Chinese", lines=lines), _text("en", "英文", "English", lines=lines)]}


def _sources(documents: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """The documents of data/sources.yml a case or a quote may name: title and date, by id."""
    return [{"label": f"{document['title']} ({document['published']})", "value": key}
            for key, document in documents.items()]


def _quote(name: str, zh: str, en: str, documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """schema.Quote: its document (the case's own when left empty), the line there, the verbatim words and their
    English.

    Inside an optional fact nothing is required by the form (Decap would then refuse every fact left
    untouched); the build refuses a fact whose quote is missing or does not state its value.
    """
    return {"name": name, "label": _label(zh, en), "widget": "object", "required": False, "fields": [
        {"name": "document", "label": _label("来源文件（空着就是本案的来源）", "Document (empty: the case's own)"),
         "widget": "select", "required": False, "options": _sources(documents)},
        {"name": "line", "label": _label("原文行号", "Line in the source"), "widget": "number", "value_type": "int",
         "min": 1, "required": False},
        _text("quote", "原文（一字不差）", "Verbatim words", required=False),
        _text("quote_en", "原文的英文翻译", "The words in English", required=False)]}


def _fact(key: str, kind: dict[str, Any], documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One case fact of the catalogue (schema.CaseFact): optional, its value typed by its unit."""
    if kind["unit"] in ("date", "datetime"):
        value: dict[str, Any] = {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ss", "picker_utc": True}
    else:
        value = {"widget": "number", "value_type": "int", "min": 0}
    return {"name": key, "label": _label(kind["zh"], kind["en"]), "widget": "object", "required": False,
            "collapsed": True, "fields": [
                {"name": "value", "label": _label("数值", "Value"), "required": False, **value},
                {"name": "qualifier", "label": _label("限定", "Qualifier"), "widget": "select", "required": False,
                 "options": _qualifiers()},
                _quote("source", "出处", "Source", documents)]}


def _qualifiers() -> list[dict[str, str]]:
    names = {"exact": ("确数", "exact"), "more_than": ("……余 / 超过", "more than"), "about": ("约", "about")}
    return [{"label": _label(*names[key]), "value": key} for key in _literal_values(schema.CaseFact, "qualifier")]


def _literal_values(model: type[BaseModel], field: str) -> list[str]:
    return list(model.model_fields[field].annotation.__args__)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- a case

def case_data_fields(catalogue: dict[str, Any], documents: dict[str, dict[str, Any]], *,
                     i18n: bool) -> list[dict[str, Any]]:
    """The fields of data/cases/<name>.yml (schema.CaseFile), in its order; ``documents``: data/sources.yml.

    With ``i18n`` (the preview's one form) title and summary are translated fields, Chinese beside
    English; without it (a data file of its own) they are objects of two fields.
    """
    title = _text("title", "标题", "Title", i18n=True) if i18n else _bilingual("title", "标题", "Title")
    summary = (_text("summary", "概要", "Summary", lines=3, i18n=True) if i18n
               else _bilingual("summary", "概要", "Summary", lines=3))
    return [
        title,
        {"name": "date", "label": _label("案发日期", "Date of the crime"), "required": False, **DATE,
         "hint": "来源没有写日期就留空，填下面的“报道日期” / leave empty if the source gives no date; fill in "
                 "'Reported on' instead"},
        {"name": "reported", "label": _label("报道日期", "Reported on"), "required": False, **DATE},
        {"name": "county", "label": _label("县市", "County or city"), "widget": "select", "required": True,
         "options": _choices(catalogue["counties"])},
        {"name": "types", "label": _label("骗局类型", "Scam types"), "widget": "select", "multiple": True,
         "min": 1, "required": True, "options": _choices(catalogue["scam_types"])},
        {"name": "status", "label": _label("案件状态", "Status"), "widget": "select", "required": True,
         "options": _choices(catalogue["case_statuses"])},
        summary,
        {"name": "source", "label": _label("来源文件（先在 data/sources.yml 里登记）",
                                           "Source document (listed in data/sources.yml first)"),
         "widget": "select", "required": True, "options": _sources(documents)},
        {"name": "facts", "label": _label("数字", "Figures"), "widget": "object", "required": False,
         "hint": "只填来源写明的数字，每个都附原文 / only figures the source states, each with its words",
         "fields": [_fact(key, kind, documents) for key, kind in catalogue["case_facts"].items()]},
    ]


CASE_BODY_HINT = ("第一行写 # 标题；写上 {{ case-facts }}；数字用标记，如 {{ figure case.<案件名称>.loss }} / "
                  "start with # Title; keep {{ case-facts }}; refer to figures with markers")
UPDATE_BODY_HINT = ("第一行写 # 标题，下面写 {{ update-date }}；只写来源里有的事实，用自己的话 / "
                    "start with # Title, then {{ update-date }}; only what the source says, in our own words")


def case_page_fields(hint: str = CASE_BODY_HINT) -> list[dict[str, Any]]:
    """A page's front matter (its description) and its Markdown, one of each per language."""
    return [
        _text("description", "一句话描述（搜索结果里显示）", "One-sentence description (shown in search results)",
              i18n=True),
        _text("body", "页面正文（Markdown）", "Page text (Markdown)", lines=20, i18n=True, hint=hint),
    ]


def case_form(catalogue: dict[str, Any], documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The preview's case form: the data file and both pages in one entry (split by the preview's back end)."""
    name = {"name": "name", "label": _label("案件名称（文件名）", "Case name (file name)"), "widget": "string",
            "required": True, "pattern": NAME_PATTERN}
    return {"name": "cases", "label": _label("案件", "Cases"), "label_singular": _label("案件", "Case"),
            "folder": CASE_DATA, "extension": "yml", "format": "yml", "create": True, "delete": False,
            "identifier_field": "name", "slug": "{{fields.name}}", "summary": "{{name}}",
            "i18n": {"structure": "single_file", "locales": LOCALES, "default_locale": "zh"},
            "fields": [name, *case_data_fields(catalogue, documents, i18n=True), *case_page_fields()]}


def case_collections(catalogue: dict[str, Any], documents: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A case on a git host: its data file and its two pages, one form each (Decap writes one file per entry)."""
    data = {"name": "case-data", "label": _label("案件数据", "Case data"), "folder": CASE_DATA, "extension": "yml",
            "format": "yml", "create": True, "delete": False, "identifier_field": "source",
            "slug": "{{year}}-{{fields.county}}-case", "summary": "{{title.zh}}",
            "fields": case_data_fields(catalogue, documents, i18n=False)}
    # Decap cannot name a new page after its data file: the pages of a new case are started with
    # `make new-case` (or in the preview's one form) and edited here.
    pages = {"name": "case-pages", "label": _label("案件页面", "Case pages"), "folder": CASE_PAGES, "extension": "md",
             "format": "frontmatter", "create": False, "delete": False, "identifier_field": "description",
             "i18n": {"structure": "multiple_files", "locales": LOCALES, "default_locale": "zh"},
             "fields": case_page_fields()}
    return [data, pages]


# --------------------------------------------------------------------------- updates, checker, channels

def update_collection() -> dict[str, Any]:
    """docs/updates/<name>.zh.md + .en.md: the date in the Chinese page only (fraudsite.updates)."""
    return {"name": "updates", "label": _label("动态", "Updates"), "folder": UPDATES, "extension": "md",
            "format": "frontmatter", "create": True, "delete": False, "identifier_field": "description",
            "slug": "{{fields.date}}-update",
            "i18n": {"structure": "multiple_files", "locales": LOCALES, "default_locale": "zh"},
            "fields": [
                {"name": "date", "label": _label("日期", "Date"), "required": True, **DATE},
                *case_page_fields(UPDATE_BODY_HINT),
            ]}


def checker_collection(catalogue: dict[str, Any]) -> dict[str, Any]:
    """data/checker.yml's questions (checker.Question); its labels stay as they are."""
    fields = {
        "id": {"name": "id", "label": _label("编号", "Id"), "widget": "string", "required": True,
               "pattern": [schema.SLUG_PATTERN, "小写字母、数字和连字符 / lower-case letters, digits and hyphens"]},
        "types": {"name": "types", "label": _label("骗局类型", "Scam types"), "widget": "select", "multiple": True,
                  "min": 1, "required": True, "options": _choices(catalogue["scam_types"])},
        "question": _bilingual("question", "问题", "Question"),
        "means": _bilingual("means", "如果是，说明", "If yes, this means"),
        "do": _bilingual("do", "这样做", "Do this"),
    }
    return {"name": "checker", "label": _label("这是诈骗吗？", "Is this a scam?"), "files": [{
        "name": "questions", "label": _label("问题", "Questions"), "file": "data/checker.yml", "fields": [
            {"name": "questions", "label": _label("问题", "Questions"), "widget": "list", "min": 1,
             "summary": "{{fields.question.zh}}", "fields": [fields[name] for name in checker.Question.model_fields]},
        ]}]}


def channels_collection(bodies: dict[str, dict[str, str]]) -> dict[str, Any]:
    """data/channels.yml's facts (channels.Fact), each naming a public body of the file's bodies."""
    fields = {
        "id": {"name": "id", "label": _label("编号", "Id"), "widget": "string", "required": True,
               "pattern": [schema.SLUG_PATTERN, "小写字母、数字和连字符 / lower-case letters, digits and hyphens"]},
        "body": {"name": "body", "label": _label("发布机关", "Public body that states it"), "widget": "select",
                 "required": True, "options": _choices(bodies)},
        "text": _bilingual("text", "内容", "What it says"),
        "where": {**_bilingual("where", "刊登在", "Published in"), "required": False},
        "date": {"name": "date", "label": _label("发布日期", "Published on"), "required": False, **DATE},
    }
    return {"name": "channels", "label": _label("认准官方渠道", "Know the real channels"), "files": [{
        "name": "facts", "label": _label("事实", "Facts"), "file": "data/channels.yml", "fields": [
            {"name": "facts", "label": _label("事实", "Facts"), "widget": "list", "min": 1,
             "summary": "{{fields.text.zh}}", "fields": [fields[name] for name in channels.Fact.model_fields]},
        ]}]}


# --------------------------------------------------------------------------- the whole configuration

def backend(kind: str, repo: str = "", base_url: str = "", app_id: str = "", branch: str = "main") -> dict[str, Any]:
    """The editor's back end: ``preview`` (make serve) or a Forgejo / Gitea server."""
    if kind == "preview":
        return {"name": "proxy", "proxy_url": "/api/v1", "branch": branch}
    if kind not in ("forgejo", "gitea"):
        raise ValueError(f"unknown editor back end {kind!r}: use preview, forgejo or gitea")
    if not (repo and base_url and app_id):
        raise ValueError(f"the {kind} back end needs the repository (owner/name), the server's address and the "
                         "OAuth application's client id")
    host = base_url.rstrip("/")
    return {"name": kind, "repo": repo, "branch": branch, "base_url": host, "api_root": f"{host}/api/v1",
            "app_id": app_id}  # Decap signs in with PKCE against the host (no secret in the site)


def editor_config(catalogue: dict[str, Any], bodies: dict[str, dict[str, str]],
                  backend_config: dict[str, Any], documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The whole configuration Decap CMS reads from /admin/config.yml."""
    preview = backend_config["name"] == "proxy"
    cases = [case_form(catalogue, documents)] if preview else case_collections(catalogue, documents)
    return {
        "backend": backend_config,
        "locale": "zh_Hans",
        "media_folder": "docs/assets/uploads",  # Decap requires one; no form takes a picture
        "publish_mode": "simple",
        "show_preview_links": False,
        "editor": {"preview": False},
        "i18n": {"structure": "multiple_files", "locales": LOCALES, "default_locale": "zh"},
        "collections": [*cases, update_collection(), checker_collection(catalogue), channels_collection(bodies)],
    }

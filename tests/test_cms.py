"""The editor's forms come from the schema and the catalogue (fraudsite/cms.py), and its back end
(fraudbuild/editor_backend.py) writes files the build loads, only under data/ and docs/."""
from __future__ import annotations

import json
import shutil
import typing
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from fraudbuild import editor_backend
from fraudsite import channels, checker, cms, load, newcase, schema
from fraudsite.errors import SiteInputError

CATALOGUE = newcase.load_catalogue(ROOT)
BODIES = yaml.safe_load((ROOT / "data" / "channels.yml").read_text(encoding="utf-8"))["bodies"]
DOCUMENTS = editor_backend.documents(ROOT)


def _config(kind: str = "preview") -> dict:
    backend = cms.backend("preview") if kind == "preview" else cms.backend(kind, "police/fanzha",
                                                                           "https://git.example.org", "client-id")
    return cms.editor_config(CATALOGUE, BODIES, backend, DOCUMENTS)


def _collection(config: dict, name: str) -> dict:
    return next(collection for collection in config["collections"] if collection["name"] == name)


def _fields(fields: list[dict]) -> dict[str, dict]:
    return {field["name"]: field for field in fields}


def _options(field: dict) -> list[str]:
    return [option["value"] for option in field["options"]]


def _required_by_model(model: type) -> set[str]:
    return {name for name, field in model.model_fields.items() if field.is_required()}


# --------------------------------------------------------------------------- the forms against the schema

def test_the_case_form_has_the_fields_of_a_case_file_and_of_its_pages():
    form = _fields(_collection(_config(), "cases")["fields"])
    expected = [name for name in schema.CaseFile.model_fields if name not in cms.CASE_FIELDS_BY_HAND]
    assert list(form) == ["name", *expected, *cms.CASE_PAGE_FIELDS]
    data = _fields(_collection(_config("forgejo"), "case-data")["fields"])
    assert list(data) == expected


def test_the_case_forms_choices_are_the_catalogues():
    for config, name in ((_config(), "cases"), (_config("forgejo"), "case-data")):
        form = _fields(_collection(config, name)["fields"])
        assert _options(form["county"]) == list(CATALOGUE["counties"])
        assert _options(form["types"]) == list(CATALOGUE["scam_types"])
        assert _options(form["status"]) == list(CATALOGUE["case_statuses"])
        facts = _fields(form["facts"]["fields"])
        assert list(facts) == list(CATALOGUE["case_facts"])
        for kind, fact in facts.items():
            subfields = _fields(fact["fields"])
            assert list(subfields) == list(schema.CaseFact.model_fields), kind
            assert _options(subfields["qualifier"]) == list(typing.get_args(
                schema.CaseFact.model_fields["qualifier"].annotation))
            assert [f["name"] for f in subfields["source"]["fields"]] == list(schema.Quote.model_fields)
            unit = CATALOGUE["case_facts"][kind]["unit"]
            assert subfields["value"]["widget"] == ("datetime" if unit in ("date", "datetime") else "number"), kind


def test_every_field_a_case_must_have_is_required_by_the_form():
    form = _fields(_collection(_config(), "cases")["fields"])
    must = _required_by_model(schema.CaseFile) - cms.CASE_FIELDS_BY_HAND
    assert must and all(form[name]["required"] for name in must), must
    assert all(form[name]["required"] for name in ("name", "county", "types", "status", "source", "description",
                                                   "body")), "an untouched form cannot be saved"


@pytest.mark.parametrize("collection, model, list_name", [("checker", checker.Question, "questions"),
                                                          ("channels", channels.Fact, "facts")])
def test_the_checker_and_channels_forms_are_their_models(collection, model, list_name):
    files = _collection(_config(), collection)["files"]
    items = _fields(files[0]["fields"])[list_name]
    fields = _fields(items["fields"])
    assert list(fields) == list(model.model_fields)
    assert {name for name, field in fields.items() if field["required"]} == _required_by_model(model)
    if "types" in fields:
        assert _options(fields["types"]) == list(CATALOGUE["scam_types"])
    if "body" in fields:
        assert _options(fields["body"]) == list(BODIES)
    for name, field in fields.items():
        if field["widget"] == "object":
            assert [f["name"] for f in field["fields"]] == ["zh", "en"], name


def test_a_new_county_in_the_catalogue_is_a_choice_at_once():
    catalogue = {**CATALOGUE, "counties": {**CATALOGUE["counties"], "newtown": {"zh": "新县", "en": "Newtown"}}}
    form = _fields(cms.case_form(catalogue, DOCUMENTS)["fields"])
    assert "newtown" in _options(form["county"])


# --------------------------------------------------------------------------- the production configuration

def test_the_production_configuration_for_forgejo_and_gitea():
    """Only its shape: no Forgejo or Gitea server is reachable from the tests."""
    for kind in ("forgejo", "gitea"):
        config = _config(kind)
        assert config["backend"] == {"name": kind, "repo": "police/fanzha", "branch": "main",
                                     "base_url": "https://git.example.org", "api_root": "https://git.example.org/api/v1",
                                     "app_id": "client-id"}
        names = [collection["name"] for collection in config["collections"]]
        assert names == ["case-data", "case-pages", "updates", "checker", "channels"]
        assert _collection(config, "case-data")["folder"] == "data/cases"
        assert _collection(config, "case-pages")["create"] is False  # pages start with make new-case
    with pytest.raises(ValueError, match="needs the repository"):
        cms.backend("forgejo", "", "https://git.example.org", "id")
    with pytest.raises(ValueError, match="unknown editor back end"):
        cms.backend("github")


def test_the_configuration_is_yaml_decap_reads():
    text = editor_backend.config_text(ROOT, cms.backend("preview"))
    assert "&id" not in text and "*id" not in text, "no anchors"
    assert yaml.safe_load(text) == _config()


def test_the_release_setting_is_off_unless_it_says_1():
    assert editor_backend.publish_requested({}) is False
    assert editor_backend.publish_requested({editor_backend.PUBLISH_SETTING: "0"}) is False
    assert editor_backend.publish_requested({editor_backend.PUBLISH_SETTING: "1"}) is True
    with pytest.raises(editor_backend.EditorError, match="write 1"):
        editor_backend.publish_requested({editor_backend.PUBLISH_SETTING: "yes"})


# --------------------------------------------------------------------------- what the back end writes

@pytest.fixture()
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs" / "cases", tmp_path / "docs" / "cases")
    return tmp_path


FORM = {
    "zh": {"name": "2026-dali-editor", "title": "大理市冒充客服退款案", "date": "2026-03-01", "county": "dali",
           "types": ["fake-refund"], "status": "investigating", "summary": "一名市民被冒充客服的人骗走钱款。",
           "source": "article",
           "facts": {"loss": {"value": 50000,
                              "source": {"line": 3, "quote": "被骗5万元", "quote_en": "lost 50,000 yuan"}},
                     "suspects_arrested": {}, "arrived_back": {"value": None}},
           "description": "大理市一名市民被冒充客服的人骗走钱款。",
           "body": "# 大理市冒充客服退款案\n\n{{ case-facts }}"},
    "en": {"title": "A fake refund call in Dali City",
           "summary": "A resident lost money to a fake customer service call.",
           "description": "A Dali City resident lost money to a fake customer service call.",
           "body": "# A fake refund call in Dali City\n\n{{ case-facts }}"},
}


def _persist(backend: editor_backend.Backend, path: str, raw: str, new: bool = True) -> tuple[int, dict]:
    request = {"action": "persistEntry", "params": {"dataFiles": [{"path": path, "raw": raw, "slug": Path(path).stem}],
                                                    "assets": [], "options": {"newEntry": new}}}
    return backend.answer(json.dumps(request).encode("utf-8"))  # type: ignore[return-value]


def test_a_case_saved_by_the_editor_is_the_three_files_of_make_new_case_and_loads(project):
    backend = editor_backend.Backend(project, lambda moment: None)
    status, answer = _persist(backend, "data/cases/2026-dali-editor.yml", yaml.safe_dump(FORM, allow_unicode=True))
    assert status == 200, answer
    written = sorted(path for path in project.rglob("2026-dali-editor*"))
    assert written == sorted(newcase.targets(project, "2026-dali-editor").values())
    dataset = load.load_dataset(project / "data", root=project)
    case = dataset.case("2026-dali-editor")
    assert (case.county, case.types, case.status) == ("dali", ("fake-refund",), "investigating")
    assert list(case.facts) == ["loss"], "facts left empty are not written"
    assert dataset.figures[case.facts["loss"]].value == 50000
    assert not case.drafts, case.drafts
    page = (project / "docs" / "cases" / "2026-dali-editor.en.md").read_text(encoding="utf-8")
    assert page.startswith("---\ndescription: A Dali City resident") and "{{ case-facts }}" in page


def test_a_new_case_is_refused_as_make_new_case_refuses_it(project):
    backend = editor_backend.Backend(project, lambda moment: None)
    status, answer = _persist(backend, "data/cases/2021-binchuan-218.yml", yaml.safe_dump(FORM, allow_unicode=True))
    assert status == 422 and "already exists" in answer["error"], answer
    status, answer = _persist(backend, "data/cases/2026-Dali.yml", yaml.safe_dump(FORM, allow_unicode=True))
    assert status == 422 and "not a valid slug" in answer["error"], answer
    assert not list(project.rglob("2026-Dali*"))


def test_an_existing_case_reads_back_as_it_loads(project):
    """A case opened in the editor and saved untouched loads to the same case (its comments are not kept)."""
    before = load.load_dataset(project / "data", root=project).case("2021-binchuan-218")
    raw = editor_backend.read_case(project, "2021-binchuan-218")
    backend = editor_backend.Backend(project, lambda moment: None)
    status, answer = _persist(backend, "data/cases/2021-binchuan-218.yml", raw, new=False)
    assert status == 200, answer
    after = load.load_dataset(project / "data", root=project).case("2021-binchuan-218")
    assert (after.title, after.date, after.county, after.types, after.status, after.summary, after.facts) == \
        (before.title, before.date, before.county, before.types, before.status, before.summary, before.facts)


def test_a_refused_build_is_the_answer_of_a_save(project):
    backend = editor_backend.Backend(project, lambda moment: "data/cases/x.yml:3: county: unknown value")
    status, answer = _persist(backend, "data/cases/2026-dali-editor.yml", yaml.safe_dump(FORM, allow_unicode=True))
    assert status == 422 and "data/cases/x.yml:3: county" in answer["error"] and "构建没有通过" in answer["error"]


@pytest.mark.parametrize("path", ["../mkdocs.yml", "data/../fraudsite/evil.yml", "docs/evil.py", "/etc/passwd",
                                  "fraudsite/evil.md", "data", "docs/../../outside.md", "data\\cases\\x.yml"])
def test_the_back_end_reaches_only_data_and_docs(project, path):
    backend = editor_backend.Backend(project, lambda moment: None)
    status, answer = _persist(backend, path, "x: 1\n", new=False)
    assert status == 403, (path, answer)
    request = {"action": "getEntry", "params": {"path": path}}
    assert backend.answer(json.dumps(request).encode())[0] == 403, path
    assert not (project.parent / "outside.md").exists() and not (project / "fraudsite").exists()


@pytest.mark.parametrize("folder, extension", [("data/cases", "yml/../../../../etc/hostname"), ("data/..", "toml"),
                                               ("data/cases", "*"), ("/etc", "conf")])
def test_a_folder_listing_stays_in_data_and_docs(project, folder, extension):
    backend = editor_backend.Backend(project, lambda moment: None)
    request = {"action": "entriesByFolder", "params": {"folder": folder, "extension": extension, "depth": 1}}
    assert backend.answer(json.dumps(request).encode())[0] == 403, (folder, extension)


def test_the_back_end_deletes_nothing(project):
    backend = editor_backend.Backend(project, lambda moment: None)
    request = {"action": "deleteFiles", "params": {"paths": ["data/cases/2021-binchuan-218.yml"]}}
    assert backend.answer(json.dumps(request).encode())[0] == 403
    assert (project / "data" / "cases" / "2021-binchuan-218.yml").exists()


def test_a_data_file_saved_by_the_editor_keeps_its_words_and_its_opening_comments(project):
    """Decap writes YAML 1.2 (`en: Yes` is the word); the project reads YAML 1.1, where it would be true."""
    shutil.copy2(ROOT / "data" / "checker.yml", project / "data" / "checker.yml")
    data = _read((project / "data" / "checker.yml").read_text(encoding="utf-8"))
    decap = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).replace("en: 'Yes'", "en: Yes")
    assert "en: Yes\n" in decap
    backend = editor_backend.Backend(project, lambda moment: None)
    status, answer = _persist(backend, "data/checker.yml", decap, new=False)
    assert status == 200, answer
    text = (project / "data" / "checker.yml").read_text(encoding="utf-8")
    assert text.startswith("# 这是诈骗吗？ / Is this a scam?")
    assert _read(text) == data
    assert _read(text)["labels"]["answer_yes"]["en"] == "Yes"


def _read(text: str):
    return yaml.load(text, Loader=yaml.CSafeLoader)  # as the project reads it (libyaml)


@pytest.mark.parametrize("lang, field", [("en", "title"), ("en", "summary"), ("zh", "title")])
def test_a_missing_translation_is_refused_by_the_build(project, lang, field):
    form = {"zh": dict(FORM["zh"]), "en": dict(FORM["en"])}
    form[lang][field] = ""
    backend = editor_backend.Backend(project, lambda moment: None)
    assert _persist(backend, "data/cases/2026-dali-editor.yml", yaml.safe_dump(form, allow_unicode=True))[0] == 200
    with pytest.raises(SiteInputError, match=f"{field}.{lang}"):
        load.load_dataset(project / "data", root=project)


def test_a_case_and_a_quote_choose_their_document_among_those_of_sources_yml():
    """A case's source is a document id (fraudsite.sources), so the form offers the documents, not free text."""
    form = _fields(_collection(_config(), "cases")["fields"])
    assert form["source"]["widget"] == "select" and _options(form["source"]) == list(DOCUMENTS) == ["article"]
    quote = _fields(_fields(_fields(form["facts"]["fields"])["loss"]["fields"])["source"]["fields"])
    assert _options(quote["document"]) == list(DOCUMENTS) and not quote["document"]["required"]

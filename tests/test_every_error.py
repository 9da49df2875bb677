"""A build reports every mistake it finds at once, each with its file and line, not only the first: adapting a
site's pages must not take one build per message."""
from __future__ import annotations

import pytest

from conftest import BuildFailed, build_project, edit


@pytest.mark.build
def test_a_build_reports_the_mistakes_of_every_page_and_case_at_once(project_copy):
    zh_line = edit(project_copy / "docs" / "tips.zh.md", "\n## ", "\n{{ figure no_such_figure }}\n\n## ")
    en_line = edit(project_copy / "docs" / "about.en.md", "\n## ", "\n{{ figuer arrests_2021q1 }}\n\n## ")
    other_line = edit(project_copy / "docs" / "scammed.en.md", "\n## ", "\n{{ figure also_missing }}\n\n## ")
    with pytest.raises(BuildFailed) as failure:
        build_project(project_copy)
    message = str(failure.value)
    for where in (f"docs/tips.zh.md:{zh_line + 1}", f"docs/about.en.md:{en_line + 1}",
                  f"docs/scammed.en.md:{other_line + 1}"):
        assert where in message, (where, message)
    assert "(3 problems, each with its file and line)" in message
    assert message.count("How to fix") == 3


def test_the_mistakes_of_every_case_file_are_reported_at_once(data_copy):
    from fraudsite.errors import SiteInputErrors
    from fraudsite.load import load_dataset
    first = edit(data_copy / "cases" / "2021-nanjian-den.yml", "county: nanjian", "county: nanjain")
    second = edit(data_copy / "cases" / "2021-binchuan-218.yml", "status:", "statuss:")
    with pytest.raises(SiteInputErrors) as failure:
        load_dataset(data_copy)
    found = {(error.file, error.line) for error in failure.value.errors}
    assert ("data/cases/2021-nanjian-den.yml", first) in found
    assert ("data/cases/2021-binchuan-218.yml", second) in found


@pytest.mark.parametrize("lang, text", [
    ("zh", "某某县警方提醒：接到陌生电话要核实。"), ("zh", "某某警方提醒：不要转账。"),
    ("en", "The Xiangyun police warn that a stranger's call must be checked."),
])
def test_a_page_may_not_credit_advice_to_police_the_data_does_not_record(dataset, lang, text):
    """The search-and-replace case: another place's police put where the Dali police's words stood."""
    from fraudsite import attribution
    from fraudsite.errors import SiteInputError
    body = "# 标题\n\n正文。\n\n" + text + "\n"
    with pytest.raises(SiteInputError) as error:
        attribution.check(body, f"docs/tips.{lang}.md", lang, dataset, offset=3)
    assert error.value.line == 3 + 5 and error.value.what == "attribution"


@pytest.mark.parametrize("lang, text", [
    ("zh", "大理州警方提醒：不要转账。"), ("zh", "报道中的警方提示"), ("zh", "公安部刑侦局提醒"),
    ("en", "the Dali police's advice"), ("en", "the police advise you to hang up"),
])
def test_credits_the_data_records_are_allowed(dataset, lang, text):
    """The Dali site's data records the Dali police (in data/quotes.yml) and the national bodies."""
    from fraudsite import attribution
    attribution.check(text, "x.md", lang, dataset)


def test_every_dali_page_credits_only_what_its_data_records(dataset):
    from fraudsite import attribution
    from fraudsite.project import ROOT
    for path in sorted((ROOT / "docs").rglob("*.md")):
        lang = "zh" if path.name.endswith(".zh.md") else "en"
        attribution.check(path.read_text(encoding="utf-8"), str(path), lang, dataset)

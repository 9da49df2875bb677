"""Content lint: unsafe markup and figures typed by hand are refused, with file:line and a fix."""
from __future__ import annotations


import pytest

from conftest import ROOT, BuildFailed, build_project
from fraudsite.errors import SiteInputError
from fraudsite.lint import TypedFigureFinder, check_safety
from fraudsite.load import load_dataset

PAGE = "docs/example.zh.md"
SAFE_LINES = "# 标题\n\n"  # two lines before the one under test: it is line 3


# --------------------------------------------------------------------------- check_safety

UNSAFE = {
    "script": ('<script>alert(1)</script>', "<script>"),
    "script-attributes": ('<SCRIPT type="module" src="/x.js"></SCRIPT>', "script"),
    "iframe": ('<iframe src="/x/"></iframe>', "iframe"),
    "object": ('<object data="/x.swf"></object>', "object"),
    "embed": ('<embed src="/x.swf">', "embed"),
    "onclick": ('<a href="/" onclick="steal()">点这里</a>', "onclick="),
    "onerror": ('<img src="x.png" onerror="steal()">', "onerror="),
    "javascript-url": ('[点这里](javascript:alert(1))', "javascript:"),
    "javascript-url-html": ('<a href="JavaScript:alert(1)">x</a>', "javascript:"),
    "remote-markdown-image": ('![x](https://evil.example/x.png)', "another host"),
    "protocol-relative-img": ('<img src="//cdn.example/x">', "another host"),
    "remote-http-img": ("<img alt='x' src='http://cdn.example/x.png'>", "another host"),
    "inline-style": ('<span style="color:red">注意</span>', "inline style"),
}


@pytest.mark.parametrize("name", UNSAFE)
def test_unsafe_markup_is_refused_with_its_line(name):
    snippet, problem = UNSAFE[name]
    with pytest.raises(SiteInputError) as failure:
        check_safety(SAFE_LINES + "前文 " + snippet + " 后文\n\n最后一行。\n", PAGE)
    error = failure.value
    assert error.file == PAGE
    assert error.line == 3, str(error)
    assert problem.lower() in error.problem.lower(), str(error)
    assert error.fix, "every error says how to fix it"
    assert f"{PAGE}:3:" in str(error) and "How to fix" in str(error)


def test_line_offset_is_added():
    # pages are checked after their front matter: line_offset makes the number match the file
    with pytest.raises(SiteInputError) as failure:
        check_safety("a\n<script>x</script>\n", PAGE, line_offset=5)
    assert failure.value.line == 7


def test_unsafe_markup_across_lines_reports_where_it_starts():
    with pytest.raises(SiteInputError) as failure:
        check_safety("一\n二\n三\n<a href='/'\n   onclick='x()'>四</a>\n", PAGE)
    assert failure.value.line == 4


SAFE = """# 防范提示

**不要**转账到“安全账户”。遇到诈骗请拨打 [110](tel:110)，或接听 96110 的来电。

[国家反诈中心](https://www.example.org/app) · [返回首页](../index.md)

![图表](assets/chart.svg){ .chart }

<div class="hotline" markdown>
报警 <a href="tel:110">110</a>
</div>

!!! warning "注意"
    陌生链接不要点。

| 类型 | 说明 |
| --- | --- |
| 刷单 | 先小额返利 |

Describe it: a *script* that asks you to embed your card in an app is a scam; on click, hang up.
"""


def test_safe_markdown_passes():
    check_safety(SAFE, PAGE)


CODE_EXAMPLES = """# How the lint works

Writing `<script>alert(1)</script>` or `onclick="x()"` on a page is refused,
as is `![x](https://evil.example/x.png)` or `<span style="color:red">`.

```html
<iframe src="https://evil.example/"></iframe>
<img src="//cdn.example/x" onerror="steal()">
<a href="javascript:alert(1)">x</a>
```

~~~
<object data="x"></object><embed src="x">
~~~
"""


def test_markup_in_code_is_ignored():
    check_safety(CODE_EXAMPLES, PAGE)


def test_code_does_not_hide_a_later_problem():
    text = CODE_EXAMPLES + "\n真的脚本：<script>alert(1)</script>\n"
    with pytest.raises(SiteInputError) as failure:
        check_safety(text, PAGE)
    assert failure.value.line == text.count("\n")


# --------------------------------------------------------------------------- TypedFigureFinder

@pytest.fixture(scope="module")
def finder() -> TypedFigureFinder:
    return TypedFigureFinder(load_dataset(ROOT / "data"))


def _refused(finder, text: str) -> SiteInputError:
    with pytest.raises(SiteInputError) as failure:
        finder.check(SAFE_LINES + text + "\n", PAGE)
    assert failure.value.file == PAGE
    assert failure.value.line == 3, str(failure.value)
    assert "How to fix" in str(failure.value)
    return failure.value


def test_typed_count_is_refused_with_its_marker(finder):
    error = _refused(finder, "今年一季度全州抓获87名犯罪嫌疑人。")
    assert "{{ figure arrests_2021q1 }}" in error.fix, str(error)


def test_typed_count_in_english_is_refused(finder):
    error = _refused(finder, "The police arrested 87 suspects.")
    assert "{{ figure arrests_2021q1 }}" in error.fix, str(error)


def test_typed_amount_in_wan_is_refused(finder):
    error = _refused(finder, "缪女士被骗71万元。")
    assert "71万" in error.problem, str(error)
    assert "{{ figure" in error.fix


def test_typed_date_is_refused(finder):
    error = _refused(finder, "记者于4月20日采访了反诈中心。")
    assert "4月20日" in error.problem, str(error)
    assert "{{ figure interview_date }}" in error.fix, str(error)


def test_typed_english_date_is_refused_as_a_date(finder):
    error = _refused(finder, "The interviews took place on 20 April.")
    assert "{{ figure interview_date }}" in error.fix, str(error)


@pytest.mark.parametrize("text", [
    "遇到诈骗请拨打110报警。",
    "请拨打 110 报警。",
    "接到96110来电请一定接听。",
    "Call 96110 back.",
    "今年一季度全州抓获{{ figure arrests_2021q1 }}犯罪嫌疑人。",
    "今年一季度全州抓获{{ number arrests_2021q1 }}名犯罪嫌疑人。",
    "Arrests: {{ figure arrests_2021q1 }}.",
    "写成 `抓获87名` 会被拒绝。",
    "见[法条](https://example.org/law#87)。",
])
def test_allowed_numbers_pass(finder, text):
    finder.check(SAFE_LINES + text + "\n", PAGE)


# --------------------------------------------------------------------------- through the build

@pytest.mark.build
def test_build_refuses_a_script_in_a_page(project_copy):
    page = project_copy / "docs" / "tips.en.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n<script>alert(1)</script>\n"
    page.write_text(text, encoding="utf-8")
    line = text.rstrip("\n").count("\n") + 1
    with pytest.raises(BuildFailed) as failure:
        build_project(project_copy)
    message = str(failure.value)
    assert f"docs/tips.en.md:{line}" in message, message
    assert "<script>" in message and "How to fix" in message
    assert not (project_copy / "site").exists()


@pytest.mark.build
def test_build_refuses_a_figure_typed_into_a_case_summary(project_copy):
    case_file = project_copy / "data" / "cases" / "2021-binchuan-218.yml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("而被骗；", "而被骗71万元；"), encoding="utf-8")
    line = next(i for i, text_line in enumerate(case_file.read_text(encoding="utf-8").splitlines(), 1) if "71万元" in text_line)
    with pytest.raises(BuildFailed) as error:
        build_project(project_copy)
    assert f"data/cases/2021-binchuan-218.yml:{line}" in str(error.value)
    assert "{{ figure case.2021-binchuan-218.loss }}" in str(error.value)

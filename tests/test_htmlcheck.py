"""fraudsite.htmlcheck: the finished-HTML allowlist, on pages shaped like Material's."""
import pytest

from fraudsite.htmlcheck import Checker


def page(content: str, theme: str = "") -> str:
    return (f'<!doctype html><html><head><title>t</title></head><body>{theme}'
            f'<article class="md-content__inner md-typeset">{content}</article></body></html>')


def whats(checker: Checker, html: str) -> list[str]:
    return [problem.what for problem in checker.problems(html)]


@pytest.fixture
def checker():
    return Checker({"assets/site.js"})


def test_a_plain_page_passes(checker):
    assert whats(checker, page('<p>文字 <a href="../tips/">提示</a> <a href="tel:110">110</a></p>')) == []


@pytest.mark.parametrize("content, what", [
    ("<script>alert(1)</script>", "<script> element"),
    ('<p onclick="x()">a</p>', "onclick attribute on <p>"),
    ('<p style="color:red">a</p>', "inline style on <p>"),
    ('<a href="java&#115;cript:alert(1)">a</a>', "'javascript:' link"),
    ('<img src="https://tracker.example/p.gif" alt="">', "image loaded from another host (https://tracker.example/p.gif)"),
    ('<input name="card">', "<input> element"),
])
def test_content_outside_the_allowlist_is_reported(checker, content, what):
    assert what in whats(checker, page(content))


def test_a_theme_script_must_be_one_of_the_sites_own(checker):
    assert whats(checker, page("<p>a</p>", '<script src="assets/site.js"></script>')) == []
    assert "<script src=https://cdn.example/x.js>" in whats(
        checker, page("<p>a</p>", '<script src="https://cdn.example/x.js"></script>'))
    assert "inline <script>" in whats(checker, page("<p>a</p>", "<script>alert(1)</script>"))


def test_an_element_that_failed_is_reported_on_every_page_that_holds_it(checker):
    """Passing elements are remembered (most repeat on every page); failing ones never are."""
    bad = page('<p onclick="x()">a</p>', '<div onmouseover="y()"></div>')
    for _ in range(3):
        assert sorted(whats(checker, bad)) == ["onclick attribute on <p>", "onmouseover attribute on <div>"]


def test_an_element_that_passed_as_theme_is_still_checked_as_page_text(checker):
    """The theme's rules and the page text's rules differ: a verdict is remembered for its own side only."""
    theme_script = '<script src="assets/site.js"></script>'
    assert whats(checker, page("<p>a</p>", theme_script)) == []
    assert "<script> element" in whats(checker, page(theme_script))


def test_page_text_cannot_pass_itself_off_as_the_theme(checker):
    forged = page('<p>a</p></article><article class="md-content__inner"><script src="assets/site.js"></script>')
    assert "a second <article class=md-content__inner>" in whats(checker, forged)


def test_unrendered_markers_are_found_in_the_text_but_not_in_code(checker):
    assert any("unrendered marker" in what for what in whats(checker, page("<p>抓获{{ figure x }}名</p>")))
    assert whats(checker, page("<p><code>{{ figure x }}</code></p>")) == []


def test_a_checked_part_is_not_checked_again_but_a_failing_part_is_never_remembered(checker):
    nav = '<nav class="md-nav"><a href="../a/">a</a></nav>'
    checker.check_part(nav)
    assert checker.checked_parts == [nav]
    bad_nav = '<nav class="md-nav"><a href="javascript:alert(1)">a</a></nav>'
    checker.check_part(bad_nav)
    assert bad_nav not in checker.checked_parts
    assert whats(checker, page("<p>a</p>", bad_nav)) == ["unsafe link in the theme"]

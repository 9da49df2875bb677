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


# ----------------------------------------------------------------- what links do

@pytest.fixture
def linking():
    return Checker({"assets/site.js"}, "https://fanzha.dali.gov.cn/", external_hosts=frozenset({"www.mps.gov.cn"}))


@pytest.mark.parametrize("content", ['<a href="tel:110">110</a>', '<a href="tel:96110">96110全国反诈预警劝阻专线</a>',
                                     '<a href="tel:+86 872-2128110">+86 872-2128110</a>',
                                     '<a href="https://www.mps.gov.cn/n2254314/">公安部</a>',
                                     '<a href="HTTPS://WWW.MPS.GOV.CN/">公安部</a>',
                                     '<a href="https://fanzha.dali.gov.cn/tips/">tips</a>'])
def test_links_that_do_what_they_say_pass(linking, content):
    assert whats(linking, page(content)) == []


@pytest.mark.parametrize("content, what", [
    ('<a href="tel:9611O">9611O</a>', "'tel:9611O' is not a phone number"),
    ('<a href="tel:400-FRAUD-110">400-FRAUD-110</a>', "is not a phone number"),
    ('<a href="tel:96110">9611O</a>', "not the number it dials"),
    ('<a href="tel:110">报警</a>', "not the number it dials"),
    ('<a href="https://www.mps.gov.cn.secure-login.com/">公安部</a>', "www.mps.gov.cn.secure-login.com, a host not"),
    ('<a href="https://mps.gov.cn/">公安部</a>', "mps.gov.cn, a host not"),
    ('<a href="http://www.mps.gоv.cn/">公安部</a>', "a host not on the site's list"),  # a Cyrillic о
    ('<a href="//evil.example/">x</a>', "evil.example, a host not"),
])
def test_links_that_do_something_else_are_refused(linking, content, what):
    assert any(what in found for found in whats(linking, page(content))), whats(linking, page(content))


def test_a_tel_link_is_judged_with_its_text_every_time(linking):
    """The allowlist skips elements it has seen (by tag and attributes); a tel: link's text matters too."""
    assert whats(linking, page('<a href="tel:96110">96110</a>')) == []
    assert whats(linking, page('<a href="tel:96110">9611O</a>'))


def test_the_host_list_holds_host_names_only():
    from fraudsite.errors import SiteInputError
    from fraudsite.htmlcheck import allowed_hosts
    assert allowed_hosts(["WWW.MPS.gov.cn."], "https://jiucuo.dali.gov.cn/x") == {"www.mps.gov.cn", "jiucuo.dali.gov.cn"}
    for bad in (["https://www.mps.gov.cn/"], ["*.gov.cn"], "www.mps.gov.cn", [3]):
        with pytest.raises(SiteInputError):
            allowed_hosts(bad)

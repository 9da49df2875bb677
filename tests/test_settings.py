"""The release settings (SITE_URL, CORRECTIONS_CONTACT) are checked like data: fraudsite/settings.py."""
from __future__ import annotations

import pytest

from fraudsite import contact as contact_module, settings
from fraudsite.errors import SiteInputError

GOOD_URL, GOOD_CONTACT = "https://fanzha.dali.gov.cn/", "fanzha@dali.gov.cn"


def refusal(site_url: str = GOOD_URL, contact: str = GOOD_CONTACT, release: bool = True) -> str:
    with pytest.raises(SiteInputError) as error:
        settings.check_settings(site_url, contact, release=release)
    return str(error.value)


@pytest.mark.parametrize("contact", ["TODO", "<script>alert(1)</script>", "javascript:alert(1)",
                                     'a@b.example" onmouseover="alert(1)', "https://report.gov.cn/ <b>x</b>",
                                     "http://report.gov.cn/", "tel:9611O", "9611O", "400-FRAUD-110", "@", "+",
                                     "https://user@report.gov.cn/"])
def test_a_contact_that_is_no_address_is_refused_with_its_name(contact):
    message = refusal(contact=contact)
    assert message.startswith("mkdocs.yml: CORRECTIONS_CONTACT:"), message
    assert "How to fix" in message
    assert "not an e-mail address, an https address or a phone number" in message


@pytest.mark.parametrize("contact", ["TODO", "javascript:alert(1)"])
def test_a_preview_refuses_a_malformed_contact_too(contact):
    assert "CORRECTIONS_CONTACT" in refusal(contact=contact, release=False)


@pytest.mark.parametrize("contact, href", [("fanzha@dali.gov.cn", "mailto:fanzha@dali.gov.cn"),
                                           ("0872-2128110", "tel:08722128110"),
                                           ("+86 872 212 8110", "tel:+868722128110"),
                                           ("https://dali.gov.cn/jiucuo", "https://dali.gov.cn/jiucuo")])
def test_a_good_contact_becomes_a_working_link(contact, href):
    settings.check_settings(GOOD_URL, contact, release=True)
    assert contact_module.corrections(contact, "en").endswith(f'<a href="{href}">{contact}</a>')


@pytest.mark.parametrize("site_url, words", [
    ("http://localhost/", "loopback"), ("http://LOCALHOST:8000/", "loopback"),
    ("http://127.0.0.1:8000/", "loopback"), ("http://[::1]/", "loopback"),
    ("https://10.1.2.3/", "private"), ("https://172.16.0.1/", "private"), ("https://172.31.255.1/", "private"),
    ("https://192.168.1.1/", "private"), ("https://169.254.1.1/", "link-local"),
    ("https://fanzha.example.org/", "examples"), ("https://FANZHA.EXAMPLE.ORG/", "examples"),
    ("https://example.com/", "examples"), ("https://www.Example.Net/", "examples"),
    ("https://fanzha.test/", ".test"), ("https://fanzha.invalid/", ".invalid"), ("https://dali.example/", ".example"),
    ("https://app.localhost/", "loopback"), ("https://fanzha.example.org./", "examples"),
    # the forms browsers read as 127.0.0.1, an IPv4 address inside IPv6, shared (carrier) address space
    ("http://127.1/", "loopback"), ("http://0x7f000001/", "loopback"), ("http://2130706433/", "loopback"),
    ("http://0177.0.0.1/", "loopback"), ("http://[::ffff:127.0.0.1]/", "private"), ("https://100.64.0.1/", "public"),
    ("http://1.2.3.999/", "not a valid address")])
def test_a_release_refuses_an_address_that_leads_nowhere(site_url, words):
    message = refusal(site_url=site_url)
    assert message.startswith("mkdocs.yml: SITE_URL:") and words in message, message
    settings.check_settings(site_url, GOOD_CONTACT, release=False)  # the preview may use it
    settings.check_settings(site_url, GOOD_CONTACT, release=True, local_ok=True)  # and tests on loopback


@pytest.mark.parametrize("contact", ["fanzha@mail.localhost", "fanzha@example.org", "Fanzha@Dali.EXAMPLE.com",
                                     "corrections@dali.test", "https://127.0.0.1/report", "https://192.168.0.9/",
                                     "https://report.invalid/", "fanzha@10.0.0.1.test"])
def test_a_release_refuses_a_contact_that_leads_nowhere(contact):
    message = refusal(contact=contact)
    assert message.startswith("mkdocs.yml: CORRECTIONS_CONTACT:") and "leads nowhere" in message, message
    settings.check_settings(GOOD_URL, contact, release=False)


@pytest.mark.parametrize("site_url", ["https://172.32.0.1/", "https://8.8.8.8/", "https://fanzha.dali.gov.cn/sub/",
                                      "http://www.dali.gov.cn/", "https://example.org.cn/", "https://notexample.com/"])
def test_public_addresses_pass(site_url):
    settings.check_settings(site_url, GOOD_CONTACT, release=True)


@pytest.mark.parametrize("site_url, words", [
    ("https://fanzha.dali.gov.cn/?utm=1", "query"), ("https://fanzha.dali.gov.cn/#top", "fragment"),
    ('https://fanzha.dali.gov.cn/"onload=', "quote"), ("https://fanzha.dali.gov.cn/a b/", "space"),
    ("fanzha.dali.gov.cn", "absolute"), ("ftp://fanzha.dali.gov.cn/", "absolute"), ("javascript:alert(1)", "absolute"),
    ("https://user:pw@fanzha.dali.gov.cn/", "user name"), ("", "empty"),
    ("https://fanzha.dali.gov.cn:99999/", "port"), ("https://fanzha.dali.gov.cn:x/", "port")])
def test_a_malformed_site_address_is_blamed_on_site_url(site_url, words):
    for release in (True, False):  # not on a page or the wallet card, in either mode
        message = refusal(site_url=site_url, release=release)
        assert message.startswith("mkdocs.yml: SITE_URL:") and words in message, message


@pytest.mark.parametrize("text, phone", [("110", True), ("96110", True), ("+86 872 212 8110", True),
                                         ("0872-2128110", True), ("11O", False), ("9611O", False),
                                         ("400-FRAUD-110", False), ("12", False), ("1--10", False), ("+", False)])
def test_what_a_phone_number_is(text, phone):
    assert settings.is_phone(text) is phone


@pytest.mark.parametrize("text, broken", [("拨打11O报警", "11O"), ("call 400-FRAUD-110", "400-FRAUD-110"),
                                          ("拨打ll0", "ll0"), ("拨打１１Ｏ", "11O"), ("call 961l0", "961l0"),
                                          ("call 96110 or 12381", None), ("2021Q1", None), ("COVID-19", None),
                                          ("国家反诈中心App", None), ("0872-2128110", None), ("A4", None), ("5G", None)])
def test_a_phone_number_a_phone_cannot_dial(text, broken):
    assert settings.broken_phone(text) == broken

"""fraudsite.i18n: counterpart URLs and per-language search indexes."""
from fraudsite import i18n


def test_counterparts_are_absolute():
    assert i18n.counterparts("en/tips/", "en", "https://site.example/") == {
        "zh": "https://site.example/tips/", "en": "https://site.example/en/tips/"}
    assert i18n.counterparts("", "zh", "https://site.example/sub") == {
        "zh": "https://site.example/sub/", "en": "https://site.example/sub/en/"}


def test_search_index_is_split_by_language():
    combined = {"config": {"lang": ["zh", "en"]}, "docs": [
        {"location": "tips/", "title": "提示", "text": ""},
        {"location": "en/tips/", "title": "Tips", "text": ""},
        {"location": "", "title": "首页", "text": ""},
        {"location": "en/", "title": "Home", "text": ""}]}
    split = i18n.split_search_index(combined)
    assert [d["location"] for d in split["zh"]["docs"]] == ["tips/", ""]
    assert [d["location"] for d in split["en"]["docs"]] == ["tips/", ""]
    assert split["en"]["config"]["lang"] == ["en"]


def test_page_sitemap_names_both_languages():
    xml = i18n.page_sitemap({"zh": "https://s/tips/", "en": "https://s/en/tips/"})
    assert xml.count("<loc>") == 2 and 'hreflang="en"' in xml

"""fraudsite.glossary: terms become tooltips in prose, never inside links, code, headings or tags."""
from fraudsite.glossary import Glossary
from fraudsite.model import Term

TERMS = [Term("两卡", "liǎng kǎ", '"two cards"', {"zh": "银行卡和手机卡。", "en": "Bank and phone cards."}),
         Term("窝点", "wōdiǎn", "den", {"zh": "诈骗据点。", "en": "A fraud base."})]


def test_chinese_terms_are_marked_inside_running_text():
    out = Glossary(TERMS, "zh").mark("<p>不要出租两卡，远离窝点。</p>")
    assert out == ('<p>不要出租<abbr title="银行卡和手机卡。">两卡</abbr>，远离'
                   '<abbr title="诈骗据点。">窝点</abbr>。</p>')


def test_english_terms_match_words_and_plurals_only():
    out = Glossary(TERMS, "en").mark("<p>Two dens were closed; a denim shop was not. Never rent out two cards.</p>")
    assert '<abbr title="A fraud base.">dens</abbr>' in out
    assert "denim" in out and out.count("<abbr") == 2


def test_links_code_headings_and_attributes_are_left_alone():
    source = ('<h2 id="两卡">两卡</h2><p><a href="x">两卡</a> <code>两卡</code> '
              '<img alt="两卡" src="x.svg"> 两卡</p>')
    out = Glossary(TERMS, "zh").mark(source)
    assert out.count("<abbr") == 1 and out.endswith('<abbr title="银行卡和手机卡。">两卡</abbr></p>')


STOP_PAYMENT = Term("止付", "zhǐ fù", "stop-payment", {"zh": "紧急止付。", "en": "An emergency stop."})


def test_a_chinese_term_is_not_marked_inside_a_longer_word():
    """止付 (stop-payment) is inside 停止付款 (stop paying), across the words 停止 and 付款: no tooltip there."""
    out = Glossary([STOP_PAYMENT], "zh").mark("<p>收到预警短信，要停止付款。</p>")
    assert "<abbr" not in out and "停止付款" in out


def test_a_chinese_term_standing_as_a_word_is_marked_wherever_it_stands():
    out = Glossary([STOP_PAYMENT], "zh").mark("<p>成功止付涉案账号，及时开展事后止付。</p><p><strong>止付</strong>是紧急拦截。</p>")
    assert out.count('<abbr title="紧急止付。">止付</abbr>') == 3

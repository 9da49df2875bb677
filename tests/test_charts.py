"""fraudsite.charts: accessible, script-free SVG whose bars stay inside the chart and keep their proportions."""
import xml.etree.ElementTree as ET

from hypothesis import given, strategies as st

from fraudsite.charts import VALUE_ROOM, WIDTH, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_chart_has_accessible_name_and_description():
    svg = bar_chart("arrests", "Arrests <2021>", [("2020", 16, "16 people"), ("2021", 87, "87 people")], "en")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id and root.find(f"{SVG}title").text == "Arrests <2021>"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert "16 people" in root.find(f"{SVG}desc").text and "87 people" in root.find(f"{SVG}desc").text
    assert "script" not in svg and "style=" not in svg


def test_markup_in_labels_is_text():
    svg = bar_chart("x", "<script>t</script>", [("<b onmouseover=x>", 1, "&lt;1")], "en")
    root = ET.fromstring(svg)
    assert not root.findall(f".//{SVG}script") and "onmouseover" not in [a for e in root.iter() for a in e.attrib]
    assert root.find(f"{SVG}title").text == "<script>t</script>"


@given(st.lists(st.tuples(st.text(min_size=1, max_size=20), st.floats(min_value=0, max_value=1e9)),
                min_size=1, max_size=8))
def test_bars_stay_inside_the_chart_and_keep_their_proportions(bars):
    svg = bar_chart("c", "t", [(label, value, str(value)) for label, value in bars], "zh")
    root = ET.fromstring(svg)
    _x, _y, width, height = (float(n) for n in root.get("viewBox").split())
    assert width == WIDTH
    rects = root.findall(f"{SVG}rect")
    assert len(rects) == len(bars)
    for rect in rects:
        x, y, w, h = (float(rect.get(name)) for name in ("x", "y", "width", "height"))
        assert x >= 0 and y >= 0 and y + h <= height
        assert x + w <= WIDTH - VALUE_ROOM, "a bar leaves room on its right for its value"
    for text in root.findall(f"{SVG}text"):
        assert 0 <= float(text.get("x")) <= WIDTH - VALUE_ROOM + 6 and 0 < float(text.get("y")) <= height
    peak = max(value for _label, value in bars)
    widths = [float(r.get("width")) for r in rects]
    if peak > 0:
        for (_label, value), bar in zip(bars, widths):
            if value / peak * (WIDTH - VALUE_ROOM) > 2:  # bars shorter than 2 units are drawn 2 units long
                assert abs(bar / (WIDTH - VALUE_ROOM) - value / peak) < 0.001
    rows = sorted(float(r.get("y")) for r in rects)
    assert all(b - a >= float(rects[0].get("height")) for a, b in zip(rows, rows[1:])), "bars do not overlap"


def test_a_worked_out_bar_says_so_and_chinese_descriptions_use_full_width_colons():
    """The 16 arrests of January–March 2020 are worked out from 87 and +443.75 %, not a figure of the article."""
    from fraudsite.load import load_dataset
    from fraudsite.project import ROOT
    from fraudsite.render import PageContext, render_marker
    dataset = load_dataset(ROOT / "data")
    zh = render_marker(PageContext(dataset, "zh", "statistics.md"), "series", "arrests")
    en = render_marker(PageContext(dataset, "en", "statistics.md"), "series", "arrests")
    assert "2020年3月31日（推算）" in zh and "2021年3月31日（推算）" not in zh
    assert "31 March 2020 (worked out)" in en and "31 March 2021 (worked out)" not in en
    description = zh.split("<desc")[1].split("</desc>")[0]
    assert "：" in description and ":" not in description.split(">", 1)[1]

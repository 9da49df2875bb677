"""fraudsite.charts: accessible, script-free SVG."""
import xml.etree.ElementTree as ET

from hypothesis import given, strategies as st

from fraudsite.charts import WIDTH, bar_chart

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


@given(st.lists(st.tuples(st.text(min_size=1, max_size=20), st.floats(min_value=0, max_value=1e9)), min_size=1, max_size=8))
def test_bars_are_proportional_and_stay_inside(bars):
    svg = bar_chart("c", "t", [(label, value, str(value)) for label, value in bars], "zh")
    rects = ET.fromstring(svg).findall(f"{SVG}rect")
    assert len(rects) == len(bars)
    widths = [float(r.get("width")) for r in rects]
    assert all(0 < w <= WIDTH for w in widths)
    peak = max(value for _label, value in bars)
    if peak > 0:
        for (_label, value), width in zip(bars, widths):
            if value / peak * 200 > 2:
                assert abs(width / max(widths) - value / peak) < 0.02

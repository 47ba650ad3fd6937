"""The paper's charts: stacked RAG bars in a fixed order, the same bytes every time, SVG
fit to put inside a page, and nothing left behind in matplotlib."""

from __future__ import annotations

import re
import struct

import matplotlib
import pytest
from board_papers import bundled_paper, charts

from lcspr_cli.queries.document import Chart
from lcspr_cli.render.charts import NARROWEST, PNG_DPI, WIDEST, chart_png, chart_svg

CHART = Chart(
    "RAG by review",
    ("LEO", "B$x$"),
    ({"red": 7, "amber": 1, "green": 3, "blue": 2, "grey": 1}, {"green": 2, "red": 1}),
    'Recommendations by RAG: <b>"all"</b> & more',
    "A note.",
)


def test_the_same_chart_gives_the_same_bytes() -> None:
    assert chart_svg(CHART, "c") == chart_svg(CHART, "c")
    assert chart_png(CHART) == chart_png(CHART)


def test_the_png_is_a_png_of_the_chart_size_at_its_resolution() -> None:
    png = chart_png(CHART)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert NARROWEST * PNG_DPI <= width <= WIDEST * PNG_DPI
    assert height < width
    assert b"Software" not in png  # no version in the file


def test_the_svg_is_an_element_named_by_the_alt_text_with_its_own_ids() -> None:
    svg = chart_svg(CHART, "chart-7")
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<metadata" not in svg
    assert 'role="img" aria-labelledby="chart-7-title"' in svg
    expected = "Recommendations by RAG: &lt;b&gt;&quot;all&quot;&lt;/b&gt; &amp; more"
    assert f'<title id="chart-7-title">{expected}</title>' in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("chart-7-") for i in ids)
    assert len(ids) == len(set(ids))
    for reference in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
        assert reference in ids
    assert re.search(r'<svg [^>]*width="[\d.]+pt" height="[\d.]+pt"', svg)
    assert 'viewBox="' in svg


def test_bars_stack_worst_first_with_a_legend_in_that_order_and_the_counts() -> None:
    svg = chart_svg(CHART, "c")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    legend = [t for t in texts if t in {"Red", "Amber", "Green", "Blue", "Grey"}]
    assert legend == ["Red", "Amber", "Green", "Blue", "Grey"]
    assert "RAG" in texts
    assert {"7", "3", "14"} <= set(texts)  # counts in the bars, the total above
    assert "B$x$" in texts  # a dollar is a dollar, not mathematics
    fills = re.findall(r'fill(?:: |=")(#[0-9a-f]{6})', svg)  # hatched bars: in a pattern
    for colour in ("#c00000", "#ff8700", "#007a00", "#0050b3", "#b2b2b2"):
        assert colour in fills
    assert svg.count("<pattern") == 4  # hatching, for black and white (grey is plain)


def test_a_chart_with_nothing_to_draw_says_so() -> None:
    svg = chart_svg(Chart("Empty", (), (), "Nothing."), "e")
    assert ">None</text>" in svg


def test_many_bars_stay_within_the_page_width() -> None:
    labels = tuple(f"R{n}" for n in range(80))
    many = Chart("Many", labels, tuple({"red": n % 5, "green": 3} for n in range(80)), "Many.")
    svg = chart_svg(many, "m")
    width = float(re.search(r'width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    assert width == WIDEST * 72


def test_drawing_leaves_no_figure_and_no_setting_behind_and_ignores_the_users() -> None:
    import matplotlib.pyplot as plt

    before = dict(matplotlib.rcParams)
    plain = chart_svg(CHART, "c")
    with matplotlib.rc_context({"font.size": 30.0, "axes.facecolor": "black"}):
        assert chart_svg(CHART, "c") == plain
    assert dict(matplotlib.rcParams) == before
    assert plt.get_fignums() == []


@pytest.mark.parametrize("chart", list(charts(bundled_paper())), ids=lambda c: c.title)
def test_the_bundled_papers_charts_draw(chart: Chart) -> None:
    svg = chart_svg(chart, "b")
    assert chart.labels[0] in svg

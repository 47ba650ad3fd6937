"""The paper's charts, drawn with matplotlib: for each label one bar of its RAG counts,
stacked worst first (red, amber, green, blue, grey) in the RAG colours, each colour also
hatched and each segment labelled with its count where it has room, so the chart reads in
black and white; the total stands above each bar.

SVG (for the HTML paper, inline) and PNG (for Word). The same chart always gives the same
bytes: matplotlib's defaults, not the user's matplotlibrc, a fixed hash salt for the SVG
ids, and no date or version in the files. matplotlib is imported only when a chart is
drawn; each chart is one figure, made outside pyplot (so no figure manager keeps it) and
cleared once saved; its settings last only while it is drawn (`rc_context`).
"""

from __future__ import annotations

import io
import re
from html import escape
from typing import TYPE_CHECKING, Any

from ..queries.document import Chart
from .paper_layout import RAG_COLOURS, RAG_ORDER
from .safe import clean

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

HEIGHT = 2.8
"""The height of a chart, in inches."""
NARROWEST, WIDEST = 3.5, 10.0
"""The width of a chart, in inches, grows with its bars and their labels between these
(10 inches fits A4 landscape with its margins); past the widest, the labels stand up."""
PNG_DPI = 200
LABEL_POINTS = 10.0
"""The room a count label needs, in points, in both directions."""

_SETTINGS: dict[RcKeyType, Any] = {
    "svg.hashsalt": "lcspr",
    "svg.fonttype": "none",  # text stays text: selectable, searchable, and small
    "font.family": "sans-serif",
    "font.size": 9.0,
    "hatch.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
}
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_PNG_METADATA = {"Software": None}


def chart_png(chart: Chart, dpi: int = PNG_DPI) -> bytes:
    """The chart as a PNG image, its size in inches recorded in it (Word places it so)."""
    return _save(chart, "png", dpi=dpi, metadata=_PNG_METADATA)


def chart_svg(chart: Chart, ident: str = "chart") -> str:
    """The chart as an `<svg>` element to put inside an HTML page: its accessible name is
    the chart's `alt` text (a `<title>`), and its ids start with `ident` (so two charts on
    one page never share an id). Its width and height are in points, its viewBox kept, so
    CSS can shrink it to a narrow box (`max-width: 100%; height: auto`)."""
    text = _save(chart, "svg", metadata=_SVG_METADATA).decode("utf-8")
    return _inline(text, ident, chart.alt)


def _save(chart: Chart, form: str, **options: Any) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure

    buffer = io.BytesIO()
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # not the user's matplotlibrc: the same bytes everywhere
        matplotlib.rcParams.update(_SETTINGS)
        figure = Figure(figsize=(min(WIDEST, _width(chart.labels)), HEIGHT), layout="constrained")
        try:
            _draw(figure, chart)
            figure.savefig(buffer, format=form, **options)
        finally:
            figure.clear()
    return buffer.getvalue()


def _width(labels: tuple[str, ...]) -> float:
    """The width the chart needs, in inches, for its labels to stand side by side under
    their bars: the axis and the legend, then a slot for each bar as wide as its label."""
    slot = max(0.7, 0.3 + 0.07 * max((len(label) for label in labels), default=0))
    return max(NARROWEST, 1.6 + slot * len(labels))


def _draw(figure: Figure, chart: Chart) -> None:
    from matplotlib.ticker import MaxNLocator

    axes = figure.add_subplot()
    places = list(range(len(chart.labels)))
    totals = [sum(counts.get(rag.value, 0) for rag in RAG_ORDER) for counts in chart.counts]
    top = max([*totals, 1]) * 1.15  # room for the totals above the bars
    axes.set_ylim(0, top)
    axes.set_xlim(-0.6, max(len(places), 1) - 0.4)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color="#D0D0D0", linewidth=0.6)
    axes.set_ylabel("Recommendations")
    size = 9.0 if len(places) <= 12 else max(5.0, 9.0 - len(places) / 10)
    axes.set_xticks(places, [_plain(label) for label in chart.labels], fontsize=size)
    if _width(chart.labels) > WIDEST:  # no room side by side: the labels stand up
        axes.tick_params(axis="x", labelrotation=90)
    room = _room(figure, axes, len(places), top)
    _bars(axes, chart, places, room)
    if room[0] >= LABEL_POINTS * 1.6:
        for place, total in zip(places, totals, strict=True):
            axes.annotate(
                str(total), (place, total), xytext=(0, 2), textcoords="offset points",
                ha="center", va="bottom", fontweight="bold",
            )  # fmt: skip
    if not any(totals):
        axes.text(0.5, 0.5, "None", transform=axes.transAxes, ha="center", va="center")
    if axes.get_legend_handles_labels()[0]:
        figure.legend(loc="outside right upper", title="RAG", frameon=False)


def _room(figure: Figure, axes: Axes, bars: int, top: float) -> tuple[float, float]:
    """About how wide a bar is, and how tall a count of 1 is, in points (before the
    layout settles: enough to decide whether a label fits)."""
    box = axes.get_position()
    width = box.width * figure.get_figwidth() * 72 * 0.8  # the legend takes some
    height = box.height * figure.get_figheight() * 72 * 0.8  # the tick labels take some
    return width / max(bars, 1) * 0.6, height / top


def _bars(axes: Axes, chart: Chart, places: list[int], room: tuple[float, float]) -> None:
    """One stacked segment a RAG value, worst at the bottom, each labelled with its count
    where the label fits."""
    bar_width, per_count = room
    bottoms = [0] * len(places)
    for rag in RAG_ORDER:
        values = [counts.get(rag.value, 0) for counts in chart.counts]
        if not any(values):
            continue
        colour = RAG_COLOURS[rag]
        axes.bar(
            places, values, bottom=bottoms, width=0.6, color=f"#{colour.fill}",
            edgecolor=f"#{colour.text}", linewidth=0.5, hatch=colour.hatch,
            label=rag.value.capitalize(),
        )  # fmt: skip
        for place, value, bottom in zip(places, values, bottoms, strict=True):
            if value and value * per_count >= LABEL_POINTS and bar_width >= LABEL_POINTS * 1.6:
                axes.text(
                    place, bottom + value / 2, str(value), ha="center", va="center",
                    fontsize=8, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"},
                )  # fmt: skip
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]


def _plain(label: str) -> str:
    """A label as matplotlib prints it literally: `$` would start mathematics."""
    return clean(label).replace("$", r"\$")


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_REFERENCE = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')


def _inline(text: str, ident: str, alt: str) -> str:
    text = _METADATA.sub("", _PROLOGUE.sub("", text, count=1), count=1)
    defined = set(re.findall(r'\bid="([^"]+)"', text))
    text = _REFERENCE.sub(
        lambda m: m.group(1) + f"{ident}-" + m.group(2) if m.group(2) in defined else m.group(0),
        text,
    )
    start = text.index(">") + 1
    opening = text[: start - 1]
    title = f"{ident}-title"
    return (
        f'{opening} role="img" aria-labelledby="{title}">'
        f'<title id="{title}">{escape(clean(alt))}</title>{text[start:].rstrip()}'
    )

"""The board paper as one self-contained HTML file: no script, no font, no image or style
from elsewhere (its content security policy forbids them), the charts inline as SVG named
by their words. It prints on A4 landscape without a cut column: tables take the page's
width with their columns in proportion to their contents, long words wrap, header rows
repeat on each page and rows are not split. On a phone the page reflows and a wide table
scrolls inside its own box, never when printed. Every text from the data is escaped.
"""

from __future__ import annotations

from html import escape

from ..queries.document import Block, Cell, Chart, Paper, Section, Table
from .charts import chart_svg
from .paper_layout import (
    RAG_COLOURS,
    SHORT_TABLE,
    column_widths,
    numeric_columns,
    printable,
    whole_columns,
)

MARKER = (
    "<!DOCTYPE html><!-- Written by lcspr summary. lcspr summary --output may overwrite "
    "this file. -->"
)
"""The first line of every HTML paper: lcspr overwrites only files that start with it."""

BUDGET = 170.0
"""About how many characters of table text a line of the printed page holds."""
PADDING = 2.0
"""A cell's padding (.4em a side) and border, in characters (half an em)."""
WIDE = 5
"""A table of this many columns or more scrolls in its box on a narrow screen (a narrower
one fits the screen, its words whole)."""

_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_STYLE = """\
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;padding:1rem;max-width:75rem;color:#111;background:#fff;
font-family:Arial,"Helvetica Neue",Helvetica,"Liberation Sans",sans-serif;line-height:1.45}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0}
h2{font-size:1.35rem;margin:2rem 0 .5rem;padding-bottom:.15rem;border-bottom:2px solid #333}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.partnership{font-weight:bold;font-size:1.1rem;margin:0}
.period{font-size:1.15rem;margin:0 0 .5rem;color:#333}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0 1rem}
.facts div{display:flex;gap:.35rem}.facts dt{font-weight:bold}
.facts dt::after{content:":"}.facts dd{margin:0}
.warning{border:2px solid #7a4f00;background:#fff2cc;padding:.5rem .75rem;margin:1rem 0}
.warning p{margin:.25rem 0}
p.lead{font-weight:bold;margin:1.25rem 0 .35rem}
.table-box{overflow-x:auto;margin:0 0 1rem}
.table-box:focus-visible{outline:2px solid #0050b3}
table{border-collapse:collapse;width:100%;font-size:.875rem;line-height:1.3;table-layout:fixed}
table.compact{max-width:100%}
th,td{border:1px solid #767676;padding:.25em .4em;text-align:left;vertical-align:top;
overflow-wrap:break-word}
thead th{background:#d9d9d9;vertical-align:bottom}
tbody th{font-weight:normal}
.number{text-align:right;font-variant-numeric:tabular-nums}
@media screen{.whole{white-space:nowrap}}
.rag{font-weight:bold}
RAG_RULES
.charts{display:flex;flex-wrap:wrap;align-items:flex-start;gap:0 2rem}
figure.chart{max-width:100%;margin:1rem 0 1.5rem}
figure.chart figcaption{font-weight:bold;margin-bottom:.25rem}
figure.chart svg{display:block;max-width:100%;height:auto}
.note{font-style:italic;margin:.25rem 0 0}
@media screen and (max-width:48rem){body{padding:.75rem}table.fill{table-layout:auto}
table.wide{min-width:48rem}table.compact{max-width:none}}
@page{size:A4 landscape;margin:12mm}
@media print{
body{max-width:none;padding:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.table-box{overflow:visible}
table{font-size:9pt}
table.wide{min-width:0}
th,td{overflow-wrap:anywhere}
thead{display:table-header-group}
tr,figure,.warning,table.short{break-inside:avoid}
h2,h3,p.lead,figcaption{break-after:avoid}
figure.chart{margin:.5rem 0}
}
"""


def _rag_rules() -> str:
    return "\n".join(
        f".rag-{rag.value}{{background:#{colour.fill};color:#{colour.text}}}"
        for rag, colour in RAG_COLOURS.items()
    )


STYLE = _STYLE.replace("RAG_RULES", _rag_rules())


def render_paper_html(paper: Paper) -> str:
    """The paper as a complete HTML document."""
    title = f"{paper.partnership}: {paper.title}, {paper.period}"
    parts = [
        MARKER,
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="lcspr">',
        f"<title>{_text(title)}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        *_title_block(paper),
        "<main>",
    ]
    counter = _Counter()
    for section in paper.sections:
        parts += _section(section, counter)
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


class _Counter:
    """Numbers for the ids of a page's sections, tables, charts and table labels."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def next(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return f"{kind}-{self.counts[kind]}"


def _text(text: str) -> str:
    """Text from the data, escaped, its line breaks kept."""
    return escape(printable(text), quote=True).replace("\n", "<br>")


def _title_block(paper: Paper) -> list[str]:
    facts = "".join(
        f"<div><dt>{_text(label)}</dt><dd>{_text(value)}</dd></div>" for label, value in paper.facts
    )
    parts = [
        "<header>",
        f'<p class="partnership">{_text(paper.partnership)}</p>',
        f"<h1>{_text(paper.title)}</h1>",
        f'<p class="period">{_text(paper.period)}</p>',
        f'<dl class="facts">{facts}</dl>' if facts else "",
        "</header>",
    ]
    if paper.warning:
        lines = [f"<p>{_text(text)}</p>" for text in paper.warning]
        lines[0] = f"<p><strong>Warning:</strong> {_text(paper.warning[0])}</p>"
        parts += ['<div class="warning" role="note" aria-label="Warning">', *lines, "</div>"]
    return parts


def _section(section: Section, counter: _Counter) -> list[str]:
    level = max(2, min(section.level + 1, 6))
    ident = counter.next("section")
    parts = [
        f'<section aria-labelledby="{ident}">',
        f'<h{level} id="{ident}">{_text(section.title)}</h{level}>',
    ]
    blocks = section.blocks
    label: str | None = None
    around = zip((None, *blocks[:-1]), blocks, (*blocks[1:], None), strict=True)
    for previous, block, following in around:
        if isinstance(block, Table):
            parts.append(_table(block, counter.next("table"), label))
        elif isinstance(block, Chart):  # charts side by side, when there is room
            chart = _chart(block, counter.next("chart"))
            opening = "" if isinstance(previous, Chart) else '<div class="charts">'
            closing = "" if isinstance(following, Chart) else "</div>"
            parts.append(f"{opening}{chart}{closing}")
        else:
            label = _paragraph(block, following, counter, parts)
            continue
        label = None
    parts.append("</section>")
    return parts


def _paragraph(text: str, following: Block | None, counter: _Counter, parts: list[str]) -> str:
    """Add a paragraph to `parts`; one that introduces a table is its label: return its
    id for the table to name."""
    if isinstance(following, Table):
        ident = counter.next("lead")
        parts.append(f'<p class="lead" id="{ident}">{_text(text)}</p>')
        return ident
    if isinstance(following, Chart):
        parts.append(f'<p class="lead">{_text(text)}</p>')
    else:
        parts.append(f"<p>{_text(text)}</p>")
    return ""


def _table(table: Table, ident: str, label: str | None) -> str:
    """A table in its own box (which scrolls on a narrow screen), named by the paragraph
    before it, or else by its first header."""
    name = f'aria-labelledby="{label}"' if label else f'aria-label="{_text(table.headers[0])}"'
    widths = column_widths(table, BUDGET - PADDING * len(table.headers))
    kinds = ["fill" if widths.fills else "compact"]
    kinds += ["wide"] if len(table.headers) >= WIDE else []
    kinds += ["short"] if len(table.rows) <= SHORT_TABLE else []
    shares = widths.shares(PADDING)
    columns = "<colgroup>" + "".join(f'<col style="width:{s:.2%}">' for s in shares)
    columns += "</colgroup>"
    ems = sum(widths.characters) / 2 + len(shares) * PADDING / 2  # a character: half an em
    size = "" if widths.fills else f' style="width:{ems:.1f}em"'
    right, whole = numeric_columns(table), whole_columns(table)
    classes = [
        ["number"] * (c in right) + ["whole"] * (c in whole) for c in range(len(table.headers))
    ]
    head = "".join(  # a header wraps between its words
        f'<th scope="col"{_classes(["number"] * (c in right))}>{_text(h)}</th>'
        for c, h in enumerate(table.headers)
    )
    rows = "\n".join(_row(row, classes) for row in table.rows)
    return (
        f'<div class="table-box" role="region" tabindex="0" {name}>'
        f'<table id="{ident}" class="{" ".join(kinds)}"{size}>{columns}'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>"
    )


def _row(row: tuple[Cell, ...], classes: list[list[str]]) -> str:
    """A row; its first cell is its header."""
    cells = []
    for c, cell in enumerate(row):
        kinds = classes[c] if cell.rag is None else [*classes[c], "rag", f"rag-{cell.rag.value}"]
        opening = f'th scope="row"{_classes(kinds)}' if c == 0 else f"td{_classes(kinds)}"
        cells.append(f"<{opening}>{_text(cell.text)}</{'th' if c == 0 else 'td'}>")
    return "<tr>" + "".join(cells) + "</tr>"


def _classes(kinds: list[str]) -> str:
    return f' class="{" ".join(kinds)}"' if kinds else ""


def _chart(chart: Chart, ident: str) -> str:
    note = f'<p class="note">{_text(chart.note)}</p>' if chart.note else ""
    return (
        f'<figure class="chart" id="{ident}"><figcaption>{_text(chart.title)}</figcaption>\n'
        f"{chart_svg(chart, ident)}\n{note}</figure>"
    )

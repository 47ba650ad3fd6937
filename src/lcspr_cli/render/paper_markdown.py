"""The board paper as markdown: the same sections as the Word and HTML papers, with pipe
tables whose separators follow their columns' widths (pandoc reads those as the column
widths), and a line for each chart saying where it is drawn."""

from __future__ import annotations

from ..queries.document import Chart, Paper, Table
from .markdown import escape

MARKER = "<!-- Written by lcspr summary. lcspr summary --output may overwrite this file. -->"
"""The first line of every markdown paper: lcspr overwrites only files that start with it."""


def render_paper_markdown(paper: Paper) -> str:
    lines = [
        MARKER,
        "",
        f"# {escape(paper.partnership)}",
        "",
        f"**{escape(paper.title)}**",
        "",
        f"**{escape(paper.period)}**",
        "",
        *(f"- {label}: {escape(value)}" for label, value in paper.facts),
        "",
    ]
    if paper.warning:
        lines += ["> **Warning.** " + " ".join(escape(text) for text in paper.warning), ""]
    escaped = _Escaped()
    for section in paper.sections:
        lines += [f"{'#' * (section.level + 1)} {escape(section.title)}", ""]
        for block in section.blocks:
            lines += [*_block(block, escaped), ""]
    return "\n".join(lines)


class _Escaped(dict[str, str]):
    """Each cell's text escaped, once: dates, owners and RAG words repeat (a national
    paper's half a million cells hold some 100,000 texts)."""

    def __missing__(self, text: str) -> str:
        self[text] = escaped = escape(text)
        return escaped


def _block(block: str | Table | Chart, escaped: _Escaped) -> list[str]:
    if isinstance(block, str):
        return [escape(block)]
    if isinstance(block, Chart):
        note = f" {escape(block.note)}" if block.note else ""
        return [f"*Chart: {escape(block.title)}, in the Word and HTML papers.*{note}"]
    return table(block, escaped).splitlines()


def table(block: Table, escaped: _Escaped | None = None) -> str:
    """A pipe table drawn by tabulate, every cell escaped; a RAG cell is its word."""
    from tabulate import tabulate  # only when a paper is made

    escaped = _Escaped() if escaped is None else escaped
    rows = [[escaped[cell.text] for cell in row] for row in block.rows]
    # the cells are text already: aligned here, not guessed cell by cell (slow on big tables)
    align = [
        "right" if rows and all(_number(row[column]) for row in rows) else "left"
        for column in range(len(block.headers))
    ]
    headers = [escape(h) for h in block.headers]
    return tabulate(rows, headers, "pipe", disable_numparse=True, colalign=align)


def _number(text: str) -> bool:
    return text.replace(",", "").removeprefix("-").isdigit()

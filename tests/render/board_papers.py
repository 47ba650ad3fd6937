"""Board papers for the renderers' tests: the bundled data's paper for 2026/27 Q2 (with its
trend chart, and with a warning), and a made-up paper of hostile text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

from conftest import REPOSITORY
from lcspr_cli.pipeline import summarise_folder
from lcspr_cli.queries.document import Block, Cell, Chart, Paper, Section, Table
from lcspr_cli.queries.paper import PaperInputs, build_paper
from lcspr_cli.queries.quarters import Quarter
from lcspr_cli.queries.summary import Summary
from lcspr_cli.queries.views import Rag

PARTNERSHIP = "Cumberland Safeguarding Children Partnership"
LEFT_OUT = (Path("recommendations/LEO/LEO-3.yaml"), Path("recommendations/LEO/LEO-4.yaml"))


@cache
def bundled_summary() -> Summary:
    """The summary of the bundled data for 2026/27 Q2 (read, never written: no cache)."""
    quarter = Quarter.parse("2026/27-Q2")
    result = summarise_folder(REPOSITORY / "data", quarter, date(2026, 9, 30), date(2026, 11, 26))
    return result.summary


def bundled_paper(*, warned: bool = False) -> Paper:
    """The bundled data's paper, its trend over the last two quarter ends; with `warned`,
    two files said to be left out."""
    summary = bundled_summary()
    inputs = PaperInputs(
        PARTNERSHIP,
        left_out=LEFT_OUT if warned else (),
        prepared_by="Partnership Business Manager",
        trend=(summary.previous, summary.counts),
    )
    return build_paper(summary, inputs)


HOSTILE = "<script>alert(\"x\")</script> & 'quotes' \x1b[31m \u202e"
LONG_WORD = "evidence/" + "a-very-long-folder-name-without-spaces/" * 8 + "report.pdf"


def hostile_paper() -> Paper:
    """A paper whose every text is markup, control characters or a bidi override, with a
    table of eight columns whose cells hold words longer than any column is wide."""
    wide = Table(
        tuple(f"Column {n} {HOSTILE}" for n in range(8)),
        tuple(
            tuple(Cell(f"X-{row}.{n} {LONG_WORD}" if n else f"X-{row}") for n in range(8))
            for row in range(30)
        ),
        frozenset({1, 6}),
    )
    compact = Table(
        ("Name", "Count"),
        ((Cell(LONG_WORD * 2), Cell("3")), (Cell("Red", Rag.RED), Cell("12"))),
    )
    chart = Chart(f"Chart {HOSTILE}", ("A$x$", HOSTILE), ({"red": 1}, {"amber": 2}), HOSTILE)
    blocks: tuple[Block, ...] = (HOSTILE, wide, f"Lead {HOSTILE}", compact, chart)
    return Paper(
        partnership=f"Partnership {HOSTILE}",
        title=f"Title {HOSTILE}",
        period="2026/27 Q2",
        facts=((f"Label {HOSTILE}", HOSTILE),),
        warning=(HOSTILE,),
        sections=(Section(f"Section {HOSTILE}", blocks), Section("Sub", ("x",), level=2)),
    )


def tables(paper: Paper) -> Iterator[Table]:
    """The paper's tables, in order."""
    for section in paper.sections:
        yield from (block for block in section.blocks if isinstance(block, Table))


def charts(paper: Paper) -> Iterator[Chart]:
    """The paper's charts, in order."""
    for section in paper.sections:
        yield from (block for block in section.blocks if isinstance(block, Chart))

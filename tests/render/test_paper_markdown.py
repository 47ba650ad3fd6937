from __future__ import annotations

from lcspr_cli.queries.document import Cell, Table
from lcspr_cli.render.paper_markdown import table


def test_a_column_of_counts_is_right_aligned_and_text_stays_as_written() -> None:
    block = Table(
        headers=("Agency", "Open", "Note"),
        rows=(
            (Cell("NENC ICB"), Cell("1,204"), Cell("007")),
            (Cell("Cumbria SCP"), Cell("3"), Cell("2/2 | done")),
        ),
    )
    lines = table(block).splitlines()
    rule = [cell.strip() for cell in lines[1].strip("|").split("|")]
    assert [cell[0] + cell[-1] for cell in rule] == [":-", "-:", ":-"]
    assert "| 007 " in lines[2] and "2/2 \\| done" in lines[3]

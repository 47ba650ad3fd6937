"""The export's rows as a workbook: each column fitted to what it holds."""

from __future__ import annotations

from datetime import date

from lcspr_cli.render import sheets

PADDING = 2.7


def test_a_column_is_as_wide_as_its_longest_line_up_to_fifty_characters() -> None:
    blank: list[object] = [None] * len(sheets.COLUMNS)
    row = list(blank)
    row[sheets.COLUMNS.index("ID")] = "LEO-1.1"
    row[sheets.COLUMNS.index("No.")] = 12
    row[sheets.COLUMNS.index("Recommendation")] = "x" * 80
    row[sheets.COLUMNS.index("Action")] = "short\n" + "y" * 30 + "\nz"
    row[sheets.COLUMNS.index("Target date")] = date(2025, 3, 31)
    row[sheets.COLUMNS.index("Latest update")] = "z" * 20
    later = list(blank)
    later[sheets.COLUMNS.index("Latest update")] = "z" * 45
    widths = dict(zip(sheets.COLUMNS, sheets._widths([row, blank, later]), strict=True))
    assert widths["ID"] == len("LEO-1.1") + PADDING
    assert widths["No."] == len("No.") + PADDING  # wider than 12
    assert widths["Recommendation"] == 50 + PADDING
    assert widths["Action"] == 30 + PADDING  # its longest line, not the whole text
    assert widths["Target date"] == len("Target date") + PADDING  # a date is 10 wide
    assert widths["Latest update"] == 45 + PADDING  # the longest of any row
    assert widths["Evidence of completion"] == len("Evidence of completion") + PADDING

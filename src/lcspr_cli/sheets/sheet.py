"""A spreadsheet as lcspr reads it: sheets of values, each as Excel shows it, and the
problem of a file that cannot be read."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from msgspec import Struct

from ..problems import Problem

Value = str | int | float | bool | date | datetime | time | timedelta | None
"""A cell's value as read: text, a number, a yes/no, a date (or a time), or nothing."""
Cell = tuple[int, int]
"""A cell's row and column, both 1-based, as Excel numbers them."""
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def _no_fill(row: int, column: int) -> str | None:
    return None


@dataclass(frozen=True)  # not a Struct: its equality leaves out `fill`, a function
class Sheet:
    """One sheet's cells: `rows[0]` is row 1."""

    name: str
    rows: Sequence[Sequence[Value]]
    merged: Mapping[Cell, Cell] = field(default_factory=dict)
    """For each cell merged with those above it, the first cell of the range."""
    unset_formulas: frozenset[Cell] = frozenset()
    """Cells holding a formula that was never calculated (so they show nothing yet)."""
    hidden: bool = False
    fill: Callable[[int, int], str | None] = field(default=_no_fill, compare=False)
    """The colour a cell is filled with, as RRGGBB (None when it has none)."""

    def value(self, row: int, column: int) -> Value:
        """The value of a cell; a cell inside a merged range has the range's value."""
        row, column = self.merged.get((row, column), (row, column))
        if row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if column <= len(cells) else None


class Book(Struct, frozen=True):
    """The sheets of a workbook, or the one sheet of a CSV file (named after the file)."""

    path: Path
    sheets: tuple[Sheet, ...]
    notes: tuple[str, ...] = ()
    """What the reading says about the file: its encoding, its formulas."""


def unreadable(path: Path, message: str, hint: str = "") -> Problem:
    return Problem.of(
        "unreadable-file",
        message,
        path,
        hint=hint or "export the tracker from Excel as an Excel Workbook (.xlsx) or CSV (.csv)",
    )


def trimmed(rows: list[list[Value]]) -> list[list[Value]]:
    """Without the empty rows at the end (formatting often reaches far below the data)."""
    end = len(rows)
    while end and all(value is None or value == "" for value in rows[end - 1]):
        end -= 1
    return rows[:end]

"""Tracker spreadsheets for the import tests, built with openpyxl in a temporary folder.

`TRACKER` is one made-up tracker (for the review TEST of tests/samples/minimal); each
layout writes it with the headings, dates and habits of a different published tracker,
so that all of them must import as the same records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import PatternFill


@dataclass(frozen=True)
class Row:
    number: str
    text: str
    action: str
    lead: str
    officer: str
    due: date
    status: str
    rag: str
    update: str = ""
    done: date | None = None
    revised: date | None = None
    evidence: str = ""


TRACKER = (
    Row(
        "1",
        "For the Partnership to receive assurance that all agencies are clear on their "
        "early help roles.",
        "Publish a statement of early help roles.",
        "North Council",
        "Head of Early Help",
        date(2025, 3, 31),
        "Complete",
        "Green",
        "Statement published.",
        date(2025, 3, 20),
        evidence="Early help roles statement",
    ),
    Row(
        "1",
        "",
        "Survey practitioners on early help roles.",
        "Test ICB",
        "Designated Nurse",
        date(2025, 9, 30),
        "In progress",
        "Green",
    ),
    Row(
        "2",
        "For agencies to involve fathers in assessments.",
        "Audit how assessments involve fathers.",
        "south-council",
        "Service Manager",
        date(2025, 1, 31),
        "In progress",
        "Green",
        revised=date(2025, 4, 30),
    ),
)


def save(
    rows: Sequence[Sequence[Any]],
    path: Path,
    *,
    title: str = "Actions",
    above: Sequence[Sequence[Any]] = (),
) -> openpyxl.Workbook:
    """A workbook of one sheet: `above` (a title, say), then `rows`, the first of them the
    headings; returned unsaved, for a test to merge or colour cells, then `save_book`."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in (*above, *rows):
        sheet.append(list(row))
    book.save(path)
    return book


def _layout_a(rows: Sequence[Row]) -> tuple[list[list[Any]], Callable[[Any], None]]:
    """Rec no. and merged recommendation cells; real Excel dates; the RAG as a fill."""
    table: list[list[Any]] = [
        [
            "Rec no.",
            "Recommendation",
            "Specific actions",
            "Lead agency",
            "Lead officer",
            "Timescale",
            "Revised target date",
            "Status",
            "RAG",
            "Progress update",
            "Evidence of completion",
            "Date completed",
        ]
    ]
    for row in rows:
        table.append(
            [
                int(row.number),
                row.text or None,
                row.action,
                row.lead,
                row.officer,
                _excel(row.due),
                _excel(row.revised),
                row.status,
                None,
                row.update or None,
                row.evidence or None,
                _excel(row.done),
            ]
        )

    def style(sheet: Any) -> None:
        sheet.merge_cells("A2:A3")
        sheet.merge_cells("B2:B3")
        fills = {"Green": "FF00B050", "Red": "FFFF0000", "Amber": "FFFFC000"}
        for number, row in enumerate(rows, 2):
            sheet.cell(number, 9).fill = PatternFill("solid", fgColor=fills[row.rag])

    return table, style


def _layout_b(rows: Sequence[Row]) -> tuple[list[list[Any]], Callable[[Any], None]]:
    """Ref, recommendation left blank on the rows after the first, UK dates as text."""
    table: list[list[Any]] = [
        [
            "Ref",
            "Recommendation (with report reference)",
            "Action",
            "Responsibility",
            "Responsible officer",
            "By when",
            "Expected new achievement date",
            "Status",
            "RAG status",
            "Update",
            "Output",
            "Date of completion",
            "Comments",
        ]
    ]
    previous = ""
    for row in rows:
        repeat = row.number == previous
        previous = row.number
        table.append(
            [
                None if repeat else row.number,
                row.text or None,
                row.action,
                row.lead,
                row.officer,
                row.due.strftime("%d/%m/%Y"),
                row.revised.strftime("%d.%m.%y") if row.revised else None,
                row.status,
                row.rag,
                row.update or None,
                row.evidence or None,
                row.done.strftime("%d %b %Y") if row.done else None,
                "made-up comment",
            ]
        )
    return table, lambda sheet: None


def _layout_c(rows: Sequence[Row]) -> tuple[list[list[Any]], Callable[[Any], None]]:
    """No number column (the text starts "1."), other headings, ISO and spoken dates."""
    table: list[list[Any]] = [
        [
            "Recommendation",
            "How",
            "Responsible lead/group",
            "Responsible officer",
            "Timescale/Target",
            "Revised target date",
            "Progress indicator (R/A/G)",
            "Current status",
            "Progress",
            "Evidence of completion",
            "Achieved",
        ]
    ]
    for row in rows:
        text = f"{row.number}. {row.text}" if row.text else None
        table.append(
            [
                text,
                row.action,
                row.lead,
                row.officer,
                row.due.isoformat(),
                f"{row.revised.day} {row.revised.strftime('%B %Y')}" if row.revised else None,
                row.rag[0],
                row.status.upper(),
                row.update or None,
                row.evidence or None,
                _excel(row.done),
            ]
        )
    return table, lambda sheet: None


LAYOUTS = {"a": _layout_a, "b": _layout_b, "c": _layout_c}


def write_tracker(path: Path, layout: str, rows: Sequence[Row] = TRACKER) -> Path:
    """The tracker in one of the layouts, saved at `path` (layout a has a title above)."""
    table, style = LAYOUTS[layout](rows)
    above: list[list[Any]] = [["Made-up LCSPR action plan"], []] if layout == "a" else []
    book = save(table, path, above=above)
    style(_Shifted(book.active, len(above)))
    book.save(path)
    return path


class _Shifted:
    """A sheet whose rows are numbered from below its title rows."""

    def __init__(self, sheet: Any, by: int) -> None:
        self.sheet, self.by = sheet, by

    def merge_cells(self, cells: str) -> None:
        first, last = cells.split(":")
        self.sheet.merge_cells(f"{_down(first, self.by)}:{_down(last, self.by)}")

    def cell(self, row: int, column: int) -> Any:
        return self.sheet.cell(row + self.by, column)


def _down(ref: str, by: int) -> str:
    letters = "".join(c for c in ref if c.isalpha())
    return f"{letters}{int(ref[len(letters) :]) + by}"


def _excel(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day) if day else None

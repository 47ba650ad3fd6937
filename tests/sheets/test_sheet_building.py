"""Building the recommendations of many rows in helper processes gives what one process
gives: the same recommendations, and the same problems in the same order."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from lcspr_cli import parallel
from lcspr_cli.sheets import build
from lcspr_cli.sheets.agencies import Agencies, Known
from lcspr_cli.sheets.cells import Context
from lcspr_cli.sheets.model import Reading
from lcspr_cli.sheets.read import Book, Sheet
from lcspr_cli.sheets.tracker import read_tracker

TODAY = date(2025, 6, 1)
HEADINGS = ["No.", "Recommendation", "Action", "Lead agency", "Target date", "Status"]


def _rows(first: int) -> list[list[Any]]:
    """Twelve recommendations of two actions, some with problems (the same cells on each
    sheet, so that only the order they were found in orders them)."""
    rows: list[list[Any]] = [HEADINGS]
    for number in range(first, first + 12):
        lead = "Nowhere Trust" if number % 5 == 0 else "north-council"
        due: Any = datetime(2025, 9, 30)
        if number % 4 == 0:
            due = "TBC"
        elif number % 7 == 0:
            due = "31/02/2025"
        text = f"For agencies to do thing {number}."
        rows.append([number, text, f"Action {number}a.", lead, due, "In progress"])
        rows.append([None, None, f"Action {number}b.", "Test ICB", due, "Done-ish"])
    return rows


def _read(monkeypatch: pytest.MonkeyPatch, parallel_from: int) -> tuple[Reading, list[Any]]:
    monkeypatch.setattr(build, "PARALLEL_FROM", parallel_from)
    path = Path("tracker.xlsx")
    book = Book(path, (Sheet("One", _rows(1)), Sheet("Two", _rows(13))))
    known = [Known("north-council", "North Council"), Known("test-icb", "Test ICB")]
    context = Context(path, TODAY, {"TEST": "test-partnership"}, Agencies(known))
    reading = read_tracker(book, context, None, {}, [])
    return reading, context.problems


def test_helper_processes_build_what_one_process_builds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alone = _read(monkeypatch, 10**9)
    reading, problems = alone
    assert len(reading.recommendations) == 24 and reading.no_dates
    assert {"unknown-agency", "invalid-date", "invalid-value"} <= {p.code for p in problems}
    assert "Nowhere Trust" in reading.unknown_agencies
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert _read(monkeypatch, 1) == alone

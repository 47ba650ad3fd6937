"""What an import read from a spreadsheet, as plain values: each recommendation as the data
of its file (in the order the file gives its fields), where each value came from, the
stand-ins put where the format needs a value the sheet does not give, and what the
import report says about each sheet. `edit.imported` writes the files; `render.imported`
prints the report.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct, field

from ..yamlfile.positions import DataPath

Origin = tuple[str, int, int]
"""A cell: its sheet, row and column."""
STAND_IN_REASON = "reason not recorded in the spreadsheet"
STAND_IN_BY = "not recorded in the spreadsheet"
TODAY_STAND_IN = "stand-in: the day of the import (no date in the spreadsheet)"
OWNER_STAND_IN = "the lead agency of all its actions in the spreadsheet"
"""Beside a recommendation's owner the sheet does not give: its actions' one lead agency."""


class SheetRag(Struct, frozen=True):
    """The RAG a sheet gave an item, to compare with lcspr's."""

    path: DataPath
    """() for the recommendation, ("actions", i) for an action."""
    cell: str
    rag: str


class Imported(Struct):
    """One recommendation read from a sheet."""

    id: str
    review: str
    sheet: str
    rows: list[int]
    data: dict[str, Any]
    """The file's fields, in order; dates as dates (a target date as `Due`)."""
    origins: dict[DataPath, Origin] = field(default_factory=dict)
    """The cell each value came from."""
    stand_ins: dict[DataPath, str] = field(default_factory=dict)
    """For each value the sheet did not give, the comment that says so."""
    rags: list[SheetRag] = field(default_factory=list)
    row_of: dict[DataPath, int] = field(default_factory=dict)
    """The sheet row of the recommendation (at ()) and of each action."""

    @property
    def action_ids(self) -> list[str]:
        return [str(action["id"]) for action in self.data.get("actions", [])]


class Column(Struct, frozen=True):
    letter: str
    heading: str
    field: str
    """The field's label; empty when the heading is not recognised."""


class SheetRead(Struct, frozen=True):
    """What the import report says about one sheet."""

    name: str
    heading_row: int
    first_row: int
    last_row: int
    columns: tuple[Column, ...]
    unrecognised: tuple[Column, ...] = ()
    unused: tuple[Column, ...] = ()
    ignored: tuple[Column, ...] = ()
    numbering: str = ""
    """How the recommendations were numbered, when the sheet has no number column."""
    reviews: tuple[str, ...] = ()


class RagDifference(Struct, frozen=True):
    """A row whose RAG differs from lcspr's."""

    cell: str
    ident: str
    sheet: str
    lcspr: str
    why: str


class NoDate(Struct, frozen=True):
    """An item the sheet gives no target date ("Ongoing", "TBC", blank)."""

    cell: str
    ident: str
    words: str


class NewAgency(Struct, frozen=True):
    id: str
    name: str
    cell: str


class Reading(Struct):
    """Everything read from the spreadsheet."""

    recommendations: list[Imported] = field(default_factory=list)
    sheets: list[SheetRead] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Sheets not read, and why."""
    no_dates: list[NoDate] = field(default_factory=list)
    new_agencies: list[NewAgency] = field(default_factory=list)
    unknown_agencies: dict[str, list[str]] = field(default_factory=dict)
    """Each agency name no agency has, and the cells that give it."""
    notes: list[str] = field(default_factory=list)
    today: date | None = None

    def extend(self, other: Reading) -> None:
        """Add what `other` read (from a later sheet) to this."""
        self.recommendations.extend(other.recommendations)
        self.sheets.extend(other.sheets)
        self.skipped.extend(other.skipped)
        self.no_dates.extend(other.no_dates)
        self.new_agencies.extend(other.new_agencies)
        for name, cells in other.unknown_agencies.items():
            self.unknown_agencies.setdefault(name, []).extend(cells)
        self.notes.extend(other.notes)

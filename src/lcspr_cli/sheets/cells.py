"""One row of a sheet, read field by field: each reader gives lcspr's value of a cell, or
records a problem naming the sheet, the cell and its heading (`Actions!E7 (Target date)`),
in the problem format of `lcspr check`, and gives nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from msgspec import Struct, field

from ..problems import Problem
from ..records.dates import Due
from ..wording import human_date
from . import values
from .agencies import Agencies, Known, new_id
from .columns import Columns, cell_name
from .model import NewAgency, NoDate, Origin, Reading
from .sheet import Sheet, Value

T = TypeVar("T")


class Context(Struct):
    """What reading a workbook needs to know, and where it leaves what it finds."""

    path: Path
    today: date
    partnerships: dict[str, str]
    """Each review's id, and its partnership's agency id."""
    agencies: Agencies
    add_agencies: bool = False
    review: str | None = None
    """The review named with --review."""
    flagged: set[tuple[str, int, int]] = field(default_factory=set)
    """The cells holding personal data: nothing else is said of them."""
    problems: list[Problem] = field(default_factory=list)
    reading: Reading = field(default_factory=Reading)


class Row(Struct):
    """A row of a sheet, with its fields' columns."""

    context: Context
    sheet: Sheet
    columns: Columns
    number: int
    texts: dict[str, str | None] = field(default_factory=dict)
    """Each field's text, once read (each is read several times, and said wrong once)."""
    errors: dict[str, bool] = field(default_factory=dict)

    def column(self, name: str) -> int | None:
        return self.columns.fields.get(name)

    def value(self, name: str) -> Value:
        column = self.columns.fields.get(name)
        if column is None:
            return None
        if self.sheet.merged:
            return self.sheet.value(self.number, column)
        cells = self.sheet.rows[self.number - 1]
        return cells[column - 1] if column <= len(cells) else None

    def text(self, name: str) -> str | None:
        if name in self.texts:
            return self.texts[name]
        value = self.value(name)
        found = None if self._may_err(value) and self._error(name) else values.text(value)
        self.texts[name] = found
        return found

    def cell(self, name: str) -> str:
        column = self.column(name)
        return cell_name(self.sheet.name, self.number, column or 1)

    def origin(self, name: str) -> Origin:
        """Where the value of field `name` is: its sheet, row and column."""
        column = self.column(name) or self.column("action") or 1
        row, column = self.sheet.merged.get((self.number, column), (self.number, column))
        return (self.sheet.name, row, column)

    def problem(self, name: str, code: str, message: str, hint: str = "") -> None:
        """A problem with this row's cell of field `name` (with what it holds, when short)."""
        column = self.column(name)
        own = column is not None
        if column is None:  # a field the sheet has no column for: the row's action or text
            column = self.column("action") or self.column("recommendation") or 1
        row, column = self.sheet.merged.get((self.number, column), (self.number, column))
        if (self.sheet.name, row, column) in self.context.flagged:
            return
        heading = self.columns.headings.get(column, "")
        where = cell_name(self.sheet.name, row, column) + (f" ({heading})" if heading else "")
        shown = values.text(self.sheet.value(row, column)) if own else None
        quoted = f"`{shown}` " if shown and len(shown) <= 40 and "\n" not in shown else ""
        self.context.problems.append(
            Problem.of(code, f"{where}: {quoted}{message}", self.context.path, row, column, hint)
        )

    def _error(self, name: str) -> bool:
        """Whether the cell shows an error, or nothing for a formula (said once)."""
        found = self.errors.get(name)
        if found is None:
            found = self._may_err(self.value(name)) and self._shows_error(name)
            self.errors[name] = found
        return found

    def _may_err(self, value: Value) -> bool:
        """Whether a cell may show an error, or nothing for a formula: most cells cannot
        (an error starts with #, and the sheet lists its formulas never calculated)."""
        return bool(self.sheet.unset_formulas) or (type(value) is str and value[:1] == "#")

    def _shows_error(self, name: str) -> bool:
        column = self.column(name)
        if column is None:
            return False
        if (self.number, column) in self.sheet.unset_formulas:
            self.problem(
                name,
                "empty-value",
                "holds a formula that Excel never calculated, so it shows nothing yet",
                "open the workbook in Excel, save it, and import again (or type the value)",
            )
            return True
        shown = values.error_shown(self.value(name))
        if shown:
            self.problem(
                name,
                "invalid-value",
                "is an error Excel shows, not a value",
                "correct the formula, or type the value",
            )
            return True
        return False

    def read(self, name: str, reader: Callable[[Value], T]) -> T | None:
        """The cell of `name` read by `reader`; None, with the problem, when it cannot be."""
        if self.column(name) is None or self._error(name):
            return None
        try:
            return reader(self.value(name))
        except values.Unreadable as error:
            self.problem(name, error.code, str(error), error.hint)
            return None

    # -- dates --------------------------------------------------------------------------

    def target(self, name: str, ident: str) -> Due | None:
        """A target date; a cell saying there is none is listed, and is a problem."""
        if self._error(name):
            return None
        words = values.no_date(self.value(name))
        if words is not None:
            if self.column(name) is not None:
                self.context.reading.no_dates.append(NoDate(self.cell(name), ident, words))
            return None
        return self.read(name, values.target)

    def done_on(self, name: str) -> date | None:
        """A day something was done, which cannot be after the day of the import."""
        if values.no_date(self.value(name)) is not None or values.says_yes(self.value(name)):
            return None
        day = self.read(name, values.day)
        if day is not None and day > self.context.today:
            self.problem(
                name,
                "date-in-future",
                f"is after today ({human_date(self.context.today)}): it records something done",
                "check the date; a planned date belongs in the target date",
            )
            return None
        return day

    # -- agencies -----------------------------------------------------------------------

    def agencies(self, name: str) -> tuple[str, ...]:
        """The agencies a cell names (several for joint owners); an unknown one is added
        with --add-agencies, and is a problem without it."""
        written = self.text(name)
        if written is None:
            return ()
        known = self.context.agencies
        ids, unknown = known.match(written)
        added = []
        for part in unknown:
            if self.context.add_agencies:
                added.append(self._add_agency(part, name))
                continue
            self.context.reading.unknown_agencies.setdefault(part, []).append(self.cell(name))
            self.problem(
                name,
                "unknown-agency",
                f"names `{part}`, which is not in agencies.yaml"
                if part != written
                else "is not in agencies.yaml",
                " ".join(
                    filter(
                        None,
                        [
                            known.hint(part),
                            "Correct the cell, add the agency to "
                            "agencies.yaml, or import with --add-agencies",
                        ],
                    )
                ),
            )
        return tuple(dict.fromkeys((*ids, *added)))

    def _add_agency(self, written: str, name: str) -> str:
        known = self.context.agencies
        ident = new_id(written, [a.id for a in known.known])
        known.add(Known(ident, written))
        self.context.reading.new_agencies.append(NewAgency(ident, written, self.cell(name)))
        return ident


def owner_value(owners: tuple[str, ...]) -> Any:
    """Owners as a file writes them: one id, or a list of joint owners."""
    return owners[0] if len(owners) == 1 else list(owners)

"""Read a spreadsheet into rows of values: an Excel workbook (.xlsx, with openpyxl) or a CSV
file (with the standard library: UTF-8 with or without a byte-order mark, UTF-16 as
Excel's "Unicode text", or Windows-1252 as Excel writes CSV files).

Every failure is a problem on the file, never an exception: a password-protected
workbook, an old .xls, a file that is not a spreadsheet at all. Each cell keeps what
Excel shows: a formula's last calculated value (a formula never calculated is reported
at its cell), a date as a date, text as text.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..parallel import share_out
from ..problems import Problem

Value = str | int | float | bool | date | datetime | time | timedelta | None
"""A cell's value as read: text, a number, a yes/no, a date (or a time), or nothing."""
Cell = tuple[int, int]
"""A cell's row and column, both 1-based, as Excel numbers them."""

MAX_BYTES = 50 * 1024 * 1024
"""A tracker is a few hundred kilobytes; 10,000 rows are a few megabytes."""
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def _no_fill(row: int, column: int) -> str | None:
    return None


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Book:
    """The sheets of a workbook, or the one sheet of a CSV file (named after the file)."""

    path: Path
    sheets: tuple[Sheet, ...]
    notes: tuple[str, ...] = ()
    """What the reading says about the file: its encoding, its formulas."""


def read_book(path: Path) -> Book | Problem:
    """The spreadsheet at `path`, or the problem that stops it being read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _unreadable(path, f"the file is {size:,} bytes; lcspr reads up to {MAX_BYTES:,}")
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        return _unreadable(path, f"cannot read the file: {error.strerror or error}")
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: .xls, or encrypted
        return _compound_file(path)
    if head.startswith(b"PK\x03\x04"):
        return _read_zip(path)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return _unreadable(path, f"the file is not a spreadsheet, though its name ends {suffix}")
    return _read_csv(path)


def _unreadable(path: Path, message: str, hint: str = "") -> Problem:
    return Problem.of(
        "unreadable-file",
        message,
        path,
        hint=hint or "export the tracker from Excel as an Excel Workbook (.xlsx) or CSV (.csv)",
    )


def _compound_file(path: Path) -> Problem:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _unreadable(
            path,
            "the workbook is protected with a password, so it cannot be read",
            "in Excel, File > Info > Protect Workbook > Encrypt with Password: clear the "
            "password, save a copy, and import the copy",
        )
    return _unreadable(
        path,
        "the file is an Excel 97-2003 workbook (.xls), which lcspr does not read",
        "open it in Excel and save it as an Excel Workbook (.xlsx)",
    )


def _read_zip(path: Path) -> Book | Problem:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                return _unreadable(
                    path,
                    "the file is an OpenDocument spreadsheet (.ods), which lcspr does not read",
                    "open it and save it as an Excel Workbook (.xlsx)",
                )
            if "xl/workbook.xml" not in names:
                return _unreadable(path, "the file is a zip archive, not an Excel workbook")
            parts = [
                info
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            ]
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError) as error:
        return _unreadable(path, f"the workbook is damaged and cannot be read ({error})")
    return _read_xlsx(path, parts)


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


PARALLEL_FROM = 1024 * 1024
"""Sheets of fewer bytes (some 1,500 rows) are read in one process: starting a helper,
which opens the workbook again, would cost more."""


def _read_xlsx(path: Path, parts: Sequence[zipfile.ZipInfo]) -> Book | Problem:
    """The workbook's values, read as a stream (twice as fast as openpyxl's full reading,
    which a fill colour alone needs: it is read only when asked for), the sheets shared
    between every core when there are many rows."""
    try:
        with warnings.catch_warnings():  # openpyxl warns of features it skips
            warnings.simplefilter("ignore")
            worth_it = sum(part.file_size for part in parts) >= PARALLEL_FROM
            read = share_out(
                functools.partial(_read_sheets, path),
                range(len(parts)),
                worth_it=worth_it,
            )
            formulas = _formula_cells(path) if any(sheet[-1] for sheet in read) else {}
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        return _unreadable(
            path, f"the workbook cannot be read ({type(error).__name__}: {error})".strip()
        )
    sheets = []
    calculated = 0
    fills = _Fills(path)
    for name, rows, merged, hidden, _ in read:
        in_sheet = formulas.get(name, frozenset())
        unset = frozenset(c for c in in_sheet if _at(rows, c) is None)
        calculated += len(in_sheet) - len(unset)
        fill = functools.partial(fills.colour, name)
        sheets.append(Sheet(name, rows, merged, unset, hidden, fill))
    notes: tuple[str, ...] = ()
    if calculated:
        notes = (
            f"{calculated} cell{'s' if calculated != 1 else ''} hold formulas: the values "
            "Excel last calculated for them are imported",
        )
    return Book(path, tuple(sheets), notes)


SheetValues = tuple[str, list[list[Value]], dict[Cell, Cell], bool, bool]
"""A sheet's name, rows and merged cells, whether it is hidden, and whether it holds a
formula."""


def _read_sheets(path: Path, wanted: Sequence[int]) -> list[SheetValues]:
    """The sheets at the positions `wanted` (of those the archive holds: a workbook may
    hold a part it does not use), from the workbook opened here."""
    import openpyxl  # only for a workbook: other commands never import it

    with warnings.catch_warnings(), zipfile.ZipFile(path) as archive:
        warnings.simplefilter("ignore")  # openpyxl warns of features it skips
        workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)
        try:
            worksheets = workbook.worksheets
            return [_read_sheet(archive, worksheets[i]) for i in wanted if i < len(worksheets)]
        finally:
            workbook.close()


def _read_sheet(archive: zipfile.ZipFile, worksheet: Any) -> SheetValues:
    rows = [
        row if all(type(v) in _PLAIN_TYPES for v in row) else [_plain(v) for v in row]
        for row in map(list, worksheet.iter_rows(values_only=True))
    ]
    hidden = worksheet.sheet_state != "visible"
    part = getattr(worksheet, "_worksheet_path", None)  # a streamed sheet's own part
    xml = archive.read(part) if part else b""  # what openpyxl's values do not say
    formula = _FORMULA.search(xml) is not None
    return worksheet.title, _trimmed(rows), _merged(xml), hidden, formula


_PLAIN = (str, int, float, bool, date, datetime, time, timedelta, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)


def _plain(value: object) -> Value:
    """A cell's value as one of the kinds lcspr reads (rich text as its text, a decimal as
    a number; a formula object, which only a formula's own reading gives, as nothing)."""
    if isinstance(value, _PLAIN):
        return value
    if type(value).__name__ == "Decimal":
        return float(str(value))
    if type(value).__name__ == "CellRichText":
        return str(value)
    return None


def _formula_cells(path: Path) -> dict[str, frozenset[Cell]]:
    """The cells of each sheet that hold a formula."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    found: dict[str, frozenset[Cell]] = {}
    try:
        for worksheet in workbook.worksheets:
            cells = set()
            for row_number, row in enumerate(worksheet.iter_rows(values_only=True), 1):
                for column, value in enumerate(row, 1):
                    if _is_formula(value):
                        cells.add((row_number, column))
            found[worksheet.title] = frozenset(cells)
    finally:
        workbook.close()
    return found


def _is_formula(value: Any) -> bool:
    if isinstance(value, str):
        return value.startswith("=")
    return type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _at(rows: Sequence[Sequence[Value]], cell: Cell) -> Value:
    row, column = cell
    if row > len(rows) or column > len(rows[row - 1]):
        return None
    return rows[row - 1][column - 1]


def _trimmed(rows: list[list[Value]]) -> list[list[Value]]:
    """Without the empty rows at the end (formatting often reaches far below the data)."""
    end = len(rows)
    while end and all(value is None or value == "" for value in rows[end - 1]):
        end -= 1
    return rows[:end]


_MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")


def _merged(xml: bytes) -> dict[Cell, Cell]:
    """Cells merged down a column (in a sheet's XML) read as the first: a recommendation
    merged over the rows of its actions. A range merged across columns keeps its value in
    its first column only, so that text merged over the next column is not read as that
    column's too."""
    from openpyxl.utils.cell import range_boundaries

    merged: dict[Cell, Cell] = {}
    for cells in _MERGED.findall(xml):
        first_column, first_row, _, last_row = range_boundaries(cells.decode())
        if first_column is None or first_row is None or last_row is None:
            continue
        for row in range(first_row + 1, last_row + 1):
            merged[(row, first_column)] = (first_row, first_column)
    return merged


class _Fills:
    """The fill colours of a workbook's cells, read (all at once) when first asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.workbook: Any = None

    def colour(self, sheet: str, row: int, column: int) -> str | None:
        if self.workbook is None:
            import openpyxl

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.workbook = openpyxl.load_workbook(self.path)
        worksheet = self.workbook[sheet]
        if row > worksheet.max_row or column > worksheet.max_column:
            return None
        pattern = worksheet.cell(row=row, column=column).fill
        if getattr(pattern, "fill_type", None) != "solid":
            return None
        return _colour(pattern.fgColor)


def _colour(colour: Any) -> str | None:
    """A fill's colour as RRGGBB: given as such, or as one of Excel's indexed colours (a
    theme colour depends on the theme, and is not read)."""
    from openpyxl.styles.colors import COLOR_INDEX

    kind = getattr(colour, "type", None)
    if kind == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) >= 6:
        return str(colour.rgb)[-6:].upper()
    indexed = colour.indexed if kind == "indexed" else None
    if isinstance(indexed, int) and 0 <= indexed < len(COLOR_INDEX):
        return str(COLOR_INDEX[indexed])[-6:].upper()
    return None


# --- CSV -----------------------------------------------------------------------------


def _read_csv(path: Path) -> Book | Problem:
    raw = path.read_bytes()
    decoded = _decode(raw)
    if decoded is None:
        return _unreadable(path, "the file is not a spreadsheet lcspr reads, nor CSV text")
    text, encoding = decoded
    if not text.strip():
        return Problem.of(
            "empty-file",
            "the file is empty",
            path,
            hint="export the tracker again, with its heading row and its rows",
        )
    delimiter = _delimiter(text)
    try:
        rows: list[list[Value]] = [
            [cell if cell.strip() else None for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        return _unreadable(path, f"the CSV file cannot be read: {error}")
    notes = (f"read as {encoding} text, with the columns separated by {_NAMES[delimiter]}",)
    return Book(path, (Sheet(path.stem, _trimmed(rows)),), notes)


_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _decode(raw: bytes) -> tuple[str, str] | None:
    """The text, and the encoding it was read in; None for binary data."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw:
        return None
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw.decode("utf-8-sig"), "UTF-8"
        except UnicodeDecodeError:
            return None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    return (text, "Windows-1252") if controls * 100 < len(text) else None


def _delimiter(text: str) -> str:
    """The separator of the first line: commas, or the semicolons or tabs of some exports."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {mark: first.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","

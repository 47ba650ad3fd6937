"""Read an Excel workbook (.xlsx, with openpyxl) into sheets of values, each as Excel shows
it: a formula's last calculated value (a formula never calculated is reported at its
cell), a date as a date, text as text; merged cells, hidden sheets and, when asked for,
fill colours. A large workbook's sheets are read on every core."""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import warnings
import zipfile
from collections.abc import Callable, Generator, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar

from ..parallel import share_out
from ..problems import Problem
from .sheet import Cell, Sheet, Value, trimmed, unreadable

R = TypeVar("R")


def read_zip(
    path: Path, work: Callable[[Sheet], R], shared: bool
) -> tuple[list[R], tuple[str, ...]] | Problem:
    """`read.read_each` of a zip archive: an Excel workbook, or the problem it is not."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                return unreadable(
                    path,
                    "the file is an OpenDocument spreadsheet (.ods), which lcspr does not read",
                    "open it and save it as an Excel Workbook (.xlsx)",
                )
            if "xl/workbook.xml" not in names:
                return unreadable(path, "the file is a zip archive, not an Excel workbook")
            parts = [
                info
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            ]
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError) as error:
        return unreadable(path, f"the workbook is damaged and cannot be read ({error})")
    return _read_xlsx(path, parts, work, shared)


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


PARALLEL_FROM = 1024 * 1024
"""Sheets of fewer bytes (some 1,500 rows) are read in one process: starting a helper,
which opens the workbook again, would cost more."""


def _read_xlsx(
    path: Path, parts: Sequence[zipfile.ZipInfo], work: Callable[[Sheet], R], shared: bool
) -> tuple[list[R], tuple[str, ...]] | Problem:
    """`work` on each of the workbook's sheets, read as a stream (twice as fast as
    openpyxl's full reading, which a fill colour alone needs: it is read only when asked
    for), the sheets shared between every core when there are many rows."""
    worth_it = shared and sum(part.file_size for part in parts) >= PARALLEL_FROM
    read = share_out(
        functools.partial(_read_sheets, path, work), range(len(parts)), worth_it=worth_it
    )
    done: list[R] = []
    calculated = 0
    for sheet in read:
        if isinstance(sheet, str):
            return unreadable(path, f"the workbook cannot be read ({sheet})".strip())
        done.append(sheet[0])
        calculated += sheet[1]
    notes: tuple[str, ...] = ()
    if calculated:
        notes = (
            f"{calculated} cell{'s' if calculated != 1 else ''} hold formulas: the values "
            "Excel last calculated for them are imported",
        )
    return done, notes


def _read_sheets(
    path: Path, work: Callable[[Sheet], R], wanted: Sequence[int]
) -> list[tuple[R, int] | str]:
    """`work` on each sheet at the positions `wanted` (of those the archive holds: a
    workbook may hold a part it does not use) as it is read, from the workbook opened
    here, with how many of its formulas were calculated; or, for each, why the workbook
    cannot be read."""
    done: list[tuple[R, int] | str] = []
    with warnings.catch_warnings(), contextlib.closing(_sheets(path, wanted)) as sheets:
        warnings.simplefilter("ignore")  # openpyxl warns of features it skips
        while True:
            try:
                sheet, calculated = next(sheets)
            except StopIteration:
                return done
            except Exception as error:  # openpyxl raises many kinds on a damaged file
                return [f"{type(error).__name__}: {error}"] * len(wanted)
            done.append((work(sheet), calculated))  # its own errors are not the file's


def _sheets(path: Path, wanted: Sequence[int]) -> Generator[tuple[Sheet, int], None, None]:
    fills = _Fills(path)
    formulas = _Formulas(path)
    with zipfile.ZipFile(path) as archive:
        workbook = _opened(path, values=True)
        try:
            worksheets = workbook.worksheets
            for i in wanted:
                if i < len(worksheets):
                    yield _read_sheet(archive, worksheets[i], formulas, fills)
        finally:
            workbook.close()
            formulas.close()


def _opened(path: Path, *, values: bool) -> Any:
    """The workbook, opened to be read (its values, or its formulas), without what opening
    it leaves behind. openpyxl reads where each sheet's cells end by starting to parse the
    sheet and leaving the parser half-way: a reference cycle (xml.etree's iterparse) that
    holds the cells parsed so far, which only the cyclic garbage collector frees, and
    lcspr runs without it (`cli.app.main`). It is run here, on what opening the workbook
    made alone: it freed 150 MB of an import of 50,000 rows, in 0.2 s on each core."""
    import openpyxl  # only for a workbook: other commands never import it

    gc.freeze()  # what there was before is not looked at
    try:
        workbook = openpyxl.load_workbook(path, data_only=values, read_only=True)
        gc.collect()
    finally:
        gc.unfreeze()
    return workbook


def _read_sheet(
    archive: zipfile.ZipFile, worksheet: Any, formulas: _Formulas, fills: _Fills
) -> tuple[Sheet, int]:
    rows = trimmed(
        [
            row if all(type(v) in _PLAIN_TYPES for v in row) else [_plain(v) for v in row]
            for row in map(list, worksheet.iter_rows(values_only=True))
        ]
    )
    name = worksheet.title
    part = getattr(worksheet, "_worksheet_path", None)  # a streamed sheet's own part
    xml = archive.read(part) if part else b""  # what openpyxl's values do not say
    in_sheet = formulas.cells(name) if _FORMULA.search(xml) else frozenset()
    unset = frozenset(c for c in in_sheet if _at(rows, c) is None)
    hidden = worksheet.sheet_state != "visible"
    fill = functools.partial(fills.colour, name)
    return Sheet(name, rows, _merged(xml), unset, hidden, fill), len(in_sheet) - len(unset)


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


class _Formulas:
    """The cells of a workbook's sheets that hold a formula, read (opening the workbook a
    second time, for its formulas rather than their values) when first asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.workbook: Any = None

    def cells(self, sheet: str) -> frozenset[Cell]:
        if self.workbook is None:
            self.workbook = _opened(self.path, values=False)
        found = set()
        for row_number, row in enumerate(self.workbook[sheet].iter_rows(values_only=True), 1):
            for column, value in enumerate(row, 1):
                if _is_formula(value):
                    found.add((row_number, column))
        return frozenset(found)

    def close(self) -> None:
        if self.workbook is not None:
            self.workbook.close()


def _is_formula(value: Any) -> bool:
    if isinstance(value, str):
        return value.startswith("=")
    return type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _at(rows: Sequence[Sequence[Value]], cell: Cell) -> Value:
    row, column = cell
    if row > len(rows) or column > len(rows[row - 1]):
        return None
    return rows[row - 1][column - 1]


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

    def __getstate__(self) -> dict[str, Any]:  # a sheet from a helper: read again if asked
        return {"path": self.path, "workbook": None}

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

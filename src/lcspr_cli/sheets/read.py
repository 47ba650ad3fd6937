"""Read a spreadsheet, the front door of `sheets`: an Excel workbook (`workbook`, with
openpyxl) or a CSV file (here, with the standard library: UTF-8 with or without a
byte-order mark, UTF-16 as Excel's "Unicode text", or Windows-1252 as Excel writes CSV
files).

Every failure is a problem on the file, never an exception: a password-protected
workbook, an old .xls, a file that is not a spreadsheet at all.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..problems import Problem
from .sheet import Book, Sheet, Value, trimmed, unreadable
from .workbook import read_zip

R = TypeVar("R")

MAX_BYTES = 50 * 1024 * 1024
"""A tracker is a few hundred kilobytes; 10,000 rows are a few megabytes."""


def read_book(path: Path) -> Book | Problem:
    """The spreadsheet at `path`, or the problem that stops it being read."""
    read = read_each(path, _kept)
    if isinstance(read, Problem):
        return read
    sheets, notes = read
    return Book(path, tuple(sheets), notes)


def _kept(sheet: Sheet) -> Sheet:
    return sheet


def read_each(
    path: Path, work: Callable[[Sheet], R], *, shared: bool = True
) -> tuple[list[R], tuple[str, ...]] | Problem:
    """`work` done on each sheet of the spreadsheet at `path`, in the order of the sheets,
    and what the reading says about the file (its encoding, its formulas); or the problem
    that stops it being read.

    Each sheet is worked on in the process that read it: a large workbook's sheets are
    read on every core, unless not `shared` (work that needs what it did on the sheets
    before). Only `work`'s results come back from a helper, not the sheets' cells."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return unreadable(path, f"the file is {size:,} bytes; lcspr reads up to {MAX_BYTES:,}")
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        return unreadable(path, f"cannot read the file: {error.strerror or error}")
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: .xls, or encrypted
        return _compound_file(path)
    if head.startswith(b"PK\x03\x04"):
        return read_zip(path, work, shared)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return unreadable(path, f"the file is not a spreadsheet, though its name ends {suffix}")
    read = _read_csv(path)
    if isinstance(read, Problem):
        return read
    sheet, notes = read
    return [work(sheet)], notes


def _compound_file(path: Path) -> Problem:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return unreadable(
            path,
            "the workbook is protected with a password, so it cannot be read",
            "in Excel, File > Info > Protect Workbook > Encrypt with Password: clear the "
            "password, save a copy, and import the copy",
        )
    return unreadable(
        path,
        "the file is an Excel 97-2003 workbook (.xls), which lcspr does not read",
        "open it in Excel and save it as an Excel Workbook (.xlsx)",
    )


# --- CSV -----------------------------------------------------------------------------


def _read_csv(path: Path) -> tuple[Sheet, tuple[str, ...]] | Problem:
    raw = path.read_bytes()
    decoded = _decode(raw)
    if decoded is None:
        return unreadable(path, "the file is not a spreadsheet lcspr reads, nor CSV text")
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
        return unreadable(path, f"the CSV file cannot be read: {error}")
    notes = (f"read as {encoding} text, with the columns separated by {_NAMES[delimiter]}",)
    return Sheet(path.stem, trimmed(rows)), notes


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

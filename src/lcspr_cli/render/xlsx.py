"""Write an Excel workbook (.xlsx) with XlsxWriter: sheets of rows, a frozen and filtered
heading row, fitted column widths, dates shown day-first, and RAG cells filled in their
colour.

XlsxWriter rather than openpyxl's writer: openpyxl spends some 10 microseconds on each
cell, so the export of 10,000 recommendations (50,000 rows) took 14 s, most of the
export's budget of three times `lcspr check`. openpyxl still reads workbooks (`lcspr
import`, the tests).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from io import BytesIO
from typing import Any

from msgspec import Struct, field

CREATOR = "lcspr"
"""The workbook's author, which tells an export lcspr may replace (`written_by_lcspr`)."""
MAX_TEXT = 32767
"""The most characters a cell holds in Excel."""

HEADER, DATE, WRAP, TOP, TITLE = "header", "date", "wrap", "top", "title"
RAG_STYLES = {"red": "red", "amber": "amber", "green": "green", "blue": "blue", "grey": "grey"}
_FORMATS: dict[str, dict[str, Any]] = {
    HEADER: {"bold": True, "bg_color": "#D9D9D9", "text_wrap": True, "valign": "top"},
    DATE: {"num_format": "dd/mm/yyyy", "valign": "top"},
    WRAP: {"text_wrap": True, "valign": "top"},
    TOP: {"valign": "top"},
    TITLE: {"bold": True, "font_size": 14},
    "red": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#C00000", "valign": "top"},
    "amber": {"bold": True, "bg_color": "#FFC000", "valign": "top"},
    "green": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#00B050", "valign": "top"},
    "blue": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#0070C0", "valign": "top"},
    "grey": {"bold": True, "bg_color": "#BFBFBF", "valign": "top"},
}


class SheetData(Struct):
    name: str
    rows: Sequence[Sequence[Any]]
    """Text, numbers, dates or None; the first row is the heading row when `table`."""
    widths: Sequence[float] = ()
    wrap: frozenset[int] = frozenset()
    """Columns (0-based) whose text wraps."""
    rag: frozenset[int] = frozenset()
    """Columns (0-based) of RAG words, filled in their colour."""
    table: bool = True
    """A heading row, frozen and filtered."""
    styles: Mapping[tuple[int, int], str] = field(default_factory=dict)
    """A style for single cells (row, column, both 0-based), such as a title."""


def column_name(index: int) -> str:
    """A 0-based column's letters: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(text: str) -> str:
    """Text a cell can hold: a control character, which XML cannot, becomes a space."""
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 40] + " [cut: longer than a cell holds in Excel]"
    return _CONTROL.sub(" ", text)


# long: one loop over every cell, kept flat because it runs 50,000 rows by 24 columns
def workbook(sheets: Sequence[SheetData], created: date) -> bytes:
    """The .xlsx file of `sheets`, dated `created` (so that the same data gives the same
    bytes)."""
    import xlsxwriter  # only when a workbook is written

    stream = BytesIO()
    options = {
        # Every cell is kept until the end (in_memory turns constant_memory off): writing
        # each row out as it comes, to files, took a third less memory at 50,000 rows but
        # some 15% more time (its strings inline, not shared: more to compress)
        "in_memory": True,
        "strings_to_formulas": False,  # text is text: "=1+1" in a note stays as written
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    book = xlsxwriter.Workbook(stream, options)
    book.set_properties({"author": CREATOR, "created": datetime(*created.timetuple()[:3])})
    formats = {name: book.add_format(spec) for name, spec in _FORMATS.items()}
    for sheet in sheets:
        page = book.add_worksheet(sheet.name)
        for column, width in enumerate(sheet.widths):
            page.set_column(column, column, width)
        if sheet.table:
            page.freeze_panes(1, 0)
            if sheet.rows:
                page.autofilter(0, 0, len(sheet.rows) - 1, max(len(sheet.rows[0]) - 1, 0))
        styles = sheet.styles
        for r, row in enumerate(sheet.rows):
            heading = sheet.table and r == 0
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                style = styles.get((r, c), HEADER if heading else "")
                if isinstance(value, str):
                    if not style:
                        if c in sheet.rag:
                            style = RAG_STYLES.get(value.lower(), TOP)
                        else:
                            style = WRAP if c in sheet.wrap else TOP
                    page.write_string(r, c, _text(value), formats[style])
                elif isinstance(value, date):
                    day = datetime(value.year, value.month, value.day)
                    page.write_datetime(r, c, day, formats[style or DATE])
                else:
                    page.write_number(r, c, value, formats[style or TOP])
    book.close()
    return stream.getvalue()


def written_by_lcspr(data: bytes) -> bool:
    """Whether a workbook was written by lcspr and not saved since by anyone else (Excel
    records who saved it last)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    mark = f">{CREATOR}</"
    return f"<dc:creator{mark}" in core and (
        "lastModifiedBy" not in core or f"<cp:lastModifiedBy{mark}" in core
    )

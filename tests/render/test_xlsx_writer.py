"""lcspr's workbook writer (XlsxWriter): what it writes reads back in openpyxl exactly,
text that XML cannot hold included, and the parts every workbook needs are there."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from io import BytesIO
from xml.etree import ElementTree

import openpyxl

from lcspr_cli.render.xlsx import SheetData, column_name, workbook, written_by_lcspr

AWKWARD = [
    "plain",
    "  spaces at both ends  ",
    "a & b < c > d",
    "line one\nline two",
    "a bell \x07 and a form feed \x0c",
    "non-ASCII: café, £, “quotes”, ✓",
]


def test_what_is_written_reads_back(tmp_path: object) -> None:
    rows: list[list[object]] = [["Text", "Number", "Day", "RAG"]]
    rows += [[t, 3, date(2025, 3, 31), "Red"] for t in AWKWARD]
    data = workbook(
        [
            SheetData("Summary", [["Title"]], table=False),
            SheetData("R-1 (x)", rows, [30, 8, 12, 8], rag=frozenset({3})),
        ],
        date(2026, 1, 1),
    )
    book = openpyxl.load_workbook(BytesIO(data))
    sheet = book.worksheets[1]
    read = [row for row in sheet.iter_rows(values_only=True)]
    shown = [text.replace("\x07", " ").replace("\x0c", " ") for text in AWKWARD]
    assert [row[0] for row in read[1:]] == shown
    assert read[1][1:] == (3, datetime(2025, 3, 31), "Red")
    assert sheet["C2"].number_format == "dd/mm/yyyy"
    assert sheet["D2"].fill.fgColor.rgb == "FFC00000"
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D7"
    assert 30 <= sheet.column_dimensions["A"].width < 31  # 30 characters, as Excel pads
    assert book.worksheets[0].freeze_panes is None
    assert written_by_lcspr(data)


def test_every_part_is_well_formed_and_declared() -> None:
    data = workbook([SheetData("A", [["x"], [1]])], date(2026, 1, 1))
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        for name in names:
            ElementTree.fromstring(archive.read(name))
            if not name.endswith(".rels") and name != "[Content_Types].xml":
                assert f'PartName="/{name}"' in types, name
    assert names[0] == "[Content_Types].xml"


def test_text_like_excels_own_escape_is_escaped() -> None:
    data = workbook([SheetData("A", [["x"], ["code _x0041_ here"]])], date(2026, 1, 1))
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert b"_x005F_x0041_" in b"".join(archive.read(n) for n in archive.namelist())
    sheet = openpyxl.load_workbook(BytesIO(data)).worksheets[0]
    assert sheet["A2"].value == "code _x0041_ here"


def test_the_same_data_gives_the_same_bytes() -> None:
    sheets = [SheetData("A", [["x"], ["y"]])]
    assert workbook(sheets, date(2026, 1, 1)) == workbook(sheets, date(2026, 1, 1))


def test_column_names() -> None:
    assert [column_name(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]

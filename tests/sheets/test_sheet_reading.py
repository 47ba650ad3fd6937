"""Spreadsheets read into rows: CSV in the encodings and separators Excel writes, workbooks
with merged cells and formulas, and every file that is not one, as a problem."""

from __future__ import annotations

import gc
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from lcspr_cli import parallel
from lcspr_cli.problems import Problem
from lcspr_cli.sheets import workbook
from lcspr_cli.sheets.read import read_book
from lcspr_cli.sheets.sheet import Book


def _book(path: Path) -> Book:
    book = read_book(path)
    assert isinstance(book, Book), book
    return book


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (
            "No.;Recommendation\r\n1;Café\r\n".encode("utf-16"),
            "UTF-16 text, with the columns separated by semicolons",
        ),
        (
            "No.\tRecommendation\n1\tCafé\n".encode(),
            "UTF-8 text, with the columns separated by tabs",
        ),
        ("No.,Recommendation\n1,Café\n".encode("cp1252"), "Windows-1252 text"),
    ],
)
def test_csv_in_the_encodings_and_separators_excel_writes(
    tmp_path: Path, raw: bytes, said: str
) -> None:
    (tmp_path / "t.csv").write_bytes(raw)
    book = _book(tmp_path / "t.csv")
    assert [list(row) for row in book.sheets[0].rows] == [["No.", "Recommendation"], ["1", "Café"]]
    assert book.sheets[0].name == "t"
    assert said in book.notes[0]


def test_a_merged_cell_reads_as_its_first_cell_down_its_column_only(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Recommendation", "Action"])
    sheet.append(["Text", None])
    sheet.append([None, "Two"])
    sheet.merge_cells("A2:B3")
    book.save(tmp_path / "t.xlsx")
    read = _book(tmp_path / "t.xlsx").sheets[0]
    assert [read.value(3, 1), read.value(2, 2), read.value(3, 2)] == ["Text", None, None]


def test_a_formula_reads_as_the_value_excel_last_calculated(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "=1+1"
    sheet["B1"] = "=1+2"
    book.save(tmp_path / "t.xlsx")
    # Excel keeps a formula's value beside it; openpyxl writes none, so put one in as Excel would
    with zipfile.ZipFile(tmp_path / "t.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace(
        b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>"
    )
    assert parts["xl/worksheets/sheet1.xml"] != sheet_xml
    with zipfile.ZipFile(tmp_path / "t.xlsx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    read = _book(tmp_path / "t.xlsx")
    assert read.sheets[0].value(1, 1) == 2
    assert read.sheets[0].unset_formulas == frozenset({(1, 2)})
    assert "1 cell hold formulas" in read.notes[0]


@pytest.mark.parametrize(
    ("name", "raw", "said"),
    [
        ("t.xlsx", b"PK\x03\x04not really a zip", "damaged"),
        ("t.ods", b"PK\x03\x04", "damaged"),
        ("t.csv", b"\x00\x01\x02binary", "nor CSV text"),
    ],
)
def test_what_cannot_be_read_is_a_problem(tmp_path: Path, name: str, raw: bytes, said: str) -> None:
    (tmp_path / name).write_bytes(raw)
    problem = read_book(tmp_path / name)
    assert isinstance(problem, Problem)
    assert problem.code == "unreadable-file" and said in problem.message


def test_a_zip_that_is_not_a_workbook_is_a_problem(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "t.xlsx", "w") as archive:
        archive.writestr("readme.txt", "hello")
    problem = read_book(tmp_path / "t.xlsx")
    assert isinstance(problem, Problem) and "not an Excel workbook" in problem.message


def test_sheets_read_in_helper_processes_read_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for number in range(1, 6):
        sheet = book.create_sheet(f"R{number}")
        sheet.append(["No.", "Recommendation", "Action", "Target date"])
        for row in range(number * 3):
            sheet.append([row // 2 + 1, f"Text {number}.{row}", f"Action {row}", 45000 + row])
        sheet.merge_cells("B2:B3")
        sheet["A2"].fill = PatternFill("solid", fgColor="FFFF0000")
    book.worksheets[2].sheet_state = "hidden"
    book.save(tmp_path / "t.xlsx")
    alone = _book(tmp_path / "t.xlsx")
    monkeypatch.setattr(workbook, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    shared = _book(tmp_path / "t.xlsx")
    assert shared.sheets == alone.sheets
    assert [s.name for s in shared.sheets] == ["R1", "R2", "R3", "R4", "R5"]
    assert shared.sheets[2].hidden and shared.sheets[4].merged == {(3, 2): (2, 2)}
    assert shared.sheets[4].fill(2, 1) == "FF0000"  # read from the workbook when asked


def test_opening_a_workbook_leaves_none_of_its_cells_behind(tmp_path: Path) -> None:
    """lcspr runs without the cyclic garbage collector: a reference cycle left by reading
    a workbook would keep what it holds for the rest of the run."""
    book = openpyxl.Workbook()
    for number in range(3):
        sheet = book.create_sheet(f"R{number}")
        for row in range(500):
            sheet.append([row, f"Recommendation {row}", f"Action {row}", 45000 + row])
    book.save(tmp_path / "t.xlsx")
    gc.disable()
    try:
        gc.collect()
        _book(tmp_path / "t.xlsx")
        left = sum(isinstance(o, ElementTree.Element) for o in gc.get_objects())
    finally:
        gc.enable()
    assert left == 0

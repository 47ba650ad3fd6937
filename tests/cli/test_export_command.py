"""`lcspr export` through the CLI: a workbook an agency lead can filter, a CSV Excel opens
right, an existing file replaced only if lcspr wrote it, and an export that imports back
as records that report the same."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from conftest import SAMPLES
from lcspr_cli.cli import app

LEO_DAY = "2026-11-26"


def run(*args: str, today: str = LEO_DAY) -> Result:
    env = {"NO_COLOR": "1", "LCSPR_TODAY": today, "LCSPR_DATA": "", "COLUMNS": "200"}
    return CliRunner().invoke(app, list(args), env=env)


def test_the_workbook_has_a_sheet_per_review_and_a_summary(
    bundled_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "leo.xlsx"
    result = run("export", "--data", str(bundled_data), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Wrote {out}: 27 rows (12 recommendations, 27 actions), as of 26 November 2026.\n"
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "LEO"]
    sheet = book["LEO"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Y28"
    headings = [cell.value for cell in sheet[1]]
    assert headings[:11] == [
        "ID",
        "No.",
        "Recommendation",
        "Action",
        "Lead agency",
        "Lead officer",
        "Supporting agencies",
        "Target date",
        "Revised target date",
        "Status",
        "RAG",
    ]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    late = rows["LEO-3.3"]
    assert late[headings.index("Target date")].value == datetime(2025, 12, 31)
    assert late[headings.index("Target date")].number_format == "dd/mm/yyyy"
    rag = late[headings.index("RAG")]
    assert (rag.value, rag.fill.fgColor.rgb) == ("Red", "FFC00000")
    assert late[headings.index("RAG reason")].value == "overdue by 330 days"
    assert late[headings.index("Lead agency")].value == "Cumberland Council"
    assert rows["LEO-1.1"][headings.index("RAG")].fill.fgColor.rgb == "FF0070C0"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width > 8
    summary = [row for row in book["Summary"].iter_rows(values_only=True)]
    assert summary[0][0] == "Status as of 26 November 2026"
    assert summary[4][:2] == ("Red", 7)
    assert summary[-1] == ("LEO", 12, 27, 7, 1, 2, 2, 0)


def test_an_agency_lead_gets_only_what_their_agency_owns(
    bundled_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "icb.xlsx"
    result = run("export", "--data", str(bundled_data), "-o", str(out), "--owner", "nenc-icb")
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["LEO"]
    owners = {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert owners == {"NHS North East and North Cumbria Integrated Care Board"}
    assert (
        run("export", "--data", str(bundled_data), "-o", str(out), "--owner", "nenc-ibc").exit_code
        == 2
    )


def test_csv_is_utf8_with_a_byte_order_mark(bundled_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "leo.csv"
    assert run("export", "--data", str(bundled_data), "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfID,No.,Recommendation,Action,Lead agency")
    assert b"\r\n" in raw
    assert "Children's Services" in raw.decode("utf-8-sig")


def test_a_file_lcspr_did_not_write_is_never_replaced(bundled_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "tracker.xlsx"
    out.write_bytes(b"the partnership's own tracker")
    result = run("export", "--data", str(bundled_data), "-o", str(out))
    assert result.exit_code == 1
    assert "exists and was not written by lcspr" in result.stderr
    assert out.read_bytes() == b"the partnership's own tracker"
    assert run("export", "--data", str(bundled_data), "-o", str(out), "--force").exit_code == 0
    again = run("export", "--data", str(bundled_data), "-o", str(out), today="2026-12-01")
    assert again.exit_code == 0, again.output


def test_an_export_saved_since_in_excel_is_not_replaced(bundled_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "leo.xlsx"
    assert run("export", "--data", str(bundled_data), "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        b"<cp:lastModifiedBy>lcspr<", b"<cp:lastModifiedBy>Agency lead<"
    )
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run("export", "--data", str(bundled_data), "-o", str(out))
    assert result.exit_code == 1
    assert "or was changed since" in result.stderr


def test_files_with_errors_are_named_and_their_recommendations_left_out(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLES / "reports", data)
    (data / "recommendations/R/R-3.yaml").write_text("id: [broken\n")
    out = tmp_path / "tracker.csv"
    result = run("export", "--data", str(data), "-o", str(out), "--no-cache")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"Wrote {out}: ")
    assert "files with errors:" in result.stderr and "Left out of the export:" in result.stderr
    assert result.stderr.count("R-3.yaml") == 2
    ids = {line.split(",")[0] for line in out.read_text("utf-8-sig").splitlines()[1:]}
    assert "R-1.1" in ids and not any(i.startswith("R-3") for i in ids)


def test_a_wrong_kind_of_output_is_a_usage_error(bundled_data: Path, tmp_path: Path) -> None:
    result = run("export", "--data", str(bundled_data), "-o", str(tmp_path / "x.ods"))
    assert (result.exit_code, "lcspr exports FILE.xlsx or FILE.csv" in result.stderr) == (2, True)


def _reports(folder: Path) -> dict[str, object]:
    """What every report says of a folder, without the files and lines it names."""
    said: dict[str, object] = {}
    for command in ("status", "overdue", "unowned", "missing-evidence", "agencies"):
        result = run(command, "--data", str(folder), "--format", "json", "--no-cache")
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)
        for row in found.get("recommendations", found.get("items", [])):
            row.pop("file", None)
            row.pop("line", None)
        said[command] = found
    return said


@pytest.mark.parametrize("kind", [".xlsx", ".csv"])
@pytest.mark.parametrize("sample", ["bundled", "reports"])
def test_an_export_imports_back_as_records_that_report_the_same(
    bundled_data: Path, tmp_path: Path, kind: str, sample: str
) -> None:
    source = bundled_data
    if sample == "reports":
        source = tmp_path / "reports"
        shutil.copytree(SAMPLES / "reports", source)
    exported = tmp_path / f"export{kind}"
    assert run("export", "--data", str(source), "-o", str(exported)).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    for name in ("agencies.yaml", "reviews.yaml", "evidence"):
        if (source / name).is_dir():
            shutil.copytree(source / name, empty / name)
        elif (source / name).exists():
            shutil.copy(source / name, empty / name)
    imported = run("import", "--data", str(empty), str(exported))
    assert imported.exit_code == 0, imported.output
    assert run("check", "--data", str(empty), "--no-cache").exit_code == 0
    assert _reports(empty) == _reports(source)

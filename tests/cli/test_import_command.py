"""`lcspr import` through the CLI: three published layouts of one tracker import as the same
records, re-running writes nothing, --update makes minimal edits, and every broken
spreadsheet is a problem at its cell, with nothing written."""

from __future__ import annotations

import difflib
import json
import shutil
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from typer.testing import CliRunner, Result

from lcspr_cli import parallel
from lcspr_cli.cli import app
from lcspr_cli.edit import imported
from lcspr_cli.load.dataset import Dataset
from lcspr_cli.problems import Problem
from lcspr_cli.sheets import workbook
from spreadsheets import LAYOUTS, TRACKER, Row, save, write_tracker

TODAY = "2025-06-01"
FOLDER = Path("recommendations/TEST")


def run(*args: str, today: str = TODAY) -> Result:
    env = {"NO_COLOR": "1", "LCSPR_TODAY": today, "LCSPR_DATA": "", "COLUMNS": "200"}
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture
def empty(data_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal sample's agencies and review, and no recommendations yet."""
    (data_folder / FOLDER / "TEST-1.yaml").unlink()
    monkeypatch.chdir(data_folder.parent)
    return data_folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / FOLDER).glob("*.yaml"))}


def status_json(folder: Path) -> object:
    result = run("status", "--data", str(folder), "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    for row in found["recommendations"]:
        del row["file"], row["line"]
    return found


@pytest.mark.parametrize("layout", ["a", "b", "c"])
def test_three_published_layouts_import_as_the_same_records(
    empty: Path, tmp_path: Path, layout: str
) -> None:
    tracker = write_tracker(tmp_path / f"tracker-{layout}.xlsx", layout)
    result = run("import", str(tracker))
    assert result.exit_code == 0, result.output
    assert "Wrote 2 files." in result.stdout
    assert run("check", "--no-cache", "--as-of", TODAY).exit_code == 0
    assert status_json(empty)["recommendations"] == [  # type: ignore[index]
        {
            "id": "TEST-1",
            "kind": "recommendation",
            "recommendation": "TEST-1",
            "owner": None,
            "title": "For the Partnership to receive assurance that all agencies...",
            "status": "in-progress",
            "rag": "red",
            "why": ["no owner"],
            "actions_total": 2,
            "actions_complete": 1,
            "next_due": "2025-09-30",
            "overdue": False,
            "unowned": True,
            "missing_evidence": False,
        },
        {
            "id": "TEST-2",
            "kind": "recommendation",
            "recommendation": "TEST-2",
            "owner": "south-council",
            "title": "For agencies to involve fathers in assessments",
            "status": "in-progress",
            "rag": "red",
            "why": ["overdue by 32 days", "action TEST-2.1 is red"],
            "actions_total": 1,
            "actions_complete": 0,
            "next_due": "2025-04-30",
            "overdue": True,
            "unowned": False,
            "missing_evidence": False,
        },
    ]
    text = (empty / FOLDER / "TEST-1.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert f"# Imported by lcspr from {tracker.name}, sheet Actions" in text
    assert "  # From sheet Actions, row" in text
    assert "held_by: north-council" in text
    second = (empty / FOLDER / "TEST-2.yaml").read_text()
    assert "revised_due: 2025-04-30" in second
    assert "revised_reason: reason not recorded in the spreadsheet  # stand-in" in second


def test_the_report_lists_columns_rag_differences_and_stand_ins(
    empty: Path, tmp_path: Path
) -> None:
    result = run("import", str(write_tracker(tmp_path / "t.xlsx", "b")))
    out = result.stdout
    assert "Not imported, headings lcspr does not know: M Comments" in out
    assert "Dates are read day-first, as in England" in out
    assert "Actions!I4  TEST-2.1: sheet said Green, lcspr says Red: overdue by 32 days" in out
    assert "Actions!I2  TEST-1.1: sheet said Green, lcspr says Blue" in out
    assert "revised date with no reason: 'reason not recorded in the spreadsheet': TEST-2.1" in out
    assert "No owner for 1 recommendation" in out


def test_a_fill_colour_is_the_rag_when_the_cell_has_no_word(empty: Path, tmp_path: Path) -> None:
    out = run("import", str(write_tracker(tmp_path / "t.xlsx", "a"))).stdout
    assert "Actions!I6  TEST-2.1: sheet said Green, lcspr says Red" in out


def test_dry_run_lists_the_files_and_writes_nothing(empty: Path, tmp_path: Path) -> None:
    result = run("import", str(write_tracker(tmp_path / "t.xlsx", "a")), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "  new        data/recommendations/TEST/TEST-1.yaml  (sheet Actions, rows 4-5)" in (
        result.stdout
    )
    assert "the import would write 2 files" in result.stderr
    assert files(empty) == {}


def test_running_again_writes_nothing_and_never_overwrites(empty: Path, tmp_path: Path) -> None:
    tracker = write_tracker(tmp_path / "t.xlsx", "a")
    assert run("import", str(tracker)).exit_code == 0
    written = files(empty)
    again = run("import", str(tracker), today="2025-06-20")
    assert again.exit_code == 0, again.output
    assert "Nothing to write." in again.stdout
    assert "2 files exist already and are left as they are" in again.stdout
    assert files(empty) == written
    assert "Nothing to write." in run("import", str(tracker), "--update").stdout
    assert files(empty) == written


def test_new_files_take_the_schema_line_of_the_files_beside_them(
    data_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_folder.parent)
    kept = data_folder / FOLDER / "TEST-1.yaml"
    line = "# yaml-language-server: $schema=../../../our-schemas/recommendation.json"
    kept.write_text(f"{line}\n{kept.read_text()}")
    result = run("import", str(write_tracker(tmp_path / "t.xlsx", "a")))
    assert result.exit_code == 0, result.output
    assert "Wrote 1 file." in result.stdout
    assert (data_folder / FOLDER / "TEST-2.yaml").read_text().startswith(line + "\n")


def test_a_file_in_the_way_is_never_overwritten(empty: Path, tmp_path: Path) -> None:
    (empty / FOLDER / "TEST-2.yaml").write_text("id: TEST-2\nnot: [finished\n")
    result = run("import", str(write_tracker(tmp_path / "t.xlsx", "a")))
    assert result.exit_code == 0, result.output
    assert "  exists     data/recommendations/TEST/TEST-2.yaml" in result.stdout
    assert (empty / FOLDER / "TEST-2.yaml").read_text() == "id: TEST-2\nnot: [finished\n"
    assert "Wrote 1 file." in result.stdout


def test_update_brings_in_changed_cells_as_minimal_edits(empty: Path, tmp_path: Path) -> None:
    assert run("import", str(write_tracker(tmp_path / "t.xlsx", "b"))).exit_code == 0
    path = empty / FOLDER / "TEST-1.yaml"
    path.write_text(path.read_text().replace("actions:\n", "actions:\n  # A hand comment.\n"))
    before = path.read_text().splitlines()
    changed = list(TRACKER)
    changed[1] = Row(
        "1",
        "",
        "Survey practitioners on early help roles.",
        "Test ICB",
        "Designated Nurse",
        date(2025, 9, 30),
        "Complete",
        "Green",
        "28/05/2025: Survey closed.",
        date(2025, 5, 28),
    )
    result = run("import", str(write_tracker(tmp_path / "t2.xlsx", "b", changed)), "--update")
    assert result.exit_code == 0, result.output
    assert "  updated    data/recommendations/TEST/TEST-1.yaml" in result.stdout
    after = path.read_text().splitlines()
    assert "  # A hand comment." in after
    changes = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changes == [
        "-    status: in-progress",
        "+    status: complete",
        "+    completed_on: 2025-05-28",
        "+    updates:",
        "+      - date: 2025-05-28",
        "+        note: Survey closed.",
    ]
    assert run("check", "--no-cache", "--as-of", TODAY).exit_code == 0


def test_a_new_row_with_update_adds_an_action(empty: Path, tmp_path: Path) -> None:
    assert run("import", str(write_tracker(tmp_path / "t.xlsx", "b"))).exit_code == 0
    more = [
        *TRACKER,
        Row(
            "2",
            "",
            "Train assessors.",
            "South Council",
            "Lead",
            date(2025, 12, 31),
            "Not started",
            "Green",
        ),
    ]
    result = run("import", str(write_tracker(tmp_path / "t2.xlsx", "b", more)), "--update")
    assert result.exit_code == 0, result.output
    text = (empty / FOLDER / "TEST-2.yaml").read_text()
    assert "  - id: TEST-2.2\n    action: Train assessors.\n    owner: south-council" in text


def _broken(path: Path, cell: str, value: str) -> Path:
    """Layout b, with one cell changed (a cell of its second data row, say E3)."""
    write_tracker(path, "b")
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet[cell] = value
    book.save(path)
    return path


def test_an_unknown_agency_stops_the_import_with_did_you_mean(empty: Path, tmp_path: Path) -> None:
    tracker = _broken(tmp_path / "t.xlsx", "D3", "Tset ICB")
    result = run("import", str(tracker))
    assert result.exit_code == 1
    assert (
        f"{tracker}:3:4: unknown-agency Actions!D3 (Responsibility): `Tset ICB` is not in "
        "agencies.yaml"
    ) in result.stderr
    assert "did you mean Test Integrated Care Board (test-icb)?" in result.stderr
    assert "Agencies not in agencies.yaml" in result.stdout
    assert "nothing was written" in result.stderr
    assert files(empty) == {}
    added = run("import", str(tracker), "--add-agencies")
    assert added.exit_code == 0, added.output
    assert "  tset-icb: Tset ICB (from Actions!D3)" in added.stdout
    assert "- id: tset-icb\n    name: Tset ICB" in (empty / "agencies.yaml").read_text()
    assert run("check", "--no-cache", "--as-of", TODAY).exit_code == 0


@pytest.mark.parametrize(
    ("cell", "value", "said"),
    [
        (
            "F3",
            "31/02/2025",
            "invalid-date Actions!F3 (By when): `31/02/2025` is not a real date: "
            "February 2025 has 28 days",
        ),
        (
            "F3",
            "next spring",
            "invalid-date Actions!F3 (By when): `next spring` is not a date lcspr reads",
        ),
        (
            "F3",
            "Ongoing",
            "missing-field Actions!F3 (By when): `Ongoing` is no target date for TEST-1.2; "
            "every action needs one",
        ),
        (
            "H3",
            "Nearly there",
            "invalid-value Actions!H3 (Status): `Nearly there` is not a status lcspr knows",
        ),
        (
            "L3",
            "01/01/2030",
            "date-in-future Actions!L3 (Date of completion): `01/01/2030` is after today",
        ),
        (
            "F3",
            "=TODAY()+30",
            "empty-value Actions!F3 (By when): holds a formula that Excel never calculated",
        ),
    ],
)
def test_a_broken_cell_is_a_problem_at_the_cell(
    empty: Path, tmp_path: Path, cell: str, value: str, said: str
) -> None:
    tracker = _broken(tmp_path / "t.xlsx", cell, value)
    result = run("import", str(tracker))
    assert result.exit_code == 1, result.output
    assert said in result.stderr
    assert f"{tracker}:3:" in result.stderr  # the problem format of lcspr check
    assert "Traceback" not in result.output
    assert files(empty) == {}


def test_ongoing_is_listed_as_no_target_date(empty: Path, tmp_path: Path) -> None:
    result = run("import", str(_broken(tmp_path / "t.xlsx", "F3", "TBC")))
    assert "No target date (1; lcspr needs one and never guesses):" in result.stdout
    assert "  Actions!F3  TEST-1.2: TBC" in result.stdout


def test_an_unknown_status_names_the_words_lcspr_knows(empty: Path, tmp_path: Path) -> None:
    result = run("import", str(_broken(tmp_path / "t.xlsx", "H3", "Nearly there")))
    assert (
        "hint: use one of: Complete, In progress, Not started, Dropped; lcspr also reads words "
        "such as On track, Done, Closed, Withdrawn"
    ) in result.stderr


@pytest.mark.parametrize(
    "value",
    ["Contact the officer on 07700 900123", "NHS no. 943 476 5919", "Family moved to CA1 1AA"],
)
def test_personal_data_stops_the_import_naming_the_cell_never_the_value(
    empty: Path, tmp_path: Path, value: str
) -> None:
    result = run("import", str(_broken(tmp_path / "t.xlsx", "J3", value)))
    assert result.exit_code == 1
    assert ": privacy-" in result.stderr and "Actions!J3: this looks like" in result.stderr
    for part in value.split()[-2:]:
        assert part not in result.output
    assert files(empty) == {}


def test_a_term_in_private_terms_stops_the_import(empty: Path, tmp_path: Path) -> None:
    (empty / ".private-terms").write_text("Zebedee\n")
    result = run("import", str(_broken(tmp_path / "t.xlsx", "J3", "Met Zebedee's father")))
    assert result.exit_code == 1
    assert "privacy-private-term" in result.stderr and "Zebedee" not in result.output


def test_an_empty_sheet_and_an_empty_csv_are_problems(empty: Path, tmp_path: Path) -> None:
    save([], tmp_path / "empty.xlsx")
    result = run("import", str(tmp_path / "empty.xlsx"))
    assert (result.exit_code, "empty-file" in result.stderr) == (1, True)
    (tmp_path / "empty.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    assert "empty-file the file is empty" in run("import", str(tmp_path / "empty.csv")).stderr


def test_a_sheet_without_known_headings_says_how_to_map_them(empty: Path, tmp_path: Path) -> None:
    save([["Thing", "Who"], ["x", "y"]], tmp_path / "odd.xlsx")
    result = run("import", str(tmp_path / "odd.xlsx"))
    assert result.exit_code == 1
    assert "has no heading row that lcspr recognises" in result.stderr
    assert "--map MAPPING.yaml" in result.stderr


def test_a_password_protected_workbook_says_how_to_open_it(empty: Path, tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-untyped]

    plain = write_tracker(tmp_path / "plain.xlsx", "a")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("made-up-password", target)
    result = run("import", str(locked))
    assert result.exit_code == 1
    assert "unreadable-file the workbook is protected with a password" in result.stderr
    assert "clear the password" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("notes.xlsx", b"just some text\n", "is not a spreadsheet, though its name ends .xlsx"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003"),
        ("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "nor CSV text"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_a_problem(
    empty: Path, tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = run("import", str(tmp_path / name))
    assert result.exit_code == 1
    assert said in result.stderr and "Traceback" not in result.output


def test_a_missing_file_or_sheet_is_a_usage_error(empty: Path, tmp_path: Path) -> None:
    assert run("import", str(tmp_path / "none.xlsx")).exit_code == 2
    tracker = write_tracker(tmp_path / "t.xlsx", "a")
    wrong = run("import", str(tracker), "--sheet", "Actoins")
    assert wrong.exit_code == 2
    assert "no sheet `Actoins`; did you mean `Actions`?" in wrong.stderr
    assert run("import", str(tracker), "--review", "TSET").exit_code == 2


def test_a_mapping_file_maps_any_heading(empty: Path, tmp_path: Path) -> None:
    table: list[list[object]] = [
        ["Rec", "Recommendation", "What we will do", "Body", "Deadline", "Notes"],
        [1, "A made-up recommendation.", "A made-up action.", "North Council", "31/12/2025", "x"],
    ]
    save(table, tmp_path / "own.xlsx")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("What we will do: action\nBody: owner\nnotes: ignore\n")
    result = run("import", str(tmp_path / "own.xlsx"), "--map", str(mapping))
    assert result.exit_code == 0, result.output
    assert "Ignored, as the mapping file says: F Notes." in result.stdout
    assert "action: A made-up action." in (empty / FOLDER / "TEST-1.yaml").read_text()
    mapping.write_text("Body: onwer\n")
    wrong = run("import", str(tmp_path / "own.xlsx"), "--map", str(mapping))
    assert wrong.exit_code == 1
    assert f"{mapping}:1:7: invalid-value `Body` is mapped to `onwer`" in wrong.stderr
    assert "did you mean `owner`?" in wrong.stderr


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")]
)
def test_csv_in_the_encodings_excel_writes(
    empty: Path, tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    text = (
        "No.,Recommendation,Action,Lead agency,Target date,Status\r\n"
        "1,Agencies review the café outreach £ budget.,Review it.,North Council,31/03/2026,"
        "Not started\r\n"
    )
    (tmp_path / "t.csv").write_bytes(prefix + text.encode(encoding))
    result = run("import", str(tmp_path / "t.csv"))
    assert result.exit_code == 0, result.output
    assert "café outreach £ budget" in (empty / FOLDER / "TEST-1.yaml").read_text()


def test_a_complete_row_without_a_date_gets_a_marked_stand_in(empty: Path, tmp_path: Path) -> None:
    rows = [
        Row(
            "1",
            "A made-up recommendation.",
            "Done thing.",
            "North Council",
            "Lead",
            date(2025, 3, 31),
            "Done",
            "Blue",
            evidence="Report",
        )
    ]
    result = run("import", str(write_tracker(tmp_path / "t.xlsx", "b", rows)))
    assert result.exit_code == 0, result.output
    text = (empty / FOLDER / "TEST-1.yaml").read_text()
    assert (
        "    completed_on: 2025-06-01  # stand-in: the day of the import (no completion date in "
        "the spreadsheet)"
    ) in text
    assert "- title: Report  # stand-ins: date and held_by" in text
    assert "complete with no completion date: completed on the day of the import: TEST-1.1" in (
        result.stdout
    )


def test_merged_and_blank_recommendation_cells_read_as_the_same_recommendation(
    empty: Path, tmp_path: Path
) -> None:
    table: list[list[object]] = [
        ["No.", "Recommendation", "Action", "Lead agency", "Target date"],
        [1, "First made-up recommendation.", "One.", "North Council", datetime(2025, 12, 31)],
        [None, None, "Two.", None, datetime(2025, 12, 31)],
        [None, None, "Three.", "South Council", datetime(2025, 12, 31)],
        [2, "Second made-up recommendation.", None, "South Council", "March 2026"],
    ]
    book = save(table, tmp_path / "t.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("D2:D3")  # one lead agency for the first two actions
    sheet["E5"].fill = PatternFill("solid", fgColor="FFFFFFFF")
    book.save(tmp_path / "t.xlsx")
    result = run("import", str(tmp_path / "t.xlsx"))
    assert result.exit_code == 0, result.output
    first = (empty / FOLDER / "TEST-1.yaml").read_text()
    assert [line for line in first.splitlines() if line.startswith(("  - id:", "    owner"))] == [
        "  - id: TEST-1.1",
        "    owner: north-council",
        "  - id: TEST-1.2",
        "    owner: north-council",
        "  - id: TEST-1.3",
        "    owner: south-council",
    ]
    second = (empty / FOLDER / "TEST-2.yaml").read_text()
    assert "actions:" not in second and "due: 2026-03\n" in second
    assert "owner: south-council" in second and "status: open" in second


def test_ten_thousand_rows_import_and_pass_check(empty: Path, tmp_path: Path) -> None:
    table: list[list[object]] = [
        [
            "No.",
            "Recommendation",
            "Action",
            "Lead agency",
            "Target date",
            "Status",
            "Progress update",
        ]
    ]
    for index in range(10_000):
        number = index // 5 + 1
        text = f"Made-up recommendation {number}." if index % 5 == 0 else None
        table.append(
            [
                number if text else None,
                text,
                f"Made-up action {index}.",
                "North Council",
                datetime(2026, 3, 31),
                "In progress",
                f"01/05/2025: made-up note {index}",
            ]
        )
    save(table, tmp_path / "big.xlsx")
    started = time.perf_counter()
    result = run("import", str(tmp_path / "big.xlsx"))
    took = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert "Wrote 2000 files." in result.stdout
    assert len(files(empty)) == 2000
    assert took < 120, f"importing 10,000 rows took {took:.1f} s"
    assert run("check", "--no-cache", "--as-of", TODAY).exit_code == 0


def _many_sheets(path: Path, *, broken: bool) -> Path:
    """A workbook of several sheets, as a tracker and not; `broken`, with an agency not in
    agencies.yaml on two sheets, a phone number, and recommendations given twice."""
    later = [replace(row, number=str(int(row.number) + 2)) for row in TRACKER]
    if broken:
        later[1] = replace(later[1], lead="Tset ICB", update="Ring 07700 900123")
    third = [replace(row, lead="Tset ICB") for row in TRACKER] if broken else []
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for title, layout, rows in (("First", "a", TRACKER), ("Second", "b", later)):
        table, style = LAYOUTS[layout](rows)
        sheet = book.create_sheet(title)
        for cells in table:
            sheet.append(cells)
        style(sheet)
    book.create_sheet("Empty")
    book.create_sheet("Notes").append(["Thing", "Who"])
    hidden = book.create_sheet("Old")
    for cells in LAYOUTS["b"](TRACKER)[0]:
        hidden.append(cells)
    hidden.sheet_state = "hidden"
    if third:
        sheet = book.create_sheet("Third")
        for cells in LAYOUTS["c"](third)[0]:
            sheet.append(cells)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("broken", "options"),
    [(True, ["--dry-run"]), (True, ["--dry-run", "--add-agencies"]), (False, [])],
)
def test_sheets_read_on_every_core_import_as_in_one_process(
    data_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    broken: bool,
    options: list[str],
) -> None:
    """Each sheet read into recommendations where its cells are read, apart from the
    others, and put together: the same files, report and problems as reading them all in
    one process."""
    tracker = _many_sheets(tmp_path / "t.xlsx", broken=broken)
    said = {}
    for shared in (False, True):
        folder = tmp_path / f"shared-{shared}"
        shutil.copytree(data_folder, folder)
        (folder / FOLDER / "TEST-1.yaml").unlink()
        monkeypatch.setattr(workbook, "PARALLEL_FROM", 0 if shared else workbook.PARALLEL_FROM)
        monkeypatch.setattr(parallel, "cores", lambda shared=shared: 2 if shared else 1)
        result = run("import", str(tracker), "--data", str(folder), *options)
        said[shared] = (
            result.exit_code,
            result.stdout.replace(str(folder), "FOLDER"),
            result.stderr.replace(str(folder), "FOLDER"),
            {p.name: p.read_bytes() for p in sorted(folder.rglob("*.yaml"))},
        )
    assert said[True] == said[False]
    code, out, err, _ = said[False]
    assert "Sheet Empty not read: it is empty." in out
    assert "Sheet Old not read: it is hidden (name it with --sheet to read it)." in out
    if not broken:
        assert (code, "Wrote 4 files." in out) == (0, True)
        return
    assert code == 1 and "privacy-phone Second!J3" in err
    assert "duplicate-id Third!A2: recommendation TEST-1 is given again (first at First!A2)" in err
    if "--add-agencies" in options:
        assert "tset-icb: Tset ICB (from Second!D3)" in out
    else:
        assert "Tset ICB: Second!D3, Third!C2, Third!C3" in out


def test_update_brings_in_the_recommendations_own_cells_and_joint_owners(
    empty: Path, tmp_path: Path
) -> None:
    """From an export edited in Excel: a recommendation's title, text, owners (two, joint)
    and target date, and an action's joint owners, each a minimal edit."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    assert run("import", str(write_tracker(tmp_path / "t.xlsx", "b"))).exit_code == 0
    exported = tmp_path / "export.xlsx"
    assert run("export", "-o", str(exported)).exit_code == 0
    book = openpyxl.load_workbook(exported)
    sheet = book["TEST"]
    headings = {cell.value: get_column_letter(n) for n, cell in enumerate(sheet[1], 1)}
    [row] = [r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == "TEST-2.1"]
    changes: dict[str, str | datetime] = {
        "Title": "Fathers in assessments",
        "Recommendation": "For all agencies to involve fathers in every assessment.",
        "Rec lead agency": "South Council; Test ICB",
        "Rec target date": datetime(2025, 10, 31),
        "Lead agency": "North Council; South Council",
    }
    for heading, value in changes.items():
        sheet[f"{headings[heading]}{row}"] = value
    book.save(exported)
    path = empty / FOLDER / "TEST-2.yaml"
    before = path.read_text().splitlines()
    result = run("import", str(exported), "--update")
    assert result.exit_code == 0, result.output
    assert "  updated    data/recommendations/TEST/TEST-2.yaml" in result.stdout
    added = [  # the changed lines, without the comments they keep
        line[1:].split("  #")[0].strip()
        for line in difflib.unified_diff(before, path.read_text().splitlines(), lineterm="")
        if line[:1] == "+" and line[:3] != "+++"
    ]
    assert "title: Fathers in assessments" in added
    assert "text: For all agencies to involve fathers in every assessment." in added
    assert "owner: [south-council, test-icb]" in added
    assert "\nowner: [south-council, test-icb]\n" in path.read_text()  # its stand-in note gone
    assert "owner: [north-council, south-council]" in added
    assert "- due: 2025-10-31" in added or "due: 2025-10-31" in added
    assert run("check", "--no-cache", "--as-of", TODAY).exit_code == 0
    again = run("import", str(exported), "--update")
    assert "  unchanged  data/recommendations/TEST/TEST-2.yaml" in again.stdout, again.stdout


def test_update_keeps_a_title_made_from_the_text_in_step_with_the_text(
    empty: Path, tmp_path: Path
) -> None:
    """A tracker without a title column: the import made the title from the text, so a
    changed text brings its title along; a title written by hand stays."""
    assert run("import", str(write_tracker(tmp_path / "t.xlsx", "b"))).exit_code == 0
    path = empty / FOLDER / "TEST-2.yaml"
    text = "For agencies to see fathers in every assessment."
    changed = [*TRACKER[:2], replace(TRACKER[2], text=text)]
    tracker = write_tracker(tmp_path / "t2.xlsx", "b", changed)
    assert run("import", str(tracker), "--update").exit_code == 0
    written = path.read_text()
    assert f"title: {text[:-1]}\n" in written and f"text: {text}\n" in written
    path.write_text(written.replace(f"title: {text[:-1]}", "title: Fathers seen"))
    again = [*TRACKER[:2], replace(TRACKER[2], text="For agencies to see fathers.")]
    result = run("import", str(write_tracker(tmp_path / "t3.xlsx", "b", again)), "--update")
    assert result.exit_code == 0, result.output
    assert "title: Fathers seen\n" in path.read_text()
    assert "text: For agencies to see fathers.\n" in path.read_text()


def test_a_problem_found_after_files_were_written_ahead_leaves_nothing(
    empty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks across the folder run once every file is planned (and written ahead):
    an error they find removes what was written ahead, and the folders made for it."""
    shutil.rmtree(empty / FOLDER)
    before = sorted(p.relative_to(empty) for p in empty.rglob("*"))

    def an_error_in_the_last(dataset: Dataset, today: date) -> list[Problem]:
        last = dataset.facts.recommendations[-1]
        return [last.problem("duplicate-id", "made-up error", "actions", 0, "owner")]

    monkeypatch.setattr(imported, "run_checks", an_error_in_the_last)
    result = run("import", str(write_tracker(tmp_path / "t.xlsx", "a")))
    assert result.exit_code == 1, result.output
    # at the cell the value came from: the lead agency of TEST-2's first action
    assert "t.xlsx:6:4: duplicate-id Actions!D6: TEST-2 would have this problem: made-up " in (
        result.stderr
    )
    assert sorted(p.relative_to(empty) for p in empty.rglob("*")) == before


def test_update_writes_a_long_changed_text_as_a_new_file_would(empty: Path, tmp_path: Path) -> None:
    assert run("import", str(write_tracker(tmp_path / "t.xlsx", "b"))).exit_code == 0
    text = " ".join(["For agencies to see fathers and male carers in every assessment."] * 3)
    changed = write_tracker(
        tmp_path / "t2.xlsx", "b", [*TRACKER[:2], replace(TRACKER[2], text=text)]
    )
    assert run("import", str(changed), "--update").exit_code == 0
    updated = (empty / FOLDER / "TEST-2.yaml").read_text()
    shutil.rmtree(empty / FOLDER)
    assert run("import", str(changed)).exit_code == 0
    fresh = (empty / FOLDER / "TEST-2.yaml").read_text()

    def text_block(file: str) -> list[str]:
        lines = file.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("text:"))
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
        return lines[start:end]

    assert text_block(updated) == text_block(fresh)
    assert text_block(fresh)[0] == "text: >-" and len(text_block(fresh)) == 4
    assert run("check", "--no-cache", "--as-of", TODAY).exit_code == 0

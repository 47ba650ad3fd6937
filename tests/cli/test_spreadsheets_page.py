"""docs/spreadsheets.md shows what lcspr prints: its worked example is run here, and every
line the page quotes (where it does not elide with "...") must be in the output, in order,
and the file it shows must be the file written."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import REPOSITORY
from lcspr_cli.cli import app

PAGE = (REPOSITORY / "docs" / "spreadsheets.md").read_text(encoding="utf-8")
ALDER = """
  - id: ALDER
    title: Local Child Safeguarding Practice Review Alder (made up for this example)
    kind: LCSPR
    published: 2025-01-31
    partnership: cumberland-scp
"""


def _tracker(path: Path, *, fixed: bool, updated: bool = False) -> None:
    """The page's table, as a workbook (with the title rows and merged cells it describes)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action plan"
    table = [line for line in PAGE.split("\n") if line.startswith("| ") and "Rec no." in PAGE]
    start = next(i for i, line in enumerate(table) if line.startswith("| Rec no."))
    rows = [[c.strip() or None for c in line.strip()[1:-1].split("|")] for line in table[start:]]
    del rows[1]  # the markdown rule under the headings
    sheet.append(["Alder LCSPR action plan (made-up example)"])
    sheet.append([])
    for row in rows[:6]:
        sheet.append([_cell(value) for value in row])
    if fixed:
        sheet["D7"], sheet["F7"] = "Cumberland Council", "30/06/2026"
    if updated:
        sheet["H5"], sheet["K5"] = "Complete", datetime(2026, 1, 12)
        sheet["J5"] = "Audit tool agreed\n12/01/2026: Audit complete; report to the sub-group"
    for cells in ("A4:A5", "B4:B5", "A6:A7", "B6:B7"):
        sheet.merge_cells(cells)
    book.save(path)


def _cell(value: str | None) -> object:
    if value and re.fullmatch(r"\d+", value):
        return int(value)
    if value and re.fullmatch(r"\d\d/\d\d/\d{4}", value) and value != "30/09/2025":
        return datetime.strptime(value, "%d/%m/%Y")  # some real Excel dates, some text
    return value


def _blocks(command: str) -> list[list[str]]:
    """The lines the page shows for each run of `command`."""
    found = []
    for block in re.findall(r"```\n(\$ .*?)```", PAGE, re.S):
        lines = block.rstrip("\n").split("\n")
        if lines[0].startswith(f"$ {command}"):
            found.append(lines)
    return found


def _shown(lines: list[str], output: str) -> None:
    at = 0
    for line in lines:
        if line.startswith("$ ") or line.strip() == "...":
            continue
        found = output.find(line, at)
        assert found >= 0, f"the page shows a line lcspr does not print:\n{line}\n\n{output}"
        at = found + len(line)


@pytest.fixture
def example(bundled_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.rmtree(bundled_data / "recommendations" / "LEO")
    with (bundled_data / "reviews.yaml").open("a", encoding="utf-8") as stream:
        stream.write(ALDER)
    monkeypatch.chdir(bundled_data.parent)
    return bundled_data


def test_the_worked_example_prints_what_the_page_shows(example: Path) -> None:
    def run(line: str) -> str:
        args = line.removeprefix("$ lcspr ").split()
        env = {"NO_COLOR": "1", "LCSPR_TODAY": "2026-01-15", "COLUMNS": "300"}
        result = CliRunner().invoke(app, args, env=env)
        return result.stdout + result.stderr

    tracker = example.parent / "tracker.xlsx"
    _tracker(tracker, fixed=False)
    dry, real, again = _blocks("lcspr import")
    _shown(dry, run(dry[0]))
    _tracker(tracker, fixed=True)
    _shown(real, run(real[0]))
    shown = re.search(r"```yaml\n(# yaml-language-server.*?)```", PAGE, re.S)
    assert shown is not None
    written = (example / "recommendations" / "ALDER" / "ALDER-1.yaml").read_text()
    assert written == shown.group(1)
    _tracker(tracker, fixed=True, updated=True)
    _shown(again, run(again[0]))
    [exports] = _blocks("lcspr export")
    commands = [line for line in exports if line.startswith("$ ")]
    outputs = [line for line in exports if not line.startswith("$ ")]
    for command, output in zip(commands, outputs, strict=True):
        assert run(command).strip() == output

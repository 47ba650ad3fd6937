"""`lcspr summary` through the CLI: golden documents for two quarters, output files."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import assert_golden
from lcspr_cli.cli import app
from lcspr_cli.render.paper_markdown import MARKER

SECTIONS = [
    "## For decision",
    "## Headline",
    "## Exceptions",
    "## Done this quarter, and due next",
    "## Progress by recommendation",
    "## Learning themes across reviews",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "LCSPR_DATA": ""})


@pytest.fixture(autouse=True)
def in_samples(monkeypatch: pytest.MonkeyPatch, samples_copy: Path) -> Path:
    """Run from a copy of tests/samples, so the data folder is `reports`."""
    monkeypatch.chdir(samples_copy)
    return samples_copy


@pytest.mark.parametrize("quarter", ["2025/26-Q1", "2025/26-Q2"])
def test_golden_summaries(quarter: str) -> None:
    result = run("summary", "--data", "reports", "--quarter", quarter)
    assert result.exit_code == 0, result.output
    assert_golden(f"summary-{quarter.replace('/', '-')}.md", result.stdout)


def test_sections_in_order_and_a_closing_line() -> None:
    text = run("summary", "--data", "reports", "--quarter", "2025/26-Q1").stdout
    positions = [text.index(f"\n{heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    assert text.startswith(
        MARKER + "\n\n# Test Safeguarding Children Partnership\n\n"
        "**Review recommendations: progress report**\n\n"
        "**2025/26 Q1 (April to June 2025)**\n\n- As of: 30 June 2025\n"
    )


def test_every_table_row_has_as_many_cells_as_its_header() -> None:
    text = run("summary", "--data", "reports", "--quarter", "2025/26-Q2").stdout
    cells = None
    for line in text.splitlines():
        if not line.startswith("|"):
            cells = None
            continue
        count = len(re.findall(r"(?<!\\)\|", line))
        cells = cells or count
        assert count == cells, line


def test_converts_cleanly_with_pandoc(tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    text = run("summary", "--data", "reports", "--quarter", "2025/26-Q2").stdout
    html = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert html.count("<table") == text.count("\n|:--") + text.count("\n|--")
    assert "<b>" not in html and "&lt;b&gt;Second" in html


def test_default_quarter_and_as_of() -> None:
    # As of a day in October: the latest quarter that had ended is July to September.
    result = run("summary", "--data", "reports", "--as-of", "2025-10-15")
    assert "**2025/26 Q2 (July to September 2025)**" in result.stdout
    assert "- As of: 15 October 2025" in result.stdout
    # A quarter alone: as of its last day.
    result = run("summary", "--data", "reports", "--quarter", "2025-26-Q1")
    assert "- As of: 30 June 2025" in result.stdout


def test_a_bad_quarter_shows_the_form() -> None:
    result = run("summary", "--data", "reports", "--quarter", "2025 Q2")
    assert result.exit_code == 2
    assert "2025/26-Q2" in result.stderr


def test_output_file_is_written_and_only_its_own_file_replaced(tmp_path: Path) -> None:
    target = tmp_path / "board.md"
    first = run("summary", "--data", "reports", "--quarter", "2025/26-Q1", "--output", str(target))
    assert first.exit_code == 0
    assert first.stdout == ""
    assert "Wrote the 2025/26 Q1 paper" in first.stderr
    assert (
        target.read_text() == run("summary", "--data", "reports", "--quarter", "2025/26-Q1").stdout
    )
    again = run("summary", "--data", "reports", "--quarter", "2025/26-Q2", "--output", str(target))
    assert again.exit_code == 0
    assert "2025/26 Q2" in target.read_text()
    notes = tmp_path / "notes.md"
    notes.write_text("My notes\n")
    refused = run("summary", "--data", "reports", "--output", str(notes), "--quarter", "2025/26-Q1")
    assert refused.exit_code == 2
    assert "was not written by lcspr" in refused.stderr
    assert notes.read_text() == "My notes\n"
    forced = run(
        "summary", "--data", "reports", "--output", str(notes), "--quarter", "2025/26-Q1", "--force"
    )
    assert forced.exit_code == 0
    assert notes.read_text().startswith(MARKER)


def test_summary_never_changes_the_data(in_samples: Path) -> None:
    data = in_samples / "reports"
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    run("summary", "--data", "reports", "--quarter", "2025/26-Q2")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_unknown_review_is_refused() -> None:
    result = run("summary", "--data", "reports", "--quarter", "2025/26-Q1", "--review", "Q")
    assert result.exit_code == 2
    assert "no review `Q`" in result.stderr


def test_the_format_follows_the_file_and_an_unknown_one_is_refused_first(tmp_path: Path) -> None:
    pdf = run("summary", "--data", "nowhere", "-o", str(tmp_path / "q1.pdf"))
    assert pdf.exit_code == 2  # refused before the data folder is even looked for
    assert "lcspr writes a paper as .docx (Word), .html or .md" in pdf.stderr
    word = run("summary", "--data", "reports", "--format", "docx")
    assert (word.exit_code, "give -o FILE.docx" in word.stderr) == (2, True)
    html = run(
        "summary", "--data", "reports", "--quarter", "2025/26-Q1", "-o", str(tmp_path / "q.html")
    )
    assert html.exit_code == 0, html.output
    assert (tmp_path / "q.html").read_text().startswith("<!DOCTYPE html>")
    docx = run(
        "summary", "--data", "reports", "--quarter", "2025/26-Q1", "-o", str(tmp_path / "q.docx")
    )
    assert docx.exit_code == 0, docx.output
    assert (tmp_path / "q.docx").read_bytes().startswith(b"PK")


def test_the_title_block_names_who_prepared_it_and_warns_of_files_left_out(
    in_samples: Path,
) -> None:
    broken = in_samples / "reports" / "recommendations" / "R" / "R-1.yaml"
    broken.write_text("id: [unclosed\n")
    result = run(
        "summary",
        "--data",
        "reports",
        "--quarter",
        "2025/26-Q1",
        "--prepared-by",
        "Business Manager",
    )
    assert result.exit_code == 1
    assert "- Prepared by: Business Manager" in result.stdout
    warning = result.stdout.split("> **Warning.** ")[1].splitlines()[0]
    assert "1 file could not be read and is left out of this paper: " in warning
    assert "R-1.yaml" in warning and "Run lcspr check" in warning

"""The report commands through the CLI: golden outputs, filters, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import REPOSITORY, SAMPLES, assert_golden
from lcspr_cli.cli import app

AS_OF = "2025-06-30"


def run(*args: str, columns: int = 100) -> Result:
    return CliRunner().invoke(
        app, list(args), env={"NO_COLOR": "1", "COLUMNS": str(columns), "LCSPR_DATA": ""}
    )


@pytest.fixture(autouse=True)
def in_samples(monkeypatch: pytest.MonkeyPatch, samples_copy: Path) -> None:
    """Run from a copy of tests/samples, so file paths in the output are `reports/...`."""
    monkeypatch.chdir(samples_copy)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


COMMANDS = ["status", "overdue", "unowned", "missing-evidence", "agencies"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("output_format", ["json", "markdown", "table"])
def test_golden_outputs(command: str, output_format: str) -> None:
    result = run(command, "--data", "reports", "--as-of", AS_OF, "--format", output_format)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    suffix = {"json": "json", "markdown": "md", "table": "txt"}[output_format]
    assert_golden(f"{command}.{suffix}", result.stdout)


@pytest.mark.parametrize("ident", ["R-4", "r-2.1"])
@pytest.mark.parametrize("output_format", ["json", "markdown", "table"])
def test_golden_show(ident: str, output_format: str) -> None:
    result = run("show", ident, "--data", "reports", "--as-of", AS_OF, "--format", output_format)
    assert result.exit_code == 0, result.output
    suffix = {"json": "json", "markdown": "md", "table": "txt"}[output_format]
    assert_golden(f"show-{ident.upper()}.{suffix}", result.stdout)


def test_status_json_shape() -> None:
    result = run("status", "--data", "reports", "--as-of", AS_OF, "--format", "json")
    data = json.loads(result.stdout)
    assert data["as_of"] == AS_OF
    first = data["recommendations"][0]
    assert first | {"why": None} == {
        "id": "R-1",
        "kind": "recommendation",
        "recommendation": "R-1",
        "owner": "test-icb",
        "file": "reports/recommendations/R/R-1.yaml",
        "line": 2,
        "title": "Due dates at their edges",
        "status": "in-progress",
        "rag": "red",
        "why": None,
        "actions_total": 3,
        "actions_complete": 0,
        "next_due": "2025-06-29",
        "overdue": True,
        "unowned": False,
        "missing_evidence": False,
    }


def test_overdue_json_items_name_their_line() -> None:
    result = run("overdue", "--data", "reports", "--as-of", AS_OF, "--format", "json")
    [item] = json.loads(result.stdout)["items"]
    assert item == {
        "id": "R-1.2",
        "kind": "action",
        "recommendation": "R-1",
        "owner": "test-icb",
        "file": "reports/recommendations/R/R-1.yaml",
        "line": 19,
        "due": "2025-06-29",
        "days_overdue": 1,
        "next_step": "ask test-icb for an update, or agree a revised date",
    }


def test_filters_and_unknown_values() -> None:
    owned = run(
        "overdue",
        "--data",
        "reports",
        "--as-of",
        "2025-12-01",
        "--owner",
        "test-icb",
        "--format",
        "json",
    )
    assert {i["owner"] for i in json.loads(owned.stdout)["items"]} == {"test-icb"}
    wrong_owner = run("status", "--data", "reports", "--owner", "test-ibc")
    assert wrong_owner.exit_code == 2
    assert "did you mean `test-icb`?" in wrong_owner.stderr
    wrong_review = run("status", "--data", "reports", "--review", "Q")
    assert wrong_review.exit_code == 2
    missing = run("show", "R-9", "--data", "reports")
    assert missing.exit_code == 2
    assert "no recommendation or action `R-9`" in missing.stderr


def test_invalid_files_are_named_and_the_report_still_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLES / "reports", data)
    (data / "recommendations/R/R-3.yaml").write_text("id: [broken\n")
    path = data / "recommendations/R/R-1.yaml"
    path.write_text(path.read_text().replace("owner: test-icb\ndue", "owner: ghost\ndue"))
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = run("status", "--data", str(data), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1
    ids = [r["id"] for r in json.loads(result.stdout)["recommendations"]]
    assert ids == ["R-1", "R-2", "R-4", "R-5"]
    assert "files with errors:" in result.stderr
    assert "Run lcspr check. Left out of this report:" in result.stderr
    assert result.stderr.count("R-3.yaml") == 2 and result.stderr.count("R-1.yaml") == 1
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


WIDE_COMMANDS = [
    ["status"],
    ["overdue"],
    ["agencies"],
    ["show", "LEO-6"],
    ["due", "--within", "60"],
]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", WIDE_COMMANDS, ids=lambda c: "-".join(c))
def test_tables_fit_the_terminal_without_cutting_what_people_look_up(
    bundled_data: Path, command: list[str], columns: int
) -> None:
    result = run(*command, "--data", str(bundled_data), "--as-of", "2026-11-26", columns=columns)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    text = result.stdout
    assert "…" not in text
    cells = [cell for line in lines for cell in line.split("  ") if cell.strip()]
    for cell in cells:  # an id, a date, a RAG or a flag is whole wherever it stands
        word = cell.strip()
        if re.fullmatch(r"LEO-[0-9a-z.]*", word):
            assert re.fullmatch(r"LEO-\d+[a-c]?(\.\d+)?", word), word
        if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{0,3})?", word):
            assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", word), word
    for flag in ("overdu", "unowne", "no evid"):
        assert not any(line.rstrip().endswith(flag) for line in lines), flag
    name = "-".join(command[:1])
    assert_golden(f"bundled/{name}-{columns}.txt", text)


def test_a_pipe_gets_whole_rows_so_grep_finds_them(bundled_data: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["status", "--data", str(bundled_data), "--as-of", "2026-11-26"],
        env={"NO_COLOR": "1", "COLUMNS": None, "LCSPR_DATA": ""},
    )
    rows = [line for line in result.stdout.splitlines() if line.startswith("LEO-")]
    assert len(rows) == 12  # one line each: nothing wrapped
    [leo3] = [row for row in rows if row.startswith("LEO-3 ")]
    for cell in ("Rigour of responses to anonymous referrals", "Red", "31 Dec 2025", "overdue"):
        assert cell in leo3
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_markdown_escapes_text_from_the_data() -> None:
    result = run("status", "--data", "reports", "--as-of", AS_OF, "--format", "markdown")
    assert "Evidence \\| missing \\*and\\* &lt;present&gt;" in result.stdout


def test_no_escape_sequence_or_markup_from_the_files_reaches_the_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLES / "reports", data)
    path = data / "recommendations/R/R-1.yaml"
    hostile = 'title: "\\e[2J\\e[31mRED [bold]x[/bold] \\u202eevil"'
    path.write_text(path.read_text().replace("title: Due dates at their edges", hostile))
    for command in (["status"], ["show", "R-1"], ["status", "--format", "markdown"]):
        result = CliRunner().invoke(
            app,
            [*command, "--data", str(data), "--as-of", AS_OF],
            env={"COLUMNS": "200"},
            color=True,
        )
        assert result.exit_code == 0, result.output
        assert "\x1b[2J" not in result.stdout and "\u202e" not in result.stdout
        assert "x1b" in result.stdout  # shown as an escape, in words
        assert "[bold]x[/bold]" in result.stdout.replace("\\[", "[").replace("\\]", "]")


def test_the_readme_example_is_what_status_prints(bundled_data: Path) -> None:
    readme = (REPOSITORY / "README.md").read_text()
    example = readme.split("100 columns wide (in colour):\n\n```\n")[1].split("```")[0]
    result = run("status", "--data", str(bundled_data), "--as-of", "2026-11-26")
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    for line in example.splitlines():
        assert line == "..." or line in printed, line

"""The file format's additions on tests/samples/national: a national review with
recommendations to government and regulators (external, joint owners, responses, a quarter
and a month as due dates, revisions, measures) and a local one that shares a theme."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES, assert_golden
from lcspr_cli.cli import app

AS_OF = "2025-09-30"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "national"
    shutil.copytree(SAMPLES / "national", copy)
    monkeypatch.chdir(tmp_path)
    return copy


def run(*args: str) -> str:
    env = {"NO_COLOR": "1", "LCSPR_TODAY": AS_OF, "COLUMNS": "100"}
    result = CliRunner().invoke(app, [*args, "--data", "national"], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    "command", ["status", "overdue", "unowned", "missing-evidence", "agencies", "themes"]
)
def test_golden_json(folder: Path, command: str) -> None:
    assert_golden(f"national/{command}.json", run(command, "--format", "json"))


def test_golden_summary(folder: Path) -> None:
    assert_golden("national/summary-2025-26-Q2.md", run("summary", "--quarter", "2025/26-Q2"))


def test_the_check_warns_of_an_owner_not_yet_formed_only(folder: Path) -> None:
    result = CliRunner().invoke(
        app, ["check", "--data", "national", "--format", "json"], env={"LCSPR_TODAY": AS_OF}
    )
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 0
    assert [(p["code"], p["severity"], p["line"]) for p in problems] == [
        ("agency-not-yet-formed", "warning", 30)
    ]


def test_what_the_board_and_the_officer_read(folder: Path) -> None:
    rows = {r["id"]: r for r in json.loads(run("status", "--format", "json"))["recommendations"]}
    assert {i: (r["status"], r["rag"]) for i, r in rows.items()} == {
        "CPE-1.1": ("in-progress", "grey"),
        "CPE-1.10": ("complete", "blue"),
        "CPE-2": ("not-accepted", "grey"),
        "CPE-B1": ("in-progress", "red"),
        "LOC-1": ("in-progress", "red"),
        "LOC-2": ("in-progress", "amber"),
    }
    assert rows["CPE-1.1"]["owner"] == ["dfe", "home-office"]
    assert rows["CPE-1.1"]["next_due"] == "2027-03-31"  # the revision's quarter
    shown = run("show", "CPE-1.1")
    for line in ("2026/27 Q4", "Legislation delayed", "Every area has a multi-agency unit"):
        assert line in shown, line
    served = run("show", "LOC-2")
    assert "Also served by" in served and "LOC-1.1: Publish a protocol" in served
    joint = " ".join(run("show", "LOC-1").split())
    assert "Old Council (old-council), ended 31 Mar 2023; now north-council" in joint
    text = run("summary", "--quarter", "2025/26-Q2")
    summary = "\n".join(" ".join(line.split()) for line in text.splitlines())
    assert (
        "| CPE-2 | A national register of practitioners | (no owner) | Grey | Not accepted;"
        in summary
    )
    assert "| Legislation delayed to the next session. | 15 Jul 2025 by Test partnership" in summary


def test_repeated_review_filters_combine(folder: Path) -> None:
    both = json.loads(run("status", "--format", "json", "--review", "CPE", "--review", "LOC"))
    one = json.loads(run("status", "--format", "json", "--review", "LOC"))
    assert len(both["recommendations"]) == 6
    assert [r["id"] for r in one["recommendations"]] == ["LOC-1", "LOC-2"]


def test_a_review_published_after_the_as_of_date_is_left_out(folder: Path) -> None:
    before = json.loads(run("status", "--format", "json", "--as-of", "2024-01-31"))
    assert {r["id"].split("-")[0] for r in before["recommendations"]} == {"CPE"}
    themes = json.loads(run("themes", "--format", "json", "--as-of", "2024-01-31"))
    assert [t["id"] for t in themes["themes"]] == ["multi-agency-working", "information-sharing"]

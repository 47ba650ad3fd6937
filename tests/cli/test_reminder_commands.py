"""`lcspr due` and `lcspr chase` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lcspr_cli.cli import app


def run(*args: str) -> str:
    env = {"NO_COLOR": "1", "LCSPR_TODAY": "2026-11-26", "COLUMNS": "100"}
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_due_in_every_format(bundled_data: Path) -> None:
    data = ("--data", str(bundled_data))
    items = json.loads(run("due", "--within", "30", "--format", "json", *data))["items"]
    assert [(i["id"], i["due"], i["accountable"]) for i in items] == [
        ("LEO-9.3", "2026-12-15", ["cumberland-scp"])
    ]
    assert "| Cumberland SCP | LEO-9.3 | 15 Dec 2026 |" in run("due", "--format", "markdown", *data)
    assert "Due within 3 days as of 26 November 2026: nothing." in run(
        "due", "--within", "3", *data
    )


def test_chase_gives_one_section_per_agency_ready_for_an_email(bundled_data: Path) -> None:
    text = run("chase", "--data", str(bundled_data))
    assert text.startswith("# What to chase, as of 26 November 2026\n")
    section = text.split("## Cumberland Council (cumberland-council)\n")[1].split("\n## ")[0]
    assert "### Overdue: please send an update, and a revised date if one is needed" in section
    assert "- **LEO-3.3** (due 31 December 2025, 330 days ago; lead: Head of Quality" in section
    one = run("chase", "--owner", "nenc-icb", "--data", str(bundled_data))
    assert one.count("\n## ") == 1 and "(nenc-icb)" in one

"""lcspr init and the register commands through the CLI, as an officer would use them:
a log started from nothing, agencies and a review added, an agency ended."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from lcspr_cli.cli import app


@pytest.fixture(autouse=True)
def in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LCSPR_DATA", raising=False)


def run(*args: str, today: str = "2025-06-01") -> Result:
    env = {"NO_COLOR": "1", "LCSPR_TODAY": today, "COLUMNS": "100"}
    return CliRunner().invoke(app, list(args), env=env)


def started() -> None:
    """A new log with three agencies and a review, as the README's first steps make it."""
    if not Path("data").exists():
        assert run("init").exit_code == 0
    for args in (
        ("new", "agency", "north-council", "--name", "North Council", "--kind", "local authority"),
        ("new", "agency", "south-council", "--name", "South Council", "--from", "2025-04-01"),
        ("new", "agency", "test-scp", "--name", "Test Safeguarding Children Partnership"),
        ("new", "review", "TEST", "--title", "A made-up review", "--partnership", "test-scp",
         "--published", "2025-03-31", "--theme", "early-help=Early help"),
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)


def test_a_log_started_from_nothing_passes_check_at_every_step(tmp_path: Path) -> None:
    result = run("init")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[0]
        == "wrote data/ (agencies.yaml, reviews.yaml, README.md, .gitignore)"
    )
    assert run("check").stdout == "No problems: 2 files checked (0 recommendations, 0 actions).\n"
    assert run("agency", "--help").exit_code == 2  # not a command: `new agency` is
    started()
    assert run("check").exit_code == 0
    new = run(
        "new", "recommendation", "--review", "TEST", "--number", "1", "--title", "Roles",
        "--owner", "north-council", "--due", "2026-03-31", "--text", "For the partnership to act.",
    )  # fmt: skip
    assert new.exit_code == 0, new.output
    created = tmp_path / "data/recommendations/TEST/TEST-1.yaml"
    first = created.read_text().splitlines()[0]
    assert (
        first == "# yaml-language-server: $schema=../../../schemas/lcspr-recommendation.schema.json"
    )
    assert (created.parent / first.split("=", 1)[1]).is_file()
    assert run("check").exit_code == 0


def test_init_refuses_an_existing_data_folder_and_writes_nothing(tmp_path: Path) -> None:
    assert run("init").exit_code == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run("init")
    assert (result.exit_code, result.stderr) == (
        1,
        "lcspr: data is a data folder already (it holds agencies.yaml); nothing was written\n",
    )
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_dry_run_lists_the_files_and_writes_nothing(tmp_path: Path) -> None:
    result = run("init", "log/data", "--dry-run")
    assert result.exit_code == 0
    assert "log/data/agencies.yaml" in result.stdout.splitlines()
    assert "log/.gitignore" in result.stdout.splitlines()
    assert list(tmp_path.iterdir()) == []


def test_a_data_folder_not_named_data_is_named_in_the_next_steps() -> None:
    result = run("init", "tracker")
    assert result.exit_code == 0
    assert "lcspr new agency --data tracker ..." in result.stdout


def test_register_typos_exit_2_with_the_closest_and_taken_ids_exit_1() -> None:
    started()
    partner = run("new", "review", "SAM", "--title", "t", "--partnership", "test-spc")
    assert (partner.exit_code, "did you mean `test-scp`?" in partner.stderr) == (2, True)
    taken = run("new", "agency", "test-scp", "--name", "Another")
    assert (taken.exit_code, taken.stderr) == (
        1,
        "lcspr: agency `test-scp` is in agencies.yaml already\n",
    )
    theme = run("new", "review", "SAM", "--title", "t", "--partnership", "test-scp", "--theme", "x")
    assert theme.exit_code == 2 and "needs an id and a title" in theme.stderr
    ended = run("end-agency", "north-counsil", "--on", "2025-03-31")
    assert (ended.exit_code, "did you mean `north-council`?" in ended.stderr) == (2, True)


def test_a_register_change_that_would_not_check_prints_the_problems(tmp_path: Path) -> None:
    started()
    before = (tmp_path / "data/reviews.yaml").read_bytes()
    result = run("new", "review", "sam", "--title", "t", "--partnership", "test-scp")
    assert result.exit_code == 1
    where, hint, refusal = result.stderr.splitlines()
    assert re.fullmatch(
        r"data/reviews\.yaml:\d+:\d+: invalid-id `sam` is not a valid review id", where
    )
    assert hint == "    hint: write it like `LEO`"
    assert refusal.startswith("lcspr: not written: reviews.yaml would have the errors above")
    assert (tmp_path / "data/reviews.yaml").read_bytes() == before


def test_end_agency_takes_its_successors_after_one_option(tmp_path: Path) -> None:
    started()
    result = run(
        "end-agency", "north-council", "--on", "2025-05-31",
        "--replaced-by", "south-council", "test-scp",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "north-council: ends on 2025-05-31, replaced by south-council, test-scp "
        "(data/agencies.yaml)\n"
    )
    text = (tmp_path / "data/agencies.yaml").read_text()
    assert "    until: 2025-05-31\n    replaced_by: [south-council, test-scp]\n" in text
    stray = run("end-agency", "south-council", "--on", "2025-05-31", "test-scp")
    assert stray.exit_code == 2 and "with --replaced-by AGENCY" in stray.stderr


def test_end_agency_notes_the_open_work_it_leaves_unowned(tmp_path: Path) -> None:
    started()
    run(
        "new", "recommendation", "--review", "TEST", "--number", "1", "--title", "Roles",
        "--owner", "north-council", "--due", "2026-03-31", "--text", "For the partnership.",
    )  # fmt: skip
    result = run("end-agency", "north-council", "--on", "2025-05-31", "--replaced-by", "test-scp")
    assert result.exit_code == 0
    assert result.stderr == (
        "data/agencies.yaml:11:5: note `north-council` owns 1 open item, unowned from "
        "2025-06-01: TEST-1; give each a new owner with lcspr set-owner ID AGENCY\n"
    )


@pytest.mark.parametrize(
    "command",
    [["init"], ["new", "review"], ["new", "agency"], ["end-agency"], ["set-status"]],
)
def test_the_help_of_a_new_command_ends_with_examples(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    ending = result.stdout.rstrip().split("\n\n")[-1].splitlines()
    assert ending[0] == "  Examples:"
    examples = [line for line in ending[1:] if line.startswith("    lcspr ")]
    assert 1 <= len(examples) <= 3
    assert all(line.startswith(("    lcspr ", "        ")) for line in ending[1:])


def test_the_readme_s_first_steps_work_as_written(tmp_path: Path) -> None:
    assert run("init").exit_code == 0
    readme = (tmp_path / "data/README.md").read_text()
    block = readme.split("## Getting started\n\n```\n", 1)[1].split("```", 1)[0]
    commands = [shlex.split(line) for line in block.replace("\\\n", " ").splitlines()]
    assert [words[:3] for words in commands][:3] == [["lcspr", "new", "agency"]] * 2 + [
        ["lcspr", "new", "review"]
    ]
    for words in commands:
        result = CliRunner().invoke(
            app,
            words[1:],
            input="For the partnership to seek assurance.\n",
            env={"NO_COLOR": "1", "LCSPR_TODAY": "2025-07-01"},
        )
        assert result.exit_code == 0, (words, result.output)

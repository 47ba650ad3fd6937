"""The command line, driven as a user would: exit codes and the lines they read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Protocol

import pytest
from typer.models import CommandInfo
from typer.testing import CliRunner, Result

from conftest import REPOSITORY, edit
from lcspr_cli import __version__
from lcspr_cli.cli import app

REC = "recommendations/TEST/TEST-1.yaml"


class Run(Protocol):
    def __call__(self, *args: str, env: dict[str, str] | None = None) -> Result: ...


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    """Run lcspr in tmp_path with a fixed terminal and no colour or CI environment."""
    monkeypatch.chdir(tmp_path)
    for name in ("LCSPR_DATA", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        fixed = {"NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
        return runner.invoke(app, list(args), env=fixed)

    return invoke


def test_clean_data_exits_0_with_a_summary(run: Run, data_folder: Path) -> None:
    result = run("check", "--as-of", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == "No problems: 3 files checked (1 recommendation, 2 actions).\n"


def test_problems_print_as_file_line_column_with_hint(run: Run, data_folder: Path) -> None:
    edit(data_folder, REC, "owner: test-icb", "owner: test-ibc")
    result = run("check", "--as-of", "2025-06-01")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "data/recommendations/TEST/TEST-1.yaml:31:12: unknown-agency agency `test-ibc` is not in "
        "agencies.yaml",
        "    hint: did you mean `test-icb`?",
        "Found 1 error in 1 file; 3 files checked (1 recommendation, 2 actions).",
    ]


def test_json_output(run: Run, data_folder: Path) -> None:
    edit(data_folder, REC, "due: 2025-12-31", "due: 31/12/2025")
    result = run("check", "--as-of", "2025-06-01", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "ok": False,
        "problems": [
            {
                "code": "invalid-date",
                "severity": "error",
                "message": "`due`: `31/12/2025` is not in the form YYYY-MM-DD",
                "hint": "write 2025-12-31 (lcspr does not guess at other forms); a target date "
                "is a day (2026-03-31), a month (2026-03) or a financial quarter (2026/27-Q4)",
                "file": "data/recommendations/TEST/TEST-1.yaml",
                "line": 10,
                "column": 6,
            }
        ],
    }


def test_github_annotations_are_chosen_in_github_actions_and_escaped(
    run: Run, data_folder: Path
) -> None:
    edit(data_folder, REC, "status: in-progress\n\n", "status: complet\n\n")
    result = run("check", "--as-of", "2025-06-01", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=data/recommendations/TEST/TEST-1.yaml,line=11,col=9,title=invalid-value::"
        "`status` is `complet`, which is not allowed; use one of: open, in-progress, complete, "
        "assured, closed%0Ahint: did you mean `complete`?"
    )


def test_warnings_pass_unless_strict(run: Run, data_folder: Path) -> None:
    edit(data_folder, REC, "status: in-progress\n\n", "status: complete\n\n")
    relaxed = run("check", "--as-of", "2025-06-01", "--format", "json")
    assert relaxed.exit_code == 0
    assert json.loads(relaxed.stdout)["ok"] is True
    assert json.loads(relaxed.stdout)["problems"][0]["severity"] == "warning"
    strict = run("check", "--as-of", "2025-06-01", "--format", "json", "--strict")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["ok"] is False


def test_data_option_and_environment_variable(run: Run, data_folder: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "tracker"
    moved.parent.mkdir()
    data_folder.rename(moved)
    assert run("check", "--as-of", "2025-06-01").exit_code == 2
    assert run("check", "--as-of", "2025-06-01", "--data", str(moved)).exit_code == 0
    assert run("check", "--as-of", "2025-06-01", env={"LCSPR_DATA": str(moved)}).exit_code == 0


def test_no_data_folder_is_one_line_and_exit_2(run: Run) -> None:
    result = run("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("lcspr: no data folder found: looked for data/agencies.yaml in ")


def test_a_bad_as_of_date_is_a_usage_error(run: Run, data_folder: Path) -> None:
    result = run("check", "--as-of", "31/12/2025")
    assert result.exit_code == 2
    assert "2025-12-31" in result.stderr


def test_bad_format_is_a_usage_error(run: Run, data_folder: Path) -> None:
    assert run("check", "--format", "xml").exit_code == 2


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"lcspr {__version__}\n")


READING_COMMANDS = [
    ["check"],
    ["status"],
    ["overdue"],
    ["unowned"],
    ["missing-evidence"],
    ["show", "TEST-1"],
    ["agencies"],
    ["summary", "--quarter", "2025/26-Q1"],
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: c[0])
def test_the_cache_is_kept_beside_the_data_folder_unless_turned_off(
    run: Run, data_folder: Path, command: list[str]
) -> None:
    for path in data_folder.rglob("*"):  # files as old as real ones: the cache keeps them
        os.utime(path, (path.stat().st_mtime - 3600,) * 2)
    cache = data_folder.parent / ".lcspr-cache"
    assert run(*command, "--no-cache").exit_code == 0
    assert run(*command, env={"LCSPR_NO_CACHE": "1"}).exit_code == 0
    assert not cache.exists()
    first = run(*command)
    assert first.exit_code == 0
    assert any(p.suffix == ".pickle" for p in cache.iterdir())
    assert (cache / ".gitignore").is_file()
    assert run(*command).stdout == first.stdout


def test_every_command_has_help_and_documentation(run: Run) -> None:
    commands = (REPOSITORY / "docs" / "commands.md").read_text()
    every: list[tuple[list[str], CommandInfo]] = [([], c) for c in app.registered_commands] + [
        ([group.name or ""], command)
        for group in app.registered_groups
        if group.typer_instance is not None
        for command in group.typer_instance.registered_commands
    ]
    assert len(every) >= 15
    for prefix, command in every:
        assert command.callback is not None and command.callback.__doc__
        name = " ".join([*prefix, command.name or command.callback.__name__])
        result = run(*name.split(), "--help")
        assert result.exit_code == 0, name
        ending = result.stdout.rstrip().split("\n\n")[-1]  # the help ends with examples
        assert ending.lstrip().startswith("Examples:\n"), name
        assert ending.splitlines()[1].strip().startswith("lcspr "), name
        assert f"## `lcspr {name}`" in commands, f"docs/commands.md lacks lcspr {name}"


def test_top_level_help_groups_the_commands_and_gives_each_its_whole_line(run: Run) -> None:
    text = run("--help", env={"COLUMNS": "120"}).stdout
    sections = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert sections[-3:] == ["Reports:", "Editing:", "Set-up and CI:"]
    flat = " ".join(text.split())
    assert "..." not in text.split("\n", 1)[1]  # no description is cut short
    assert (
        "agencies Per agency: recommendations and actions it owns, how many are open, overdue "
        "or missing evidence, and whether it has ended (with its successors)." in flat
    )


def test_shell_completion_completes_command_names(tmp_path: Path) -> None:
    env = {**os.environ, "_LCSPR_COMPLETE": "complete_bash", "COMP_WORDS": "lcspr sta"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lcspr")],  # the installed command, as a shell runs it
        env={**env, "COMP_CWORD": "1"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.stdout.split() == ["status"]


def test_bundled_leo_data_passes_check(run: Run, bundled_data: Path) -> None:
    result = run("check", "--data", str(bundled_data), "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "12 recommendations" in result.stdout


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lcspr_cli", "--version"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, f"lcspr {__version__}\n")


def test_an_internal_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_folder: Path
) -> None:
    import lcspr_cli.pipeline
    from lcspr_cli.cli import main

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(lcspr_cli.pipeline, "check_folder", broken)
    monkeypatch.setattr(sys, "argv", ["lcspr", "check", "--data", str(data_folder)])
    monkeypatch.delenv("LCSPR_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 3
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err
    assert "Traceback" not in err


def test_a_run_builds_only_the_command_it_names_and_says_the_same(run: Run) -> None:
    """main() runs an app holding just the command named (Typer builds every command's
    options first); its help and its work read as the whole app's do."""
    from lcspr_cli.cli.app import app_for

    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    for name in [*names, "new"]:
        one = app_for([name, "--help"])
        assert one is not app and len(one.registered_commands) + len(one.registered_groups) == 1
        alone = CliRunner().invoke(one, [name, "--help"], env={"COLUMNS": "100"})
        whole = run(name, "--help", env={"COLUMNS": "100"})
        assert (alone.exit_code, alone.stdout) == (whole.exit_code, whole.stdout), name
    sub = CliRunner().invoke(app_for(["new", "review", "--help"]), ["new", "review", "--help"])
    assert sub.stdout == run("new", "review", "--help").stdout
    for arguments in ([], ["--version", "--help"], ["-h"], ["chek"], ["check-"]):
        assert app_for(arguments) is app, arguments
    bare = app_for(["--version"])  # prints the version before any command would run
    assert not bare.registered_commands and not bare.registered_groups
    assert CliRunner().invoke(bare, ["--version"]).stdout == run("--version").stdout


def test_shell_completion_always_has_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from lcspr_cli.cli.app import app_for

    monkeypatch.setenv("_LCSPR_COMPLETE", "complete_bash")
    assert app_for(["status"]) is app

"""`lcspr check` (with its CI options) and `lcspr schema`."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    AsOfOption,
    CheckFormat,
    DataOption,
    NoCacheOption,
    app,
    data_folder,
    fail,
    format_metavar,
    format_parser,
    today,
)

if TYPE_CHECKING:
    from ..pipeline import CheckResult


def _parse_fail_on(value: str) -> str:
    from ..queries.findings import FINDING_CODES

    names = [name.strip() for name in value.split(",") if name.strip()]
    allowed = list(FINDING_CODES.values())
    for name in names:
        if name not in allowed:
            raise typer.BadParameter(f"`{name}` is not one of: {', '.join(allowed)}")
    return ",".join(names)


@app.command()
def check(
    data: DataOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            parser=format_parser(CheckFormat),
            metavar=format_metavar(CheckFormat),
            help="text, json, github (workflow annotations), gitlab (code quality report), "
            "sarif or junit (JUnit XML). Default: github when GITHUB_ACTIONS=true, else text.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1 on any).")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            parser=_parse_fail_on,
            metavar="overdue,unowned,missing-evidence",
            help="Also fail on these findings of the reports, each listed as a problem.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REF",
            help="Report only what is new compared with the data at this git revision "
            "(e.g. origin/main), for pull requests.",
            show_default=False,
        ),
    ] = None,
    job_summary: Annotated[
        bool | None,
        typer.Option(
            "--job-summary/--no-job-summary",
            help="Append a markdown summary to $GITHUB_STEP_SUMMARY, when it is set. "
            "Default: only with --format github, so that a job that also writes SARIF or "
            "JUnit XML shows it once.",
            show_default=False,
        ),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the data files and list every problem with its file and line.

    Read-only: it never changes a data file. Exit code 0 when there are no errors, 1 when
    the data has errors (or warnings, with --strict), 2 when the check could not run.
    The CI formats (github, gitlab, sarif, junit) name files from the top of the git
    repository holding the data folder, wherever lcspr runs; text and json, from the
    current folder.

    \b
    Examples:
      lcspr check
      lcspr check --format sarif > lcspr.sarif
      lcspr check --since origin/main --fail-on overdue
    """
    from ..load.revision import GitFailed
    from ..locate import repository_top
    from ..pipeline import check_for_ci
    from ..queries.findings import FINDING_CODES
    from ..render import problems

    root = data_folder(data)
    day = as_of or today()
    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = CheckFormat.GITHUB if github else CheckFormat.TEXT
    if job_summary is None:
        job_summary = output_format is CheckFormat.GITHUB
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY") if job_summary else None
    kinds = [kind for kind, name in FINDING_CODES.items() if name in (fail_on or "").split(",")]
    try:
        result, report = check_for_ci(
            root, day, kinds, since, with_report=bool(summary_file), use_cache=not no_cache
        )
    except GitFailed as error:
        fail(f"--since {since}: {error}")
    base = repository_top(root) or Path.cwd()  # where GitHub and GitLab name files from
    if output_format is CheckFormat.TEXT and not result.problems and not since:
        typer.echo(problems.summary_line(result))  # all clean: one plain line, no rich
    elif output_format is CheckFormat.TEXT:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True)
        for text in problems.render_text(result, strict=strict):
            console.print(text)
        if since:
            console.print(f"(Only what is new since {since} is shown.)", markup=False)
    elif output_format is CheckFormat.JSON:
        typer.echo(problems.render_json(result, strict=strict))
    elif output_format is CheckFormat.GITHUB:
        for line in problems.render_github(result, base, strict=strict):
            typer.echo(line)
    else:
        typer.echo(_ci_report(output_format, result, base, day, strict))
    if summary_file and report is not None:
        from ..render import ci

        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(ci.render_step_summary(result, report, base, since) + "\n")
    failed = result.problems if strict else result.errors
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _ci_report(
    output_format: CheckFormat, result: CheckResult, base: Path, day: date, strict: bool
) -> str:
    if output_format is CheckFormat.GITLAB:
        from ..render.ci import render_gitlab

        return render_gitlab(result, base, strict=strict)
    if output_format is CheckFormat.SARIF:
        from ..render.sarif import render_sarif

        return render_sarif(result, base, strict=strict)
    from ..render.junit import render_junit

    return render_junit(result, base, day, strict=strict)


@app.command()
def schema(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder to write the schema files to."),
    ] = Path("schemas"),
) -> None:
    """Write the JSON Schema files of the data files, for editors.

    Name a schema in a data file's first line, e.g. `# yaml-language-server:
    $schema=../schemas/lcspr-agencies.schema.json`, and VS Code completes field names and
    flags typos as you type. Files already up to date are left alone.

    \b
    Examples:
      lcspr schema
      lcspr schema --output ../schemas
    """
    from ..edit.write import WriteRefused, write_if_changed
    from ..records.schema import json_schemas

    try:
        output.mkdir(parents=True, exist_ok=True)
        for name, text in json_schemas().items():
            changed = write_if_changed(output / name, text.encode("utf-8"))
            typer.echo(f"{'wrote' if changed else 'up to date:'} {output / name}")
    except (OSError, WriteRefused) as error:
        fail(f"cannot write the schema files: {error}", EXIT_PROBLEMS)

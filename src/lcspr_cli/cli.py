"""The command line: parse options, call the library, render, choose the exit code.

This is the only module that imports typer, and the only place that turns a result
into an exit code: 0 all well, 1 problems in the data, 2 the command could not run.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from . import __version__
from .locate import DataFolderNotFound, locate_data

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

app = typer.Typer(
    name="lcspr",
    help="Track the recommendations of Local Child Safeguarding Practice Reviews: who owns "
    "each action, what is overdue, and what evidence shows it was done.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _parse_date(value: str) -> date:
    from pydantic_core import PydanticCustomError

    from .models import parse_iso_date

    try:
        return parse_iso_date(value)
    except PydanticCustomError as error:
        hint = (error.context or {}).get("hint", "")
        raise typer.BadParameter(
            f"{error.message()}; {hint}" if hint else error.message()
        ) from None


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="The data folder (holding agencies.yaml). Default: $LCSPR_DATA, else the "
        "nearest data/ folder here or above.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    date | None,
    typer.Option(
        "--as-of",
        parser=_parse_date,
        metavar="YYYY-MM-DD",
        help="Check as on this day instead of today.",
        show_default=False,
    ),
]


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lcspr {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Track the recommendations of Local Child Safeguarding Practice Reviews."""


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"lcspr: {message}", markup=False)
    raise typer.Exit(code)


def _data_folder(explicit: Path | None) -> Path:
    try:
        return locate_data(explicit, os.environ, Path.cwd())
    except DataFolderNotFound as error:
        _fail(str(error))


@app.command()
def check(
    data: DataOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            help="text, json, or github (workflow annotations). Default: github when "
            "GITHUB_ACTIONS=true, else text.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1 on any).")
    ] = False,
) -> None:
    """Check the data files and list every problem with its file and line.

    Read-only: it never changes a file. Exit code 0 when there are no errors, 1 when the
    data has errors (or warnings, with --strict), 2 when the check could not run.
    """
    from .check import check as run_check
    from .render.problems import render_github, render_json, render_text

    root = _data_folder(data)
    result = run_check(root, as_of or date.today())
    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = CheckFormat.GITHUB if github else CheckFormat.TEXT
    cwd = Path.cwd()
    if output_format is CheckFormat.JSON:
        typer.echo(render_json(result, cwd, strict=strict))
    elif output_format is CheckFormat.GITHUB:
        for line in render_github(result, cwd, strict=strict):
            typer.echo(line)
    else:
        console = Console(highlight=False, soft_wrap=True)
        for text in render_text(result, cwd, strict=strict):
            console.print(text)
    failed = result.problems if strict else result.errors
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def main() -> None:
    """Run the command line; an unexpected failure is one line, not a traceback."""
    try:
        app()
    except Exception as error:  # a bug in lcspr, not in the data: say so plainly
        if os.environ.get("LCSPR_DEBUG"):
            raise
        print(
            f"lcspr: internal error ({type(error).__name__}: {error}). This is a bug in "
            "lcspr, not in your data; run again with LCSPR_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)

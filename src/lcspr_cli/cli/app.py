"""What the commands share: the app, its common options, and the helpers that print
and exit."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from .. import __version__
from ..locate import DataFolderNotFound, locate_data

if TYPE_CHECKING:  # rich is imported when there is something to print
    from rich.console import Console, RenderableType

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Reports",
        ("status", "overdue", "unowned", "missing-evidence", "show", "due", "chase",
         "agencies", "themes", "summary", "history", "trend"),
    ),
    (
        "Editing",
        ("set-status", "add-update", "add-evidence", "revise-due", "set-owner", "new",
         "end-agency"),
    ),
    ("Set-up and CI", ("init", "check", "import", "export", "schema")),
)  # fmt: skip
"""How `lcspr --help` groups the commands; any other command is listed last."""


class _Grouped(TyperGroup):
    """Lists the commands in groups, each with its whole one-line description."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # click's, vendored or not
        commands = {
            name: command
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        }
        listed = {name for _, names in GROUPS for name in names}
        groups = [*GROUPS, ("Other commands", tuple(sorted(set(commands) - listed)))]
        for title, names in groups:
            rows = [(n, commands[n].get_short_help_str(limit=1000)) for n in names if n in commands]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


app = typer.Typer(
    name="lcspr",
    cls=_Grouped,
    help="Track the recommendations of Local Child Safeguarding Practice Reviews: who owns "
    "each action, what is overdue, and what evidence shows it was done.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120},
)


TODAY_VARIABLE = "LCSPR_TODAY"


def _plain_day(value: str) -> date | None:
    """A date written YYYY-MM-DD, read without the models (most are): None otherwise."""
    if len(value) == 10 and value[4] == value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def parse_date(value: str) -> date:
    day = _plain_day(value)
    if day is not None:
        return day
    from ..records.dates import BadDate, parse_day  # says what is wrong, and how to write it

    try:
        return parse_day(value)
    except BadDate as error:
        raise typer.BadParameter(str(error)) from None


def parse_target_date(value: str) -> date:
    from ..records.dates import BadDate, parse_target

    try:
        return parse_target(value)
    except BadDate as error:
        raise typer.BadParameter(str(error)) from None


def today() -> date:
    """Today: the one place lcspr reads the clock. LCSPR_TODAY=YYYY-MM-DD sets it, so that
    demos, tests and documentation give the same output on any day."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if not fixed:
        return date.today()
    day = _plain_day(fixed)
    if day is not None:
        return day
    from ..records.dates import BadDate, parse_day

    try:
        return parse_day(fixed)
    except BadDate as error:
        fail(f"{TODAY_VARIABLE} is `{fixed}`: {error}")


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
        parser=parse_date,
        metavar="YYYY-MM-DD",
        help="Check as on this day instead of today ($LCSPR_TODAY, else the clock).",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="LCSPR_NO_CACHE",
        help="Read every file afresh, neither using nor updating the cache of unchanged "
        "files (.lcspr-cache/ beside the data folder).",
    ),
]


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    GITLAB = "gitlab"
    SARIF = "sarif"
    JUNIT = "junit"


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


F = TypeVar("F", bound=StrEnum)


def format_parser(formats: type[F]) -> Callable[[str], F]:
    """The parser of a --format option: one of `formats`, or a usage error (exit 2) that
    names them all."""
    names = [str(each) for each in formats]
    choices = f"{', '.join(names[:-1])} or {names[-1]}"

    def parse(value: str) -> F:
        try:
            return formats(value)
        except ValueError:
            raise typer.BadParameter(
                f"`{value}` is not a format lcspr writes; choose {choices}"
            ) from None

    return parse


def format_metavar(formats: type[StrEnum]) -> str:
    """How --help shows a --format option's choices: `<text|json|...>`."""
    return "<" + "|".join(str(each) for each in formats) + ">"


ReviewOption = Annotated[
    list[str] | None,
    typer.Option(
        "--review",
        metavar="ID",
        help="Only this review (e.g. LEO); repeat for more.",
        show_default=False,
    ),
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner", metavar="AGENCY", help="Only what this agency owns.", show_default=False
    ),
]
FormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        parser=format_parser(ReportFormat),
        metavar=format_metavar(ReportFormat),
        help="table (for people), json (for scripts) or markdown (for documents).",
    ),
]
DueSoonOption = Annotated[
    int,
    typer.Option("--due-soon", metavar="DAYS", min=0, help="Amber when due within this many days."),
]
StaleOption = Annotated[
    int,
    typer.Option(
        "--stale",
        metavar="DAYS",
        min=1,
        help="Amber when an open action has had no update for more than this many days.",
    ),
]


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


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(f"lcspr: {message}", markup=False)
    raise typer.Exit(code)


def data_folder(explicit: Path | None) -> Path:
    try:
        return locate_data(explicit, os.environ, Path.cwd())
    except DataFolderNotFound as error:
        fail(str(error))


def require(value: str, known: list[str], what: str, otherwise: str) -> None:
    """Stop with exit code 2 when `value` is not one of `known`."""
    if value not in known:
        unknown(value, known, what, otherwise)


def unknown(value: str, known: list[str], what: str, otherwise: str) -> NoReturn:
    """Stop with exit code 2, suggesting the closest of `known` to `value`."""
    from ..wording import did_you_mean

    fail(f"no {what} `{value}`; {did_you_mean(value, known) or otherwise}")


UNLIMITED = 1_000_000
"""The width of output to a pipe or a file: as wide as it needs, never cut or wrapped."""


def console() -> Console:
    """The terminal's console; for a pipe or a file, one as wide as the output needs
    (unless COLUMNS asks for a width)."""
    from rich.console import Console

    terminal = Console(highlight=False)
    if terminal.is_terminal or os.environ.get("COLUMNS", "").strip().isdigit():
        return terminal
    return Console(highlight=False, width=UNLIMITED, color_system=None)


def print_out(renderable: RenderableType | str) -> None:
    if isinstance(renderable, str):
        typer.echo(renderable.rstrip("\n"))
        return
    out = console()
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as captured:  # no padding at the ends of lines in a file
        out.print(renderable)
    typer.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def emit(
    output_format: ReportFormat,
    all_valid: bool,
    *,
    as_json: Callable[[], str],
    as_markdown: Callable[[], str],
    as_table: Callable[[int], RenderableType],
) -> NoReturn:
    """Print a report in the chosen format, then exit: 1 when some files had errors."""
    if output_format is ReportFormat.JSON:
        print_out(as_json())
    elif output_format is ReportFormat.MARKDOWN:
        print_out(as_markdown())
    else:
        print_out(as_table(console().width))
    raise typer.Exit(EXIT_OK if all_valid else EXIT_PROBLEMS)


EXAMPLES = "\n\b\nExamples:"


def examples_last(typer_app: typer.Typer) -> None:
    """Put the examples that end each command's docstring at the end of its help, after
    the options, where people look for them (click shows the docstring first)."""
    import inspect

    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            examples_last(group.typer_instance)
    for command in typer_app.registered_commands:
        written = command.help or (command.callback.__doc__ if command.callback else None)
        doc = inspect.cleandoc(written or "")
        if EXAMPLES in doc and command.epilog is None:
            text, examples = doc.split(EXAMPLES, 1)
            command.help = text.rstrip()
            command.epilog = "\b\nExamples:" + examples


def main() -> None:
    """Run the command line; an unexpected failure is one line, not a traceback."""
    # A short-lived process that builds many small objects and few reference cycles:
    # the cyclic garbage collector's passes cost a third of a large check, and free
    # almost nothing.
    gc.disable()
    try:
        app_for(sys.argv[1:])()
    except Exception as error:  # a bug in lcspr, not in the data: say so plainly
        if os.environ.get("LCSPR_DEBUG"):
            raise
        print(
            f"lcspr: internal error ({type(error).__name__}: {error}). This is a bug in "
            "lcspr, not in your data; run again with LCSPR_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)


def app_for(arguments: Sequence[str]) -> typer.Typer:
    """The app holding only the command that `arguments` name. Typer builds the options of
    every command an app holds before it runs one: some 40 ms for all of lcspr's, nearly
    half of what a clean check of a partnership's folder takes. For anything else (no
    command, an option first, a name that is not a command, shell completion), the
    whole app, which says what is wrong and lists the commands; and for `--version`
    alone, an app holding no command (it prints the version before any would run)."""
    from copy import copy

    if "_LCSPR_COMPLETE" in os.environ:
        return app
    if list(arguments) == ["--version"]:
        bare = copy(app)
        bare.registered_commands, bare.registered_groups = [], []
        return bare
    if not arguments or arguments[0].startswith("-"):
        return app
    from typer.main import get_command_name

    wanted = arguments[0]
    commands = [
        command
        for command in app.registered_commands
        if command.callback is not None
        and (command.name or get_command_name(command.callback.__name__)) == wanted
    ]
    groups = [group for group in app.registered_groups if group.name == wanted]
    if len(commands) + len(groups) != 1:
        return app
    one = copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one

"""The command line: parse options, call the library, render, choose the exit code.

This is the only module that imports typer, and the only place that turns a result
into an exit code: 0 all well, 1 problems in the data, 2 the command could not run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console, RenderableType

from . import __version__
from .locate import DataFolderNotFound, locate_data

if TYPE_CHECKING:
    from .check import CheckResult
    from .editing import Change, Operation
    from .query import Report

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
    GITLAB = "gitlab"
    SARIF = "sarif"


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


ReviewOption = Annotated[
    str | None,
    typer.Option("--review", metavar="ID", help="Only this review (e.g. LEO).", show_default=False),
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


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"lcspr: {message}", markup=False)
    raise typer.Exit(code)


def _data_folder(explicit: Path | None) -> Path:
    try:
        return locate_data(explicit, os.environ, Path.cwd())
    except DataFolderNotFound as error:
        _fail(str(error))


def _parse_fail_on(value: str) -> str:
    from .ci import FINDING_CODES

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
            help="text, json, github (workflow annotations), gitlab (code quality report) "
            "or sarif. Default: github when GITHUB_ACTIONS=true, else text.",
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
) -> None:
    """Check the data files and list every problem with its file and line.

    Read-only: it never changes a data file. Exit code 0 when there are no errors, 1 when
    the data has errors (or warnings, with --strict), 2 when the check could not run.
    When GITHUB_STEP_SUMMARY is set, a markdown summary is appended to that file.
    """
    from .ci import FINDING_CODES, GitFailed, check_for_ci
    from .render import ci, problems

    root = _data_folder(data)
    day = as_of or date.today()
    kinds = [kind for kind, name in FINDING_CODES.items() if name in (fail_on or "").split(",")]
    try:
        result, report = check_for_ci(root, day, kinds, since)
    except GitFailed as error:
        _fail(f"--since {since}: {error}")
    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = CheckFormat.GITHUB if github else CheckFormat.TEXT
    cwd = Path.cwd()
    if output_format is CheckFormat.TEXT:
        console = Console(highlight=False, soft_wrap=True)
        for text in problems.render_text(result, cwd, strict=strict):
            console.print(text)
        if since:
            console.print(f"(Only what is new since {since} is shown.)", markup=False)
    elif output_format is CheckFormat.GITHUB:
        for line in problems.render_github(result, cwd, strict=strict):
            typer.echo(line)
    else:
        render = {
            CheckFormat.JSON: problems.render_json,
            CheckFormat.GITLAB: ci.render_gitlab,
            CheckFormat.SARIF: ci.render_sarif,
        }[output_format]
        typer.echo(render(result, cwd, strict=strict))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(ci.render_step_summary(result, report, cwd, since) + "\n")
    failed = result.problems if strict else result.errors
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _report(
    data: Path | None,
    as_of: date | None,
    review: str | None,
    owner: str | None,
    due_soon: int,
    stale: int,
) -> tuple[Report, bool]:
    """Build the filtered report; say on stderr which files have errors.

    Returns the report and whether every file was valid.
    """
    from .query import Settings
    from .reports import report as build

    root = _data_folder(data)
    today = date.today()
    result = build(root, as_of or today, today, Settings(due_soon, stale))
    dataset = result.check.dataset
    if review is not None:
        _require(review, [r.record.id for r in dataset.reviews], "review", "see reviews.yaml")
    if owner is not None:
        _require(owner, [a.record.id for a in dataset.agencies], "agency", "see lcspr agencies")
    return result.report.filtered(review, owner), _say_invalid(result.check)


def _say_invalid(result: CheckResult) -> bool:
    """Name on stderr the files with errors, and those left out; True when there are none."""
    from .render.problems import display_path

    def names(paths: tuple[Path, ...]) -> str:
        return ", ".join(display_path(path, Path.cwd()) for path in paths)

    if not result.invalid_files:
        return True
    message = f"lcspr: files with errors: {names(result.invalid_files)}. Run lcspr check."
    if result.unread_files:
        message += f" Left out of this report: {names(result.unread_files)}."
    Console(stderr=True, highlight=False, soft_wrap=True).print(message, markup=False)
    return False


def _require(value: str, known: list[str], what: str, otherwise: str) -> None:
    """Stop with exit code 2 when `value` is not one of `known`."""
    if value not in known:
        _unknown(value, known, what, otherwise)


def _unknown(value: str, known: list[str], what: str, otherwise: str) -> NoReturn:
    """Stop with exit code 2, suggesting the closest of `known` to `value`."""
    from .validate import did_you_mean

    _fail(f"no {what} `{value}`; {did_you_mean(value, known) or otherwise}")


def _console() -> Console:
    return Console(highlight=False)


def _print(renderable: RenderableType | str) -> None:
    if isinstance(renderable, str):
        typer.echo(renderable.rstrip("\n"))
    else:
        _console().print(renderable)


def _emit(
    output_format: ReportFormat,
    all_valid: bool,
    *,
    as_json: Callable[[], str],
    as_markdown: Callable[[], str],
    as_table: Callable[[int], RenderableType],
) -> NoReturn:
    """Print a report in the chosen format, then exit: 1 when some files had errors."""
    if output_format is ReportFormat.JSON:
        _print(as_json())
    elif output_format is ReportFormat.MARKDOWN:
        _print(as_markdown())
    else:
        _print(as_table(_console().width))
    raise typer.Exit(EXIT_OK if all_valid else EXIT_PROBLEMS)


@app.command()
def status(
    data: DataOption = None,
    as_of: AsOfOption = None,
    review: ReviewOption = None,
    owner: OwnerOption = None,
    output_format: FormatOption = ReportFormat.TABLE,
    due_soon: DueSoonOption = 30,
    stale: StaleOption = 90,
) -> None:
    """One line per recommendation: owner, status, RAG, progress, next due date and flags.

    RAG is computed from dates, owners and evidence, never typed in. Exit code 0 whatever
    it finds; 1 when some files have errors (named on stderr).
    """
    from .render import reports as render

    report, valid = _report(data, as_of, review, owner, due_soon, stale)
    _emit(
        output_format,
        valid,
        as_json=lambda: render.status_json(report, Path.cwd()),
        as_markdown=lambda: render.status_markdown(report),
        as_table=lambda width: render.status_table(report, width),
    )


def _findings_command(kind_name: str, name: str, summary: str) -> None:
    def command(
        data: DataOption = None,
        as_of: AsOfOption = None,
        review: ReviewOption = None,
        owner: OwnerOption = None,
        output_format: FormatOption = ReportFormat.TABLE,
    ) -> None:
        from .query import Kind
        from .render import reports as render

        kind = Kind(kind_name)
        report, valid = _report(data, as_of, review, owner, 30, 90)
        _emit(
            output_format,
            valid,
            as_json=lambda: render.findings_json(kind, report, Path.cwd()),
            as_markdown=lambda: render.findings_markdown(kind, report),
            as_table=lambda width: render.findings_table(kind, report, width),
        )

    command.__doc__ = summary
    app.command(name)(command)


_findings_command(
    "overdue",
    "overdue",
    """Actions and recommendations past their due date, most days overdue first.

    An action is overdue when it is not complete or dropped and its due date (its revised
    due date, when set) is before the as-of date; a recommendation, when it is not assured
    or closed and its due date has passed. Due today is not overdue.
    """,
)
_findings_command(
    "unowned",
    "unowned",
    """Open work with no owner, an owner not in agencies.yaml, or an owner that has ended.

    For an agency that has ended, it names the agencies that took over its work,
    following chains of successors.
    """,
)
_findings_command(
    "missing-evidence",
    "missing-evidence",
    """Complete actions without evidence, assured or closed recommendations without
    assurance evidence, and evidence files that are not in the data folder.
    """,
)


@app.command()
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A recommendation or action id.")],
    data: DataOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.TABLE,
    due_soon: DueSoonOption = 30,
    stale: StaleOption = 90,
) -> None:
    """One recommendation or action in full: text, owner, dates, status, RAG and why,
    actions, evidence, and updates (newest first)."""
    from .render import show as render

    report, valid = _report(data, as_of, None, None, due_soon, stale)
    view = render.find(report, ident)
    if view is None:
        ids = [v.item.id for v in report.recommendations] + [
            a.item.id for v in report.recommendations for a in v.actions
        ]
        _unknown(ident.upper(), ids, "recommendation or action", "see lcspr status")
    found = view
    _emit(
        output_format,
        valid,
        as_json=lambda: render.show_json(found, report, Path.cwd()),
        as_markdown=lambda: render.show_markdown(found, report),
        as_table=lambda width: render.show_text(found, report, width),
    )


@app.command()
def agencies(
    data: DataOption = None,
    as_of: AsOfOption = None,
    review: ReviewOption = None,
    owner: OwnerOption = None,
    output_format: FormatOption = ReportFormat.TABLE,
) -> None:
    """Per agency: recommendations and actions it owns, how many are open, overdue or
    missing evidence, and whether it has ended (with its successors)."""
    from .render import reports as render

    report, valid = _report(data, as_of, review, owner, 30, 90)
    _emit(
        output_format,
        valid,
        as_json=lambda: render.agencies_json(report),
        as_markdown=lambda: render.agencies_markdown(report),
        as_table=lambda width: render.agencies_table(report, width),
    )


@app.command()
def summary(
    data: DataOption = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            metavar="YYYY/YY-QN",
            help="The financial-year quarter, e.g. 2025/26-Q2 (July to September 2025). "
            "Default: the latest quarter that ended on or before --as-of.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        date | None,
        typer.Option(
            "--as-of",
            parser=_parse_date,
            metavar="YYYY-MM-DD",
            help="The day the summary is as of. Default: the last day of the quarter.",
            show_default=False,
        ),
    ] = None,
    review: ReviewOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the summary to this file instead of the screen.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an --output file lcspr did not write.")
    ] = False,
) -> None:
    """The quarterly progress summary for the partnership board, as markdown.

    Quarters are UK financial-year quarters. The state at the end of a past quarter is
    rebuilt from the dates in the files, so the summary can be reproduced at any time.
    Never changes the data; --output is written atomically.
    """
    from .output import WriteRefused, write_generated
    from .quarters import BadQuarter, Quarter
    from .render.summary import MARKER, render_summary
    from .reports import summarise

    today = date.today()
    try:
        chosen = Quarter.parse(quarter) if quarter else Quarter.latest_ended(as_of or today)
    except BadQuarter as error:
        _fail(str(error))
    root = _data_folder(data)
    result = summarise(root, chosen, as_of or chosen.end, today, review)
    if review is not None:
        known = [r.record.id for r in result.check.dataset.reviews]
        _require(review, known, "review", "see reviews.yaml")
    valid = _say_invalid(result.check)
    document = render_summary(result.summary)
    if output is None:
        typer.echo(document, nl=False)
    else:
        try:
            write_generated(output, document, MARKER, force=force)
        except WriteRefused as error:
            _fail(str(error))
        typer.echo(f"Wrote the {chosen} summary to {output}.", err=True)
    raise typer.Exit(EXIT_OK if valid else EXIT_PROBLEMS)


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
    """
    from .output import WriteRefused, write_if_changed
    from .schema import json_schemas

    try:
        output.mkdir(parents=True, exist_ok=True)
        for name, text in json_schemas().items():
            changed = write_if_changed(output / name, text.encode("utf-8"))
            typer.echo(f"{'wrote' if changed else 'up to date:'} {output / name}")
    except (OSError, WriteRefused) as error:
        _fail(f"cannot write the schema files: {error}", EXIT_PROBLEMS)


# --- editing commands -------------------------------------------------------------

new_app = typer.Typer(
    help="Add a new recommendation, or a new action to a recommendation.",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")

DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Show the change as a diff and write nothing."),
]
IdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="A recommendation or action id, e.g. LEO-3.2.")
]


def _date_option(name: str, help_text: str) -> Any:
    return typer.Option(name, parser=_parse_date, metavar="YYYY-MM-DD", help=help_text)


def _edit(data: Path | None, dry_run: bool, plan: Callable[[Path, date], Change]) -> NoReturn:
    """Plan a change, then show it (--dry-run) or write it; say what changed in one line.

    Exit codes: 0 written (or nothing to change); 1 refused, with the reason, and nothing
    written; 2 an unknown id, agency, review or status.
    """
    from .editing import UnknownName
    from .output import WriteRefused, replace_file
    from .render.problems import display_path
    from .yamledit import EditError

    root = _data_folder(data)
    try:
        change = plan(root, date.today())
        where = display_path(change.file, Path.cwd())
        if not change.changed:
            typer.echo(change.summary)
        elif dry_run:
            typer.echo(_diff(change, where), nl=False)
            typer.echo("Dry run: nothing was written.", err=True)
        else:
            replace_file(change.file, change.before, change.after)
            typer.echo(f"{change.summary} ({where})")
    except UnknownName as error:
        _fail(str(error))
    except (EditError, WriteRefused) as error:
        _fail(str(error), EXIT_PROBLEMS)
    for warning in change.warnings:
        typer.echo(f"warning: {warning.message}", err=True)
    raise typer.Exit(EXIT_OK)


def _diff(change: Change, where: str) -> str:
    import difflib

    def lines(raw: bytes | None) -> list[str]:
        return raw.decode("utf-8-sig").splitlines(keepends=True) if raw else []

    before = "/dev/null" if change.before is None else f"a/{where}"
    return "".join(
        difflib.unified_diff(lines(change.before), lines(change.after), before, f"b/{where}")
    )


def _on_target(ident: str, operation: Callable[[], Operation]) -> Callable[[Path, date], Change]:
    from .editing import plan

    return lambda root, today: plan(root, today, ident, operation())


@new_app.command("recommendation")
def new_recommendation(
    review: Annotated[str, typer.Option("--review", metavar="ID", help="The review, e.g. LEO.")],
    number: Annotated[
        str, typer.Option("--number", help="Its number as printed in the report: 10 or 2a.")
    ],
    title: Annotated[str, typer.Option("--title", help="A short title for tables.")],
    owner: Annotated[
        str, typer.Option("--owner", metavar="AGENCY", help="The agency accountable.")
    ],
    due: Annotated[date, _date_option("--due", "When assurance is expected.")],
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            help="The recommendation, verbatim from the report. Default: read from standard "
            "input, or from your editor in a terminal.",
            show_default=False,
        ),
    ] = None,
    themes: Annotated[
        list[str] | None,
        typer.Option("--theme", metavar="ID", help="A theme of the review; repeat for more."),
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Create the file of a new recommendation in its review's folder, status open."""
    from .editing import NewRecommendation, plan_new_recommendation

    wording = text if text is not None else _read_text()
    new = NewRecommendation(review, number, title, wording, owner, due, tuple(themes or ()))
    _edit(data, dry_run, lambda root, today: plan_new_recommendation(root, today, new))


def _read_text() -> str:
    """The recommendation's text from standard input, or from $VISUAL / $EDITOR."""
    read = sys.stdin.read() if not sys.stdin.isatty() else _from_editor()
    if not read.strip():
        _fail("no recommendation text: give --text, or pipe the text in")
    return " ".join(read.split())


def _from_editor() -> str:
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        _fail("no recommendation text: give --text, pipe the text in, or set EDITOR")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recommendation.txt"
        path.write_text("")
        if subprocess.run([*shlex.split(editor), str(path)], check=False).returncode != 0:
            _fail(f"the editor ({editor}) did not finish normally; nothing was written")
        return path.read_text(encoding="utf-8")


@new_app.command("action")
def new_action(
    recommendation: Annotated[
        str, typer.Argument(metavar="RECOMMENDATION", help="The recommendation id, e.g. LEO-3.")
    ],
    action: Annotated[str, typer.Option("--action", help="What will be done.")],
    owner: Annotated[
        str, typer.Option("--owner", metavar="AGENCY", help="The agency responsible.")
    ],
    due: Annotated[date, _date_option("--due", "The target date.")],
    lead_role: Annotated[
        str | None,
        typer.Option("--lead-role", help="The lead officer's role title (never a name)."),
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add an action to a recommendation, with the next free id (LEO-3.4), not started."""
    from .editing import new_action as operation

    _edit(
        data, dry_run, _on_target(recommendation, lambda: operation(action, owner, due, lead_role))
    )


@app.command("set-status")
def set_status(
    ident: IdArgument,
    status: Annotated[
        str,
        typer.Argument(
            help="For an action: not-started, in-progress, complete, dropped. For a "
            "recommendation: open, in-progress, complete, assured, closed."
        ),
    ],
    on: Annotated[
        date | None,
        _date_option("--on", "The day it happened: needed for complete, assured, closed."),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why an action is dropped (needed).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="For assured: who accepted the evidence of impact."),
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Set the status of an action or recommendation, filling in the dates it needs.

    complete records completed_on (--on); dropped records dropped_reason (--reason);
    assured adds the assurance (--on, --by) when there is none; closed records closed_on
    (--on). A change the rules forbid is refused with the reason.
    """
    from .editing import set_status as operation

    _edit(data, dry_run, _on_target(ident, lambda: operation(status, on, reason, by)))


@app.command("add-evidence")
def add_evidence(
    ident: IdArgument,
    title: Annotated[str, typer.Option("--title", help="What the document is.")],
    path: Annotated[
        str | None, typer.Option("--path", help="A file under the data folder.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="A web address.")] = None,
    held_by: Annotated[
        str | None,
        typer.Option("--held-by", metavar="AGENCY", help="The agency that keeps the document."),
    ] = None,
    on: Annotated[
        date | None, _date_option("--date", "When it was received (default: today).")
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record evidence for an action, or assurance evidence for a recommendation.

    Say where the document is with exactly one of --path, --url and --held-by.
    """
    from .editing import add_evidence as operation

    when = on or date.today()
    _edit(data, dry_run, _on_target(ident, lambda: operation(title, when, path, url, held_by)))


@app.command("add-update")
def add_update(
    ident: IdArgument,
    note: Annotated[str, typer.Option("--note", help="What happened.")],
    on: Annotated[
        date | None, _date_option("--date", "The day of the update (default: today).")
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add a dated progress update to an action."""
    from .editing import add_update as operation

    when = on or date.today()
    _edit(data, dry_run, _on_target(ident, lambda: operation(note, when)))


@app.command("revise-due")
def revise_due(
    ident: IdArgument,
    new_due: Annotated[
        date,
        typer.Argument(parser=_parse_date, metavar="DATE", help="The new target date."),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why it moved, and who agreed.")],
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Give an action a revised target date, keeping the original, with the reason."""
    from .editing import revise_due as operation

    _edit(data, dry_run, _on_target(ident, lambda: operation(new_due, reason)))


@app.command("set-owner")
def set_owner(
    ident: IdArgument,
    agency: Annotated[str, typer.Argument(metavar="AGENCY", help="The new owner's agency id.")],
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Make an agency the owner of an action or recommendation.

    An agency that has ended is refused, with its successors named.
    """
    from .editing import set_owner as operation

    _edit(data, dry_run, _on_target(ident, lambda: operation(agency)))


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

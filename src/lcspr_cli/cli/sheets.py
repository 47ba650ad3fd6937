"""The bridge from the spreadsheet: `lcspr import` (a tracker in) and `lcspr export` (a
sheet out, for people who live in Excel)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from .app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    AsOfOption,
    DataOption,
    NoCacheOption,
    OwnerOption,
    ReviewOption,
    app,
    data_folder,
    fail,
    require,
    today,
)

if TYPE_CHECKING:
    from ..edit.imported import ImportPlan
    from ..edit.write import Staging
    from ..pipeline import CheckResult
    from ..problems import Problem


@app.command("import")
def import_(
    spreadsheet: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="The tracker: an Excel workbook (.xlsx) or a CSV file (.csv)."
        ),
    ],
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            metavar="NAME",
            help="Read only this sheet (default: every "
            "visible sheet with a heading row lcspr knows).",
        ),
    ] = None,
    review: Annotated[
        str | None,
        typer.Option(
            "--review",
            metavar="ID",
            help="The review the rows are about (default: from an ID column, the sheet's "
            "name, or the only review in reviews.yaml).",
            show_default=False,
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map",
            metavar="MAPPING.yaml",
            help="Headings lcspr does not know, each mapped to a field: `Lead body: owner`.",
            show_default=False,
        ),
    ] = None,
    add_agencies: Annotated[
        bool,
        typer.Option("--add-agencies", help="Add agencies the sheet names to agencies.yaml."),
    ] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Bring the cells that changed into files that exist, as the editing commands "
            "would (without it, an existing file is left as it is).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the files and the problems; write nothing.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Import a tracker spreadsheet: one file per recommendation, in the house style.

    Headings are recognised as published trackers write them (Recommendation, Specific
    actions, Lead agency, Timescale, RAG ...); --map names any other. Dates are read
    day-first, as in England. Every problem names its sheet and cell, and nothing is
    written while there is one. Existing files are never overwritten, so running the
    import again writes nothing new; with --update, the cells that changed become edits.
    Exit code 0 written (or nothing to write), 1 problems in the spreadsheet, 2 a bad
    option or a file not found.

    \b
    Examples:
      lcspr import tracker.xlsx --dry-run
      lcspr import tracker.xlsx --sheet "Action plan" --review LEO
      lcspr import tracker.csv --map headings.yaml --add-agencies
    """
    from ..edit.document import EditError
    from ..edit.imported import Options, plan_import
    from ..edit.plan import UnknownName
    from ..edit.write import Staging

    root = data_folder(data)
    for given, what in ((spreadsheet, "spreadsheet"), (mapping, "mapping file")):
        if given is not None and not given.is_file():
            fail(f"no {what} {given}", EXIT_USAGE)
    options = Options(spreadsheet, sheet, review, mapping, add_agencies, update)
    # New files are written ahead while the next are planned, and put in place only if
    # all is well: whatever stops the import (a problem, an error, Ctrl-C) removes them
    staging = None if dry_run else Staging()
    try:
        try:
            plan = plan_import(root, today(), options, staging)
        except UnknownName as error:
            fail(str(error))
        except EditError as error:
            fail(f"{error}; nothing was written", EXIT_PROBLEMS)
        _print_problems(plan.problems)
        for line in _report(plan):
            typer.echo(line)
        _finish(plan, staging)
    finally:
        if staging is not None:
            staging.discard()


def _report(plan: ImportPlan) -> list[str]:
    from ..render.imported import FileLine, import_report
    from ..render.problems import display_path

    files = [
        FileLine(display_path(path), kind, plan.sources.get(path, ""))
        for path, kind in plan.kinds.items()
    ]
    return import_report(plan.reading, files, plan.rag_differences, update=plan.options.update)


def _finish(plan: ImportPlan, staging: Staging | None) -> NoReturn:
    from ..wording import plural

    errors = plan.errors
    if errors:
        fail(
            f"nothing was written: {plural(len(errors), 'problem')} in the spreadsheet (above); "
            "correct the cells and import again",
            EXIT_PROBLEMS,
        )
    changes = plan.to_write
    if staging is None:
        typer.echo(
            f"Dry run: nothing was written; the import would write {plural(len(changes), 'file')}.",
            err=True,
        )
        raise typer.Exit(EXIT_OK)
    from ..edit.write import WriteRefused

    # agencies.yaml first: a recommendation never names an agency not yet written
    changes.sort(key=lambda change: change.file.name != "agencies.yaml")
    try:
        staging.commit([(change.file, change.before, change.after) for change in changes])
    except WriteRefused as error:
        fail(str(error), EXIT_PROBLEMS)
    typer.echo(f"Wrote {plural(len(changes), 'file')}." if changes else "Nothing to write.")
    raise typer.Exit(EXIT_OK)


def _print_problems(problems: list[Problem]) -> None:
    """On stderr, as `lcspr check` prints them: file:line:col, code, message, hint."""
    if not problems:
        return
    from rich.console import Console

    from ..render.problems import problem_lines

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    for line in problem_lines(problems):
        console.print(line)


@app.command("export")
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file to write: FILE.xlsx (a workbook) or FILE.csv.",
        ),
    ],
    review: ReviewOption = None,
    owner: OwnerOption = None,
    as_of: AsOfOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace FILE even if lcspr did not write it."),
    ] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the log as a spreadsheet: one row per action, for people who live in Excel.

    Each row has its recommendation's columns, and the recommendations without actions
    have a row of their own. A workbook has a sheet per review, with a frozen, filtered
    heading row, dates shown day-first and each RAG cell filled in its colour, and a
    Summary sheet with the headline counts; a CSV file is UTF-8 with a byte-order mark,
    so that Excel opens it right. An existing FILE is replaced only if lcspr wrote it.

    \b
    Examples:
      lcspr export -o tracker.xlsx
      lcspr export -o cumberland.xlsx --owner cumberland-council --review LEO
      lcspr export -o q2.csv --as-of 2025-09-30
    """
    from ..edit.write import WriteRefused, replace_file
    from ..pipeline import report_folder
    from ..render import sheets

    kind = output.suffix.lower()
    if kind not in (".xlsx", ".csv"):
        fail(f"{output}: lcspr exports FILE.xlsx or FILE.csv", EXIT_USAGE)
    root = data_folder(data)
    day = today()
    result = report_folder(root, as_of or day, day, use_cache=not no_cache)
    dataset = result.check.dataset
    for each in review or ():
        require(each, [r.record.id for r in dataset.reviews], "review", "see reviews.yaml")
    if owner is not None:
        require(owner, [a.record.id for a in dataset.agencies], "agency", "see lcspr agencies")
    before = _replaceable(output, kind, force)
    report = result.report.filtered(review or (), owner)
    export, as_of, invalid = sheets.export(report), report.as_of, _invalid(result.check)
    del result, dataset, report  # what the rows need of them is in the rows: let the rest go
    written = sheets.write(export, kind, day)
    try:
        replace_file(output, before, written)
    except WriteRefused as error:
        fail(str(error), EXIT_PROBLEMS)
    typer.echo(f"Wrote {output}: {export.summary}, as of {_day(as_of)}.")
    if invalid:
        typer.echo(invalid, err=True)
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)


def _day(day: date) -> str:
    from ..wording import human_date

    return human_date(day, short=False)


def _replaceable(output: Path, kind: str, force: bool) -> bytes | None:
    """What `output` holds now (None when it does not exist), if lcspr may replace it."""
    from ..render.sheets import written_by_lcspr

    if output.is_dir():
        fail(f"{output} is a folder; give a file name", EXIT_USAGE)
    if not output.exists():
        return None
    try:
        current = output.read_bytes()
    except OSError as error:
        fail(f"cannot read {output}: {error.strerror or error}", EXIT_PROBLEMS)
    if not force and not written_by_lcspr(current, kind):
        fail(
            f"{output} exists and was not written by lcspr (or was changed since): choose "
            "another name, or add --force to replace it",
            EXIT_PROBLEMS,
        )
    return current


def _invalid(check: CheckResult) -> str:
    """Which files have errors (and were left out of the export); empty when none have."""
    from ..render.problems import display_path

    if not check.invalid_files:
        return ""
    names = ", ".join(display_path(path) for path in check.invalid_files)
    left_out = ", ".join(display_path(path) for path in check.unread_files)
    said = f"lcspr: files with errors: {names}. Run lcspr check."
    return said + (f" Left out of the export: {left_out}." if left_out else "")

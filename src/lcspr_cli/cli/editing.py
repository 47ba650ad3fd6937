"""The editing commands: new recommendation, new action, set-status, add-evidence,
add-update, revise-due, set-owner. (`setup` adds the register commands and init.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from .app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    DataOption,
    app,
    data_folder,
    fail,
    parse_date,
    parse_target_date,
    today,
)

if TYPE_CHECKING:
    from ..edit.operations import EvidenceItem
    from ..edit.plan import Change, Note, Operation
    from ..problems import Problem


DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Show the change as a diff and write nothing."),
]
IdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="A recommendation or action id, e.g. LEO-3.2.")
]


PathOption = Annotated[
    str | None,
    typer.Option("--path", help="A file in the data folder, named from it: evidence/report.pdf."),
]
UrlOption = Annotated[str | None, typer.Option("--url", help="A web address.")]
HeldByOption = Annotated[
    str | None,
    typer.Option("--held-by", metavar="AGENCY", help="The agency that keeps the document."),
]


def date_option(name: str, help_text: str) -> Any:
    return typer.Option(name, parser=parse_date, metavar="YYYY-MM-DD", help=help_text)


def run_edit(data: Path | None, dry_run: bool, plan: Callable[[Path, date], Change]) -> NoReturn:
    """Plan a change, then show it (--dry-run) or write it; say what changed in one line.

    Exit codes: 0 written (or nothing to change); 1 refused, with the reason, and nothing
    written; 2 an unknown id, agency, review or status.
    """
    from ..edit.document import EditError
    from ..edit.plan import EditRefused, UnknownName
    from ..edit.write import WriteRefused, replace_file
    from ..render.problems import display_path, repository_path

    root = data_folder(data)
    try:
        change = plan(root, today())
        where = display_path(change.file)
        if not change.changed:
            typer.echo(change.summary)
        elif dry_run:  # a diff names files from the current folder, as git's does
            typer.echo(_diff(change, repository_path(change.file, Path.cwd())), nl=False)
            typer.echo("Dry run: nothing was written.", err=True)
        else:
            replace_file(change.file, change.before, change.after)
            typer.echo(f"{change.summary} ({where})")
    except UnknownName as error:
        fail(str(error))
    except EditRefused as error:
        _print_problems(error.problems)
        fail(
            f"not written: {error.name} would have the errors above; lcspr check would refuse it",
            EXIT_PROBLEMS,
        )
    except (EditError, WriteRefused) as error:
        fail(str(error), EXIT_PROBLEMS)
    _print_problems(change.warnings)
    _print_notes(change.notes)
    raise typer.Exit(EXIT_OK)


def _print_problems(problems: tuple[Problem, ...]) -> None:
    """On stderr, as `lcspr check` prints them: file:line:col, code, message, hint."""
    if not problems:
        return
    from rich.console import Console

    from ..render.problems import problem_lines

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    for line in problem_lines(problems):
        console.print(line)


def _print_notes(notes: tuple[Note, ...]) -> None:
    """On stderr, placed as problems are (`file:line:col: note message`), so an editor or
    terminal can open the line."""
    from ..render.problems import display_path
    from ..render.safe import clean

    for note in notes:
        where = f"{display_path(note.file)}:{note.line}:{note.column}"
        typer.echo(f"{where}: note {clean(note.message)}", err=True)


def _diff(change: Change, where: str) -> str:
    import difflib

    def lines(raw: bytes | None) -> list[str]:
        return raw.decode("utf-8-sig").splitlines(keepends=True) if raw else []

    before = "/dev/null" if change.before is None else f"a/{where}"
    return "".join(
        difflib.unified_diff(lines(change.before), lines(change.after), before, f"b/{where}")
    )


def on_target(ident: str, operation: Callable[[], Operation]) -> Callable[[Path, date], Change]:
    from ..edit.plan import plan

    return lambda root, today: plan(root, today, ident, operation())


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
        date_option(
            "--on", "The day it happened: needed for an action's complete, assured, closed."
        ),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why an action is dropped (needed).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="For assured: who accepted the evidence of impact."),
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option(
            "--evidence",
            metavar="TITLE",
            help="Record evidence with the status: what the document is, and where it is "
            "with one of --path, --url, --held-by. Dated --on (else today).",
        ),
    ] = None,
    path: PathOption = None,
    url: UrlOption = None,
    held_by: HeldByOption = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Set the status of an action or recommendation, filling in the dates it needs.

    complete records completed_on (--on; for a recommendation, when given); dropped
    records dropped_reason (--reason); assured adds the assurance (--on, --by) when there
    is none; closed records closed_on (--on). A recommendation is assured or closed only
    with assurance evidence, recorded already or given with --evidence, and closed only
    when its actions are complete or dropped. A change the rules forbid is refused with
    the reason.

    \b
    Examples:
      lcspr set-status LEO-3.3 complete --on 2025-11-20
      lcspr set-status LEO-3 assured --on 2026-01-20 --by "Quality and Scrutiny Subgroup" \\
          --evidence "Audit of anonymous referrals" --held-by cumberland-council
      lcspr set-status LEO-3 closed --on 2026-03-10
    """
    from ..edit.operations import set_status as operation

    def planned_operation() -> Operation:
        return operation(status, on, reason, by, _evidence(evidence, on, path, url, held_by))

    run_edit(data, dry_run, on_target(ident, planned_operation))


def _evidence(
    title: str | None, on: date | None, path: str | None, url: str | None, held_by: str | None
) -> EvidenceItem | None:
    """The evidence given with --evidence, or None; a place without a title is a mistake."""
    from ..edit.operations import EvidenceItem
    from ..edit.plan import UnknownName

    if title is None:
        if path or url or held_by:
            raise UnknownName("--path, --url and --held-by say where the --evidence TITLE is")
        return None
    return EvidenceItem(title, on or today(), path, url, held_by)


@app.command("add-evidence")
def add_evidence(
    ident: IdArgument,
    title: Annotated[str, typer.Option("--title", help="What the document is.")],
    path: PathOption = None,
    url: UrlOption = None,
    held_by: HeldByOption = None,
    on: Annotated[
        date | None, date_option("--date", "When it was received (default: today).")
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record evidence for an action, or assurance evidence for a recommendation.

    Say where the document is with exactly one of --path (a file in the data folder,
    which must be there), --url and --held-by.

    \b
    Examples:
      lcspr add-evidence LEO-3.3 --title "Audit report" --held-by cumberland-council
      lcspr add-evidence LEO-9.1 --title "Course summary" --path evidence/LEO-9-training.md
    """
    from ..edit.operations import add_evidence as operation

    when = on or today()
    run_edit(data, dry_run, on_target(ident, lambda: operation(title, when, path, url, held_by)))


@app.command("add-update")
def add_update(
    ident: IdArgument,
    note: Annotated[str, typer.Option("--note", help="What happened.")],
    on: Annotated[
        date | None, date_option("--date", "The day of the update (default: today).")
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add a dated progress update to an action or a recommendation.

    \b
    Examples:
      lcspr add-update LEO-7.1 --note "First meeting held"
      lcspr add-update LEO-7 --note "Plan agreed" --date 2026-11-20
    """
    from ..edit.operations import add_update as operation

    when = on or today()
    run_edit(data, dry_run, on_target(ident, lambda: operation(note, when)))


@app.command("revise-due")
def revise_due(
    ident: IdArgument,
    new_due: Annotated[
        date,
        typer.Argument(
            parser=parse_target_date,
            metavar="DATE",
            help="The new target date: a day (2026-03-31), a month (2026-03) or a financial "
            "quarter (2026/27-Q4).",
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why it moved.")],
    by: Annotated[
        str | None, typer.Option("--by", help="The body that agreed it.", show_default=False)
    ] = None,
    agreed: Annotated[
        date | None, date_option("--agreed", "The day it was agreed (default: today).")
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Revise the target date of an action or a recommendation, keeping every earlier one.

    The revision is added to the record's `revisions`, with the day it was agreed, the
    new target, the reason and who agreed it.

    \b
    Examples:
      lcspr revise-due LEO-7.1 2027-01-31 --reason "Waiting for the new system"
      lcspr revise-due LEO-4 2026/27-Q4 --reason "Aligned with the ICB review" --by "Executive"
    """
    from ..edit.operations import revise_due as operation

    when = agreed or today()
    run_edit(data, dry_run, on_target(ident, lambda: operation(new_due, reason, when, by)))


@app.command("set-owner")
def set_owner(
    ident: IdArgument,
    agencies: Annotated[
        list[str],
        typer.Argument(
            metavar="AGENCY...", help="The new owner's agency id; several for joint owners."
        ),
    ],
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Make an agency the owner of an action or recommendation (several: joint owners).

    An agency that has ended is refused, with its successors named.

    \b
    Examples:
      lcspr set-owner LEO-8a.1 cumberland-council
      lcspr set-owner LEO-5 cumberland-council cumbria-police
      lcspr set-owner LEO-6 cumberland-scp --dry-run
    """
    from ..edit.operations import set_owner as operation

    owners = tuple(dict.fromkeys(agencies))  # one owner named twice is one owner
    run_edit(data, dry_run, on_target(ident, lambda: operation(owners)))

"""The reminders an officer sends: `lcspr due` and `lcspr chase`."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    AsOfOption,
    DataOption,
    FormatOption,
    NoCacheOption,
    OwnerOption,
    ReportFormat,
    ReviewOption,
    app,
    emit,
    print_out,
)
from .reports import _report

WithinOption = Annotated[
    int,
    typer.Option("--within", metavar="DAYS", min=0, help="How many days ahead to look."),
]


@app.command()
def due(
    within: WithinOption = 30,
    data: DataOption = None,
    as_of: AsOfOption = None,
    review: ReviewOption = None,
    owner: OwnerOption = None,
    output_format: FormatOption = ReportFormat.TABLE,
    no_cache: NoCacheOption = False,
) -> None:
    """What falls due in the next days, by owner, with the action and its lead role.

    The reminder report: open actions, and recommendations awaiting assurance, due from
    the as-of date to DAYS later (30 by default), grouped by the agency that answers for
    each (the successors of an owner that has ended).

    \b
    Examples:
      lcspr due
      lcspr due --within 14 --owner nenc-icb
      lcspr due --format markdown > reminders.md
    """
    from ..render import reports as render

    report, valid = _report(data, as_of, review, owner, 30, 90, no_cache)
    emit(
        output_format,
        valid,
        as_json=lambda: render.due_json(report, within),
        as_markdown=lambda: render.due_markdown(report, within),
        as_table=lambda width: render.due_table(report, within, width),
    )


@app.command()
def chase(
    owner: OwnerOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    review: ReviewOption = None,
    due_soon: Annotated[
        int, typer.Option("--due-soon", metavar="DAYS", min=0, help="Ask about work due this soon.")
    ] = 30,
    stale: Annotated[
        int,
        typer.Option("--stale", metavar="DAYS", min=1, help="Ask for an update after this long."),
    ] = 90,
    no_cache: NoCacheOption = False,
) -> None:
    """For each accountable agency, what to ask its lead for, as markdown for an email.

    One section per agency: its overdue items, items due within 30 days, open actions with
    no update for 90 days, and complete items without evidence; each with its text, due
    date and lead role, and what is being asked for.

    \b
    Examples:
      lcspr chase
      lcspr chase --owner cumberland-council > cumberland.md
    """
    from ..queries.reminders import chase as chases
    from ..render.chase import render_chase

    report, valid = _report(data, as_of, review, owner, due_soon, stale, no_cache)
    print_out(render_chase(chases(report, due_soon, stale), report))
    raise typer.Exit(EXIT_OK if valid else EXIT_PROBLEMS)

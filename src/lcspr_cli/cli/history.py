"""Time: `lcspr history` (who changed what and when, from git) and `lcspr trend` (the
headline counts at each quarter's end, as recorded)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import (
    DataOption,
    FormatOption,
    NoCacheOption,
    ReportFormat,
    ReviewOption,
    app,
    data_folder,
    emit,
    fail,
    parse_date,
    require,
    today,
    unknown,
)
from .recorded import AsCorrectedOption
from .reports import _say_invalid

if TYPE_CHECKING:
    from ..pipeline import HistoryEntry


@app.command()
def history(
    ident: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="A recommendation (with its actions), an action, an agency or a review; "
            "default: the whole data folder.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    since: Annotated[
        date | None,
        typer.Option(
            "--since",
            parser=parse_date,
            metavar="YYYY-MM-DD",
            help="Only changes committed on or after this day.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        date | None,
        typer.Option(
            "--until",
            parser=parse_date,
            metavar="YYYY-MM-DD",
            help="Only changes committed on or before this day.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = ReportFormat.TABLE,
) -> None:
    """Who changed what and when, from the data folder's git history: each change to the
    records with the day it was committed, its author as git records it, and the commit.
    Changes not yet committed come last. Changes to text are named, never repeated.

    \b
    Examples:
      lcspr history
      lcspr history LEO-6 --since 2026-01-01
      lcspr history --format markdown > changes.md
    """
    from ..load.revision import GitFailed
    from ..pipeline import history_of_folder
    from ..render import history as render

    if since and until and since > until:
        fail("--since is after --until: no day is in between")
    root = data_folder(data)
    day = today()
    try:
        result = history_of_folder(root, day, ident, since, until)
    except GitFailed as error:
        fail(f"history needs the data folder's git history: {error}")
    name = _canonical(ident, result.entries)
    if ident is not None and not result.entries:
        known = _ids_in_folder(root, day)
        if ident.casefold() not in {k.casefold() for k in known}:
            unknown(ident, known, "record", "see lcspr status or lcspr agencies")
        name = next(k for k in known if k.casefold() == ident.casefold())
    note = render.shallow_note(result)
    if note:
        typer.echo(f"lcspr: {note}.", err=True)
    heading = render.title(name, since, until)
    emit(
        output_format,
        True,
        as_json=lambda: render.history_json(result, since, until),
        as_markdown=lambda: render.history_markdown(result, heading),
        as_table=lambda width: render.history_table(result, heading, width),
    )


def _ids_in_folder(root: Path, day: date) -> list[str]:
    """Every id in today's files: recommendations, actions, agencies and reviews."""
    from ..pipeline import check_folder

    facts = check_folder(root, day, use_cache=True).dataset.facts
    found = [a.record.id for a in facts.agencies] + [r.record.id for r in facts.reviews]
    for rec in facts.recommendations:
        found += [rec.record.id, *(a.id for a in rec.record.actions)]
    return found


def _canonical(ident: str | None, entries: tuple[HistoryEntry, ...]) -> str | None:
    """`ident` as the records write it (LEO-6 for leo-6)."""
    for entry in entries if ident is not None else ():
        for written in (entry.change.record, entry.change.recommendation):
            if written and written.casefold() == ident.casefold():  # type: ignore[union-attr]
                return written
    return ident


@app.command()
def trend(
    data: DataOption = None,
    quarters: Annotated[
        int,
        typer.Option(
            "--quarters",
            metavar="N",
            min=1,
            max=40,
            help="How many quarters, up to the last that has ended.",
        ),
    ] = 4,
    review: ReviewOption = None,
    output_format: FormatOption = ReportFormat.TABLE,
    as_corrected: AsCorrectedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The headline counts at the end of each of the last quarters: recommendations by
    status and RAG, and the items overdue, unowned and missing evidence. Each is read from
    the data folder as committed to git at the end of that quarter; where its history does
    not reach the day (or with --as-corrected), from today's files rebuilt to it, and said.

    \b
    Examples:
      lcspr trend
      lcspr trend --quarters 8 --format json
    """  # fmt: skip
    from ..pipeline import trend_of_folder
    from ..render import trend as render

    root = data_folder(data)
    result = trend_of_folder(
        root, today(), quarters, review or (), corrected=as_corrected, use_cache=not no_cache
    )
    known = [r.record.id for r in result.check.dataset.reviews]
    for name in review or ():
        require(name, known, "review", "see reviews.yaml")
    valid = _say_invalid(result.check)
    emit(
        output_format,
        valid,
        as_json=lambda: render.trend_json(result),
        as_markdown=lambda: render.trend_markdown(result),
        as_table=lambda width: render.trend_table(result, width),
    )

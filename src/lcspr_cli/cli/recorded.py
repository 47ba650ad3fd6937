"""The options and choices of reports made from the data folder as git recorded it
(`--as-recorded`), or from today's files rebuilt to a day (`--as-corrected`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ..wording import human_date
from .app import fail

if TYPE_CHECKING:
    from ..pipeline import SummaryResult
    from ..queries.quarters import Quarter

AsRecordedOption = Annotated[
    bool,
    typer.Option(
        "--as-recorded",
        help="Report on the data folder as it was committed to git at the end of the as-of "
        "day (the last commit on or before it, on the current branch), not today's files.",
    ),
]
AsCorrectedOption = Annotated[
    bool,
    typer.Option(
        "--as-corrected",
        help="Use today's files, rebuilt to the day, even where git has the data folder as "
        "it was recorded then.",
    ),
]


T = TypeVar("T")


def or_fail(make: Callable[[], T]) -> T:
    """What `make` makes from the data folder as recorded, or a one-line error (exit 2)."""
    from ..load.revision import GitFailed

    try:
        return make()
    except GitFailed as error:
        fail(f"--as-recorded: {error}")


def not_after_today(day: date, today: date) -> None:
    """Stop (exit 2) when `day` is after today: nothing can be recorded for it yet."""
    if day > today:
        when = human_date(day, short=False)
        fail(f"--as-recorded: {when} has not come yet, so git has no record of it")


def summarise(
    root: Path,
    quarter: Quarter,
    on: date,
    day: date,
    reviews: Sequence[str],
    mode: str | None,
    no_cache: bool,
) -> SummaryResult:
    """The summary as recorded (`mode`), as corrected, or, by default, as recorded when
    the day has passed and the data folder's history reaches it. When the folder is in
    git but its history does not reach the day, says so on stderr."""
    from ..load.git import NotInGit
    from ..load.revision import GitFailed
    from ..pipeline import summarise_folder, summarise_folder_as_recorded

    if mode == "recorded":
        not_after_today(on, day)
        return or_fail(lambda: summarise_folder_as_recorded(root, quarter, on, day, reviews))
    if mode is None and on < day:
        try:
            return summarise_folder_as_recorded(root, quarter, on, day, reviews)
        except NotInGit:
            pass  # nothing recorded: today's files, as always
        except GitFailed as error:
            typer.echo(
                f"lcspr: {error}; summarised from today's files rebuilt to that day "
                "(as corrected).",
                err=True,
            )
    return summarise_folder(root, quarter, on, day, reviews, use_cache=not no_cache)

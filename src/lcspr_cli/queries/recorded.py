"""A report as recorded: made from the data folder as it was committed at the end of a
day, rather than from today's files. Pure: the commit is a value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from msgspec import Struct
from msgspec.structs import fields, replace

from ..wording import human_date
from .findings import Finding, Item
from .report import Report
from .views import ActionView, RecommendationView


class Recorded(Struct, frozen=True):
    """The data folder as git recorded it at the end of `day`: the last commit on the
    current branch made on or before that day."""

    day: date
    commit: str
    committed: datetime
    """When that commit was made, in its committer's time zone."""

    @property
    def short(self) -> str:
        """The commit's first seven characters, the same however the repository grows."""
        return self.commit[:7]

    @property
    def words(self) -> str:
        """As a heading says a report was made as recorded."""
        return f"as recorded on {human_date(self.day, short=False)} (commit {self.short})"


class RecordedReport(Report, frozen=True):
    """A report made from the data folder as recorded: its heading says so."""

    recorded: Recorded | None = None


def as_recorded(report: Report, recorded: Recorded) -> RecordedReport:
    """`report`, saying it was made from the data as `recorded`."""
    values = {f.name: getattr(report, f.name) for f in fields(report)}
    return RecordedReport(**values, recorded=recorded)


def moved(report: Report, move: Callable[[Path], Path]) -> Report:
    """`report` with every file named by `move` (a report made from the data folder as
    recorded, extracted elsewhere, names the files as the data folder names them)."""

    def item(it: Item) -> Item:
        return replace(it, file=move(it.file))

    def finding(found: Finding) -> Finding:
        return replace(found, item=item(found.item))

    def action(view: ActionView) -> ActionView:
        return replace(view, item=item(view.item), findings=tuple(map(finding, view.findings)))

    def recommendation(view: RecommendationView) -> RecommendationView:
        return replace(
            view,
            item=item(view.item),
            findings=tuple(map(finding, view.findings)),
            actions=tuple(map(action, view.actions)),
            served_by=tuple(map(action, view.served_by)),
        )

    return replace(report, recommendations=tuple(map(recommendation, report.recommendations)))

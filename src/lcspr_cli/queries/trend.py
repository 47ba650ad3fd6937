"""The trend: the headline counts at the end of each of the last quarters, the series a
board paper's chart draws. Pure: reports in, counts out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct

from .findings import Kind
from .quarters import Quarter
from .recorded import Recorded
from .report import Report
from .summary import Counts


class Point(Struct, frozen=True):
    """The headline counts at the end of one quarter."""

    quarter: Quarter
    recorded: Recorded | None
    """The commit the counts were read from; None when they were rebuilt from today's
    files (the data folder's history does not reach the day, or --as-corrected)."""
    recommendations_by_status: dict[str, int]
    recommendations_by_rag: dict[str, int]
    overdue: int
    """Actions and recommendations overdue (as `lcspr overdue` lists them)."""
    unowned: int
    missing_evidence: int

    @property
    def day(self) -> date:
        return self.quarter.end

    @property
    def recommendations(self) -> int:
        return sum(self.recommendations_by_status.values())


def point(quarter: Quarter, report: Report, recorded: Recorded | None) -> Point:
    """The counts of `report`, made as on the last day of `quarter`."""
    counts = Counts.of(report)
    return Point(
        quarter,
        recorded,
        counts.recommendations_by_status,
        counts.recommendations_by_rag,
        len(report.findings(Kind.OVERDUE)),
        len(report.findings(Kind.UNOWNED)),
        len(report.findings(Kind.MISSING_EVIDENCE)),
    )


def last_quarters(today: date, count: int) -> list[Quarter]:
    """The last `count` quarters that have ended by `today`, oldest first."""
    quarters = [Quarter.latest_ended(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous)
    return quarters[::-1]


def keys(points: Sequence[Point], which: str) -> list[str]:
    """The keys of one count across every point, in the order they first appear (so a
    status seen only in one quarter still gets its row)."""
    found: list[str] = []
    for each in points:
        found.extend(k for k in getattr(each, which) if k not in found)
    return found

"""The report pipelines: check the data folder, then build a report or the quarterly summary
on every record that could be read.

The check is made as on `today`, not on the as-of date: a completion recorded after a
past as-of date is not an error, it is simply not yet done on that day. A record whose
file has only cross-record errors (an unknown owner, say) is still reported: that is
what the reports are for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .check import CheckResult, check
from .quarters import Quarter
from .query import DEFAULT_SETTINGS, Report, Settings, build_report
from .summary import Summary, build_summary


@dataclass(frozen=True)
class ReportResult:
    report: Report
    check: CheckResult


def report(
    root: Path,
    as_of: date,
    today: date,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    use_cache: bool = False,
) -> ReportResult:
    """Build the report as on `as_of` from every record that could be read."""
    result = check(root, today, use_cache=use_cache)
    data = result.dataset
    agencies = [a.record for a in data.agencies]
    built = build_report(data.recommendations, agencies, as_of, data.evidence_present, settings)
    return ReportResult(built, result)


@dataclass(frozen=True)
class SummaryResult:
    summary: Summary
    check: CheckResult


def summarise(
    root: Path,
    quarter: Quarter,
    as_of: date,
    today: date,
    review: str | None = None,
    *,
    use_cache: bool = False,
) -> SummaryResult:
    """Build the summary of `quarter` as on `as_of` from every record that could be read."""
    result = check(root, today, use_cache=use_cache)
    data = result.dataset
    built = build_summary(
        data.recommendations,
        [a.record for a in data.agencies],
        [r.record for r in data.reviews],
        quarter,
        as_of,
        data.evidence_present,
        review,
    )
    return SummaryResult(built, result)

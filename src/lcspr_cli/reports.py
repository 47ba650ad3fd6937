"""The report pipeline: check the data folder, then build the report on what could be read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .check import CheckResult, check
from .query import DEFAULT_SETTINGS, Report, Settings, build_report


@dataclass(frozen=True)
class ReportResult:
    report: Report
    check: CheckResult
    """The check of the data the report was built on."""

    @property
    def left_out(self) -> tuple[Path, ...]:
        """Files with errors whose records could not be read, so are not in the report."""
        data = self.check.dataset
        read = {r.file for r in data.recommendations}
        read.update(a.file for a in data.agencies)
        read.update(r.file for r in data.reviews)
        return tuple(f for f in self.check.invalid_files if f not in read)


def report(
    root: Path, as_of: date, today: date, settings: Settings = DEFAULT_SETTINGS
) -> ReportResult:
    """Build the report as on `as_of` from every record that could be read.

    A record whose file has only cross-record errors (an unknown owner, say) is still
    reported: that is what the reports are for. The check is made as on `today`, not on
    `as_of`: a completion recorded after a past as-of date is not an error, it is simply
    not yet done on that day.
    """
    result = check(root, today)
    data = result.dataset
    agencies = [a.record for a in data.agencies]
    built = build_report(data.recommendations, agencies, as_of, data.evidence_present, settings)
    return ReportResult(built, result)

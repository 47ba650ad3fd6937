"""The report pipeline: check the data folder, then build the report on its valid records."""

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
    """The check the report was built on; its invalid files are left out of the report."""


def report(
    root: Path, as_of: date, today: date, settings: Settings = DEFAULT_SETTINGS
) -> ReportResult:
    """Build the report as on `as_of` from the records that pass `lcspr check` today.

    Validity is judged on `today`, not on `as_of`: a completion recorded after a past
    as-of date is not an error, it is simply not yet done on that day.
    """
    result = check(root, today)
    invalid = set(result.invalid_files)
    data = result.dataset
    valid = [r for r in data.recommendations if r.file not in invalid]
    agencies = [a.record for a in data.agencies]
    built = build_report(valid, agencies, as_of, data.evidence_present, settings)
    return ReportResult(built, result)

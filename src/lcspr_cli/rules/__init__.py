"""Checks across records: references, ids, and the lifecycle rules of the file format.

Pure: each check takes the loaded dataset and the as-of date and yields problems. The
checks are a tuple, so nothing can add to them behind a caller's back. They run on the
records' facts (see `records.facts`), never on the full records.
"""

from __future__ import annotations

from datetime import date

from ..load.dataset import Dataset
from ..problems import Problem
from .common import Check
from .ids import check_ids, ids_taken_at_base
from .lifecycle import check_lifecycle
from .references import check_agency_dates, check_references, check_serves
from .registers import check_agencies, check_reviews

CHECKS: tuple[Check, ...] = (
    check_agencies,
    check_reviews,
    check_ids,
    check_references,
    check_serves,
    check_agency_dates,
    check_lifecycle,
)


def run_checks(data: Dataset, as_of: date) -> list[Problem]:
    """Every cross-record problem in the dataset on the as-of date."""
    return [problem for check in CHECKS for problem in check(data, as_of)]


__all__ = ["CHECKS", "ids_taken_at_base", "run_checks"]

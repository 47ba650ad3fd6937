"""The library's front door: what each command does, from a data folder to a result.

Read top to bottom, it is the whole pipeline: find the files (`locate`), read and
validate them (`load`, through `yamlfile` and `records`), check across records
(`rules`), then ask a question of the records (`queries`). The command line calls one
function here per command and renders what it returns; it never chooses a pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .load.dataset import Dataset, load_folder
from .problems import Problem, new_problems, sort_key
from .rules import ids_taken_at_base, run_checks

if TYPE_CHECKING:  # a plain check needs no queries, so imports none (nor pydantic)
    from .queries.findings import Kind
    from .queries.quarters import Quarter
    from .queries.report import Report
    from .queries.summary import Summary
    from .queries.views import Settings


@dataclass(frozen=True)
class CheckResult:
    """The loaded data and every problem found in it, in file and line order."""

    dataset: Dataset
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def invalid_files(self) -> tuple[Path, ...]:
        """Files with at least one error."""
        return tuple(sorted({p.file for p in self.errors}))

    @property
    def unread_files(self) -> tuple[Path, ...]:
        """Files with errors whose records could not be read at all (so no report has them)."""
        facts = self.dataset.facts
        read = {r.file for r in facts.recommendations}
        read.update(a.file for a in facts.agencies)
        read.update(r.file for r in facts.reviews)
        return tuple(f for f in self.invalid_files if f not in read)


def check_folder(root: Path, as_of: date, *, use_cache: bool = False) -> CheckResult:
    """Load the data folder at `root` (with `use_cache`, through its cache) and check it
    as on `as_of`."""
    dataset, problems = load_folder(root, use_cache=use_cache)
    problems.extend(run_checks(dataset, as_of))
    return CheckResult(dataset, tuple(sorted(problems, key=sort_key)))


# The reports are built from every record that could be read. The check is made as on
# `today`, not on the as-of date: a completion recorded after a past as-of date is not an
# error, it is simply not yet done on that day. A record whose file has only
# cross-record errors (an unknown owner, say) is still reported: that is what the
# reports are for.


@dataclass(frozen=True)
class ReportResult:
    report: Report
    check: CheckResult


def report_folder(
    root: Path,
    as_of: date,
    today: date,
    settings: Settings | None = None,
    *,
    use_cache: bool = False,
) -> ReportResult:
    """Build the report as on `as_of` from every record that could be read (with the
    default RAG windows unless `settings` are given)."""
    from .queries.report import build_report
    from .queries.views import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    result = check_folder(root, today, use_cache=use_cache)
    data = result.dataset
    agencies = [a.record for a in data.agencies]
    reviews = [r.record for r in data.reviews]
    built = build_report(
        data.recommendations, agencies, as_of, data.evidence_present, settings, reviews
    )
    return ReportResult(built, result)


@dataclass(frozen=True)
class SummaryResult:
    summary: Summary
    check: CheckResult


def summarise_folder(
    root: Path,
    quarter: Quarter,
    as_of: date,
    today: date,
    reviews: Sequence[str] = (),
    *,
    use_cache: bool = False,
) -> SummaryResult:
    """Build the summary of `quarter` as on `as_of` from every record that could be read,
    for the `reviews` named (all when none are)."""
    from .queries.summary import build_summary

    result = check_folder(root, today, use_cache=use_cache)
    data = result.dataset
    built = build_summary(
        data.recommendations,
        [a.record for a in data.agencies],
        [r.record for r in data.reviews],
        quarter,
        as_of,
        data.evidence_present,
        reviews,
    )
    return SummaryResult(built, result)


def check_for_ci(
    root: Path,
    as_of: date,
    fail_on: Sequence[Kind] = (),
    since: str | None = None,
    *,
    with_report: bool = False,
    use_cache: bool = False,
) -> tuple[CheckResult, Report | None]:
    """`lcspr check`: with the findings of `fail_on` as problems, keeping (with `since`)
    only the problems that the data at that git revision did not have.

    Returns the result and, `with_report`, the report of the current data (for a job
    summary). With none of these, it is `check_folder`, which never builds a report.
    Raises `GitFailed` when the data at `since` cannot be had.
    """
    result, current = _checked(root, as_of, fail_on, with_report, use_cache)
    if since is None:
        return result, current
    from .load.revision import data_at_revision  # git only when asked for

    with data_at_revision(root, since) as base_root:
        base, _ = _checked(base_root, as_of, fail_on, False, False)
    new = new_problems(result.problems, root, base.problems, base_root)
    new.extend(ids_taken_at_base(result.dataset, base.dataset, since))
    return replace(result, problems=tuple(sorted(new, key=sort_key))), current


def _checked(
    root: Path, as_of: date, fail_on: Sequence[Kind], with_report: bool, use_cache: bool
) -> tuple[CheckResult, Report | None]:
    if not fail_on and not with_report:
        return check_folder(root, as_of, use_cache=use_cache), None
    # checked as on the same day as the report
    built = report_folder(root, as_of, as_of, use_cache=use_cache)
    from .queries.findings import findings_as_problems

    found = [f for kind in fail_on for f in built.report.findings(kind)]
    extra = findings_as_problems(found)
    problems = tuple(sorted((*built.check.problems, *extra), key=sort_key))
    return replace(built.check, problems=problems), built.report

"""The library's front door: what each command does, from a data folder to a result.

Read top to bottom, it is the whole pipeline: find the files (`locate`), read and
validate them (`load`, through `yamlfile` and `records`), check across records
(`rules`), then ask a question of the records (`queries`). The command line calls one
function here per command and renders what it returns; it never chooses a pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from .load.dataset import Dataset, load_folder
from .problems import Problem, new_problems, sort_key
from .rules import ids_taken_at_base, run_checks

if TYPE_CHECKING:  # a plain check needs no queries, so imports none (nor pydantic)
    from .load.git import Commit
    from .load.recorded import RecordedRecords
    from .queries.changes import Change
    from .queries.findings import Kind
    from .queries.quarters import Quarter
    from .queries.recorded import Recorded
    from .queries.report import Report
    from .queries.summary import Summary
    from .queries.trend import Point
    from .queries.views import Settings


class CheckResult(Struct, frozen=True):
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


def check_folder(
    root: Path, as_of: date, *, use_cache: bool = False, records: bool = True
) -> CheckResult:
    """Load the data folder at `root` (with `use_cache`, through its cache) and check it
    as on `as_of`; without `records` when only the problems will be read."""
    dataset, problems = load_folder(root, use_cache=use_cache, records=records)
    problems.extend(run_checks(dataset, as_of))
    return CheckResult(dataset, tuple(sorted(problems, key=sort_key)))


# The reports are built from every record that could be read. The check is made as on
# `today`, not on the as-of date: a completion recorded after a past as-of date is not an
# error, it is simply not yet done on that day. A record whose file has only
# cross-record errors (an unknown owner, say) is still reported: that is what the
# reports are for.


class ReportResult(Struct, frozen=True):
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


class SummaryResult(Struct, frozen=True):
    summary: Summary
    check: CheckResult
    recorded: Recorded | None = None
    """The commit the summary was made from, when it was made as recorded."""


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
    for the `reviews` named (all when none are): today's files, rebuilt to that day."""
    result = check_folder(root, today, use_cache=use_cache)
    dated = _revised_due_recorded(root, result.dataset, "HEAD")
    return SummaryResult(_summary(result.dataset, quarter, as_of, reviews, dated), result)


def _summary(
    data: Dataset,
    quarter: Quarter,
    as_of: date,
    reviews: Sequence[str],
    dated: dict[str, tuple[date, date]],
) -> Summary:
    from .queries.summary import build_summary

    return build_summary(
        data.recommendations,
        [a.record for a in data.agencies],
        [r.record for r in data.reviews],
        quarter,
        as_of,
        data.evidence_present,
        reviews,
        revised_due_recorded=dated,
    )


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
        return check_folder(root, as_of, use_cache=use_cache, records=False), None
    # checked as on the same day as the report
    built = report_folder(root, as_of, as_of, use_cache=use_cache)
    from .queries.findings import findings_as_problems

    found = [f for kind in fail_on for f in built.report.findings(kind)]
    extra = findings_as_problems(found)
    problems = tuple(sorted((*built.check.problems, *extra), key=sort_key))
    return replace(built.check, problems=problems), built.report


# --- the data folder as git recorded it --------------------------------------------
# A report "as recorded" is made from the data folder as it was committed at the end of
# its as-of day (`load.recorded`). These raise `GitFailed` (`NotInGit`, `NotRecorded`)
# with a one-line reason when the data folder's history cannot give that day.


@contextmanager
def _recorded(root: Path, day: date) -> Iterator[tuple[Recorded, Path, Callable[[Path], Path]]]:
    from .load.recorded import mover, recorded_folder
    from .queries.recorded import Recorded

    with recorded_folder(root, day) as (commit, folder):
        yield Recorded(day, commit.sha, commit.committed), folder, mover(folder, root)


def _moved_check(check: CheckResult, move: Callable[[Path], Path], root: Path) -> CheckResult:
    from .load.recorded import moved_dataset

    problems = tuple(replace(p, file=move(p.file)) for p in check.problems)
    return CheckResult(moved_dataset(check.dataset, move, root), problems)


def report_folder_as_recorded(
    root: Path, as_of: date, today: date, settings: Settings | None = None
) -> ReportResult:
    """`report_folder` on the data folder as committed at the end of `as_of`."""
    from .queries.recorded import as_recorded, moved

    with _recorded(root, as_of) as (recorded, folder, move):
        built = report_folder(folder, as_of, today, settings)
        report = as_recorded(moved(built.report, move), recorded)
        return ReportResult(report, _moved_check(built.check, move, root))


def summarise_folder_as_recorded(
    root: Path, quarter: Quarter, as_of: date, today: date, reviews: Sequence[str] = ()
) -> SummaryResult:
    """`summarise_folder` on the data folder as committed at the end of `as_of`."""
    from .queries.recorded import moved

    with _recorded(root, as_of) as (recorded, folder, move):
        result = check_folder(folder, today)
        dated = _revised_due_recorded(root, result.dataset, recorded.commit, folder)
        built = _summary(result.dataset, quarter, as_of, reviews, dated)
        built = replace(built, report=moved(built.report, move))
        return SummaryResult(built, _moved_check(result, move, root), recorded)


def _revised_due_recorded(
    root: Path, data: Dataset, revision: str, folder: Path | None = None
) -> dict[str, tuple[date, date]]:
    """For each older-form `revised_due` of `data` (read from `folder`, else `root`), the
    date and the day of the commit that set it, from the history of `revision`; empty
    outside git."""
    wanted = {
        located.file.relative_to(folder or root).as_posix()
        for located in data.recommendations
        if located.record.revised_due is not None
        or any(a.revised_due is not None for a in located.record.actions)
    }
    if not wanted:
        return {}
    from .load.git import find_repository
    from .load.history import read_history
    from .load.revision import GitFailed
    from .queries.changes import revised_due_recorded

    try:
        repository = find_repository(root)
        history = read_history(repository, root, revision=revision, wanted=wanted.__contains__)
    except GitFailed:
        return {}
    return revised_due_recorded(
        (step.commit.day, change.old, change.new)
        for step in history.steps
        if step.commit is not None
        for change in step.files
        if not change.others
    )


# --- history and trend -------------------------------------------------------------


class HistoryEntry(Struct, frozen=True):
    commit: Commit | None
    """None for a change not yet committed."""
    change: Change


class HistoryResult(Struct, frozen=True):
    entries: tuple[HistoryEntry, ...]
    visible_since: Commit | None
    """In a shallow clone, the earliest commit it holds."""


def history_of_folder(
    root: Path, today: date, ident: str | None = None, since: date | None = None,
    until: date | None = None,
) -> HistoryResult:  # fmt: skip
    """Every change to the records in the data folder's git history (about `ident` alone,
    when given) committed between `since` and `until`, oldest first, then those not yet
    committed (when the days include today). Raises `GitFailed` (`NotInGit`)."""
    from .load.git import find_repository
    from .load.history import read_history
    from .queries.changes import merge_changes

    pending = (until is None or until >= today) and (since is None or since <= today)
    history = read_history(
        find_repository(root), root, since=since, until=until, wanted=_wanted(ident),
        uncommitted=pending,
    )  # fmt: skip
    entries = [
        HistoryEntry(step.commit, change)
        for step in history.steps
        for file in step.files
        for change in merge_changes(file.old, file.new, file.others)
        if ident is None or change.about(ident)
    ]
    return HistoryResult(tuple(entries), history.visible_since)


def _wanted(ident: str | None) -> Callable[[str], bool]:
    """The files that may hold `ident`: the registers, and its recommendation's file,
    which is named after the recommendation."""
    if ident is None:
        return lambda path: True
    names = {ident.casefold(), ident.rsplit(".", 1)[0].casefold()}
    return lambda path: "/" not in path or path.rsplit("/", 1)[-1][:-5].casefold() in names


class TrendResult(Struct, frozen=True):
    points: tuple[Point, ...]
    check: CheckResult
    """Today's files, checked."""
    not_recorded: str | None
    """Why some points were rebuilt from today's files, when some were."""


def trend_of_folder(
    root: Path, today: date, count: int, reviews: Sequence[str] = (), *,
    corrected: bool = False, use_cache: bool = False, live: CheckResult | None = None,
) -> TrendResult:  # fmt: skip
    """The headline counts at the end of each of the last `count` quarters: as recorded
    where the data folder's history reaches the day (unless `corrected`), otherwise from
    today's files rebuilt to it (`live`, when the caller has checked them already)."""
    from .load.recorded import RecordedRecords, records_at
    from .queries.recorded import Recorded
    from .queries.trend import last_quarters

    live = live or check_folder(root, today, use_cache=use_cache)
    data = live.dataset
    files = RecordedRecords(
        tuple(a.record for a in data.agencies), tuple(r.record for r in data.reviews),
        data.recommendations, data.evidence_present,
    )  # fmt: skip
    quarters = last_quarters(today, count)
    commits, why = _quarter_ends(root, quarters) if not corrected else ({}, "--as-corrected")
    at = records_at(root, list(commits.values())) if commits else {}
    points = tuple(
        _point(q, at[c.sha], Recorded(q.end, c.sha, c.committed), reviews)
        if (c := commits.get(q))
        else _point(q, files, None, reviews)
        for q in quarters
    )
    return TrendResult(points, live, why)


def _quarter_ends(root: Path, quarters: list[Quarter]) -> tuple[dict[Quarter, Commit], str | None]:
    """The commit holding the data folder at the end of each quarter that git reaches,
    and why the others are not reached."""
    from .load.git import find_repository, recorded_commit
    from .load.revision import GitFailed

    commits, why = {}, None
    try:
        repository = find_repository(root)
        for quarter in quarters:
            try:
                commits[quarter] = recorded_commit(repository, quarter.end)
            except GitFailed as error:
                why = why or str(error)
    except GitFailed as error:
        why = str(error)
    return commits, why


def _point(
    quarter: Quarter, records: RecordedRecords, recorded: Recorded | None, reviews: Sequence[str]
) -> Point:
    from .queries.report import build_report
    from .queries.trend import point

    report = build_report(
        records.recommendations, records.agencies, quarter.end, records.evidence_present,
        reviews=records.reviews,
    )  # fmt: skip
    return point(quarter, report.filtered(reviews), recorded)

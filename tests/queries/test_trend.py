"""The trend's quarters and counts (queries/trend.py), and the older form of revision in
the summary's quarter (queries/summary.py), on tests/samples/reports."""

from __future__ import annotations

from datetime import date, datetime

from conftest import SAMPLES
from lcspr_cli.pipeline import check_folder
from lcspr_cli.queries.findings import Kind
from lcspr_cli.queries.quarters import Quarter
from lcspr_cli.queries.recorded import Recorded
from lcspr_cli.queries.report import build_report
from lcspr_cli.queries.summary import build_summary
from lcspr_cli.queries.trend import keys, last_quarters, point

TODAY = date(2026, 1, 1)


def test_the_last_quarters_that_have_ended_oldest_first() -> None:
    assert [q.key for q in last_quarters(date(2026, 1, 1), 3)] == [
        "2025/26-Q1",
        "2025/26-Q2",
        "2025/26-Q3",
    ]
    # On its last day a quarter has ended: that day's end is the quarter's end.
    assert last_quarters(date(2025, 12, 31), 1) == [Quarter(2025, 3)]
    assert last_quarters(date(2025, 12, 30), 1) == [Quarter(2025, 2)]


def test_a_point_counts_what_the_reports_list_on_the_quarter_s_last_day() -> None:
    data = check_folder(SAMPLES / "reports", TODAY).dataset
    quarter = Quarter(2025, 1)
    report = build_report(
        data.recommendations,
        [a.record for a in data.agencies],
        quarter.end,
        data.evidence_present,
        reviews=[r.record for r in data.reviews],
    )
    recorded = Recorded(quarter.end, "a" * 40, datetime(2025, 6, 30, 18, 0))
    found = point(quarter, report, recorded)
    assert found.day == date(2025, 6, 30) and found.recorded == recorded
    assert found.recommendations == len(report.recommendations) == 5
    assert found.overdue == len(report.findings(Kind.OVERDUE)) == 1
    assert (found.unowned, found.missing_evidence) == (
        len(report.findings(Kind.UNOWNED)),
        len(report.findings(Kind.MISSING_EVIDENCE)),
    )
    assert sum(found.recommendations_by_rag.values()) == 5
    assert keys([found], "recommendations_by_status")[:2] == ["open", "in-progress"]


def test_an_older_revision_is_listed_in_the_quarter_of_the_commit_that_set_it() -> None:
    data = check_folder(SAMPLES / "reports", TODAY).dataset

    def revised(quarter: Quarter, dated: dict[str, tuple[date, date]] | None) -> list[str]:
        summary = build_summary(
            data.recommendations,
            [a.record for a in data.agencies],
            [r.record for r in data.reviews],
            quarter,
            quarter.end,
            data.evidence_present,
            revised_due_recorded=dated,
        )
        return [f"{r.item.id} {r.recorded}" for r in summary.revised]

    q1, q2 = Quarter(2025, 1), Quarter(2025, 2)
    # Without history the older form has no date: listed in every quarter, as before.
    assert revised(q1, None) == revised(q2, None) == ["R-1.3 None"]
    set_in_q2 = {"R-1.3": (date(2025, 7, 31), date(2025, 8, 9))}
    assert revised(q1, set_in_q2) == []
    assert revised(q2, set_in_q2) == ["R-1.3 2025-08-09"]
    # A commit that set another date: this one's date is not known.
    other_value = {"R-1.3": (date(2025, 8, 31), date(2025, 8, 9))}
    assert revised(q1, other_value) == ["R-1.3 None"]

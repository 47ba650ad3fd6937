"""The quarterly summary's contents, on tests/samples/reports."""

from __future__ import annotations

from datetime import date

from conftest import SAMPLES
from lcspr_cli.pipeline import summarise_folder
from lcspr_cli.queries.findings import Kind
from lcspr_cli.queries.quarters import Quarter
from lcspr_cli.queries.summary import Summary, latest_update

TODAY = date(2026, 1, 1)
Q1 = Quarter(2025, 1)  # April to June 2025
Q2 = Quarter(2025, 2)  # July to September 2025


def summary_of(quarter: Quarter, as_of: date | None = None) -> Summary:
    return summarise_folder(SAMPLES / "reports", quarter, as_of or quarter.end, TODAY).summary


def test_headline_counts_and_their_change_since_the_previous_quarter() -> None:
    q2 = summary_of(Q2)
    assert q2.previous.day == date(2025, 6, 30)
    assert q2.counts.day == date(2025, 9, 30)
    assert q2.previous.recommendations_by_status["assured"] == 0
    assert q2.counts.recommendations_by_status["assured"] == 1
    assert q2.counts.actions_by_status == {
        "not-started": 2,
        "in-progress": 4,
        "complete": 6,
        "dropped": 1,
    }
    assert sum(q2.counts.recommendations_by_rag.values()) == 5


def test_completed_and_assured_in_the_quarter_only() -> None:
    q1, q2 = summary_of(Q1), summary_of(Q2)
    assert [a.item.id for a in q1.completed] == ["R-5.1", "R-5.2", "R-5.3"]
    assert [a.item.id for a in q2.completed] == ["R-4.1"]
    assert [(e.view.item.id, e.what, e.day) for e in q1.assured_or_closed] == [
        ("R-3", "assured", date(2025, 5, 1)),
        ("R-3", "closed", date(2025, 6, 1)),
    ]
    assert [(e.view.item.id, e.what) for e in q2.assured_or_closed] == [("R-4", "assured")]


def test_a_mid_quarter_as_of_date_counts_only_what_had_happened() -> None:
    early = summary_of(Q2, date(2025, 7, 12))
    assert [a.item.id for a in early.completed] == ["R-4.1"]
    assert early.assured_or_closed == []


def test_due_next_quarter_lists_open_work_by_date() -> None:
    q1 = summary_of(Q1)
    assert [(i.id, i.due) for i in q1.due_next_quarter] == [
        ("R-4.1", date(2025, 7, 15)),
        ("R-1.3", date(2025, 7, 31)),
        ("R-4", date(2025, 7, 31)),
        ("R-2.1", date(2025, 9, 30)),
    ]


def test_exceptions_match_the_reports() -> None:
    q1 = summary_of(Q1)
    assert [f.item.id for f in q1.findings(Kind.OVERDUE)] == ["R-1.2"]
    assert [r.id for r in q1.reviews] == ["R"]


def test_latest_update_across_actions() -> None:
    q2 = summary_of(Q2)
    r1 = next(v for v in q2.report.recommendations if v.item.id == "R-1")
    update = latest_update(r1)
    assert update is not None and update.date == date(2025, 6, 15)


def test_review_filter() -> None:
    only = summarise_folder(SAMPLES / "reports", Q1, Q1.end, TODAY, ["R"]).summary
    assert len(only.report.recommendations) == 5
    none = summarise_folder(SAMPLES / "reports", Q1, Q1.end, TODAY, ["OTHER"]).summary
    assert none.report.recommendations == () and none.reviews == ()

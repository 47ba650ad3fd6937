"""The report rules at their edges, on tests/samples/reports as of 30 June 2025."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLES
from lcspr_cli.pipeline import report_folder
from lcspr_cli.queries.agencies import agency_lines
from lcspr_cli.queries.findings import Finding, Kind
from lcspr_cli.queries.report import Report
from lcspr_cli.queries.succession import successors
from lcspr_cli.queries.views import ActionView, Rag, RecommendationView, Settings
from lcspr_cli.records.ids import natural_key

AS_OF = date(2025, 6, 30)
TODAY = date(2026, 1, 1)
FOLDER = SAMPLES / "reports"


@pytest.fixture(scope="module")
def built() -> Report:
    return report_folder(FOLDER, AS_OF, TODAY).report


def rec(built: Report, ident: str) -> RecommendationView:
    return next(r for r in built.recommendations if r.item.id == ident)


def act(built: Report, ident: str) -> ActionView:
    return next(a for r in built.recommendations for a in r.actions if a.item.id == ident)


def findings(built: Report, kind: Kind) -> dict[str, Finding]:
    return {f.item.id: f for f in built.findings(kind)}


def test_due_today_is_not_overdue_but_due_yesterday_is(built: Report) -> None:
    overdue = findings(built, Kind.OVERDUE)
    assert "R-1.1" not in overdue
    assert overdue["R-1.2"].days_overdue == 1
    assert act(built, "R-1.1").why == ("due today",)
    assert act(built, "R-1.1").rag is Rag.AMBER


def test_the_revised_due_date_counts(built: Report) -> None:
    assert "R-1.3" not in findings(built, Kind.OVERDUE)
    # 31 days away: just outside the 30-day window.
    assert act(built, "R-1.3").rag is Rag.GREEN
    wider = report_folder(FOLDER, AS_OF, TODAY, Settings(due_soon_days=31)).report
    assert act(wider, "R-1.3").why == ("due in 31 days",)


def test_dropped_is_never_overdue_and_not_counted(built: Report) -> None:
    assert "R-1.4" not in findings(built, Kind.OVERDUE)
    assert act(built, "R-1.4").rag is Rag.BLUE
    r1 = rec(built, "R-1")
    assert (r1.actions_complete, len(r1.counted_actions)) == (0, 3)


def test_a_red_action_makes_its_recommendation_red(built: Report) -> None:
    assert rec(built, "R-1").rag is Rag.RED
    assert rec(built, "R-1").why == ("action R-1.2 is red",)
    assert rec(built, "R-1").next_due == date(2025, 6, 29)


def test_agency_ending_on_the_as_of_date_still_owns(built: Report) -> None:
    unowned = findings(built, Kind.UNOWNED)
    assert "R-2.1" not in unowned
    assert act(built, "R-2.1").why == ("no update for 149 days",)


def test_agency_ended_the_day_before_hands_on_to_its_successors(built: Report) -> None:
    unowned = findings(built, Kind.UNOWNED)
    assert (unowned["R-2.2"].reason, unowned["R-2.2"].successors) == (
        "agency-ended",
        ("new-council",),
    )
    # old-council -> mid-council (ended too) -> new-council
    assert (unowned["R-2"].reason, unowned["R-2"].successors) == ("agency-ended", ("new-council",))
    assert unowned["R-2.3"].reason == "no-owner"
    assert "R-2.4" not in unowned  # complete: nobody needs to pick it up
    assert "hand it to new-council" in unowned["R-2"].next_step


def test_successor_chains_on_another_day(built: Report) -> None:
    # Before mid-council ended, it is the successor of old-council.
    assert successors("old-council", built.agencies, date(2025, 6, 1)) == ("mid-council",)
    assert successors("old-council", built.agencies, AS_OF) == ("new-council",)


def test_unknown_owner_is_unowned(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FOLDER, tmp_path / "data")
    path = tmp_path / "data/recommendations/R/R-1.yaml"
    path.write_text(path.read_text().replace("owner: test-icb\ndue", "owner: ghost\ndue"))
    result = report_folder(tmp_path / "data", AS_OF, TODAY)
    assert findings(result.report, Kind.UNOWNED)["R-1"].reason == "unknown-agency"
    assert [p.name for p in result.check.invalid_files] == ["R-1.yaml"]
    assert result.check.unread_files == ()


def test_missing_evidence_reasons(built: Report) -> None:
    missing = findings(built, Kind.MISSING_EVIDENCE)
    assert missing["R-5.1"].reason == "no-evidence"
    assert (missing["R-5.2"].reason, missing["R-5.2"].evidence) == (
        "evidence-file-missing",
        "evidence/R-5-missing.md",
    )
    assert "R-5.3" not in missing
    assert missing["R-3"].reason == "no-assurance-evidence"
    assert act(built, "R-5.3").rag is Rag.BLUE
    assert act(built, "R-5.1").rag is Rag.AMBER
    assert rec(built, "R-3").rag is Rag.AMBER


def test_a_past_as_of_rebuilds_the_state_on_that_day(built: Report) -> None:
    r4 = rec(built, "R-4")
    assert r4.recommendation.status == "in-progress"
    assert r4.recommendation.assurance is None
    action = act(built, "R-4.1")
    assert (action.action.status, action.action.evidence) == ("in-progress", ())
    assert [u.note for u in action.action.updates] == ["Nearly there."]
    later = report_folder(FOLDER, date(2025, 7, 31), TODAY).report
    assert rec(later, "R-4").rag is Rag.BLUE


def test_overdue_is_worst_first() -> None:
    late = report_folder(FOLDER, date(2025, 10, 1), TODAY).report
    days = [f.days_overdue or 0 for f in late.findings(Kind.OVERDUE)]
    assert days == sorted(days, reverse=True)
    assert days[0] == 94  # due 29 June: 1 + 31 + 31 + 30 + 1 days


def test_filters(built: Report) -> None:
    by_owner = built.filtered(owner="new-council")
    assert [v.item.id for v in by_owner.recommendations] == ["R-5"]
    assert all(f.item.owner == "new-council" for f in by_owner.findings(Kind.MISSING_EVIDENCE))
    assert [line.id for line in agency_lines(by_owner)] == ["new-council"]
    assert built.filtered(["OTHER"]).recommendations == ()


def test_agency_lines_count_recommendations_and_actions_apart(built: Report) -> None:
    lines = {line.id: line for line in agency_lines(built)}
    icb = lines["test-icb"]
    assert (icb.actions.owned, icb.actions.open, icb.actions.overdue) == (5, 4, 1)
    assert (icb.recommendations.owned, icb.recommendations.open) == (2, 2)
    assert lines["mid-council"].ended == date(2025, 6, 29)
    assert lines["edge-council"].ended is None
    assert lines["(no owner)"].actions.owned == 1
    assert lines["new-council"].actions.missing_evidence == 2
    # An agency that owns a recommendation, but none of its actions, still counts it.
    old = lines["old-council"]
    assert (old.recommendations.owned, old.recommendations.open, old.actions.open) == (1, 1, 0)


def test_an_overdue_item_of_an_ended_owner_asks_its_successors() -> None:
    later = report_folder(FOLDER, date(2026, 1, 1), TODAY).report
    [finding] = [f for f in later.findings(Kind.OVERDUE) if f.item.id == "R-2.1"]
    assert finding.item.owners == ("edge-council",)
    assert finding.next_step.startswith("ask new-council for an update")


def test_natural_order_of_ids() -> None:
    ids = ["LEO-10", "LEO-2b", "LEO-2a", "LEO-9", "LEO-3.10", "LEO-3.2"]
    assert sorted(ids, key=natural_key) == [
        "LEO-2a",
        "LEO-2b",
        "LEO-3.2",
        "LEO-3.10",
        "LEO-9",
        "LEO-10",
    ]

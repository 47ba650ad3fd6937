from __future__ import annotations

from datetime import date

from lcspr_cli.queries.asof import action_as_of, recommendation_as_of
from lcspr_cli.records.models import Action, Recommendation
from lcspr_cli.records.pydantic_models import validate

ACTION = {
    "id": "T-1.1",
    "action": "x",
    "due": "2025-03-31",
    "status": "complete",
    "completed_on": "2025-03-20",
    "evidence": [{"title": "e", "date": "2025-03-20", "held_by": "a"}],
    "updates": [{"date": "2025-02-01", "note": "a"}, {"date": "2025-03-20", "note": "b"}],
}
REC = {
    "id": "T-1",
    "review": "T",
    "number": 1,
    "title": "t",
    "text": "t",
    "due": "2025-06-30",
    "status": "closed",
    "assurance": {
        "date": "2025-05-01",
        "by": "Subgroup",
        "evidence": [{"title": "audit", "date": "2025-04-30", "held_by": "a"}],
    },
    "closed_on": "2025-06-01",
    "actions": [ACTION],
}


def test_action_completed_after_the_day_was_in_progress_on_it() -> None:
    action = validate(Action, ACTION)
    before = action_as_of(action, date(2025, 3, 19))
    assert (before.status, before.completed_on) == ("in-progress", None)
    assert before.evidence == ()
    assert [u.note for u in before.updates] == ["a"]
    on_the_day = action_as_of(action, date(2025, 3, 20))
    assert on_the_day == action


def test_recommendation_steps_back_through_closure_assurance_and_completion() -> None:
    rec = validate(Recommendation, REC)
    assert recommendation_as_of(rec, date(2025, 6, 1)) == rec
    before_closure = recommendation_as_of(rec, date(2025, 5, 31))
    assert (before_closure.status, before_closure.closed_on) == ("assured", None)
    before_assurance = recommendation_as_of(rec, date(2025, 4, 30))
    assert (before_assurance.status, before_assurance.assurance) == ("complete", None)
    before_completion = recommendation_as_of(rec, date(2025, 3, 19))
    assert before_completion.status == "in-progress"


def test_assurance_evidence_received_later_is_left_out() -> None:
    rec = validate(Recommendation, REC)
    late = {**REC["assurance"], "evidence": [{"title": "a", "date": "2025-05-10", "held_by": "a"}]}  # type: ignore[dict-item]
    later = validate(Recommendation, {**REC, "assurance": late})
    assurance = recommendation_as_of(later, date(2025, 5, 5)).assurance
    assert assurance is not None and assurance.evidence == ()
    assert recommendation_as_of(rec, date(2025, 5, 5)).assurance == rec.assurance


def test_a_status_the_dates_do_not_contradict_is_kept() -> None:
    # Complete in the file while an action is still open: check warns, the report keeps it.
    open_action = {**ACTION, "status": "in-progress", "completed_on": None}
    rec = validate(
        Recommendation,
        {
            **REC,
            "status": "complete",
            "assurance": None,
            "closed_on": None,
            "actions": [open_action],
        },
    )
    assert recommendation_as_of(rec, date(2025, 6, 30)).status == "complete"


def test_a_recommendation_completed_after_the_day_was_in_progress_then() -> None:
    rec = validate(
        Recommendation,
        {
            "id": "T-1",
            "review": "T",
            "number": 1,
            "title": "t",
            "text": "x",
            "due": "2026-03-31",
            "status": "complete",
            "completed_on": "2025-06-10",
        },
    )
    before = recommendation_as_of(rec, date(2025, 6, 9))
    assert (before.status, before.completed_on) == ("in-progress", None)
    on_the_day = recommendation_as_of(rec, date(2025, 6, 10))
    assert (on_the_day.status, on_the_day.completed_on) == ("complete", date(2025, 6, 10))


def test_a_record_no_later_date_touches_is_returned_as_it_is() -> None:
    rec = validate(Recommendation, REC)
    assert recommendation_as_of(rec, date(2025, 6, 1)) is rec
    assert action_as_of(rec.actions[0], date(2025, 3, 20)) is rec.actions[0]


def test_only_what_a_later_date_touches_is_copied() -> None:
    rec = validate(Recommendation, REC)
    before = recommendation_as_of(rec, date(2025, 5, 31))
    assert before is not rec
    assert (before.status, before.closed_on) == ("assured", None)
    assert before.actions is rec.actions and before.assurance is rec.assurance
    assert rec.status == "closed"  # the record itself is not changed

"""A recommendation's facts: what the checks across records see of it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lcspr_cli.records.facts import recommendation_facts
from lcspr_cli.records.models import Recommendation
from lcspr_cli.records.pydantic_models import validate


def _recommendation(**changes: Any) -> Recommendation:
    evidence = {"title": "Audit", "date": "2025-01-10", "held_by": "council"}
    action = {
        "id": "LEO-1.1",
        "action": "Train staff",
        "due": "2025-03-31",
        "status": "complete",
        "completed_on": "2025-02-01",
        "evidence": [evidence],
        "updates": [{"date": "2025-01-20", "note": "Started"}],
    }
    data = {
        "id": "LEO-1",
        "review": "LEO",
        "number": "1",
        "title": "Training",
        "text": "Staff are trained.",
        "due": "2025-03-31",
        "status": "closed",
        "assurance": {"date": "2025-03-01", "by": "Subgroup", "evidence": [evidence]},
        "closed_on": "2025-04-01",
        "actions": [action],
    }
    for path, value in changes.items():
        *parents, last = path.split("__")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
    return validate(Recommendation, data)


@pytest.mark.parametrize(
    "where",
    [
        "closed_on",
        "assurance__date",
        "assurance__evidence__0__date",
        "actions__0__completed_on",
        "actions__0__evidence__0__date",
        "actions__0__updates__0__date",
    ],
)
def test_latest_is_the_latest_date_that_records_something_done(where: str) -> None:
    assert recommendation_facts(_recommendation()).latest == date(2025, 4, 1)
    facts = recommendation_facts(_recommendation(**{where: "2026-01-01"}))
    assert facts.latest == date(2026, 1, 1)


def test_planned_dates_are_not_among_them() -> None:
    facts = recommendation_facts(_recommendation(due="2027-01-01", actions__0__due="2027-01-01"))
    assert facts.latest == date(2025, 4, 1)


def test_an_undated_recommendation_has_no_latest() -> None:
    rec = _recommendation(status="open", closed_on=None, assurance=None, actions=[])
    assert recommendation_facts(rec).latest is None

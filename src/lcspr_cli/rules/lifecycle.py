"""The lifecycle: each status carries the dates and reasons it needs, and nothing is
recorded as done after the as-of date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ..load.dataset import Dataset
from ..problems import Problem
from ..records.facts import ActionFacts, EvidenceFacts, RecommendationFacts
from ..records.located import Located
from ..records.statuses import ACTION_DONE, RECOMMENDATION_DONE
from ..yamlfile.positions import Key

# A recommendation marked as past delivery: its actions should all be done.
_DELIVERED = ("complete", *RECOMMENDATION_DONE)


def check_lifecycle(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Each status carries the dates and reasons it needs, and nothing is dated after as-of."""
    for located in data.facts.recommendations:
        rec = located.record
        # An external recommendation needs no assurance of its own.
        if rec.status in RECOMMENDATION_DONE and rec.assurance is None and not rec.external:
            yield located.problem(
                "missing-assurance",
                f"`{rec.id}` is {rec.status} but has no `assurance`",
                "status",
                hint="add `assurance:` with `date`, `by` and an `evidence` list, or set the "
                "status back",
            )
        if rec.status == "closed" and rec.closed_on is None:
            yield located.problem(
                "missing-closed-on",
                f"`{rec.id}` is closed but has no `closed_on` date",
                "status",
                hint="add `closed_on: YYYY-MM-DD`, the day the executive signed it off",
            )
        if rec.status in _DELIVERED:
            open_actions = [a.id for a in rec.actions if a.status not in ACTION_DONE]
            if open_actions:
                yield located.problem(
                    "status-ahead-of-actions",
                    f"`{rec.id}` is {rec.status} but its actions {', '.join(open_actions)} "
                    "are not complete or dropped",
                    "status",
                    hint="complete or drop those actions, or set the recommendation's status back",
                )
        for index, action in enumerate(rec.actions):
            yield from _action_lifecycle(located, action, ("actions", index))
        if rec.latest is not None and rec.latest > as_of:
            yield from _future_dates(located, as_of)


def _action_lifecycle(
    located: Located[RecommendationFacts], action: ActionFacts, at: tuple[Key, ...]
) -> Iterator[Problem]:
    if action.status == "complete" and action.completed_on is None:
        yield located.problem(
            "missing-completed-on",
            f"action `{action.id}` is complete but has no `completed_on` date",
            *at,
            "status",
            hint="add `completed_on: YYYY-MM-DD`, the day it was done",
        )
    if action.status == "dropped" and not action.has_dropped_reason:
        yield located.problem(
            "missing-dropped-reason",
            f"action `{action.id}` is dropped but has no `dropped_reason`",
            *at,
            "status",
            hint="add `dropped_reason:` saying why it will not be done and who agreed",
        )
    if action.revised_due is not None and not action.has_revised_reason:
        yield located.problem(
            "missing-revised-reason",
            f"action `{action.id}` has a `revised_due` date but no `revised_reason`",
            *at,
            "revised_due",
            hint="add `revised_reason:` saying why the target date moved and who agreed",
        )


def _future_dates(located: Located[RecommendationFacts], as_of: date) -> Iterator[Problem]:
    """The dates of a recommendation that record something done after the as-of date."""
    rec = located.record
    if rec.assurance:
        yield from _future(located, as_of, rec.assurance.date, ("assurance", "date"))
        yield from _evidence_dates(located, as_of, rec.assurance.evidence, ("assurance",))
    if rec.completed_on:
        yield from _future(located, as_of, rec.completed_on, ("completed_on",))
    if rec.closed_on:
        yield from _future(located, as_of, rec.closed_on, ("closed_on",))
    yield from _evidence_dates(located, as_of, rec.evidence, ())
    yield from _dated(located, as_of, rec.update_dates, rec.revision_dates, ())
    for index, action in enumerate(rec.actions):
        at: tuple[Key, ...] = ("actions", index)
        if action.completed_on:
            yield from _future(located, as_of, action.completed_on, (*at, "completed_on"))
        yield from _dated(located, as_of, action.update_dates, action.revision_dates, at)
        yield from _evidence_dates(located, as_of, action.evidence, at)


def _dated(
    located: Located[RecommendationFacts],
    as_of: date,
    updates: tuple[date, ...],
    revisions: tuple[date, ...],
    at: tuple[Key, ...],
) -> Iterator[Problem]:
    """Updates and revisions record what happened, or was agreed, on their dates."""
    for i, when in enumerate(updates):
        yield from _future(located, as_of, when, (*at, "updates", i, "date"))
    for i, when in enumerate(revisions):
        yield from _future(located, as_of, when, (*at, "revisions", i, "date"))


def _evidence_dates(
    located: Located[RecommendationFacts],
    as_of: date,
    evidence: Iterable[EvidenceFacts],
    at: tuple[Key, ...],
) -> Iterator[Problem]:
    for index, item in enumerate(evidence):
        yield from _future(located, as_of, item.date, (*at, "evidence", index, "date"))


def _future(
    located: Located[RecommendationFacts], as_of: date, when: date, at: tuple[Key, ...]
) -> Iterator[Problem]:
    if when > as_of:
        yield located.problem(
            "date-in-future",
            f"`{at[-1]}` is {when}, after the as-of date {as_of}: it records something as "
            "done before it happened",
            *at,
            hint="check the date; a planned date belongs in `due`",
        )

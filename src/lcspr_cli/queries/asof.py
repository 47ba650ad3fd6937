"""Rebuild a recommendation as it stood on a past day, from the dates recorded in it.

An action completed after the as-of day was not yet complete on it; an assurance or a
closure dated after it had not yet been given; evidence, updates and target-date
revisions dated after it did not exist yet. Pure: records in, records out; a record no
date after the day touches is returned as it is, not copied.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, TypeVar

from msgspec.structs import replace

from ..records.models import Action, Recommendation
from ..records.statuses import RECOMMENDATION_DONE


class _HasDate(Protocol):
    @property
    def date(self) -> date: ...


_Dated = TypeVar("_Dated", bound=_HasDate)


def _until(items: tuple[_Dated, ...], as_of: date) -> tuple[_Dated, ...]:
    """The items dated on or before `as_of`: `items` itself when that is all of them."""
    for item in items:  # a loop, not all(): this runs for every list of every record
        if item.date > as_of:
            return tuple(item for item in items if item.date <= as_of)
    return items


def action_as_of(action: Action, as_of: date) -> Action:
    """The action as it stood at the end of `as_of`."""
    changes: dict[str, object] = {}
    if (evidence := _until(action.evidence, as_of)) is not action.evidence:
        changes["evidence"] = evidence
    if (updates := _until(action.updates, as_of)) is not action.updates:
        changes["updates"] = updates
    if (revisions := _until(action.revisions, as_of)) is not action.revisions:
        changes["revisions"] = revisions
    if action.status == "complete" and action.completed_on and action.completed_on > as_of:
        changes["status"] = "in-progress"
        changes["completed_on"] = None
    return replace(action, **changes) if changes else action


def recommendation_as_of(rec: Recommendation, as_of: date) -> Recommendation:
    """The recommendation and its actions as they stood at the end of `as_of`.

    Only what the dates show is undone: a status is stepped back only when a dated
    completion, assurance or closure falls after `as_of`.
    """
    actions = tuple(action_as_of(action, as_of) for action in rec.actions)
    changes: dict[str, object] = {}
    if any(after is not before for before, after in zip(rec.actions, actions, strict=True)):
        changes["actions"] = actions
    for name in ("evidence", "updates", "revisions"):
        items = getattr(rec, name)
        if (kept := _until(items, as_of)) is not items:
            changes[name] = kept
    status = rec.status
    if rec.status == "closed" and rec.closed_on and rec.closed_on > as_of:
        status = "assured"
        changes["closed_on"] = None
    if rec.assurance is not None:
        if rec.assurance.date > as_of:
            changes["assurance"] = None
            if status in RECOMMENDATION_DONE:
                status = "complete"
        elif (evidence := _until(rec.assurance.evidence, as_of)) is not rec.assurance.evidence:
            changes["assurance"] = replace(rec.assurance, evidence=evidence)
    reopened = any(
        before.status == "complete" and after.status != "complete"
        for before, after in zip(rec.actions, actions, strict=True)
    )
    later = rec.completed_on is not None and rec.completed_on > as_of
    if status == "complete" and (reopened or later):
        status = "in-progress"
    if later:
        changes["completed_on"] = None
    if status != rec.status:
        changes["status"] = status
    return replace(rec, **changes) if changes else rec

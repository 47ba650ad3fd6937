"""Rebuild a recommendation as it stood on a past day, from the dates recorded in it.

An action completed after the as-of day was not yet complete on it; an assurance or a
closure dated after it had not yet been given; evidence, updates and target-date
revisions dated after it did not exist yet. Pure: records in, records out.
"""

from __future__ import annotations

from datetime import date

from ..records.models import Action, Recommendation
from ..records.statuses import RECOMMENDATION_DONE


def action_as_of(action: Action, as_of: date) -> Action:
    """The action as it stood at the end of `as_of`."""
    changes: dict[str, object] = {
        "evidence": tuple(e for e in action.evidence if e.date <= as_of),
        "updates": tuple(u for u in action.updates if u.date <= as_of),
        "revisions": tuple(r for r in action.revisions if r.date <= as_of),
    }
    if action.status == "complete" and action.completed_on and action.completed_on > as_of:
        changes["status"] = "in-progress"
        changes["completed_on"] = None
    return action.model_copy(update=changes)


def recommendation_as_of(rec: Recommendation, as_of: date) -> Recommendation:
    """The recommendation and its actions as they stood at the end of `as_of`.

    Only what the dates show is undone: a status is stepped back only when a dated
    completion, assurance or closure falls after `as_of`.
    """
    actions = tuple(action_as_of(action, as_of) for action in rec.actions)
    changes: dict[str, object] = {
        "actions": actions,
        "evidence": tuple(e for e in rec.evidence if e.date <= as_of),
        "updates": tuple(u for u in rec.updates if u.date <= as_of),
        "revisions": tuple(r for r in rec.revisions if r.date <= as_of),
    }
    status = rec.status
    if rec.status == "closed" and rec.closed_on and rec.closed_on > as_of:
        status = "assured"
        changes["closed_on"] = None
    if rec.assurance is not None:
        if rec.assurance.date > as_of:
            changes["assurance"] = None
            if status in RECOMMENDATION_DONE:
                status = "complete"
        else:
            evidence = tuple(e for e in rec.assurance.evidence if e.date <= as_of)
            changes["assurance"] = rec.assurance.model_copy(update={"evidence": evidence})
    reopened = any(
        before.status == "complete" and after.status != "complete"
        for before, after in zip(rec.actions, actions, strict=True)
    )
    later = rec.completed_on is not None and rec.completed_on > as_of
    if status == "complete" and (reopened or later):
        status = "in-progress"
    if later:
        changes["completed_on"] = None
    changes["status"] = status
    return rec.model_copy(update=changes)

"""The everyday updates to the log, each an operation that changes only the lines it was
asked to (`document`) and never writes: `plan.plan` checks what it leaves."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..queries.succession import successors
from ..records.statuses import ACTION_STATUSES, RECOMMENDATION_DONE, RECOMMENDATION_STATUSES
from ..wording import did_you_mean
from .document import Document, EditError
from .plan import Context, Operation, Target, UnknownName, usable_agency

# --- the operations -------------------------------------------------------------------


def set_status(status: str, on: date | None, reason: str | None, by: str | None) -> Operation:
    """Set a status, filling in (or clearing) the dates and reasons it needs."""

    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        if target.is_action:
            return _action_status(doc, target, status, on, reason)
        return _recommendation_status(doc, target, status, on, by)

    return operation


def _action_status(
    doc: Document, target: Target, status: str, on: date | None, reason: str | None
) -> tuple[Document, str]:
    _allowed(status, ACTION_STATUSES, "an action")
    at = target.path
    doc = doc.set_value((*at, "status"), status)
    detail = ""
    if status == "complete":
        if on is None:
            raise EditError("an action marked complete needs the day: add --on YYYY-MM-DD")
        doc = doc.set_value((*at, "completed_on"), on, after=["status"])
        detail = f", completed on {on.isoformat()}"
    elif status == "dropped":
        if not reason:
            raise EditError("a dropped action needs the reason: add --reason '...'")
        doc = doc.set_value((*at, "dropped_reason"), reason, after=["status"])
        detail = ", with the reason"
    if status != "complete":
        doc = doc.remove((*at, "completed_on"))
    if status != "dropped":
        doc = doc.remove((*at, "dropped_reason"))
    return doc, f"{target.ident}: status {status}{detail}"


def _recommendation_status(
    doc: Document, target: Target, status: str, on: date | None, by: str | None
) -> tuple[Document, str]:
    _allowed(status, RECOMMENDATION_STATUSES, "a recommendation")
    doc = doc.set_value(("status",), status)
    detail = ""
    if status in RECOMMENDATION_DONE and not doc.exists(("assurance",)):
        if status == "closed" or on is None or not by:
            raise EditError(
                f"`{target.ident}` has no assurance yet: first mark it assured with "
                "--on YYYY-MM-DD --by 'who accepted the evidence of impact'"
            )
        fields = [("date", on), ("by", by), ("evidence", ())]
        doc = doc.add_mapping(("assurance",), fields, after=["status"])
        detail = f", assured on {on.isoformat()} by {by}"
    if status == "closed":
        if on is None:
            raise EditError("a closed recommendation needs the day it was signed off: add --on")
        doc = doc.set_value(("closed_on",), on, after=["assurance", "status"])
        detail = f", closed on {on.isoformat()}"
    else:
        doc = doc.remove(("closed_on",))
    return doc, f"{target.ident}: status {status}{detail}"


def _allowed(status: str, allowed: Sequence[str], what: str) -> None:
    if status not in allowed:
        hint = did_you_mean(status, allowed) or f"use one of: {', '.join(allowed)}"
        raise UnknownName(f"`{status}` is not a status of {what}; {hint}")


def add_evidence(
    title: str, on: date, path: str | None, url: str | None, held_by: str | None
) -> Operation:
    """Add an evidence item: to an action, or to a recommendation's assurance."""
    where = [
        (key, value) for key, value in (("path", path), ("url", url), ("held_by", held_by)) if value
    ]
    if len(where) != 1:
        raise UnknownName("say where the evidence is with exactly one of --path, --url, --held-by")

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        if held_by:
            usable_agency(held_by, context.dataset, None)  # may hold records from before
        item = [("title", title), ("date", on), *where]
        if target.is_action:
            at = (*target.path, "evidence")
            after = ["completed_on", "dropped_reason", "status"]
        elif doc.exists(("assurance",)):
            at, after = ("assurance", "evidence"), ["by"]
        else:
            raise EditError(
                f"evidence for a recommendation is assurance evidence, and `{target.ident}` "
                "has no assurance yet: lcspr set-status ID assured --on DATE --by WHO first"
            )
        return doc.append_item(at, item, after=after), f"{target.ident}: evidence added ({title})"

    return operation


# Where a list goes when a record has none yet: after the first of these it has.
_ACTION_TAIL = ["evidence", "completed_on", "dropped_reason", "status"]
_RECOMMENDATION_TAIL = ["measures", "evidence", "closed_on", "assurance", "status"]


def add_update(note: str, on: date) -> Operation:
    """Add a dated progress update to an action or a recommendation."""

    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        at = (*target.path, "updates")
        after = _ACTION_TAIL if target.is_action else _RECOMMENDATION_TAIL
        return doc.append_item(at, [("date", on), ("note", note)], after=after), (
            f"{target.ident}: update of {on.isoformat()} added"
        )

    return operation


def revise_due(new_due: date, reason: str, agreed: date, by: str | None) -> Operation:
    """Revise the target date of an action or a recommendation: a new entry at the end of
    its `revisions`, saying when it was agreed, the new target, why, and who agreed."""

    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        if not reason.strip():
            raise EditError("a revised date needs the reason: add --reason '...'")
        fields: list[tuple[str, Any]] = [("date", agreed), ("due", new_due), ("reason", reason)]
        if by:
            fields.append(("by", by))
        after = ["revised_reason", "revised_due", "due"]
        doc = doc.append_item((*target.path, "revisions"), fields, after=after)
        written = getattr(new_due, "form", "") or new_due.isoformat()
        return doc, f"{target.ident}: due date revised to {written}"

    return operation


def set_owner(agency: str) -> Operation:
    """Make `agency` the owner; refuse an agency that has ended, naming its successors."""

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        today = context.today
        usable_agency(agency, context.dataset, today)
        agencies = {a.record.id: a.record for a in context.dataset.agencies}
        after = ["action"] if target.is_action else ["themes", "text"]
        doc = doc.set_value((*target.path, "owner"), agency, after=after)
        note = ""
        for old in target.owners:
            if old in agencies and (agencies[old].until or date.max) < today:
                heirs = successors(old, agencies, today)
                note += f" (was {old}, which ended on {agencies[old].until}"
                if agency not in heirs:
                    note += f"; its successors are {', '.join(heirs) or 'not recorded'}"
                note += ")"
        return doc, f"{target.ident}: owner {agency}{note}"

    return operation


def new_action(action: str, owner: str, due: date, lead_role: str | None) -> Operation:
    """Append an action with the next free id."""

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        usable_agency(owner, context.dataset, context.today)
        if target.is_action:
            raise EditError(f"give the recommendation's id, not an action's ({target.ident})")
        rec = target.located.record
        numbers = [int(a.id.rsplit(".", 1)[1]) for a in rec.actions if "." in a.id]
        ident = f"{rec.id}.{max(numbers, default=0) + 1}"
        fields: list[tuple[str, Any]] = [("id", ident), ("action", action), ("owner", owner)]
        if lead_role:
            fields.append(("lead_role", lead_role))
        fields += [("due", due), ("status", "not-started")]
        return doc.append_item(("actions",), fields), f"{ident}: new action added to {rec.id}"

    return operation

"""The everyday updates to the log, each an operation that changes only the lines it was
asked to (`document`) and never writes: `plan.plan` checks what it leaves."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from ..problems import Problem, Severity
from ..queries.succession import Standing, standing, successors
from ..records.statuses import (
    ACTION_DONE,
    ACTION_STATUSES,
    RECOMMENDATION_DONE,
    RECOMMENDATION_STATUSES,
)
from ..wording import did_you_mean
from ..yamlfile.positions import DataPath
from .comments import stale_comments
from .document import Document, EditError
from .plan import Context, Operation, Target, UnknownName, usable_agency

# --- evidence -------------------------------------------------------------------------


class EvidenceItem(Struct, frozen=True):
    """An evidence item to record: what it is, when it was received, and where it is held
    (exactly one of a path under the data folder, a web address or an agency)."""

    title: str
    on: date
    path: str | None = None
    url: str | None = None
    held_by: str | None = None

    def __post_init__(self) -> None:
        if sum(bool(where) for where in (self.path, self.url, self.held_by)) != 1:
            raise UnknownName(
                "say where the evidence is with exactly one of --path, --url, --held-by"
            )

    def fields(self, context: Context) -> list[tuple[str, Any]]:
        """Its fields, once its agency and its file are found."""
        if self.held_by:
            usable_agency(self.held_by, context.dataset, None)  # may hold records from before
        if self.path:
            _evidence_file(context.dataset.root, self.path)
        where = [("path", self.path), ("url", self.url), ("held_by", self.held_by)]
        return [("title", self.title), ("date", self.on), *((k, v) for k, v in where if v)]


def _evidence_file(root: Path, path: str) -> None:
    """Refuse evidence whose file is not in the data folder, saying where lcspr looked."""
    looked = Path(os.path.normpath(root / path))
    if looked.is_file():
        return
    hint = "put the document there first, or give --url or --held-by instead"
    given = Path(path)
    if given.is_file():  # a path from the current folder, not from the data folder
        try:
            inside = given.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            hint = "the path is taken from the data folder, and evidence files are kept in it"
        else:
            hint = f"the path is taken from the data folder: did you mean --path {inside}?"
    raise EditError(f"no evidence file {looked.as_posix()}: {hint}")


# --- the operations -------------------------------------------------------------------


def set_status(
    status: str,
    on: date | None,
    reason: str | None,
    by: str | None,
    evidence: EvidenceItem | None = None,
) -> Operation:
    """Set a status, filling in (or clearing) the dates and reasons it needs; `evidence`
    is recorded with it (for a recommendation, as assurance evidence)."""

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        if target.is_action:
            doc, summary = _action_status(doc, target, status, on, reason)
            if evidence is not None:
                at = (*target.path, "evidence")
                doc = doc.append_item(at, evidence.fields(context), after=_ACTION_EVIDENCE)
                summary += f", evidence added ({evidence.title})"
            return doc, summary
        return _recommendation_status(doc, target, context, status, on, by, evidence)

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
    doc: Document,
    target: Target,
    context: Context,
    status: str,
    on: date | None,
    by: str | None,
    evidence: EvidenceItem | None,
) -> tuple[Document, str]:
    _allowed(status, RECOMMENDATION_STATUSES, "a recommendation")
    rec = target.located.record
    unfinished = [a.id for a in rec.actions if a.status not in ACTION_DONE]
    if status == "closed" and unfinished:
        raise EditError(
            f"`{target.ident}` cannot be closed while its actions {', '.join(unfinished)} "
            "are neither complete nor dropped: complete or drop them first (lcspr "
            f"set-status {unfinished[0]} complete --on YYYY-MM-DD)"
        )
    doc = doc.set_value(("status",), status)
    details = []
    if status == "complete" and on is not None:
        doc = doc.set_value(("completed_on",), on, after=["status"])
        details.append(f"completed on {on.isoformat()}")
    elif status in ("open", "in-progress"):
        doc = doc.remove(("completed_on",))
    if status in RECOMMENDATION_DONE:
        doc, assured = _assurance(doc, target, context, status, on, by, evidence)
        details += assured
    elif evidence is not None:
        raise EditError(
            "evidence given with set-status is assurance evidence, for assured or closed; "
            f"for progress, use lcspr add-update {target.ident} --note '...'"
        )
    if status == "closed":
        if on is None:
            raise EditError("a closed recommendation needs the day it was signed off: add --on")
        doc = doc.set_value(("closed_on",), on, after=["assurance", "completed_on", "status"])
        details.append(f"closed on {on.isoformat()}")
    else:
        doc = doc.remove(("closed_on",))
    return doc, f"{target.ident}: status {status}" + "".join(f", {d}" for d in details)


def _assurance(
    doc: Document,
    target: Target,
    context: Context,
    status: str,
    on: date | None,
    by: str | None,
    evidence: EvidenceItem | None,
) -> tuple[Document, list[str]]:
    """The assurance an assured or closed recommendation needs, with its evidence: recorded
    already, or given now. An external recommendation needs none of its own."""
    external = target.located.record.external
    details = []
    if not doc.exists(("assurance",)) and not (external and (on is None or not by)):
        if status == "closed" or on is None or not by:
            raise EditError(
                f"`{target.ident}` has no assurance yet: first mark it assured with "
                "--on YYYY-MM-DD --by 'who accepted the evidence of impact' --evidence TITLE "
                "and one of --path, --url or --held-by"
            )
        fields = [("date", on), ("by", by), ("evidence", ())]
        doc = doc.add_mapping(("assurance",), fields, after=["completed_on", "status"])
        details.append(f"assured on {on.isoformat()} by {by}")
    if evidence is not None:
        at: DataPath = ("assurance", "evidence") if doc.exists(("assurance",)) else ("evidence",)
        after = ["by"] if len(at) == 2 else _RECOMMENDATION_EVIDENCE
        doc = doc.append_item(at, evidence.fields(context), after=after)
        details.append(f"evidence added ({evidence.title})")
    if not external and not doc.value(("assurance", "evidence")):
        raise EditError(
            f"`{target.ident}` cannot be {status} without assurance evidence, and none is "
            "recorded: give it in the same command with --evidence TITLE and one of --path, "
            "--url or --held-by (where the document is held)"
        )
    return doc, details


def _allowed(status: str, allowed: Sequence[str], what: str) -> None:
    if status not in allowed:
        hint = did_you_mean(status, allowed) or f"use one of: {', '.join(allowed)}"
        raise UnknownName(f"`{status}` is not a status of {what}; {hint}")


# Where a list goes when a record has none yet: after the first of these it has.
_ACTION_EVIDENCE = ["completed_on", "dropped_reason", "status"]
_RECOMMENDATION_EVIDENCE = ["closed_on", "assurance", "completed_on", "status"]
_ACTION_TAIL = ["evidence", "completed_on", "dropped_reason", "status"]
_RECOMMENDATION_TAIL = ["measures", "evidence", "closed_on", "assurance", "completed_on", "status"]


def add_evidence(
    title: str, on: date, path: str | None, url: str | None, held_by: str | None
) -> Operation:
    """Add an evidence item: to an action, or to a recommendation's assurance (for an
    external recommendation without one, to its own evidence)."""
    item = EvidenceItem(title, on, path, url, held_by)

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        if target.is_action:
            at, after = (*target.path, "evidence"), _ACTION_EVIDENCE
        elif doc.exists(("assurance",)):
            at, after = ("assurance", "evidence"), ["by"]
        elif target.located.record.external:
            at, after = ("evidence",), _RECOMMENDATION_EVIDENCE
        else:
            raise EditError(
                f"evidence for a recommendation is assurance evidence, and `{target.ident}` "
                "has no assurance yet: record both at once with lcspr set-status ID assured "
                "--on DATE --by WHO --evidence TITLE and one of --path, --url or --held-by"
            )
        doc = doc.append_item(at, item.fields(context), after=after)
        return doc, f"{target.ident}: evidence added ({title})"

    return operation


def add_update(note: str, on: date) -> Operation:
    """Add a dated progress update to an action or a recommendation, in the order its
    updates are kept: newest first, or oldest first."""

    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        at = (*target.path, "updates")
        after = _ACTION_TAIL if target.is_action else _RECOMMENDATION_TAIL
        index = _update_index(doc, at, on.isoformat())
        doc = doc.insert_item(at, index, [("date", on), ("note", note)], after=after)
        return doc, f"{target.ident}: update of {on.isoformat()} added"

    return operation


def _update_index(doc: Document, at: DataPath, day: str) -> int:
    """Where an update of `day` goes: in date order, the way the list (or, for a list that
    does not show it, the file's other updates) is kept; at the end when neither shows."""
    current = doc.value(at)
    if not isinstance(current, list) or not current:
        return 0
    dates = [str(item.get("date", "")) if isinstance(item, dict) else "" for item in current]
    newest_first = _newest_first(dates)
    if newest_first is None:
        if len(set(dates)) > 1:  # in no order: the new one goes last
            return len(dates)
        newest_first = _newest_first_in(doc.data)
    if newest_first:
        return next((i for i, each in enumerate(dates) if each <= day), len(dates))
    return next((i for i, each in enumerate(dates) if each > day), len(dates))


def _newest_first(dates: list[str]) -> bool | None:
    """True for dates newest first, False for oldest first, None when they do not say."""
    if len(set(dates)) < 2:
        return None
    if dates == sorted(dates, reverse=True):
        return True
    return False if dates == sorted(dates) else None


def _newest_first_in(data: dict[str, Any]) -> bool:
    """Whether the file keeps its updates newest first (by its lists that show an order)."""
    lists = [data.get("updates")]
    lists += [a.get("updates") for a in data.get("actions") or [] if isinstance(a, dict)]
    orders = [
        _newest_first([str(u.get("date", "")) for u in each if isinstance(u, dict)])
        for each in lists
        if isinstance(each, list)
    ]
    return True in orders and False not in orders


def revise_due(new_due: date, reason: str, agreed: date, by: str | None) -> Operation:
    """Revise the target date of an action or a recommendation: a new entry at the end of
    its `revisions`, saying when it was agreed, the new target, why, and who agreed."""

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        if not reason.strip():
            raise EditError("a revised date needs the reason: add --reason '...'")
        written = getattr(new_due, "form", "") or new_due.isoformat()
        if new_due < context.today:
            raise EditError(
                f"the new target date {written} is already past (today is "
                f"{context.today.isoformat()}): a revised target is today or later"
            )
        fields: list[tuple[str, Any]] = [("date", agreed), ("due", new_due), ("reason", reason)]
        if by:
            fields.append(("by", by))
        after = ["revised_reason", "revised_due", "due"]
        doc = doc.append_item((*target.path, "revisions"), fields, after=after)
        return doc, f"{target.ident}: due date revised to {written}"

    return operation


def set_owner(agency: str | tuple[str, ...]) -> Operation:
    """Make `agency` the owner (a tuple: joint owners, written as a list); refuse an agency
    that has ended, naming its successors. Comments near the owner that speak of the old
    owner are pointed out, never changed."""
    owners = (agency,) if isinstance(agency, str) else agency
    value = owners[0] if len(owners) == 1 else owners

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        today = context.today
        for owner in owners:
            usable_agency(owner, context.dataset, today)
        agencies = {a.record.id: a.record for a in context.dataset.agencies}
        after = ["action"] if target.is_action else ["themes", "text"]
        doc = doc.set_value((*target.path, "owner"), value, after=after)
        note = ""
        for old in target.owners:
            if old in agencies and (agencies[old].until or date.max) < today:
                heirs = successors(old, agencies, today)
                note += f" (was {old}, which ended on {agencies[old].until}"
                if not set(owners) & set(heirs):
                    note += f"; its successors are {', '.join(heirs) or 'not recorded'}"
                note += ")"
        line = doc.line_of((*target.path, "owner"))
        context.notes.extend(stale_comments(doc, line, _former_owner(target, owners, context)))
        return doc, f"{target.ident}: owner {', '.join(owners)}{note}"

    return operation


def _former_owner(
    target: Target, owners: tuple[str, ...], context: Context
) -> list[tuple[str, str]]:
    """The words a comment would use for the item's owner before `owners`: the old owners'
    ids and names, and, when none of them was current, "unowned"."""
    agencies = {a.record.id: a.record for a in context.dataset.agencies}
    former = [owner for owner in target.owners if owner not in owners]
    words = [(owner, "the old owner") for owner in former]
    words += [
        (agencies[owner].name, f"the name of the old owner, {owner}")
        for owner in former
        if owner in agencies
    ]
    places = [standing(owner, agencies, context.today) for owner in target.owners]
    if all(place is not Standing.CURRENT for place in places):
        was = f"as {target.ident} was until now"
        words += [("unowned", was), ("no owner", was)]
    return words


def new_action(action: str, owner: str, due: date, lead_role: str | None) -> Operation:
    """Append an action with the next free id; warn when its due date is already past."""

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
        doc = doc.append_item(("actions",), fields)
        if due < context.today:
            line, column = doc.parsed.source.values[("actions", len(rec.actions), "due")]
            context.warnings.append(
                Problem(
                    doc.path,
                    line,
                    column,
                    "overdue",
                    f"action `{ident}` is due {due.isoformat()}, which has passed: it is "
                    "overdue from the day it is added",
                    "check the date; if it is right, lcspr overdue lists the action from today",
                    Severity.WARNING,
                )
            )
        return doc, f"{ident}: new action added to {rec.id}"

    return operation

"""A recommendation's file data from the rows that give it: its own fields (from its own
row, or from any of its rows for what a tracker gives once per recommendation), and one
action for each row that gives an action.

Where the format needs a value the sheet does not give, a stand-in goes in, and a
comment beside it says so: the day of the import for a completion without a date, the
action's owner as the holder of its evidence, "reason not recorded in the spreadsheet"
for a revised date without a reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from msgspec import Struct

from ..records.dates import Due
from . import values
from .cells import Row, owner_value
from .model import OWNER_STAND_IN, STAND_IN_BY, STAND_IN_REASON, TODAY_STAND_IN, Imported
from .progress import evidence, evidence_item, lines, rags, updates


class Group(Struct):
    """The rows of one recommendation, in sheet order."""

    rows: list[Row]
    ident: str
    review: str
    number: str
    text: str


def recommendation(group: Group, partnership: str | None) -> Imported:
    first = group.rows[0]
    own = next((r for r in group.rows if not r.text("action")), None)
    action_rows = [r for r in group.rows if r.text("action")]
    found = Imported(
        group.ident, group.review, first.sheet.name, [r.number for r in group.rows], {}
    )
    found.row_of[()] = first.number
    data = found.data
    number: Any = int(group.number) if group.number.isdigit() else group.number
    data |= {"id": group.ident, "review": group.review, "number": number}
    titled = _first_row(group.rows, "title")
    data["title"] = titled.text("title") if titled else title_of(group.text)
    if titled is not None:  # not a title made from the text
        found.origins[("title",)] = titled.origin("title")
    data["text"] = group.text
    found.origins[("text",)] = first.origin("recommendation")
    actions = _actions(found, action_rows, group.ident)
    status = _status(found, group.rows, own, actions)
    if status == "not-accepted":
        data["response"] = {"decision": "not-accepted", "note": STAND_IN_REASON}
        found.stand_ins[("response", "note")] = "stand-in: the spreadsheet gives no reason"
    owners = _owners(found, group.rows, own, actions)
    if owners:
        data["owner"] = owner_value(owners)
    supporting = own.agencies("supporting") if own is not None else ()
    if supporting:
        data["supporting"] = list(supporting)
    _due(found, group.rows, own, actions, status)
    if status != "not-accepted":
        data["status"] = status
    _assurance(found, group.rows, status, owners[0] if owners else partnership)
    measures = list(dict.fromkeys(m for r in group.rows if (m := r.text("impact"))))
    if measures:
        data["measures"] = [{"measure": m} for m in measures]
    if own is not None:
        holder = owners[0] if owners else partnership
        if holder is not None:
            evidence(found, own, (), data.get("completed_on"), holder)
        updates(found, own, ())
    if actions:
        data["actions"] = actions
    rags(found, own, group.rows)
    return found


def title_of(text: str) -> str:
    """A short title from the text: its first sentence, cut at a word near 60 characters."""
    first = re.split(r"(?<=[.;:])\s", text.strip(), maxsplit=1)[0].rstrip(".;:")
    first = " ".join(first.split())
    if len(first) <= 70:
        return first
    cut = first[:60].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "..."


def _once(rows: Sequence[Row], name: str) -> str | None:
    """A field given once for the recommendation: its first cell with a value."""
    return next((t for r in rows if (t := r.text(name))), None)


def _first_row(rows: Sequence[Row], name: str) -> Row | None:
    return next((r for r in rows if r.text(name)), None)


# --- the recommendation's own fields ---------------------------------------------------


def _status(
    found: Imported, rows: Sequence[Row], own: Row | None, actions: list[dict[str, Any]]
) -> str:
    given = _first_row(rows, "rec_status")
    status = None
    if given is not None:
        status = given.read("rec_status", lambda v: values.status(v, values.RECOMMENDATION_WORDS))
        found.origins[("status",)] = given.origin("rec_status")
    elif own is not None and own.text("status"):
        status = own.read("status", lambda v: values.status(v, values.RECOMMENDATION_WORDS))
        found.origins[("status",)] = own.origin("status")
    if status is not None:
        return status
    if _first_row(rows, "closed_on"):
        return "closed"
    if _first_row(rows, "assured_on"):
        return "assured"
    done = [a["status"] for a in actions]
    if done and all(s in ("complete", "dropped") for s in done) and "complete" in done:
        return "complete"
    return "in-progress" if any(s in ("in-progress", "complete") for s in done) else "open"


def _owners(
    found: Imported, rows: Sequence[Row], own: Row | None, actions: list[dict[str, Any]]
) -> tuple[str, ...]:
    given = _first_row(rows, "rec_owner")
    if given is not None:
        found.origins[("owner",)] = given.origin("rec_owner")
        return given.agencies("rec_owner")
    if own is not None and own.text("owner"):
        found.origins[("owner",)] = own.origin("owner")
        return own.agencies("owner")
    owned = {_as_tuple(a.get("owner")) for a in actions}
    if len(owned) == 1 and () not in owned:
        found.stand_ins[("owner",)] = OWNER_STAND_IN
        return next(iter(owned))
    return ()


def _as_tuple(owner: Any) -> tuple[str, ...]:
    if owner is None:
        return ()
    return (owner,) if isinstance(owner, str) else tuple(owner)


def _due(
    found: Imported,
    rows: Sequence[Row],
    own: Row | None,
    actions: list[dict[str, Any]],
    status: str,
) -> None:
    given = _first_row(rows, "rec_due")
    due: Due | None = None
    if given is not None:
        due = given.read("rec_due", values.target)
        found.origins[("due",)] = given.origin("rec_due")
    elif own is not None and own.column("due") is not None:
        due = own.target("due", found.id)
        found.origins[("due",)] = own.origin("due")
        if due is None and not actions and status != "not-accepted":
            said = (
                "is no target date for" if own.text("due") else "is blank: lcspr needs a date for"
            )
            own.problem(
                "due",
                "missing-field",
                f"{said} {found.id}; a recommendation needs one, and lcspr does not guess it",
                f"agree a date and write it: {values.TARGET_FORMS}",
            )
    if due is None and actions:
        dates = [a.get("revised_due") or a.get("due") for a in actions]
        known = [d for d in dates if d is not None]
        if known:
            due = max(known)
            found.stand_ins[("due",)] = "the last of its actions' target dates"
    if due is not None:
        found.data["due"] = due


def _assurance(found: Imported, rows: Sequence[Row], status: str, holder: str | None) -> None:
    if status not in ("assured", "closed"):
        return
    today = rows[0].context.today
    closed = next((d for r in rows if r.text("closed_on") and (d := r.done_on("closed_on"))), None)
    assured = next(
        (d for r in rows if r.text("assured_on") and (d := r.done_on("assured_on"))), None
    )
    day = assured or closed or today
    by = _once(rows, "assured_by") or _once(rows, "signed_off_by")
    assurance: dict[str, Any] = {"date": day, "by": by or STAND_IN_BY, "evidence": []}
    if assured is None and closed is None:
        found.stand_ins[("assurance", "date")] = TODAY_STAND_IN
    if by is None:
        found.stand_ins[("assurance", "by")] = "stand-in: the spreadsheet does not say who"
    for line in lines(_once(rows, "assurance_evidence")):
        item = evidence_item(line, day, holder)
        if item is not None:
            assurance["evidence"].append(item)
    found.data["assurance"] = assurance
    if status == "closed":
        found.data["closed_on"] = closed or today
        if closed is None:
            found.stand_ins[("closed_on",)] = TODAY_STAND_IN


# --- actions ---------------------------------------------------------------------------


def _actions(found: Imported, rows: Sequence[Row], rec_id: str) -> list[dict[str, Any]]:
    given = [_given_id(r, rec_id) for r in rows]
    taken = {int(i.rsplit(".", 1)[1]) for i in given if i}
    numbers = (n for n in range(1, len(rows) + len(taken) + 1) if n not in taken)
    actions = []
    for index, (row, ident) in enumerate(zip(rows, given, strict=True)):
        actions.append(_action(found, row, ident or f"{rec_id}.{next(numbers)}", index))
        if ident:
            found.origins[("actions", index, "id")] = row.origin("id")
    return actions


def _given_id(row: Row, rec_id: str) -> str | None:
    written = row.text("id")
    if written and written.startswith(f"{rec_id}.") and written[len(rec_id) + 1 :].isdigit():
        return written
    return None


def _action(found: Imported, row: Row, ident: str, index: int) -> dict[str, Any]:
    at = ("actions", index)
    found.row_of[at] = row.number
    found.origins[at] = row.origin("action")
    action: dict[str, Any] = {"id": ident, "action": row.text("action")}
    owners = row.agencies("owner")
    if owners:
        action["owner"] = owner_value(owners)
        found.origins[(*at, "owner")] = row.origin("owner")
    for name in ("lead_role",):
        if row.text(name):
            action[name] = row.text(name)
    supporting = row.agencies("supporting")
    if supporting:
        action["supporting"] = list(supporting)
    _action_due(found, row, action, at)
    _action_status(found, row, action, at)
    holder = owners[0] if owners else None
    if holder is None and found.data.get("owner"):
        holder = _as_tuple(found.data["owner"])[0]
    evidence(found, row, at, action.get("completed_on"), holder, action)
    updates(found, row, at, action)
    return action


def _action_due(found: Imported, row: Row, action: dict[str, Any], at: tuple[Any, ...]) -> None:
    if row.column("due") is not None:
        due = row.target("due", action["id"])
        found.origins[(*at, "due")] = row.origin("due")
        if due is not None:
            action["due"] = due
        elif values.no_date(row.value("due")) is not None:
            said = (
                "is no target date for" if row.text("due") else "is blank: lcspr needs a date for"
            )
            row.problem(
                "due",
                "missing-field",
                f"{said} {action['id']}; every action needs one, and lcspr does not guess it",
                f"agree a date with the lead agency and write it: {values.TARGET_FORMS}",
            )
    if values.no_date(row.value("revised_due")) is None:
        revised = row.read("revised_due", values.target)
        if revised is not None and revised != action.get("due"):
            action["revised_due"] = revised
            found.origins[(*at, "revised_due")] = row.origin("revised_due")
            action["revised_reason"] = row.text("revised_reason") or STAND_IN_REASON
            if not row.text("revised_reason"):
                found.stand_ins[(*at, "revised_reason")] = "stand-in"


def _action_status(found: Imported, row: Row, action: dict[str, Any], at: tuple[Any, ...]) -> None:
    status = row.read("status", lambda v: values.status(v, values.ACTION_WORDS))
    completed = row.done_on("completed_on") if row.text("completed_on") else None
    ticked = values.says_yes(row.value("completed_on"))
    if status is None:
        status = "complete" if completed or ticked else None
    if status is None:
        status = "in-progress" if row.text("update") else "not-started"
    if completed is not None and status != "complete":
        row.problem(
            "completed_on",
            "invalid-value",
            f"gives a completion date, but the status is {row.text('status')}: which is right?",
            "clear the date, or set the status to Complete",
        )
    action["status"] = status
    found.origins[(*at, "status")] = row.origin("status")
    if status == "complete":
        action["completed_on"] = completed or row.context.today
        found.origins[(*at, "completed_on")] = row.origin("completed_on")
        if completed is None:
            found.stand_ins[(*at, "completed_on")] = TODAY_STAND_IN.replace(
                "no date", "no completion date"
            )
    elif status == "dropped":
        action["dropped_reason"] = STAND_IN_REASON
        found.stand_ins[(*at, "dropped_reason")] = "stand-in"

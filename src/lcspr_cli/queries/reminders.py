"""What an officer sends out: what falls due soon, and for each accountable agency what
to chase (overdue, due soon, quiet, or done without evidence). Pure: a report in, lists
out."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from msgspec import Struct

from .findings import Item, Kind, Reason
from .report import Report
from .succession import accountable
from .views import ActionView, RecommendationView, is_open

Entry = ActionView | RecommendationView


class Reminder(Struct, frozen=True):
    item: Item
    text: str
    """The action, or the recommendation's title."""
    lead_role: str | None
    accountable: tuple[str, ...]
    """Who answers for it: its owners, or the successors of one that has ended."""


def _reminder(entry: Entry, report: Report) -> Reminder:
    who = accountable(entry.item.owners, report.agencies, report.as_of)
    return Reminder(entry.item, entry.item.title, entry.item.lead_role, tuple(who))


def _entries(report: Report) -> list[Entry]:
    """The open work the partnership delivers: open actions, and recommendations neither
    assured nor closed (not external or not-accepted ones, which it does not deliver)."""
    found: list[Entry] = []
    for view in report.recommendations:
        rec = view.recommendation
        if not (rec.external or rec.not_accepted or rec.status in ("assured", "closed")):
            found.append(view)
        found.extend(a for a in view.actions if is_open(a.action))
    return found


def due_within(report: Report, days: int) -> list[Reminder]:
    """Open work due from the as-of date to `days` later, by who answers for it, then by
    date."""
    last = report.as_of + timedelta(days=days)
    due = [
        _reminder(entry, report)
        for entry in _entries(report)
        if entry.item.due is not None and report.as_of <= entry.item.due <= last
    ]
    return sorted(due, key=lambda r: (r.accountable or ("~",), r.item.due, r.item.id))


class Ask(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    QUIET = "no recent update"
    NO_EVIDENCE = "complete without evidence"


ASKS = {
    Ask.OVERDUE: "an update, and a revised date if one is needed",
    Ask.DUE_SOON: "confirmation that it will be done by the due date",
    Ask.QUIET: "an update on progress",
    Ask.NO_EVIDENCE: "the evidence that it was done",
}


class Chase(Struct, frozen=True):
    """For one agency, what to ask it for, group by group."""

    agency: str
    items: tuple[tuple[Ask, Reminder], ...]


def chase(report: Report, due_soon: int = 30, stale: int = 90) -> list[Chase]:
    """For each accountable agency, in the register's order: its overdue items, items due
    within `due_soon` days, open actions with no update for more than `stale` days, and
    complete items without evidence."""
    asks: dict[str, list[tuple[Ask, Reminder]]] = {}
    for entry, ask in _asks(report, due_soon, stale):
        reminder = _reminder(entry, report)
        for agency in reminder.accountable:
            asks.setdefault(agency, []).append((ask, reminder))
    order = [*report.agencies, *sorted(set(asks) - set(report.agencies))]
    chosen = [a for a in order if a in asks and report.owner in (None, a)]
    return [
        Chase(a, tuple(sorted(asks[a], key=lambda x: (list(Ask).index(x[0]), x[1].item.id))))
        for a in chosen
    ]


def _asks(report: Report, due_soon: int, stale: int) -> list[tuple[Entry, Ask]]:
    found: list[tuple[Entry, Ask]] = []
    for view in report.recommendations:
        entries: list[Entry] = [view, *view.actions]
        for entry in entries:
            ask = _ask(entry, report.as_of, due_soon, stale)
            if ask is not None:
                found.append((entry, ask))
    return found


def _ask(entry: Entry, as_of: date, due_soon: int, stale: int) -> Ask | None:
    findings = {f.kind: f for f in entry.findings}
    if Kind.OVERDUE in findings:
        return Ask.OVERDUE
    missing = findings.get(Kind.MISSING_EVIDENCE)
    if missing is not None and missing.reason in (
        Reason.NO_EVIDENCE,
        Reason.NO_ASSURANCE_EVIDENCE,
    ):
        return Ask.NO_EVIDENCE
    if isinstance(entry, RecommendationView):
        rec = entry.recommendation
        if rec.external or rec.not_accepted or rec.status in ("assured", "closed"):
            return None
    elif not is_open(entry.action):
        return None
    due = entry.item.due
    if due is not None and 0 <= (due - as_of).days <= due_soon:
        return Ask.DUE_SOON
    updates = entry.action.updates if isinstance(entry, ActionView) else ()
    if updates and (as_of - max(u.date for u in updates)).days > stale:
        return Ask.QUIET
    return None

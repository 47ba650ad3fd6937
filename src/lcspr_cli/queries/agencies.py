"""The accountability view: what each agency owns and supports, and which have ended."""

from __future__ import annotations

from datetime import date

from msgspec import Struct

from .findings import Kind
from .report import Report
from .succession import has_ended, successors
from .views import ActionView, RecommendationView, is_open

NO_OWNER = "(no owner)"


class Counts(Struct, frozen=True):
    """What an agency owns of one kind (recommendations, or actions)."""

    owned: int = 0
    open: int = 0
    overdue: int = 0
    missing_evidence: int = 0


class AgencyLine(Struct, frozen=True):
    """The accountability view of one agency (or of an owner id no agency has)."""

    id: str
    name: str
    short_name: str
    known: bool
    ended: date | None
    successors: tuple[str, ...]
    recommendations: Counts
    actions: Counts
    supporting: int
    """Open recommendations and actions it supports, without owning them."""


def agency_lines(report: Report) -> list[AgencyLine]:
    """One line per agency, and per owner id no agency has. A joint owner counts each item
    it shares; a supporting agency counts it apart. With the report about one agency, only
    its line."""
    owned: dict[str, list[ActionView | RecommendationView]] = {a: [] for a in report.agencies}
    supported: dict[str, int] = {}
    for view in report.recommendations:
        entries: list[ActionView | RecommendationView] = [*view.actions]
        if view.item.owners or not view.recommendation.not_accepted:
            entries.insert(0, view)  # a recommendation not accepted needs no owner
        for entry in entries:
            for owner in entry.item.owners or (NO_OWNER,):
                owned.setdefault(owner, []).append(entry)
            if _open(entry):
                for helper in _supporting(entry):
                    supported[helper] = supported.get(helper, 0) + 1
    lines = []
    for agency_id, items in owned.items():
        if report.owner is not None and agency_id != report.owner:
            continue
        lines.append(_line(report, agency_id, items, supported.get(agency_id, 0)))
    return lines


def _line(
    report: Report, agency_id: str, items: list[ActionView | RecommendationView], supporting: int
) -> AgencyLine:
    agency = report.agencies.get(agency_id)
    ended = agency is not None and has_ended(agency, report.as_of)
    return AgencyLine(
        id=agency_id,
        name=agency.name if agency else "",
        short_name=(agency.short_name or "") if agency else "",
        known=agency is not None,
        ended=agency.until if agency and ended else None,
        successors=successors(agency_id, report.agencies, report.as_of) if ended else (),
        recommendations=_counts([i for i in items if isinstance(i, RecommendationView)]),
        actions=_counts([i for i in items if isinstance(i, ActionView)]),
        supporting=supporting,
    )


def _counts(items: list[ActionView] | list[RecommendationView]) -> Counts:
    def has(entry: ActionView | RecommendationView, kind: Kind) -> bool:
        return any(f.kind is kind for f in entry.findings)

    return Counts(
        owned=len(items),
        open=sum(_open(i) for i in items),
        overdue=sum(has(i, Kind.OVERDUE) for i in items),
        missing_evidence=sum(has(i, Kind.MISSING_EVIDENCE) for i in items),
    )


def _open(entry: ActionView | RecommendationView) -> bool:
    if isinstance(entry, ActionView):
        return is_open(entry.action)
    rec = entry.recommendation
    return not rec.not_accepted and rec.status not in ("assured", "closed")


def _supporting(entry: ActionView | RecommendationView) -> tuple[str, ...]:
    record = entry.action if isinstance(entry, ActionView) else entry.recommendation
    return tuple(a for a in record.supporting if a not in entry.item.owners)

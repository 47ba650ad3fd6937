"""The accountability view: what each agency owns, and which agencies have ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .findings import Kind
from .report import Report
from .succession import has_ended, successors
from .views import ActionView, RecommendationView, is_open


@dataclass(frozen=True)
class AgencyLine:
    """The accountability view of one agency (or of an owner id no agency has)."""

    id: str
    name: str
    known: bool
    ended: date | None
    successors: tuple[str, ...]
    recommendations: int
    actions: int
    open: int
    overdue: int
    missing_evidence: int


def agency_lines(report: Report) -> list[AgencyLine]:
    """One line per agency, and per owner id no agency has; a joint owner counts each
    item it shares. With the report about one agency, only its line."""
    owned_by: dict[str, list[ActionView | RecommendationView]] = {a: [] for a in report.agencies}
    for view in report.recommendations:
        entries: list[ActionView | RecommendationView] = [*view.actions]
        if view.item.owners or not view.recommendation.not_accepted:
            entries.insert(0, view)  # a recommendation not accepted needs no owner
        for entry in entries:
            for owner in entry.item.owners or ("",):
                owned_by.setdefault(owner, []).append(entry)
    lines = []
    for agency_id, owned in owned_by.items():
        if report.owner is not None and agency_id != report.owner:
            continue
        agency = report.agencies.get(agency_id)
        ended = agency is not None and has_ended(agency, report.as_of)
        actions = [o for o in owned if isinstance(o, ActionView)]
        lines.append(
            AgencyLine(
                id=agency_id or "(no owner)",
                name=agency.name if agency else "",
                known=agency is not None,
                ended=agency.until if agency and ended else None,
                successors=successors(agency_id, report.agencies, report.as_of) if ended else (),
                recommendations=len(owned) - len(actions),
                actions=len(actions),
                open=sum(is_open(a.action) for a in actions),
                overdue=sum(any(f.kind is Kind.OVERDUE for f in a.findings) for a in actions),
                missing_evidence=sum(
                    any(f.kind is Kind.MISSING_EVIDENCE for f in a.findings) for a in actions
                ),
            )
        )
    return lines

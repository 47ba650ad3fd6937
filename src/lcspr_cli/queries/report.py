"""What the reports say: overdue, unowned and missing evidence, and a RAG rating for each
recommendation and action, all as on the as-of date.

Pure: the loaded records, the as-of date, the windows and the set of evidence files
present go in; frozen views come out. Nothing here reads the clock or the disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ..records.ids import natural_key
from ..records.located import Located
from ..records.models import Action, Agency, Evidence, Recommendation
from ..records.statuses import ACTION_DONE, RECOMMENDATION_DONE
from ..wording import human_date, plural
from .asof import recommendation_as_of
from .findings import Finding, Item, Kind, Reason, describe, worst_first


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"


@dataclass(frozen=True)
class Settings:
    """The windows of the RAG rules, in days."""

    due_soon_days: int = 30
    stale_days: int = 90


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class ActionView:
    item: Item
    action: Action
    """As it stood on the as-of date."""
    rag: Rag
    why: tuple[str, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class RecommendationView:
    item: Item
    recommendation: Recommendation
    """As it stood on the as-of date."""
    actions: tuple[ActionView, ...]
    rag: Rag
    why: tuple[str, ...]
    findings: tuple[Finding, ...]
    """The recommendation's own findings; its actions carry theirs."""

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        return self.findings + tuple(f for a in self.actions for f in a.findings)

    def has(self, kind: Kind) -> bool:
        return any(f.kind is kind for f in self.all_findings)

    @property
    def counted_actions(self) -> tuple[ActionView, ...]:
        """The actions that count towards progress: all but the dropped ones."""
        return tuple(a for a in self.actions if a.action.status != "dropped")

    @property
    def actions_complete(self) -> int:
        return sum(a.action.status == "complete" for a in self.counted_actions)

    @property
    def next_due(self) -> date | None:
        """The earliest target date of its open actions, else its own when not yet done."""
        open_dates = [a.action.effective_due for a in self.actions if _is_open(a.action)]
        if open_dates:
            return min(open_dates)
        if self.recommendation.status in RECOMMENDATION_DONE:
            return None
        return self.recommendation.due


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


@dataclass(frozen=True)
class Report:
    as_of: date
    recommendations: tuple[RecommendationView, ...]
    agencies: Mapping[str, Agency]
    owner: str | None = None
    """When set, the report is about what this agency owns."""

    def findings(self, kind: Kind) -> list[Finding]:
        """Every finding of one kind, worst first."""
        found = [
            f
            for r in self.recommendations
            for f in r.all_findings
            if f.kind is kind and (self.owner is None or f.item.owner == self.owner)
        ]
        return sorted(found, key=worst_first)

    def filtered(self, review: str | None = None, owner: str | None = None) -> Report:
        """Only one review's recommendations, and only what one agency owns.

        With `owner`, a recommendation stays when the agency owns it or one of its
        actions, with only the actions the agency owns.
        """
        views = self.recommendations
        if review is not None:
            views = tuple(v for v in views if v.item.review == review)
        if owner is not None:
            views = tuple(_owned_part(v, owner) for v in views if _involves(v, owner))
        return replace(self, recommendations=views, owner=owner or self.owner)

    def agency_lines(self) -> list[AgencyLine]:
        lines = _agency_lines(self)
        return [line for line in lines if self.owner is None or line.id == self.owner]


def build_report(
    recommendations: Iterable[Located[Recommendation]],
    agencies: Iterable[Agency],
    as_of: date,
    evidence_present: frozenset[str],
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """Rate and list what needs attention in `recommendations` as on `as_of`.

    `evidence_present` holds the evidence paths that exist in the data folder.
    """
    context = _Context({a.id: a for a in agencies}, as_of, evidence_present, settings)
    views = sorted(
        (context.recommendation(located) for located in recommendations),
        key=lambda view: natural_key(view.item.id),
    )
    return Report(as_of, tuple(views), context.agencies)


def successors(agency_id: str, agencies: Mapping[str, Agency], as_of: date) -> tuple[str, ...]:
    """The agencies that now do an ended agency's work, following chains of successors."""
    found: list[str] = []
    seen = {agency_id}
    frontier = list(agencies[agency_id].replaced_by) if agency_id in agencies else []
    while frontier:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.add(current)
        agency = agencies.get(current)
        if agency is not None and _has_ended(agency, as_of) and agency.replaced_by:
            frontier[:0] = agency.replaced_by
        else:
            found.append(current)
    return tuple(found)


def _has_ended(agency: Agency, as_of: date) -> bool:
    return agency.until is not None and agency.until < as_of


def _is_open(action: Action) -> bool:
    return action.status not in ACTION_DONE


@dataclass(frozen=True)
class _Context:
    agencies: Mapping[str, Agency]
    as_of: date
    evidence_present: frozenset[str]
    settings: Settings

    def recommendation(self, located: Located[Recommendation]) -> RecommendationView:
        rec = recommendation_as_of(located.record, self.as_of)
        item = Item(
            "recommendation",
            rec.id,
            rec.id,
            rec.review,
            rec.title,
            rec.owner,
            rec.due,
            located.file,
            located.line(),
        )
        actions = tuple(self.action(located, rec, index) for index in range(len(rec.actions)))
        findings: list[Finding] = []
        if rec.status not in RECOMMENDATION_DONE:
            findings.extend(self._overdue(item, rec.due, "assurance"))
            findings.extend(self._unowned(item))
        if rec.status in RECOMMENDATION_DONE and rec.assurance is not None:
            findings.extend(self._evidence(item, rec.assurance.evidence, "assurance evidence"))
        rag, why = self._rate_recommendation(rec, item, actions, findings)
        return RecommendationView(item, rec, actions, rag, why, tuple(findings))

    def action(
        self, located: Located[Recommendation], rec: Recommendation, index: int
    ) -> ActionView:
        action = rec.actions[index]
        item = Item(
            "action",
            action.id,
            rec.id,
            rec.review,
            action.action,
            action.owner,
            action.effective_due,
            located.file,
            located.line("actions", index),
        )
        findings: list[Finding] = []
        if _is_open(action):
            findings.extend(self._overdue(item, action.effective_due, "an update"))
            findings.extend(self._unowned(item))
        if action.status == "complete":
            findings.extend(self._evidence(item, action.evidence, "evidence of completion"))
        else:
            findings.extend(self._missing_files(item, action.evidence))
        rag, why = self._rate_action(action, findings)
        return ActionView(item, action, rag, why, tuple(findings))

    def _overdue(self, item: Item, due: date, wanted: str) -> Iterable[Finding]:
        days = (self.as_of - due).days
        if days > 0:
            who = f"ask {item.owner}" if item.owner else "agree an owner, then ask them"
            yield Finding(
                Kind.OVERDUE,
                item,
                f"{who} for {wanted}, or agree a revised date",
                days_overdue=days,
            )

    def _unowned(self, item: Item) -> Iterable[Finding]:
        owner = item.owner
        if owner is None:
            yield Finding(Kind.UNOWNED, item, "agree an owner and record it", Reason.NO_OWNER)
        elif owner not in self.agencies:
            yield Finding(
                Kind.UNOWNED,
                item,
                f"correct the owner `{owner}`, or add it to agencies.yaml",
                Reason.UNKNOWN_AGENCY,
            )
        elif _has_ended(self.agencies[owner], self.as_of):
            heirs = successors(owner, self.agencies, self.as_of)
            ended = self.agencies[owner].until
            step = f"{owner} ended on {human_date(ended)}: hand it to " + (
                " or ".join(heirs) if heirs else "a current agency"
            )
            yield Finding(Kind.UNOWNED, item, step, Reason.AGENCY_ENDED, successors=heirs)

    def _evidence(
        self, item: Item, evidence: tuple[Evidence, ...], wanted: str
    ) -> Iterable[Finding]:
        if not evidence:
            reason = Reason.NO_EVIDENCE if item.kind == "action" else Reason.NO_ASSURANCE_EVIDENCE
            who = item.owner or "the owner"
            yield Finding(Kind.MISSING_EVIDENCE, item, f"ask {who} for the {wanted}", reason)
        yield from self._missing_files(item, evidence)

    def _missing_files(self, item: Item, evidence: tuple[Evidence, ...]) -> Iterable[Finding]:
        for entry in evidence:
            if entry.path is not None and entry.path not in self.evidence_present:
                yield Finding(
                    Kind.MISSING_EVIDENCE,
                    item,
                    f"add the file {entry.path} to the data folder, or correct the path",
                    Reason.EVIDENCE_FILE_MISSING,
                    evidence=entry.path,
                )

    def _due_soon(self, due: date) -> str | None:
        days = (due - self.as_of).days
        if 0 <= days <= self.settings.due_soon_days:
            return "due today" if days == 0 else f"due in {plural(days, 'day')}"
        return None

    def _rate_action(self, action: Action, findings: list[Finding]) -> tuple[Rag, tuple[str, ...]]:
        red = [describe(f) for f in findings if f.kind is not Kind.MISSING_EVIDENCE]
        if red:
            return Rag.RED, tuple(red)
        amber = [describe(f) for f in findings]
        if action.status == "dropped":
            return Rag.BLUE, ("dropped",)
        if action.status == "complete":
            return (Rag.AMBER, tuple(amber)) if amber else (Rag.BLUE, ("complete with evidence",))
        soon = self._due_soon(action.effective_due)
        if soon:
            amber.append(soon)
        if action.updates:
            latest = max(u.date for u in action.updates)
            quiet = (self.as_of - latest).days
            if quiet > self.settings.stale_days:
                amber.append(f"no update for {quiet} days")
        return (Rag.AMBER, tuple(amber)) if amber else (Rag.GREEN, ("on track",))

    def _rate_recommendation(
        self,
        rec: Recommendation,
        item: Item,
        actions: tuple[ActionView, ...],
        findings: list[Finding],
    ) -> tuple[Rag, tuple[str, ...]]:
        if rec.status in RECOMMENDATION_DONE:
            missing = [describe(f) for f in findings]
            return (Rag.AMBER, tuple(missing)) if missing else (Rag.BLUE, (rec.status,))
        red = [describe(f) for f in findings if f.kind is not Kind.MISSING_EVIDENCE]
        red += [f"action {a.item.id} is red" for a in actions if a.rag is Rag.RED]
        if red:
            return Rag.RED, tuple(red)
        amber = [describe(f) for f in findings]
        soon = self._due_soon(rec.due)
        if soon:
            amber.append(f"assurance {soon}")
        amber += [f"action {a.item.id} is amber" for a in actions if a.rag is Rag.AMBER]
        return (Rag.AMBER, tuple(amber)) if amber else (Rag.GREEN, ("on track",))


def _involves(view: RecommendationView, owner: str) -> bool:
    return view.item.owner == owner or any(a.item.owner == owner for a in view.actions)


def _owned_part(view: RecommendationView, owner: str) -> RecommendationView:
    """Keep only the actions `owner` owns (the recommendation's own row stays)."""
    return replace(view, actions=tuple(a for a in view.actions if a.item.owner == owner))


def _agency_lines(report: Report) -> list[AgencyLine]:
    owners: dict[str, list[ActionView | RecommendationView]] = {a: [] for a in report.agencies}
    for view in report.recommendations:
        entries: list[ActionView | RecommendationView] = [view, *view.actions]
        for entry in entries:
            owners.setdefault(entry.item.owner or "", []).append(entry)
    lines = []
    for agency_id, owned in owners.items():
        agency = report.agencies.get(agency_id)
        ended = agency is not None and _has_ended(agency, report.as_of)
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
                open=sum(_is_open(a.action) for a in actions),
                overdue=sum(any(f.kind is Kind.OVERDUE for f in a.findings) for a in actions),
                missing_evidence=sum(
                    any(f.kind is Kind.MISSING_EVIDENCE for f in a.findings) for a in actions
                ),
            )
        )
    return lines

"""How each recommendation and action is rated on the as-of date: what is overdue, unowned
or missing evidence, and the RAG rating that follows, with its reasons.

Pure: records, agencies, the day and the windows in; views out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from msgspec import Struct, field

from ..records.located import Located
from ..records.models import Action, Agency, Evidence, Recommendation
from ..records.statuses import RECOMMENDATION_DONE
from ..wording import human_date, plural
from .asof import recommendation_as_of
from .findings import Finding, Item, Kind, Reason, describe
from .succession import Standing, accountable, standing, successors
from .views import ActionView, Rag, RecommendationView, Settings, is_open

_DELIVERED = ("complete", *RECOMMENDATION_DONE)
"""An external recommendation in one of these has been done by the body it is addressed
to."""


class Rater(Struct, frozen=True):
    agencies: Mapping[str, Agency]
    as_of: date
    evidence_present: frozenset[str]
    settings: Settings
    _askable_by_owners: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    """Who answers for each set of owners on the day, worked out once per set."""
    _standings: dict[str, Standing] = field(default_factory=dict)

    def recommendation(self, located: Located[Recommendation]) -> RecommendationView:
        rec = recommendation_as_of(located.record, self.as_of)
        item = Item(
            "recommendation",
            rec.id,
            rec.id,
            rec.review,
            rec.title,
            rec.owners,
            rec.effective_due,
            located.file,
            rec.lead_role,
            located,
        )
        actions = tuple(self.action(located, rec, index) for index in range(len(rec.actions)))
        findings = self._missing_files(item, rec.evidence)
        if rec.not_accepted:
            return RecommendationView(
                item, rec, actions, Rag.GREY, ("not accepted",), tuple(findings)
            )
        if rec.external:
            rag, why = self._rate_external(rec, actions)
            return RecommendationView(item, rec, actions, rag, why, tuple(findings))
        if rec.status not in RECOMMENDATION_DONE:
            findings.extend(self._overdue(item, "assurance"))
            findings.extend(self._unowned(item))
        if rec.status in RECOMMENDATION_DONE and rec.assurance is not None:
            findings.extend(self._evidence(item, rec.assurance.evidence, "assurance evidence"))
        rag, why = self._rate_recommendation(rec, actions, findings)
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
            action.owners,
            action.effective_due,
            located.file,
            action.lead_role or rec.lead_role,
            located,
            ("actions", index),
        )
        findings: list[Finding] = []
        if is_open(action):
            findings.extend(self._overdue(item, "an update"))
            findings.extend(self._unowned(item))
        if action.status == "complete":
            findings.extend(self._evidence(item, action.evidence, "evidence of completion"))
        else:
            findings.extend(self._missing_files(item, action.evidence))
        rag, why = self._rate_action(action, findings)
        return ActionView(item, action, rag, why, tuple(findings))

    def _overdue(self, item: Item, wanted: str) -> tuple[Finding, ...]:
        # Lists and tuples, not generators, here and below: these run for every item
        if item.due is None or item.due >= self.as_of:
            return ()
        days = (self.as_of - item.due).days
        askable = self._askable(item.owners)
        who = f"ask {' or '.join(askable)}" if askable else "agree an owner, then ask them"
        return (
            Finding(
                Kind.OVERDUE,
                item,
                f"{who} for {wanted}, or agree a revised date",
                days_overdue=days,
            ),
        )

    def _askable(self, owners: tuple[str, ...]) -> tuple[str, ...]:
        found = self._askable_by_owners.get(owners)
        if found is None:
            found = self._askable_by_owners[owners] = tuple(
                accountable(owners, self.agencies, self.as_of)
            )
        return found

    def _standing(self, owner: str) -> Standing:
        found = self._standings.get(owner)
        if found is None:
            found = self._standings[owner] = standing(owner, self.agencies, self.as_of)
        return found

    def _unowned(self, item: Item) -> tuple[Finding, ...]:
        """Unowned when no owner exists on the as-of date: none named, or each unknown,
        ended, or not yet formed. One current joint owner is enough."""
        if not item.owners:
            return (Finding(Kind.UNOWNED, item, "agree an owner and record it", Reason.NO_OWNER),)
        standings = {owner: self._standing(owner) for owner in item.owners}
        if Standing.CURRENT in standings.values():
            return ()
        ended = [owner for owner, place in standings.items() if place is Standing.ENDED]
        later = [owner for owner, place in standings.items() if place is Standing.NOT_FORMED]
        if ended:
            heirs = tuple(
                dict.fromkeys(h for o in ended for h in successors(o, self.agencies, self.as_of))
            )
            when = "; ".join(f"{o} ended on {human_date(self.agencies[o].until)}" for o in ended)
            step = f"{when}: hand it to " + (" or ".join(heirs) if heirs else "a current agency")
            return (Finding(Kind.UNOWNED, item, step, Reason.AGENCY_ENDED, successors=heirs),)
        if later:
            when = "; ".join(f"{o} starts on {human_date(self.agencies[o].from_)}" for o in later)
            step = f"{when}: agree who owns it until then"
            return (Finding(Kind.UNOWNED, item, step, Reason.AGENCY_NOT_FORMED),)
        unknown = ", ".join(f"`{owner}`" for owner in item.owners)
        step = f"correct the owner {unknown}, or add it to agencies.yaml"
        return (Finding(Kind.UNOWNED, item, step, Reason.UNKNOWN_AGENCY),)

    def _evidence(self, item: Item, evidence: tuple[Evidence, ...], wanted: str) -> list[Finding]:
        if evidence:
            return self._missing_files(item, evidence)
        reason = Reason.NO_EVIDENCE if item.kind == "action" else Reason.NO_ASSURANCE_EVIDENCE
        who = " or ".join(self._askable(item.owners)) or "the owner"
        return [Finding(Kind.MISSING_EVIDENCE, item, f"ask {who} for the {wanted}", reason)]

    def _missing_files(self, item: Item, evidence: tuple[Evidence, ...]) -> list[Finding]:
        return [
            Finding(
                Kind.MISSING_EVIDENCE,
                item,
                f"add the file {entry.path} to the data folder, or correct the path",
                Reason.EVIDENCE_FILE_MISSING,
                evidence=entry.path,
            )
            for entry in evidence
            if entry.path is not None and entry.path not in self.evidence_present
        ]

    def _due_soon(self, due: date | None) -> str | None:
        if due is None:
            return None
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
        self, rec: Recommendation, actions: tuple[ActionView, ...], findings: list[Finding]
    ) -> tuple[Rag, tuple[str, ...]]:
        if rec.status in RECOMMENDATION_DONE:
            missing = [describe(f) for f in findings]
            return (Rag.AMBER, tuple(missing)) if missing else (Rag.BLUE, (rec.status or "",))
        red = [describe(f) for f in findings if f.kind is not Kind.MISSING_EVIDENCE]
        red += _actions_rated(actions, Rag.RED)
        if red:
            return Rag.RED, tuple(red)
        amber = [describe(f) for f in findings]
        soon = self._due_soon(rec.effective_due)
        if soon:
            amber.append(f"assurance {soon}")
        amber += _actions_rated(actions, Rag.AMBER)
        return (Rag.AMBER, tuple(amber)) if amber else (Rag.GREEN, ("on track",))

    def _rate_external(
        self, rec: Recommendation, actions: tuple[ActionView, ...]
    ) -> tuple[Rag, tuple[str, ...]]:
        """An external recommendation is never overdue or unowned: the partnership
        monitors it. Its local actions are rated as usual and can make it Red or Amber."""
        for rag in (Rag.RED, Rag.AMBER):
            local = _actions_rated(actions, rag)
            if local:
                return rag, tuple(local)
        evidence = (*rec.evidence, *(rec.assurance.evidence if rec.assurance else ()))
        if rec.status in _DELIVERED and evidence:
            return Rag.BLUE, (f"{rec.status} with evidence",)
        if rec.status in _DELIVERED:
            return Rag.GREY, (f"monitored: {rec.status}, no evidence yet",)
        return Rag.GREY, ("monitored",)


def _actions_rated(actions: tuple[ActionView, ...], rag: Rag) -> list[str]:
    return [f"action {a.item.id} is {rag.value}" for a in actions if a.rag is rag]

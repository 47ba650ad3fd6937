"""What the reports show of each recommendation and action on the as-of date: its RAG
rating, why, and its findings."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from msgspec import Struct

from ..records.models import Action, Recommendation
from ..records.statuses import ACTION_DONE, RECOMMENDATION_DONE
from .findings import Finding, Item, Kind


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"
    """Not the partnership's to deliver: an external recommendation it monitors, or one
    that was not accepted."""


class Settings(Struct, frozen=True):
    """The windows of the RAG rules, in days."""

    due_soon_days: int = 30
    stale_days: int = 90


DEFAULT_SETTINGS = Settings()


def is_open(action: Action) -> bool:
    return action.status not in ACTION_DONE


class ActionView(Struct, frozen=True):
    item: Item
    action: Action
    """As it stood on the as-of date."""
    rag: Rag
    why: tuple[str, ...]
    findings: tuple[Finding, ...]


class RecommendationView(Struct, frozen=True):
    item: Item
    recommendation: Recommendation
    """As it stood on the as-of date."""
    actions: tuple[ActionView, ...]
    rag: Rag
    why: tuple[str, ...]
    findings: tuple[Finding, ...]
    """The recommendation's own findings; its actions carry theirs."""
    served_by: tuple[ActionView, ...] = ()
    """Actions of other recommendations that also serve this one (counted there)."""

    @property
    def status(self) -> str:
        """Its status, or `not-accepted` for a recommendation not accepted with none."""
        return self.recommendation.status or "not-accepted"

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
        """The earliest target date not yet met: of its open actions, and its own (when
        assurance is expected) while it is not assured or closed."""
        dates = [a.action.effective_due for a in self.actions if is_open(a.action)]
        rec = self.recommendation
        if rec.status not in RECOMMENDATION_DONE and rec.effective_due is not None:
            dates.append(rec.effective_due)
        return min(dates, default=None)

"""What the quarterly summary holds: the state at the end of a quarter, what changed in it,
and what falls due next. Pure: built from loaded records and dates only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from msgspec import Struct, field

from ..records.ids import natural_key
from ..records.located import Located
from ..records.models import Action, Agency, Recommendation, Review, TargetChange, Update
from ..records.statuses import (
    ACTION_DONE,
    ACTION_STATUSES,
    RECOMMENDATION_DONE,
    RECOMMENDATION_STATUSES,
)
from .findings import Finding, Item, Kind
from .quarters import Quarter
from .report import Report, build_report
from .views import DEFAULT_SETTINGS, ActionView, Rag, RecommendationView, Settings


class Counts(Struct, frozen=True):
    """Headline counts on one day."""

    day: date
    recommendations_by_status: dict[str, int]
    recommendations_by_rag: dict[str, int]
    actions_by_status: dict[str, int]

    @classmethod
    def of(cls, report: Report) -> Counts:
        recs = report.recommendations
        actions = [a for r in recs for a in r.actions]
        return cls(
            report.as_of,
            _ordered(Counter(r.status for r in recs), RECOMMENDATION_STATUSES, "not-accepted"),
            _ordered(Counter(r.rag.value for r in recs), [r.value for r in Rag], Rag.GREY.value),
            _ordered(Counter(a.action.status for a in actions), ACTION_STATUSES),
        )


def _ordered(counter: Counter[str], keys: Sequence[str], rare: str = "") -> dict[str, int]:
    """The counts of `keys` in order; the `rare` one only when there are any."""
    return {key: counter.get(key, 0) for key in (*keys, rare) if key != rare or counter[key]}


class Event(Struct, frozen=True):
    """A recommendation assured or closed on a day."""

    view: RecommendationView
    what: str  # "assured" or "closed"
    day: date


class Revised(Struct, frozen=True):
    """A change of target date: the item, its target before, and the change."""

    item: Item
    before: date | None
    change: TargetChange
    recorded: date | None = None
    """For the older form, which has no date: the day the commit that set it was made."""


class Summary(Struct, frozen=True):
    quarter: Quarter
    as_of: date
    reviews: tuple[Review, ...]
    report: Report
    counts: Counts
    previous: Counts
    """The counts at the end of the previous quarter."""
    revised_due_recorded: Mapping[str, tuple[date, date]] = field(default_factory=dict)
    """For the older `revised_due` of a recommendation or action, by id: the date it was
    set to and the day of the commit that set it, when git's history tells."""

    def findings(self, kind: Kind) -> list[Finding]:
        return self.report.findings(kind)

    @property
    def completed(self) -> list[ActionView]:
        """Actions completed in the quarter (up to the as-of date)."""
        return _by_id(
            a
            for r in self.report.recommendations
            for a in r.actions
            if a.action.completed_on is not None and a.action.completed_on in self.quarter
        )

    @property
    def assured_or_closed(self) -> list[Event]:
        events = []
        for view in self.report.recommendations:
            rec = view.recommendation
            if rec.assurance is not None and rec.assurance.date in self.quarter:
                events.append(Event(view, "assured", rec.assurance.date))
            if rec.closed_on is not None and rec.closed_on in self.quarter:
                events.append(Event(view, "closed", rec.closed_on))
        return sorted(events, key=lambda e: (e.day, natural_key(e.view.item.id)))

    @property
    def revised(self) -> list[Revised]:
        """Target dates revised: each revision agreed in the quarter, on recommendations
        and actions. The older `revised_due` has no date of its own: it is listed in the
        quarter of the commit that set it (up to the as-of date), when git's history tells,
        and otherwise in every quarter."""
        found = []
        for view in self.report.recommendations:
            tracked: list[tuple[Item, Recommendation | Action]] = [
                (view.item, view.recommendation),
                *((a.item, a.action) for a in view.actions),
            ]
            for item, record in tracked:
                before: date | None = record.due
                for change in record.target_changes:
                    recorded = self._set_on(item.id, change)
                    if self._in_quarter(change, recorded):
                        found.append(Revised(item, before, change, recorded))
                    before = change.due
        return sorted(found, key=lambda r: natural_key(r.item.id))

    def _set_on(self, ident: str, change: TargetChange) -> date | None:
        """The day the commit that set an older-form `revised_due` was made, if known."""
        if change.agreed is not None:
            return None
        value, day = self.revised_due_recorded.get(ident, (None, None))
        return day if value == change.due else None

    def _in_quarter(self, change: TargetChange, recorded: date | None) -> bool:
        if change.agreed is not None:
            return change.agreed in self.quarter
        return recorded is None or (recorded in self.quarter and recorded <= self.as_of)

    @property
    def not_accepted(self) -> list[RecommendationView]:
        return [v for v in self.report.recommendations if v.recommendation.not_accepted]

    @property
    def measures(self) -> list[RecommendationView]:
        """The recommendations that say how the partnership will know practice changed."""
        return [v for v in self.report.recommendations if v.recommendation.measures]

    @property
    def serving(self) -> list[RecommendationView]:
        """The recommendations that other recommendations' actions also serve."""
        return [v for v in self.report.recommendations if v.served_by]

    @property
    def due_next_quarter(self) -> list[Item]:
        """Open actions, and recommendations not yet assured, due in the next quarter."""
        upcoming = self.quarter.next
        items: list[Item] = []
        for view in self.report.recommendations:
            if view.recommendation.status not in RECOMMENDATION_DONE and view.item.due in upcoming:
                items.append(view.item)
            items.extend(
                a.item
                for a in view.actions
                if a.action.status not in ACTION_DONE and a.item.due in upcoming
            )
        return sorted(items, key=lambda i: (i.due or date.max, natural_key(i.id)))

    def by_review(self) -> list[tuple[Review, list[RecommendationView]]]:
        views: dict[str, list[RecommendationView]] = {}
        for view in self.report.recommendations:
            views.setdefault(view.item.review, []).append(view)
        return [(review, views.get(review.id, [])) for review in self.reviews]


def latest_update(view: RecommendationView) -> Update | None:
    """The most recent progress update on the recommendation or any of its actions."""
    updates = [*view.recommendation.updates, *(u for a in view.actions for u in a.action.updates)]
    return max(updates, key=lambda u: u.date) if updates else None


def _by_id(views: Iterable[ActionView]) -> list[ActionView]:
    return sorted(views, key=lambda a: natural_key(a.item.id))


def build_summary(
    recommendations: Sequence[Located[Recommendation]],
    agencies: Sequence[Agency],
    reviews: Sequence[Review],
    quarter: Quarter,
    as_of: date,
    evidence_present: frozenset[str],
    only: Sequence[str] = (),
    settings: Settings = DEFAULT_SETTINGS,
    revised_due_recorded: Mapping[str, tuple[date, date]] | None = None,
) -> Summary:
    """The summary of `quarter` as on `as_of`, for the reviews in `only` (all when empty);
    `revised_due_recorded` dates the older form of revision (see `Summary`)."""
    if only:
        recommendations = [r for r in recommendations if r.record.review in only]
        reviews = [r for r in reviews if r.id in only]
    now = build_report(recommendations, agencies, as_of, evidence_present, settings, reviews)
    before = build_report(
        recommendations, agencies, quarter.previous.end, evidence_present, settings, reviews
    )
    return Summary(
        quarter=quarter,
        as_of=as_of,
        reviews=tuple(now.reviews.values()),
        report=now,
        counts=Counts.of(now),
        previous=Counts.of(before),
        revised_due_recorded=revised_due_recorded or {},
    )

"""The report on a day: every recommendation and action rated (see `rating`), what needs
attention, and the same filtered to a review or an agency.

Pure: the loaded records, the as-of date, the windows and the set of evidence files
present go in; frozen views come out. Nothing here reads the clock or the disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from msgspec import Struct, field
from msgspec.structs import replace

from ..records.ids import natural_key
from ..records.located import Located
from ..records.models import Agency, Recommendation, Review
from .findings import Finding, Kind, worst_first
from .rating import Rater
from .views import DEFAULT_SETTINGS, ActionView, RecommendationView, Settings


class Report(Struct, frozen=True):
    as_of: date
    recommendations: tuple[RecommendationView, ...]
    agencies: Mapping[str, Agency]
    owner: str | None = None
    """When set, the report is about what this agency owns."""
    reviews: Mapping[str, Review] = field(default_factory=dict)
    """The reviews published by the as-of date, by id."""

    def findings(self, kind: Kind) -> list[Finding]:
        """Every finding of one kind, worst first."""
        found = [
            f
            for r in self.recommendations
            for f in r.all_findings
            if f.kind is kind and (self.owner is None or self.owner in f.item.owners)
        ]
        return sorted(found, key=worst_first)

    def filtered(self, reviews: Sequence[str] = (), owner: str | None = None) -> Report:
        """Only these reviews' recommendations (all when none are named), and only what
        one agency owns.

        With `owner`, a recommendation stays when the agency owns it or one of its
        actions (alone or jointly), with only the actions the agency owns.
        """
        views, published = self.recommendations, self.reviews
        if reviews:
            views = tuple(v for v in views if v.item.review in reviews)
            published = {i: r for i, r in published.items() if i in reviews}
        if owner is not None:
            views = tuple(_owned_part(v, owner) for v in views if _involves(v, owner))
        return replace(self, recommendations=views, owner=owner or self.owner, reviews=published)


def build_report(
    recommendations: Iterable[Located[Recommendation]],
    agencies: Iterable[Agency],
    as_of: date,
    evidence_present: frozenset[str],
    settings: Settings = DEFAULT_SETTINGS,
    reviews: Iterable[Review] = (),
) -> Report:
    """Rate and list what needs attention in `recommendations` as on `as_of`.

    `evidence_present` holds the evidence paths that exist in the data folder. A review
    published after `as_of` is left out, with its recommendations: they did not exist yet.
    """
    later = {r.id for r in reviews if r.published is not None and r.published > as_of}
    rater = Rater({a.id: a for a in agencies}, as_of, evidence_present, settings)
    views = sorted(
        (rater.recommendation(located) for located in recommendations
         if located.record.review not in later),
        key=lambda view: natural_key(view.item.id),
    )  # fmt: skip
    published = {r.id: r for r in reviews if r.id not in later}
    return Report(as_of, _with_served(views), rater.agencies, reviews=published)


def _with_served(views: list[RecommendationView]) -> tuple[RecommendationView, ...]:
    """Each view with the actions of other recommendations that also serve it."""
    serving: dict[str, list[ActionView]] = {}
    for view in views:
        for action in view.actions:
            for served in action.action.serves:
                serving.setdefault(served, []).append(action)
    return tuple(
        replace(view, served_by=tuple(serving[view.item.id])) if view.item.id in serving else view
        for view in views
    )


def _involves(view: RecommendationView, owner: str) -> bool:
    return owner in view.item.owners or any(owner in a.item.owners for a in view.actions)


def _owned_part(view: RecommendationView, owner: str) -> RecommendationView:
    """Keep only the actions `owner` owns (the recommendation's own row stays)."""
    return replace(view, actions=tuple(a for a in view.actions if owner in a.item.owners))

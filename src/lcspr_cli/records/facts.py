"""What the checks across records need to know of each record, and nothing more.

A record's facts are its ids, references, statuses and dates, without its free text: a
tenth of its size, as plain msgspec Structs (quick to build, and to unpickle from the
cache). They are what `rules` runs on, so `lcspr check`, which needs nothing else, never
has to build or load the full records; the cache keeps them apart from the records for
that reason. Each facts type keeps its model's field names.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

from msgspec import Struct

if TYPE_CHECKING:  # loading facts from the cache needs no models, nor pydantic
    from .models import Action, Agency, Evidence, Recommendation, Review


class AgencyFacts(Struct, frozen=True):
    id: str
    from_: date | None
    until: date | None
    replaced_by: tuple[str, ...]


class ReviewFacts(Struct, frozen=True):
    id: str
    partnership: str
    themes: tuple[str, ...]
    """The ids of its themes."""


class EvidenceFacts(Struct, frozen=True):
    date: date
    held_by: str | None


class AssuranceFacts(Struct, frozen=True):
    date: date
    evidence: tuple[EvidenceFacts, ...]


class ActionFacts(Struct, frozen=True):
    id: str
    owners: tuple[str, ...]
    supporting: tuple[str, ...]
    serves: tuple[str, ...]
    revised_due: date | None
    has_revised_reason: bool
    status: str
    completed_on: date | None
    has_dropped_reason: bool
    evidence: tuple[EvidenceFacts, ...]
    update_dates: tuple[date, ...]
    revision_dates: tuple[date, ...]


class RecommendationFacts(Struct, frozen=True):
    id: str
    review: str
    number: str
    themes: tuple[str, ...]
    owners: tuple[str, ...]
    supporting: tuple[str, ...]
    status: str | None
    """None only when the recommendation was not accepted."""
    external: bool
    not_accepted: bool
    assurance: AssuranceFacts | None
    closed_on: date | None
    evidence: tuple[EvidenceFacts, ...]
    update_dates: tuple[date, ...]
    revision_dates: tuple[date, ...]
    actions: tuple[ActionFacts, ...]
    latest: date | None
    """The latest of its dates that record something done (none may be after the as-of
    date), so that a recommendation with none in the future is passed at once."""
    completed_on: date | None = None
    """The day it was marked complete, when recorded."""


_T = TypeVar("_T")
_SHARED: dict[Any, Any] = {}


def _one(value: _T) -> _T:
    """One object for all equal values (a date, an agency id, a status), so that the many
    facts pickled together in a cache hold each value once, and load it once."""
    return cast(_T, _SHARED.setdefault(value, value))


def agency_facts(agency: Agency) -> AgencyFacts:
    return AgencyFacts(
        agency.id, _one(agency.from_), _one(agency.until), tuple(map(_one, agency.replaced_by))
    )


def review_facts(review: Review) -> ReviewFacts:
    themes = tuple(_one(theme.id) for theme in review.themes)
    return ReviewFacts(review.id, _one(review.partnership), themes)


def recommendation_facts(rec: Recommendation) -> RecommendationFacts:
    assurance = None
    if rec.assurance is not None:
        assurance = AssuranceFacts(_one(rec.assurance.date), _evidence(rec.assurance.evidence))
    actions = tuple(_action(action) for action in rec.actions)
    evidence = _evidence(rec.evidence)
    updates = tuple(_one(update.date) for update in rec.updates)
    revisions = tuple(_one(revision.date) for revision in rec.revisions)
    done = [assurance.date, *(e.date for e in assurance.evidence)] if assurance else []
    for day in (rec.completed_on, rec.closed_on):
        if day is not None:
            done.append(day)
    done.extend((*updates, *revisions, *(item.date for item in evidence)))
    for action in actions:
        if action.completed_on is not None:
            done.append(action.completed_on)
        done.extend((*action.update_dates, *action.revision_dates))
        done.extend(item.date for item in action.evidence)
    return RecommendationFacts(
        rec.id,
        _one(rec.review),
        rec.number,
        tuple(map(_one, rec.themes)),
        tuple(map(_one, rec.owners)),
        tuple(map(_one, rec.supporting)),
        _one(rec.status),
        rec.external,
        rec.not_accepted,
        assurance,
        _one(rec.closed_on),
        evidence,
        updates,
        revisions,
        actions,
        max(done, default=None),
        _one(rec.completed_on),
    )


def _action(action: Action) -> ActionFacts:
    return ActionFacts(
        action.id,
        tuple(map(_one, action.owners)),
        tuple(map(_one, action.supporting)),
        action.serves,
        _one(action.revised_due),
        action.revised_reason is not None,
        _one(action.status),
        _one(action.completed_on),
        action.dropped_reason is not None,
        _evidence(action.evidence),
        tuple(_one(update.date) for update in action.updates),
        tuple(_one(revision.date) for revision in action.revisions),
    )


def _evidence(evidence: tuple[Evidence, ...]) -> tuple[EvidenceFacts, ...]:
    return tuple(EvidenceFacts(_one(item.date), _one(item.held_by)) for item in evidence)

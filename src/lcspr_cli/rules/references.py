"""References between records: the reviews, themes, agencies and recommendations that a
recommendation names exist (and each agency did, on the day in question)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ..load.dataset import Dataset
from ..problems import Problem
from ..records.facts import EvidenceFacts, RecommendationFacts
from ..wording import did_you_mean
from ..yamlfile.positions import Key
from .common import reference, reportable


def check_references(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Reviews, themes and agencies named in recommendations exist."""
    reviews = {r.record.id: r.record for r in data.facts.reviews}
    recommendations = data.facts.recommendations
    # Most folders name no unknown agency: only when one does is each reference looked at.
    unknown = _agencies_named([r.record for r in recommendations]) - set(data.agency_ids)
    for located in recommendations:
        rec = located.record
        review = reviews.get(rec.review)
        if review is None and reportable(data, "reviews", rec.review):
            yield located.problem(
                "unknown-review",
                f"review `{rec.review}` is not in reviews.yaml",
                "review",
                hint=did_you_mean(rec.review, list(reviews)) or "add the review to reviews.yaml",
            )
        if review is not None:
            themes = review.themes
            for index, theme in enumerate(rec.themes):
                if theme not in themes:
                    yield located.problem(
                        "unknown-theme",
                        f"theme `{theme}` is not one of the themes of review `{review.id}`",
                        "themes",
                        index,
                        hint=did_you_mean(theme, themes) or _themes_hint(review.id, themes),
                    )
        if unknown:
            for agency, where, _ in _agency_references(rec):
                if agency in unknown:
                    yield from reference(data, located, agency, where)


def _themes_hint(review: str, themes: tuple[str, ...]) -> str:
    if themes:
        return f"its themes are: {', '.join(themes)}"
    return f"review `{review}` lists no themes: add them to reviews.yaml, or remove `themes`"


def _agencies_named(recs: list[RecommendationFacts]) -> set[str]:
    return {agency for rec in recs for agency, _, _ in _agency_references(rec)}


AgencyReference = tuple[str, tuple[Key, ...], date | None]
"""An agency named by a recommendation, where, and the day it must have existed by (the
evidence's date for a holder; None for an owner or supporter: the as-of date)."""


def _agency_references(rec: RecommendationFacts) -> Iterator[AgencyReference]:
    for index, owner in enumerate(rec.owners):
        yield owner, ("owner", index), None
    for index, supporter in enumerate(rec.supporting):
        yield supporter, ("supporting", index), None
    yield from _evidence_holders(rec.evidence, ("evidence",))
    if rec.assurance:
        yield from _evidence_holders(rec.assurance.evidence, ("assurance", "evidence"))
    for index, action in enumerate(rec.actions):
        at: tuple[Key, ...] = ("actions", index)
        for i, owner in enumerate(action.owners):
            yield owner, (*at, "owner", i), None
        for i, supporter in enumerate(action.supporting):
            yield supporter, (*at, "supporting", i), None
        yield from _evidence_holders(action.evidence, (*at, "evidence"))


def _evidence_holders(
    evidence: Iterable[EvidenceFacts], at: tuple[Key, ...]
) -> Iterator[AgencyReference]:
    for index, item in enumerate(evidence):
        if item.held_by:
            yield item.held_by, (*at, index, "held_by"), item.date


def check_serves(data: Dataset, as_of: date) -> Iterator[Problem]:
    """The recommendations an action also serves exist, and are not its own."""
    recommendations = data.facts.recommendations
    known = [r.record.id for r in recommendations]
    ids = set(known)
    for located in recommendations:
        for index, action in enumerate(located.record.actions):
            for i, served in enumerate(action.serves):
                at = ("actions", index, "serves", i)
                if served == located.record.id:
                    yield located.problem(
                        "unknown-recommendation",
                        f"action `{action.id}` serves its own recommendation `{served}`",
                        *at,
                        hint="`serves` lists the other recommendations it answers: remove this",
                    )
                elif served not in ids and served not in data.unvalidated_ids:
                    yield located.problem(
                        "unknown-recommendation",
                        f"action `{action.id}` serves `{served}`, which no file holds",
                        *at,
                        hint=did_you_mean(served, known) or "correct the id, or remove it",
                    )


def check_agency_dates(data: Dataset, as_of: date) -> Iterator[Problem]:
    """An owner, supporter or evidence holder existed on the day in question: the as-of
    date, or the evidence's date. An agency used before its `from` date is a warning."""
    starts = {a.record.id: a.record.from_ for a in data.facts.agencies if a.record.from_}
    if not starts:
        return
    for located in data.facts.recommendations:
        for agency, where, day in _agency_references(located.record):
            start = starts.get(agency)
            if start is None or start <= (day or as_of):
                continue
            what = f"holds evidence dated {day}" if day else f"is named on {as_of}"
            yield located.problem(
                "agency-not-yet-formed",
                f"agency `{agency}` {what}, but was formed on {start}",
                *where,
                hint="name the agency that existed then (see `replaced_by` in agencies.yaml), "
                "or check the date",
            )

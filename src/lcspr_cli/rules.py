"""Checks across records: references, ids, and the lifecycle rules of the file format.

Pure: each check takes the loaded dataset and the as-of date and yields problems. The
checks are a tuple, so nothing can add to them behind a caller's back. They run on the
records' facts (see `facts`), never on the full records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .load.dataset import Dataset
from .problems import Problem, relative_name
from .records.facts import ActionFacts, AgencyFacts, EvidenceFacts, RecommendationFacts
from .records.ids import every_id
from .records.located import Located
from .records.statuses import ACTION_DONE, RECOMMENDATION_DONE
from .wording import did_you_mean
from .yamlfile.positions import Key

Check = Callable[[Dataset, date], Iterator[Problem]]

# A recommendation marked as past delivery: its actions should all be done.
_DELIVERED = ("complete", *RECOMMENDATION_DONE)


def check_agencies(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Agency ids are unique; successors exist; dates and successions add up."""
    agencies = data.facts.agencies
    yield from _duplicates(data.root, ((a, a.record.id, ()) for a in agencies), "agency")
    by_id = {located.record.id: located.record for located in agencies}
    for located in agencies:
        agency = located.record
        if agency.from_ and agency.until and agency.until < agency.from_:
            yield located.problem(
                "agency-succession",
                f"`{agency.id}` ends ({agency.until}) before it starts ({agency.from_})",
                "until",
                hint="`until` is the last day the agency existed; check both dates",
            )
        for index, successor in enumerate(agency.replaced_by):
            if successor == agency.id:
                yield located.problem(
                    "agency-succession",
                    f"`{agency.id}` names itself as its own successor",
                    "replaced_by",
                    index,
                    hint="list the agencies that took over its work",
                )
            else:
                yield from _reference(data, located, successor, ("replaced_by", index))
        if _in_cycle(agency.id, by_id):
            yield located.problem(
                "agency-succession",
                f"the successors of `{agency.id}` lead back to it",
                "replaced_by",
                hint="an agency cannot be replaced by one it replaced: check `replaced_by`",
            )


def _in_cycle(start: str, by_id: dict[str, AgencyFacts]) -> bool:
    seen: set[str] = set()
    frontier = [s for s in by_id[start].replaced_by if s != start]
    while frontier:
        current = frontier.pop()
        if current == start:
            return True
        if current in seen or current not in by_id:
            continue
        seen.add(current)
        frontier.extend(by_id[current].replaced_by)
    return False


def check_reviews(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Review ids are unique, their partnership exists, and theme ids are unique."""
    reviews = data.facts.reviews
    yield from _duplicates(data.root, ((r, r.record.id, ()) for r in reviews), "review")
    for located in reviews:
        review = located.record
        yield from _reference(data, located, review.partnership, ("partnership",))
        yield from _duplicates(
            data.root,
            ((located, theme, ("themes", i)) for i, theme in enumerate(review.themes)),
            "theme",
        )


def check_ids(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Every recommendation and action id is unique, and each is built from its parent's."""
    recommendations = data.facts.recommendations

    ids = [located.record.id for located in recommendations]
    ids += [action.id for located in recommendations for action in located.record.actions]
    if len(set(ids)) < len(ids):  # only then is it worth finding where
        yield from _duplicates(data.root, every_id(recommendations), "id")
    for located in recommendations:
        rec = located.record
        if located.file.stem != rec.id:
            yield located.problem(
                "file-name-mismatch",
                f"the file is named {located.file.name} but holds `{rec.id}`",
                "id",
                hint=f"rename the file to {rec.id}.yaml, or correct the id",
            )
        expected = f"{rec.review}-{rec.number}"
        if rec.id != expected:
            yield located.problem(
                "id-mismatch",
                f"`{rec.id}` should be `{expected}`: a recommendation id is its review's id, "
                "a hyphen and its number",
                "id",
                hint="correct `id`, `review` or `number`, whichever is wrong",
            )
        prefix = f"{rec.id}."
        for index, action in enumerate(rec.actions):
            if not action.id.startswith(prefix):
                yield located.problem(
                    "id-mismatch",
                    f"action `{action.id}` is under `{rec.id}`, so its id must start `{rec.id}.`",
                    "actions",
                    index,
                    "id",
                    hint=f"number the actions {rec.id}.1, {rec.id}.2, ...",
                )


def check_references(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Reviews, themes and agencies named in recommendations exist."""
    reviews = {r.record.id: r.record for r in data.facts.reviews}
    recommendations = data.facts.recommendations
    # Most folders name no unknown agency: only when one does is each reference looked at.
    unknown = _agencies_named([r.record for r in recommendations]) - set(data.agency_ids)
    for located in recommendations:
        rec = located.record
        review = reviews.get(rec.review)
        if review is None and _reportable(data, "reviews", rec.review):
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
                        hint=did_you_mean(theme, themes) or f"its themes are: {', '.join(themes)}",
                    )
        if unknown:
            for agency, where in _agency_references(rec):
                if agency in unknown:
                    yield from _reference(data, located, agency, where)


def _agencies_named(recs: list[RecommendationFacts]) -> set[str]:
    actions = [action for rec in recs for action in rec.actions]
    evidence = [item for action in actions for item in action.evidence]
    evidence += [item for rec in recs if rec.assurance for item in rec.assurance.evidence]
    named = {rec.owner for rec in recs} | {action.owner for action in actions}
    named.update(item.held_by for item in evidence)
    named.update(supporter for action in actions for supporter in action.supporting)
    return {agency for agency in named if agency}


def _agency_references(rec: RecommendationFacts) -> Iterator[tuple[str, tuple[Key, ...]]]:
    if rec.owner:
        yield rec.owner, ("owner",)
    if rec.assurance:
        yield from _evidence_holders(rec.assurance.evidence, ("assurance", "evidence"))
    for index, action in enumerate(rec.actions):
        at: tuple[Key, ...] = ("actions", index)
        if action.owner:
            yield action.owner, (*at, "owner")
        for i, supporter in enumerate(action.supporting):
            yield supporter, (*at, "supporting", i)
        yield from _evidence_holders(action.evidence, (*at, "evidence"))


def _evidence_holders(
    evidence: Iterable[EvidenceFacts], at: tuple[Key, ...]
) -> Iterator[tuple[str, tuple[Key, ...]]]:
    for index, item in enumerate(evidence):
        if item.held_by:
            yield item.held_by, (*at, index, "held_by")


def check_lifecycle(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Each status carries the dates and reasons it needs, and nothing is dated after as-of."""
    for located in data.facts.recommendations:
        rec = located.record
        if rec.status in RECOMMENDATION_DONE and rec.assurance is None:
            yield located.problem(
                "missing-assurance",
                f"`{rec.id}` is {rec.status} but has no `assurance`",
                "status",
                hint="add `assurance:` with `date`, `by` and an `evidence` list, or set the "
                "status back",
            )
        if rec.status == "closed" and rec.closed_on is None:
            yield located.problem(
                "missing-closed-on",
                f"`{rec.id}` is closed but has no `closed_on` date",
                "status",
                hint="add `closed_on: YYYY-MM-DD`, the day the executive signed it off",
            )
        if rec.status in _DELIVERED:
            open_actions = [a.id for a in rec.actions if a.status not in ACTION_DONE]
            if open_actions:
                yield located.problem(
                    "status-ahead-of-actions",
                    f"`{rec.id}` is {rec.status} but its actions {', '.join(open_actions)} "
                    "are not complete or dropped",
                    "status",
                    hint="complete or drop those actions, or set the recommendation's status back",
                )
        for index, action in enumerate(rec.actions):
            yield from _action_lifecycle(located, action, ("actions", index))
        if rec.latest is not None and rec.latest > as_of:
            yield from _future_dates(located, as_of)


def _action_lifecycle(
    located: Located[RecommendationFacts], action: ActionFacts, at: tuple[Key, ...]
) -> Iterator[Problem]:
    if action.status == "complete" and action.completed_on is None:
        yield located.problem(
            "missing-completed-on",
            f"action `{action.id}` is complete but has no `completed_on` date",
            *at,
            "status",
            hint="add `completed_on: YYYY-MM-DD`, the day it was done",
        )
    if action.status == "dropped" and not action.has_dropped_reason:
        yield located.problem(
            "missing-dropped-reason",
            f"action `{action.id}` is dropped but has no `dropped_reason`",
            *at,
            "status",
            hint="add `dropped_reason:` saying why it will not be done and who agreed",
        )
    if action.revised_due is not None and not action.has_revised_reason:
        yield located.problem(
            "missing-revised-reason",
            f"action `{action.id}` has a `revised_due` date but no `revised_reason`",
            *at,
            "revised_due",
            hint="add `revised_reason:` saying why the target date moved and who agreed",
        )


def _future_dates(located: Located[RecommendationFacts], as_of: date) -> Iterator[Problem]:
    """The dates of a recommendation that record something done after the as-of date."""
    rec = located.record
    if rec.assurance:
        yield from _future(located, as_of, rec.assurance.date, ("assurance", "date"))
        yield from _evidence_dates(located, as_of, rec.assurance.evidence, ("assurance",))
    if rec.closed_on:
        yield from _future(located, as_of, rec.closed_on, ("closed_on",))
    for index, action in enumerate(rec.actions):
        at: tuple[Key, ...] = ("actions", index)
        if action.completed_on:
            yield from _future(located, as_of, action.completed_on, (*at, "completed_on"))
        for i, when in enumerate(action.update_dates):
            yield from _future(located, as_of, when, (*at, "updates", i, "date"))
        yield from _evidence_dates(located, as_of, action.evidence, at)


def _evidence_dates(
    located: Located[RecommendationFacts],
    as_of: date,
    evidence: Iterable[EvidenceFacts],
    at: tuple[Key, ...],
) -> Iterator[Problem]:
    for index, item in enumerate(evidence):
        yield from _future(located, as_of, item.date, (*at, "evidence", index, "date"))


def _future(
    located: Located[RecommendationFacts], as_of: date, when: date, at: tuple[Key, ...]
) -> Iterator[Problem]:
    if when > as_of:
        yield located.problem(
            "date-in-future",
            f"`{at[-1]}` is {when}, after the as-of date {as_of}: it records something as "
            "done before it happened",
            *at,
            hint="check the date; a planned date belongs in `due`",
        )


def _reportable(data: Dataset, register: str, ref: str) -> bool:
    """Whether an unknown reference is worth reporting (its register was read, and no
    invalid record there carries the id)."""
    return register not in data.unread and ref not in data.unvalidated_ids


def _reference(
    data: Dataset, located: Located[Any], agency: str, at: tuple[Key, ...]
) -> Iterator[Problem]:
    known = data.agency_ids
    if agency not in known and _reportable(data, "agencies", agency):
        yield located.problem(
            "unknown-agency",
            f"agency `{agency}` is not in agencies.yaml",
            *at,
            hint=did_you_mean(agency, known) or "add it to agencies.yaml, or correct the id",
        )


def _duplicates(
    root: Path,
    entries: Iterable[tuple[Located[Any], str, tuple[Key, ...]]],
    what: str,
) -> Iterator[Problem]:
    first: dict[str, tuple[Located[Any], tuple[Key, ...]]] = {}
    for located, ident, at in entries:
        if ident not in first:
            first[ident] = (located, at)
            continue
        earlier, earlier_at = first[ident]
        where = relative_name(earlier.file, root)
        yield located.problem(
            "duplicate-id",
            f"{what} `{ident}` is used twice; it is also at {where} line "
            f"{earlier.line(*earlier_at, 'id')}",
            *at,
            "id",
            hint="every id must be unique: give one of them the next free id",
        )


CHECKS: tuple[Check, ...] = (
    check_agencies,
    check_reviews,
    check_ids,
    check_references,
    check_lifecycle,
)


def run_checks(data: Dataset, as_of: date) -> list[Problem]:
    """Every cross-record problem in the dataset on the as-of date."""
    return [problem for check in CHECKS for problem in check(data, as_of)]


def ids_taken_at_base(current: Dataset, base: Dataset, revision: str) -> Iterator[Problem]:
    """An id that this change adds, though the base revision already has it in another file
    (two branches that both added LEO-3.4, say): for `lcspr check --since`."""
    at_base = {ident: located for located, ident, _ in every_id(base.facts.recommendations)}
    for located, ident, at in every_id(current.facts.recommendations):
        there = at_base.get(ident)
        if there is None:
            continue
        here = relative_name(located.file, current.root)
        elsewhere = relative_name(there.file, base.root)
        if here != elsewhere:
            yield located.problem(
                "id-taken",
                f"`{ident}` is added here, but {revision} already has it in {elsewhere}",
                *at,
                "id",
                hint="give this one the next free id (ask who added the other)",
            )

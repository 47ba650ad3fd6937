"""The registers: agencies (ids, dates, successions) and reviews (ids, partnerships,
themes)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..load.dataset import Dataset
from ..problems import Problem
from ..records.facts import AgencyFacts
from .common import duplicates, reference


def check_agencies(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Agency ids are unique; successors exist; dates and successions add up."""
    agencies = data.facts.agencies
    yield from duplicates(data.root, ((a, a.record.id, ()) for a in agencies), "agency")
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
                yield from reference(data, located, successor, ("replaced_by", index))
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
    yield from duplicates(data.root, ((r, r.record.id, ()) for r in reviews), "review")
    for located in reviews:
        review = located.record
        yield from reference(data, located, review.partnership, ("partnership",))
        yield from duplicates(
            data.root,
            ((located, theme, ("themes", i)) for i, theme in enumerate(review.themes)),
            "theme",
        )

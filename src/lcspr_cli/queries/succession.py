"""Which agencies exist on a day, and who does the work of one that has ended."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from ..records.models import Agency


class Standing(StrEnum):
    """Where an owner stands on a day."""

    CURRENT = "current"
    UNKNOWN = "unknown"
    """Not in agencies.yaml."""
    ENDED = "ended"
    NOT_FORMED = "not-formed"
    """Its `from` date is after the day."""


def standing(agency_id: str, agencies: Mapping[str, Agency], as_of: date) -> Standing:
    agency = agencies.get(agency_id)
    if agency is None:
        return Standing.UNKNOWN
    if has_ended(agency, as_of):
        return Standing.ENDED
    if agency.from_ is not None and agency.from_ > as_of:
        return Standing.NOT_FORMED
    return Standing.CURRENT


def accountable(owners: tuple[str, ...], agencies: Mapping[str, Agency], as_of: date) -> list[str]:
    """Who answers for an item on a day: its owners that exist (or are not in the
    register, which a person must sort out), and in place of one that has ended, the
    agencies that took over its work. An owner not yet formed answers for nothing yet."""
    found: list[str] = []
    for owner in owners:
        place = standing(owner, agencies, as_of)
        if place is Standing.ENDED:
            found.extend(successors(owner, agencies, as_of))
        elif place is not Standing.NOT_FORMED:
            found.append(owner)
    return list(dict.fromkeys(found))


def has_ended(agency: Agency, as_of: date) -> bool:
    return agency.until is not None and agency.until < as_of


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
        if agency is not None and has_ended(agency, as_of) and agency.replaced_by:
            frontier[:0] = agency.replaced_by
        else:
            found.append(current)
    return tuple(found)

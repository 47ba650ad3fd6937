"""What changed in agencies.yaml and reviews.yaml, in words, agency by agency and review
by review (`changes` describes the recommendation files). Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TypeVar

from ..records.models import Agency, Review
from ..wording import human_date

R = TypeVar("R", Agency, Review)
Described = tuple[str, str, str]
"""A change: the record's id, the words, and the part of the record changed."""


def _day(value: date | None) -> str:
    return human_date(value) if value is not None else "(none)"


def _ids(values: tuple[str, ...]) -> str:
    return ", ".join(values) or "(none)"


def _each(
    what: str,
    before: Mapping[str, R],
    after: Mapping[str, R],
    fields: Callable[[R, R], list[tuple[str, str]]],
) -> list[Described]:
    found: list[Described] = []
    for ident, record in after.items():
        if ident not in before:
            found.append((ident, f"{what} {ident} added", "added"))
        elif before[ident] != record:
            found.extend((ident, words, aspect) for words, aspect in fields(before[ident], record))
    found.extend((i, f"{what} {i} removed", "removed") for i in before if i not in after)
    return found


def agency_changes(before: Mapping[str, Agency], after: Mapping[str, Agency]) -> list[Described]:
    """Agencies added, removed or changed: their dates and successors in full, their
    names and kinds said to have changed."""
    return _each("agency", before, after, _agency)


def _agency(old: Agency, new: Agency) -> list[tuple[str, str]]:
    found = []
    if old.name != new.name:
        found.append(("name changed", "name"))
    if old.kind != new.kind:
        found.append(("kind changed", "kind"))
    if old.from_ != new.from_:
        found.append((f"formed {_day(old.from_)} -> {_day(new.from_)}", "from"))
    if old.until != new.until:
        found.append((f"last day {_day(old.until)} -> {_day(new.until)}", "until"))
    if old.replaced_by != new.replaced_by:
        words = f"replaced by {_ids(old.replaced_by)} -> {_ids(new.replaced_by)}"
        found.append((words, "replaced_by"))
    return found


def review_changes(before: Mapping[str, Review], after: Mapping[str, Review]) -> list[Described]:
    """Reviews added, removed or changed, with their themes."""
    return _each("review", before, after, _review)


def _review(old: Review, new: Review) -> list[tuple[str, str]]:
    found = []
    for name, label in (("title", "title"), ("kind", "kind")):
        if getattr(old, name) != getattr(new, name):
            found.append((f"{label} changed", name))
    for name, label in (("published", "published"), ("response_published", "response published")):
        if getattr(old, name) != getattr(new, name):
            words = f"{label} {_day(getattr(old, name))} -> {_day(getattr(new, name))}"
            found.append((words, name))
    if old.partnership != new.partnership:
        found.append((f"partnership {old.partnership} -> {new.partnership}", "partnership"))
    themes = {t.id: t for t in old.themes}
    for theme in new.themes:
        if theme.id not in themes:
            found.append((f"theme {theme.id} added", f"theme+{theme.id}"))
        elif themes[theme.id] != theme:
            found.append((f"theme {theme.id} title changed", f"theme~{theme.id}"))
    after = {t.id for t in new.themes}
    found.extend(
        (f"theme {t.id} removed", f"theme-{t.id}") for t in old.themes if t.id not in after
    )
    return found

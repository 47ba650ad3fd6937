"""What changed between two versions of a data file, in words: "status in-progress ->
complete", "owner cumbria-scp -> cumberland-scp", "evidence added: <title>".

Pure: two versions of a file's records in, changes out. Free text (a title, the text, a
note, a reason for dropping) is never repeated: its change is named ("text changed").
Dates are written as the tables write them (31 Mar 2026).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from msgspec import Struct

from ..records.models import Action, Agency, Recommendation, Review
from ..wording import human_date
from .register_changes import agency_changes, review_changes


class Version(Protocol):
    """One version of a data file: its path in the data folder, and its valid records
    (None when errors keep them from being read)."""

    @property
    def path(self) -> str: ...

    @property
    def records(self) -> tuple[Any, ...] | None: ...


class Change(Struct, frozen=True):
    """One change to a record, in words."""

    record: str
    """The id of what changed: a recommendation, an action, an agency or a review (or the
    file's name, for a change to a whole file that could not be read)."""
    recommendation: str | None
    """The recommendation whose file it is in; None in agencies.yaml and reviews.yaml."""
    file: str
    """The file, from the data folder."""
    what: str
    aspect: str
    """What part of the record changed: a merge's changes are those it made to the same
    part against each of its parents."""

    def about(self, ident: str) -> bool:
        """Whether it is about `ident`: that record, or (for a recommendation) one of its
        actions. Ids are compared without regard to case."""
        wanted = ident.casefold()
        return wanted in (self.record.casefold(), (self.recommendation or "").casefold())


TEXT_FIELDS = {
    "title": "title",
    "text": "text",
    "action": "action text",
    "lead_role": "lead role",
    "dropped_reason": "reason for dropping",
}
"""Fields of free text, and what a change to one is called."""
TARGET_FIELDS = ("due", "revised_due", "revised_reason", "revisions")
REASON_LENGTH = 80
"""A revision's reason is given up to this many characters."""


def day(value: date | None) -> str:
    return human_date(value) if value is not None else "(none)"


def ids(values: Iterable[str]) -> str:
    return ", ".join(values) or "(none)"


def revised_due_recorded(
    changes: Iterable[tuple[date, Version | None, Version | None]],
) -> dict[str, tuple[date, date]]:
    """For each recommendation and action whose older-form `revised_due` was set by a
    change to its record (`changes`: the day, and the file before and after, oldest
    first), the date it was set to and the day of that change. One already there when
    its record was first seen is not dated: nothing tells when it was agreed."""
    found: dict[str, tuple[date, date]] = {}
    for when, old, new in changes:
        before, after = _revised_dues(old), _revised_dues(new)
        for ident, value in after.items():
            if value is None:
                found.pop(ident, None)
            elif ident in before and before[ident] != value:
                found[ident] = (value, when)
    return found


def _revised_dues(version: Version | None) -> dict[str, date | None]:
    if version is None or version.records is None:
        return {}
    found: dict[str, date | None] = {}
    for rec in version.records:
        if isinstance(rec, Recommendation):
            found[rec.id] = rec.revised_due
            found.update((a.id, a.revised_due) for a in rec.actions)
    return found


def merge_changes(
    old: Version | None, new: Version | None, others: Sequence[Version | None] = ()
) -> list[Change]:
    """The changes from `old` to `new`; for a merge, whose other parents held `others`,
    only those it made itself: to a part that differs from every parent's."""
    changes = file_changes(old, new)
    for other in others:
        theirs = {(c.record, c.aspect) for c in file_changes(other, new)}
        changes = [c for c in changes if (c.record, c.aspect) in theirs]
    return changes


def file_changes(old: Version | None, new: Version | None) -> list[Change]:
    """The changes from `old` (None: the file did not exist) to `new` (None: removed)."""
    if old is None and new is None:
        return []
    path = (new or old).path  # type: ignore[union-attr]  # one of them is not None
    register = path in ("agencies.yaml", "reviews.yaml")
    name = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    rec = None if register else _rec_id(new) or _rec_id(old) or name
    change = _file_level(old, new, rec or path, rec, path)
    if change is not None:
        return [change]
    before = old.records if old is not None and old.records is not None else ()
    after = new.records if new is not None and new.records is not None else ()
    found = []
    if old is not None and new is not None and old.path != new.path:
        renamed = f"file renamed: {old.path} -> {new.path}"
        found.append(Change(rec or path, rec, path, renamed, "file"))
    if path == "agencies.yaml":
        described = agency_changes(_by_id(before, Agency), _by_id(after, Agency))
    elif path == "reviews.yaml":
        described = review_changes(_by_id(before, Review), _by_id(after, Review))
    else:
        described = _recommendation_file(
            _by_id(before, Recommendation), _by_id(after, Recommendation)
        )
    found.extend(
        Change(record, None if register else rec, path, what, aspect)
        for record, what, aspect in described
    )
    return found


def _rec_id(version: Version | None) -> str | None:
    if version is None or not version.records:
        return None
    return str(version.records[0].id)


def _by_id(records: Iterable[Any], model: type[Any]) -> dict[str, Any]:
    return {r.id: r for r in records if isinstance(r, model)}


def _file_level(
    old: Version | None, new: Version | None, record: str, rec: str | None, path: str
) -> Change | None:
    """A change to a file that could not be read before or after: said, not described."""
    if new is not None and new.records is None:
        what = "file changed; it has errors, so what changed is not described (lcspr check)"
        return Change(record, rec, path, what, "errors")
    if old is not None and old.records is None:
        if new is None:
            return Change(record, rec, path, "file removed (it had errors)", "file")
        return Change(record, rec, path, "errors in the file put right", "errors")
    return None


Described = tuple[str, str, str]
"""A change in a file: the record's id, the words, and the part of the record changed."""


def _recommendation_file(
    before: dict[str, Recommendation], after: dict[str, Recommendation]
) -> list[Described]:
    found: list[Described] = []
    for ident, rec in after.items():
        if ident not in before:
            found.append((ident, f"recommendation {ident} added", "added"))
        else:
            found.extend(_recommendation(before[ident], rec))
    found.extend(
        (ident, f"recommendation {ident} removed", "removed")
        for ident in before
        if ident not in after
    )
    return found


def _recommendation(old: Recommendation, new: Recommendation) -> list[Described]:
    found = [(new.id, what, aspect) for what, aspect in _fields(old, new)]
    before = {a.id: a for a in old.actions}
    after = {a.id: a for a in new.actions}
    for ident, action in after.items():
        if ident not in before:
            found.append((ident, f"action {ident} added", "added"))
        else:
            found.extend((ident, what, aspect) for what, aspect in _fields(before[ident], action))
    found.extend(
        (ident, f"action {ident} removed", "removed") for ident in before if ident not in after
    )
    return found


Record = Recommendation | Action


def _fields(old: Record, new: Record) -> list[tuple[str, str]]:
    """Each field of a recommendation or action that changed, in the file's order."""
    found: list[tuple[str, str]] = []
    target_said = False
    for name in type(new).__struct_fields__:
        if name in ("id", "actions") or getattr(old, name) == getattr(new, name):
            continue
        if name in TARGET_FIELDS:  # the four fields are one target date
            if not target_said:
                found.extend((what, "target") for what in _target(old, new))
            target_said = True
            continue
        describe = _DESCRIBE.get(name)
        words = describe(old, new) if describe else [_named(name, old, new)]
        found.extend((what, _aspect(name, what)) for what in words)
    return found


def _aspect(name: str, what: str) -> str:
    """The part changed: the field, or an item added to or removed from a list."""
    return what if name in ("evidence", "updates", "assurance") else name


def _named(name: str, old: Record, new: Record) -> str:
    if name in TEXT_FIELDS:
        return f"{TEXT_FIELDS[name]} changed"
    label = name.replace("_", " ")
    before, after = getattr(old, name), getattr(new, name)
    if isinstance(after, tuple) and all(isinstance(v, str) for v in (*before, *after)):
        return f"{label} {ids(before)} -> {ids(after)}"
    if isinstance(after, str | None) and isinstance(before, str | None):
        return f"{label} {before or '(none)'} -> {after or '(none)'}"
    return f"{label} changed"


def _status(old: Record, new: Record) -> list[str]:
    words = f"status {old.status or '(none)'} -> {new.status or '(none)'}"
    if isinstance(new, Action) and new.completed_on and new.status == "complete":
        words += f" (completed {day(new.completed_on)})"
    if isinstance(new, Recommendation) and new.closed_on and new.status == "closed":
        words += f" (closed {day(new.closed_on)})"
    return [words]


def _completed_on(old: Record, new: Record) -> list[str]:
    if old.status != new.status:
        return []  # said with the status
    assert isinstance(old, Action) and isinstance(new, Action)
    return [f"completion date {day(old.completed_on)} -> {day(new.completed_on)}"]


def _closed_on(old: Record, new: Record) -> list[str]:
    if old.status != new.status:
        return []
    assert isinstance(old, Recommendation) and isinstance(new, Recommendation)
    return [f"closure date {day(old.closed_on)} -> {day(new.closed_on)}"]


def _dropped_reason(old: Record, new: Record) -> list[str]:
    return [] if old.status != new.status else ["reason for dropping changed"]


def _owners(old: Record, new: Record) -> list[str]:
    return [f"owner {ids(old.owners)} -> {ids(new.owners)}"]


def _target(old: Record, new: Record) -> list[str]:
    """A change of target date: the date that counts before and after, and why."""
    before, after = old.effective_due, new.effective_due
    old_changes, new_changes = old.target_changes, new.target_changes
    if before != after:
        words = f"target date {day(before)} -> {day(after)}"
        if len(new_changes) > len(old_changes) and new_changes[-1].due == after:
            return [f"{words}{_reason(new_changes[-1].reason)}"]
        if old.due != new.due and old_changes == new_changes:
            return [f"{words} (changed in place; no revision recorded)"]
        return [f"{words} (revisions changed)"]
    if old.due != new.due:
        return [f"original target date {day(old.due)} -> {day(new.due)}"]
    if len(new_changes) > len(old_changes):
        return [f"revision recorded, target date unchanged{_reason(new_changes[-1].reason)}"]
    return ["revision changed"]


def _reason(reason: str | None) -> str:
    if not reason:
        return ""
    text = " ".join(reason.split())
    if len(text) > REASON_LENGTH:
        text = text[: REASON_LENGTH - 1].rstrip() + "…"
    return f" (reason: {text})"


def _listed(
    label: str, before: Sequence[Any], after: Sequence[Any], name: Callable[[Any], str]
) -> list[str]:
    """Items added to and removed from a list, each named."""
    added = [f"{label} added{name(item)}" for item in after if item not in before]
    removed = [f"{label} removed{name(item)}" for item in before if item not in after]
    return added + removed


def _evidence(old: Record, new: Record) -> list[str]:
    return _listed("evidence", old.evidence, new.evidence, lambda e: f": {e.title}")


def _updates(old: Record, new: Record) -> list[str]:
    listed = _listed("update", old.updates, new.updates, lambda u: f", dated {day(u.date)}")
    dates = sorted(u.date for u in old.updates) == sorted(u.date for u in new.updates)
    return ["update text changed"] if dates and len(old.updates) == len(new.updates) else listed


def _assurance(old: Record, new: Record) -> list[str]:
    assert isinstance(old, Recommendation) and isinstance(new, Recommendation)
    before, after = old.assurance, new.assurance
    if before is None and after is not None:
        return [f"assurance recorded, dated {day(after.date)}, by {after.by}"]
    if after is None:
        return ["assurance removed"]
    assert before is not None
    found = []
    if before.date != after.date:
        found.append(f"assurance date {day(before.date)} -> {day(after.date)}")
    if before.by != after.by:
        found.append("assurance given by changed")
    found += _listed(
        "assurance evidence", before.evidence, after.evidence, lambda e: f": {e.title}"
    )
    return found


def _response(old: Record, new: Record) -> list[str]:
    assert isinstance(old, Recommendation) and isinstance(new, Recommendation)
    if old.decision != new.decision:
        return [f"response {old.decision} -> {new.decision}"]
    return ["response changed"]


_DESCRIBE: dict[str, Callable[[Record, Record], list[str]]] = {
    "status": _status,
    "completed_on": _completed_on,
    "closed_on": _closed_on,
    "dropped_reason": _dropped_reason,
    "owners": _owners,
    "evidence": _evidence,
    "updates": _updates,
    "assurance": _assurance,
    "response": _response,
}

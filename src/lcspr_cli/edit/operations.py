"""The everyday updates to the log: each one plans a change to one file and proves it valid.

An operation never writes. It reads the file, changes only the lines it was asked to
(`document`), and checks the result with the same rules as `lcspr check`; the caller
shows the diff or writes it (`write.replace_file`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..load.dataset import Dataset
from ..locate import RECOMMENDATIONS_FOLDER
from ..pipeline import check_folder
from ..problems import Problem
from ..queries.report import successors
from ..records.facts import recommendation_facts
from ..records.ids import natural_key
from ..records.located import Located
from ..records.models import Recommendation
from ..records.statuses import ACTION_STATUSES, RECOMMENDATION_DONE, RECOMMENDATION_STATUSES
from ..records.validate import validate_record
from ..rules import run_checks
from ..wording import did_you_mean
from ..yamlfile.positions import DataPath
from .document import Document, EditError, scalar


@dataclass(frozen=True)
class Change:
    """A planned change to one file: its bytes before (None for a new file) and after."""

    file: Path
    before: bytes | None
    after: bytes
    summary: str
    warnings: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Target:
    """The recommendation, or one of its actions, that an edit is about."""

    located: Located[Recommendation]
    index: int | None = None

    @property
    def is_action(self) -> bool:
        return self.index is not None

    @property
    def path(self) -> DataPath:
        return () if self.index is None else ("actions", self.index)

    @property
    def ident(self) -> str:
        rec = self.located.record
        return rec.id if self.index is None else rec.actions[self.index].id

    @property
    def owner(self) -> str | None:
        rec = self.located.record
        return rec.owner if self.index is None else rec.actions[self.index].owner


@dataclass(frozen=True)
class Context:
    """What an operation may consult: the loaded data, and today's date."""

    dataset: Dataset
    today: date


Operation = Callable[[Document, Target, Context], tuple[Document, str]]


def find_target(dataset: Dataset, ident: str) -> Target:
    """The recommendation or action with this id (any case)."""
    wanted = ident.strip().upper()
    ids: list[str] = []
    for located in dataset.recommendations:
        if located.record.id.upper() == wanted:
            return Target(located)
        for index, action in enumerate(located.record.actions):
            if action.id.upper() == wanted:
                return Target(located, index)
            ids.append(action.id)
        ids.append(located.record.id)
    hint = did_you_mean(wanted, ids)
    raise UnknownName(f"no recommendation or action `{ident}`" + (f"; {hint}" if hint else ""))


class UnknownName(EditError):
    """An id, agency or review that the data does not have."""


class EditRefused(EditError):
    """The edit would leave a file that `lcspr check` faults: these are its errors, as
    `lcspr check` reports them."""

    def __init__(self, name: str, problems: tuple[Problem, ...]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        hint = f"; {first.hint}" if first.hint else ""
        super().__init__(
            f"not written: {name} would have an error on line {first.line}: "
            f"{first.message}{more}{hint}"
        )
        self.name = name
        self.problems = problems


def plan(root: Path, today: date, ident: str, operation: Operation) -> Change:
    """Plan `operation` on the record `ident`, and check the file it would leave."""
    dataset = check_folder(root, today).dataset
    target = find_target(dataset, ident)
    before = target.located.file.read_bytes()
    context = Context(dataset, today)
    document, summary = operation(Document.read(before, target.located.file), target, context)
    after = document.encode()
    if after == before:
        return Change(target.located.file, before, before, f"{target.ident}: nothing to change")
    warnings = _validate(dataset, document, today)
    return Change(target.located.file, before, after, summary, warnings)


def _validate(dataset: Dataset, document: Document, today: date) -> tuple[Problem, ...]:
    """Refuse a document that `lcspr check` would fault, checked with the rest of the folder
    (in place of the file it replaces, if any); return its warnings."""
    parsed = document.parsed
    located, problems = validate_record(Recommendation, parsed.data, parsed.source)
    if located is not None:
        facts = dataset.facts
        others = tuple(r for r in facts.recommendations if r.file != document.path)
        edited = Located(recommendation_facts(located.record), located.source, located.path)
        problems = run_checks(
            replace(dataset, facts=replace(facts, recommendations=(*others, edited))), today
        )
    mine = [p for p in problems if p.file == document.path]
    errors = tuple(p for p in mine if p.is_error)
    if errors:
        raise EditRefused(document.path.name, errors)
    return tuple(p for p in mine if not p.is_error)


# --- the operations -------------------------------------------------------------------


def set_status(status: str, on: date | None, reason: str | None, by: str | None) -> Operation:
    """Set a status, filling in (or clearing) the dates and reasons it needs."""

    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        if target.is_action:
            return _action_status(doc, target, status, on, reason)
        return _recommendation_status(doc, target, status, on, by)

    return operation


def _action_status(
    doc: Document, target: Target, status: str, on: date | None, reason: str | None
) -> tuple[Document, str]:
    _allowed(status, ACTION_STATUSES, "an action")
    at = target.path
    doc = doc.set_value((*at, "status"), status)
    detail = ""
    if status == "complete":
        if on is None:
            raise EditError("an action marked complete needs the day: add --on YYYY-MM-DD")
        doc = doc.set_value((*at, "completed_on"), on, after=["status"])
        detail = f", completed on {on.isoformat()}"
    elif status == "dropped":
        if not reason:
            raise EditError("a dropped action needs the reason: add --reason '...'")
        doc = doc.set_value((*at, "dropped_reason"), reason, after=["status"])
        detail = ", with the reason"
    if status != "complete":
        doc = doc.remove((*at, "completed_on"))
    if status != "dropped":
        doc = doc.remove((*at, "dropped_reason"))
    return doc, f"{target.ident}: status {status}{detail}"


def _recommendation_status(
    doc: Document, target: Target, status: str, on: date | None, by: str | None
) -> tuple[Document, str]:
    _allowed(status, RECOMMENDATION_STATUSES, "a recommendation")
    doc = doc.set_value(("status",), status)
    detail = ""
    if status in RECOMMENDATION_DONE and not doc.exists(("assurance",)):
        if status == "closed" or on is None or not by:
            raise EditError(
                f"`{target.ident}` has no assurance yet: first mark it assured with "
                "--on YYYY-MM-DD --by 'who accepted the evidence of impact'"
            )
        fields = [("date", on), ("by", by), ("evidence", ())]
        doc = doc.add_mapping(("assurance",), fields, after=["status"])
        detail = f", assured on {on.isoformat()} by {by}"
    if status == "closed":
        if on is None:
            raise EditError("a closed recommendation needs the day it was signed off: add --on")
        doc = doc.set_value(("closed_on",), on, after=["assurance", "status"])
        detail = f", closed on {on.isoformat()}"
    else:
        doc = doc.remove(("closed_on",))
    return doc, f"{target.ident}: status {status}{detail}"


def _allowed(status: str, allowed: Sequence[str], what: str) -> None:
    if status not in allowed:
        hint = did_you_mean(status, allowed) or f"use one of: {', '.join(allowed)}"
        raise UnknownName(f"`{status}` is not a status of {what}; {hint}")


def add_evidence(
    title: str, on: date, path: str | None, url: str | None, held_by: str | None
) -> Operation:
    """Add an evidence item: to an action, or to a recommendation's assurance."""
    where = [
        (key, value) for key, value in (("path", path), ("url", url), ("held_by", held_by)) if value
    ]
    if len(where) != 1:
        raise UnknownName("say where the evidence is with exactly one of --path, --url, --held-by")

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        if held_by:
            usable_agency(held_by, context.dataset, None)  # may hold records from before
        item = [("title", title), ("date", on), *where]
        if target.is_action:
            at = (*target.path, "evidence")
            after = ["completed_on", "dropped_reason", "status"]
        elif doc.exists(("assurance",)):
            at, after = ("assurance", "evidence"), ["by"]
        else:
            raise EditError(
                f"evidence for a recommendation is assurance evidence, and `{target.ident}` "
                "has no assurance yet: lcspr set-status ID assured --on DATE --by WHO first"
            )
        return doc.append_item(at, item, after=after), f"{target.ident}: evidence added ({title})"

    return operation


def add_update(note: str, on: date) -> Operation:
    """Add a dated progress update to an action."""

    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        if not target.is_action:
            raise EditError(
                f"progress updates are kept on actions: give one of {target.ident}'s action ids"
            )
        at = (*target.path, "updates")
        after = ["evidence", "completed_on", "dropped_reason", "status"]
        return doc.append_item(at, [("date", on), ("note", note)], after=after), (
            f"{target.ident}: update of {on.isoformat()} added"
        )

    return operation


def revise_due(new_due: date, reason: str) -> Operation:
    """Give an action a revised target date, with the reason."""

    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        if not target.is_action:
            raise EditError(
                "a recommendation's due date is when assurance is expected; to move it, "
                "edit `due` in its file (and record why in the partnership's minutes)"
            )
        if not reason.strip():
            raise EditError("a revised date needs the reason: add --reason '...'")
        at = target.path
        doc = doc.set_value((*at, "revised_due"), new_due, after=["due"])
        doc = doc.set_value((*at, "revised_reason"), reason, after=["revised_due"])
        return doc, f"{target.ident}: due date revised to {new_due.isoformat()}"

    return operation


def usable_agency(agency: str, dataset: Dataset, today: date | None) -> None:
    """Refuse an agency id that is not in agencies.yaml, or (unless `today` is None) that
    has ended by `today`, naming its successors."""
    agencies = {a.record.id: a.record for a in dataset.agencies}
    if agency not in agencies:
        hint = did_you_mean(agency, list(agencies)) or "see lcspr agencies"
        raise UnknownName(f"no agency `{agency}` in agencies.yaml; {hint}")
    ended = agencies[agency].until
    if today is not None and ended is not None and ended < today:
        heirs = ", ".join(successors(agency, agencies, today)) or "none recorded"
        raise EditError(f"`{agency}` ended on {ended.isoformat()}; its successors: {heirs}")


def set_owner(agency: str) -> Operation:
    """Make `agency` the owner; refuse an agency that has ended, naming its successors."""

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        today = context.today
        usable_agency(agency, context.dataset, today)
        agencies = {a.record.id: a.record for a in context.dataset.agencies}
        after = ["action"] if target.is_action else ["themes", "text"]
        doc = doc.set_value((*target.path, "owner"), agency, after=after)
        note = ""
        old = target.owner
        if old in agencies and (agencies[old].until or date.max) < today:
            heirs = successors(old, agencies, today)
            note = f" (was {old}, which ended on {agencies[old].until}"
            if agency not in heirs:
                note += f"; its successors are {', '.join(heirs) or 'not recorded'}"
            note += ")"
        return doc, f"{target.ident}: owner {agency}{note}"

    return operation


def new_action(action: str, owner: str, due: date, lead_role: str | None) -> Operation:
    """Append an action with the next free id."""

    def operation(doc: Document, target: Target, context: Context) -> tuple[Document, str]:
        usable_agency(owner, context.dataset, context.today)
        if target.is_action:
            raise EditError(f"give the recommendation's id, not an action's ({target.ident})")
        rec = target.located.record
        numbers = [int(a.id.rsplit(".", 1)[1]) for a in rec.actions if "." in a.id]
        ident = f"{rec.id}.{max(numbers, default=0) + 1}"
        fields: list[tuple[str, Any]] = [("id", ident), ("action", action), ("owner", owner)]
        if lead_role:
            fields.append(("lead_role", lead_role))
        fields += [("due", due), ("status", "not-started")]
        return doc.append_item(("actions",), fields), f"{ident}: new action added to {rec.id}"

    return operation


@dataclass(frozen=True)
class NewRecommendation:
    review: str
    number: str
    title: str
    text: str
    owner: str
    due: date
    themes: tuple[str, ...] = ()


def plan_new_recommendation(root: Path, today: date, new: NewRecommendation) -> Change:
    """Plan the file of a new recommendation, in its review's folder."""
    dataset = check_folder(root, today).dataset
    reviews = [r.record.id for r in dataset.reviews]
    if new.review not in reviews:
        hint = did_you_mean(new.review, reviews) or "see reviews.yaml"
        raise UnknownName(f"no review `{new.review}`; {hint}")
    usable_agency(new.owner, dataset, today)
    ident = f"{new.review}-{new.number}"
    existing = [r for r in dataset.recommendations if r.record.review == new.review]
    if any(r.record.id == ident for r in existing):
        raise EditError(f"`{ident}` exists already")
    if existing:
        folder = sorted(existing, key=lambda r: natural_key(r.record.id))[0].file.parent
    else:
        folder = root / RECOMMENDATIONS_FOLDER / new.review
    path = folder / f"{ident}.yaml"
    if path.exists():
        raise EditError(f"{path} exists already")
    number: Any = int(new.number) if new.number.isdigit() else new.number
    lines = [
        *_schema_line(existing),
        f"id: {ident}",
        f"review: {new.review}",
        f"number: {scalar(number)}",
        f"title: {scalar(new.title)}",
        *_text_lines(new.text),
    ]
    if new.themes:
        lines.append(f"themes: [{', '.join(new.themes)}]")
    lines += [f"owner: {new.owner}", f"due: {new.due.isoformat()}", "status: open", ""]
    document = Document.read("\n".join(lines).encode(), path)
    document.expect(("text",), new.text)
    warnings = _validate(dataset, document, today)
    return Change(path, None, document.encode(), f"{ident}: new recommendation", warnings)


def _schema_line(siblings: Sequence[Located[Recommendation]]) -> list[str]:
    """The editor's schema line of the review's other files, for the new file to share."""
    for sibling in siblings:
        first = sibling.file.read_text(encoding="utf-8").split("\n", 1)[0].strip()
        if first.startswith("# yaml-language-server:"):
            return [first]
    return []


def _text_lines(text: str) -> list[str]:
    """The verbatim text, folded over lines of at most 90 characters when that reads back
    exactly; otherwise one line."""
    folded = textwrap.wrap(text, width=88, break_long_words=False, break_on_hyphens=False)
    if len(text) > 80 and " ".join(folded) == text and not text.startswith(" "):
        return ["text: >-", *(f"  {line}" for line in folded)]
    return [f"text: {scalar(text)}"]

"""The registers' changes: a new agency, a new review, and an agency that ends. Each is
planned as the other edits are: a few lines spliced into agencies.yaml or reviews.yaml,
checked with the rest of the folder (`plan.planned`), and never written here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from msgspec import Struct

from ..load.dataset import Dataset
from ..locate import AGENCIES_FILE, REVIEWS_FILE
from ..pipeline import check_folder
from ..records.statuses import ACTION_DONE, RECOMMENDATION_DONE
from ..wording import did_you_mean
from .document import Document, EditError
from .plan import Change, Context, Note, UnknownName, planned, usable_agency


class NewAgency(Struct, frozen=True):
    id: str
    name: str
    kind: str | None = None
    from_: date | None = None
    short_name: str | None = None


class NewReview(Struct, frozen=True):
    id: str
    title: str
    kind: str
    partnership: str
    published: date | None = None
    response_published: date | None = None
    themes: tuple[tuple[str, str], ...] = ()
    """Each theme's id and title."""


def plan_new_agency(root: Path, today: date, new: NewAgency) -> Change:
    """Plan a new agency at the end of agencies.yaml."""
    context, before, doc = _register(root, today, AGENCIES_FILE)
    if new.id in context.dataset.agency_ids:
        raise EditError(f"agency `{new.id}` is in {AGENCIES_FILE} already")
    fields: list[tuple[str, Any]] = [("id", new.id), ("name", new.name)]
    optional = (("short_name", new.short_name), ("kind", new.kind), ("from", new.from_))
    fields += [(key, value) for key, value in optional if value is not None]
    doc = doc.append_item(("agencies",), fields)
    return planned(context, before, doc, f"{new.id}: new agency added", new.id)


def plan_new_review(root: Path, today: date, new: NewReview) -> Change:
    """Plan a new review, with its learning themes, at the end of reviews.yaml."""
    context, before, doc = _register(root, today, REVIEWS_FILE)
    if new.id in (r.record.id for r in context.dataset.facts.reviews):
        raise EditError(f"review `{new.id}` is in {REVIEWS_FILE} already")
    usable_agency(new.partnership, context.dataset, None)  # it may have ended since
    fields: list[tuple[str, Any]] = [("id", new.id), ("title", new.title), ("kind", new.kind)]
    for key, day in (("published", new.published), ("response_published", new.response_published)):
        if day is not None:
            fields.append((key, day))
    fields.append(("partnership", new.partnership))
    if new.themes:
        fields.append(("themes", [[("id", i), ("title", t)] for i, t in new.themes]))
    doc = doc.append_item(("reviews",), fields)
    themes = f", with {len(new.themes)} theme{'s' if len(new.themes) != 1 else ''}"
    summary = f"{new.id}: new review added{themes if new.themes else ''}"
    return planned(context, before, doc, summary, new.id)


def plan_end_agency(
    root: Path, today: date, agency: str, on: date, replaced_by: Sequence[str]
) -> Change:
    """Plan the end of an agency: its last day (`until`) and the agencies that take over its
    work (`replaced_by`). Its open work is named, since after that day it is unowned."""
    context, before, doc = _register(root, today, AGENCIES_FILE)
    dataset = context.dataset
    known = list(dataset.agency_ids)
    if agency not in known:
        hint = did_you_mean(agency, known) or "see lcspr agencies"
        raise UnknownName(f"no agency `{agency}` in {AGENCIES_FILE}; {hint}")
    for successor in replaced_by:
        usable_agency(successor, dataset, None)
    index = _index_in_file(doc, agency)
    at = ("agencies", index)
    ended = doc.value((*at, "until"))
    if ended is not None and ended != on.isoformat():
        raise EditError(
            f"`{agency}` ended on {ended} already; if that date is wrong, correct it in "
            f"{AGENCIES_FILE}"
        )
    doc = doc.set_value((*at, "until"), on, after=["from", "kind", "short_name", "name"])
    heirs = ""
    if replaced_by:
        doc = doc.set_value((*at, "replaced_by"), tuple(replaced_by), after=["until"])
        heirs = f", replaced by {', '.join(replaced_by)}"
    open_work = _open_work(dataset, agency)
    if open_work:
        shown = ", ".join(open_work[:10]) + (
            f" and {len(open_work) - 10} more" * (len(open_work) > 10)
        )
        context.notes.append(
            Note(
                doc.path,
                doc.line_of((*at, "until")),
                len(doc.key_indent(at)) + 1,
                f"`{agency}` owns {len(open_work)} open item{'s' * (len(open_work) != 1)}, "
                f"unowned from {(on + timedelta(days=1)).isoformat()}: {shown}; give each a "
                "new owner with "
                "lcspr set-owner ID AGENCY",
            )
        )
    return planned(context, before, doc, f"{agency}: ends on {on.isoformat()}{heirs}", agency)


def _register(root: Path, today: date, name: str) -> tuple[Context, bytes, Document]:
    dataset = check_folder(root, today).dataset
    path = root / name
    try:
        before = path.read_bytes()
    except OSError as error:
        raise EditError(f"cannot read {path}: {error.strerror or error}") from None
    return Context(dataset, today), before, Document.read(before, path)


def _index_in_file(doc: Document, agency: str) -> int:
    items = doc.value(("agencies",))
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("id") == agency:
            return index
    raise EditError(f"`{agency}` is not in {doc.path}")


def _open_work(dataset: Dataset, agency: str) -> list[str]:
    """The recommendations and actions the agency owns that still need work."""
    found = []
    for located in dataset.recommendations:
        rec = located.record
        if agency in rec.owners and rec.status not in (*RECOMMENDATION_DONE, None):
            found.append(rec.id)
        found += [a.id for a in rec.actions if agency in a.owners and a.status not in ACTION_DONE]
    return found

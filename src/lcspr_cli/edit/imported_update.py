"""`lcspr import --update`: the cells that changed since a recommendation's file was
written become the everyday edits (`operations`), each changing only its own lines, so
every comment and every hand edit of the file stays. Each edit the rules refuse is a
problem at the cell it came from; the file is checked as `lcspr check` would check it.

Actions are matched by their text, or by their id when the sheet has an ID column; an
action in the sheet that matches none is added. An action in the file that the sheet
does not have is left as it is.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..load.dataset import Dataset
from ..problems import Problem
from ..records.located import Located
from ..records.models import Action, Recommendation
from ..records.validate import validate_record
from ..sheets.build import title_of
from ..sheets.columns import cell_name
from ..sheets.model import OWNER_STAND_IN, STAND_IN_REASON, Imported, Origin
from ..yamlfile.positions import DataPath
from . import operations
from .document import Document, EditError
from .plan import Change, Context, EditRefused, Operation, Target, planned


class _Update:
    def __init__(
        self, dataset: Dataset, today: date, found: Imported, located: Located[Recommendation]
    ) -> None:
        self.found = found
        self.located = located
        self.before = located.file.read_bytes()
        self.document = Document.read(self.before, located.file)
        self.context = Context(dataset, today)
        self.today = today
        self.summaries: list[str] = []
        self.problems: list[tuple[Origin, str]] = []

    def apply(self, operation: Operation, index: int | None, at: DataPath) -> None:
        """Apply an operation to the recommendation (index None) or one of its actions;
        a refusal is kept, at the cell the change came from."""
        target = Target(self._located(), index)
        try:
            self.document, summary = operation(self.document, target, self.context)
        except EditError as error:
            self.problems.append((self._origin(at), str(error)))
            return
        self.summaries.append(summary)

    def _located(self) -> Located[Recommendation]:
        """The record as the document now holds it (actions added since read included)."""
        parsed = self.document.parsed
        located, _ = validate_record(Recommendation, parsed.data, parsed.source)
        return located or self.located

    def _origin(self, at: DataPath) -> Origin:
        while at and at not in self.found.origins:
            at = at[:-1]
        return self.found.origins.get(at) or (self.found.sheet, self.found.rows[0], 1)


def plan_update(
    dataset: Dataset,
    today: date,
    found: Imported,
    located: Located[Recommendation],
    problems: list[Problem],
    source: Path,
) -> Change:
    """The change that brings the file of `located` up to the sheet's cells."""
    update = _Update(dataset, today, found, located)
    _recommendation(update)
    existing = list(located.record.actions)
    for index, action in enumerate(found.data.get("actions", [])):
        at = ("actions", index)
        matched = _match(found, index, action, existing)
        if matched is None:
            _new_action(update, action, at)
        else:
            _action(update, matched, action, at)
    for (sheet, row, column), message in update.problems:
        name = cell_name(sheet, row, column)
        said = f"{name}: {found.id} not updated: {message}"
        problems.append(Problem.of("invalid-value", said, source, row, column))
    summary = f"{found.id}: " + ("; ".join(s.split(": ", 1)[-1] for s in update.summaries))
    try:
        return planned(update.context, update.before, update.document, summary, found.id)
    except EditRefused as refused:
        sheet, row, column = update._origin(())
        name = cell_name(sheet, row, column)
        for p in refused.problems:
            said = f"{name}: {found.id} would have this problem: {p.message}"
            problems.append(Problem.of(p.code, said, source, row, column, p.hint))
        return Change(located.file, update.before, update.before, f"{found.id}: refused")


def _match(
    found: Imported, index: int, action: dict[str, Any], existing: list[Action]
) -> tuple[int, Action] | None:
    words = " ".join(str(action["action"]).split()).lower()
    for number, old in enumerate(existing):
        if " ".join(old.action.split()).lower() == words:
            return number, old
    if ("actions", index, "id") in found.origins:
        for number, old in enumerate(existing):
            if old.id == action["id"]:
                return number, old
    return None


def _recommendation(update: _Update) -> None:
    data, rec = update.found.data, update.located.record
    if ("status",) in update.found.origins and data.get("status") != rec.status:
        assurance = data.get("assurance") or {}
        on = data.get("closed_on") or assurance.get("date")
        operation = operations.set_status(data["status"], on, None, assurance.get("by"))
        update.apply(operation, None, ("status",))
    owners = _owners(data.get("owner"))
    if ("owner",) in update.found.origins and owners and rec.owners != owners:
        update.apply(operations.set_owner(owners), None, ("owner",))
        if ("owner",) not in update.found.stand_ins:  # the sheet names the owner now
            line = update.document.line_of(("owner",))
            update.document = update.document.without_comment(line, f"# {OWNER_STAND_IN}")
    for key, after in (("text", ["title"]), ("title", ["number"])):
        if (key,) in update.found.origins and data.get(key) and data[key] != getattr(rec, key):
            update.apply(_set(key, data[key], after), None, (key,))
    made = title_of(rec.text)  # a title the import made from the text follows the text
    if ("title",) not in update.found.origins and rec.title == made != data.get("title"):
        update.apply(_set("title", data["title"], ["number"]), None, ("text",))
    due = data.get("due")
    if (
        ("due",) in update.found.origins
        and ("due",) not in update.found.stand_ins
        and due is not None
        and due != rec.effective_due
    ):
        operation = operations.revise_due(due, STAND_IN_REASON, update.today, None)
        update.apply(operation, None, ("due",))
    _updates(update, None, data, [u.note for u in rec.updates], ())


def _owners(value: Any) -> tuple[str, ...]:
    """The owners a record's `owner` holds: one id, or a list of joint owners."""
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, list | tuple) else ()


def _action(
    update: _Update, matched: tuple[int, Action], action: dict[str, Any], at: DataPath
) -> None:
    index, old = matched
    new_day = (
        action["status"] == "complete"
        and (*at, "completed_on") not in update.found.stand_ins
        and action.get("completed_on") != old.completed_on
    )
    if action["status"] != old.status or new_day:
        on = action.get("completed_on")
        if (*at, "completed_on") in update.found.stand_ins:
            on = old.completed_on or on
        operation = operations.set_status(action["status"], on, action.get("dropped_reason"), None)
        update.apply(operation, index, (*at, "status"))
    owners = _owners(action.get("owner"))
    if owners and old.owners != owners:
        update.apply(operations.set_owner(owners), index, (*at, "owner"))
    for key in ("action", "lead_role"):
        if action.get(key) and action[key] != getattr(old, key):
            update.apply(_set(key, action[key], ["action", "owner"]), index, at)
    current = action.get("revised_due") or action.get("due")
    if current is not None and current != old.effective_due:
        reason = action.get("revised_reason") or STAND_IN_REASON
        operation = operations.revise_due(current, reason, update.today, None)
        update.apply(operation, index, (*at, "revised_due" if "revised_due" in action else "due"))
    _updates(update, index, action, [u.note for u in old.updates], at)
    titles = {e.title for e in old.evidence}
    for item in action.get("evidence", []):
        if item["title"] not in titles:
            operation = operations.add_evidence(
                item["title"], item["date"], None, item.get("url"), item.get("held_by")
            )
            update.apply(operation, index, at)


def _updates(
    update: _Update, index: int | None, data: dict[str, Any], notes: list[str], at: DataPath
) -> None:
    known = {" ".join(note.split()) for note in notes}
    for item in data.get("updates", []):
        if " ".join(item["note"].split()) not in known:
            update.apply(operations.add_update(item["note"], item["date"]), index, at)


def _set(key: str, value: Any, after: list[str]) -> Operation:
    def operation(doc: Document, target: Target, _: Context) -> tuple[Document, str]:
        doc = doc.set_value((*target.path, key), value, after=after)
        return doc, f"{target.ident}: {key} changed"

    return operation


def _new_action(update: _Update, action: dict[str, Any], at: DataPath) -> None:
    """An action the file lacks: added at the end of its actions, with the next free id."""
    record = update._located().record
    taken = {a.id for a in record.actions}
    ident = str(action["id"])
    if ident in taken:
        numbers = [int(a.id.rsplit(".", 1)[1]) for a in record.actions]
        ident = f"{record.id}.{max(numbers, default=0) + 1}"
    scalars = [
        (key, tuple(value) if isinstance(value, list) else value)
        for key, value in action.items()
        if key not in ("evidence", "updates")
    ]
    fields = [("id", ident), *scalars[1:]]

    def adder(doc: Document, _target: Target, _context: Context) -> tuple[Document, str]:
        return doc.append_item(("actions",), fields), f"{ident}: new action added"

    update.apply(adder, None, at)
    index = len(record.actions)
    for item in action.get("evidence", []):
        operation = operations.add_evidence(
            item["title"], item["date"], None, item.get("url"), item.get("held_by")
        )
        update.apply(operation, index, at)
    _updates(update, index, action, [], at)

"""Planning an edit: find the record it is about, let an operation change the document,
and prove the result valid with the same rules as `lcspr check`.

Nothing here writes. The caller shows the diff or writes it (`write.replace_file`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ..load.dataset import Dataset
from ..locate import AGENCIES_FILE, REVIEWS_FILE
from ..pipeline import check_folder
from ..problems import Problem
from ..queries.succession import successors
from ..records.facts import agency_facts, recommendation_facts, review_facts
from ..records.located import Located
from ..records.models import Agency, Recommendation, Review
from ..records.validate import validate_list, validate_record
from ..rules import run_checks
from ..wording import did_you_mean
from ..yamlfile.positions import DataPath
from .document import Document, EditError
from .guard import personal_data_added


class Note(Struct, frozen=True):
    """Something the user should look at after an edit, at a line of the file: a comment
    that may no longer hold, say. Not a problem: `lcspr check` has nothing to say of it."""

    file: Path
    line: int
    column: int
    message: str


class Change(Struct, frozen=True):
    """A planned change to one file: its bytes before (None for a new file) and after."""

    file: Path
    before: bytes | None
    after: bytes
    summary: str
    warnings: tuple[Problem, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


class Target(Struct, frozen=True):
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
    def owners(self) -> tuple[str, ...]:
        rec = self.located.record
        return rec.owners if self.index is None else rec.actions[self.index].owners


class Context(Struct, frozen=True):
    """What an operation may consult (the loaded data, and today's date), and where it
    leaves warnings and notes on the document it returns."""

    dataset: Dataset
    today: date
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


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
    return planned(context, before, document, summary, target.ident)


def planned(
    context: Context, before: bytes | None, document: Document, summary: str, name: str
) -> Change:
    """The change to `document`'s file (about `name`), once checked: with the warnings of
    the check and of the operation, and the operation's notes."""
    after = document.encode()
    if after == before:
        return Change(document.path, before, after, f"{name}: nothing to change")
    dataset = context.dataset
    warnings = check_document(dataset, document, context.today, before)
    return Change(
        document.path,
        before,
        after,
        summary,
        (*warnings, *context.warnings),
        tuple(context.notes),
    )


def check_document(
    dataset: Dataset, document: Document, today: date, before: bytes | None = None
) -> tuple[Problem, ...]:
    """Refuse a document that `lcspr check` would fault, checked with the rest of the folder
    (in place of the file it replaces, if any), or that adds personal data to it (`before`
    is what it replaces: None for a new file); return its warnings."""
    privacy = personal_data_added(dataset.root, before, document)
    problems = _checked_with_the_folder(dataset, document, today)
    mine = [p for p in problems if p.file == document.path]
    errors = (*privacy, *(p for p in mine if p.is_error))
    if errors:
        raise EditRefused(document.path.name, errors)
    return tuple(p for p in mine if not p.is_error)


def _checked_with_the_folder(dataset: Dataset, document: Document, today: date) -> list[Problem]:
    """The problems `lcspr check` would find with `document` in the folder: its own, or,
    when it is valid, those of every check across records."""
    parsed, facts, root = document.parsed, dataset.facts, dataset.root
    registers: dict[Path, tuple[str, Any, Callable[[Any], Any]]] = {
        root / AGENCIES_FILE: ("agencies", Agency, agency_facts),
        root / REVIEWS_FILE: ("reviews", Review, review_facts),
    }
    if document.path in registers:
        key, model, facts_of = registers[document.path]
        records, problems, _ = validate_list(parsed, key, model)
        if problems:
            return problems
        edited: Any = tuple(Located(facts_of(r.record), r.source, r.path) for r in records)
        new_facts = replace(facts, **{key: edited})
    else:
        located, problems = validate_record(Recommendation, parsed.data, parsed.source)
        if located is None:
            return problems
        others = tuple(r for r in facts.recommendations if r.file != document.path)
        mine = Located(recommendation_facts(located.record), located.source, located.path)
        new_facts = replace(facts, recommendations=(*others, mine))
    return run_checks(replace(dataset, facts=new_facts), today)


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

"""Planning an edit: find the record it is about, let an operation change the document,
and prove the result valid with the same rules as `lcspr check`.

Nothing here writes. The caller shows the diff or writes it (`write.replace_file`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..load.dataset import Dataset
from ..pipeline import check_folder
from ..problems import Problem
from ..queries.succession import successors
from ..records.facts import recommendation_facts
from ..records.located import Located
from ..records.models import Recommendation
from ..records.validate import validate_record
from ..rules import run_checks
from ..wording import did_you_mean
from ..yamlfile.positions import DataPath
from .document import Document, EditError


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
    def owners(self) -> tuple[str, ...]:
        rec = self.located.record
        return rec.owners if self.index is None else rec.actions[self.index].owners


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
    warnings = check_document(dataset, document, today)
    return Change(target.located.file, before, after, summary, warnings)


def check_document(dataset: Dataset, document: Document, today: date) -> tuple[Problem, ...]:
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

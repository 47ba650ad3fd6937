"""Ids: each unique, each built from its parent's, each file named after its
recommendation; and, for `lcspr check --since`, an id a change adds that the base already
has elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..load.dataset import Dataset
from ..problems import Problem, relative_name
from ..records.ids import every_id
from .common import duplicates


def check_ids(data: Dataset, as_of: date) -> Iterator[Problem]:
    """Every recommendation and action id is unique, and each is built from its parent's."""
    recommendations = data.facts.recommendations

    ids = [located.record.id for located in recommendations]
    ids += [action.id for located in recommendations for action in located.record.actions]
    if len(set(ids)) < len(ids):  # only then is it worth finding where
        yield from duplicates(data.root, every_id(recommendations), "id")
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

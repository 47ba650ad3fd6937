"""What the checks across records share: the shape of a check, and how a reference or a
repeated id is reported."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..load.dataset import Dataset
from ..problems import Problem, relative_name
from ..records.located import Located
from ..wording import did_you_mean
from ..yamlfile.positions import Key

Check = Callable[[Dataset, date], Iterator[Problem]]
"""A check: the loaded folder and the as-of date in, its problems out."""


def reportable(data: Dataset, register: str, ref: str) -> bool:
    """Whether an unknown reference is worth reporting (its register was read, and no
    invalid record there carries the id)."""
    return register not in data.unread and ref not in data.unvalidated_ids


def reference(
    data: Dataset, located: Located[Any], agency: str, at: tuple[Key, ...]
) -> Iterator[Problem]:
    known = data.agency_ids
    if agency not in known and reportable(data, "agencies", agency):
        yield located.problem(
            "unknown-agency",
            f"agency `{agency}` is not in agencies.yaml",
            *at,
            hint=did_you_mean(agency, known) or "add it to agencies.yaml, or correct the id",
        )


def duplicates(
    root: Path,
    entries: Iterable[tuple[Located[Any], str, tuple[Key, ...]]],
    what: str,
) -> Iterator[Problem]:
    first: dict[str, tuple[Located[Any], tuple[Key, ...]]] = {}
    for located, ident, at in entries:
        if ident not in first:
            first[ident] = (located, at)
            continue
        earlier, earlier_at = first[ident]
        where = relative_name(earlier.file, root)
        yield located.problem(
            "duplicate-id",
            f"{what} `{ident}` is used twice; it is also at {where} line "
            f"{earlier.line(*earlier_at, 'id')}",
            *at,
            "id",
            hint="every id must be unique: give one of them the next free id",
        )

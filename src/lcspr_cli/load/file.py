"""Load one file of a data folder on its own: parse it, look in it for personal data, and
validate its records, giving its problems and the facts of its valid records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct

from ..problems import Problem
from ..records.facts import agency_facts, recommendation_facts, review_facts
from ..records.located import Located
from ..yamlfile.positions import SourceMap
from ..yamlfile.read import read_yaml

Kind = Literal["agencies", "reviews", "recommendation"]
"""What a file holds: a register (`agencies:` or `reviews:` then a list) or a
recommendation."""
_FACTS: dict[str, Callable[[Any], Any]] = {
    "agencies": agency_facts,
    "reviews": review_facts,
    "recommendation": recommendation_facts,
}


def _no_records() -> tuple[Located[Any], ...]:
    return ()


class FileResult(Struct, frozen=True):
    """What one file holds, checked on its own: its problems, and the facts (see `facts`)
    and records of its valid records."""

    problems: tuple[Problem, ...] = ()
    facts: tuple[Located[Any], ...] = ()
    """The facts of its valid records; none when the file has YAML problems."""
    unvalidated: frozenset[str] = frozenset()
    """The ids of its register records that failed validation."""
    readable: bool = True
    """Whether its data could be read at all."""
    records: Callable[[], tuple[Located[Any], ...]] = _no_records
    """Its valid records, made ready (read again, or decoded) only when asked for:
    `lcspr check` never asks."""


def load_file(path: Path, kind: Kind, private_terms: Sequence[str]) -> FileResult:
    """What the file at `path`, holding `kind` of records, holds, checked on its own."""
    # Imported here: a run whose files all come from the cache needs none of them.
    from ..records.models import Agency, Recommendation, Review
    from ..records.validate import validate_list, validate_record
    from .privacy import check_privacy

    parsed = read_yaml(path)
    if parsed.data is None:
        return FileResult(parsed.problems, readable=False)
    problems = [*parsed.problems]
    # Personal data is reported, but does not stop the records being reported.
    problems.extend(check_privacy(parsed.data, parsed.source, parsed.text, private_terms))
    # What is kept of the file's positions: its values' (as the cache keeps). Its keys' and
    # ends', which only reading and editing a file use, took 90 MB of a report on 10,000
    # files read without the cache.
    kept = SourceMap(path, parsed.source.values)
    if kind == "recommendation":
        located, invalid = validate_record(Recommendation, parsed.data, parsed.source)
        valid = () if located is None or parsed.problems else (located,)
        return _result((*problems, *invalid), kind, valid, kept)
    records, invalid, ids = validate_list(parsed, kind, Agency if kind == "agencies" else Review)
    return _result((*problems, *invalid), kind, records, kept, frozenset(ids))


def _result(
    problems: tuple[Problem, ...],
    kind: Kind,
    validated: tuple[Located[Any], ...],
    source: SourceMap,
    unvalidated: frozenset[str] = frozenset(),
) -> FileResult:
    facts_of = _FACTS[kind]
    records = tuple(Located(r.record, source, r.path) for r in validated)
    facts = tuple(Located(facts_of(r.record), source, r.path) for r in records)
    return FileResult(problems, facts, unvalidated, records=lambda: records)

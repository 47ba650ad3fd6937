"""Load a data folder: find its files, read each one, and validate its records.

A broken file never stops the others from being read. The result is the valid records
plus every problem found on the way; cross-record checks come after, in `rules.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .models import Agency, Evidence, Recommendation, Review
from .privacy import PRIVATE_TERMS_FILE, read_private_terms
from .problems import Problem
from .reading import is_inside, read_files
from .validate import Located, R, did_you_mean, validate_record
from .yamlsource import ParsedFile, describe

AGENCIES_FILE = "agencies.yaml"
REVIEWS_FILE = "reviews.yaml"
RECOMMENDATIONS_FOLDER = "recommendations"


@dataclass(frozen=True)
class Dataset:
    """The valid records of a data folder, each knowing the file and line it came from."""

    root: Path
    agencies: tuple[Located[Agency], ...]
    reviews: tuple[Located[Review], ...]
    recommendations: tuple[Located[Recommendation], ...]
    files: tuple[Path, ...]
    """Every file read, valid or not."""
    unvalidated_ids: frozenset[str]
    """Ids named by records that failed validation: references to them are not reported as
    unknown, since the record exists and its own problem is reported already."""
    unread: frozenset[str]
    """Which registers ("agencies", "reviews") could not be read at all."""
    evidence_present: frozenset[str]
    """The evidence `path`s that name a file existing under the data folder."""

    @cached_property
    def agency_ids(self) -> tuple[str, ...]:
        """The ids of the valid agencies, in file order."""
        return tuple(a.record.id for a in self.agencies)


def load(root: Path, *, use_cache: bool = False) -> tuple[Dataset, list[Problem]]:
    """Read and validate every file of the data folder at `root`, and look in every free
    text for personal data (see `privacy`). With `use_cache`, the readings of unchanged
    files come from the folder's cache (see `cache`)."""
    problems: list[Problem] = []
    registers = [(root / AGENCIES_FILE, "agencies"), (root / REVIEWS_FILE, "reviews")]
    unread = {key for path, key in registers if not path.is_file()}
    for path, key in registers:
        if key in unread:
            problems.append(
                Problem.of(
                    "missing-file",
                    f"the data folder has no {path.name}",
                    path,
                    hint=f"create {path.name}; docs/file-format.md shows what it holds",
                )
            )
    present = [path for path, key in registers if key not in unread]
    found = list(_recommendation_files(root / RECOMMENDATIONS_FOLDER, problems))
    readings = read_files(root, [*present, *found], _private_terms(root), use_cache=use_cache)
    by_path = dict(zip([*present, *found], readings, strict=True))
    for reading in readings:
        problems.extend(reading.parsed.problems)
        problems.extend(reading.privacy)
    unvalidated: set[str] = set()

    def register(file_name: str, key: str, model: type[R]) -> tuple[Located[R], ...]:
        reading = by_path.get(root / file_name)
        if reading is None:
            return ()
        if reading.parsed.data is None:
            unread.add(key)
            return ()
        records, invalid, ids = _validate_list(reading.parsed, key, model)
        problems.extend(invalid)
        unvalidated.update(ids)
        return records

    agencies = register(AGENCIES_FILE, "agencies", Agency)
    reviews = register(REVIEWS_FILE, "reviews", Review)
    recommendations: list[Located[Recommendation]] = []
    for path in found:
        parsed = by_path[path].parsed
        if parsed.data is None:
            continue
        located, invalid = validate_record(Recommendation, parsed.data, parsed.source)
        problems.extend(invalid)
        if located is not None and not parsed.problems:
            recommendations.append(located)
    dataset = Dataset(
        root=root,
        agencies=agencies,
        reviews=reviews,
        recommendations=tuple(recommendations),
        files=(*(path for path, _ in registers), *found),
        unvalidated_ids=frozenset(unvalidated),
        unread=frozenset(unread),
        evidence_present=_evidence_present(root, recommendations),
    )
    return dataset, problems


def _private_terms(root: Path) -> list[str]:
    path = root / PRIVATE_TERMS_FILE
    try:
        return read_private_terms(path.read_text(encoding="utf-8")) if path.is_file() else []
    except (OSError, UnicodeDecodeError):
        return []


def _evidence_present(root: Path, recommendations: list[Located[Recommendation]]) -> frozenset[str]:
    paths = {
        evidence.path
        for located in recommendations
        for evidence in _all_evidence(located.record)
        if evidence.path is not None
    }
    inside = root.resolve()
    return frozenset(
        path for path in paths if (root / path).is_file() and is_inside(root / path, inside)
    )


def _all_evidence(rec: Recommendation) -> Iterator[Evidence]:
    if rec.assurance is not None:
        yield from rec.assurance.evidence
    for action in rec.actions:
        yield from action.evidence


def _validate_list(
    parsed: ParsedFile, key: str, model: type[R]
) -> tuple[tuple[Located[R], ...], list[Problem], set[str]]:
    """Validate a register file (`key:` then a list of records), one record at a time."""
    assert parsed.data is not None
    source = parsed.source
    problems: list[Problem] = []
    for extra in parsed.data.keys() - {key}:
        line, column = source.position((extra,), key=True)
        problems.append(
            Problem.of(
                "unknown-field",
                f"`{extra}` is not a field of {source.file.name}",
                source.file,
                line,
                column,
                hint=did_you_mean(extra, [key]) or f"the file holds one list, `{key}:`",
            )
        )
    items = parsed.data.get(key)
    if not isinstance(items, list):
        line, column = source.position((key,) if key in parsed.data else ())
        code, message = (
            ("missing-field", f"{source.file.name} needs a `{key}:` list")
            if items is None
            else ("wrong-type", f"`{key}` should be a list, but it is {describe(items)}")
        )
        problems.append(
            Problem.of(
                code,
                message,
                source.file,
                line,
                column,
                hint=f"start the file with `{key}:` and put one `- id: ...` record per item "
                "under it",
            )
        )
        return (), problems, set()
    records: list[Located[R]] = []
    unvalidated: set[str] = set()
    for index, item in enumerate(items):
        located, found = validate_record(model, item, source, (key, index))
        problems.extend(found)
        if located is not None and not parsed.problems:
            records.append(located)
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            unvalidated.add(item["id"])
    return tuple(records), problems, unvalidated


def _recommendation_files(folder: Path, problems: list[Problem]) -> Iterator[Path]:
    """The .yaml files under `folder`, sorted; other YAML-looking files are reported."""
    if not folder.is_dir():
        return
    found: list[Path] = []
    for directory, subfolders, names in os.walk(folder):  # never follows links to folders
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        here = Path(directory)
        found.extend(here / name for name in subfolders if name.endswith(".yaml"))
        for name in names:
            if name.startswith("."):
                continue
            if name.endswith(".yaml"):
                found.append(here / name)
            elif name.endswith(".yml"):
                problems.append(
                    Problem.of(
                        "ignored-file",
                        "this file is not read: recommendation files end in .yaml",
                        here / name,
                        hint=f"rename it to {name[:-4]}.yaml",
                    )
                )
    yield from sorted(found)

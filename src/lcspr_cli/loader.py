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
from typing import Any

from .models import Agency, Evidence, Recommendation, Review
from .privacy import PRIVATE_TERMS_FILE, read_private_terms
from .problems import Problem
from .reading import Kind, is_inside, read_files
from .validate import Located

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
    text for personal data (see `privacy`). With `use_cache`, unchanged files are not
    read again (see `cache`)."""
    problems: list[Problem] = []
    registers: list[tuple[Path, Kind]] = [
        (root / AGENCIES_FILE, "agencies"),
        (root / REVIEWS_FILE, "reviews"),
    ]
    unread = {kind for path, kind in registers if not path.is_file()}
    for path, kind in registers:
        if kind in unread:
            problems.append(
                Problem.of(
                    "missing-file",
                    f"the data folder has no {path.name}",
                    path,
                    hint=f"create {path.name}; docs/file-format.md shows what it holds",
                )
            )
    found = list(_recommendation_files(root / RECOMMENDATIONS_FOLDER, problems))
    files = [file for file in registers if file[1] not in unread]
    files += [(path, "recommendation") for path in found]
    results = read_files(root, files, _private_terms(root), use_cache=use_cache)
    by_kind: dict[str, list[Located[Any]]] = {"agencies": [], "reviews": [], "recommendation": []}
    unvalidated: set[str] = set()
    for (_, kind), result in zip(files, results, strict=True):
        problems.extend(result.problems)
        by_kind[kind].extend(result.records)
        unvalidated.update(result.unvalidated)
        if not result.readable and kind != "recommendation":
            unread.add(kind)
    recommendations = by_kind["recommendation"]
    dataset = Dataset(
        root=root,
        agencies=tuple(by_kind["agencies"]),
        reviews=tuple(by_kind["reviews"]),
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

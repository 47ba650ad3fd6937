"""Load a data folder: find its files, read each one, and validate its records.

A broken file never stops the others from being read. The result is the valid records
(their facts at once, the records themselves when first asked for) plus every problem
found on the way; cross-record checks come after, in `rules.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .facts import AgencyFacts, RecommendationFacts, ReviewFacts
from .located import Located
from .privacy import PRIVATE_TERMS_FILE, read_private_terms
from .problems import Problem
from .reading import FileResult, Kind, is_inside, read_files

if TYPE_CHECKING:
    from .models import Agency, Evidence, Recommendation, Review

AGENCIES_FILE = "agencies.yaml"
REVIEWS_FILE = "reviews.yaml"
RECOMMENDATIONS_FOLDER = "recommendations"


@dataclass(frozen=True)
class Facts:
    """The facts of the valid records (see `facts`): what the checks across records use."""

    agencies: tuple[Located[AgencyFacts], ...]
    reviews: tuple[Located[ReviewFacts], ...]
    recommendations: tuple[Located[RecommendationFacts], ...]


@dataclass(frozen=True)
class Dataset:
    """The valid records of a data folder, each knowing the file and line it came from.

    The checks need only the records' facts; the records themselves are made ready when
    first asked for, so a command that only checks never builds (or unpickles) them.
    """

    root: Path
    facts: Facts
    files: tuple[Path, ...]
    """Every file read, valid or not."""
    unvalidated_ids: frozenset[str]
    """Ids named by records that failed validation: references to them are not reported as
    unknown, since the record exists and its own problem is reported already."""
    unread: frozenset[str]
    """Which registers ("agencies", "reviews") could not be read at all."""
    results: tuple[tuple[Kind, FileResult], ...] = field(repr=False, compare=False)
    """Each file's result, which holds its records."""

    @cached_property
    def agencies(self) -> tuple[Located[Agency], ...]:
        return self._records("agencies")

    @cached_property
    def reviews(self) -> tuple[Located[Review], ...]:
        return self._records("reviews")

    @cached_property
    def recommendations(self) -> tuple[Located[Recommendation], ...]:
        return self._records("recommendation")

    def _records(self, kind: Kind) -> tuple[Located[Any], ...]:
        return tuple(r for k, result in self.results if k == kind for r in result.records())

    @cached_property
    def agency_ids(self) -> tuple[str, ...]:
        """The ids of the valid agencies, in file order."""
        return tuple(a.record.id for a in self.facts.agencies)

    @cached_property
    def evidence_present(self) -> frozenset[str]:
        """The evidence `path`s that name a file existing under the data folder."""
        paths = {
            evidence.path
            for located in self.recommendations
            for evidence in _all_evidence(located.record)
            if evidence.path is not None
        }
        root = self.root
        inside = root.resolve()
        return frozenset(
            path for path in paths if (root / path).is_file() and is_inside(root / path, inside)
        )


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
        by_kind[kind].extend(result.facts)
        unvalidated.update(result.unvalidated)
        if not result.readable and kind != "recommendation":
            unread.add(kind)
    facts = Facts(
        tuple(by_kind["agencies"]), tuple(by_kind["reviews"]), tuple(by_kind["recommendation"])
    )
    dataset = Dataset(
        root=root,
        facts=facts,
        files=(*(path for path, _ in registers), *found),
        unvalidated_ids=frozenset(unvalidated),
        unread=frozenset(unread),
        results=tuple((kind, result) for (_, kind), result in zip(files, results, strict=True)),
    )
    return dataset, problems


def _private_terms(root: Path) -> list[str]:
    path = root / PRIVATE_TERMS_FILE
    try:
        return read_private_terms(path.read_text(encoding="utf-8")) if path.is_file() else []
    except (OSError, UnicodeDecodeError):
        return []


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
    yield from sorted(found, key=lambda path: path.parts)  # as sorted(found), faster

"""Load a data folder: list its files, load each one, and gather their records.

A broken file never stops the others from being read. The result is the valid records
(their facts at once, the records themselves when first asked for) plus every problem
found on the way; cross-record checks come after, in `rules`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from ..locate import (
    AGENCIES_FILE,
    PRIVATE_TERMS_FILE,
    RECOMMENDATIONS_FOLDER,
    REVIEWS_FILE,
    recommendation_files,
)
from ..problems import Problem
from ..records.facts import AgencyFacts, RecommendationFacts, ReviewFacts
from ..records.located import Located
from .file import FileResult, Kind
from .files import is_inside, load_files

if TYPE_CHECKING:
    from ..records.models import Agency, Evidence, Recommendation, Review


class Facts(Struct, frozen=True):
    """The facts of the valid records (see `facts`): what the checks across records use."""

    agencies: tuple[Located[AgencyFacts], ...]
    reviews: tuple[Located[ReviewFacts], ...]
    recommendations: tuple[Located[RecommendationFacts], ...]


class Dataset(Struct, frozen=True, dict=True):  # dict: for its cached properties
    """The valid records of a data folder, each knowing the file and line it came from.

    The checks need only the records' facts; the records themselves are made ready when
    first asked for, so a command that only checks never builds (or decodes) them.
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
    results: tuple[tuple[Kind, FileResult], ...]
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

    @property
    def recommendation_files(self) -> int:
        """How many recommendation files were read, valid or not."""
        return sum(kind == "recommendation" for kind, _ in self.results)

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


def load_folder(
    root: Path, *, use_cache: bool = False, records: bool = True
) -> tuple[Dataset, list[Problem]]:
    """Read and validate every file of the data folder at `root`, and look in every free
    text for personal data (see `privacy`). With `use_cache`, unchanged files are not
    read again (see `cache`). Without `records`, the records are not kept ready (a check
    needs only the facts): asking for them reads them again."""
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
    found, ignored = recommendation_files(root / RECOMMENDATIONS_FOLDER)
    problems.extend(ignored)
    files = [file for file in registers if file[1] not in unread]
    files += [(path, "recommendation") for path in found]
    results = load_files(root, files, _private_terms(root), use_cache=use_cache, records=records)
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
    if not path.is_file():
        return []
    from .privacy import read_private_terms  # its patterns are compiled on import

    try:
        return read_private_terms(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return []


def _all_evidence(rec: Recommendation) -> Iterator[Evidence]:
    if rec.assurance is not None:
        yield from rec.assurance.evidence
    for action in rec.actions:
        yield from action.evidence

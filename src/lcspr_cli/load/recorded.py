"""The data folder as git recorded it at the end of a day: extracted from the commit to a
temporary folder (as for `lcspr check --since`), its files then named as the data folder
names them; or, for the counts of `lcspr trend`, its valid records in several commits,
read straight from git."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from ..records.located import Located
from .dataset import Dataset, Facts
from .git import Commit, Repository, find_repository, read_objects, recorded_commit, run_git
from .history import kind_of, located_records
from .revision import data_at_revision


@contextmanager
def recorded_folder(root: Path, day: date) -> Iterator[tuple[Commit, Path]]:
    """The commit holding the data folder at `root` as it was at the end of `day`, and the
    folder as it was then, extracted. Raises `GitFailed` (`NotInGit`, `NotRecorded`)."""
    commit = recorded_commit(find_repository(root), day)
    with data_at_revision(root, commit.sha) as folder:
        yield commit, folder


def mover(folder: Path, root: Path) -> Callable[[Path], Path]:
    """What names a file extracted to `folder` as the data folder at `root` names it."""

    def move(path: Path) -> Path:
        return root / path.relative_to(folder) if path.is_relative_to(folder) else path

    return move


def moved_dataset(dataset: Dataset, move: Callable[[Path], Path], root: Path) -> Dataset:
    """`dataset` with its files named by `move`: its facts and file list (its records are
    read already)."""
    facts = dataset.facts

    def located(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(replace(i, source=replace(i.source, file=move(i.file))) for i in items)

    return replace(
        dataset,
        root=root,
        facts=Facts(
            located(facts.agencies), located(facts.reviews), located(facts.recommendations)
        ),
        files=tuple(map(move, dataset.files)),
    )


class RecordedRecords(Struct, frozen=True):
    """The valid records of the data folder in one commit (files with errors left out, as
    the reports leave them out), named as the data folder names its files."""

    agencies: tuple[Any, ...]
    reviews: tuple[Any, ...]
    recommendations: tuple[Located[Any], ...]
    evidence_present: frozenset[str]
    """The evidence `path`s that name a file the commit holds in the data folder."""


def records_at(root: Path, commits: Sequence[Commit]) -> dict[str, RecordedRecords]:
    """The records of the data folder at `root` in each of `commits`, by commit id: each
    commit's files listed (`git ls-tree`), then every stored file read at once and read
    and validated once, however many of the commits share it."""
    repository = find_repository(root)
    trees = {c.sha: _tree(repository, c.sha) for c in commits}
    blobs = sorted(
        {blob for tree in trees.values() for path, blob in tree.items() if kind_of(path)}
    )
    contents = dict(zip(blobs, read_objects(repository, blobs), strict=True))
    read: dict[tuple[str, str], tuple[Any, ...]] = {}
    found = {}
    for sha, tree in trees.items():
        by_kind: dict[str, list[Any]] = {"agencies": [], "reviews": [], "recommendation": []}
        for path, blob in tree.items():
            kind = kind_of(path)
            if kind is None:
                continue
            if (blob, path) not in read:
                records = located_records(contents[blob], root / path, kind)
                read[blob, path] = records or ()
            by_kind[kind].extend(read[blob, path])
        found[sha] = RecordedRecords(
            tuple(r.record for r in by_kind["agencies"]),
            tuple(r.record for r in by_kind["reviews"]),
            tuple(by_kind["recommendation"]),
            _present(by_kind["recommendation"], tree),
        )
    return found


def _present(recommendations: list[Located[Any]], tree: dict[str, str]) -> frozenset[str]:
    """The evidence `path`s that name a file in the commit's data folder."""
    paths = {
        evidence.path
        for located in recommendations
        for holder in (located.record, located.record.assurance, *located.record.actions)
        if holder is not None
        for evidence in holder.evidence
        if evidence.path is not None
    }
    return frozenset(path for path in paths if posixpath.normpath(path) in tree)


def _tree(repository: Repository, sha: str) -> dict[str, str]:
    """The files of the data folder in a commit: each path from the data folder, and its
    blob id."""
    out = run_git(repository.top, "ls-tree", "-r", "-z", sha, "--", repository.prefix or ".")
    files = {}
    for entry in out.decode("utf-8", errors="surrogateescape").split("\0"):
        meta, _, path = entry.partition("\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == "blob" and path.startswith(repository.prefix):
            files[path[len(repository.prefix) :]] = fields[2]
    return files

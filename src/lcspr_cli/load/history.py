"""The data folder's history from git: each commit that changed its files, with each
changed file's records before and after, and the changes not yet committed.

One `git log` pass lists the commits and the stored files each one changed (renames
found by git); one `git cat-file --batch` reads every one of those files; each is read
and validated as `lcspr check` reads a file, once however many commits share it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from ..locate import AGENCIES_FILE, RECOMMENDATIONS_FOLDER, REVIEWS_FILE
from ..yamlfile.read import MAX_FILE_BYTES
from .file import Kind
from .files import is_inside
from .git import (
    COMMIT_FORMAT,
    RECORD,
    SLACK,
    Commit,
    Repository,
    commits,
    git_time,
    parse_commit,
    read_objects,
    run_git,
)
from .revision import GitFailed

ABSENT = "0" * 40
"""The blob id git gives a file that does not exist on one side of a change."""
WORKTREE = "(not committed)"
"""Names the file in the folder, in a change not yet committed."""


class FileVersion(Struct, frozen=True):
    """One version of a data file: its path in the data folder, what it holds, and its
    valid records, or None when it has errors that keep them from being read."""

    path: str
    kind: Kind
    records: tuple[Any, ...] | None


class FileChange(Struct, frozen=True):
    """A file before (None: it did not exist) and after a commit (None: removed). For a
    merge, `others` holds the file in the merge's other parents."""

    old: FileVersion | None
    new: FileVersion | None
    others: tuple[FileVersion | None, ...] = ()


class Step(Struct, frozen=True):
    """The files one commit changed; without a commit, the changes not yet committed."""

    commit: Commit | None
    files: tuple[FileChange, ...]


class History(Struct, frozen=True):
    steps: tuple[Step, ...]
    visible_since: Commit | None = None
    """In a shallow clone, the earliest commit it holds: its history starts there."""


def kind_of(path: str) -> Kind | None:
    """What a path in the data folder holds, or None for a file lcspr does not read."""
    if path == AGENCIES_FILE:
        return "agencies"
    if path == REVIEWS_FILE:
        return "reviews"
    first, *rest = path.split("/")
    hidden = any(part.startswith(".") for part in rest)
    if first == RECOMMENDATIONS_FOLDER and rest and path.endswith(".yaml") and not hidden:
        return "recommendation"
    return None


def data_paths(repository: Repository) -> list[str]:
    """The pathspecs of the files a data folder's history is about."""
    return [
        f"{repository.prefix}{name}"
        for name in (AGENCIES_FILE, REVIEWS_FILE, RECOMMENDATIONS_FOLDER)
    ]


class _Raw(Struct):
    """A file change as `git log --raw` gives it: blob ids and paths from the data folder."""

    blobs: list[str]
    """The file in each parent, then after the commit (ABSENT when it does not exist)."""
    paths: list[str]
    """Its path in each parent, then after."""


class _Listed(Struct):
    commit: Commit
    changes: list[_Raw] = field(default_factory=list)


def read_history(
    repository: Repository,
    root: Path,
    *,
    since: date | None = None,
    until: date | None = None,
    revision: str = "HEAD",
    wanted: Callable[[str], bool] = lambda path: True,
    uncommitted: bool = False,
) -> History:
    """Every commit of `revision`'s history (all its branches) that changed a data file
    that is `wanted` (by its path in the data folder), made between `since` and `until`
    (the days in the committer's time zone); with `uncommitted`, the changes in the data
    folder at `root` not yet committed come last."""
    listed = _log(repository, since, until, revision, wanted)
    pending = _uncommitted(repository, root, wanted) if uncommitted else []
    names = sorted(
        {b for entry in listed for raw in entry.changes for b in raw.blobs if b != ABSENT}
        | {name for raw in pending for name in raw.blobs[:1] if name != ABSENT}
    )
    contents = dict(zip(names, read_objects(repository, names), strict=True))
    versions = _Versions(root, contents)
    steps = [
        Step(entry.commit, tuple(versions.change(raw) for raw in entry.changes)) for entry in listed
    ]
    if pending:
        steps.append(Step(None, tuple(versions.change(raw, worktree=True) for raw in pending)))
    return History(tuple(s for s in steps if s.files), _visible_since(repository))


def _log(
    repository: Repository,
    since: date | None,
    until: date | None,
    revision: str,
    wanted: Callable[[str], bool],
) -> list[_Listed]:
    """The one `git log` pass: each commit, oldest first, with the data files it changed."""
    arguments = [
        "log", "--no-show-signature", "--reverse", "--date-order", "--root", "-c", "-M",
        "--raw", "-z", "--no-abbrev", "--no-color", "--no-relative", COMMIT_FORMAT,
    ]  # fmt: skip
    if since is not None:
        arguments.append(f"--since={git_time(since, -SLACK)}")
    if until is not None:
        arguments.append(f"--until={git_time(until, timedelta(days=1) + SLACK)}")
    try:
        out = run_git(repository.top, *arguments, revision, "--", *data_paths(repository))
    except GitFailed:
        if not _has_commits(repository, revision):
            return []  # a repository with no commit yet has no history
        raise
    listed = []
    for part in out.decode("utf-8", errors="surrogateescape").split(RECORD):
        if not part.strip("\n\0"):
            continue
        header, _, raw = part.partition("\0")
        entry = _Listed(parse_commit(header.strip("\n")))
        day = entry.commit.day
        if (since and day < since) or (until and day > until):
            continue
        if entry.commit.sha not in repository.shallow:  # its parents are not in the clone
            entry.changes = _raw_changes(raw, repository.prefix, wanted)
        listed.append(entry)
    return listed


def _has_commits(repository: Repository, revision: str) -> bool:
    out = run_git(
        repository.top, "rev-parse", "-q", "--verify", f"{revision}^{{commit}}", ok=(0, 1)
    )
    return bool(out.strip())


def _raw_changes(raw: str, prefix: str, wanted: Callable[[str], bool]) -> list[_Raw]:
    """The data files in one commit's `--raw -z` output (`::` lines for a merge)."""
    tokens = iter(token for token in raw.lstrip("\n").split("\0") if token)
    found = []
    for meta in tokens:
        if not meta.startswith(":"):
            continue
        parents = len(meta) - len(meta.lstrip(":"))
        fields = meta.lstrip(":").split()
        blobs = fields[parents + 1 : 2 * parents + 2]
        status = fields[-1]
        paths = [next(tokens)]
        if parents == 1 and status[:1] in ("R", "C"):
            paths.append(next(tokens))
        else:
            paths *= parents + 1
        inside = [_inside(path, prefix) for path in paths]
        if any(p is not None and kind_of(p) and wanted(p) for p in inside):
            found.append(_Raw(blobs, [p or "" for p in inside]))
    return found


def _inside(path: str, prefix: str) -> str | None:
    return path[len(prefix) :] if path.startswith(prefix) else None


def _uncommitted(repository: Repository, root: Path, wanted: Callable[[str], bool]) -> list[_Raw]:
    """The data files that differ from the last commit, with the last commit's version
    named for `cat-file` and the file itself read from the folder."""
    out = run_git(
        repository.top, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--",
        *data_paths(repository),
    )  # fmt: skip
    tokens = iter(out.decode("utf-8", errors="surrogateescape").split("\0"))
    found = []
    for token in tokens:
        if len(token) < 4:
            continue
        state, path = token[:2], token[3:]
        before = next(tokens) if "R" in state or "C" in state else path
        old, new = _inside(before, repository.prefix), _inside(path, repository.prefix)
        if old is None or new is None or not kind_of(new) or not (wanted(old) or wanted(new)):
            continue
        found.append(_Raw([f"HEAD:{before}", WORKTREE], [old, new]))
    return found


def _visible_since(repository: Repository) -> Commit | None:
    if not repository.shallow:
        return None
    boundary = commits(repository, "--no-walk", *sorted(repository.shallow))
    return min(boundary, key=lambda c: c.committed, default=None)


class _Versions:
    """Each stored file read and validated once, however many changes share it."""

    def __init__(self, root: Path, contents: dict[str, bytes | None]) -> None:
        self.root = root
        self.contents = contents
        self.read: dict[tuple[str, str], FileVersion | None] = {}

    def change(self, raw: _Raw, *, worktree: bool = False) -> FileChange:
        *before, after = (
            self.version(blob, path) for blob, path in zip(raw.blobs, raw.paths, strict=True)
        )
        if worktree:
            after = self.from_folder(raw.paths[-1])
        return FileChange(before[0], after, tuple(before[1:]))

    def version(self, blob: str, path: str) -> FileVersion | None:
        if blob in (ABSENT, WORKTREE):
            return None
        raw = self.contents.get(blob)
        if raw is None and not _is_id(blob):
            return None  # the last commit has no such file
        key = (blob, path)
        if key not in self.read:
            self.read[key] = self.parse(raw, path)
        return self.read[key]

    def from_folder(self, path: str) -> FileVersion | None:
        file = self.root / path
        if not file.is_file() or not is_inside(file, self.root.resolve()):
            return None
        try:
            return self.parse(file.read_bytes(), path)
        except OSError:
            return self.parse(None, path)

    def parse(self, raw: bytes | None, path: str) -> FileVersion | None:
        kind = kind_of(path)
        if kind is None:
            return None
        return FileVersion(path, kind, _records(raw, self.root / path, kind))


def _is_id(name: str) -> bool:
    return len(name) in (40, 64) and all(c in "0123456789abcdef" for c in name)


def located_records(raw: bytes | None, label: Path, kind: Kind) -> tuple[Any, ...] | None:
    """The valid records of a file's bytes, each with where it stands in the file, or
    None when the file has errors (`lcspr check` tells which); `label` names the file as
    the data folder names it."""
    if raw is None or len(raw) > MAX_FILE_BYTES:
        return None
    from ..records.models import Agency, Recommendation, Review
    from ..records.validate import validate_list, validate_record
    from ..yamlfile.fast import fast_parse
    from ..yamlfile.read import parse_yaml

    parsed = fast_parse(raw, label) or parse_yaml(raw, label)
    if parsed.data is None or parsed.problems:
        return None
    if kind == "recommendation":
        located, problems = validate_record(Recommendation, parsed.data, parsed.source)
        return None if located is None or problems else (located,)
    model = Agency if kind == "agencies" else Review
    records, problems, _ = validate_list(parsed, kind, model)
    return None if problems else records


def _records(raw: bytes | None, label: Path, kind: Kind) -> tuple[Any, ...] | None:
    found = located_records(raw, label, kind)
    return None if found is None else tuple(r.record for r in found)

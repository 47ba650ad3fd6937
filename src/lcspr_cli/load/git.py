"""git, for the data folder's past: where the folder sits in its repository, the commit
that held it at the end of a day, and many stored files read at once.

git runs as a subprocess, as for `lcspr check --since` (`revision`): the git on the
machine already knows every repository layout (worktrees, submodules, shallow clones,
packs, alternates), and a data folder's history is read with a fixed number of git
processes, never one per file or per commit.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from msgspec import Struct

from ..wording import human_date
from .revision import GitFailed

SLACK = timedelta(days=2)
"""More than the widest difference between two time zones: what git is asked for by time
is widened by it, and the day of each commit, in its own time zone, decides."""
FIELD, RECORD = "\x1f", "\x1e"
COMMIT_FORMAT = f"--format={RECORD}%H{FIELD}%P{FIELD}%an{FIELD}%cI"
"""A commit, as `commits` reads it: its id, parents, author name and commit time."""


class NotInGit(GitFailed):
    """The data folder is not in a git repository (or git is not installed)."""


class NotRecorded(GitFailed):
    """The data folder's history does not reach a day; the message says how far it goes."""


class Repository(Struct, frozen=True):
    """Where the data folder sits in its git repository."""

    top: Path
    prefix: str
    """The data folder's path from the top of the repository, ending in `/` (or empty)."""
    shallow: frozenset[str]
    """In a shallow clone, the commits its history stops at (their parents are missing)."""


class Commit(Struct, frozen=True):
    sha: str
    parents: tuple[str, ...]
    author: str
    """The author's name, as git records it (never the email address)."""
    committed: datetime
    """When it was committed, in the committer's own time zone."""

    @property
    def day(self) -> date:
        """The day it was committed, where it was committed."""
        return self.committed.date()

    @property
    def short(self) -> str:
        """The first seven characters of its id: the same whatever the repository's size,
        so that a document naming it prints the same bytes next year."""
        return self.sha[:7]


def run_git(
    where: Path, *arguments: str, stdin: bytes | None = None, ok: Sequence[int] = (0,)
) -> bytes:
    """git's output, or `GitFailed` (`NotInGit` without git, or outside a repository)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(where), "--literal-pathspecs", *arguments],
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitFailed("git is not installed") from None
    if done.returncode not in ok:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1].removeprefix("fatal: ") if detail else f"git {arguments[0]} failed"
        if "not a git repository" in reason:
            raise NotInGit(f"{where} is not in a git repository")
        raise GitFailed(reason)
    return done.stdout


def find_repository(root: Path) -> Repository:
    """The repository holding the data folder at `root`; `NotInGit` when there is none."""
    out = run_git(
        root, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository",
        "--git-path", "shallow",
    )  # fmt: skip
    lines = out.decode("utf-8", errors="surrogateescape").split("\n")
    if len(lines) < 4 or not lines[0]:
        raise NotInGit(f"{root} is not in a git work tree")
    top, prefix, shallow, shallow_file = lines[:4]
    boundary: frozenset[str] = frozenset()
    if shallow == "true":
        path = Path(shallow_file) if os.path.isabs(shallow_file) else root / shallow_file
        try:
            boundary = frozenset(path.read_text(encoding="ascii").split())
        except OSError:
            boundary = frozenset()
    return Repository(Path(top), prefix, boundary)


def parse_commit(header: str) -> Commit:
    """A commit from the fields of `COMMIT_FORMAT`."""
    sha, parents, author, committed = header.split(FIELD)[:4]
    return Commit(sha, tuple(parents.split()), author, datetime.fromisoformat(committed))


def commits(repository: Repository, *arguments: str) -> list[Commit]:
    """The commits `git log` lists with `arguments` (no diff)."""
    out = run_git(repository.top, "log", "--no-show-signature", COMMIT_FORMAT, *arguments)
    text = out.decode("utf-8", errors="replace")
    return [parse_commit(part.strip("\n")) for part in text.split(RECORD) if part.strip()]


def git_time(day: date, shift: timedelta) -> str:
    """The start of `day` (UTC), moved by `shift`, as git reads a time."""
    moment = datetime.combine(day, time(), UTC) + shift
    return moment.strftime("%Y-%m-%d %H:%M:%S +0000")


def commit_on(repository: Repository, day: date, revision: str = "HEAD") -> Commit | None:
    """The last commit on the current branch (its first parents, so a merged branch counts
    from its merge) made on or before `day` in its own time zone, or None."""
    bound = f"--until={git_time(day, timedelta(days=1) + SLACK)}"
    for limit in ("-n200", ""):
        found = commits(repository, "--first-parent", bound, *([limit] if limit else []), revision)
        for commit in found:
            if commit.day <= day:
                return commit
        if len(found) < 200:
            return None
    return None


def holds_folder(repository: Repository, commit: Commit) -> bool:
    """Whether the data folder (its agencies.yaml) is in `commit`."""
    name = f"{commit.sha}:{repository.prefix}agencies.yaml"
    return read_objects(repository, [name])[0] is not None


def recorded_commit(repository: Repository, day: date) -> Commit:
    """The commit holding the data folder as it was at the end of `day`; `NotRecorded`,
    saying how far the history goes, when there is none."""
    commit = commit_on(repository, day)
    if commit is not None and holds_folder(repository, commit):
        return commit
    when = human_date(day, short=False)
    if commit is not None:
        raise NotRecorded(
            f"the data folder's git history does not reach {when}: the folder is not in "
            f"commit {commit.short} of {human_date(commit.day, short=False)}, the last "
            "one on or before it"
        )
    first = commits(repository, "--first-parent", "--max-parents=0", "HEAD")
    start = f": it starts on {human_date(first[0].day, short=False)}" if first else ""
    unshallow = " (a shallow clone; `git fetch --unshallow` fetches the rest)"
    raise NotRecorded(
        f"the data folder's git history does not reach {when}{start}"
        + (unshallow if repository.shallow else "")
    )


def read_objects(repository: Repository, names: Sequence[str]) -> list[bytes | None]:
    """The contents of many stored files at once (`git cat-file --batch`), each named by
    its blob id or as `commit:path`; None for a name git does not have."""
    if not names:
        return []
    usable = [name for name in names if "\n" not in name]
    stdin = "".join(f"{name}\n" for name in usable).encode("utf-8", errors="surrogateescape")
    out = run_git(repository.top, "cat-file", "--batch", stdin=stdin)
    found: dict[str, bytes | None] = {}
    at = 0
    for name in usable:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[name] = out[at : at + size]
            at += size + 1
        elif len(header) == 3:  # a tree or commit: skip its contents
            at += int(header[2]) + 1
            found[name] = None
        else:
            found[name] = None
    return [found.get(name) for name in names]

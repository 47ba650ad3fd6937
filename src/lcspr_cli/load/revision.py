"""What `lcspr check` adds for continuous integration: report findings as failing problems
(--fail-on), and keep only what is new since a git revision (--since).
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

from .check import CheckResult, check
from .facts import RecommendationFacts
from .loader import Dataset
from .located import Located
from .problems import Problem, sort_key
from .query import Finding, Kind, Report
from .reports import report as build_report
from .wording import human_date, plural

FINDING_CODES: dict[Kind, str] = {
    Kind.OVERDUE: "overdue",
    Kind.UNOWNED: "unowned",
    Kind.MISSING_EVIDENCE: "missing-evidence",
}


class GitFailed(Exception):
    """git could not give the data at a revision; the message says why."""


def finding_message(finding: Finding) -> str:
    """A finding as one sentence naming the item."""
    item = finding.item
    if finding.kind is Kind.OVERDUE:
        return (
            f"{item.kind} {item.id} is overdue by {plural(finding.days_overdue or 0, 'day')} "
            f"(due {human_date(item.due)})"
        )
    if finding.kind is Kind.UNOWNED:
        why = {
            "no-owner": "it has no owner",
            "unknown-agency": "its owner is not in agencies.yaml",
            "agency-ended": f"its owner {item.owner} no longer exists",
        }
        return f"{item.kind} {item.id} is unowned: {why[finding.reason or 'no-owner']}"
    why = {
        "no-evidence": "complete without evidence",
        "no-assurance-evidence": "assured without assurance evidence",
        "evidence-file-missing": f"the evidence file {finding.evidence} is not in the data folder",
    }
    return f"{item.kind} {item.id}: {why[finding.reason or 'no-evidence']}"


def findings_as_problems(report: Report, kinds: Iterable[Kind]) -> list[Problem]:
    """The report's findings of `kinds`, as problems that fail the check."""
    return [
        Problem.of(
            FINDING_CODES[kind],
            finding_message(finding),
            finding.item.file,
            finding.item.line,
            hint=finding.next_step,
        )
        for kind in kinds
        for finding in report.findings(kind)
    ]


# Parts of a message that change without the problem changing: where it is, and how long
# it has been overdue.
_MOVING_PARTS = re.compile(r"\bline \d+|\b\d+ days?\b")


def fingerprint(problem: Problem, root: Path) -> str:
    """An identity for a problem that survives lines moving and days passing: its file
    (relative to the data folder), its code, and its message without line numbers or day
    counts."""
    try:
        where = problem.file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        where = problem.file.as_posix()
    message = _MOVING_PARTS.sub("#", problem.message)
    return hashlib.sha256(f"{where}\0{problem.code}\0{message}".encode()).hexdigest()[:32]


def new_problems(
    current: Sequence[Problem], root: Path, base: Sequence[Problem], base_root: Path
) -> list[Problem]:
    """The problems of `current` that `base` did not have (as many times over)."""
    remaining = Counter(fingerprint(p, base_root) for p in base)
    new = []
    for problem in current:
        key = fingerprint(problem, root)
        if remaining[key]:
            remaining[key] -= 1
        else:
            new.append(problem)
    return new


def ids_taken_at_base(current: Dataset, base: Dataset, revision: str) -> Iterator[Problem]:
    """An id that this change adds, though the base revision already has it in another file
    (two branches that both added LEO-3.4, say)."""
    at_base = {ident: located for located, ident, _ in _ids(base)}
    base_root = base.root.resolve()
    for located, ident, at in _ids(current):
        there = at_base.get(ident)
        if there is None:
            continue
        here = located.file.resolve().relative_to(current.root.resolve())
        elsewhere = there.file.resolve().relative_to(base_root)
        if here != elsewhere:
            yield located.problem(
                "id-taken",
                f"`{ident}` is added here, but {revision} already has it in {elsewhere.as_posix()}",
                *at,
                "id",
                hint="give this one the next free id (ask who added the other)",
            )


def _ids(
    data: Dataset,
) -> Iterator[tuple[Located[RecommendationFacts], str, tuple[str | int, ...]]]:
    for located in data.facts.recommendations:
        yield located, located.record.id, ()
        for index, action in enumerate(located.record.actions):
            yield located, action.id, ("actions", index)


@contextmanager
def data_at_revision(root: Path, revision: str) -> Iterator[Path]:
    """The data folder as it was at git `revision`, extracted to a temporary folder."""
    top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
    relative = root.resolve().relative_to(Path(top).resolve()).as_posix()
    _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    with tempfile.TemporaryDirectory() as temporary:
        archive = _git(Path(top), "archive", "--format=tar", revision, "--", relative, ok=(0, 128))
        target = Path(temporary)
        if archive:
            _extract_files(archive, target)
        folder = target / relative
        folder.mkdir(parents=True, exist_ok=True)
        yield folder


def _extract_files(archive: bytes, target: Path) -> None:
    """Extract the regular files of a tar archive made by git, refusing any odd path."""
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if not member.isfile() or member.name.startswith("/") or ".." in parts:
                continue
            source = tar.extractfile(member)
            if source is None:
                continue
            path = target.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source.read())


def _git(where: Path, *arguments: str, ok: tuple[int, ...] = (0,)) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(where), *arguments], capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitFailed("--since needs git, which is not installed") from None
    if done.returncode not in ok:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"git {arguments[0]} failed"
        if arguments[:2] == ("rev-parse", "--verify"):
            reason = f"there is no git revision `{arguments[-1].split('^')[0]}`"
        raise GitFailed(reason)
    return done.stdout


def check_for_ci(
    root: Path,
    as_of: date,
    fail_on: Sequence[Kind] = (),
    since: str | None = None,
    *,
    with_report: bool = True,
    use_cache: bool = False,
) -> tuple[CheckResult, Report | None]:
    """`lcspr check` with the findings of `fail_on` as problems, keeping (with `since`)
    only the problems that the data at that git revision did not have.

    Returns the result and, `with_report`, the report of the current data (for a job
    summary).
    """
    result, current = _checked(root, as_of, fail_on, with_report, use_cache)
    if since is None:
        return result, current
    with data_at_revision(root, since) as base_root:
        base, _ = _checked(base_root, as_of, fail_on, False, False)
    new = new_problems(result.problems, root, base.problems, base_root)
    new.extend(ids_taken_at_base(result.dataset, base.dataset, since))
    return replace(result, problems=tuple(sorted(new, key=sort_key))), current


def _checked(
    root: Path, as_of: date, fail_on: Sequence[Kind], with_report: bool, use_cache: bool
) -> tuple[CheckResult, Report | None]:
    if not fail_on and not with_report:
        return check(root, as_of, use_cache=use_cache), None
    # checked as on the same day as the report
    built = build_report(root, as_of, as_of, use_cache=use_cache)
    extra = findings_as_problems(built.report, fail_on)
    problems = tuple(sorted((*built.check.problems, *extra), key=sort_key))
    return replace(built.check, problems=problems), built.report

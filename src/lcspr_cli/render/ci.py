"""Problems for CI platforms: a GitLab code-quality report, and the markdown summary
GitHub Actions shows for a job. (SARIF is in sarif.py, JUnit XML in junit.py.)

Every CI format names files relative to `base`, the top of the git repository holding
the data folder (the current folder outside git): GitHub and GitLab place what they are
told by its path in the repository, wherever in it the job ran."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..pipeline import CheckResult
from ..problems import fingerprints
from ..queries.findings import Finding, Kind
from ..queries.report import Report
from ..wording import human_date, plural
from . import json_text
from .markdown import escape, table
from .problems import full_message, repository_path, summary_line

_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def render_gitlab(result: CheckResult, base: Path, *, strict: bool = False) -> str:
    """A GitLab code-quality report: one entry per problem, each with a fingerprint of its
    own that does not change when lines move (`problems.fingerprints`)."""
    prints = fingerprints(result.problems, result.dataset.root)
    entries = [
        {
            "description": full_message(p),
            "check_name": p.code,
            "fingerprint": key,
            "severity": "major" if strict else _GITLAB_SEVERITY[p.severity.value],
            "location": {"path": repository_path(p.file, base), "lines": {"begin": p.line or 1}},
        }
        for p, key in zip(result.problems, prints, strict=True)
    ]
    return json_text.dumps(entries)


_TITLES = {
    Kind.OVERDUE: "Overdue",
    Kind.UNOWNED: "Unowned",
    Kind.MISSING_EVIDENCE: "Missing evidence",
}
WORST = 10
SUMMARY_LIMIT = 512 * 1024
"""The most a job summary takes, in bytes: GitHub refuses a step's summary over 1 MiB, so
this leaves as much again for anything else the step writes."""
_PROBLEM_COLUMNS = ["File", "Line", "Code", "Problem"]


def render_step_summary(
    result: CheckResult,
    report: Report,
    base: Path,
    since: str | None = None,
    *,
    limit: int = SUMMARY_LIMIT,
) -> str:
    """The markdown GitHub shows on the job's page: the problems (annotations are capped,
    this is not, but for its size: the problems that would take it over `limit` bytes are
    left out, and counted in its last line), and the ten worst overdue, unowned and
    missing-evidence items."""
    scope = f" new since `{escape(since)}`" if since else ""
    tail = ["", escape(summary_line(result)), "", *_findings(report, base)]
    if not result.problems:
        return "\n".join(["## lcspr check", "", f"No problems{scope}.", *tail])
    errors, warnings = len(result.errors), len(result.warnings)
    counts = f"**{plural(errors, 'error')}, {plural(warnings, 'warning')}**{scope}."
    head = ["## lcspr check", "", counts, ""]
    rows = [
        [
            escape(repository_path(p.file, base)),
            str(p.line or ""),
            f"`{p.code}`",
            escape(full_message(p)),
        ]
        for p in result.problems
    ]
    lines = table(_PROBLEM_COLUMNS, rows, right=[1]).split("\n")
    header, body = lines[:2], lines[2:]
    if _size([*head, *lines, *tail]) <= limit:
        return "\n".join([*head, *lines, *tail])
    room = limit - _size([*head, *header, *tail, _left_out(len(body))])
    shown = 0
    for line in body:
        room -= len(line.encode()) + 1
        if room < 0:
            break
        shown += 1
    return "\n".join([*head, *header, *body[:shown], *tail, _left_out(len(body) - shown)])


def _size(lines: Sequence[str]) -> int:
    """The bytes of `lines` joined by newlines, with the newline the caller adds."""
    return sum(len(line.encode()) + 1 for line in lines)


def _left_out(count: int) -> str:
    return (
        f"**{plural(count, 'problem')} left out of this summary**, which GitHub limits in "
        "size: run `lcspr check` to see every one."
    )


def _findings(report: Report, base: Path) -> list[str]:
    lines = []
    for kind, title in _TITLES.items():
        found = report.findings(kind)
        lines += [f"### {title}: {len(found)}", ""]
        if found:
            lines += [_worst(found[:WORST], base), ""]
            if len(found) > WORST:
                lines += [f"And {len(found) - WORST} more: run `lcspr {kind.value}`.", ""]
    return lines


def _worst(found: Sequence[Finding], base: Path) -> str:
    return table(
        ["ID", "Owner", "Due", "What to do next", "File"],
        [
            [
                f.item.id,
                escape(f.item.owner or "(none)"),
                human_date(f.item.due),
                escape(f.next_step),
                escape(f"{repository_path(f.item.file, base)}:{f.item.line or ''}"),
            ]
            for f in found
        ],
    )

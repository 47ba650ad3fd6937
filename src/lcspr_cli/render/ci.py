"""Problems for CI platforms: a GitLab code-quality report, SARIF 2.1.0, and the markdown
summary GitHub Actions shows for a job."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..pipeline import CheckResult
from ..problems import CODES, Problem, fingerprint
from ..queries.findings import Finding, Kind
from ..queries.report import Report
from ..wording import human_date, plural
from .markdown import escape, table
from .problems import display_path, summary_line

_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def _full_message(problem: Problem) -> str:
    return f"{problem.message} (hint: {problem.hint})" if problem.hint else problem.message


def render_gitlab(result: CheckResult, cwd: Path, *, strict: bool = False) -> str:
    """A GitLab code-quality report: one entry per problem, with a fingerprint that does
    not change when lines move."""
    root = result.dataset.root
    entries = [
        {
            "description": _full_message(p),
            "check_name": p.code,
            "fingerprint": fingerprint(p, root),
            "severity": "major" if strict else _GITLAB_SEVERITY[p.severity.value],
            "location": {"path": display_path(p.file, cwd), "lines": {"begin": p.line or 1}},
        }
        for p in result.problems
    ]
    return json.dumps(entries, indent=2, ensure_ascii=False)


def render_sarif(result: CheckResult, cwd: Path, *, strict: bool = False) -> str:
    """A SARIF 2.1.0 log: every problem code is a rule, with a stable id."""
    rule_index = {code.name: index for index, code in enumerate(CODES)}
    rules = [
        {
            "id": code.name,
            "shortDescription": {"text": code.summary},
            "defaultConfiguration": {"level": code.severity.value},
        }
        for code in CODES
    ]
    root = result.dataset.root
    results = []
    for p in result.problems:
        physical: dict[str, Any] = {
            "artifactLocation": {"uri": display_path(p.file, cwd), "uriBaseId": "%SRCROOT%"}
        }
        if p.line is not None:
            physical["region"] = {
                "startLine": p.line,
                **({"startColumn": p.column} if p.column else {}),
            }
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": rule_index[p.code],
                "level": "error" if strict else p.severity.value,
                "message": {"text": _full_message(p)},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {"lcsprProblem/v1": fingerprint(p, root)},
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "lcspr", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


_TITLES = {
    Kind.OVERDUE: "Overdue",
    Kind.UNOWNED: "Unowned",
    Kind.MISSING_EVIDENCE: "Missing evidence",
}
WORST = 10


def render_step_summary(
    result: CheckResult, report: Report, cwd: Path, since: str | None = None
) -> str:
    """The markdown GitHub shows on the job's page: every problem (annotations are capped,
    this is not), and the ten worst overdue, unowned and missing-evidence items."""
    scope = f" new since `{escape(since)}`" if since else ""
    lines = ["## lcspr check", ""]
    if result.problems:
        errors, warnings = len(result.errors), len(result.warnings)
        lines += [f"**{plural(errors, 'error')}, {plural(warnings, 'warning')}**{scope}.", ""]
        lines.append(
            table(
                ["File", "Line", "Code", "Problem"],
                [
                    [
                        escape(display_path(p.file, cwd)),
                        str(p.line or ""),
                        f"`{p.code}`",
                        escape(_full_message(p)),
                    ]
                    for p in result.problems
                ],
                right=[1],
            )
        )
    else:
        lines.append(f"No problems{scope}.")
    lines += ["", escape(summary_line(result)), ""]
    for kind, title in _TITLES.items():
        found = report.findings(kind)
        lines += [f"### {title}: {len(found)}", ""]
        if found:
            lines += [_worst(found[:WORST], cwd), ""]
            if len(found) > WORST:
                lines += [f"And {len(found) - WORST} more: run `lcspr {kind.value}`.", ""]
    return "\n".join(lines)


def _worst(found: Sequence[Finding], cwd: Path) -> str:
    return table(
        ["ID", "Owner", "Due", "What to do next", "File"],
        [
            [
                f.item.id,
                escape(f.item.owner or "(none)"),
                human_date(f.item.due),
                escape(f.next_step),
                escape(f"{display_path(f.item.file, cwd)}:{f.item.line or ''}"),
            ]
            for f in found
        ],
    )

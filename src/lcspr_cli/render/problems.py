"""Render the problems of a check as text lines, JSON, or GitHub Actions annotations."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..pipeline import CheckResult
from ..problems import Problem
from ..wording import plural
from . import json_text
from .safe import clean

if TYPE_CHECKING:  # rich is imported only when there is a problem to print
    from rich.text import Text


def display_path(path: Path) -> str:
    """A path named as the data folder was given, so a terminal can open it: an absolute
    one stays absolute, a relative one stays relative to the current folder."""
    normal = os.path.normpath(path)
    return normal if os.sep == "/" else Path(normal).as_posix()


def repository_path(path: Path, base: Path) -> str:
    """A path relative to `base` (the top of the repository, for the CI formats, which
    place annotations by repository path)."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def full_message(problem: Problem) -> str:
    """The message with its hint, on one line, for the reports that have one field for both."""
    return f"{problem.message} (hint: {problem.hint})" if problem.hint else problem.message


def _where(problem: Problem) -> str:
    parts = [display_path(problem.file)]
    if problem.line is not None:
        parts.append(str(problem.line))
        if problem.column is not None:
            parts.append(str(problem.column))
    return ":".join(parts)


def render_text(result: CheckResult, *, strict: bool = False) -> Iterable[Text]:
    """One line per problem (`path:line:col: CODE message`), its hint under it, a summary."""
    yield from problem_lines(result.problems, strict=strict)
    from rich.text import Text

    yield Text(summary_line(result), style="bold")


def problem_lines(problems: Iterable[Problem], *, strict: bool = False) -> Iterable[Text]:
    """Each problem as `lcspr check` prints it: `path:line:col: CODE message`, and its hint
    on the line under it."""
    from rich.text import Text

    for problem in problems:
        style = "red" if problem.is_error or strict else "yellow"
        line = Text()
        line.append(f"{_where(problem)}: ", style="bold")
        line.append(problem.code, style=style)
        line.append(f" {clean(problem.message)}")
        yield line
        if problem.hint:
            yield Text(f"    hint: {clean(problem.hint)}", style="dim")


def summary_line(result: CheckResult) -> str:
    """One sentence on what was checked and what was found."""
    data = result.dataset
    recommendations = data.facts.recommendations
    actions = sum(len(r.record.actions) for r in recommendations)
    checked = (
        f"{plural(len(data.files), 'file')} checked "
        f"({plural(data.recommendation_files, 'recommendation')}, "
        f"{plural(actions, 'action')})"
    )
    if not result.problems:
        return f"No problems: {checked}."
    errors, warnings = len(result.errors), len(result.warnings)
    found = " and ".join(
        part
        for part in (
            plural(errors, "error") if errors else "",
            plural(warnings, "warning") if warnings else "",
        )
        if part
    )
    files = len({p.file for p in result.problems})
    return f"Found {found} in {plural(files, 'file')}; {checked}."


def render_json(result: CheckResult, *, strict: bool = False) -> str:
    """`{"ok": bool, "problems": [...]}` with paths relative to the current folder."""
    ok = not (result.problems if strict else result.errors)
    problems = [
        {
            "code": p.code,
            "severity": p.severity.value,
            "message": p.message,
            "hint": p.hint,
            "file": display_path(p.file),
            "line": p.line,
            "column": p.column,
        }
        for p in result.problems
    ]
    return json_text.dumps({"ok": ok, "problems": problems})


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult, base: Path, *, strict: bool = False) -> Iterable[str]:
    """GitHub Actions workflow commands, one annotation per problem, then the summary. Files
    are named relative to `base`, the top of the repository: GitHub places an annotation by
    its path there, wherever the job ran."""
    for p in result.problems:
        level = "error" if p.is_error or strict else "warning"
        properties = [f"file={_escape_property(repository_path(p.file, base))}"]
        if p.line is not None:
            properties.append(f"line={p.line}")
            if p.column is not None:
                properties.append(f"col={p.column}")
        properties.append(f"title={_escape_property(p.code)}")
        message = f"{p.message}\nhint: {p.hint}" if p.hint else p.message
        yield f"::{level} {','.join(properties)}::{_escape_data(clean(message))}"
    yield summary_line(result)

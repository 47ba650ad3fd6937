"""The privacy guard on an edit: the text an edit adds is looked through for personal data
as `lcspr check` looks through the files (`load.privacy`), before anything is written.

Only the lines the edit changes are held against it: personal data already in a file is
`lcspr check`'s to report. A finding names the kind of data, the field and where in the
text it is, and never repeats the data, not even in part: the person who typed it knows
what they typed.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..load.privacy import (
    check_privacy,
    find_personal_data,
    free_texts,
    read_private_terms,
)
from ..locate import PRIVATE_TERMS_FILE
from ..problems import Problem
from ..yamlfile.positions import DataPath, Position
from .document import Document


def private_terms(root: Path) -> list[str]:
    """The terms of the data folder's `.private-terms` file (none when it has none)."""
    path = root / PRIVATE_TERMS_FILE
    try:
        return read_private_terms(path.read_text(encoding="utf-8")) if path.is_file() else []
    except (OSError, UnicodeDecodeError):
        return []


def personal_data_added(root: Path, before: bytes | None, after: Document) -> tuple[Problem, ...]:
    """Errors for the personal data in the lines an edit adds or changes, each at its line
    of the file the edit would leave."""
    terms = private_terms(root)
    changed = _changed_lines(before, after)
    found = [
        problem
        for problem in check_privacy(after.data, after.parsed.source, after.text, terms)
        if problem.line in changed
    ]
    if not found:
        return ()
    texts = list(free_texts(after.data))
    unique: dict[tuple[str, str], Problem] = {}
    for problem in found:
        said = _where_in_the_text(problem, texts, after, terms) or problem
        unique.setdefault((said.code, said.message), said)
    return tuple(unique.values())


def _changed_lines(before: bytes | None, after: Document) -> set[int]:
    """The lines (1-based) of `after` that the edit added or changed."""
    new = after.text.split(after.newline)
    if before is None:
        return set(range(1, len(new) + 1))
    old = before.decode("utf-8-sig").split(after.newline)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return {
        number + 1
        for tag, _, _, first, last in matcher.get_opcodes()
        if tag in ("replace", "insert")
        for number in range(first, last)
    }


def _where_in_the_text(
    problem: Problem, texts: list[tuple[DataPath, str]], after: Document, terms: list[str]
) -> Problem | None:
    """The problem, saying which field holds the data and at which character of its text."""
    assert problem.line is not None and problem.column is not None
    at: Position = (problem.line, problem.column)
    source = after.parsed.source
    holding = [
        (source.values[path], path, text)
        for path, text in texts
        if path in source.values
        and source.values[path] <= at
        and (path not in source.ends or at < source.ends[path])
    ]
    if not holding:
        return None
    _, path, text = max(holding, key=lambda each: each[0])
    findings = [f for f in find_personal_data(text, terms) if f.code == problem.code]
    if not findings:
        return None
    kind = findings[0].what.split(" (", 1)[0]
    starts = ", ".join(str(f.start + 1) for f in findings)
    field = next((str(part) for part in reversed(path) if isinstance(part, str)), "text")
    label = _LABELS.get(field, field.replace("_", " "))
    at_characters = "character" if len(findings) == 1 else "characters"
    return Problem(
        problem.file,
        problem.line,
        problem.column,
        problem.code,
        f"the {label} you gave holds what looks like {kind}, at {at_characters} {starts}: "
        "personal data must never be in the files",
        problem.hint,
        problem.severity,
    )


_LABELS = {
    "by": "body or role (--by)",
    "dropped_reason": "reason",
    "text": "recommendation text",
    "action": "action text",
}
"""How the message names a field whose name alone would not say what the user typed."""

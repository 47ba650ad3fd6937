"""Comments an edit may have made stale. lcspr never changes a comment: it says which
comments near the changed line speak of what the line held before, for a person to read."""

from __future__ import annotations

from collections.abc import Sequence

from .document import Document
from .plan import Note

NEAR = 3
"""How many lines above and below the changed line count as near it; a block of comment
lines that reaches into them counts whole."""


def stale_comments(doc: Document, line: int, old: Sequence[tuple[str, str]]) -> list[Note]:
    """A note for each comment near `line` that mentions one of `old`'s words (each with
    what it stood for: "the old owner", say); a comment's first word found only."""
    comments = doc.comment_lines()
    near: set[int] = set()
    for number in range(line - NEAR, line + NEAR + 1):
        if number not in comments or number in near:
            continue
        first = last = number
        while first - 1 in comments and _whole_line(doc, comments, first - 1):
            first -= 1
        while last + 1 in comments and _whole_line(doc, comments, last + 1):
            last += 1
        near.update(range(first, last + 1))
    notes = []
    for number in sorted(near):
        column, text = comments[number]
        lowered = text.lower()
        found = next(((word, what) for word, what in old if word and word.lower() in lowered), None)
        if found is not None:
            word, what = found
            notes.append(
                Note(
                    doc.path,
                    number,
                    column,
                    f"this comment mentions `{word}` ({what}); lcspr leaves comments as they "
                    "are: change or remove it if it no longer holds",
                )
            )
    return notes


def _whole_line(doc: Document, comments: dict[int, tuple[int, str]], number: int) -> bool:
    """Whether the comment on line `number` is the whole line (not after a value)."""
    column, _ = comments[number]
    return doc.text.split(doc.newline)[number - 1][: column - 1].strip() == ""

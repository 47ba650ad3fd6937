"""GitHub-flavoured markdown that text from the data cannot break or inject into."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Characters that start inline markup, or end a table cell. Line-start markup (#, -, >)
# cannot occur: escaped text never starts a line.
from .safe import clean

_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: f"\\{c}" for c in "\\`*_[]|~"}
)
"""HTML's three special characters as entities; markup characters backslash-escaped."""


def escape(text: str) -> str:
    """Text from the data, safe in markdown: one line, no HTML, no markup of its own."""
    return " ".join(clean(text).split()).translate(_ESCAPES)


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, right: Sequence[int] = ()
) -> str:
    """A markdown table; cells must already be escaped (or be our own safe text)."""
    align = ["---:" if index in right else "---" for index in range(len(headers))]
    lines = [_row(headers), _row(align)]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"

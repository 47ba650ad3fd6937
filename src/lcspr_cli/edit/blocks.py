"""Text written as a block under its key, as a person would write it: long text folded over
lines, text of several lines kept as it is."""

from __future__ import annotations

BLOCK_FROM = 90
"""A text longer than this with its key (`text:` and its indentation) is folded."""


def needs_block(head: int, value: str) -> bool:
    """Whether text written after a key `head` characters wide goes under it as a block:
    text of several lines, or too long for the key's line."""
    return "\n" in value or head + len(value) > BLOCK_FROM


def block_scalar(value: str, indent: str) -> tuple[str, list[str]] | None:
    """`value` as a block scalar, as a person would write it: the indicator and the lines
    under its key (at `indent`). Text of several lines is kept as it is (`|-`), one long
    line is folded over lines of at most 88 characters (`>-`); None when neither reads
    back exactly (trailing spaces, a run of spaces, a character YAML escapes)."""
    lines = value.split("\n")
    if "\n" in value:
        if not _literal_safe(lines):
            return None
        return "|-", [f"{indent}{line}" if line else "" for line in lines]
    if value.isprintable() and "  " not in value and value == value.strip():
        return ">-", [f"{indent}{line}" for line in _fold(value)]
    return None


def _fold(text: str, width: int = 88) -> list[str]:
    """Words on lines of at most `width` characters (a longer word has a line of its own)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current] if current else lines


def _literal_safe(lines: list[str]) -> bool:
    """Whether lines read back exactly from a `|-` block: printable, none ending in a
    space, and the first not indented (its indentation sets the block's)."""
    return (
        bool(lines[0])
        and not lines[0][0].isspace()
        and all(line.isprintable() and line == line.rstrip() for line in lines)
        and bool(lines[-1])
    )

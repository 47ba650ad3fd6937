"""Small helpers for words people read: dates as written in UK reports, plurals, and the
"did you mean" of a hint, and the kind of a value named in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any


def human_date(day: date | None, *, short: bool = True) -> str:
    """A date as people write it in reports: 31 Mar 2025 (or 31 March 2025). A target date
    the file gives as a month or a quarter prints as written: March 2026, 2026/27 Q4."""
    if day is None:
        return ""
    written = getattr(day, "written", "")  # records.dates.Due
    if written:
        return str(written)
    return f"{day.day} {day.strftime('%b' if short else '%B')} {day.year}"


def plural(count: int, noun: str) -> str:
    """`1 day`, `2 days`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def suggest(word: str, options: Sequence[str]) -> str | None:
    """The closest of `options` to a mistyped `word`, if any is close."""
    import difflib  # only when there is a mistake to explain

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """A hint sentence naming the likely intended option, or empty."""
    close = suggest(word, options)
    return f"did you mean `{close}`?" if close else ""


def describe(value: Any) -> str:
    """Name the kind of a parsed value in plain words, for messages."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the yes/no value `{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "a value of another kind"

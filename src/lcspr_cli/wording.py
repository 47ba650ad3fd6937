"""Small helpers for words people read: dates as written in UK reports, plurals, and the
"did you mean" of a hint."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def human_date(day: date | None, *, short: bool = True) -> str:
    """A date as people write it in reports: 31 Mar 2025 (or 31 March 2025)."""
    if day is None:
        return ""
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

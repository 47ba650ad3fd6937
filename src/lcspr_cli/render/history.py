"""Render `lcspr history`: who changed what and when, from git, as a table, markdown or
JSON, drawn from one list of columns."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from ..pipeline import HistoryEntry, HistoryResult
from ..wording import human_date, plural
from . import json_text, markdown
from .tables import Column, draw_markdown, draw_table

NOT_COMMITTED = "not committed"

COLUMNS: tuple[Column[HistoryEntry], ...] = (
    Column("Date", lambda e: human_date(e.commit.day) if e.commit else ""),
    Column("Author", lambda e: e.commit.author if e.commit else "", give=2),
    Column("Commit", lambda e: e.commit.short if e.commit else NOT_COMMITTED),
    Column("ID", lambda e: e.change.record),
    Column("Change", lambda e: e.change.what, give=1, floor=20),
)


def title(ident: str | None, since: date | None, until: date | None) -> str:
    """History of LEO-6 (or of the data folder), from and to the days asked for."""
    what = f"History of {ident}" if ident else "History of the data folder"
    if since:
        what += f" from {human_date(since, short=False)}"
    if until:
        what += f" to {human_date(until, short=False)}"
    return what


def totals(result: HistoryResult) -> str:
    """12 changes in 5 commits, and 2 not committed."""
    entries = result.entries
    if not entries:
        return "No changes."
    commits = {e.commit.sha for e in entries if e.commit is not None}
    pending = sum(e.commit is None for e in entries)
    words = f"{plural(len(entries) - pending, 'change')} in {plural(len(commits), 'commit')}"
    if pending:
        words += f", and {pending} not committed"
    return words + "."


def shallow_note(result: HistoryResult) -> str | None:
    """In a shallow clone, how far back its history goes."""
    first = result.visible_since
    if first is None:
        return None
    return (
        f"this is a shallow clone: its history goes back to "
        f"{human_date(first.day, short=False)} (commit {first.short}) only; "
        "`git fetch --unshallow` fetches the rest"
    )


def history_table(result: HistoryResult, heading: str, width: int) -> RenderableType:
    if not result.entries:
        return Text(f"{heading}: no changes.")
    table = draw_table(COLUMNS, result.entries, heading, width)
    return Group(table, Text(totals(result)))


def history_markdown(result: HistoryResult, heading: str) -> str:
    body = draw_markdown(COLUMNS, result.entries, heading)
    return body + (f"\n{markdown.escape(totals(result))}\n" if result.entries else "")


def history_json(result: HistoryResult, since: date | None, until: date | None) -> str:
    first = result.visible_since
    changes = [
        {
            "date": entry.commit.day.isoformat() if entry.commit else None,
            "committed": entry.commit.committed.isoformat() if entry.commit else None,
            "author": entry.commit.author if entry.commit else None,
            "commit": entry.commit.sha if entry.commit else None,
            "id": entry.change.record,
            "recommendation": entry.change.recommendation,
            "file": entry.change.file,
            "change": entry.change.what,
        }
        for entry in result.entries
    ]
    value = {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "history_starts": first.day.isoformat() if first else None,
        "changes": changes,
    }
    return json_text.dumps(value)

"""What a row says of progress: its evidence (each line an item, held by the action's lead
agency unless the line says where it is), its progress updates (each dated by the day it
starts with, or by the day of the import), and the RAG the sheet gave it (a word, or the
colour the cell is filled with), to compare with lcspr's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..wording import human_date
from . import values
from .cells import Row
from .model import TODAY_STAND_IN, Imported, SheetRag


def lines(written: str | None) -> list[str]:
    if not written:
        return []
    kept = [line.strip(" -•*\t") for line in written.split("\n")]
    return [line for line in kept if line and line.lower().rstrip(".") not in values.NO_DATE_WORDS]


_WHERE = re.compile(r"(?P<title>.+?)\s*\((?P<where>https?://\S+|[\w.-]+(?:/[\w.-]+)+\.\w{1,5})\)")


def evidence_item(line: str, day: date, holder: str | None) -> dict[str, Any] | None:
    """An evidence item: a web address, a title with where it is, `Audit report
    (evidence/audit.pdf)` (as lcspr exports it), or a title that its holder keeps."""
    if re.fullmatch(r"https?://\S+", line):
        return {"title": line, "date": day, "url": line}
    found = _WHERE.fullmatch(line)
    if found:
        where = found["where"]
        key = "url" if where.startswith(("http://", "https://")) else "path"
        return {"title": found["title"], "date": day, key: where}
    if holder is None:
        return None
    return {"title": line, "date": day, "held_by": holder}


def evidence(
    found: Imported,
    row: Row,
    at: tuple[Any, ...],
    completed: date | None,
    holder: str | None,
    into: dict[str, Any] | None = None,
) -> None:
    given = lines(row.text("evidence"))
    if not given:
        return
    if holder is None:
        row.problem(
            "evidence",
            "evidence-location",
            "gives evidence, but no agency holds it: the row has no lead agency",
            "fill in the lead agency, or give a web address for the evidence",
        )
        return
    target = found.data if into is None else into
    items = [evidence_item(line, completed or row.context.today, holder) for line in given]
    target["evidence"] = [item for item in items if item is not None]
    for index, item in enumerate(target["evidence"]):
        if "held_by" in item:
            found.stand_ins[(*at, "evidence", index, "title")] = (
                "stand-ins: date and held_by (the spreadsheet gives neither)"
            )


def updates(
    found: Imported, row: Row, at: tuple[Any, ...], into: dict[str, Any] | None = None
) -> None:
    written = row.text("update")
    if not written:
        return
    entries: list[list[Any]] = []
    for line in written.split("\n"):
        day, rest = values.leading_day(line)
        if day is not None or not entries:
            entries.append([day, rest])
        else:
            entries[-1][1] += "\n" + line
    today = row.context.today
    updates: list[dict[str, Any]] = []
    for day, note in entries:
        if day is not None and day > today:
            row.problem(
                "update",
                "date-in-future",
                f"gives an update dated {human_date(day)}, after today",
                "check the date of the update",
            )
            continue
        if day is None:
            found.stand_ins[(*at, "updates", len(updates), "date")] = TODAY_STAND_IN
        updates.append({"date": day or today, "note": note.strip()})
    (found.data if into is None else into)["updates"] = updates


def rags(found: Imported, own: Row | None, rows: Sequence[Row]) -> None:
    for index, row in enumerate(r for r in rows if r.text("action")):
        colour = _rag(row, "rag")
        if colour:
            found.rags.append(SheetRag(("actions", index), row.cell("rag"), colour))
    rec_row = next((r for r in rows if r.text("rec_rag")), None)
    colour = _rag(rec_row, "rec_rag") if rec_row else (_rag(own, "rag") if own else None)
    if colour:
        where = (rec_row or own or rows[0]).cell("rec_rag" if rec_row else "rag")
        found.rags.append(SheetRag((), where, colour))


def _rag(row: Row, name: str) -> str | None:
    column = row.column(name)
    if column is None:
        return None
    return values.rag_word(row.value(name)) or values.rag_colour(row.sheet.fill(row.number, column))

"""The import report: what `lcspr import` read, how it read it, what it put in where the
spreadsheet gives no value, where the sheet's RAG differs from lcspr's, and the files it
writes. Plain lines of text, for a person who is not a programmer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec import Struct

from ..sheets.model import Column, Imported, RagDifference, Reading, SheetRead
from ..wording import human_date, plural
from .safe import clean


class FileLine(Struct, frozen=True):
    path: str
    kind: str
    """new, updated, unchanged or kept."""
    source: str


_KINDS = {
    "new": "new      ",
    "updated": "updated  ",
    "unchanged": "unchanged",
    "kept": "exists   ",
}
_SHOWN = 8
"""How many items a list shows before it says how many more there are."""


def import_report(
    reading: Reading,
    files: Sequence[FileLine],
    rags: Sequence[RagDifference],
    *,
    update: bool,
) -> list[str]:
    lines: list[str] = []
    for sheet in reading.sheets:
        lines += _sheet(sheet)
    for name, reason in reading.skipped:
        lines.append(f"Sheet {name} not read: {reason}.")
    lines += [
        f"Note: the file was {note}." if note.startswith("read ") else f"Note: {note}."
        for note in reading.notes
    ]
    if reading.sheets:
        lines.append("Dates are read day-first, as in England: 03/04/2025 is 3 April 2025.")
    lines += _stand_ins(reading)
    lines += _unowned(reading.recommendations)
    if reading.no_dates:
        lines.append(
            f"No target date ({len(reading.no_dates)}; lcspr needs one and never guesses):"
        )
        lines += _shown(f"  {d.cell}  {d.ident}: {d.words or 'blank'}" for d in reading.no_dates)
    if reading.unknown_agencies:
        lines.append(
            "Agencies not in agencies.yaml (add them, correct the cells, or import "
            "with --add-agencies):"
        )
        lines += _shown(
            f"  {name}: {', '.join(cells[:3])}{' ...' if len(cells) > 3 else ''}"
            for name, cells in reading.unknown_agencies.items()
        )
    if reading.new_agencies:
        lines.append("Agencies added to agencies.yaml (check their ids and names):")
        lines += _shown(f"  {a.id}: {a.name} (from {a.cell})" for a in reading.new_agencies)
    if rags:
        lines.append(
            f"RAG: the spreadsheet's RAG differs from lcspr's on {plural(len(rags), 'row')}:"
        )
        lines += _shown(
            (
                f"  {r.cell}  {r.ident}: sheet said {r.sheet.capitalize()}, lcspr says "
                f"{r.lcspr.capitalize()}: {r.why}"
            )
            for r in rags
        )
    if files:
        lines.append("Files:")
        lines += [f"  {_KINDS[f.kind]}  {f.path}  ({f.source})" for f in files]
        kept = sum(f.kind == "kept" for f in files)
        if kept and not update:
            lines.append(
                f"  {plural(kept, 'file')} exist already and are left as they are: "
                "--update brings in the cells that changed."
            )
    return [clean(line) for line in lines]


def _sheet(sheet: SheetRead) -> list[str]:
    reviews = ", ".join(sheet.reviews) or "none"
    lines = [
        f"Sheet {sheet.name}: headings on row {sheet.heading_row}, rows {sheet.first_row} to "
        f"{sheet.last_row} read (review {reviews}).",
        "  Columns read:",
        *_columns(sheet.columns),
    ]
    if sheet.unrecognised:
        lines.append(
            "  Not imported, headings lcspr does not know: "
            + "; ".join(f"{c.letter} {c.heading}" for c in sheet.unrecognised)
            + " (map them to a field with --map, or to `ignore`)."
        )
    if sheet.unused:
        lines.append(
            "  Not imported, a second column of the same field: "
            + "; ".join(f"{c.letter} {c.heading} ({c.field})" for c in sheet.unused)
            + " (map it to another field with --map, or to `ignore`)."
        )
    if sheet.ignored:
        lines.append(
            "  Ignored, as the mapping file says: "
            + "; ".join(f"{c.letter} {c.heading}" for c in sheet.ignored)
            + "."
        )
    if sheet.numbering:
        lines.append(f"  Numbers: {sheet.numbering}.")
    return lines


def _columns(columns: Sequence[Column]) -> list[str]:
    """Each column as `A  Rec no.  ->  recommendation number`, the arrows aligned."""
    wide = max((len(c.letter) + len(c.heading) for c in columns), default=0)
    return [
        f"    {c.letter}  {c.heading}{' ' * (wide - len(c.letter) - len(c.heading))}  ->  {c.field}"
        for c in columns
    ]


_STAND_INS = (
    ("completed_on", "complete with no completion date: completed on the day of the import"),
    ("title", "evidence: held by the action's lead agency, dated its completion"),
    ("revised_reason", "revised date with no reason: 'reason not recorded in the spreadsheet'"),
    ("dropped_reason", "dropped with no reason: 'reason not recorded in the spreadsheet'"),
    ("date", "dated the day of the import (no date in the spreadsheet)"),
    ("owner", "recommendation's owner: the lead agency of all its actions"),
    ("due", "recommendation's target date: the last of its actions' target dates"),
    ("by", "assurance by: 'not recorded in the spreadsheet'"),
    ("closed_on", "closed with no date closed: closed on the day of the import"),
    ("note", "not accepted, with no reason: 'reason not recorded in the spreadsheet'"),
)


def _stand_ins(reading: Reading) -> list[str]:
    """What went in where the spreadsheet gives no value, grouped by kind, with the ids."""
    found: dict[str, list[str]] = {}
    for rec in reading.recommendations:
        for path in rec.stand_ins:
            key = str(path[-1])
            ident = rec.id
            if len(path) > 2 and path[0] == "actions":
                ident = str(rec.data["actions"][int(path[1])]["id"])
            found.setdefault(key, []).append(ident)
    if not found:
        return []
    day = human_date(reading.today, short=False) if reading.today else "today"
    lines = [
        f"Stand-ins, each marked by a comment in its file (the format needs a value the "
        f"spreadsheet does not give; the day of the import is {day}):"
    ]
    for key, said in _STAND_INS:
        idents = list(dict.fromkeys(found.get(key, [])))
        if idents:
            more = f" and {len(idents) - _SHOWN} more" if len(idents) > _SHOWN else ""
            lines.append(f"  {said}: {', '.join(idents[:_SHOWN])}{more}")
    return lines


def _unowned(recommendations: Iterable[Imported]) -> list[str]:
    idents = [
        r.id
        for r in recommendations
        if "owner" not in r.data and "response" not in r.data and r.data.get("actions")
    ]
    if not idents:
        return []
    return [
        f"No owner for {plural(len(idents), 'recommendation')} (its actions have different lead "
        f"agencies): {', '.join(idents[:_SHOWN])}{' ...' if len(idents) > _SHOWN else ''}; "
        "the reports call them unowned until `lcspr set-owner ID AGENCY`."
    ]


def _shown(lines: Iterable[str]) -> list[str]:
    listed = list(lines)
    if len(listed) <= _SHOWN * 2:
        return listed
    return [*listed[:_SHOWN], f"  ... and {len(listed) - _SHOWN} more"]

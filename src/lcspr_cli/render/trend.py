"""Render `lcspr trend`: the headline counts at each quarter's end, one column per quarter
(oldest first, as a chart reads), as a table, markdown or JSON."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.text import Text

from ..pipeline import TrendResult
from ..queries.trend import Point, keys
from ..wording import human_date
from . import json_text, markdown
from .tables import Column, draw_markdown, draw_table

Row = tuple[str, ...]
"""A measure's label, then its value at each quarter's end."""
REBUILT = "rebuilt"


def _rows(points: tuple[Point, ...]) -> list[Row]:
    def label(key: str) -> str:
        return key.replace("-", " ").capitalize()

    rows: list[Row] = [
        ("Quarter ended", *(human_date(p.day) for p in points)),
        ("Made from", *(p.recorded.short if p.recorded else REBUILT for p in points)),
        ("Recommendations", *(str(p.recommendations) for p in points)),
    ]
    for which in ("recommendations_by_status", "recommendations_by_rag"):
        rows += [
            (f"  {label(key)}", *(str(getattr(p, which).get(key, 0)) for p in points))
            for key in keys(points, which)
        ]
    rows += [
        ("Overdue (items)", *(str(p.overdue) for p in points)),
        ("Unowned (items)", *(str(p.unowned) for p in points)),
        ("Missing evidence (items)", *(str(p.missing_evidence) for p in points)),
    ]
    return rows


def _columns(points: tuple[Point, ...]) -> list[Column[Row]]:
    def at(index: int) -> Callable[[Row], str]:
        return lambda row: row[index]

    columns: list[Column[Row]] = [Column("", at(0))]
    columns += [Column(str(p.quarter), at(i), right=True) for i, p in enumerate(points, 1)]
    return columns


def note(result: TrendResult) -> str:
    """What the counts are, and which were rebuilt from today's files, and why."""
    words = (
        "Counts at the end of each quarter, from the data folder as it was committed to git "
        "at the end of that day (the commit is named)."
    )
    if any(p.recorded is None for p in result.points):
        why = result.not_recorded or "the data folder is not in git"
        reason = "asked for with --as-corrected" if why == "--as-corrected" else why
        words += f" Quarters marked {REBUILT} are today's files rebuilt to that day: {reason}."
    return words + " Items are actions and recommendations, as `lcspr overdue` lists them."


def trend_table(result: TrendResult, width: int) -> RenderableType:
    points = result.points
    table = draw_table(_columns(points), _rows(points), _title(result), width)
    return Group(table, Text(note(result)))


def trend_markdown(result: TrendResult) -> str:
    points = result.points
    body = draw_markdown(_columns(points), _rows(points), _title(result))
    return f"{body}\n{markdown.escape(note(result))}\n"


def _title(result: TrendResult) -> str:
    return f"Trend over the last {len(result.points)} quarters"


def trend_json(result: TrendResult) -> str:
    quarters = [
        {
            "quarter": p.quarter.key,
            "end": p.day.isoformat(),
            "basis": "recorded" if p.recorded else "corrected",
            "commit": p.recorded.commit if p.recorded else None,
            "recommendations": p.recommendations,
            "recommendations_by_status": p.recommendations_by_status,
            "recommendations_by_rag": p.recommendations_by_rag,
            "overdue": p.overdue,
            "unowned": p.unowned,
            "missing_evidence": p.missing_evidence,
        }
        for p in result.points
    ]
    return json_text.dumps({"quarters": quarters})

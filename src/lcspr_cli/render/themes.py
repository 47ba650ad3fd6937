"""Render `lcspr themes`: learning across reviews, as a table, markdown or JSON."""

from __future__ import annotations

import json
from collections import Counter

from rich.console import RenderableType

from ..queries.report import Report
from ..queries.themes import ThemeLine, theme_lines
from ..queries.views import Rag
from .reports import report_title
from .tables import Column, draw_markdown, draw_table


def _counts(counter: Counter[str], order: list[str]) -> str:
    keys = [*order, *(key for key in counter if key not in order)]
    return ", ".join(f"{counter[key]} {key}" for key in keys if counter[key])


_STATUSES = ["open", "in-progress", "complete", "assured", "closed", "not-accepted"]
THEME_COLUMNS: tuple[Column[ThemeLine], ...] = (
    Column("Theme", lambda t: t.id),
    Column("Reviews", lambda t: ", ".join(t.reviews), give=3),
    Column("Recommendations", lambda t: ", ".join(v.item.id for v in t.recommendations), give=1),
    Column("Status", lambda t: _counts(t.by_status, _STATUSES), give=2, floor=12),
    Column("RAG", lambda t: _counts(t.by_rag, [r.value for r in Rag]), give=2),
)
"""The terminal's columns; documents add each theme's title."""
_TITLE = Column[ThemeLine]("Title", lambda t: t.title)


def themes_table(report: Report, width: int) -> RenderableType:
    return draw_table(THEME_COLUMNS, theme_lines(report), report_title("Themes", report), width)


def themes_markdown(report: Report) -> str:
    columns = (THEME_COLUMNS[0], _TITLE, *THEME_COLUMNS[1:])
    return draw_markdown(columns, theme_lines(report), report_title("Themes", report))


def themes_json(report: Report) -> str:
    items = [
        {
            "id": line.id,
            "title": line.title,
            "reviews": list(line.reviews),
            "recommendations": [
                {
                    "id": view.item.id,
                    "review": view.item.review,
                    "status": view.status,
                    "rag": view.rag.value,
                }
                for view in line.recommendations
            ],
        }
        for line in theme_lines(report)
    ]
    return json.dumps({"as_of": report.as_of.isoformat(), "themes": items}, indent=2)

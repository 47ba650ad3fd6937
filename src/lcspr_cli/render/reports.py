"""Render the reports (status, overdue, unowned, missing evidence, agencies, show) as rich
tables, JSON or markdown.

Each tabular report is a list of columns; the terminal table and the markdown table are
drawn from the same columns, so they always agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..queries.agencies import AgencyLine, agency_lines
from ..queries.findings import Finding, Kind
from ..queries.report import Report
from ..queries.views import Rag, RecommendationView
from ..wording import human_date, plural
from . import markdown
from .problems import display_path
from .safe import clean

T = TypeVar("T")

RAG_STYLES = {
    Rag.RED: "bold white on red",
    Rag.AMBER: "bold black on dark_orange",
    Rag.GREEN: "bold white on green4",
    Rag.BLUE: "bold white on blue",
    Rag.GREY: "bold black on grey70",
}


def rag_text(rag: Rag) -> Text:
    """The RAG rating, coloured and spelled out so it reads without colour."""
    return Text(rag.value.capitalize(), style=RAG_STYLES[rag])


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], str]
    right: bool = False
    max_width: int | None = None
    no_wrap: bool = False
    styled: Callable[[T], Text] | None = None
    min_width: int | None = None
    ratio: bool = False
    """Set on the one column that is cut to fit the width."""


def draw_table(columns: Sequence[Column[T]], rows: Sequence[T], title: str, width: int) -> Table:
    """A table `width` characters wide at most: every column as wide as its content
    (up to its max_width), and the flexible column (ratio) cut to the width left over."""
    natural = [
        min(
            max([len(c.header), *(len(c.value(row)) for row in rows)]),
            c.max_width or width,
        )
        for c in columns
    ]
    # Three spaces between columns (padding either side of an empty rule), none at the edges.
    spare = width - sum(natural) - 3 * (len(columns) - 1)
    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False
    )
    for column, size in zip(columns, natural, strict=True):
        if column.ratio and spare < 0:
            size = max(column.min_width or len(column.header), size + spare)
        table.add_column(
            column.header,
            justify="right" if column.right else "left",
            width=size,
            no_wrap=column.no_wrap,
            overflow="ellipsis" if column.no_wrap else "fold",
        )
    for row in rows:
        table.add_row(*(c.styled(row) if c.styled else Text(clean(c.value(row))) for c in columns))
    return table


def draw_markdown(columns: Sequence[Column[T]], rows: Sequence[T], title: str) -> str:
    right = [i for i, c in enumerate(columns) if c.right]
    body = markdown.table(
        [c.header for c in columns],
        ([markdown.escape(c.value(row)) for c in columns] for row in rows),
        right=right,
    )
    return f"## {markdown.escape(title)}\n\n{body}\n" if rows else f"## {title}\n\nNone.\n"


# --- status -----------------------------------------------------------------


def _flags(view: RecommendationView) -> str:
    names = {Kind.OVERDUE: "overdue", Kind.UNOWNED: "unowned", Kind.MISSING_EVIDENCE: "evidence"}
    return " ".join(name for kind, name in names.items() if view.has(kind))


STATUS_COLUMNS: tuple[Column[RecommendationView], ...] = (
    Column("ID", lambda v: v.item.id, no_wrap=True),
    Column("Title", lambda v: v.item.title, ratio=True, min_width=12, no_wrap=True),
    Column("Owner", lambda v: v.item.owner or "(none)", no_wrap=True, max_width=18),
    Column("Status", lambda v: v.status, no_wrap=True),
    Column("RAG", lambda v: v.rag.value.capitalize(), styled=lambda v: rag_text(v.rag)),
    Column("Done", lambda v: f"{v.actions_complete}/{len(v.counted_actions)}", right=True),
    Column("Next due", lambda v: human_date(v.next_due), no_wrap=True),
    Column("Flags", _flags, max_width=8),
)


def status_totals(report: Report) -> str:
    views = report.recommendations
    by_rag = [
        f"{sum(v.rag is rag for v in views)} {rag.value}"
        for rag in Rag
        if any(v.rag is rag for v in views)
    ]
    flagged = [
        f"{sum(v.has(kind) for v in views)} {label}"
        for kind, label in (
            (Kind.OVERDUE, "overdue"),
            (Kind.UNOWNED, "unowned"),
            (Kind.MISSING_EVIDENCE, "missing evidence"),
        )
    ]
    head = plural(len(views), "recommendation")
    return f"{head}: {', '.join(by_rag) or 'none'}. With {', '.join(flagged)}."


def report_title(name: str, report: Report) -> str:
    return f"{name} as of {human_date(report.as_of, short=False)}"


def status_table(report: Report, width: int) -> RenderableType:
    table = draw_table(
        STATUS_COLUMNS, report.recommendations, report_title("Status", report), width
    )
    return Group(table, Text(status_totals(report)))  # totals are counts: no data text


def status_markdown(report: Report) -> str:
    title = report_title("Status", report)
    return draw_markdown(STATUS_COLUMNS, report.recommendations, title) + (
        f"\n{markdown.escape(status_totals(report))}\n"
    )


def _base(
    item_kind: str,
    ident: str,
    rec: str,
    owner: tuple[str, ...],
    file: Path,
    line: int | None,
) -> dict[str, Any]:
    return {
        "id": ident,
        "kind": item_kind,
        "recommendation": rec,
        "owner": owners_json(owner),
        "file": display_path(file),
        "line": line,
    }


def status_json(report: Report) -> str:
    rows = []
    for view in report.recommendations:
        item = view.item
        rows.append(
            {
                **_base(item.kind, item.id, item.recommendation, item.owners, item.file, item.line),
                "title": item.title,
                "status": view.status,
                "rag": view.rag.value,
                "why": list(view.why),
                "actions_total": len(view.counted_actions),
                "actions_complete": view.actions_complete,
                "next_due": _iso(view.next_due),
                "overdue": view.has(Kind.OVERDUE),
                "unowned": view.has(Kind.UNOWNED),
                "missing_evidence": view.has(Kind.MISSING_EVIDENCE),
            }
        )
    return _dump({"as_of": report.as_of.isoformat(), "recommendations": rows})


def owners_json(owners: tuple[str, ...]) -> str | list[str] | None:
    """Owners in JSON as the file writes them: one id, a list of joint owners, or null."""
    if not owners:
        return None
    return owners[0] if len(owners) == 1 else list(owners)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


# --- overdue, unowned, missing evidence ----------------------------------------

_ID = Column[Finding]("ID", lambda f: f.item.id, no_wrap=True)
_OWNER = Column[Finding]("Owner", lambda f: f.item.owner or "(none)", max_width=24)
_NEXT = Column[Finding]("What to do next", lambda f: f.next_step, ratio=True, min_width=20)
_REASON = Column[Finding]("Reason", lambda f: f.wording.flag if f.wording else "")

FINDING_COLUMNS: dict[Kind, tuple[Column[Finding], ...]] = {
    Kind.OVERDUE: (
        _ID,
        _OWNER,
        Column("Due", lambda f: human_date(f.item.due), no_wrap=True),
        Column("Days over", lambda f: str(f.days_overdue), right=True),
        _NEXT,
    ),
    Kind.UNOWNED: (_ID, _OWNER, _REASON, _NEXT),
    Kind.MISSING_EVIDENCE: (_ID, _OWNER, _REASON, _NEXT),
}
FINDING_TITLES = {
    Kind.OVERDUE: "Overdue",
    Kind.UNOWNED: "Unowned",
    Kind.MISSING_EVIDENCE: "Missing evidence",
}


def findings_table(kind: Kind, report: Report, width: int) -> RenderableType:
    found = report.findings(kind)
    title = report_title(FINDING_TITLES[kind], report)
    if not found:
        return Text(f"{title}: none.")
    return draw_table(FINDING_COLUMNS[kind], found, title, width)


def findings_markdown(kind: Kind, report: Report) -> str:
    title = report_title(FINDING_TITLES[kind], report)
    return draw_markdown(FINDING_COLUMNS[kind], report.findings(kind), title)


def findings_json(kind: Kind, report: Report) -> str:
    items = []
    for finding in report.findings(kind):
        item = finding.item
        row = _base(item.kind, item.id, item.recommendation, item.owners, item.file, item.line)
        if kind is Kind.OVERDUE:
            row |= {"due": _iso(item.due), "days_overdue": finding.days_overdue}
        elif kind is Kind.UNOWNED:
            row |= {"reason": finding.reason, "successors": list(finding.successors)}
        else:
            row |= {"reason": finding.reason, "evidence": finding.evidence}
        row["next_step"] = finding.next_step
        items.append(row)
    return _dump({"as_of": report.as_of.isoformat(), "items": items})


# --- agencies ------------------------------------------------------------------


def _ended(line: AgencyLine) -> str:
    if not line.known:
        return "not in agencies.yaml" if line.id != "(no owner)" else ""
    if line.ended is None:
        return ""
    heirs = f"; now {', '.join(line.successors)}" if line.successors else ""
    return f"ended {human_date(line.ended)}{heirs}"


AGENCY_COLUMNS: tuple[Column[AgencyLine], ...] = (
    Column("Agency", lambda a: a.id, no_wrap=True),
    Column("Recs", lambda a: str(a.recommendations), right=True),
    Column("Actions", lambda a: str(a.actions), right=True),
    Column("Open", lambda a: str(a.open), right=True),
    Column("Overdue", lambda a: str(a.overdue), right=True),
    Column("No evidence", lambda a: str(a.missing_evidence), right=True),
    Column("Ended", _ended, ratio=True, min_width=12),
)


def agencies_table(report: Report, width: int) -> RenderableType:
    return draw_table(AGENCY_COLUMNS, agency_lines(report), report_title("Agencies", report), width)


def agencies_markdown(report: Report) -> str:
    return draw_markdown(AGENCY_COLUMNS, agency_lines(report), report_title("Agencies", report))


def agencies_json(report: Report) -> str:
    items = [
        {
            "id": line.id,
            "kind": "agency",
            "name": line.name or None,
            "known": line.known,
            "ended": _iso(line.ended),
            "successors": list(line.successors),
            "recommendations": line.recommendations,
            "actions": line.actions,
            "open": line.open,
            "overdue": line.overdue,
            "missing_evidence": line.missing_evidence,
        }
        for line in agency_lines(report)
    ]
    return _dump({"as_of": report.as_of.isoformat(), "items": items})

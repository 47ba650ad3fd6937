"""`lcspr export`: the report as a spreadsheet, for agency leads and boards who live in Excel.

One row per action, with its recommendation's columns, and a row for each recommendation
without actions. A workbook has a sheet per review and a Summary sheet with the headline
counts; a CSV file is the same rows in one table, UTF-8 with a byte-order mark so that
Excel reads it right. The headings are ones `lcspr import` reads back, so an export
imported into a folder with the same agencies and reviews reports the same.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from msgspec import Struct

from ..queries.findings import Kind
from ..queries.report import Report
from ..queries.summary import Counts
from ..queries.views import ActionView, Rag, RecommendationView
from ..records.models import Action, Evidence, Recommendation, Update
from ..wording import human_date, plural
from . import xlsx

COLUMNS = (
    "ID",
    "No.",
    "Recommendation",
    "Action",
    "Lead agency",
    "Lead officer",
    "Supporting agencies",
    "Target date",
    "Revised target date",
    "Status",
    "RAG",
    "RAG reason",
    "Latest update",
    "Evidence of completion",
    "Date completed",
    "Rec ID",
    "Title",
    "Rec lead agency",
    "Rec target date",
    "Rec status",
    "Rec RAG",
    "Assured on",
    "Assured by",
    "Assurance evidence",
    "Date closed",
)
_WIDE = frozenset(
    COLUMNS.index(c)
    for c in (
        "Recommendation",
        "Action",
        "RAG reason",
        "Latest update",
        "Evidence of completion",
        "Title",
        "Assurance evidence",
        "Lead agency",
        "Rec lead agency",
        "Assured by",
        "Supporting agencies",
    )
)
_RAG = frozenset({COLUMNS.index("RAG"), COLUMNS.index("Rec RAG")})
_STATUS = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "complete": "Complete",
    "dropped": "Dropped",
    "open": "Open",
    "assured": "Assured",
    "closed": "Closed",
    "not-accepted": "Not accepted",
}


class Export(Struct, frozen=True):
    """What an export holds: its rows by review, and its Summary sheet. Once it is made,
    the report can go before the file is written (which, for a workbook of 10,000
    recommendations, took 220 MB off its peak)."""

    by_review: dict[str, list[list[Any]]]
    summary_sheet: xlsx.SheetData
    summary: str
    """What it holds, in a few words: `24 rows (12 recommendations, 20 actions)`."""


def export(report: Report) -> Export:
    """The rows of the report, ready to `write`."""
    by_review = _rows(report)
    rows = sum(len(r) for r in by_review.values())
    actions = sum(len(v.actions) for v in report.recommendations)
    summary = (
        f"{plural(rows, 'row')} ({plural(len(report.recommendations), 'recommendation')}, "
        f"{plural(actions, 'action')})"
    )
    return Export(by_review, _summary_sheet(report, by_review), summary)


def write(export: Export, kind: str, created: date) -> bytes:
    """The export as a workbook (`kind` .xlsx) or a CSV file (.csv)."""
    if kind == ".csv":
        return _csv(export.by_review)
    sheets = [export.summary_sheet]
    names = {"summary"}
    for review, review_rows in export.by_review.items():
        name = _sheet_name(review, names)
        sheets.append(
            xlsx.SheetData(
                name, [COLUMNS, *review_rows], _widths(review_rows), wrap=_WIDE, rag=_RAG
            )
        )
    return xlsx.workbook(sheets, created)


def written_by_lcspr(data: bytes, kind: str) -> bool:
    """Whether a file is an export lcspr wrote (and, for a workbook, nobody saved since)."""
    if kind == ".csv":
        first = data.split(b"\n", 1)[0].rstrip(b"\r")
        return first == _csv({}).split(b"\n", 1)[0].rstrip(b"\r")
    return xlsx.written_by_lcspr(data)


def _sheet_name(review: str, taken: set[str]) -> str:
    """A sheet name Excel allows (31 characters, none of []:*?/\\), unique in any case."""
    name = "".join("-" if c in "[]:*?/\\" else c for c in review)[:31] or "Review"
    base, number = name, 2
    while name.lower() in taken:
        name, number = f"{base[:28]} {number}", number + 1
    taken.add(name.lower())
    return name


# --- the rows ---------------------------------------------------------------------------


def _rows(report: Report) -> dict[str, list[list[Any]]]:
    by_review: dict[str, list[list[Any]]] = {review: [] for review in report.reviews}
    names = {ident: agency.name for ident, agency in report.agencies.items()}
    for view in report.recommendations:
        rows = by_review.setdefault(view.item.review, [])
        shared = _recommendation_columns(view, names)
        if not view.actions:
            rows.append(_own_row(view, names) + shared)
        rows.extend(_action_row(view, a, names) + shared for a in view.actions)
    return {review: rows for review, rows in by_review.items() if rows}


def _owners(owners: Sequence[str], names: dict[str, str]) -> str:
    return "; ".join(names.get(owner, owner) for owner in owners)


def _when(day: date | None) -> Any:
    """A target date as a real date, or a month or quarter as written: March 2026."""
    if day is None:
        return None
    return human_date(day) if getattr(day, "form", "") else day


def _latest(updates: Sequence[Update]) -> str | None:
    if not updates:
        return None
    latest = max(updates, key=lambda u: u.date)
    return f"{latest.date.strftime('%d/%m/%Y')}: {latest.note}"


def _revised(item: Action | Recommendation) -> Any:
    return _when(item.effective_due) if item.target_changes else None


def _action_row(view: RecommendationView, rated: ActionView, names: dict[str, str]) -> list[Any]:
    action = rated.action
    return [
        action.id,
        _number(view.recommendation.number),
        view.recommendation.text,
        action.action,
        _owners(action.owners, names),
        action.lead_role,
        _owners(action.supporting, names),
        _when(action.due),
        _revised(action),
        _STATUS[action.status],
        rated.rag.value.capitalize(),
        "; ".join(rated.why),
        _latest(action.updates),
        _evidence(action.evidence),
        action.completed_on,
    ]


def _own_row(view: RecommendationView, names: dict[str, str]) -> list[Any]:
    rec = view.recommendation
    return [
        rec.id,
        _number(rec.number),
        rec.text,
        None,
        _owners(rec.owners, names),
        rec.lead_role,
        _owners(rec.supporting, names),
        _when(rec.due),
        _revised(rec),
        _STATUS[view.status],
        view.rag.value.capitalize(),
        "; ".join(view.why),
        _latest(rec.updates),
        _evidence(rec.evidence),
        getattr(rec, "completed_on", None),
    ]


def _recommendation_columns(view: RecommendationView, names: dict[str, str]) -> list[Any]:
    rec = view.recommendation
    assurance = rec.assurance
    return [
        rec.id,
        rec.title,
        _owners(rec.owners, names),
        _when(rec.effective_due),
        _STATUS[view.status],
        view.rag.value.capitalize(),
        assurance.date if assurance else None,
        assurance.by if assurance else None,
        _evidence(assurance.evidence) if assurance else None,
        rec.closed_on,
    ]


def _evidence(items: Sequence[Evidence]) -> str | None:
    """Evidence items, one a line, each with where it is when that is a file or a web
    address: `Audit report (evidence/audit.pdf)`."""
    lines = [f"{e.title} ({e.path or e.url})" if e.path or e.url else e.title for e in items]
    return "\n".join(lines) or None


def _number(number: str) -> int | str:
    """A recommendation's number: a number for Excel when it is one, else as written."""
    return int(number) if number.isdigit() and not number.startswith("0") else number


_WIDEST = 50
"""The widest a column is made, in characters: longer texts wrap."""


def _widths(rows: Sequence[Sequence[Any]]) -> list[float]:
    """Each column as wide as its heading and its content, up to `_WIDEST` characters.
    Column by column, each looked at only until it is as wide as it can be."""
    widths = []
    for index, heading in enumerate(COLUMNS):
        width = len(heading)
        for row in rows:
            if width >= _WIDEST:
                break
            value = row[index]
            if value is None:
                continue
            if isinstance(value, date):
                size = 10
            else:
                text = value if isinstance(value, str) else str(value)
                size = len(text) if "\n" not in text else max(map(len, text.split("\n")))
            width = max(width, size)
        widths.append(min(width, _WIDEST) + 2.7)
    return widths


def _csv(by_review: dict[str, list[list[Any]]]) -> bytes:
    stream = io.BytesIO()  # encoded as it is written: the text is never held whole
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for rows in by_review.values():
        writer.writerows([_csv_value(v) for v in row] for row in rows)
    text.flush()
    return stream.getvalue()


def _csv_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# --- the Summary sheet -------------------------------------------------------------------


def _summary_sheet(report: Report, by_review: dict[str, list[list[Any]]]) -> xlsx.SheetData:
    counts = Counts.of(report)
    views = report.recommendations
    scope = [f"reviews: {', '.join(report.reviews) or 'none'}"]
    if report.owner:
        name = report.agencies[report.owner].name if report.owner in report.agencies else ""
        scope.append(f"what {name or report.owner} owns")
    rows: list[list[Any]] = [
        [f"Status as of {human_date(report.as_of, short=False)}"],
        [f"Exported by lcspr: {'; '.join(scope)}."],
        [],
        ["Recommendations by RAG", "Count"],
        *([rag.capitalize(), n] for rag, n in counts.recommendations_by_rag.items()),
        [],
        ["Recommendations by status", "Count"],
        *([_STATUS[s], n] for s, n in counts.recommendations_by_status.items()),
        [],
        ["Actions by status", "Count"],
        *([_STATUS[s], n] for s, n in counts.actions_by_status.items()),
        [],
        ["Needs attention", "Recommendations"],
        *(
            [label, sum(v.has(kind) for v in views)]
            for kind, label in (
                (Kind.OVERDUE, "Overdue, or with an action overdue"),
                (Kind.UNOWNED, "Unowned, or with an action unowned"),
                (Kind.MISSING_EVIDENCE, "Missing evidence"),
            )
        ),
        [],
        ["Review", "Recommendations", "Actions", *(r.value.capitalize() for r in Rag)],
    ]
    for review in by_review:
        mine = [v for v in views if v.item.review == review]
        rags = [sum(v.rag is rag for v in mine) for rag in Rag]
        rows.append([review, len(mine), sum(len(v.actions) for v in mine), *rags])
    bold = {(0, 0): xlsx.TITLE}
    bold |= {
        (i, 0): xlsx.HEADER
        for i, row in enumerate(rows)
        if len(row) > 1 and i > 1 and isinstance(row[1], str)
    }
    bold |= {(i, 1): xlsx.HEADER for i, _ in bold.copy() if i > 0}
    last = len(rows) - 1
    bold |= {(last - len(by_review), c): xlsx.HEADER for c in range(3 + len(Rag))}
    return xlsx.SheetData(
        "Summary", rows, [36, 16, 10, 8, 8, 8, 8, 8], table=False, rag=frozenset(), styles=bold
    )

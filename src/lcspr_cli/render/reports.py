"""Render the reports (status, overdue, unowned, missing evidence, agencies, due) as
terminal tables, JSON or markdown, each table drawn from one list of columns (`tables`).

Tables name agencies as people know them (their `short_name`, else the id); JSON keeps
the ids, for scripts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec.structs import asdict

from ..queries.agencies import NO_OWNER, AgencyLine, agency_lines
from ..queries.findings import Finding, Kind
from ..queries.recorded import RecordedReport
from ..queries.reminders import Reminder, due_within
from ..queries.report import Report
from ..queries.views import Rag, RecommendationView
from ..records.models import Agency
from ..wording import human_date, plural
from . import json_text, markdown
from .problems import display_path
from .tables import Column, draw_markdown, draw_table, rag_text

if TYPE_CHECKING:  # rich is imported when a table is drawn: JSON and markdown need none
    from rich.console import RenderableType


def owner_label(owners: tuple[str, ...], agencies: Mapping[str, Agency]) -> str:
    """Owners as people know them: each agency's short name, else its id."""
    names = [(agencies[o].short_name or o) if o in agencies else o for o in owners]
    return ", ".join(names) or "(none)"


# --- status -----------------------------------------------------------------


_FLAGS = {Kind.OVERDUE: "overdue", Kind.UNOWNED: "unowned", Kind.MISSING_EVIDENCE: "no evidence"}


def _flags(view: RecommendationView) -> list[str]:
    return [name for kind, name in _FLAGS.items() if view.has(kind)]


def status_columns(agencies: Mapping[str, Agency]) -> tuple[Column[RecommendationView], ...]:
    return (
        Column("ID", lambda v: v.item.id),
        Column("Title", lambda v: v.item.title, give=2, floor=16),
        Column("Owner", lambda v: owner_label(v.item.owners, agencies), give=3),
        Column("Status", lambda v: v.status),
        Column("RAG", lambda v: v.rag.value.capitalize(), styled=lambda v: rag_text(v.rag)),
        Column("Done", lambda v: f"{v.actions_complete}/{len(v.counted_actions)}", right=True),
        Column("Next due", lambda v: human_date(v.next_due)),
        Column("Flags", lambda v: " ".join(_flags(v)), give=1, parts=_flags),
    )


def _why(view: RecommendationView) -> str:
    """The reasons for a Red or an Amber rating (none for the others)."""
    return "; ".join(view.why) if view.rag in (Rag.RED, Rag.AMBER) else ""


def status_totals(report: Report) -> str:
    """What the table counts: recommendations by RAG, and those flagged (by their own
    finding or one of their actions'), then the items the findings reports list."""
    views = report.recommendations
    by_rag = [
        f"{sum(v.rag is rag for v in views)} {rag.value}"
        for rag in Rag
        if any(v.rag is rag for v in views)
    ]
    counted = [
        f"{label} {sum(v.has(kind) for v in views)} "
        f"({plural(len(report.findings(kind)), 'item')} in lcspr {command})"
        for kind, label, command in (
            (Kind.OVERDUE, "overdue, or with an action overdue:", "overdue"),
            (Kind.UNOWNED, "unowned:", "unowned"),
            (Kind.MISSING_EVIDENCE, "missing evidence:", "missing-evidence"),
        )
    ]
    head = plural(len(views), "recommendation")
    return f"{head}: {', '.join(by_rag) or 'none'}. Recommendations {'; '.join(counted)}."


def report_title(name: str, report: Report) -> str:
    """The heading: as of the report's day, or, for a report made from the data folder
    as recorded, "as recorded on 30 September 2025 (commit 1a2b3c4)"."""
    if isinstance(report, RecordedReport) and report.recorded is not None:
        return f"{name} {report.recorded.words}"
    return f"{name} as of {human_date(report.as_of, short=False)}"


def with_recorded(text: str, report: Report) -> str:
    """A report's JSON with, when it was made as recorded, `recorded` after `as_of`: the
    commit it was made from and when that commit was made."""
    if not isinstance(report, RecordedReport) or report.recorded is None:
        return text
    value = json.loads(text)
    commit = report.recorded
    recorded = {"commit": commit.commit, "committed": commit.committed.isoformat()}
    first = {key: item for key, item in value.items() if key == "as_of"}
    return _dump({**first, "recorded": recorded, **value})


def status_table(report: Report, width: int) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    columns = status_columns(report.agencies)
    title = report_title("Status", report)
    parts: list[RenderableType] = [draw_table(columns, report.recommendations, title, width)]
    reasons = [(v.item.id, v.rag, _why(v)) for v in report.recommendations if _why(v)]
    if reasons:  # the reasons under the table, where they have the whole width
        size = max(len(ident) for ident, _, _ in reasons)
        parts.append(Text("Why red or amber:"))
        parts.extend(
            Text.assemble(f"  {ident:<{size}}  ", rag_text(rag), f"  {why}")
            for ident, rag, why in reasons
        )
    parts.append(Text(status_totals(report)))  # totals are counts: no data text
    return Group(*parts)


def status_markdown(report: Report) -> str:
    title = report_title("Status", report)
    columns = (*status_columns(report.agencies), Column("Why", _why))
    return draw_markdown(columns, report.recommendations, title) + (
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
    return json_text.dumps(value)


# --- overdue, unowned, missing evidence ----------------------------------------


def finding_columns(kind: Kind, agencies: Mapping[str, Agency]) -> tuple[Column[Finding], ...]:
    ident = Column[Finding]("ID", lambda f: f.item.id)
    owner = Column[Finding]("Owner", lambda f: owner_label(f.item.owners, agencies), give=2)
    next_step = Column[Finding]("What to do next", lambda f: f.next_step, give=1, floor=20)
    reason = Column[Finding]("Reason", lambda f: f.wording.flag if f.wording else "", give=3)
    if kind is Kind.OVERDUE:
        due = Column[Finding]("Due", lambda f: human_date(f.item.due))
        days = Column[Finding]("Days over", lambda f: str(f.days_overdue), right=True)
        return (ident, owner, due, days, next_step)
    return (ident, owner, reason, next_step)


FINDING_TITLES = {
    Kind.OVERDUE: "Overdue",
    Kind.UNOWNED: "Unowned",
    Kind.MISSING_EVIDENCE: "Missing evidence",
}


def findings_table(kind: Kind, report: Report, width: int) -> RenderableType:
    from rich.text import Text

    found = report.findings(kind)
    title = report_title(FINDING_TITLES[kind], report)
    if not found:
        return Text(f"{title}: none.")
    return draw_table(finding_columns(kind, report.agencies), found, title, width)


def findings_markdown(kind: Kind, report: Report) -> str:
    title = report_title(FINDING_TITLES[kind], report)
    return draw_markdown(finding_columns(kind, report.agencies), report.findings(kind), title)


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
        return "not in agencies.yaml" if line.id != NO_OWNER else ""
    if line.ended is None:
        return ""
    heirs = f"; now {', '.join(line.successors)}" if line.successors else ""
    return f"ended {human_date(line.ended)}{heirs}"


AGENCY_COLUMNS: tuple[Column[AgencyLine], ...] = (
    Column("Agency", lambda a: a.short_name or a.id, give=1),
    Column("Recs owned", lambda a: str(a.recommendations.owned), right=True),
    Column("Recs open", lambda a: str(a.recommendations.open), right=True),
    Column("Recs overdue", lambda a: str(a.recommendations.overdue), right=True),
    Column("Actions owned", lambda a: str(a.actions.owned), right=True),
    Column("Actions open", lambda a: str(a.actions.open), right=True),
    Column("Actions overdue", lambda a: str(a.actions.overdue), right=True),
    Column("Actions no evidence", lambda a: str(a.actions.missing_evidence), right=True),
    Column("Supports", lambda a: str(a.supporting), right=True),
)
_ENDED = Column[AgencyLine]("Ended", _ended)


def agencies_table(report: Report, width: int) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    lines = agency_lines(report)
    title = report_title("Agencies", report)
    parts: list[RenderableType] = [draw_table(AGENCY_COLUMNS, lines, title, width)]
    notes = [f"  {line.short_name or line.id}: {_ended(line)}" for line in lines if _ended(line)]
    if notes:  # under the table, where they have the whole width
        parts += [Text("Ended, or not in agencies.yaml:"), *(Text(note) for note in notes)]
    return Group(*parts)


def agencies_markdown(report: Report) -> str:
    title = report_title("Agencies", report)
    return draw_markdown((*AGENCY_COLUMNS, _ENDED), agency_lines(report), title)


def agencies_json(report: Report) -> str:
    items = [
        {
            "id": line.id,
            "kind": "agency",
            "name": line.name or None,
            "short_name": line.short_name or None,
            "known": line.known,
            "ended": _iso(line.ended),
            "successors": list(line.successors),
            "recommendations": asdict(line.recommendations),
            "actions": asdict(line.actions),
            "supporting": line.supporting,
        }
        for line in agency_lines(report)
    ]
    return _dump({"as_of": report.as_of.isoformat(), "items": items})


# --- due ---------------------------------------------------------------------


def due_columns(agencies: Mapping[str, Agency]) -> tuple[Column[Reminder], ...]:
    return (
        Column("Owner", lambda r: owner_label(r.accountable, agencies), give=3),
        Column("ID", lambda r: r.item.id),
        Column("Due", lambda r: human_date(r.item.due)),
        Column("Lead role", lambda r: r.lead_role or "", give=1, floor=16),
        Column("What", lambda r: r.text, give=2, floor=24),
    )


def due_table(report: Report, within: int, width: int) -> RenderableType:
    from rich.text import Text

    title = report_title(f"Due within {plural(within, 'day')}", report)
    found = due_within(report, within)
    if not found:
        return Text(f"{title}: nothing.")
    return draw_table(due_columns(report.agencies), found, title, width)


def due_markdown(report: Report, within: int) -> str:
    title = report_title(f"Due within {plural(within, 'day')}", report)
    return draw_markdown(due_columns(report.agencies), due_within(report, within), title)


def due_json(report: Report, within: int) -> str:
    items = [
        {
            **_base(r.item.kind, r.item.id, r.item.recommendation, r.item.owners, r.item.file,
                    r.item.line),
            "accountable": list(r.accountable),
            "due": _iso(r.item.due),
            "lead_role": r.lead_role,
            "what": r.text,
        }
        for r in due_within(report, within)
    ]  # fmt: skip
    return _dump({"as_of": report.as_of.isoformat(), "within_days": within, "items": items})

"""Render one recommendation or action in full, for `lcspr show`."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..queries.report import ActionView, RecommendationView, Report
from ..records.models import Agency, Evidence, Update
from ..wording import human_date
from . import markdown
from .problems import display_path
from .reports import Column, draw_table, rag_text
from .safe import clean

View = RecommendationView | ActionView


def find(report: Report, ident: str) -> View | None:
    """The recommendation or action with this id (any case), if the report has it."""
    wanted = ident.strip().upper()
    for view in report.recommendations:
        if view.item.id.upper() == wanted:
            return view
        for action in view.actions:
            if action.item.id.upper() == wanted:
                return action
    return None


def _agency(ident: str | None, agencies: Mapping[str, Agency]) -> str:
    if ident is None:
        return "(no owner)"
    agency = agencies.get(ident)
    return f"{agency.name} ({ident})" if agency else f"{ident} (not in agencies.yaml)"


def _fields(view: View, report: Report) -> list[tuple[str, str]]:
    """The label and value lines shown at the top, in reading order."""
    item = view.item
    owner = _agency(item.owner, report.agencies)
    if isinstance(view, RecommendationView):
        rec = view.recommendation
        lines = [
            ("Review", rec.review),
            ("Owner", owner),
            ("Status", rec.status),
            ("Due", human_date(rec.due, short=False)),
            ("Themes", ", ".join(rec.themes)),
        ]
        if rec.assurance:
            lines.append(
                ("Assured", f"{human_date(rec.assurance.date, short=False)} by {rec.assurance.by}")
            )
        if rec.closed_on:
            lines.append(("Closed", human_date(rec.closed_on, short=False)))
        lines.append(
            ("Actions", f"{view.actions_complete} of {len(view.counted_actions)} complete")
        )
        return [(label, value) for label, value in lines if value]
    action = view.action
    lines = [
        ("Recommendation", item.recommendation),
        ("Owner", owner),
        ("Lead role", action.lead_role or ""),
        ("Supporting", ", ".join(action.supporting)),
        ("Status", action.status),
        ("Due", human_date(action.due, short=False)),
    ]
    if action.revised_due:
        lines.append(
            (
                "Revised due",
                f"{human_date(action.revised_due, short=False)}: {action.revised_reason}",
            )
        )
    if action.completed_on:
        lines.append(("Completed", human_date(action.completed_on, short=False)))
    if action.dropped_reason:
        lines.append(("Dropped", action.dropped_reason))
    return [(label, value) for label, value in lines if value]


def _heading(view: View) -> str:
    if isinstance(view, RecommendationView):
        return f"Recommendation {view.item.id}: {view.item.title}"
    return f"Action {view.item.id}"


def _text(view: View) -> str:
    if isinstance(view, RecommendationView):
        return view.recommendation.text
    return view.action.action


def _evidence(view: View) -> tuple[Evidence, ...]:
    if isinstance(view, RecommendationView):
        assurance = view.recommendation.assurance
        return assurance.evidence if assurance else ()
    return view.action.evidence


def _updates(view: View) -> list[Update]:
    if isinstance(view, RecommendationView):
        return []
    return sorted(view.action.updates, key=lambda u: u.date, reverse=True)


def _where(evidence: Evidence) -> str:
    return evidence.path or evidence.url or f"held by {evidence.held_by}"


ACTION_COLUMNS: tuple[Column[ActionView], ...] = (
    Column("ID", lambda a: a.item.id, no_wrap=True),
    Column("RAG", lambda a: a.rag.value.capitalize(), styled=lambda a: rag_text(a.rag)),
    Column("Status", lambda a: a.action.status, no_wrap=True),
    Column("Due", lambda a: human_date(a.action.effective_due), no_wrap=True),
    Column("Owner", lambda a: a.item.owner or "(none)", no_wrap=True, max_width=22),
    Column("Action", lambda a: a.action.action, ratio=True, min_width=20),
)


def show_text(view: View, report: Report, width: int) -> RenderableType:
    heading = Text(clean(_heading(view)), style="bold")
    fields = Table.grid(padding=(0, 2))
    fields.add_column(no_wrap=True)
    fields.add_column()
    for label, value in _fields(view, report):
        fields.add_row(label, Text(clean(value)))
    fields.add_row("RAG", Text.assemble(rag_text(view.rag), f"  {'; '.join(view.why)}"))
    parts: list[RenderableType] = [heading, Text(clean(_text(view))), Text(""), fields]
    if isinstance(view, RecommendationView) and view.actions:
        parts += [Text(""), draw_table(ACTION_COLUMNS, view.actions, "Actions", width)]
    for heading_text, lines in _lists(view):
        parts.append(Text(f"\n{heading_text}", style="bold"))
        parts.extend(Text(f"  {clean(line)}") for line in lines)
    return Group(*parts)


def _lists(view: View) -> Iterator[tuple[str, list[str]]]:
    evidence = _evidence(view)
    label = "Assurance evidence" if isinstance(view, RecommendationView) else "Evidence"
    if isinstance(view, ActionView) or view.recommendation.assurance:
        yield (
            label,
            [f"{human_date(e.date)}: {e.title} ({_where(e)})" for e in evidence] or ["(none)"],
        )
    if isinstance(view, ActionView):
        yield (
            "Updates (newest first)",
            [f"{human_date(u.date)}: {u.note}" for u in _updates(view)] or ["(none)"],
        )


def show_markdown(view: View, report: Report) -> str:
    lines = [f"## {markdown.escape(_heading(view))}", "", markdown.escape(_text(view)), ""]
    lines += [f"- **{label}:** {markdown.escape(value)}" for label, value in _fields(view, report)]
    lines.append(
        f"- **RAG:** {view.rag.value.capitalize()} ({markdown.escape('; '.join(view.why))})"
    )
    if isinstance(view, RecommendationView) and view.actions:
        lines += ["", "### Actions", ""]
        lines.append(
            markdown.table(
                ["ID", "Owner", "Status", "RAG", "Due", "Action"],
                [
                    [
                        a.item.id,
                        markdown.escape(a.item.owner or "(no owner)"),
                        a.action.status,
                        a.rag.value.capitalize(),
                        human_date(a.action.effective_due),
                        markdown.escape(a.action.action),
                    ]
                    for a in view.actions
                ],
            )
        )
    for heading, entries in _lists(view):
        lines += ["", f"### {heading}", ""]
        lines += [f"- {markdown.escape(entry)}" for entry in entries]
    return "\n".join(lines) + "\n"


def show_json(view: View, report: Report, cwd: Path) -> str:
    item = view.item
    record: Any
    if isinstance(view, RecommendationView):
        record = view.recommendation.model_dump(mode="json", by_alias=True, exclude={"actions"})
        extra: dict[str, Any] = {
            "actions": [
                {"id": a.item.id, "status": a.action.status, "rag": a.rag.value, "why": list(a.why)}
                for a in view.actions
            ]
        }
    else:
        record = view.action.model_dump(mode="json", by_alias=True)
        record["updates"] = [u.model_dump(mode="json") for u in _updates(view)]
        extra = {}
    entry = {
        "id": item.id,
        "kind": item.kind,
        "recommendation": item.recommendation,
        "owner": item.owner,
        "file": display_path(item.file, cwd),
        "line": item.line,
        "rag": view.rag.value,
        "why": list(view.why),
        "record": record,
        **extra,
    }
    return json.dumps(
        {"as_of": report.as_of.isoformat(), "items": [entry]}, indent=2, ensure_ascii=False
    )

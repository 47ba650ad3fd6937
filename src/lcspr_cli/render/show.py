"""Render one recommendation or action in full, for `lcspr show`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..queries.recorded import RecordedReport
from ..queries.report import Report
from ..queries.succession import Standing, standing, successors
from ..queries.views import ActionView, RecommendationView
from ..records.models import Evidence, Measure, Recommendation, TargetChange, Update
from ..wording import human_date
from . import json_text, markdown
from .problems import display_path
from .reports import owner_label, owners_json, with_recorded
from .safe import clean
from .tables import Column, draw_table, rag_text

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


def _owners(owners: tuple[str, ...], report: Report) -> str:
    """Each owner by name, saying which has ended (and who took over) or is not yet formed."""
    return "; ".join(_agency(owner, report) for owner in owners) or "(no owner)"


def _agency(ident: str, report: Report) -> str:
    agency = report.agencies.get(ident)
    if agency is None:
        return f"{ident} (not in agencies.yaml)"
    place = standing(ident, report.agencies, report.as_of)
    if place is Standing.ENDED:
        heirs = ", ".join(successors(ident, report.agencies, report.as_of)) or "none recorded"
        return f"{agency.name} ({ident}), ended {human_date(agency.until)}; now {heirs}"
    if place is Standing.NOT_FORMED:
        return f"{agency.name} ({ident}), formed {human_date(agency.from_)}"
    return f"{agency.name} ({ident})"


def _target_lines(changes: tuple[TargetChange, ...]) -> list[tuple[str, str]]:
    lines = []
    for change in changes:
        agreed = f", agreed {human_date(change.agreed, short=False)}" if change.agreed else ""
        by = f" by {change.by}" if change.by else ""
        reason = f": {change.reason}" if change.reason else ""
        lines.append(("Revised due", f"{human_date(change.due, short=False)}{agreed}{by}{reason}"))
    return lines


def _response(rec: Recommendation) -> str:
    if rec.response is None:
        return ""
    when = f" ({human_date(rec.response.date, short=False)})" if rec.response.date else ""
    note = f": {rec.response.note}" if rec.response.note else ""
    return f"{rec.response.decision.replace('-', ' ')}{when}{note}"


def _fields(view: View, report: Report) -> list[tuple[str, str]]:
    """The label and value lines shown at the top, in reading order (first, for a report
    made from the data folder as recorded, the commit it was made from)."""
    recorded = report.recorded if isinstance(report, RecordedReport) else None
    return ([("Data", recorded.words)] if recorded else []) + _own_fields(view, report)


def _own_fields(view: View, report: Report) -> list[tuple[str, str]]:
    item = view.item
    owner = _owners(item.owners, report)
    label = "Owners" if len(item.owners) > 1 else "Owner"
    if isinstance(view, RecommendationView):
        rec = view.recommendation
        lines = [
            ("Review", rec.review),
            ("Scope", "external: the partnership monitors it" if rec.external else ""),
            ("Response", _response(rec)),
            (label, owner if not rec.not_accepted or rec.owners else ""),
            ("Lead role", rec.lead_role or ""),
            ("Supporting", ", ".join(rec.supporting)),
            ("Status", view.status),
            ("Due", human_date(rec.due, short=False)),
            *_target_lines(rec.target_changes),
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
        ("Also serves", ", ".join(action.serves)),
        (label, owner),
        ("Lead role", action.lead_role or ""),
        ("Supporting", ", ".join(action.supporting)),
        ("Status", action.status),
        ("Due", human_date(action.due, short=False)),
        *_target_lines(action.target_changes),
    ]
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
    updates = view.recommendation.updates if isinstance(view, RecommendationView) else ()
    if isinstance(view, ActionView):
        updates = view.action.updates
    return sorted(updates, key=lambda u: u.date, reverse=True)


def _where(evidence: Evidence) -> str:
    return evidence.path or evidence.url or f"held by {evidence.held_by}"


def action_columns(report: Report) -> tuple[Column[ActionView], ...]:
    return (
        Column("ID", lambda a: a.item.id),
        Column("RAG", lambda a: a.rag.value.capitalize(), styled=lambda a: rag_text(a.rag)),
        Column("Status", lambda a: a.action.status),
        Column("Due", lambda a: human_date(a.action.effective_due)),
        Column("Owner", lambda a: owner_label(a.item.owners, report.agencies), give=2),
        Column("Action", lambda a: a.action.action, give=1, floor=20),
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
        parts += [Text(""), draw_table(action_columns(report), view.actions, "Actions", width)]
    for heading_text, lines in _lists(view):
        parts.append(Text(f"\n{heading_text}", style="bold"))
        parts.extend(Text(f"  {clean(line)}") for line in lines)
    return Group(*parts)


def _lists(view: View) -> Iterator[tuple[str, list[str]]]:
    """The lists under the fields: evidence and updates, and for a recommendation its
    measures and the actions of other recommendations that also serve it."""
    if isinstance(view, RecommendationView):
        rec = view.recommendation
        if rec.measures:
            yield "Measures", [_measure(m) for m in rec.measures]
        if view.served_by:
            yield "Also served by", [f"{a.item.id}: {a.action.action}" for a in view.served_by]
        if rec.evidence:
            yield "Evidence", [_evidence_line(e) for e in rec.evidence]
    if isinstance(view, ActionView) or view.recommendation.assurance:
        label = "Assurance evidence" if isinstance(view, RecommendationView) else "Evidence"
        yield label, [_evidence_line(e) for e in _evidence(view)] or ["(none)"]
    updates = _updates(view)
    if isinstance(view, ActionView) or updates:
        lines = [f"{human_date(u.date)}: {u.note}" for u in updates]
        yield "Updates (newest first)", lines or ["(none)"]


def _evidence_line(evidence: Evidence) -> str:
    return f"{human_date(evidence.date)}: {evidence.title} ({_where(evidence)})"


def _measure(measure: Measure) -> str:
    target = f"; target: {measure.target}" if measure.target else ""
    by = f" (by {human_date(measure.by)})" if measure.by else ""
    return f"{measure.measure}{target}{by}"


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


def show_json(view: View, report: Report) -> str:
    from ..records.pydantic_models import as_json  # pydantic: for this format alone

    item = view.item
    record: Any
    if isinstance(view, RecommendationView):
        record = as_json(view.recommendation, exclude={"actions"})
        extra: dict[str, Any] = {
            "actions": [
                {"id": a.item.id, "status": a.action.status, "rag": a.rag.value, "why": list(a.why)}
                for a in view.actions
            ]
        }
    else:
        record = as_json(view.action)
        record["updates"] = [as_json(u) for u in _updates(view)]
        extra = {}
    if isinstance(view, RecommendationView) and view.served_by:
        extra["served_by"] = [a.item.id for a in view.served_by]
    entry = {
        "id": item.id,
        "kind": item.kind,
        "recommendation": item.recommendation,
        "owner": owners_json(item.owners),
        "file": display_path(item.file),
        "line": item.line,
        "rag": view.rag.value,
        "why": list(view.why),
        "record": record,
        **extra,
    }
    return with_recorded(
        json_text.dumps({"as_of": report.as_of.isoformat(), "items": [entry]}), report
    )

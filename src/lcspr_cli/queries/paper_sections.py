"""The board paper's later sections: the exceptions, what was done in the quarter and
what falls due next, progress by recommendation, and the learning themes (`paper` puts
them together)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..records.models import Agency
from ..wording import human_date
from .document import Block, Cell, Section, Table
from .findings import Finding, Item, Kind
from .summary import Summary, latest_update
from .themes import theme_lines
from .views import Rag, RecommendationView


def owners(names: Sequence[str], agencies: Mapping[str, Agency]) -> str:
    """Agencies by their full names, for the board."""
    return "; ".join(agencies[o].name if o in agencies else o for o in names) or "(no owner)"


def day(when: date | None) -> str:
    return human_date(when) if when else ""


def in_words(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {rag}" for rag, n in counts.items() if n) or "none"


def overdue_table(found: Sequence[Finding], agencies: Mapping[str, Agency]) -> Table:
    return Table(
        ("ID", "What", "Owner", "Lead role", "Due", "Days overdue"),
        tuple(
            (
                Cell(f.item.id),
                Cell(f.item.title),
                Cell(owners(f.item.owners, agencies)),
                Cell(f.item.lead_role or ""),
                Cell(day(f.item.due)),
                Cell(str(f.days_overdue or 0)),
            )
            for f in found
        ),
        frozenset({1}),
    )


def exceptions(summary: Summary) -> Section:
    agencies = summary.report.agencies
    blocks: list[Block] = []
    overdue = summary.findings(Kind.OVERDUE)
    blocks += ["Overdue:", overdue_table(overdue, agencies) if overdue else "None."]
    for kind, label in ((Kind.UNOWNED, "Unowned:"), (Kind.MISSING_EVIDENCE, "Missing evidence:")):
        found = summary.findings(kind)
        blocks += [label, _finding_table(found, agencies) if found else "None."]
    views = summary.report.recommendations
    for label, chosen in (
        ("Not accepted:", [v for v in views if v.recommendation.not_accepted]),
        (
            "Monitored (external recommendations):",
            [v for v in views if v.recommendation.external and not v.recommendation.not_accepted],
        ),
    ):
        if chosen:
            blocks += [label, _why_table(chosen, agencies)]
    reds = [v for v in views if v.rag in (Rag.RED, Rag.AMBER)]
    if reds:
        blocks += ["Why each Red and Amber:", _why_table(reds, agencies)]
    return Section("Exceptions", tuple(blocks))


def _finding_table(found: Sequence[Finding], agencies: Mapping[str, Agency]) -> Table:
    return Table(
        ("ID", "What", "Owner", "Lead role", "Reason", "What to do next"),
        tuple(
            (
                Cell(f.item.id),
                Cell(f.item.title),
                Cell(owners(f.item.owners, agencies)),
                Cell(f.item.lead_role or ""),
                Cell(f.wording.board if f.wording else ""),
                Cell(f.next_step),
            )
            for f in found
        ),
        frozenset({1, 5}),
    )


def _why_table(views: Sequence[RecommendationView], agencies: Mapping[str, Agency]) -> Table:
    return Table(
        ("ID", "Recommendation", "Owner", "RAG", "Why"),
        tuple(
            (
                Cell(v.item.id),
                Cell(v.item.title),
                Cell(owners(v.item.owners, agencies)),
                Cell(v.rag.value.capitalize(), v.rag),
                Cell(_reason(v)),
            )
            for v in views
        ),
        frozenset({1, 4}),
    )


def _reason(view: RecommendationView) -> str:
    response = view.recommendation.response
    if view.recommendation.not_accepted and response and response.note:
        return response.note
    return "; ".join(view.why)


def progress(summary: Summary) -> Section:
    agencies = summary.report.agencies
    blocks: list[Block] = []
    for review, views in summary.by_review():
        blocks.append(f"{review.title} ({review.id})")
        if not views:
            blocks.append("None.")
            continue
        rows = []
        for view in views:
            update = latest_update(view)
            measures = "; ".join(m.measure for m in view.recommendation.measures)
            rows.append(
                (
                    Cell(view.recommendation.number),
                    Cell(view.item.title),
                    Cell(owners(view.item.owners, agencies)),
                    Cell(view.status),
                    Cell(view.rag.value.capitalize(), view.rag),
                    Cell(f"{view.actions_complete}/{len(view.counted_actions)}"),
                    Cell(
                        f"{human_date(update.date)}: {update.note}" if update else "none recorded"
                    ),
                    Cell(measures),
                )
            )
        blocks.append(
            Table(
                (
                    "No.",
                    "Recommendation",
                    "Owner",
                    "Status",
                    "RAG",
                    "Done",
                    "Latest update",
                    "Measures",
                ),
                tuple(rows),
                frozenset({1, 6, 7}),
            )
        )
    return Section("Progress by recommendation", tuple(blocks) or ("None.",))


def themes(summary: Summary) -> Section:
    lines = theme_lines(summary.report)
    if not lines:
        return Section("Learning themes across reviews", ("No themes are recorded.",))
    rows = tuple(
        (
            Cell(line.title),
            Cell(", ".join(line.reviews)),
            Cell(", ".join(v.item.id for v in line.recommendations)),
            Cell(in_words(line.by_rag)),
        )
        for line in lines
    )
    table = Table(("Theme", "Reviews", "Recommendations", "RAG"), rows, frozenset({0, 2}))
    return Section("Learning themes across reviews", (table,))


def done_and_due(summary: Summary) -> Section:
    """What was completed, assured or closed in the quarter, and what falls due next."""
    agencies = summary.report.agencies
    blocks: list[Block] = []
    done = [(a.item, "completed", a.action.completed_on) for a in summary.completed]
    done += [(e.view.item, e.what, e.day) for e in summary.assured_or_closed]
    blocks += ["Done in the quarter:", _dated(done, agencies) if done else "Nothing."]
    upcoming = summary.quarter.next
    due = [(item, "due", item.due) for item in summary.due_next_quarter]
    blocks += [f"Due in {upcoming}:", _dated(due, agencies) if due else "Nothing."]
    return Section("Done this quarter, and due next", tuple(blocks))


def _dated(rows: Sequence[tuple[Item, str, date | None]], agencies: Mapping[str, Agency]) -> Table:
    return Table(
        ("ID", "What", "Owner", "Event", "Date"),
        tuple(
            (
                Cell(item.id),
                Cell(item.title),
                Cell(owners(item.owners, agencies)),
                Cell(event),
                Cell(day(when)),
            )
            for item, event, when in rows
        ),
        frozenset({1}),
    )

"""The board paper's content, the same whatever it is printed as (Word, HTML, markdown): a
title block, a warning when files were left out, what the board is asked to decide, the
headline with its charts, the exceptions, progress by recommendation, and the learning
themes. Pure: a summary in, sections of headings, paragraphs, tables and charts out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..records.models import Agency
from ..wording import human_date, plural
from .document import Block, Cell, Chart, Paper, Section, Table
from .findings import Finding, Kind
from .summary import Counts, Summary, latest_update
from .themes import theme_lines
from .views import Rag, RecommendationView

OVERDUE_FOR_DECISION = 90
"""Days overdue after which an item goes to the board for a decision."""


@dataclass(frozen=True)
class PaperInputs:
    """What the paper needs besides the summary."""

    partnership: str
    left_out: tuple[Path, ...] = ()
    prepared_by: str | None = None
    basis: str = "as corrected"
    trend: tuple[Counts, ...] = field(default=())
    """The headline counts at the last quarter ends, oldest first (the trend chart)."""


def build_paper(summary: Summary, inputs: PaperInputs) -> Paper:
    q = summary.quarter
    facts = [("As of", human_date(summary.as_of, short=False)), ("Basis", inputs.basis)]
    if inputs.prepared_by:
        facts.append(("Prepared by", inputs.prepared_by))
    return Paper(
        partnership=inputs.partnership,
        title="Review recommendations: progress report",
        period=f"{q} ({q.start.strftime('%B')} to {q.end.strftime('%B %Y')})",
        facts=tuple(facts),
        warning=_warning(inputs.left_out),
        sections=(
            _decisions(summary),
            _headline(summary, inputs.trend),
            _exceptions(summary),
            _progress(summary),
            _themes(summary),
        ),
    )


def _warning(left_out: Sequence[Path]) -> tuple[str, ...]:
    if not left_out:
        return ()
    names = ", ".join(path.as_posix() for path in left_out)
    verb = "is" if len(left_out) == 1 else "are"
    return (
        f"{plural(len(left_out), 'file')} could not be read and {verb} left out of this "
        f"paper: {names}.",
        "Run lcspr check to see what is wrong, then make the paper again.",
    )


def _name(ident: str, agencies: Mapping[str, Agency]) -> str:
    agency = agencies.get(ident)
    return agency.name if agency else ident


def _owners(owners: Sequence[str], agencies: Mapping[str, Agency]) -> str:
    return "; ".join(_name(o, agencies) for o in owners) or "(no owner)"


def _day(day: date | None) -> str:
    return human_date(day) if day else ""


def _decisions(summary: Summary) -> Section:
    agencies = summary.report.agencies
    views = summary.report.recommendations
    blocks: list[Block] = []
    revised = [r for r in summary.revised if r.change.agreed is not None]  # dated: agreed then
    if revised:
        blocks += [
            "Target dates revised in the quarter, to approve:",
            Table(
                ("ID", "Owner", "From", "To", "Reason", "Agreed"),
                tuple(
                    (
                        Cell(r.item.id),
                        Cell(_owners(r.item.owners, agencies)),
                        Cell(_day(r.before)),
                        Cell(_day(r.change.due)),
                        Cell(r.change.reason or ""),
                        Cell(_agreed(r.change.agreed, r.change.by)),
                    )
                    for r in revised
                ),
                frozenset({4}),
            ),
        ]
    unowned = summary.findings(Kind.UNOWNED)
    if unowned:
        blocks += [
            "Unowned work, to reassign:",
            Table(
                ("ID", "What", "Owner", "Suggested owners"),
                tuple(
                    (
                        Cell(f.item.id),
                        Cell(f.item.title),
                        Cell(_owners(f.item.owners, agencies)),
                        Cell(_owners(f.successors, agencies) if f.successors else ""),
                    )
                    for f in unowned
                ),
                frozenset({1}),
            ),
        ]
    awaiting = [v for v in views if v.status == "complete" and not v.recommendation.external]
    ready = [v for v in views if v.status == "assured"]
    for label, chosen in (
        ("Recommendations complete, awaiting assurance of their impact:", awaiting),
        ("Recommendations assured, ready to close:", ready),
    ):
        if chosen:
            blocks += [label, _recommendation_table(chosen, agencies)]
    late = [
        f for f in summary.findings(Kind.OVERDUE) if (f.days_overdue or 0) > OVERDUE_FOR_DECISION
    ]
    if late:
        blocks += [
            f"Work overdue by more than {OVERDUE_FOR_DECISION} days:",
            _overdue_table(late, agencies),
        ]
    return Section("For decision", tuple(blocks) or ("Nothing this quarter.",))


def _agreed(day: date | None, by: str | None) -> str:
    when = human_date(day) if day else "date not recorded"
    return f"{when} by {by}" if by else when


def _recommendation_table(
    views: Sequence[RecommendationView], agencies: Mapping[str, Agency]
) -> Table:
    return Table(
        ("ID", "Recommendation", "Owner", "RAG"),
        tuple(
            (
                Cell(v.item.id),
                Cell(v.item.title),
                Cell(_owners(v.item.owners, agencies)),
                Cell(v.rag.value.capitalize(), v.rag),
            )
            for v in views
        ),
        frozenset({1}),
    )


def _overdue_table(found: Sequence[Finding], agencies: Mapping[str, Agency]) -> Table:
    return Table(
        ("ID", "What", "Owner", "Lead role", "Due", "Days overdue"),
        tuple(
            (
                Cell(f.item.id),
                Cell(f.item.title),
                Cell(_owners(f.item.owners, agencies)),
                Cell(f.item.lead_role or ""),
                Cell(_day(f.item.due)),
                Cell(str(f.days_overdue or 0)),
            )
            for f in found
        ),
        frozenset({1}),
    )


def _headline(summary: Summary, trend: Sequence[Counts]) -> Section:
    now, before = summary.counts, summary.previous
    blocks: list[Block] = [
        _count_table(
            "Recommendations by status",
            now.recommendations_by_status,
            before.recommendations_by_status,
            now,
            before,
        ),
        _count_table(
            "Recommendations by RAG",
            now.recommendations_by_rag,
            before.recommendations_by_rag,
            now,
            before,
        ),
        _by_review_chart(summary),
    ]
    if trend:
        blocks.append(_trend_chart(trend))
    return Section("Headline", tuple(blocks))


def _count_table(
    label: str, now: Mapping[str, int], before: Mapping[str, int], a: Counts, b: Counts
) -> Table:
    keys = [*now, *(k for k in before if k not in now)]
    rows = [
        (
            Cell(key.replace("-", " ").capitalize(), _rag(key)),
            Cell(str(before.get(key, 0))),
            Cell(str(now.get(key, 0))),
            Cell(_change(now.get(key, 0), before.get(key, 0))),
        )
        for key in keys
    ]
    return Table((label, human_date(b.day), human_date(a.day), "Change"), tuple(rows))


def _rag(key: str) -> Rag | None:
    return Rag(key) if key in {r.value for r in Rag} else None


def _change(now: int, before: int) -> str:
    return (
        f"+{now - before}" if now > before else str(now - before) if now < before else "no change"
    )


def _by_review_chart(summary: Summary) -> Chart:
    labels = tuple(review.id for review in summary.reviews)
    counts = tuple(
        {
            rag.value: sum(
                1
                for v in summary.report.recommendations
                if v.item.review == review and v.rag is rag
            )
            for rag in Rag
        }
        for review in labels
    )
    words = "; ".join(f"{label}: {_in_words(c)}" for label, c in zip(labels, counts, strict=True))
    return Chart("RAG by review", labels, counts, f"Recommendations by RAG, per review. {words}.")


def _trend_chart(trend: Sequence[Counts]) -> Chart:
    labels = tuple(human_date(c.day) for c in trend)
    counts = tuple(c.recommendations_by_rag for c in trend)
    words = "; ".join(f"{label}: {_in_words(c)}" for label, c in zip(labels, counts, strict=True))
    note = "" if len(trend) >= 4 else f"History reaches back {plural(len(trend), 'quarter end')}."
    return Chart("RAG at the last quarter ends", labels, counts, f"RAG over time. {words}.", note)


def _in_words(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {rag}" for rag, n in counts.items() if n) or "none"


def _exceptions(summary: Summary) -> Section:
    agencies = summary.report.agencies
    blocks: list[Block] = []
    overdue = summary.findings(Kind.OVERDUE)
    blocks += ["Overdue:", _overdue_table(overdue, agencies) if overdue else "None."]
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
                Cell(_owners(f.item.owners, agencies)),
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
                Cell(_owners(v.item.owners, agencies)),
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


def _progress(summary: Summary) -> Section:
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
                    Cell(_owners(view.item.owners, agencies)),
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


def _themes(summary: Summary) -> Section:
    lines = theme_lines(summary.report)
    if not lines:
        return Section("Learning themes across reviews", ("No themes are recorded.",))
    rows = tuple(
        (
            Cell(line.title),
            Cell(", ".join(line.reviews)),
            Cell(", ".join(v.item.id for v in line.recommendations)),
            Cell(_in_words(line.by_rag)),
        )
        for line in lines
    )
    table = Table(("Theme", "Reviews", "Recommendations", "RAG"), rows, frozenset({0, 2}))
    return Section("Learning themes across reviews", (table,))


# The document's parts, for whoever builds a paper from here.
__all__ = ["Block", "Cell", "Chart", "Paper", "PaperInputs", "Section", "Table", "build_paper"]

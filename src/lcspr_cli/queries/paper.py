"""The board paper's content, the same whatever it is printed as (Word, HTML, markdown): a
title block, a warning when files were left out, what the board is asked to decide, the
headline with its charts, the exceptions, progress by recommendation, and the learning
themes. Pure: a summary in, sections of headings, paragraphs, tables and charts out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from msgspec import Struct

from ..records.models import Agency
from ..wording import human_date, plural
from . import paper_sections as sections
from .document import Block, Cell, Chart, Paper, Section, Table
from .findings import Kind
from .summary import Counts, Summary
from .views import Rag, RecommendationView

OVERDUE_FOR_DECISION = 90
"""Days overdue after which an item goes to the board for a decision."""
CHART_REVIEWS = 12
"""The most bars in the chart of RAG by review (more would not be read)."""


class PaperInputs(Struct, frozen=True):
    """What the paper needs besides the summary."""

    partnership: str
    left_out: tuple[Path, ...] = ()
    prepared_by: str | None = None
    basis: str = "as corrected"
    trend: tuple[TrendPoint, ...] = ()
    """The headline counts at the last quarter ends, oldest first (the trend chart)."""


class TrendPoint(Protocol):
    """The counts at one quarter end (`queries.trend.Point`, or `summary.Counts`)."""

    @property
    def day(self) -> date: ...

    @property
    def recommendations_by_rag(self) -> Mapping[str, int]: ...


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
            sections.exceptions(summary),
            sections.done_and_due(summary),
            sections.progress(summary),
            sections.themes(summary),
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


def _decisions(summary: Summary) -> Section:
    agencies = summary.report.agencies
    views = summary.report.recommendations
    blocks: list[Block] = []
    revised = summary.revised
    if revised:
        blocks += [
            "Target dates revised in the quarter, to approve:",
            Table(
                ("ID", "Owner", "From", "To", "Reason", "Agreed"),
                tuple(
                    (
                        Cell(r.item.id),
                        Cell(sections.owners(r.item.owners, agencies)),
                        Cell(sections.day(r.before)),
                        Cell(sections.day(r.change.due)),
                        Cell(r.change.reason or ""),
                        Cell(_agreed(r.change.agreed, r.change.by, r.recorded)),
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
                        Cell(sections.owners(f.item.owners, agencies)),
                        Cell(sections.owners(f.successors, agencies) if f.successors else ""),
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
            sections.overdue_table(late, agencies),
        ]
    return Section("For decision", tuple(blocks) or ("Nothing this quarter.",))


def _agreed(day: date | None, by: str | None, recorded: date | None) -> str:
    """When a revision was agreed, and by whom; for the older form, when it was recorded."""
    when = human_date(day) if day else "date not recorded"
    when = f"recorded {human_date(recorded)}" if recorded else when
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
                Cell(sections.owners(v.item.owners, agencies)),
                Cell(v.rag.value.capitalize(), v.rag),
            )
            for v in views
        ),
        frozenset({1}),
    )


def _headline(summary: Summary, trend: Sequence[TrendPoint]) -> Section:
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
    """One bar a review; past `CHART_REVIEWS` reviews, the worst of them (most Red, then
    Amber), the rest in words under the chart."""
    counts: dict[str, dict[str, int]] = {
        review.id: dict.fromkeys((rag.value for rag in Rag), 0) for review in summary.reviews
    }
    for view in summary.report.recommendations:
        if view.item.review in counts:
            counts[view.item.review][view.rag.value] += 1
    bars = list(counts.items())
    note = ""
    if len(bars) > CHART_REVIEWS:
        bars.sort(key=lambda bar: (-bar[1][Rag.RED.value], -bar[1][Rag.AMBER.value]))
        bars, rest = bars[:CHART_REVIEWS], bars[CHART_REVIEWS:]
        together = {rag.value: sum(c[rag.value] for _, c in rest) for rag in Rag}
        note = (
            f"The {plural(CHART_REVIEWS, 'review')} with the most Red, then Amber, "
            f"recommendations; the other {plural(len(rest), 'review')} together: "
            f"{sections.in_words(together)}."
        )
    labels = tuple(label for label, _ in bars)
    values = tuple(c for _, c in bars)
    alt = f"Recommendations by RAG, per review. {_words(labels, values)}."
    return Chart("RAG by review", labels, values, alt, note)


def _trend_chart(trend: Sequence[TrendPoint]) -> Chart:
    labels = tuple(human_date(c.day) for c in trend)
    counts = tuple(c.recommendations_by_rag for c in trend)
    note = "" if len(trend) >= 4 else f"History reaches back {plural(len(trend), 'quarter end')}."
    return Chart(
        "RAG at the last quarter ends",
        labels,
        counts,
        f"RAG over time. {_words(labels, counts)}.",
        note,
    )


def _words(labels: Sequence[str], counts: Sequence[Mapping[str, int]]) -> str:
    """A chart's bars in words, for its alt text."""
    return "; ".join(f"{k}: {sections.in_words(c)}" for k, c in zip(labels, counts, strict=True))

"""The board paper's content: the chart of RAG by review, on tests/samples/national."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from conftest import SAMPLES
from lcspr_cli.pipeline import summarise_folder
from lcspr_cli.queries import paper
from lcspr_cli.queries.document import Chart
from lcspr_cli.queries.paper import PaperInputs, build_paper
from lcspr_cli.queries.quarters import Quarter
from lcspr_cli.queries.summary import Summary

Q2 = Quarter(2025, 2)


def national() -> Summary:
    return summarise_folder(SAMPLES / "national", Q2, Q2.end, date(2026, 1, 1)).summary


def by_review_chart(summary: Summary) -> Chart:
    built = build_paper(summary, PaperInputs("Made-up partnership"))
    headline = next(s for s in built.sections if s.title == "Headline")
    return next(b for b in headline.blocks if isinstance(b, Chart) and "review" in b.title)


def test_one_bar_a_review_counting_its_recommendations_by_rag() -> None:
    summary = national()
    chart = by_review_chart(summary)
    assert chart.labels == tuple(review.id for review in summary.reviews)
    for label, counts in zip(chart.labels, chart.counts, strict=True):
        expected = Counter(
            v.rag.value for v in summary.report.recommendations if v.item.review == label
        )
        assert {rag: n for rag, n in counts.items() if n} == dict(expected)
    assert not chart.note


def test_past_the_most_bars_the_worst_reviews_are_drawn_and_the_rest_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary = national()
    assert len(summary.reviews) > 1
    monkeypatch.setattr(paper, "CHART_REVIEWS", 1)
    chart = by_review_chart(summary)
    rags = Counter((v.item.review, v.rag.value) for v in summary.report.recommendations)
    worst = max(summary.reviews, key=lambda r: (rags[r.id, "red"], rags[r.id, "amber"]))
    assert chart.labels == (worst.id,)
    rest = Counter(v.rag.value for v in summary.report.recommendations if v.item.review != worst.id)
    words = ", ".join(f"{n} {rag}" for rag, n in sorted(rest.items()) if n)
    assert chart.note.startswith("The 1 review with the most Red, then Amber")
    assert f"the other {len(summary.reviews) - 1} review" in chart.note
    for part in words.split(", "):
        assert part in chart.note

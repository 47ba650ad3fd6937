"""Learning across reviews: each theme, the reviews that name it, and where their
recommendations stand. A theme id used by several reviews is one theme."""

from __future__ import annotations

from collections import Counter

from msgspec import Struct

from .report import Report
from .views import RecommendationView


class ThemeLine(Struct, frozen=True):
    id: str
    title: str
    """As the first review that names it words it."""
    reviews: tuple[str, ...]
    recommendations: tuple[RecommendationView, ...]

    @property
    def by_status(self) -> Counter[str]:
        return Counter(view.status for view in self.recommendations)

    @property
    def by_rag(self) -> Counter[str]:
        return Counter(view.rag.value for view in self.recommendations)


def theme_lines(report: Report) -> list[ThemeLine]:
    """One line per theme of the report's reviews, in the order the reviews list them."""
    titles: dict[str, str] = {}
    reviews: dict[str, list[str]] = {}
    for review in report.reviews.values():
        for theme in review.themes:
            titles.setdefault(theme.id, theme.title)
            reviews.setdefault(theme.id, []).append(review.id)
    carried: dict[str, list[RecommendationView]] = {theme: [] for theme in titles}
    for view in report.recommendations:
        for theme_id in view.recommendation.themes:
            if theme_id in carried:
                carried[theme_id].append(view)
    return [
        ThemeLine(theme, titles[theme], tuple(reviews[theme]), tuple(carried[theme]))
        for theme in titles
    ]

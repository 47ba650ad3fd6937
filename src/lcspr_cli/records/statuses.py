"""The lifecycle of recommendations and actions: their statuses in order, and which of
them need no more work (docs/file-format.md explains each)."""

from __future__ import annotations

from typing import Literal

ActionStatus = Literal["not-started", "in-progress", "complete", "dropped"]
RecommendationStatus = Literal["open", "in-progress", "complete", "assured", "closed"]

ACTION_STATUSES: tuple[str, ...] = ("not-started", "in-progress", "complete", "dropped")
RECOMMENDATION_STATUSES: tuple[str, ...] = ("open", "in-progress", "complete", "assured", "closed")
ACTION_DONE: tuple[str, ...] = ("complete", "dropped")
"""An action in one of these needs no more work: never overdue or unowned."""
RECOMMENDATION_DONE: tuple[str, ...] = ("assured", "closed")
"""A recommendation in one of these has its evidence of impact accepted."""

"""The lifecycle of recommendations and actions: their statuses in order, and which of
them need no more work (docs/file-format.md explains each)."""

from __future__ import annotations

from typing import Literal

ActionStatus = Literal["not-started", "in-progress", "complete", "dropped"]
RecommendationStatus = Literal["open", "in-progress", "complete", "assured", "closed"]
Decision = Literal["accepted", "accepted-in-principle", "partially-accepted", "not-accepted"]
"""The response to a recommendation; none means accepted."""
Scope = Literal["local", "external"]
"""Who delivers a recommendation: the partnership (local) or a body outside it (external),
whose work the partnership monitors."""

ACTION_STATUSES: tuple[str, ...] = ("not-started", "in-progress", "complete", "dropped")
RECOMMENDATION_STATUSES: tuple[str, ...] = ("open", "in-progress", "complete", "assured", "closed")
ACTION_DONE: tuple[str, ...] = ("complete", "dropped")
"""An action in one of these needs no more work: never overdue or unowned."""
RECOMMENDATION_DONE: tuple[str, ...] = ("assured", "closed")
"""A recommendation in one of these has its evidence of impact accepted."""

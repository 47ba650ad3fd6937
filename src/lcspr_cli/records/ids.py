"""Ids as people read them: every id a recommendation holds, and the order people sort
them in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..yamlfile.positions import Key
from .facts import RecommendationFacts
from .located import Located

IdPlace = tuple[Located[RecommendationFacts], str, tuple[Key, ...]]
"""A recommendation (its facts), an id it holds, and where in it the id's record is."""


def every_id(recommendations: Iterable[Located[RecommendationFacts]]) -> Iterator[IdPlace]:
    """Each recommendation's id, then each of its actions' ids, in file order."""
    for located in recommendations:
        yield located, located.record.id, ()
        for index, action in enumerate(located.record.actions):
            yield located, action.id, ("actions", index)


@lru_cache(maxsize=1 << 16)  # the reports sort the same ids again and again
def natural_key(ident: str) -> tuple[tuple[int, str], ...]:
    """Sort ids as people do: LEO-2a before LEO-10, LEO-3.2 before LEO-3.10."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part) for part in _PARTS.findall(ident)
    )


_PARTS = re.compile(r"\d+|\D+")

"""Work on many items shared out between every core, giving what one process gives.

`share_out(work, items)` is `work(items)`: a list with one result per item, in order.
When it is worth it and there is more than one core, helper processes (forked, so they
have the work and the items already: only where each share starts and ends is sent) work
out a share each while this process works out the first. Anything `work` records besides
its results is lost in a helper, so it returns all it finds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_SHARED: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None
"""The work and its items, for the helpers, which are forked with them."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def share_out(
    work: Callable[[Sequence[T]], list[R]], items: Sequence[T], *, worth_it: bool = True
) -> list[R]:
    """`work(items)`, with the items shared between every core when `worth_it` (starting
    helpers costs more than a little work): one share each, as even as the items are."""
    global _SHARED
    count = cores()
    if not worth_it or count < 2 or len(items) < 2:
        return work(items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return work(items)
    count = min(count, len(items))
    bounds = [(len(items) * n // count, len(items) * (n + 1) // count) for n in range(count)]
    _SHARED = (work, items)
    try:
        with ProcessPoolExecutor(count - 1, multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_work, start, end) for start, end in bounds[1:]]
            done = work(items[: bounds[0][1]])
            for future in futures:
                done.extend(future.result())
    except (OSError, RuntimeError):  # no helper could start, or one died: work here
        return work(items)
    finally:
        _SHARED = None
    return done


def _work(start: int, end: int) -> list[Any]:
    assert _SHARED is not None, "a helper is forked with its work"
    work, items = _SHARED
    return work(items[start:end])

"""Work on many items shared out between every core, giving what one process gives.

`share_out(work, items)` is `work(items)`: a list with one result per item, in order.
When it is worth it and there is more than one core, helper processes (forked, so they
have the work and the items already: only where each share starts and ends is sent) work
out a share each while this process works out the first. Anything `work` records besides
its results is lost in a helper, so it returns all it finds.

`Helper(work)` does `work(item)` for each item as it is given, in a helper process on
another core, while this process goes on to the next.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

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


class Helper(Generic[T]):
    """`work(item)` for each item given, one after another, in a forked helper process
    while this process goes on (here and at once, when there is no other core or no fork).

    `work` returns None, or what stopped it: after that, the items left are skipped.
    `finish` waits for the last item and says what stopped the work (`lost`, when the
    helper died); `stop` gives no more, and returns once the helper is gone.
    """

    def __init__(self, work: Callable[[T], str | None], lost: str) -> None:
        self._work = work
        self._lost = lost
        self._failed: str | None = None
        self._connection: Any = None
        self._process: Any = None
        if cores() < 2:
            return
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        here, there = context.Pipe()
        process = context.Process(target=_serve, args=(work, there, here), daemon=True)
        try:
            process.start()
        except OSError:  # no process could start: work here
            here.close()
        else:
            self._connection, self._process = here, process
        finally:
            there.close()

    def give(self, item: T) -> None:
        if self._connection is None:
            if self._failed is None:
                self._failed = self._work(item)
            return
        try:
            self._connection.send(item)
        except OSError:  # the helper is gone: `finish` says so
            self._failed = self._failed or self._lost

    def finish(self) -> str | None:
        """What stopped the work, once every item given is done; None when nothing did."""
        if self._connection is not None:
            try:
                self._connection.send(None)
                self._failed = self._connection.recv() or self._failed
            except (OSError, EOFError):
                self._failed = self._lost
            self.stop()
        return self._failed

    def stop(self) -> None:
        """Give no more items: the helper works on those given, and is gone when this
        returns."""
        if self._connection is not None:
            self._connection.close()  # the helper reads to the end of what was given, and stops
            self._connection = None
            self._process.join()


def _serve(work: Callable[[Any], str | None], connection: Any, parents: Any) -> None:
    """The helper: work on each item given until told to stop, and say what stopped it."""
    import signal

    parents.close()  # this process's copy of the parent's end: the parent's closing it ends this
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: this process's parent stops it
    failed: str | None = None
    try:
        while (item := connection.recv()) is not None:
            if failed is None:
                failed = work(item)
        connection.send(failed)
    except Exception:  # the parent gone, or stopped mid-item: it cleans up after this
        return

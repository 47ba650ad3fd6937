"""Work shared out between processes gives what one process gives, in order, and is done
in this process when no helper can do it."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from lcspr_cli import parallel


def _squares_and_pids(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


@pytest.mark.parametrize("items", [2, 3, 25])
def test_shared_work_gives_every_result_in_order(
    monkeypatch: pytest.MonkeyPatch, items: int
) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 3)
    done = parallel.share_out(_squares_and_pids, range(items))
    assert [square for square, _ in done] == [n * n for n in range(items)]
    assert done[0][1] == os.getpid()  # the first share was worked out here
    assert done[-1][1] != os.getpid()  # and the last by a helper
    assert parallel._SHARED is None


def test_work_not_worth_sharing_or_with_one_core_is_done_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert {pid for _, pid in parallel.share_out(_squares_and_pids, range(9), worth_it=False)} == {
        os.getpid()
    }
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert {pid for _, pid in parallel.share_out(_squares_and_pids, range(9))} == {os.getpid()}


HERE = os.getpid()


def _dies_in_a_helper(items: Sequence[int]) -> list[int]:
    if os.getpid() != HERE:
        os._exit(3)
    return list(items)


def test_a_helper_that_dies_leaves_the_work_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert parallel.share_out(_dies_in_a_helper, range(6)) == list(range(6))

"""Work shared out between processes gives what one process gives, in order, and is done
in this process when no helper can do it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

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


def _note(folder: Path) -> Callable[[int], str | None]:
    """Work that notes each item in a file named after it, with the process that did it,
    and stops at the item 13."""

    def work(item: int) -> str | None:
        if item == 13:
            return "13 is unlucky"
        (folder / str(item)).write_text(str(os.getpid()))
        return None

    return work


def _given(folder: Path, items: range) -> parallel.Helper[int]:
    helper = parallel.Helper(_note(folder), lost="lost")
    for item in items:
        helper.give(item)
    return helper


def test_a_helper_works_on_each_item_given_while_this_process_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert _given(tmp_path, range(10)).finish() is None
    done = {path.name: int(path.read_text()) for path in tmp_path.iterdir()}
    assert sorted(done, key=int) == [str(n) for n in range(10)]
    assert os.getpid() not in set(done.values())


@pytest.mark.parametrize("cores", [1, 2])
def test_the_first_failure_skips_the_items_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: cores)
    assert _given(tmp_path, range(10, 20)).finish() == "13 is unlucky"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["10", "11", "12"]
    pids = {int(path.read_text()) for path in tmp_path.iterdir()}
    assert (pids == {os.getpid()}) == (cores == 1)  # one core: worked on here


def test_a_helper_that_dies_is_reported_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    helper = parallel.Helper(_dies_at_two, lost="the helper stopped")
    for item in range(5):
        helper.give(item)
    assert helper.finish() == "the helper stopped"


def _dies_at_two(item: int) -> str | None:
    if item == 2:
        os._exit(3)
    return None


def test_a_stopped_helper_has_done_what_it_was_given_and_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    helper = _given(tmp_path, range(5))
    process = helper._process
    helper.stop()
    assert not process.is_alive()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["0", "1", "2", "3", "4"]

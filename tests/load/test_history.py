"""The data folder's history from git (load/git.py, load/history.py), on small
repositories made in tmp_path with set authors and dates."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES
from gitrepo import Repo, isolate_git, needs_git, replace_in, write
from lcspr_cli.load.git import NotInGit, NotRecorded, commit_on, find_repository, recorded_commit
from lcspr_cli.load.history import History, read_history

pytestmark = needs_git

REC = "recommendations/TEST/TEST-1.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository holding a copy of tests/samples/minimal as data/, first committed on
    1 April 2025."""
    isolate_git(monkeypatch, tmp_path)
    repo = Repo(tmp_path / "repo")
    shutil.copytree(SAMPLES / "minimal", repo.top / "data")
    repo.commit("Start the log", "2025-04-01T09:00:00+01:00")
    return repo


def history(repo: Repo, **options: Any) -> History:
    root = repo.top / "data"
    return read_history(find_repository(root), root, **options)


def test_the_folder_is_found_from_the_top_of_its_repository(repo: Repo) -> None:
    found = find_repository(repo.top / "data")
    assert found.top.resolve() == repo.top.resolve()
    assert (found.prefix, found.shallow) == ("data/", frozenset())


def test_outside_git_there_is_no_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    plain = tmp_path / "plain" / "data"
    shutil.copytree(SAMPLES / "minimal", plain)
    with pytest.raises(NotInGit, match="not in a git repository"):
        find_repository(plain)


def test_each_commit_with_each_file_it_changed_before_and_after(repo: Repo) -> None:
    data = repo.top / "data"
    replace_in(
        data / REC, "    status: in-progress", "    status: complete\n    completed_on: 2025-05-02"
    )
    repo.commit("TEST-1.2 complete", "2025-05-02T10:00:00+01:00", author="Bea Example")
    first, second = history(repo).steps
    assert [c.new.path for c in first.files if c.new] == ["agencies.yaml", REC, "reviews.yaml"]
    assert all(c.old is None for c in first.files)
    assert second.commit is not None
    assert (second.commit.author, second.commit.day) == ("Bea Example", date(2025, 5, 2))
    (change,) = second.files
    assert change.old is not None and change.new is not None
    assert change.old.records and change.new.records
    assert change.old.records[0].actions[1].status == "in-progress"
    assert change.new.records[0].actions[1].status == "complete"


def test_a_commit_s_day_is_the_day_where_it_was_made(repo: Repo) -> None:
    # 23:30 in London on 30 September is 30 September; 00:30 on 1 October in London is
    # still 30 September in UTC, but it is 1 October where it was made.
    late = repo.commit("Late on the 30th", "2025-09-30T23:30:00+01:00")
    repo.commit("Early on the 1st", "2025-10-01T00:30:00+01:00")
    found = find_repository(repo.top / "data")
    on_the_30th = commit_on(found, date(2025, 9, 30))
    assert on_the_30th is not None and on_the_30th.sha == late
    on_the_1st = commit_on(found, date(2025, 10, 1))
    assert on_the_1st is not None and on_the_1st.sha != late


def test_a_branch_counts_from_the_day_it_was_merged(repo: Repo) -> None:
    start = repo.git("rev-parse", "HEAD").strip()
    repo.git("checkout", "-q", "-b", "side")
    replace_in(repo.top / "data" / REC, "owner: test-icb", "owner: south-council")
    repo.commit("Owner on a branch", "2025-05-01T10:00:00+01:00")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge", "side", when="2025-07-01T10:00:00+01:00")
    found = find_repository(repo.top / "data")
    in_june = commit_on(found, date(2025, 6, 1))
    assert in_june is not None and in_june.sha == start
    in_july = commit_on(found, date(2025, 7, 1))
    assert in_july is not None and in_july.sha == repo.git("rev-parse", "HEAD").strip()


def test_a_day_before_the_history_or_the_folder_is_not_recorded(repo: Repo) -> None:
    found = find_repository(repo.top / "data")
    with pytest.raises(
        NotRecorded, match="does not reach 31 March 2025: it starts on 1 April 2025"
    ):
        recorded_commit(found, date(2025, 3, 31))
    assert recorded_commit(found, date(2025, 4, 1)).day == date(2025, 4, 1)


def test_git_runs_the_same_few_times_however_many_commits_and_files(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = repo.top / "data"
    calls: list[list[str]] = []
    real = subprocess.run

    def counted(command: list[str], **options: Any) -> Any:
        calls.append(command)
        return real(command, **options)

    monkeypatch.setattr(subprocess, "run", counted)  # as lcspr's git calls it
    counts = []
    for day in range(2, 12):
        for n in range(3):
            write(
                data / f"recommendations/TEST/TEST-{day}{n}.yaml", _recommendation(f"TEST-{day}{n}")
            )
        repo.commit(f"Day {day}", f"2025-05-{day:02d}T10:00:00+01:00")
        if day in (3, 11):
            calls.clear()
            found = history(repo)
            counts.append(len(calls))
            assert sum(len(step.files) for step in found.steps) == 3 + 3 * (day - 1)
    assert counts == [3, 3]  # rev-parse, one log, one cat-file --batch


def _recommendation(ident: str) -> str:
    text = (SAMPLES / "minimal" / REC).read_text(encoding="utf-8")
    return text.replace("TEST-1", ident).replace("number: 1", f"number: {ident[5:]}")


def test_a_shallow_clone_says_how_far_back_it_sees(repo: Repo, tmp_path: Path) -> None:
    data = repo.top / "data"
    replace_in(data / REC, "due: 2025-09-30", "due: 2025-10-31")
    repo.commit("Second", "2025-05-01T10:00:00+01:00")
    replace_in(data / REC, "owner: test-icb", "owner: south-council")
    repo.commit("Third", "2025-06-01T10:00:00+01:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{repo.top}", str(clone)], check=True
    )
    found = read_history(find_repository(clone / "data"), clone / "data")
    assert found.visible_since is not None and found.visible_since.day == date(2025, 5, 1)
    # The first commit the clone holds has no parent in it: its files are not "added".
    (step,) = found.steps
    assert step.commit is not None and step.commit.day == date(2025, 6, 1)
    assert [(c.old is not None, c.new is not None) for c in step.files] == [(True, True)]


def test_changes_not_committed_come_last(repo: Repo) -> None:
    data = repo.top / "data"
    replace_in(data / REC, "owner: test-icb", "owner: south-council")
    write(data / "recommendations/TEST/TEST-2.yaml", _recommendation("TEST-2"))
    repo.git("add", "data/recommendations/TEST/TEST-2.yaml")
    write(data / "recommendations/TEST/notes.txt", "not a data file")
    last = history(repo, uncommitted=True).steps[-1]
    assert last.commit is None
    paths = {(c.old.path if c.old else None, c.new.path if c.new else None) for c in last.files}
    assert paths == {(REC, REC), (None, "recommendations/TEST/TEST-2.yaml")}
    assert history(repo).steps[-1].commit is not None


def test_a_renamed_file_keeps_its_history(repo: Repo) -> None:
    repo.git("mv", "data/recommendations/TEST", "data/recommendations/CLOSED")
    repo.commit("Move", "2025-05-01T10:00:00+01:00")
    (change,) = history(repo).steps[-1].files
    assert change.old is not None and change.new is not None
    assert (change.old.path, change.new.path) == (REC, "recommendations/CLOSED/TEST-1.yaml")


def test_a_file_with_errors_is_a_version_without_records(repo: Repo) -> None:
    replace_in(repo.top / "data" / REC, "due: 2025-12-31", "due: 31/12/2025")
    repo.commit("Broken", "2025-05-01T10:00:00+01:00")
    (change,) = history(repo).steps[-1].files
    assert change.old is not None and change.old.records
    assert change.new is not None and change.new.records is None


def test_since_and_until_are_days_where_each_commit_was_made(repo: Repo) -> None:
    for day in (10, 20, 30):
        write(
            repo.top / "data" / f"recommendations/TEST/TEST-{day}.yaml",
            _recommendation(f"TEST-{day}"),
        )
        repo.commit(f"Day {day}", f"2025-06-{day}T23:30:00-05:00")  # the next day in UTC
    days = [
        s.commit.day
        for s in history(repo, since=date(2025, 6, 20), until=date(2025, 6, 30)).steps
        if s.commit
    ]
    assert days == [date(2025, 6, 20), date(2025, 6, 30)]


def test_a_repository_with_no_commit_has_no_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    repo = Repo(tmp_path / "new")
    shutil.copytree(SAMPLES / "minimal", repo.top / "data")
    assert history(repo).steps == ()
    (pending,) = history(repo, uncommitted=True).steps
    assert pending.commit is None and all(c.old is None for c in pending.files)

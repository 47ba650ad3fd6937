"""Time, through the command line: `lcspr history`, `--as-recorded`, the summary of a past
quarter as recorded (the same bytes when printed again), and `lcspr trend`, on small git
repositories in tmp_path holding a copy of the bundled Leo data."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import REPOSITORY, SAMPLES
from gitrepo import Repo, isolate_git, needs_git, replace_in
from lcspr_cli.cli import app

pytestmark = needs_git

TODAY = "2026-11-28"
LEO6 = "data/recommendations/LEO/LEO-6.yaml"


def lcspr(*args: str, today: str = TODAY) -> Result:
    env = {"NO_COLOR": "1", "COLUMNS": "200", "LCSPR_TODAY": today, "LCSPR_DATA": ""}
    return CliRunner().invoke(app, list(args), env=env)


def ok(*args: str, today: str = TODAY) -> str:
    result = lcspr(*args, today=today)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def leo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A partnership's repository holding the Leo data, first committed on 15 September
    2026; lcspr runs in it."""
    isolate_git(monkeypatch, tmp_path)
    repo = Repo(tmp_path / "partnership")
    shutil.copytree(REPOSITORY / "data", repo.top / "data", ignore=shutil.ignore_patterns(".*"))
    repo.commit("The Leo log", "2026-09-15T10:00:00+01:00", author="Ada Example")
    monkeypatch.chdir(repo.top)
    return repo


def ordinary_edits(repo: Repo) -> str:
    """The issue's three everyday edits, committed on 27 November 2026."""
    ok("set-owner", "LEO-6", "cumberland-scp")
    ok("set-status", "LEO-7", "in-progress")
    ok("set-status", "LEO-6.2", "in-progress")
    return repo.commit("Board follow-up", "2026-11-27T09:00:00+00:00", author="Bea Example")


def sha(repo: Repo, revision: str = "HEAD") -> str:
    return repo.git("rev-parse", revision).strip()


# --- the summary of a past quarter -------------------------------------------------


def flat(text: str) -> str:
    """The paper with the padding of its tables' cells taken out."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def test_a_past_quarter_prints_the_same_bytes_after_ordinary_edits(leo: Repo) -> None:
    first = sha(leo)
    before = ok("summary", "--quarter", "2026/27-Q2")
    assert f"- Basis: as recorded on 30 September 2026 (commit {first[:7]})" in before
    ordinary_edits(leo)
    assert ok("summary", "--quarter", "2026/27-Q2") == before
    assert ok("summary", "--quarter", "2026/27-Q2", "--as-recorded") == before
    # As corrected: today's files, rebuilt to that day, which the edits changed.
    corrected = ok("summary", "--quarter", "2026/27-Q2", "--as-corrected")
    assert "- Basis: as corrected: today's files, rebuilt to that day" in corrected
    unowned = "| LEO-6 | Agencies clear on their early help roles | Cumbria Safeguarding"
    assert unowned in flat(before) and unowned not in flat(corrected)
    assert "| Open | 1 | 1 | no change |" in flat(before)
    assert "| Open | 0 | 0 | no change |" in flat(corrected)


def test_a_written_summary_is_written_the_same_again(leo: Repo, tmp_path: Path) -> None:
    paper = tmp_path / "q2.md"
    ok("summary", "--quarter", "2026/27-Q2", "--output", str(paper))
    first = paper.read_bytes()
    ordinary_edits(leo)
    ok("summary", "--quarter", "2026/27-Q2", "--output", str(paper))
    assert paper.read_bytes() == first


def test_before_the_folder_s_history_the_summary_is_as_corrected_and_says_so(
    leo: Repo, tmp_path: Path
) -> None:
    result = lcspr("summary", "--quarter", "2026/27-Q1")
    assert result.exit_code == 0
    assert result.stdout == ok("summary", "--quarter", "2026/27-Q1", "--as-corrected")
    assert "does not reach 30 June 2026: it starts on 15 September 2026" in result.stderr
    assert "as corrected" in result.stderr
    refused = lcspr("summary", "--quarter", "2026/27-Q1", "--as-recorded")
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "does not reach 30 June 2026" in refused.stderr
    # Outside git, nothing is recorded: today's files, without a word on stderr.
    plain = tmp_path / "plain" / "data"
    shutil.copytree(leo.top / "data", plain)
    outside = lcspr("summary", "--quarter", "2026/27-Q1", "--data", str(plain))
    assert (outside.exit_code, outside.stderr) == (0, "")
    assert outside.stdout == result.stdout


def test_the_two_ways_contradict_each_other(leo: Repo) -> None:
    result = lcspr("summary", "--as-recorded", "--as-corrected")
    assert result.exit_code == 2 and "choose one" in result.stderr


def test_a_quarter_not_ended_is_summarised_as_of_today_and_says_so(leo: Repo) -> None:
    text = flat(ok("summary", "--quarter", "2026/27-Q3"))
    assert "- As of: 28 November 2026" in text
    assert "- Basis: the quarter ends on 31 December 2026, so this is progress so far" in text
    days = (date(2026, 11, 28) - date(2026, 3, 31)).days
    rows = [line for line in text.splitlines() if line.startswith("| LEO-6 |")]
    assert any(row.endswith(f"| 31 Mar 2026 | {days} |") for row in rows)  # overdue to today


def test_an_older_revision_is_listed_in_the_quarter_it_was_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    repo = Repo(tmp_path / "log")
    shutil.copytree(SAMPLES / "minimal", repo.top / "data")
    repo.commit("Start", "2025-04-01T09:00:00+01:00")
    rec = repo.top / "data" / "recommendations" / "TEST" / "TEST-1.yaml"
    replace_in(
        rec,
        "    due: 2025-09-30\n",
        "    due: 2025-09-30\n    revised_due: 2025-12-31\n    revised_reason: Agreed late.\n",
    )
    repo.commit("Revise TEST-1.2", "2025-08-09T10:00:00+01:00")
    monkeypatch.chdir(repo.top)

    def revised(*args: str) -> str:
        text = flat(ok("summary", *args, today="2026-01-15"))
        heading = "Target dates revised in the quarter, to approve:\n\n"
        return text.split(heading)[1].split("\n\n")[0] if heading in text else "None."

    assert revised("--quarter", "2025/26-Q1") == "None."
    assert revised("--quarter", "2025/26-Q1", "--as-corrected") == "None."
    assert "| TEST-1.2 |" in revised("--quarter", "2025/26-Q2")
    assert "| Agreed late. | recorded 9 Aug 2025 |" in revised("--quarter", "2025/26-Q2")
    # Outside git the older form has no date: it is listed in every quarter, as before.
    plain = tmp_path / "plain"
    shutil.copytree(repo.top / "data", plain / "data")
    monkeypatch.chdir(plain)
    assert "| TEST-1.2 |" in revised("--quarter", "2025/26-Q1")


# --- the reports as recorded -------------------------------------------------------


def test_reports_as_recorded_say_so_and_name_the_files_as_the_folder_does(leo: Repo) -> None:
    first = sha(leo)
    ordinary_edits(leo)
    day = ("--as-recorded", "--as-of", "2026-09-30")
    table = ok("status", *day)
    assert table.startswith(f"Status as recorded on 30 September 2026 (commit {first[:7]})")
    rows = json.loads(ok("status", *day, "--format", "json"))
    assert rows["as_of"] == "2026-09-30"
    assert rows["recorded"] == {"commit": first, "committed": "2026-09-15T10:00:00+01:00"}
    leo7 = next(r for r in rows["recommendations"] if r["id"] == "LEO-7")
    assert leo7["status"] == "open"
    assert leo7["file"] == "data/recommendations/LEO/LEO-7.yaml"
    today = json.loads(ok("status", "--format", "json"))
    assert "recorded" not in today
    assert next(r for r in today["recommendations"] if r["id"] == "LEO-7")["status"] != "open"
    for command in ("overdue", "unowned", "missing-evidence", "themes", "agencies"):
        heading = ok(command, *day, "--format", "markdown").splitlines()[0]
        assert heading.endswith(f"as recorded on 30 September 2026 (commit {first[:7]})"), heading
    unowned = json.loads(ok("unowned", *day, "--format", "json"))["items"]
    assert any(i["id"] == "LEO-6" for i in unowned)


def test_show_as_recorded_shows_the_record_as_committed_and_says_so(leo: Repo) -> None:
    first = sha(leo)
    ordinary_edits(leo)
    day = ("--as-recorded", "--as-of", "2026-09-30")
    text = ok("show", "LEO-7", *day)
    assert f"as recorded on 30 September 2026 (commit {first[:7]})" in text
    shown = json.loads(ok("show", "LEO-7", *day, "--format", "json"))
    assert shown["recorded"]["commit"] == first
    assert shown["items"][0]["record"]["status"] == "open"
    today = json.loads(ok("show", "LEO-7", "--format", "json"))
    assert "recorded" not in today and today["items"][0]["record"]["status"] != "open"
    assert f"(commit {first[:7]})" in ok("show", "LEO-7", *day, "--format", "markdown")


@pytest.mark.parametrize(
    ("as_of", "reason"),
    [("2026-09-14", "does not reach 14 September 2026"), ("2026-12-01", "has not come yet")],
)
def test_as_recorded_on_a_day_git_cannot_give_is_one_line_and_exit_2(
    leo: Repo, as_of: str, reason: str
) -> None:
    result = lcspr("status", "--as-recorded", "--as-of", as_of)
    assert result.exit_code == 2
    assert reason in result.stderr and result.stderr.count("\n") == 1


# --- history ------------------------------------------------------------------------


def test_history_says_who_changed_what_and_when(leo: Repo) -> None:
    first = sha(leo)
    edits = ordinary_edits(leo)
    ok(
        "revise-due",
        "LEO-9.3",
        "2027-03-31",
        "--reason",
        "Agreed by the subgroup",
        "--agreed",
        "2026-11-27",
    )
    ok(
        "add-evidence",
        "LEO-6.1",
        "--title",
        "Early help roles statement, version 2",
        "--held-by",
        "cumberland-council",
        "--date",
        "2026-11-27",
    )
    ok(
        "add-update",
        "LEO-7.1",
        "--note",
        "First meeting held with a named manager",
        "--date",
        "2026-11-27",
    )
    replace_in(leo.top / LEO6, "\ntitle: ", "\ntitle: Agencies know their early help roles # ")
    more = leo.commit("More", "2026-11-27T16:00:00+00:00", author="Cai Example")
    ok("set-status", "LEO-6.2", "complete", "--on", "2026-11-28")  # not committed
    changes = json.loads(ok("history", "--format", "json"))["changes"]
    said = [
        (c["commit"], c["author"], c["id"], c["change"])
        for c in changes
        if c["date"] != "2026-09-15"
    ]
    assert said == [
        (edits, "Bea Example", "LEO-6", "owner cumbria-scp -> cumberland-scp"),
        (edits, "Bea Example", "LEO-6.2", "status not-started -> in-progress"),
        (edits, "Bea Example", "LEO-7", "status open -> in-progress"),
        (more, "Cai Example", "LEO-6", "title changed"),
        (more, "Cai Example", "LEO-6.1", "evidence added: Early help roles statement, version 2"),
        (more, "Cai Example", "LEO-7.1", "update added, dated 27 Nov 2026"),
        (
            more,
            "Cai Example",
            "LEO-9.3",
            "target date 15 Dec 2026 -> 31 Mar 2027 (reason: Agreed by the subgroup)",
        ),
        (None, None, "LEO-6.2", "status in-progress -> complete (completed 28 Nov 2026)"),
    ]
    added = [c for c in changes if c["date"] == "2026-09-15"]
    assert {c["commit"] for c in added} == {first}
    assert {"recommendation LEO-1 added", "review LEO added"} <= {c["change"] for c in added}
    assert not any("named manager" in c["change"] for c in changes)  # free text, never repeated
    table = ok("history", "leo-6")
    assert table.startswith("History of LEO-6\n")
    rows = [line.split() for line in table.splitlines()]
    owner = ["27", "Nov", "2026", "Bea", "Example", edits[:7], "LEO-6", "owner"]
    assert next(row[:8] for row in rows if row[5:6] == [edits[:7]]) == owner
    assert ["not", "committed", "LEO-6.2", "status"] in [row[:4] for row in rows]
    assert table.rstrip().endswith("5 changes in 3 commits, and 1 not committed.")


def test_history_since_until_and_one_action(leo: Repo) -> None:
    ordinary_edits(leo)
    only = json.loads(ok("history", "LEO-6.2", "--since", "2026-11-01", "--format", "json"))
    assert [(c["id"], c["change"]) for c in only["changes"]] == [
        ("LEO-6.2", "status not-started -> in-progress")
    ]
    before = json.loads(ok("history", "--until", "2026-10-31", "--format", "json"))["changes"]
    assert before and {c["date"] for c in before} == {"2026-09-15"}
    assert ok("history", "LEO-6", "--since", "2026-11-28").startswith(
        "History of LEO-6 from 28 November 2026: no changes."
    )


def test_history_of_an_unknown_id_suggests_the_closest(leo: Repo) -> None:
    result = lcspr("history", "LEO-66")
    assert result.exit_code == 2 and "did you mean" in result.stderr
    backwards = lcspr("history", "--since", "2026-11-01", "--until", "2026-10-01")
    assert backwards.exit_code == 2 and "--since is after --until" in backwards.stderr


def test_history_of_an_agency(leo: Repo) -> None:
    replace_in(
        leo.top / "data" / "agencies.yaml",
        "  - id: nwas\n",
        "  - id: nwas\n    until: 2026-11-20\n",
    )
    changed = leo.commit("NWAS ends", "2026-11-21T10:00:00+00:00", author="Bea Example")
    found = json.loads(ok("history", "nwas", "--format", "json"))["changes"]
    assert [(c["commit"], c["change"]) for c in found][-1] == (
        changed,
        "last day (none) -> 20 Nov 2026",
    )
    assert found[0]["change"] == "agency nwas added" and found[0]["recommendation"] is None


def test_a_merge_lists_each_change_once(leo: Repo) -> None:
    leo.git("checkout", "-q", "-b", "owner-fix")
    ok("set-owner", "LEO-6", "cumberland-scp")
    branch = leo.commit("Owner", "2026-10-01T10:00:00+01:00", author="Bea Example")
    leo.git("checkout", "-q", "main")
    ok("set-status", "LEO-6.2", "in-progress")
    main = leo.commit("Status", "2026-10-02T10:00:00+01:00", author="Cai Example")
    leo.git("merge", "-q", "--no-ff", "-m", "Merge", "owner-fix", when="2026-10-03T10:00:00+01:00")
    changes = json.loads(ok("history", "LEO-6", "--since", "2026-10-01", "--format", "json"))
    assert [(c["commit"], c["change"]) for c in changes["changes"]] == [
        (branch, "owner cumbria-scp -> cumberland-scp"),
        (main, "status not-started -> in-progress"),
    ]


def test_a_shallow_clone_says_how_far_back_it_sees(leo: Repo, tmp_path: Path) -> None:
    ordinary_edits(leo)
    ok("set-status", "LEO-7.1", "in-progress")
    last = leo.commit("Later", "2026-11-28T08:00:00+00:00", author="Cai Example")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{leo.top}", str(clone)], check=True
    )
    result = lcspr("history", "--data", str(clone / "data"), "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1
    assert "shallow clone: its history goes back to 27 November 2026" in result.stderr
    found = json.loads(result.stdout)
    assert found["history_starts"] == "2026-11-27"
    assert [(c["commit"], c["change"]) for c in found["changes"]] == [
        (last, "status not-started -> in-progress")
    ]


def test_outside_git_history_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    plain = tmp_path / "plain" / "data"
    shutil.copytree(SAMPLES / "minimal", plain)
    result = lcspr("history", "--data", str(plain))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "not in a git repository" in result.stderr
    assert lcspr("status", "--as-recorded", "--data", str(plain)).exit_code == 2


# --- the trend ----------------------------------------------------------------------


def test_the_trend_as_recorded_where_the_history_reaches(leo: Repo) -> None:
    first = sha(leo)
    ordinary_edits(leo)
    quarters = json.loads(ok("trend", "--format", "json"))["quarters"]
    assert [q["quarter"] for q in quarters] == [
        "2025/26-Q3",
        "2025/26-Q4",
        "2026/27-Q1",
        "2026/27-Q2",
    ]
    assert [q["basis"] for q in quarters] == ["corrected"] * 3 + ["recorded"]
    assert quarters[-1]["commit"] == first
    assert quarters[-1]["recommendations_by_status"]["open"] == 1  # LEO-7, as recorded
    corrected = json.loads(ok("trend", "--format", "json", "--as-corrected"))["quarters"]
    assert {q["basis"] for q in corrected} == {"corrected"}
    assert corrected[-1]["recommendations_by_status"]["open"] == 0
    assert quarters[-1]["unowned"] == corrected[-1]["unowned"] + 1  # LEO-6, as recorded
    # The same counts as the reports as recorded on that day list.
    for kind, key in (
        ("overdue", "overdue"),
        ("unowned", "unowned"),
        ("missing-evidence", "missing_evidence"),
    ):
        listed = json.loads(ok(kind, "--as-recorded", "--as-of", "2026-09-30", "--format", "json"))
        assert quarters[-1][key] == len(listed["items"]), kind
    table = ok("trend", "--quarters", "2")
    assert table.startswith("Trend over the last 2 quarters")
    made_from = next(line.split() for line in table.splitlines() if line.startswith("Made from"))
    assert made_from == ["Made", "from", "rebuilt", first[:7]]
    assert "does not reach 30 June 2026" in table

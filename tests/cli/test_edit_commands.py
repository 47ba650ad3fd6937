"""The editing commands through the CLI: one-line reports, --dry-run, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from lcspr_cli.cli import app

REC = "recommendations/TEST/TEST-1.yaml"


@pytest.fixture(autouse=True)
def in_tmp(monkeypatch: pytest.MonkeyPatch, data_folder: Path) -> None:
    monkeypatch.chdir(data_folder.parent)
    monkeypatch.delenv("LCSPR_DATA", raising=False)


def run(*args: str, stdin: str | None = None, today: str = "") -> Result:
    env = {"NO_COLOR": "1", "LCSPR_TODAY": today}
    return CliRunner().invoke(app, list(args), input=stdin, env=env)


def test_set_status_writes_and_says_what_changed_in_one_line(data_folder: Path) -> None:
    result = run("set-status", "TEST-1.2", "complete", "--on", "2025-05-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "TEST-1.2: status complete, completed on 2025-05-01 "
        "(data/recommendations/TEST/TEST-1.yaml)\n"
    )
    assert "completed_on: 2025-05-01" in (data_folder / REC).read_text()


def test_dry_run_prints_the_diff_and_writes_nothing(data_folder: Path) -> None:
    before = (data_folder / REC).read_bytes()
    result = run("set-owner", "TEST-1.2", "south-council", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "--- a/data/recommendations/TEST/TEST-1.yaml",
        "+++ b/data/recommendations/TEST/TEST-1.yaml",
    ]
    assert "-    owner: test-icb\n+    owner: south-council\n" in result.stdout
    assert "Dry run: nothing was written." in result.stderr
    assert (data_folder / REC).read_bytes() == before


def test_refusals_give_the_reason_and_exit_1(data_folder: Path) -> None:
    before = (data_folder / REC).read_bytes()
    result = run("set-status", "TEST-1.2", "dropped")
    assert (result.exit_code, result.stderr) == (
        1,
        "lcspr: a dropped action needs the reason: add --reason '...'\n",
    )
    ended = run("set-owner", "TEST-1.2", "old-council")
    assert ended.exit_code == 1
    assert "its successors: north-council, south-council" in ended.stderr
    assert (data_folder / REC).read_bytes() == before


def test_set_owner_with_several_agencies_makes_them_joint_owners(data_folder: Path) -> None:
    before = (data_folder / REC).read_text()
    result = run("set-owner", "TEST-1.2", "north-council", "south-council", "north-council")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("TEST-1.2: owner north-council, south-council ")
    after = (data_folder / REC).read_text()
    assert after == before.replace(
        "    owner: test-icb\n", "    owner: [north-council, south-council]\n", 1
    )
    assert run("check", "--no-cache").exit_code == 0
    ended = run("set-owner", "TEST-1.2", "south-council", "old-council")
    assert ended.exit_code == 1 and "`old-council` ended on" in ended.stderr
    assert (data_folder / REC).read_text() == after


def test_a_refusal_by_the_rules_prints_the_problems_as_check_does(data_folder: Path) -> None:
    before = (data_folder / REC).read_bytes()
    result = run("set-status", "TEST-1.2", "complete", "--on", "2025-07-01", today="2025-06-01")
    assert result.exit_code == 1
    where, hint, refusal = result.stderr.splitlines()
    assert where.startswith(f"data/{REC}:")
    assert where.split(": ", 1)[1].startswith("date-in-future `completed_on` is 2025-07-01")
    assert hint == "    hint: check the date; a planned date belongs in `due`"
    assert refusal.startswith("lcspr: not written: TEST-1.yaml would have the errors above")
    assert (data_folder / REC).read_bytes() == before


def test_a_warning_is_printed_as_check_prints_it(data_folder: Path) -> None:
    result = run("set-status", "TEST-1", "complete", "--on", "2025-05-01", today="2025-06-01")
    assert result.exit_code == 0, result.output
    [warning, hint] = result.stderr.splitlines()
    assert warning.startswith(f"data/{REC}:11:9: ")
    assert "status-ahead-of-actions `TEST-1` is complete but its actions TEST-1.2 " in warning
    assert hint.startswith("    hint: ")


def test_lcspr_today_sets_the_day_the_edits_and_rules_use(data_folder: Path) -> None:
    # With today set to 2025-05-01, a completion on 2025-05-02 is in the future: refused.
    refused = run("set-status", "TEST-1.2", "complete", "--on", "2025-05-02", today="2025-05-01")
    assert refused.exit_code == 1 and "date-in-future" in refused.stderr
    update = run("add-update", "TEST-1.2", "--note", "Met", today="2025-05-02")
    assert update.exit_code == 0, update.output
    assert "update of 2025-05-02 added" in update.stdout
    bad = run("status", today="31/12/2025")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("lcspr: LCSPR_TODAY is `31/12/2025`: ")
    assert "2025-12-31" in bad.stderr


def test_typos_in_ids_agencies_and_statuses_exit_2_with_a_suggestion() -> None:
    assert "did you mean `TEST-1.2`?" in run("add-update", "TEST-1.22", "--note", "x").stderr
    result = run("set-owner", "TEST-1.2", "south-counsil")
    assert (result.exit_code, "did you mean `south-council`?" in result.stderr) == (2, True)
    assert run("set-status", "TEST-1.2", "done").exit_code == 2
    assert run("revise-due", "TEST-1.2", "31/12/2025", "--reason", "x").exit_code == 2


def test_every_everyday_command(data_folder: Path) -> None:
    assert (
        run("add-update", "TEST-1.2", "--note", "Survey sent", "--date", "2025-05-02").exit_code
        == 0
    )
    assert (
        run(
            "add-evidence",
            "TEST-1.2",
            "--title",
            "Survey",
            "--held-by",
            "test-icb",
            "--date",
            "2025-05-03",
        ).exit_code
        == 0
    )
    revised = run("revise-due", "TEST-1.2", "2025-12-31", "--reason", "Agreed", today="2025-05-04")
    assert revised.exit_code == 0, revised.output
    result = run(
        "new",
        "action",
        "TEST-1",
        "--action",
        "Repeat the survey",
        "--owner",
        "test-icb",
        "--due",
        "2026-03-31",
        "--lead-role",
        "Head of Early Help",
    )
    assert result.stdout.startswith("TEST-1.3: new action added to TEST-1")
    text = (data_folder / REC).read_text()
    for line in (
        "        note: Survey sent",
        "        held_by: test-icb",
        "    revisions:",
        "      - date: 2025-05-04",
        "        due: 2025-12-31",
        "  - id: TEST-1.3",
        "    lead_role: Head of Early Help",
    ):
        assert line in text.splitlines()
    assert run("check", "--as-of", "2025-06-01").exit_code == 0


def test_new_recommendation_reads_its_text_from_standard_input(data_folder: Path) -> None:
    result = run(
        "new",
        "recommendation",
        "--review",
        "TEST",
        "--number",
        "2",
        "--title",
        "Second",
        "--owner",
        "test-scp",
        "--due",
        "2026-03-31",
        stdin="Text from\na pipe.\n",
    )
    assert result.exit_code == 0, result.output
    created = data_folder / "recommendations/TEST/TEST-2.yaml"
    assert "text: Text from a pipe." in created.read_text().splitlines()
    assert (
        run(
            "new",
            "recommendation",
            "--review",
            "TEST",
            "--number",
            "3",
            "--title",
            "t",
            "--owner",
            "test-scp",
            "--due",
            "2026-03-31",
            stdin="",
        ).exit_code
        == 2
    )


def test_a_failed_write_leaves_the_file_and_says_so_in_one_line(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    before = (data_folder / REC).read_bytes()

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = run("set-owner", "TEST-1.2", "south-council")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "No space left on device; nothing was changed" in result.stderr
    assert (data_folder / REC).read_bytes() == before
    assert sorted(p.name for p in (data_folder / REC).parent.iterdir()) == ["TEST-1.yaml"]


def test_personal_data_is_refused_as_check_prints_it_without_repeating_it(
    data_folder: Path,
) -> None:
    before = (data_folder / REC).read_bytes()
    note = "Spoke to mother, DOB 12/03/1995, NHS 943 476 5919"  # made up: see test_privacy
    result = run("add-update", "TEST-1.2", "--note", note, today="2025-06-01")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"data/{REC}:36:32: privacy-date-of-birth the note you gave holds what looks like a "
        "date of birth, at character 18: personal data must never be in the files"
    )
    assert lines[2].startswith(f"data/{REC}:36:52: privacy-nhs-number the note you gave ")
    assert "an NHS number, at character 38" in lines[2]
    assert lines[-1].startswith("lcspr: not written: TEST-1.yaml would have the errors above")
    for part in ("943", "5919", "12/03", "1995"):
        assert part not in result.output
    assert (data_folder / REC).read_bytes() == before


def test_assured_with_its_evidence_in_one_command(data_folder: Path) -> None:
    bare = run("set-status", "TEST-1", "assured", "--on", "2025-05-01", "--by", "Subgroup")
    assert bare.exit_code == 1
    assert "--evidence TITLE and one of --path, --url or --held-by" in bare.stderr
    result = run(
        "set-status", "TEST-1", "assured", "--on", "2025-05-01", "--by", "Subgroup",
        "--evidence", "Audit report", "--held-by", "test-icb",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "TEST-1: status assured, assured on 2025-05-01 by Subgroup, evidence added (Audit report)"
    )
    assert (
        "assurance:\n  date: 2025-05-01\n  by: Subgroup\n  evidence:\n    - title: Audit report\n"
        "      date: 2025-05-01\n      held_by: test-icb\n"
    ) in (data_folder / REC).read_text()
    closed = run("set-status", "TEST-1", "closed", "--on", "2025-05-02")
    assert closed.exit_code == 1
    assert "cannot be closed while its actions TEST-1.2 are neither complete nor dropped" in (
        closed.stderr
    )
    stray = run("set-status", "TEST-1.2", "complete", "--on", "2025-05-01", "--held-by", "x")
    assert stray.exit_code == 2 and "say where the --evidence TITLE is" in stray.stderr


def test_missing_evidence_file_past_targets_and_late_actions(data_folder: Path) -> None:
    missing = run("add-evidence", "TEST-1.2", "--title", "Report", "--path", "evidence/r.md")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "lcspr: no evidence file data/evidence/r.md: put the document there first, or give "
        "--url or --held-by instead\n",
    )
    past = run("revise-due", "TEST-1.2", "2025-05-31", "--reason", "Late", today="2025-06-01")
    assert past.exit_code == 1 and "2025-05-31 is already past" in past.stderr
    late = run(
        "new", "action", "TEST-1", "--action", "Audit", "--owner", "test-icb",
        "--due", "2025-05-31", today="2025-06-01",
    )  # fmt: skip
    assert late.exit_code == 0
    [warning, hint] = late.stderr.splitlines()
    assert warning.startswith(f"data/{REC}:38:10: overdue action `TEST-1.3` is due 2025-05-31")
    assert hint.startswith("    hint: check the date")


def test_set_owner_notes_a_comment_that_may_no_longer_hold(data_folder: Path) -> None:
    path = data_folder / REC
    path.write_text(
        path.read_text().replace(
            "    owner: test-icb\n",
            "    # lcspr reports this as unowned.\n    owner: old-council\n",
        )
    )
    result = run("set-owner", "TEST-1.2", "north-council")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"data/{REC}:31:5: note this comment mentions `unowned` (as TEST-1.2 was until now); "
        "lcspr leaves comments as they are: change or remove it if it no longer holds\n"
    )
    assert "    # lcspr reports this as unowned.\n    owner: north-council\n" in path.read_text()

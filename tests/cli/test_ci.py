"""lcspr check for CI: GitHub annotations and job summary, GitLab and SARIF reports,
--fail-on, and --since on a real git repository with two branches."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from conftest import REPOSITORY, SAMPLES, TESTS, assert_golden
from lcspr_cli.cli import app

SARIF_SCHEMA = TESTS / "data" / "sarif-2.1.0-rtm.5.schema.json"
AS_OF = "2026-01-01"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The report sample with two errors and a warning, run from its parent folder."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLES / "reports", data)
    r1 = data / "recommendations/R/R-1.yaml"
    r1.write_text(r1.read_text().replace("due: 2025-12-31", "due: 31/12/2025"))
    r5 = data / "recommendations/R/R-5.yaml"
    r5.write_text(r5.read_text().replace("owner: new-council\ndue", "owner: new-counsil\ndue"))
    r2 = data / "recommendations/R/R-2.yaml"
    r2.write_text(r2.read_text().replace("status: in-progress", "status: complete", 1))
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "LCSPR_DATA"):
        monkeypatch.delenv(name, raising=False)
    return data


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        app, ["check", "--as-of", AS_OF, *args], env={"NO_COLOR": "1", **(env or {})}
    )


def test_github_actions_annotations_and_job_summary(broken: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier step.\n")
    result = run(env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:3] == [
        "::error file=data/recommendations/R/R-1.yaml,line=8,col=6,title=invalid-date::`due`: "
        "`31/12/2025` is not in the form YYYY-MM-DD%0Ahint: write 2025-12-31 (lcspr does not "
        "guess at other forms)",
        "::warning file=data/recommendations/R/R-2.yaml,line=9,col=9,"
        "title=status-ahead-of-actions::`R-2` is complete but its actions R-2.1, R-2.2, R-2.3 "
        "are not complete or dropped%0Ahint: "
        "complete or drop those actions, or set the recommendation's status back",
        "::error file=data/recommendations/R/R-5.yaml,line=7,col=8,title=unknown-agency::agency "
        "`new-counsil` is not in agencies.yaml%0Ahint: did you mean `new-council`?",
    ]
    written = summary.read_text()
    assert written.startswith("Earlier step.\n## lcspr check\n")
    assert_golden("ci-step-summary.md", written)


def test_gitlab_code_quality_report(broken: Path) -> None:
    result = run("--format", "gitlab", "--fail-on", "overdue")
    assert result.exit_code == 1
    entries = json.loads(result.stdout)
    assert {e["check_name"] for e in entries} == {
        "invalid-date",
        "status-ahead-of-actions",
        "unknown-agency",
        "overdue",
    }
    assert_golden("ci-gitlab.json", result.stdout)


def test_gitlab_fingerprints_do_not_depend_on_line_numbers(broken: Path) -> None:
    before = {e["fingerprint"] for e in json.loads(run("--format", "gitlab").stdout)}
    path = broken / "recommendations/R/R-1.yaml"
    path.write_text("# a new comment moves every line down\n" + path.read_text())
    after = json.loads(run("--format", "gitlab").stdout)
    assert {e["fingerprint"] for e in after} == before
    assert len(before) == 3


def test_sarif_is_valid_sarif_2_1_0(broken: Path) -> None:
    result = run("--format", "sarif", "--fail-on", "overdue,unowned,missing-evidence")
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    for entry in log["runs"][0]["results"]:
        assert rules[entry["ruleIndex"]] == entry["ruleId"]
    assert_golden("ci-sarif.json", run("--format", "sarif").stdout)


def test_fail_on_turns_findings_into_failures(
    samples_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(samples_copy)
    clean = CliRunner().invoke(app, ["check", "--data", "reports", "--as-of", AS_OF])
    assert clean.exit_code == 0
    gate = CliRunner().invoke(
        app,
        [
            "check",
            "--data",
            "reports",
            "--as-of",
            AS_OF,
            "--fail-on",
            "unowned",
            "--format",
            "json",
        ],
    )
    assert gate.exit_code == 1
    problems = json.loads(gate.stdout)["problems"]
    assert [(p["code"], p["message"]) for p in problems] == [
        ("unowned", "recommendation R-2 is unowned: its owner old-council no longer exists"),
        ("unowned", "action R-2.1 is unowned: its owner edge-council no longer exists"),
        ("unowned", "action R-2.2 is unowned: its owner mid-council no longer exists"),
        ("unowned", "action R-2.3 is unowned: it has no owner"),
    ]


# --- --since on a git repository with two branches -----------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose main branch already has an unknown owner in TEST-1.yaml."""
    repo = tmp_path / "tracker"
    shutil.copytree(SAMPLES / "minimal", repo / "data")
    rec = repo / "data/recommendations/TEST/TEST-1.yaml"
    rec.write_text(rec.read_text().replace("owner: test-icb", "owner: test-ibc"))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Start")
    monkeypatch.chdir(repo)
    monkeypatch.delenv("LCSPR_DATA", raising=False)
    return repo


def test_since_reports_only_what_the_change_adds(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "mark-complete")
    rec = repo / "data/recommendations/TEST/TEST-1.yaml"
    text = rec.read_text().replace(
        "    status: in-progress\n", "    status: complete\n    completed_on: 2025-05-01\n"
    )
    rec.write_text("# moved down a line\n" + text)
    git(repo, "commit", "-q", "-am", "Mark TEST-1.2 complete")
    everything = run("--fail-on", "missing-evidence", "--format", "json")
    assert {p["code"] for p in json.loads(everything.stdout)["problems"]} == {
        "unknown-agency",
        "missing-evidence",
    }
    new = run("--fail-on", "missing-evidence", "--since", "main", "--format", "json")
    assert new.exit_code == 1
    [problem] = json.loads(new.stdout)["problems"]
    assert (problem["code"], problem["line"]) == ("missing-evidence", 30)
    untouched = run("--since", "main")
    assert untouched.exit_code == 0
    assert "new since main" in untouched.stdout


def test_since_flags_an_id_both_branches_added(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "second")
    base = (
        (repo / "data/recommendations/TEST/TEST-1.yaml")
        .read_text()
        .replace("owner: test-ibc", "owner: test-icb")
    )
    second = base.replace("id: TEST-1\n", "id: TEST-2\n").replace("number: 1\n", "number: 2\n")
    second = second.replace("TEST-1.", "TEST-2.")
    (repo / "data/recommendations/TEST/later").mkdir()
    (repo / "data/recommendations/TEST/later/TEST-2.yaml").write_text(second)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Add TEST-2 in a subfolder")
    git(repo, "checkout", "-q", "main")
    (repo / "data/recommendations/TEST/TEST-2.yaml").write_text(second)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Add TEST-2")
    git(repo, "checkout", "-q", "second")
    result = run("--since", "main", "--format", "json")
    codes = {(p["code"], p["file"]) for p in json.loads(result.stdout)["problems"]}
    assert ("id-taken", "data/recommendations/TEST/later/TEST-2.yaml") in codes
    assert result.exit_code == 1


def test_since_an_unknown_revision_or_outside_git(repo: Path, tmp_path: Path) -> None:
    result = run("--since", "no-such-branch")
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "lcspr: --since no-such-branch: there is no git revision `no-such-branch`",
    )
    elsewhere = tmp_path / "plain"
    shutil.copytree(SAMPLES / "minimal", elsewhere / "data")
    outside = CliRunner().invoke(
        app, ["check", "--data", str(elsewhere / "data"), "--since", "main"]
    )
    assert outside.exit_code == 2


def test_a_fingerprint_survives_days_passing(broken: Path) -> None:
    def overdue_prints(day: str) -> set[str]:
        result = CliRunner().invoke(
            app, ["check", "--as-of", day, "--fail-on", "overdue", "--format", "gitlab"]
        )
        return {e["fingerprint"] for e in json.loads(result.stdout) if e["check_name"] == "overdue"}

    assert overdue_prints("2026-01-01") == overdue_prints("2026-01-02")


def test_the_workflow_and_the_pre_commit_hook_run_what_the_docs_say() -> None:
    from ruamel.yaml import YAML

    repository = REPOSITORY
    workflow = YAML(typ="safe", pure=True).load(
        (repository / ".github/workflows/ci.yml").read_text()
    )
    steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "bash .ci/run" in steps
    assert any("--since" in step for step in steps)
    [hook] = YAML(typ="safe", pure=True).load((repository / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == (
        "lcspr-check",
        "lcspr check",
        False,
    )
    assert "lcspr-check" in (repository / "docs/ci.md").read_text()

"""lcspr check for CI: GitHub annotations and job summary, GitLab, SARIF and JUnit
reports, the files they name wherever lcspr runs, --fail-on, --since on a real git
repository with two branches, and the workflows docs/ci.md shows."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree
from typer.testing import CliRunner, Result

from conftest import REPOSITORY, SAMPLES, TESTS, assert_golden
from lcspr_cli.cli import app
from lcspr_cli.problems import CODES
from lcspr_cli.render.code_docs import HOME_PAGE

SARIF_SCHEMA = TESTS / "data" / "sarif-2.1.0-rtm.5.schema.json"
JUNIT_XSD = files("ub_test_reports") / "schemas" / "JUnit.xsd"
"""Windy Road's JUnit.xsd (the Apache Ant JUnit schema), as the ub-test-reports package
ships it."""
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
        "guess at other forms); a target date is a day (2026-03-31), a month (2026-03) or a "
        "financial quarter (2026/27-Q4)",
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


def test_gitlab_fingerprints_are_unique_when_a_file_repeats_a_problem(broken: Path) -> None:
    path = broken / "recommendations/R/R-1.yaml"
    path.write_text(path.read_text().replace("- date: 2025-06-01", "- date: 01/06/2025"))
    entries = json.loads(run("--format", "gitlab").stdout)
    alike = [e for e in entries if "`01/06/2025`" in e["description"]]
    assert [e["location"]["lines"]["begin"] for e in alike] == [17, 25]
    assert len({e["description"] for e in alike}) == 1
    prints = [e["fingerprint"] for e in entries]
    assert len(set(prints)) == len(prints)
    path.write_text("# two new lines\n# move every problem down\n" + path.read_text())
    moved = json.loads(run("--format", "gitlab").stdout)
    assert [e["fingerprint"] for e in moved] == prints
    sarif = json.loads(run("--format", "sarif").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"]["lcsprProblem/v1"] for r in sarif] == prints


def test_sarif_is_valid_sarif_2_1_0_with_what_github_requires(broken: Path) -> None:
    (broken / "recommendations/R/R-9.yml").write_text("id: R-9\n")  # a whole-file problem
    result = run("--format", "sarif", "--fail-on", "overdue,unowned,missing-evidence")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    [sarif_run] = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    assert driver["semanticVersion"] == driver["version"]
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == [code.name for code in CODES]
    for rule in rules:  # GitHub's rule set (GH2012): code scanning needs these
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["fullDescription"]["markdown"]
        assert "How to fix it: " in rule["help"]["text"], rule["id"]
        assert "**How to fix it:** " in rule["help"]["markdown"], rule["id"]
        assert rule["helpUri"].startswith("https://") and "/problems.md#" in rule["helpUri"]
    codes = set()
    for entry in sarif_run["results"]:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        [location] = entry["locations"]
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        codes.add(entry["ruleId"])
    assert {"ignored-file", "invalid-date", "overdue", "unowned", "missing-evidence"} <= codes
    [ignored] = [e for e in sarif_run["results"] if e["ruleId"] == "ignored-file"]
    assert ignored["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "data/recommendations/R/R-9.yml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1},
    }
    (broken / "recommendations/R/R-9.yml").unlink()
    assert_golden("ci-sarif.json", run("--format", "sarif").stdout)


def test_sarif_rule_help_is_the_text_of_docs_problems_md(broken: Path) -> None:
    rules = json.loads(run("--format", "sarif").stdout)["runs"][0]["tool"]["driver"]["rules"]
    [rule] = [rule for rule in rules if rule["id"] == "missing-file"]
    assert rule["help"]["text"] == (
        "The data folder has no reviews.yaml.\n\nHow to fix it: Create it: see the file format."
    )
    assert rule["help"]["markdown"].endswith(
        f"**How to fix it:** Create it: see [the file format]({HOME_PAGE}/blob/main/docs/"
        "file-format.md)."
    )
    assert rule["helpUri"].endswith("/docs/problems.md#reading-files")
    page = (REPOSITORY / "docs/problems.md").read_text()
    assert (
        "| `missing-file` | error | The data folder has no `reviews.yaml`. | Create it: see "
        in page
    )


def _junit(text: str) -> Any:
    """The JUnit report, parsed, after checking it against the JUnit XSD."""
    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    document = etree.fromstring(text.encode())
    schema.assertValid(document)
    return document


def test_junit_is_one_test_case_per_file_valid_against_the_junit_xsd(broken: Path) -> None:
    result = run("--format", "junit")
    assert result.exit_code == 1
    document = _junit(result.stdout)
    [suite] = document.findall("testsuite")
    cases = suite.findall("testcase")
    names = [case.get("name") for case in cases]
    assert names == sorted(
        path.relative_to(broken.parent).as_posix()
        for path in broken.rglob("*.yaml")
        if "evidence" not in path.parts
    )
    failed = {case.get("name"): case.find("failure") for case in cases if len(case)}
    assert set(failed) == {"data/recommendations/R/R-1.yaml", "data/recommendations/R/R-5.yaml"}
    assert (suite.get("tests"), suite.get("failures")) == (str(len(cases)), "2")
    r1 = failed["data/recommendations/R/R-1.yaml"]
    assert r1.get("message") == "1 error: invalid-date"
    assert r1.text.splitlines()[0] == (
        "data/recommendations/R/R-1.yaml:8: invalid-date `due`: `31/12/2025` is not in the form "
        "YYYY-MM-DD"
    )
    assert r1.text.splitlines()[1].startswith("    hint: write 2025-12-31")
    warnings = suite.find("system-out").text.splitlines()
    assert warnings[0].startswith(
        "data/recommendations/R/R-2.yaml:9: status-ahead-of-actions `R-2` is complete"
    )
    assert_golden("ci-junit.xml", result.stdout)


def test_junit_with_strict_fails_on_warnings_too(broken: Path) -> None:
    suite = _junit(run("--format", "junit", "--strict").stdout).find("testsuite")
    failed = {case.get("name") for case in suite.findall("testcase") if len(case)}
    assert "data/recommendations/R/R-2.yaml" in failed
    assert suite.find("system-out").text is None


def test_the_junit_xsd_check_can_fail(broken: Path) -> None:
    """The schema is strict enough to refuse a report that a reader would misread: one
    failure per test case, and the counts a suite must have."""
    text = run("--format", "junit").stdout
    _junit(text)
    two_failures = re.sub(r"(<failure [^>]*>[^<]*</failure>)", r"\1\1", text, count=1)
    uncounted = text.replace(' failures="2"', "", 1)
    for broken_text in (two_failures, uncounted):
        assert broken_text != text
        with pytest.raises(etree.DocumentInvalid):
            _junit(broken_text)


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


def test_since_keeps_one_of_two_alike_problems_when_the_change_adds_the_second(
    repo: Path,
) -> None:
    rec = repo / "data/recommendations/TEST/TEST-1.yaml"
    rec.write_text(
        rec.read_text().replace("      - date: 2025-03-20\n", "      - date: 20/03/2025\n")
    )
    git(repo, "commit", "-q", "-am", "A date in the wrong form")
    git(repo, "checkout", "-q", "-b", "another")
    rec.write_text(
        "# moved down a line\n"
        + rec.read_text()
        + "    updates:\n      - date: 20/03/2025\n        note: The same mistake again.\n"
    )
    git(repo, "commit", "-q", "-am", "The same mistake in another action")
    every = json.loads(run("--format", "json").stdout)["problems"]
    alike = [(p["code"], p["line"]) for p in every if "`20/03/2025`" in p["message"]]
    assert alike == [("invalid-date", 27), ("invalid-date", 36)]
    new = json.loads(run("--since", "main", "--format", "json").stdout)["problems"]
    assert [(p["code"], p["line"]) for p in new] == [("invalid-date", 36)]


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


# --- The files the CI formats name, wherever lcspr runs -------------------------------

R1 = "recommendations/R/R-1.yaml"


def _named_files(*args: str, summary: Path) -> dict[str, set[str]]:
    """The files each CI format names for the `invalid-date` problem (the job summary's
    written by the github run)."""
    github = run(*args, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    gitlab = json.loads(run(*args, "--format", "gitlab").stdout)
    sarif = json.loads(run(*args, "--format", "sarif").stdout)["runs"][0]["results"]
    junit = _junit(run(*args, "--format", "junit").stdout).iter("failure")
    return {
        "github": set(
            re.findall(r"^::error file=([^,]+),.*title=invalid-date", github.stdout, re.M)
        ),
        "gitlab": {e["location"]["path"] for e in gitlab if e["check_name"] == "invalid-date"},
        "sarif": {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif
            if r["ruleId"] == "invalid-date"
        },
        "junit": {f.text.split(":")[0] for f in junit if "invalid-date" in f.get("message")},
        "summary": set(
            re.findall(r"^\| (\S+) \| \d+ \| `invalid-date` \|", summary.read_text(), re.M)
        ),
    }


@pytest.mark.parametrize("where", ["the top", "inside the data folder", "outside the repository"])
def test_ci_formats_name_files_from_the_top_of_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    repository = tmp_path / "repository"
    data = repository / "eco/tracker/data"
    shutil.copytree(SAMPLES / "reports", data)
    (data / R1).write_text((data / R1).read_text().replace("due: 2025-12-31", "due: 31/12/2025"))
    git(repository, "init", "-q")
    cwd = {
        "the top": repository,
        "inside the data folder": data / "recommendations",
        "outside the repository": tmp_path / "elsewhere",
    }[where]
    cwd.mkdir(exist_ok=True)
    monkeypatch.chdir(cwd)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "LCSPR_DATA"):
        monkeypatch.delenv(name, raising=False)
    given = os.path.relpath(data, cwd)  # --data as the user typed it, from where they are
    named = _named_files("--data", given, summary=tmp_path / "summary.md")
    expected = "eco/tracker/data/recommendations/R/R-1.yaml"
    assert named == {name: {expected} for name in named}
    text = run("--data", given).stdout.splitlines()[0]  # as given, so a terminal opens it
    assert text.startswith(f"{Path(os.path.normpath(Path(given) / R1)).as_posix()}:8:6: ")


def test_outside_git_the_ci_formats_name_files_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    assert not any((parent / ".git").exists() for parent in (folder, *folder.parents))
    shutil.copytree(SAMPLES / "reports", folder / "data")
    r1 = folder / "data" / R1
    r1.write_text(r1.read_text().replace("due: 2025-12-31", "due: 31/12/2025"))
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "LCSPR_DATA"):
        monkeypatch.delenv(name, raising=False)
    named = _named_files("--data", "../data", summary=tmp_path / "summary.md")
    assert named == {name: {f"../data/{R1}"} for name in named}


# --- The job summary: once per job, and never too large for GitHub ---------------------


def test_a_job_that_also_writes_sarif_and_junit_shows_its_summary_once(
    broken: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    github = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    assert run(env=github).stdout.startswith("::error ")  # the annotations and the summary
    run("--format", "sarif", env=github)
    run("--format", "junit", env=github)
    run("--format", "gitlab", env=github)
    assert summary.read_text().count("## lcspr check") == 1
    run("--no-job-summary", env=github)
    assert summary.read_text().count("## lcspr check") == 1
    run("--format", "sarif", "--job-summary", env=github)
    assert summary.read_text().count("## lcspr check") == 2


# --- The workflows docs/ci.md shows ---------------------------------------------------


def _snippets(language: str) -> list[Any]:
    from ruamel.yaml import YAML

    page = (REPOSITORY / "docs/ci.md").read_text()
    blocks = re.findall(rf"^```{language}\n(.*?)^```", page, re.M | re.S)
    return [YAML(typ="safe", pure=True).load(block) for block in blocks]


def _sarif_steps() -> list[dict[str, Any]]:
    [steps] = [s for s in _snippets("yaml") if isinstance(s, list) and "id" in s[0]]
    return list(steps)


def test_the_sarif_upload_has_its_permissions_and_no_or_true() -> None:
    page = (REPOSITORY / "docs/ci.md").read_text()
    assert "|| true" not in page
    grants = [s["permissions"] for s in _snippets("yaml") if "permissions" in s]
    assert {"contents": "read", "security-events": "write"} in grants
    write, upload = _sarif_steps()
    assert "--format sarif > lcspr.sarif" in write["run"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "lcspr.sarif"
    # Both run after a failed check; the upload only when the log was written.
    assert "!cancelled()" in write["if"]
    assert upload["if"] == f"${{{{ !cancelled() && steps.{write['id']}.outcome == 'success' }}}}"


@pytest.mark.parametrize(("code", "step_fails"), [(0, False), (1, False), (2, True), (3, True)])
def test_the_sarif_step_fails_the_job_only_when_lcspr_could_not_check(
    tmp_path: Path, code: int, step_fails: bool
) -> None:
    """The step's command, run as GitHub runs it (bash -e), with an lcspr that writes a
    log and exits with `code`."""
    fake = tmp_path / "bin" / "lcspr"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho '{{}}'\nexit {code}\n")
    fake.chmod(0o755)
    write, _ = _sarif_steps()
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", write["run"]],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"},
        check=False,
    )
    assert (done.returncode != 0) is step_fails
    assert (tmp_path / "lcspr.sarif").read_text() == "{}\n"


def test_the_pre_commit_snippet_pins_a_revision_pre_commit_does_not_warn_about() -> None:
    [config] = [s for s in _snippets("yaml") if isinstance(s, dict) and "repos" in s]
    [repository] = config["repos"]
    assert [hook["id"] for hook in repository["hooks"]] == ["lcspr-check"]
    rev = str(repository["rev"])
    # pre-commit's own test for a mutable reference (clientlib.WarnMutableRev): a rev with
    # no dot that is not hexadecimal is taken for a branch, and warned about on every run.
    assert "." in rev or re.fullmatch(r"[a-fA-F0-9]+", rev), rev
    assert "pre-commit autoupdate --freeze" in (REPOSITORY / "docs/ci.md").read_text()


def test_the_gitlab_job_keeps_exit_codes_2_and_3_and_reports_junit() -> None:
    [job] = [s["lcspr"] for s in _snippets("yaml") if isinstance(s, dict) and "lcspr" in s]
    reports = [line for line in job["script"] if "--format" in line]
    assert reports and all(line.endswith('|| [ "$?" -eq 1 ]') for line in reports)
    assert set(job["artifacts"]["reports"]) == {"codequality", "junit"}


# --- Small failures seen on the way -----------------------------------------------------


@pytest.mark.parametrize(
    ("command", "formats"),
    [
        ("check", "text, json, github, gitlab, sarif or junit"),
        ("status", "table, json or markdown"),
        ("overdue", "table, json or markdown"),
        ("show", "table, json or markdown"),
    ],
)
def test_an_unknown_format_is_named_with_the_formats_lcspr_writes(
    broken: Path, command: str, formats: str
) -> None:
    args = [command, "R-1"] if command == "show" else [command]
    result = CliRunner().invoke(app, [*args, "--format", "csv"], env={"NO_COLOR": "1"})
    assert result.exit_code == 2
    assert f"`csv` is not a format lcspr writes; choose {formats}" in result.stderr
    assert "Value error" not in result.stderr


def test_a_summary_past_the_last_day_is_a_clear_usage_error(broken: Path) -> None:
    result = CliRunner().invoke(app, ["summary", "--as-of", "9999-12-31"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "lcspr: 9999/00-Q3 is too late for a summary: it looks ahead to the quarter after, and "
        "dates end on 31 December 9999. The last quarter lcspr can summarise is 9999/00-Q2."
    )
    last = CliRunner().invoke(app, ["summary", "--quarter", "9999/00-Q2"])
    assert "**9999/00 Q2 (July to September 9999)**" in last.stdout
    assert "Due in 9999/00 Q3:\n\nNothing." in last.stdout

"""The CI renderers on their own: the job summary's size cap, the SARIF models' required
properties, and text from the data in JUnit XML and SARIF."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from lxml import etree
from msgspec.structs import replace

from conftest import AS_OF
from lcspr_cli.pipeline import CheckResult, check_for_ci
from lcspr_cli.problems import Problem
from lcspr_cli.queries.report import Report
from lcspr_cli.render import sarif
from lcspr_cli.render.ci import SUMMARY_LIMIT, render_step_summary
from lcspr_cli.render.junit import render_junit

JUNIT_XSD = files("ub_test_reports") / "schemas" / "JUnit.xsd"
GITHUB_LIMIT = 1024 * 1024
"""GitHub refuses a step summary over 1 MiB."""


@pytest.fixture
def checked(data_folder: Path) -> tuple[CheckResult, Report]:
    result, report = check_for_ci(data_folder, AS_OF, with_report=True)
    assert report is not None
    return result, report


def _many(result: CheckResult, count: int) -> CheckResult:
    file = result.dataset.root / "recommendations/TEST/TEST-1.yaml"
    problems = tuple(
        Problem.of(
            "unknown-field", f"`field{n}` is not a field of this action " + "x" * 80, file, n
        )
        for n in range(1, count + 1)
    )
    return replace(result, problems=problems)


def _table_rows(summary: str) -> int:
    return sum(line.startswith("| recommendations/") for line in summary.splitlines())


def test_a_large_summary_is_cut_well_below_githubs_limit(
    checked: tuple[CheckResult, Report], data_folder: Path
) -> None:
    result, report = checked
    many = _many(result, 20_000)
    summary = render_step_summary(many, report, data_folder)
    written = len((summary + "\n").encode())  # as lcspr check appends it
    assert written <= SUMMARY_LIMIT <= GITHUB_LIMIT // 2
    assert written > SUMMARY_LIMIT - 1000  # filled, not cut short
    shown = _table_rows(summary)
    assert 0 < shown < 20_000
    *_, last = summary.splitlines()
    assert last.startswith(f"**{20_000 - shown} problems left out of this summary**")
    assert "### Missing evidence: " in summary  # the findings are kept


@pytest.mark.parametrize("limit", [3_000, 5_000, 20_000])
def test_the_cut_keeps_to_any_limit_and_counts_what_it_left_out(
    checked: tuple[CheckResult, Report], data_folder: Path, limit: int
) -> None:
    result, report = checked
    summary = render_step_summary(_many(result, 500), report, data_folder, limit=limit)
    assert len((summary + "\n").encode()) <= limit
    left_out = 500 - _table_rows(summary)
    assert summary.splitlines()[-1].startswith(f"**{left_out} problems left out")


def test_a_summary_that_fits_is_whole(
    checked: tuple[CheckResult, Report], data_folder: Path
) -> None:
    result, report = checked
    summary = render_step_summary(_many(result, 20), report, data_folder)
    assert _table_rows(summary) == 20
    assert "left out" not in summary


def test_the_sarif_models_require_what_github_requires() -> None:
    """A log without these is a type error (mypy), not a rejected upload."""
    assert {"ruleId", "message", "locations"} <= sarif.Result.__required_keys__
    assert {"artifactLocation", "region"} <= sarif.PhysicalLocation.__required_keys__
    assert "startLine" in sarif.Region.__required_keys__
    assert {"shortDescription", "fullDescription", "help", "helpUri"} <= (
        sarif.ReportingDescriptor.__required_keys__
    )
    assert {"informationUri", "semanticVersion", "rules"} <= sarif.ToolComponent.__required_keys__


def test_sarif_uris_are_uri_references(checked: tuple[CheckResult, Report], tmp_path: Path) -> None:
    result, _ = checked
    file = tmp_path / "data" / "recommendations" / "My review" / "R-1 #2.yaml"
    one = replace(result, problems=(Problem.of("invalid-id", "m", file, 3, 1),))
    [entry] = sarif.sarif_log(one, tmp_path)["runs"][0]["results"]
    location = entry["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "data/recommendations/My%20review/R-1%20%232.yaml"


def test_junit_holds_any_text_from_the_data(
    checked: tuple[CheckResult, Report], data_folder: Path
) -> None:
    result, _ = checked
    file = data_folder / "recommendations/TEST/a&b <c>.yaml"
    message = "`title` holds <b>bold</b> & ]]> and \x1b[31m\ufffe"
    odd = replace(result, problems=(Problem.of("invalid-value", message, file, 3, 1, "hint"),))
    text = render_junit(odd, data_folder.parent, AS_OF)
    document = etree.fromstring(text.encode())
    etree.XMLSchema(etree.parse(str(JUNIT_XSD))).assertValid(document)
    [failure] = document.iter("failure")
    assert failure.text is not None
    assert failure.text.splitlines()[0] == (
        "data/recommendations/TEST/a&b <c>.yaml:3: invalid-value `title` holds <b>bold</b> & ]]> "
        "and \\x1b[31m\\ufffe"
    )
    cases = [case.get("name") for case in document.iter("testcase")]
    assert "data/recommendations/TEST/a&b <c>.yaml" in cases

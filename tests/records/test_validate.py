from __future__ import annotations

from pathlib import Path

from lcspr_cli.problems import Problem
from lcspr_cli.records.models import Recommendation
from lcspr_cli.records.validate import validate_record
from lcspr_cli.yamlfile.read import parse_yaml

VALID = """\
id: T-1
review: T
number: 1
title: A title
text: Some text.
due: 2025-12-31
status: open
actions:
  - id: T-1.1
    action: Do it.
    due: 2025-06-30
    status: in-progress
"""


def problems_for(text: str) -> list[Problem]:
    parsed = parse_yaml(text.encode(), Path("T-1.yaml"))
    assert parsed.data is not None
    located, problems = validate_record(Recommendation, parsed.data, parsed.source)
    assert (located is None) == bool(problems)
    return problems


def test_valid_record_has_no_problems_and_knows_its_lines() -> None:
    parsed = parse_yaml(VALID.encode(), Path("T-1.yaml"))
    located, problems = validate_record(Recommendation, parsed.data, parsed.source)
    assert problems == []
    assert located is not None
    assert located.line() == 1
    assert located.line("actions", 0) == 9
    assert located.line("actions", 0, "due") == 11


def test_unknown_field_suggests_the_intended_one_at_the_key() -> None:
    [problem] = problems_for(
        VALID.replace("    due: 2025-06-30", "    dew: 2025-06-30\n    due: 2025-06-30")
    )
    assert (problem.code, problem.line, problem.column) == ("unknown-field", 11, 5)
    assert problem.message == "`dew` is not a field of an action"
    assert problem.hint.startswith("did you mean `due`?")


def test_missing_field_points_at_the_record_that_lacks_it() -> None:
    [problem] = problems_for(VALID.replace("    status: in-progress\n", ""))
    assert (problem.code, problem.line) == ("missing-field", 9)
    assert problem.message == "an action needs `status`, which is missing"
    assert "status:" in problem.hint


def test_wrong_status_lists_the_allowed_values_and_a_suggestion() -> None:
    [problem] = problems_for(VALID.replace("status: in-progress", "status: in progress"))
    assert (problem.code, problem.line, problem.column) == ("invalid-value", 12, 13)
    assert "not-started, in-progress, complete, dropped" in problem.message
    assert problem.hint == "did you mean `in-progress`?"


def test_number_is_read_plainly_and_an_id_must_be_text() -> None:
    assert problems_for(VALID.replace("number: 1", "number: 2a")) == []
    [problem] = problems_for(VALID.replace("id: T-1.1", "id: 11"))
    assert (problem.code, problem.line) == ("wrong-type", 9)
    assert problem.message == "`id` should be text, but it is the number `11`"


def test_a_yes_no_value_where_text_is_expected_is_explained() -> None:
    [problem] = problems_for(VALID.replace("title: A title", "title: true"))
    assert problem.code == "wrong-type"
    assert "the yes/no value `true`" in problem.message


def test_list_expected_but_text_given() -> None:
    [problem] = problems_for(VALID.replace("status: open", "status: open\nthemes: fathers"))
    assert (problem.code, problem.line) == ("wrong-type", 8)
    assert problem.message == "`themes` should be a list, but it is text"


def test_empty_required_value() -> None:
    [problem] = problems_for(VALID.replace("title: A title", "title:"))
    assert problem.code == "wrong-type"
    assert problem.message == "`title` is empty, but should be text"
    [blank] = problems_for(VALID.replace("title: A title", "title: '  '"))
    assert blank.code == "empty-value"


def test_every_error_in_a_record_is_reported() -> None:
    broken = VALID.replace("due: 2025-12-31", "due: 31/12/2025").replace(
        "status: in-progress", "status: done"
    )
    assert [(p.code, p.line) for p in problems_for(broken)] == [
        ("invalid-date", 6),
        ("invalid-value", 12),
    ]


def test_evidence_must_say_where_it_is_and_stay_inside() -> None:
    evidence = "    evidence:\n      - title: Audit\n        date: 2025-01-01\n"
    [where] = problems_for(VALID + evidence)
    assert (where.code, where.line) == ("evidence-location", 14)
    [escape] = problems_for(VALID + evidence + "        path: ../../etc/passwd\n")
    assert escape.code == "invalid-value"
    assert "outside the data folder" in escape.message
    [url] = problems_for(VALID + evidence + "        url: www.example.org\n")
    assert url.code == "invalid-url"


def test_ids_must_have_their_form() -> None:
    [problem] = problems_for(VALID.replace("review: T", "review: t"))
    assert (problem.code, problem.line) == ("invalid-id", 2)
    assert problem.message == "`t` is not a valid review id"

from __future__ import annotations

import re
from pathlib import Path

from lcspr_cli.problems import CODES, CODES_BY_NAME, Problem, Severity, sort_key

DOCS = Path(__file__).parent.parent / "docs" / "problems.md"


def test_every_code_is_documented_with_its_severity() -> None:
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \|", DOCS.read_text(), re.M))
    assert rows == {code.name: code.severity.value for code in CODES}


def test_codes_are_unique_and_kebab_case() -> None:
    names = [code.name for code in CODES]
    assert len(names) == len(set(names)) == len(CODES_BY_NAME)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


def test_a_problem_takes_its_codes_severity() -> None:
    assert Problem.of("ignored-file", "m", Path("a")).severity is Severity.WARNING
    assert Problem.of("yaml-syntax", "m", Path("a")).is_error


def test_problems_sort_by_file_then_line_with_whole_file_problems_first() -> None:
    problems = [
        Problem.of("yaml-syntax", "m", Path("b.yaml"), 1, 1),
        Problem.of("yaml-syntax", "m", Path("a.yaml"), 10, 2),
        Problem.of("missing-file", "m", Path("a.yaml")),
        Problem.of("yaml-syntax", "m", Path("a.yaml"), 2, 5),
    ]
    ordered = sorted(problems, key=sort_key)
    assert [(p.file.name, p.line) for p in ordered] == [
        ("a.yaml", None),
        ("a.yaml", 2),
        ("a.yaml", 10),
        ("b.yaml", 1),
    ]

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lcspr_cli.yamlfile import read
from lcspr_cli.yamlfile.read import parse_yaml, read_yaml
from lcspr_cli.yamlfile.scalars import resolve_plain

FILE = Path("x.yaml")


def codes(raw: bytes) -> list[tuple[str, int | None]]:
    return [(p.code, p.line) for p in parse_yaml(raw, FILE).problems]


def test_values_and_keys_keep_their_positions() -> None:
    parsed = parse_yaml(b"id: A-1\nactions:\n  - id: A-1.1\n    due: 2025-01-31\n", FILE)
    assert parsed.data == {"id": "A-1", "actions": [{"id": "A-1.1", "due": "2025-01-31"}]}
    assert parsed.source.position(("actions", 0, "due")) == (4, 10)
    assert parsed.source.position(("actions", 0, "due"), key=True) == (4, 5)
    assert parsed.source.position(("actions", 0)) == (3, 5)
    # An unknown path falls back to its nearest known ancestor.
    assert parsed.source.position(("actions", 0, "owner")) == (3, 5)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("-4", -4),
        ("1e3", 1000.0),
        ("2.5", 2.5),
        ("true", True),
        ("False", False),
        ("", None),
        ("~", None),
        ("null", None),
        # YAML 1.2: these stay text, unlike YAML 1.1 readers.
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("2025-03-31", "2025-03-31"),
        ("2a", "2a"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text: str, value: object) -> None:
    assert resolve_plain(text) == value


def test_quoted_scalars_are_always_text() -> None:
    assert parse_yaml(b"a: '3'\nb: \"true\"\n", FILE).data == {"a": "3", "b": "true"}


def test_bom_and_windows_line_endings_are_accepted() -> None:
    parsed = parse_yaml(b"\xef\xbb\xbfa: 1\r\nb: two\r\n", FILE)
    assert parsed.problems == ()
    assert parsed.data == {"a": 1, "b": "two"}
    assert parsed.source.position(("b",)) == (2, 4)


def test_duplicate_key_points_at_the_second_and_names_the_first() -> None:
    parsed = parse_yaml(b"a: 1\nb: 2\na: 3\n", FILE)
    [problem] = parsed.problems
    assert (problem.code, problem.line, problem.column) == ("yaml-duplicate-key", 3, 1)
    assert "first on line 1" in problem.message
    assert parsed.data == {"a": 1, "b": 2}


def test_aliases_are_refused_not_expanded() -> None:
    parsed = parse_yaml(b"a: &x [1, 2]\nb: *x\n", FILE)
    assert [(p.code, p.line) for p in parsed.problems] == [("yaml-anchor", 1), ("yaml-anchor", 2)]
    assert parsed.data == {"a": [1, 2], "b": None}


def test_tags_are_refused_and_never_constructed() -> None:
    parsed = parse_yaml(b"a: !!python/object/apply:os.system ['echo hi']\n", FILE)
    assert [p.code for p in parsed.problems] == ["yaml-tag"]
    assert "!!python/object/apply:os.system" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", [("empty-file", 1)]),
        (b"# only a comment\n", [("empty-file", 1)]),
        (b"- a\n- b\n", [("not-a-mapping", 1)]),
        (b"just text\n", [("not-a-mapping", 1)]),
        (b"a: 1\nb: c: d\n", [("yaml-syntax", 2)]),
        (b"a: [1, 2\n", [("yaml-syntax", 1)]),  # where the list opens
        (b"a:\n\t- b\n", [("yaml-tab", 2)]),
        (b"a: 1\n---\nb: 2\n", [("yaml-multiple-documents", 2)]),
        (b"a: caf\xe9\n", [("not-utf8", 1)]),
        (b"\xff\xfea\x00:\x00", [("not-utf8", 1)]),
        (b"a: 1\nb: \x00\x01\n", [("not-utf8", 2)]),
        (b"a: \x07\n", [("not-utf8", 1)]),
        (b"a: " + b"[" * 40 + b"]" * 40 + b"\n", [("too-deep", 1)]),
        (b"? [a, b]\n: c\n", [("yaml-syntax", 1)]),
    ],
)
def test_unreadable_yaml_gives_one_clear_problem(
    raw: bytes, expected: list[tuple[str, int]]
) -> None:
    assert codes(raw) == expected


def test_merge_conflict_is_named_as_such_at_each_conflict() -> None:
    raw = (
        b"id: A-1\n<<<<<<< HEAD\nstatus: open\n||||||| base\nstatus: new\n=======\n"
        b"status: closed\n>>>>>>> branch\nx: 1\n<<<<<<< HEAD\ny: 1\n=======\ny: 2\n>>>>>>> b\n"
    )
    parsed = parse_yaml(raw, FILE)
    assert [(p.code, p.line) for p in parsed.problems] == [
        ("merge-conflict", 2),
        ("merge-conflict", 10),
    ]
    assert "unresolved merge conflict" in parsed.problems[0].message


def test_a_line_of_equals_signs_alone_is_not_a_conflict() -> None:
    assert codes(b"text: |\n  =======\n  heading\n") == []


def test_read_yaml_reports_a_folder_and_a_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "LEO-1.yaml"
    folder.mkdir()
    assert [p.code for p in read_yaml(folder).problems] == ["unreadable-file"]
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 200)
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 100)
    assert [p.code for p in read_yaml(big).problems] == ["file-too-large"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_data_or_problems_never_an_exception(raw: bytes) -> None:
    parsed = parse_yaml(raw, FILE)
    assert parsed.data is not None or parsed.problems
    for problem in parsed.problems:
        assert problem.code in yamlsource_codes()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:- \n\t[]{}'\"#&*!|>%@,?", max_size=80))
def test_yaml_like_text_never_raises(text: str) -> None:
    parsed = parse_yaml(text.encode(), FILE)
    for problem in parsed.problems:
        assert problem.line is None or problem.line >= 1


def yamlsource_codes() -> set[str]:
    from lcspr_cli.problems import CODES

    return {code.name for code in CODES}

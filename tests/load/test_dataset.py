from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import AS_OF, SAMPLES, edit
from lcspr_cli.load.dataset import load_folder
from lcspr_cli.pipeline import check_folder
from lcspr_cli.problems import CODES_BY_NAME


def test_records_know_their_file_and_line(data_folder: Path) -> None:
    dataset, problems = load_folder(data_folder)
    assert problems == []
    [rec] = dataset.recommendations
    assert rec.file == data_folder / "recommendations/TEST/TEST-1.yaml"
    assert rec.line() == 2
    assert rec.line("actions", 1) == 29
    agency = next(a for a in dataset.agencies if a.record.id == "south-council")
    assert (agency.file.name, agency.line()) == ("agencies.yaml", 10)
    assert dataset.files[:2] == (data_folder / "agencies.yaml", data_folder / "reviews.yaml")


def test_recommendation_files_are_found_in_any_subfolder_in_order(data_folder: Path) -> None:
    nested = data_folder / "recommendations" / "TEST" / "older"
    nested.mkdir()
    text = (data_folder / "recommendations/TEST/TEST-1.yaml").read_text()
    (nested / "TEST-2.yaml").write_text(
        text.replace("TEST-1", "TEST-2").replace("number: 1", "number: 2")
    )
    (data_folder / "recommendations" / "README.md").write_text("not data")
    (data_folder / "recommendations" / ".hidden.yaml").write_text("not: read")
    dataset, problems = load_folder(data_folder)
    assert problems == []
    assert [r.record.id for r in dataset.recommendations] == ["TEST-1", "TEST-2"]


def test_one_bad_agency_leaves_the_others_loaded(data_folder: Path) -> None:
    edit(data_folder, "agencies.yaml", "  - id: test-icb\n", "  - id: Test ICB\n")
    dataset, problems = load_folder(data_folder)
    assert [(p.code, p.line) for p in problems] == [("invalid-id", 13)]
    assert len(dataset.agencies) == 4


def test_register_must_hold_its_list(data_folder: Path) -> None:
    (data_folder / "reviews.yaml").write_text("review:\n  - id: TEST\n")
    _, problems = load_folder(data_folder)
    assert [(p.code, p.line) for p in problems] == [("unknown-field", 1), ("missing-field", 1)]
    assert problems[0].hint == "did you mean `reviews`?"
    (data_folder / "reviews.yaml").write_text("reviews: TEST\n")
    _, problems = load_folder(data_folder)
    assert [(p.code, p.line) for p in problems] == [("wrong-type", 1)]


def test_a_file_with_yaml_problems_is_not_used_even_if_its_fields_are_valid(
    data_folder: Path,
) -> None:
    edit(
        data_folder,
        "recommendations/TEST/TEST-1.yaml",
        "owner: north-council\ndue",
        "owner: north-council\nowner: south-council\ndue",
    )
    dataset, problems = load_folder(data_folder)
    assert [p.code for p in problems] == ["yaml-duplicate-key"]
    assert dataset.recommendations == ()


# Hypothesis: whatever a file holds, loading and checking report problems, never crash.

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["2025-03-31", "31/03/2025", "complete", "north-council", "TEST-1.1"]),
)
FIELDS = st.sampled_from(
    [
        "id",
        "review",
        "number",
        "title",
        "text",
        "owner",
        "due",
        "status",
        "actions",
        "evidence",
        "updates",
        "date",
        "note",
        "assurance",
        "themes",
        "held_by",
        "x",
    ]
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(FIELDS, inner, max_size=6),
    max_leaves=25,
)


def dump(value: object) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(value, stream)
    return stream.getvalue()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=st.dictionaries(FIELDS, TREES, max_size=8))
def test_any_record_shape_gives_problems_not_exceptions(data_folder: Path, tree: object) -> None:
    path = data_folder / "recommendations/TEST/TEST-1.yaml"
    path.write_text(dump(tree))
    result = check_folder(data_folder, AS_OF)
    for problem in result.problems:
        assert problem.code in CODES_BY_NAME
        assert problem.message
        assert problem.line is None or problem.line >= 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_sample_files_never_crash_the_check(data_folder: Path, data: st.DataObject) -> None:
    relative = "recommendations/TEST/TEST-1.yaml"
    path = data_folder / relative
    lines = (SAMPLES / "minimal" / relative).read_text().splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        operation = data.draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "cut"]))
        line = lines[index]
        if operation == "delete" and len(lines) > 1:
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, line)
        elif operation == "indent":
            lines[index] = "  " + line
        elif operation == "dedent":
            lines[index] = line[2:] if line.startswith("  ") else line
        else:
            lines[index] = line[: data.draw(st.integers(0, len(line)))] + "\n"
    path.write_text("".join(lines))
    result = check_folder(data_folder, AS_OF)
    assert all(p.code in CODES_BY_NAME and p.message for p in result.problems)

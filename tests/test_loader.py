from __future__ import annotations

from pathlib import Path

from conftest import edit
from lcspr_cli.loader import load


def test_records_know_their_file_and_line(data_folder: Path) -> None:
    dataset, problems = load(data_folder)
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
    dataset, problems = load(data_folder)
    assert problems == []
    assert [r.record.id for r in dataset.recommendations] == ["TEST-1", "TEST-2"]


def test_one_bad_agency_leaves_the_others_loaded(data_folder: Path) -> None:
    edit(data_folder, "agencies.yaml", "  - id: test-icb\n", "  - id: Test ICB\n")
    dataset, problems = load(data_folder)
    assert [(p.code, p.line) for p in problems] == [("invalid-id", 13)]
    assert len(dataset.agencies) == 4


def test_register_must_hold_its_list(data_folder: Path) -> None:
    (data_folder / "reviews.yaml").write_text("review:\n  - id: TEST\n")
    _, problems = load(data_folder)
    assert [(p.code, p.line) for p in problems] == [("unknown-field", 1), ("missing-field", 1)]
    assert problems[0].hint == "did you mean `reviews`?"
    (data_folder / "reviews.yaml").write_text("reviews: TEST\n")
    _, problems = load(data_folder)
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
    dataset, problems = load(data_folder)
    assert [p.code for p in problems] == ["yaml-duplicate-key"]
    assert dataset.recommendations == ()

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import REPOSITORY
from lcspr_cli.edit.document import Document, EditError, scalar
from lcspr_cli.yamlfile.read import parse_yaml

SAMPLE = """\
# A comment at the top.
id: T-1   # trailing comment
title: 'Quoted title'
text: >-
  Folded text over
  two lines.
status: open

actions:
  - id: T-1.1
    action: First.
    status: in-progress

  - id: T-1.2
    action: Second.
    status: in-progress
    evidence: []
"""


def doc(text: str = SAMPLE) -> Document:
    return Document.read(text.encode(), Path("T-1.yaml"))


def test_every_bundled_and_sample_file_reads_back_to_the_same_bytes() -> None:
    files = [
        *(REPOSITORY / "data").rglob("*.yaml"),
        *(REPOSITORY / "tests/samples").rglob("*.yaml"),
    ]
    assert len(files) > 20
    for path in files:
        raw = path.read_bytes()
        assert Document.read(raw, path).encode() == raw, path


def test_setting_a_value_to_itself_changes_nothing() -> None:
    assert doc().set_value(("status",), "open").text == SAMPLE
    assert doc().set_value(("actions", 1, "action"), "Second.").text == SAMPLE


def test_set_value_changes_only_its_own_line() -> None:
    changed = doc().set_value(("status",), "in-progress").text
    assert changed == SAMPLE.replace("status: open", "status: in-progress")
    # The trailing comment and the quoting elsewhere stay.
    changed = doc().set_value(("id",), "T-9").text
    assert changed.splitlines()[1] == "id: T-9   # trailing comment"


def test_a_folded_block_is_replaced_whole() -> None:
    changed = doc().set_value(("text",), "New text.").text
    assert changed == SAMPLE.replace(">-\n  Folded text over\n  two lines.", "New text.")


def test_a_new_key_goes_after_its_preferred_sibling_in_the_mapping_indent() -> None:
    changed = doc().set_value(("actions", 0, "completed_on"), date(2025, 1, 2), after=["status"])
    lines = changed.text.splitlines()
    assert lines[lines.index("    status: in-progress") + 1] == "    completed_on: 2025-01-02"
    assert changed.data["actions"][0]["completed_on"] == "2025-01-02"


def test_remove_a_key_and_refuse_the_first_key_of_an_item() -> None:
    removed = doc().remove(("title",)).text
    assert removed == SAMPLE.replace("title: 'Quoted title'\n", "")
    assert doc().remove(("missing",)).text == SAMPLE
    with pytest.raises(EditError, match="starts a list item"):
        doc().remove(("actions", 0, "id"))


def test_append_keeps_the_blank_line_between_items() -> None:
    changed = doc().append_item(
        ("actions",), [("id", "T-1.3"), ("action", "Third."), ("status", "not-started")]
    )
    assert changed.text == SAMPLE + "\n  - id: T-1.3\n    action: Third.\n    status: not-started\n"


def test_append_to_an_empty_flow_list_and_to_a_missing_list() -> None:
    evidence = [("title", "Audit"), ("date", date(2025, 1, 1)), ("held_by", "x")]
    changed = doc().append_item(("actions", 1, "evidence"), evidence)
    assert changed.text.endswith(
        "    evidence:\n      - title: Audit\n        date: 2025-01-01\n        held_by: x\n"
    )
    added = doc().append_item(
        ("actions", 0, "updates"), [("date", date(2025, 1, 1)), ("note", "Hi")]
    )
    assert (
        "    status: in-progress\n    updates:\n      - date: 2025-01-01\n        note: Hi\n\n"
        in added.text
    )


def test_windows_line_endings_and_a_byte_order_mark_are_kept() -> None:
    raw = ("\ufeff" + SAMPLE).replace("\n", "\r\n").encode()
    document = Document.read(raw, Path("T-1.yaml"))
    assert document.encode() == raw
    changed = document.set_value(("actions", 0, "completed_on"), date(2025, 1, 2), after=["status"])
    out = changed.encode()
    assert out.startswith(b"\xef\xbb\xbf")
    assert out.count(b"\n") == out.count(b"\r\n") == raw.count(b"\n") + 1


def test_a_file_with_problems_is_not_edited() -> None:
    with pytest.raises(EditError, match="run lcspr check"):
        doc("a: 1\na: 2\n")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain words", "plain words"),
        ("no", '"no"'),
        ("on", '"on"'),
        ("Yes", '"Yes"'),
        ("1e3", '"1e3"'),
        ("0x1F", '"0x1F"'),
        ("12", '"12"'),
        ("1:30", '"1:30"'),
        ("2025-03-31", '"2025-03-31"'),
        ("null", '"null"'),
        ("a: b", '"a: b"'),
        ("x #y", '"x #y"'),
        ("- item", '"- item"'),
        ("line\nbreak", '"line\\nbreak"'),
        ("", '""'),
        ("it's fine", "it's fine"),
        ("https://example.org/a", "https://example.org/a"),
    ],
)
def test_scalars_mean_the_same_to_yaml_1_1_and_1_2_readers(value: str, written: str) -> None:
    assert scalar(value) == written
    parsed = parse_yaml(f"k: {written}\n".encode(), Path("x.yaml"))
    assert parsed.data == {"k": value}


def test_insert_an_item_above_another_and_the_comments_over_it() -> None:
    text = SAMPLE.replace("  - id: T-1.2\n", "  # The second.\n  - id: T-1.2\n")
    changed = doc(text).insert_item(("actions",), 1, [("id", "T-1.9"), ("action", "New.")])
    assert changed.text == text.replace(
        "  # The second.\n", "  - id: T-1.9\n    action: New.\n\n  # The second.\n"
    )
    first = doc().insert_item(("actions",), 0, [("id", "T-1.0"), ("action", "Zero.")])
    assert first.text == SAMPLE.replace(
        "actions:\n", "actions:\n  - id: T-1.0\n    action: Zero.\n\n"
    )
    last = doc().insert_item(("actions",), 2, [("id", "T-1.3"), ("action", "Third.")])
    assert (
        last.text == doc().append_item(("actions",), [("id", "T-1.3"), ("action", "Third.")]).text
    )


def test_a_list_of_ids_on_one_line_and_items_under_a_key() -> None:
    assert scalar(("north-council", "south-council")) == "[north-council, south-council]"
    with pytest.raises(EditError, match="as a list on one line"):
        scalar(("a, b",))
    item = [("id", "R"), ("themes", [[("id", "t"), ("title", "T: one")]])]
    changed = doc().append_item(("actions",), item)
    assert changed.text.endswith('  - id: R\n    themes:\n      - id: t\n        title: "T: one"\n')
    assert changed.data["actions"][-1] == {"id": "R", "themes": [{"id": "t", "title": "T: one"}]}


def test_the_comments_of_a_file_but_not_a_hash_in_its_text() -> None:
    text = SAMPLE.replace("  two lines.", "  two lines # not a comment.")
    text = text.replace("status: open", 'status: open\nnote: "a #b" # a comment')
    assert doc(text).comment_lines() == {
        1: (1, "# A comment at the top."),
        2: (11, "# trailing comment"),
        8: (14, "# a comment"),
    }


def test_without_comment_drops_only_that_comment_at_the_end_of_that_line() -> None:
    text = (
        "id: T-1  # made up\n"
        "# made up\n"
        'title: "Say # made up"  # made up\n'
        "owner: a  # made up, and more\n"
    )
    document = doc(text)
    assert document.without_comment(1, "# made up").text == text.replace("T-1  # made up", "T-1")
    assert document.without_comment(3, "# made up").text == text.replace('"  # made up', '"')
    for line in (2, 4):  # a comment line of its own; another comment
        assert document.without_comment(line, "# made up") is document


LONG = " ".join(["Made-up words of a long text that goes on"] * 4)


def test_a_long_text_is_folded_under_its_key_and_reads_back() -> None:
    changed = doc().set_value(("actions", 1, "action"), LONG)
    lines = changed.text.splitlines()
    at = lines.index("    action: >-")
    assert lines[at + 1].startswith("      Made-up words") and len(lines[at + 1]) <= 6 + 88
    assert lines[at + 3] == "    status: in-progress"
    assert changed.data["actions"][1]["action"] == LONG
    added = doc().set_value(("note",), LONG, after=["status"]).text.splitlines()
    assert added[added.index("note: >-") + 1].startswith("  Made-up words")


def test_a_text_of_several_lines_keeps_its_lines() -> None:
    changed = doc().set_value(("text",), "First line.\n\nThird line.")
    assert "text: |-\n  First line.\n\n  Third line.\nstatus: open" in changed.text
    assert changed.data["text"] == "First line.\n\nThird line."


def test_a_long_text_with_a_comment_after_it_stays_on_its_line() -> None:
    changed = doc().set_value(("id",), LONG)
    assert changed.text.splitlines()[1] == f"id: {LONG}   # trailing comment"

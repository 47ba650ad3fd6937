"""The writer of imported recommendations: whatever a spreadsheet's cells hold, the file
reads back, with lcspr's own reader, as exactly the data it was given (the import
validates that data, not a second reading of each file, so this is what makes it safe)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lcspr_cli.edit.imported_yaml import read_back, recommendation_text
from lcspr_cli.records.dates import parse_due
from lcspr_cli.sheets.model import Imported
from lcspr_cli.yamlfile.fast import fast_parse
from lcspr_cli.yamlfile.read import parse_yaml

AWKWARD = st.sampled_from(
    [
        "no",
        "on",
        "yes",
        "null",
        "~",
        "1e3",
        "0x1F",
        "2025-03-31",
        "12:30",
        "- item",
        "# not",
        "a: b",
        "[x]",
        "{y}",
        "'quoted'",
        '"double"',
        "x #y",
        "trailing:",
        "@at",
        "`tick`",
        "%pc",
        "!bang",
        "&amp",
        "*star",
        "|pipe",
        ">fold",
        "?q",
        "1.10",
        "007",
    ]
)
TEXT = st.one_of(
    AWKWARD,
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200),
    st.lists(
        st.sampled_from(["word", "a:b", "#", "long" * 30, "É", "“x”"]), min_size=1, max_size=60
    ).map(" ".join),
    st.lists(
        st.sampled_from(["line one", "  indented", "", "- dash", "key: value"]),
        min_size=2,
        max_size=5,
    ).map("\n".join),
).map(lambda text: "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n"))
TEXT = st.one_of(
    TEXT.filter(lambda text: bool(text.strip()) and "\n\n\n" not in text),
    # and text as no cell gives it (cells are tidied first): the writer still holds it
    st.text(st.characters(blacklist_categories=("Cs", "Co")), min_size=1, max_size=200).filter(
        lambda text: bool(text.strip())
    ),
    st.sampled_from([" lead", "two  spaces ", "end "]).map(lambda part: part * 20),
)
DUE = st.one_of(
    st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(lambda d: parse_due(d.isoformat())),
    st.sampled_from(["2026-03", "2026/27-Q4", "2025/26-Q1"]).map(parse_due),
)


@st.composite
def recommendations(draw: st.DrawFn) -> Imported:
    actions = []
    for index in range(draw(st.integers(0, 3))):
        action: dict[str, Any] = {"id": f"R-1.{index + 1}", "action": draw(TEXT)}
        if draw(st.booleans()):
            action["owner"] = draw(st.sampled_from(["a-b", ["a-b", "c-d"]]))
        action |= {"lead_role": draw(TEXT), "due": draw(DUE), "status": "complete"}
        action["completed_on"] = date(2025, 1, 2)
        action["evidence"] = [{"title": draw(TEXT), "date": date(2025, 1, 2), "held_by": "a-b"}]
        action["updates"] = [{"date": date(2025, 1, 3), "note": draw(TEXT)}]
        actions.append(action)
    number = draw(st.sampled_from([1, 12, "2a", "1.10", "B1"]))
    data: dict[str, Any] = {
        "id": "R-1",
        "review": "R",
        "number": number,
        "title": draw(TEXT),
        "text": draw(TEXT),
        "due": draw(DUE),
        "status": "in-progress",
        "measures": [{"measure": draw(TEXT)}],
    }
    if actions:
        data["actions"] = actions
    found = Imported("R-1", "R", "Sheet 1", [2, 3], data)
    found.stand_ins[("due",)] = "stand-in: a comment # with a hash"
    found.row_of = {("actions", i): 3 + i for i in range(len(actions))}
    return found


@settings(max_examples=300, deadline=None)
@given(recommendations())
def test_every_file_reads_back_as_the_data_it_was_given(found: Imported) -> None:
    text, lines, positions = recommendation_text(
        found, "tracker.xlsx", date(2026, 1, 1), "# schema"
    )
    path = Path("R-1.yaml")
    raw = text.encode("utf-8")
    parsed = fast_parse(raw, path) or parse_yaml(raw, path)
    assert parsed.problems == (), text
    read_back(found, parsed.data)  # raises when it does not
    assert positions == dict(parsed.source.values), text  # where every value is
    for line, data_path in lines.items():  # the line of each value that is a single value
        if data_path in parsed.source.ends:
            assert parsed.source.values[data_path][0] == line, (data_path, text)


def test_read_back_fails_on_a_difference() -> None:
    found = Imported("R-1", "R", "S", [2], {"id": "R-1"})
    try:
        read_back(found, {"id": "R-2"})
    except Exception as error:
        assert "did not read back as written" in str(error)
    else:
        raise AssertionError("a difference passed")

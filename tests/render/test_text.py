"""The renderers on their own: text from the data made safe, markdown that cannot break,
and problems printed as editors and GitHub read them."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from conftest import AS_OF
from lcspr_cli.pipeline import check_folder
from lcspr_cli.problems import Problem
from lcspr_cli.render.markdown import escape, table
from lcspr_cli.render.problems import (
    display_path,
    problem_lines,
    render_github,
    repository_path,
)
from lcspr_cli.render.safe import clean

FILE = Path("/data/recommendations/LEO/LEO-3.yaml")


def test_control_characters_and_bidi_overrides_are_shown_not_obeyed() -> None:
    assert clean("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"
    assert clean("left\u202eright") == "left\\u202eright"
    assert clean("tab\tand\nnewline") == "tab\tand\nnewline"


def test_markdown_escape_keeps_text_on_one_line_without_markup_or_html() -> None:
    assert escape("a *b* | c\n<script>") == "a \\*b\\* \\| c &lt;script&gt;"
    assert escape("[link](x) `code` _u_ ~s~") == "\\[link\\](x) \\`code\\` \\_u\\_ \\~s\\~"
    # an entity in the text is shown as written, a backslash as itself
    assert escape("a & b &lt; c\\d") == "a &amp; b &amp;lt; c\\\\d"


def test_markdown_table_aligns_the_columns_asked_for() -> None:
    assert table(["ID", "Days"], [["LEO-3", "12"]], right=[1]).splitlines() == [
        "| ID | Days |",
        "| --- | ---: |",
        "| LEO-3 | 12 |",
    ]


def test_problem_lines_are_file_line_column_code_message_then_the_hint() -> None:
    problem = Problem.of("unknown-agency", "agency `x` is unknown", FILE, 21, 12, "did you mean")
    lines = [text.plain for text in problem_lines([problem])]
    assert lines == [
        "/data/recommendations/LEO/LEO-3.yaml:21:12: unknown-agency agency `x` is unknown",
        "    hint: did you mean",
    ]


def test_files_are_named_as_the_data_folder_was_given() -> None:
    assert display_path(FILE) == FILE.as_posix()  # absolute stays so
    relative = Path("../tracker/data/LEO-3.yaml")
    assert display_path(relative) == "../tracker/data/LEO-3.yaml"
    assert display_path(Path("./data/x.yaml")) == "data/x.yaml"
    assert repository_path(FILE, Path("/elsewhere")) == "../data/recommendations/LEO/LEO-3.yaml"


def test_github_annotations_escape_what_would_end_a_property_or_a_line(
    data_folder: Path,
) -> None:
    problem = Problem.of("invalid-value", "a: b, c\n100%", data_folder / "a,b:c.yaml", 3, 4)
    result = replace(check_folder(data_folder, AS_OF), problems=(problem,))
    first, summary = render_github(result, data_folder)
    assert first == "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=invalid-value::a: b, c%0A100%25"
    assert summary.startswith("Found 1 error in 1 file; ")

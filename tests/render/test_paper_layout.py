"""What the Word and HTML papers share: RAG colours every reader can read, and column widths
that keep ids whole and give the room to the free text."""

from __future__ import annotations

import pytest
from board_papers import bundled_paper, tables

from lcspr_cli.queries.document import Cell, Table
from lcspr_cli.queries.views import Rag
from lcspr_cli.render.paper_layout import (
    FREE_TEXT_FLOOR,
    RAG_COLOURS,
    RAG_ORDER,
    column_widths,
    numeric_columns,
    printable,
    text_width,
    whole_columns,
)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("rag", list(Rag))
def test_the_word_on_each_rag_colour_meets_wcag_aa_contrast(rag: Rag) -> None:
    colour = RAG_COLOURS[rag]
    light, dark = sorted((_luminance(colour.fill), _luminance(colour.text)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_every_rag_value_has_a_place_a_colour_and_all_but_grey_a_hatching() -> None:
    assert list(RAG_ORDER) == [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.GREY]
    hatches = [RAG_COLOURS[rag].hatch for rag in RAG_ORDER]
    assert len(set(hatches)) == len(hatches) and hatches[-1] == ""


def test_wide_letters_measure_wider_than_narrow_ones() -> None:
    assert text_width("WWW") > text_width("iii") * 3
    assert text_width("Red", bold=True) > text_width("Red")
    assert text_width("") == 0


TABLE = Table(
    ("ID", "Recommendation", "Owner", "RAG", "Why"),
    (
        (
            Cell("LEO-8a.1"),
            Cell("Trusted professionals continue support after their roles end " * 2),
            Cell("NHS North East and North Cumbria Integrated Care Board"),
            Cell("Amber", Rag.AMBER),
            Cell("overdue by 183 days"),
        ),
        (Cell("LEO-2"), Cell("Short"), Cell("Cumberland Council"), Cell("Red", Rag.RED), Cell("")),
    ),
    frozenset({1, 4}),
)


def test_a_table_with_free_text_fills_the_width_and_gives_it_to_the_free_text() -> None:
    widths = column_widths(TABLE, 150)
    assert widths.fills
    assert sum(widths.characters) == pytest.approx(150)
    ident, recommendation, owner, rag, why = widths.characters
    assert ident >= text_width("LEO-8a.1") and rag >= text_width("Amber", bold=True)
    assert recommendation > max(ident, owner, rag, why)
    assert why >= FREE_TEXT_FLOOR
    assert owner >= text_width("Cumberland")  # its longest word, at least
    assert sum(widths.shares(2.0)) == pytest.approx(1)


def test_a_narrow_page_narrows_the_free_text_and_wrapping_columns_first() -> None:
    wide, narrow = column_widths(TABLE, 150), column_widths(TABLE, 70)
    assert sum(narrow.characters) == pytest.approx(70)
    assert narrow.characters[0] == wide.characters[0]  # the id stays whole
    assert narrow.characters[1] < wide.characters[1]


def test_a_table_without_free_text_is_as_wide_as_its_contents() -> None:
    counts = Table(("Status", "Now"), ((Cell("In progress"), Cell("7")),))
    widths = column_widths(counts, 150)
    assert not widths.fills
    assert sum(widths.characters) < 40


def test_a_table_too_wide_for_the_page_is_narrowed_to_it() -> None:
    many = Table(
        tuple(f"Heading{n}" for n in range(30)), ((*(Cell("x" * 20) for _ in range(30)),),)
    )
    widths = column_widths(many, 100)
    assert widths.fills and sum(widths.characters) == pytest.approx(100)


def test_counts_are_right_aligned_and_single_words_kept_whole() -> None:
    table = Table(
        ("ID", "Text", "Days", "Done", "Change"),
        ((Cell("A-1"), Cell("two words"), Cell("12"), Cell("2/3"), Cell("no change")),),
        frozenset({1}),
    )
    assert numeric_columns(table) == {2, 3}
    assert whole_columns(table) == {0, 2, 3}


def test_the_bundled_papers_tables_keep_their_ids_whole() -> None:
    for table in tables(bundled_paper()):
        widths = column_widths(table, 160)
        longest = max(text_width(row[0].text.split()[0]) for row in table.rows)
        if 0 not in table.text_columns:
            assert widths.characters[0] >= longest


def test_printable_shows_controls_and_what_xml_cannot_hold() -> None:
    assert printable("a\x07b\u202ec\ud800") == "a\\x07b\\u202ec\ufffd"
    assert printable("tab\tand\nline") == "tab\tand\nline"

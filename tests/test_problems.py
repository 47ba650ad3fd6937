from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path

from msgspec.structs import replace

from lcspr_cli.problems import (
    CODES,
    CODES_BY_NAME,
    Problem,
    Severity,
    fingerprints,
    new_problems,
    sort_key,
)
from lcspr_cli.render.code_docs import CODE_DOCS, CODE_DOCS_BY_NAME, HOME_PAGE, absolute, plain

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


# --- docs/problems.md and the SARIF rules' help: one text --------------------------------


def _page_rows(page: str) -> list[tuple[str, str, str, str, str]]:
    """Each row of the page's tables: its heading, code, severity and the two cells."""
    rows = []
    heading = ""
    for line in page.splitlines():
        if line.startswith("## "):
            heading = line[3:]
        row = re.fullmatch(r"\| `([a-z0-9-]+)` \| (error|warning) \| (.*) \| (.*) \|", line)
        if row:
            code, severity, meaning, fix = row.groups()
            rows.append((heading, code, severity, meaning, fix))
    return rows


def _differences(page: str) -> list[str]:
    """Where the page's tables and render/code_docs.py (with CODES' severities) differ,
    each told as the page has it and as it should be."""
    ours = [
        (doc.section, doc.name, CODES_BY_NAME[doc.name].severity.value, doc.meaning, doc.fix)
        for doc in CODE_DOCS
        if doc.name in CODES_BY_NAME
    ]
    told = []
    for has, should in itertools.zip_longest(_page_rows(page), ours):
        if has != should:
            told.append(f"the page has {has},\nrender/code_docs.py has {should}")
    return told


def test_the_page_and_the_sarif_help_say_the_same_cell_for_cell() -> None:
    """The page's tables are what render/code_docs.py holds, row for row and cell for cell
    (which the SARIF rules' help is made of), under the same headings, with CODES'
    severities."""
    assert _differences(DOCS.read_text()) == []
    assert [doc.name for doc in CODE_DOCS] == [code.name for code in CODES]


def test_a_cell_changed_on_the_page_is_found() -> None:
    page = DOCS.read_text()
    changed = page.replace("Rename it to end in `.yaml`.", "Rename it.", 1)
    moved = page.replace("## Across records", "## Other records", 1)
    assert changed != page and moved != page
    [difference] = _differences(changed)
    assert "ignored-file" in difference and "Rename it." in difference
    assert len(_differences(moved)) > 1


def test_the_help_links_go_to_the_codes_heading() -> None:
    assert CODE_DOCS_BY_NAME["id-taken"].url.endswith(
        "/docs/problems.md#only-with---fail-on-and---since"
    )
    assert plain("Create it: see [the file format](file-format.md).") == (
        "Create it: see the file format."
    )
    assert absolute("see [the file format](file-format.md) or [x](https://e.org/y)") == (
        f"see [the file format]({HOME_PAGE}/blob/main/docs/file-format.md) or [x](https://e.org/y)"
    )


# --- Fingerprints: unique in a report, and the same when unrelated lines move ------------


ROOT = Path("/data")
DATE = "`date`: `01/06/2025` is not in the form YYYY-MM-DD"


def _alike(*lines: int) -> list[Problem]:
    """Problems alike in all but their line, and one other, in file and line order."""
    file = ROOT / "recommendations/R/R-1.yaml"
    problems = [Problem.of("invalid-date", DATE, file, line, 15) for line in lines]
    problems.append(Problem.of("unknown-agency", "agency `x` is unknown", file, 99, 8))
    return sorted(problems, key=sort_key)


def test_fingerprints_are_unique_when_a_file_repeats_a_problem() -> None:
    prints = fingerprints(_alike(17, 25, 40), ROOT)
    assert len(prints) == len(set(prints)) == 4


def test_fingerprints_stay_when_lines_move_or_the_folder_is_elsewhere() -> None:
    before = fingerprints(_alike(17, 25), ROOT)
    moved = [replace(p, file=Path("/tmp/x") / p.file.relative_to(ROOT)) for p in _alike(19, 40)]
    assert fingerprints(moved, Path("/tmp/x")) == before


def test_a_problem_alone_of_its_kind_keeps_its_fingerprint_from_before_the_count() -> None:
    [alone] = fingerprints([Problem.of("invalid-date", DATE, ROOT / "a.yaml", 3, 1)], ROOT)
    legacy = hashlib.sha256(f"a.yaml\0invalid-date\0{DATE}".encode()).hexdigest()[:32]
    assert alone == legacy


def test_new_problems_counts_alike_problems() -> None:
    base = _alike(17)
    assert new_problems(_alike(20), ROOT, base, ROOT) == []
    two = _alike(20, 31)
    assert new_problems(two, ROOT, base, ROOT) == [two[1]]
    assert new_problems(_alike(20), ROOT, _alike(17, 25), ROOT) == []
    assert new_problems(two, ROOT, [], ROOT) == two

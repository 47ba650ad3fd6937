"""The privacy guard: what it finds, how much of a planted corpus it finds, and that it
raises no false alarm on the bundled data."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import REPOSITORY
from lcspr_cli.load.privacy import find_personal_data, nhs_number_is_valid, read_private_terms
from lcspr_cli.pipeline import check_folder


def nhs_numbers(rng: random.Random, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        first = str(rng.randint(400_000_000, 799_999_999))
        total = sum(int(d) * w for d, w in zip(first, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            found.append(first + str(check))
    return found


def planted_corpus() -> list[tuple[str, str]]:
    """(sentence, expected code) pairs of made-up personal data in practice-like prose."""
    rng = random.Random(20250331)
    letters = "ABCDEFGHJKLMNPRSTUWYZ"
    inward = "ABDEFGHJLNPQRSTUWXYZ"
    cases: list[tuple[str, str]] = []
    for index, number in enumerate(nhs_numbers(rng, 40)):
        shown = [
            number,
            f"{number[:3]} {number[3:6]} {number[6:]}",
            f"{number[:3]}-{number[3:6]}-{number[6:]}",
        ][index % 3]
        cases.append(
            (
                f"Health visitor record checked against NHS no. {shown} on the visit.",
                "privacy-nhs-number",
            )
        )
    for index in range(30):
        two_letters = index % 2 == 1
        area = rng.choice(letters) + (rng.choice("ABDEFGHKLMNOPRSTUVWY") if two_letters else "")
        # A district may end in a letter, from its own set after one or two area letters.
        last = rng.choice("ABEHMNPRVWXY" if two_letters else "ABCDEFGHJKPSTUW")
        district = str(rng.randint(1, 29)) if index % 3 else str(rng.randint(1, 9)) + last
        space = " " if index % 4 else ""
        unit = f"{rng.randint(0, 9)}{rng.choice(inward)}{rng.choice(inward)}"
        code = f"{area}{district}{space}{unit}"
        code = code.lower() if index % 7 == 0 else code
        cases.append(
            (f"The family moved to an address at {code} before the birth.", "privacy-postcode")
        )
    firsts, lasts = ["jo", "sam", "alex", "chris", "pat"], ["taylor", "brown", "wilson", "evans"]
    for index in range(20):
        local = f"{rng.choice(firsts)}.{rng.choice(lasts)}{index}"
        cases.append(
            (f"Notes were emailed to {local}@example.org after the meeting.", "privacy-email")
        )
    for index in range(20):
        digits = "".join(str(rng.randint(0, 9)) for _ in range(6))
        shown = [
            f"07700 {digits}",
            f"+44 7700 {digits}",
            f"01632 {digits}",
            f"(01632) {digits}",
            f"020 7946 {digits[:4]}",
        ][index % 5]
        cases.append((f"Mother can be reached on {shown} most evenings.", "privacy-phone"))
    months = ["January", "March", "June", "September", "November"]
    for index in range(20):
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2022)
        shown = [
            f"born on {day} {months[index % 5]} {year}",
            f"DOB {day:02d}/{month:02d}/{year}",
            f"date of birth: {year}-{month:02d}-{day:02d}",
            f"born {day}th {months[index % 5]} {year}",
            f"{day}/{month}/{year} (DOB)",
        ][index % 5]
        cases.append((f"The younger sibling, {shown}, was also seen.", "privacy-date-of-birth"))
    return cases


def test_at_least_95_percent_of_planted_personal_data_is_found() -> None:
    corpus = planted_corpus()
    found = [code in {f.code for f in find_personal_data(text)} for text, code in corpus]
    assert len(corpus) == 130
    missed = [text for (text, _), hit in zip(corpus, found, strict=True) if not hit]
    assert sum(found) / len(found) >= 0.95, missed


NOT_PERSONAL = [
    "Audit a sample of 20 cases by 2025-03-31, due 31/03/2025.",
    "Recommendation 2a of the review published in June 2024; see LEO-8c.2.",
    "Report to the 2025/26 Q2 meeting; the board meets at 10:30.",
    "Email safeguarding@cumberland.gov.uk or call the helpline on 0800 1111.",
    "Non-emergency police: 101. Council switchboard: 0300 373 3730.",
    "Training delivered to 148 practitioners, 96% rated it good.",
    "Version 2.1 of the procedure, reference CSC-2024-017.",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_ordinary_tracker_text_is_not_flagged(text: str) -> None:
    assert find_personal_data(text) == []


def test_no_false_alarm_on_the_bundled_data() -> None:
    result = check_folder(REPOSITORY / "data", __import__("datetime").date(2026, 11, 26))
    assert [p for p in result.problems if p.code.startswith("privacy-")] == []


def test_findings_never_repeat_the_data_in_full() -> None:
    text = "NHS 943 476 5919, jo.smith@example.org, 07700 900123, CA1 1AA, born 3/4/2019"
    for finding in find_personal_data(text, ["Smith"]):
        assert finding.text not in finding.what


def test_the_nhs_number_check_digit() -> None:
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")
    assert not nhs_number_is_valid("1111111111")
    assert not nhs_number_is_valid("943476591")


def test_private_terms_file() -> None:
    assert read_private_terms("# names kept out of git\n\nAlex\n  Jordan Smith \n") == [
        "Alex",
        "Jordan Smith",
    ]
    [finding] = find_personal_data("Seen by Jordan Smith today", ["Jordan Smith"])
    assert finding.code == "privacy-private-term"
    assert find_personal_data("Alexander attended", ["Alex"]) == []


def test_a_finding_points_at_its_line_inside_folded_text(data_folder: Path) -> None:
    path = data_folder / "recommendations/TEST/TEST-1.yaml"
    text = path.read_text().replace(
        "  For the Partnership to receive assurance that all agencies are clear on their roles.",
        "  For the Partnership to receive assurance\n"
        "  that all agencies, including the one at CA1 1AA,\n  are clear.",
    )
    path.write_text(text)
    [problem] = [
        p for p in check_folder(data_folder, __import__("datetime").date(2025, 6, 1)).problems
    ]
    assert (problem.code, problem.line) == ("privacy-postcode", 8)
    assert "CA1 1AA" not in problem.message


def test_a_theme_title_in_reviews_yaml_is_looked_through(data_folder: Path) -> None:
    path = data_folder / "reviews.yaml"
    path.write_text(
        path.read_text().replace("title: Involving fathers", "title: Call 07700 900123")
    )
    problems = check_folder(data_folder, __import__("datetime").date(2025, 6, 1)).problems
    assert [(p.code, p.file.name, p.line) for p in problems] == [
        ("privacy-phone", "reviews.yaml", 11)
    ]
    assert "900123" not in problems[0].message

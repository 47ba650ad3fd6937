"""The privacy guard: personal data must never reach files that may be published.

Every free-text value is searched for NHS numbers, postcodes, dates of birth, the email
addresses and phone numbers of individuals, and the names a partnership lists in its
git-ignored `.private-terms` file. A finding names the kind of data and points at the
line, but never repeats the data in full. Pure: text in, problems out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from msgspec import Struct

from ..locate import PRIVATE_TERMS_FILE
from ..problems import Problem
from ..yamlfile.positions import DataPath, SourceMap

# Values that are ids, dates or fixed words, never free text.
_NOT_TEXT = frozenset(
    {
        "id",
        "review",
        "number",
        "status",
        "owner",
        "held_by",
        "supporting",
        "replaced_by",
        "partnership",
        "due",
        "revised_due",
        "completed_on",
        "closed_on",
        "date",
        "from",
        "until",
        "published",
        "path",
    }
)


class Finding(Struct, frozen=True):
    code: str
    what: str
    """The kind of data with a masked glimpse, e.g. "an NHS number (943 *** ****)"."""
    start: int
    text: str


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number check: modulus 11 over the first nine digits, weights 10 down to 2."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
_POSTCODE = re.compile(
    r"\b((?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]))\s?([0-9][ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")
_ROLE_MAILBOXES = frozenset(
    {
        "admin",
        "contact",
        "enquiries",
        "enquiry",
        "hello",
        "help",
        "info",
        "mash",
        "office",
        "safeguarding",
        "scp",
        "lscp",
        "lscb",
        "team",
        "referrals",
        "duty",
        "noreply",
        "no-reply",
        "reception",
        "support",
        "training",
    }
)
_PHONE = re.compile(
    r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|\(?0)(\d{2,4})\)?[\s-]?(\d{3,4})[\s-]?(\d{3,4})(?!\d)"
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_BIRTH_WORDS = r"(?:born|d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday)"
_DATE_OF_BIRTH = re.compile(
    rf"{_BIRTH_WORDS}\W{{0,12}}(?:on\s+|:\s*)?({_DATE})|({_DATE})\W{{0,6}}\(?\s*{_BIRTH_WORDS}",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")
_BIRTH_HINT = re.compile(r"born|birth|d\.?\s?o\.?\s?b", re.IGNORECASE)


def find_personal_data(text: str, private_terms: Sequence[str] = ()) -> list[Finding]:
    """Every piece of personal data found in `text`, in order."""
    found: list[Finding] = []
    if "@" in text:
        found.extend(_emails(text))
    if private_terms:
        found.extend(_private_terms(text, private_terms))
    if _DIGIT.search(text) is None:  # everything else needs a digit: most text has none
        return sorted(found, key=lambda f: f.start)
    for match in _NHS.finditer(text):
        digits = "".join(match.groups())
        if nhs_number_is_valid(digits):
            found.append(
                Finding(
                    "privacy-nhs-number",
                    f"an NHS number ({digits[:3]} *** ****)",
                    match.start(),
                    match.group(),
                )
            )
    for match in _POSTCODE.finditer(text):
        found.append(
            Finding(
                "privacy-postcode",
                f"a postcode ({match.group(1).upper()} ***)",
                match.start(),
                match.group(),
            )
        )
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        national = "0" + digits[2:] if digits.startswith("44") else digits
        if 10 <= len(national) <= 11 and not national.startswith(("080", "03", "0845", "0870")):
            found.append(
                Finding(
                    "privacy-phone",
                    f"a phone number ({national[:3]}** ******)",
                    match.start(),
                    match.group(),
                )
            )
    if _BIRTH_HINT.search(text):
        for match in _DATE_OF_BIRTH.finditer(text):
            found.append(
                Finding("privacy-date-of-birth", "a date of birth", match.start(), match.group())
            )
    return sorted(found, key=lambda f: f.start)


def _emails(text: str) -> list[Finding]:
    found = []
    for match in _EMAIL.finditer(text):
        local = match.group(1).lower()
        if local not in _ROLE_MAILBOXES:
            what = f"a personal email address ({local[0]}***@***)"
            found.append(Finding("privacy-email", what, match.start(), match.group()))
    return found


def _private_terms(text: str, terms: Sequence[str]) -> list[Finding]:
    found = []
    for term in terms:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE):
            what = f"a term listed in {PRIVATE_TERMS_FILE} ({term[0]}***)"
            found.append(Finding("privacy-private-term", what, match.start(), match.group()))
    return found


def read_private_terms(content: str) -> list[str]:
    """The terms of a `.private-terms` file: one per line; blank lines and # comments skipped."""
    terms = (line.strip() for line in content.splitlines())
    return [term for term in terms if term and not term.startswith("#")]


_HINTS = {
    "privacy-nhs-number": "remove the NHS number: records here may be published",
    "privacy-postcode": "remove the postcode: an address can identify a family",
    "privacy-email": "use a role or team mailbox, or remove the address",
    "privacy-phone": "remove the phone number, or give the team's switchboard",
    "privacy-date-of-birth": "remove the date of birth",
    "privacy-private-term": "use the published pseudonym or a role title instead",
}


def check_privacy(
    data: Any, source: SourceMap, text: str, private_terms: Sequence[str] = ()
) -> Iterator[Problem]:
    """Problems for personal data in the free-text values of one parsed file.

    `text` is the file's text, used to point at the line where the data is, even inside
    text folded over several lines.
    """
    for path, value in free_texts(data):
        for finding in find_personal_data(value, private_terms):
            line, column = _line_of(finding, path, source, text.splitlines())
            yield Problem.of(
                finding.code,
                f"this looks like {finding.what}: personal data must not be in the files",
                source.file,
                line,
                column,
                hint=_HINTS[finding.code],
            )


def free_texts(value: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """The free-text values in parsed data, each with its path: what the guard reads."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in _NOT_TEXT or (key == "themes" and _ids(inner)):
                continue  # a recommendation's themes are ids; a review's have titles
            yield from free_texts(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from free_texts(inner, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _ids(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _line_of(
    finding: Finding, path: DataPath, source: SourceMap, lines: Sequence[str]
) -> tuple[int | None, int | None]:
    start_line, start_column = source.position(path)
    if start_line is None or start_column is None:
        return None, None
    end_line = source.ends.get(path, (start_line, 0))[0]
    first_word = finding.text.split()[0]
    for number in range(start_line, min(max(start_line, end_line), len(lines)) + 1):
        column = lines[number - 1].find(first_word, start_column - 1 if number == start_line else 0)
        if column >= 0:
            return number, column + 1
    return start_line, start_column

"""A new recommendation: its file, written as a person would write it, checked with the
rest of the folder before it is planned."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from ..locate import AGENCIES_FILE, RECOMMENDATIONS_FOLDER, REVIEWS_FILE
from ..pipeline import check_folder
from ..records.ids import natural_key
from ..records.located import Located
from ..records.models import Recommendation
from ..wording import did_you_mean
from .document import Document, EditError, scalar
from .plan import Change, UnknownName, check_document, usable_agency


class NewRecommendation(Struct, frozen=True):
    review: str
    number: str
    title: str
    text: str
    owner: str
    due: date
    themes: tuple[str, ...] = ()


def plan_new_recommendation(root: Path, today: date, new: NewRecommendation) -> Change:
    """Plan the file of a new recommendation, in its review's folder."""
    dataset = check_folder(root, today).dataset
    reviews = [r.record.id for r in dataset.reviews]
    if new.review not in reviews:
        hint = did_you_mean(new.review, reviews) or "see reviews.yaml"
        raise UnknownName(f"no review `{new.review}`; {hint}")
    usable_agency(new.owner, dataset, today)
    ident = f"{new.review}-{new.number}"
    existing = [r for r in dataset.recommendations if r.record.review == new.review]
    if any(r.record.id == ident for r in existing):
        raise EditError(f"`{ident}` exists already")
    if existing:
        folder = sorted(existing, key=lambda r: natural_key(r.record.id))[0].file.parent
    else:
        folder = root / RECOMMENDATIONS_FOLDER / new.review
    path = folder / f"{ident}.yaml"
    if path.exists():
        raise EditError(f"{path} exists already")
    number: Any = int(new.number) if new.number.isdigit() else new.number
    lines = [
        *_schema_line(existing, dataset.recommendations, root, folder),
        f"id: {ident}",
        f"review: {new.review}",
        f"number: {scalar(number)}",
        f"title: {scalar(new.title)}",
        *_text_lines(new.text),
    ]
    if new.themes:
        lines.append(f"themes: [{', '.join(new.themes)}]")
    lines += [f"owner: {new.owner}", f"due: {new.due.isoformat()}", "status: open", ""]
    document = Document.read("\n".join(lines).encode(), path)
    document.expect(("text",), new.text)
    warnings = check_document(dataset, document, today)
    return Change(path, None, document.encode(), f"{ident}: new recommendation", warnings)


def _schema_line(
    siblings: Sequence[Located[Recommendation]],
    others: Sequence[Located[Recommendation]],
    root: Path,
    folder: Path,
) -> list[str]:
    """The editor's schema line of the review's other files, for the new file to share;
    for a review's first file, the line of another file of the folder (another review's,
    or a register's), pointed at the recommendation schema from the new file's folder."""
    for sibling in siblings:
        first = _first_line(sibling.file)
        if first.startswith(_SCHEMA_LINE):
            return [first]
    for other in [*(o.file for o in others), root / AGENCIES_FILE, root / REVIEWS_FILE]:
        first = _first_line(other)
        if not first.startswith(_SCHEMA_LINE):
            continue
        where = first[len(_SCHEMA_LINE) :].strip()
        if "://" in where:
            return [f"{_SCHEMA_LINE}{where.rsplit('/', 1)[0]}/{RECOMMENDATION_SCHEMA}"]
        schemas = Path(os.path.normpath(other.parent / where)).parent
        pointed = Path(os.path.relpath(schemas / RECOMMENDATION_SCHEMA, folder)).as_posix()
        return [f"{_SCHEMA_LINE}{pointed}"]
    return []


_SCHEMA_LINE = "# yaml-language-server: $schema="
RECOMMENDATION_SCHEMA = "lcspr-recommendation.schema.json"


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            return stream.readline().strip()
    except OSError:
        return ""


def _text_lines(text: str) -> list[str]:
    """The verbatim text, folded over lines of at most 90 characters when that reads back
    exactly; otherwise one line."""
    folded = textwrap.wrap(text, width=88, break_long_words=False, break_on_hyphens=False)
    if len(text) > 80 and " ".join(folded) == text and not text.startswith(" "):
        return ["text: >-", *(f"  {line}" for line in folded)]
    return [f"text: {scalar(text)}"]

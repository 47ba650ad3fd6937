"""`lcspr import`: plan the files a tracker spreadsheet gives, and prove them valid.

Each recommendation read from the sheet (`sheets`) becomes a new file, written in house
style (`imported_yaml`), validated at the positions the writer put each value in, and
checked with the rest of the folder by the rules of `lcspr check`, all at once (so 10,000
rows cost one check, not 10,000). A file that exists already is never overwritten: with
`update`, the cells that changed become the everyday edits (`imported_update`). Nothing
here puts a file in place: new files are staged (`write.Staging`) for the caller to
commit or discard, or, for a dry run, listed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ..load.dataset import Dataset
from ..locate import AGENCIES_FILE, RECOMMENDATIONS_FOLDER
from ..pipeline import check_folder
from ..problems import Problem, sort_key
from ..records.facts import agency_facts, recommendation_facts
from ..records.ids import natural_key
from ..records.located import Located
from ..records.models import Agency, Recommendation
from ..records.validate import validate_list, validate_record
from ..rules import run_checks
from ..sheets.agencies import Agencies, Known
from ..sheets.cells import Context
from ..sheets.columns import cell_name, read_mapping
from ..sheets.model import Imported, RagDifference, Reading
from ..sheets.read import read_book
from ..sheets.tracker import UnknownSheet, read_tracker
from ..wording import did_you_mean
from ..yamlfile.positions import DataPath, SourceMap
from ..yamlfile.read import parse_yaml
from .document import Document, EditError
from .guard import private_terms
from .imported_rag import compare_rags
from .imported_yaml import Written, plain, recommendation_text, schema_line
from .plan import Change, UnknownName
from .write import Staging


class Options(Struct, frozen=True):
    source: Path
    sheet: str | None = None
    review: str | None = None
    mapping: Path | None = None
    add_agencies: bool = False
    update: bool = False


class ImportPlan(Struct):
    """What an import would do: the files it would write, and what stops it."""

    options: Options
    reading: Reading
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    kinds: dict[Path, str] = field(default_factory=dict)
    """For each file: new, updated, unchanged (exists and matches) or kept (exists)."""
    sources: dict[Path, str] = field(default_factory=dict)
    """Where in the sheet each file's recommendation is."""
    rag_differences: list[RagDifference] = field(default_factory=list)
    written: dict[Path, tuple[Imported, Callable[[], Written]]] = field(default_factory=dict)
    """Each new file's recommendation, and how to write it again: its text, the data path
    of each line and the position of each value, which are asked for only when a check
    finds a problem in the file (kept as they are, those of 10,000 files took 130 MB)."""
    staging: Staging | None = None
    """Where the new files are written ahead, to be put in place once all are known good
    (the caller commits or discards it); None for a dry run."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def to_write(self) -> list[Change]:
        return [] if self.errors else [c for c in self.changes if c.changed]


def plan_import(
    root: Path, today: date, options: Options, staging: Staging | None = None
) -> ImportPlan:
    """Read the spreadsheet, and plan the files it gives: nothing is written, but new
    files may be staged (written ahead as temporary files, while the next are planned)."""
    dataset = check_folder(root, today).dataset
    if dataset.unread:
        raise EditError(
            f"{' and '.join(sorted(dataset.unread))} cannot be read: run lcspr check and fix it"
        )
    reviews = {r.record.id: r.record.partnership for r in dataset.reviews}
    if options.review is not None and options.review not in reviews:
        hint = did_you_mean(options.review, list(reviews)) or "add it to reviews.yaml first"
        raise UnknownName(f"no review `{options.review}` in reviews.yaml; {hint}")
    plan = ImportPlan(options, Reading(today=today), staging=staging)
    mapping: dict[str, str] = {}
    if options.mapping is not None:
        mapping, problems = read_mapping(options.mapping)
        plan.problems.extend(problems)
    if plan.errors:  # say whether the spreadsheet can be read, and read no further
        book = read_book(options.source)
        plan.problems.extend([book] if isinstance(book, Problem) else [])
        return plan
    known = [Known(a.record.id, a.record.name, a.record.short_name) for a in dataset.agencies]
    context = Context(
        options.source, today, reviews, Agencies(known), options.add_agencies, options.review
    )
    context.reading = plan.reading
    try:
        unreadable = read_tracker(
            options.source, context, options.sheet, mapping, private_terms(root)
        )
    except UnknownSheet as error:
        raise UnknownName(str(error)) from None
    if unreadable is not None:
        plan.problems.append(unreadable)
        return plan
    plan.problems.extend(context.problems)
    if not plan.errors:
        _plan_files(root, today, dataset, plan)
    plan.problems.sort(key=sort_key)
    return plan


def _plan_files(root: Path, today: date, dataset: Dataset, plan: ImportPlan) -> None:
    from .imported_update import plan_update

    existing = {r.record.id: r for r in dataset.recommendations}
    existing_files = {r.file for r in dataset.facts.recommendations}
    agencies_change = _new_agencies(root, dataset, plan)
    new_facts: dict[Path, Located[Any]] = {}
    records: dict[str, Located[Recommendation]] = {}
    folders = _Folders(root)
    for found in plan.reading.recommendations:
        where = f"sheet {found.sheet}, " + (
            f"row {found.rows[0]}"
            if len(found.rows) == 1
            else f"rows {min(found.rows)}-{max(found.rows)}"
        )
        if found.id in existing:
            located = existing[found.id]
            plan.sources[located.file] = where
            records[found.id] = located
            change = None
            if plan.options.update:
                change = plan_update(
                    dataset, today, found, located, plan.problems, plan.options.source
                )
            plan.kinds[located.file] = (
                "kept" if change is None else ("updated" if change.changed else "unchanged")
            )
            if change is not None and change.changed:
                plan.changes.append(change)
            continue
        path = _path_for(root, dataset, found)
        plan.sources[path] = where
        if path in existing_files or folders.holds(path):
            plan.kinds[path] = "kept"
            continue
        written = _new_file(today, found, path, plan, folders.schema(path.parent))
        if written is not None:
            new_facts[path] = written
            records[found.id] = written
    if plan.errors:
        return
    _check_with_the_folder(today, dataset, plan, new_facts, agencies_change)
    if not plan.errors:
        plan.rag_differences = compare_rags(dataset, today, plan.reading, records)


def _path_for(root: Path, dataset: Dataset, found: Imported) -> Path:
    """In the folder of the review's other files, else recommendations/<REVIEW>/."""
    siblings = [r for r in dataset.facts.recommendations if r.record.review == found.review]
    if siblings:
        folder = sorted(siblings, key=lambda r: natural_key(r.record.id))[0].file.parent
    else:
        folder = root / RECOMMENDATIONS_FOLDER / found.review
    return folder / f"{found.id}.yaml"


class _Folders:
    """What the folders new files go to hold, each looked at once. They fill with staged
    files (named .*.tmp) as the import goes on, and asking for each new file whether it
    exists took 0.14 to 0.22 s of an import of 2,000 files. A file that appears after
    the look is still never overwritten: `Staging.commit` looks again."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.names: dict[Path, frozenset[str] | None] = {}
        self.schemas: dict[Path, str] = {}

    def holds(self, path: Path) -> bool:
        folder = path.parent
        if folder not in self.names:
            try:
                self.names[folder] = frozenset(os.listdir(folder))
            except FileNotFoundError:
                self.names[folder] = frozenset()
            except OSError:  # cannot be listed: look for each file
                self.names[folder] = None
        names = self.names[folder]
        return path.exists() if names is None else path.name in names

    def schema(self, folder: Path) -> str:
        """The schema line of new files in `folder`: that of the files already there."""
        if folder not in self.schemas:
            siblings = sorted(folder.glob("*.yaml"))[:5] if folder.is_dir() else []
            self.schemas[folder] = schema_line(self.root, folder, siblings)
        return self.schemas[folder]


def _new_file(
    today: date, found: Imported, path: Path, plan: ImportPlan, schema: str
) -> Located[Recommendation] | None:
    text, lines, positions = recommendation_text(found, plan.options.source.name, today, schema)
    raw = text.encode("utf-8")
    # The data the file holds, validated as lcspr check validates it, at the positions the
    # writer put each value in (tests/edit/test_imported_yaml.py holds both to what lcspr's
    # reader reads in the file, for every kind of value), without reading 2,000 files back.
    located, problems = validate_record(
        Recommendation, plain(found.data), SourceMap(path, positions)
    )
    plan.problems.extend(_in_the_sheet(problems, found, lines, plan.options.source))
    plan.changes.append(Change(path, None, raw, f"{found.id}: new recommendation"))
    if plan.staging is not None and not plan.errors:
        plan.staging.add(path, None, raw)
    plan.kinds[path] = "new"
    # Its lines and positions are worked out again if a check asks for one
    again = functools.partial(recommendation_text, found, plan.options.source.name, today, schema)
    plan.written[path] = (found, again)
    if located is None:
        return None
    return replace(located, source=SourceMap.later(path, lambda: again()[2]))


def _in_the_sheet(
    problems: list[Problem], found: Imported, lines: dict[int, DataPath], source: Path
) -> list[Problem]:
    """Problems in a file lcspr would write, at the cells its lines came from."""
    placed = []
    for problem in problems:
        path = _nearest_line(lines, problem.line or 0)
        while path and path not in found.origins:
            path = path[:-1]
        sheet, row, column = found.origins.get(path) or (found.sheet, found.rows[0], 1)
        name = cell_name(sheet, row, column)
        placed.append(
            replace(
                problem,
                file=source,
                line=row,
                column=column,
                message=f"{name}: {found.id} would have this problem: {problem.message}",
            )
        )
    return placed


def _nearest_line(lines: dict[int, DataPath], line: int) -> DataPath:
    """The data path of the value on `line`, or on the nearest line above with one."""
    for number in range(line, 0, -1):
        if number in lines:
            return lines[number]
    return ()


def _new_agencies(root: Path, dataset: Dataset, plan: ImportPlan) -> Change | None:
    """agencies.yaml with the agencies --add-agencies adds, each with a comment."""
    added = plan.reading.new_agencies
    if not added:
        return None
    path = root / AGENCIES_FILE
    before = path.read_bytes()
    document = Document.read(before, path)
    for agency in added:
        document = document.append_item(("agencies",), [("id", agency.id), ("name", agency.name)])
    change = Change(path, before, document.encode(), f"{len(added)} agencies added")
    plan.changes.insert(0, change)
    plan.kinds[path] = "updated"
    plan.sources[path] = ", ".join(a.cell for a in added[:3]) + (
        f" and {len(added) - 3} more" if len(added) > 3 else ""
    )
    return change


def _check_with_the_folder(
    today: date,
    dataset: Dataset,
    plan: ImportPlan,
    new_facts: dict[Path, Located[Any]],
    agencies_change: Change | None,
) -> None:
    """The rules of `lcspr check` on the folder with the new files (and agencies), once."""
    facts = dataset.facts
    if agencies_change is not None:
        parsed = parse_yaml(agencies_change.after, agencies_change.file)
        records, problems, _ = validate_list(parsed, "agencies", Agency)
        plan.problems.extend(problems)
        agencies = tuple(Located(agency_facts(r.record), r.source, r.path) for r in records)
        facts = replace(facts, agencies=agencies)
    added = tuple(
        Located(recommendation_facts(r.record), r.source, r.path) for r in new_facts.values()
    )
    facts = replace(facts, recommendations=(*facts.recommendations, *added))
    for problem in run_checks(replace(dataset, facts=facts), today):
        if problem.file in new_facts:
            found, again = plan.written[problem.file]
            plan.problems.extend(_in_the_sheet([problem], found, again()[1], plan.options.source))
        elif agencies_change is not None and problem.file == agencies_change.file:
            plan.problems.append(problem)

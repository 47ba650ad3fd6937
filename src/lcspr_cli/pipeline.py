"""The check pipeline: load the data folder, then run the cross-record rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .loader import Dataset, load
from .problems import Problem, sort_key
from .rules import run_checks


@dataclass(frozen=True)
class CheckResult:
    """The loaded data and every problem found in it, in file and line order."""

    dataset: Dataset
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def invalid_files(self) -> tuple[Path, ...]:
        """Files with at least one error."""
        return tuple(sorted({p.file for p in self.errors}))

    @property
    def unread_files(self) -> tuple[Path, ...]:
        """Files with errors whose records could not be read at all (so no report has them)."""
        facts = self.dataset.facts
        read = {r.file for r in facts.recommendations}
        read.update(a.file for a in facts.agencies)
        read.update(r.file for r in facts.reviews)
        return tuple(f for f in self.invalid_files if f not in read)


def check(root: Path, as_of: date, *, use_cache: bool = False) -> CheckResult:
    """Load the data folder at `root` (with `use_cache`, through its cache) and check it
    as on `as_of`."""
    dataset, problems = load(root, use_cache=use_cache)
    problems.extend(run_checks(dataset, as_of))
    return CheckResult(dataset, tuple(sorted(problems, key=sort_key)))

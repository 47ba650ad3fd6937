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
        """Files with at least one error, whose records the reports leave out."""
        return tuple(sorted({p.file for p in self.errors}))


def check(root: Path, as_of: date) -> CheckResult:
    """Load the data folder at `root` and check it as on `as_of`."""
    dataset, problems = load(root)
    problems.extend(run_checks(dataset, as_of))
    return CheckResult(dataset, tuple(sorted(problems, key=sort_key)))

"""Time `lcspr export` and `lcspr import` as whole processes, against `lcspr check` on the
same data (the issue's budget: each at most 3x a cold check). Each run is paired with a
run of its check just before it (run.measure), so a machine that slows down mid-run moves
both alike.

For each N (default 2,000 and 10,000 recommendations, 4 to 6 actions each) a synthetic
data folder is made (benchmarks/generate.py) and aged an hour. Then:

- `lcspr export -o FILE.xlsx` (and .csv) of the folder, cold (--no-cache), against
  `lcspr check --no-cache` of the same folder;
- `lcspr import` of that workbook (N = 2,000 gives some 10,000 rows, of 25 columns) into
  a folder with the same agencies and reviews and no recommendations, against `lcspr
  check --no-cache` of the folder the import wrote;
- the same for a tracker as partnerships keep one: the same rows, with the 12 columns of
  a published action plan, and each recommendation's number and text on its first row
  only.

Run: python benchmarks/sheets.py [N ...] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generate import AS_OF, age, generate
from run import lcspr, measure


def _empty_like(data: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for name in ("agencies.yaml", "reviews.yaml"):
        shutil.copy(data / name, target / name)
    (target / "recommendations").mkdir()


TRACKER = {
    "No.": "No.",
    "Recommendation": "Recommendation",
    "Action": "Specific actions",
    "Lead agency": "Lead agency",
    "Lead officer": "Lead officer",
    "Target date": "Timescale",
    "Revised target date": "Revised target date",
    "Status": "Status",
    "RAG": "RAG",
    "Latest update": "Progress update",
    "Evidence of completion": "Evidence of completion",
    "Date completed": "Date completed",
}


def _tracker(export: Path, out: Path) -> None:
    """The export as a partnership's tracker: 12 columns, each recommendation's number
    and text on its first row only."""
    import openpyxl

    source = openpyxl.load_workbook(export, read_only=True)
    # Not write-only: that leaves out the sheet's size, which Excel always writes (and
    # without which openpyxl reads each sheet twice)
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for sheet in source.worksheets[1:]:
        rows = sheet.iter_rows(values_only=True)
        headings = list(next(rows))
        keep = [headings.index(h) for h in TRACKER]
        target = book.create_sheet(sheet.title)
        target.append(list(TRACKER.values()))
        previous = None
        for row in rows:
            cells = [row[i] for i in keep]
            if cells[0] == previous:
                cells[0] = cells[1] = None
            else:
                previous = cells[0]
            target.append(cells)
    book.save(out)
    source.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    os.environ["LCSPR_TODAY"] = AS_OF.isoformat()
    day = AS_OF.isoformat()
    rows: list[tuple[str, int, float, float, str]] = []

    def record(
        name: str,
        n: int,
        command: list[str],
        baseline: list[str] | None = None,
        before: Callable[[], None] | None = None,
    ) -> None:
        """Time `command`, and its ratio to `baseline` run just before each run of it."""
        if before is not None:
            before()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:  # a failing command is fast: never time one
            sys.exit(f"{name} failed ({done.returncode}): {done.stderr[-2000:]}")
        baselines = (baseline,) if baseline else ()
        seconds, peak, ratios = measure(command, options.repeat, before, baselines)
        ratio = f"{ratios[0]:.2f}x check" if ratios else ""
        rows.append((name, n, seconds, peak, ratio))
        print(f"{name:34s} N={n:<6d} {seconds:8.3f} s {peak:8.1f} MB  {ratio}", flush=True)

    with tempfile.TemporaryDirectory() as temporary:
        for n in options.sizes:
            data = Path(temporary) / f"n{n}" / "data"
            generate(data, n)
            age(data)
            check = lcspr("check", "--no-cache", "--data", str(data), "--as-of", day)
            record("lcspr check --no-cache", n, check)
            workbook = Path(temporary) / f"n{n}.xlsx"
            for kind in (".xlsx", ".csv"):
                out = workbook.with_suffix(kind)
                export = lcspr(
                    "export", "--no-cache", "--data", str(data), "-o", str(out), "--force"
                )
                record(f"lcspr export {kind[1:]}", n, export, check)
            tracker = Path(temporary) / f"n{n}-tracker.xlsx"
            _tracker(workbook, tracker)
            for name, source in (("export", workbook), ("tracker", tracker)):
                target = Path(temporary) / f"n{n}" / f"imported-{name}"
                checked = Path(temporary) / f"n{n}" / f"checked-{name}"  # what it writes
                _empty_like(data, checked)
                done = subprocess.run(
                    lcspr("import", "--data", str(checked), str(source)), capture_output=True
                )
                if done.returncode != 0:
                    sys.exit(f"lcspr import ({name}) failed")
                age(checked)
                again = lcspr("check", "--no-cache", "--data", str(checked), "--as-of", day)

                def fresh(target: Path = target, data: Path = data) -> None:
                    shutil.rmtree(target, ignore_errors=True)
                    _empty_like(data, target)

                importing = lcspr("import", "--data", str(target), str(source))
                record(f"lcspr import ({name})", n, importing, again, before=fresh)
    print("\n| command | N | seconds | peak MB | ratio |\n| --- | ---: | ---: | ---: | --- |")
    for name, n, seconds, peak, ratio in rows:
        print(f"| {name} | {n} | {seconds:.2f} | {peak:.0f} | {ratio} |")


if __name__ == "__main__":
    main()

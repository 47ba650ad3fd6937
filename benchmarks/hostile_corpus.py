"""Time `lcspr check` on each file of the hostile corpus (tests/corpus), and on a 20 MB
file, each put in place of a valid recommendation file of tests/samples/minimal.

Prints one line per file and the slowest; the target is well under a second each.
Run: python benchmarks/hostile_corpus.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from lcspr_cli.pipeline import check_folder

HERE = Path(__file__).resolve().parent.parent
CORPUS = HERE / "tests" / "corpus"
SAMPLE = HERE / "tests" / "samples" / "minimal"
TARGET = Path("recommendations/TEST/TEST-1.yaml")


def time_one(content: bytes) -> float:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "data"
        shutil.copytree(SAMPLE, folder)
        (folder / TARGET).write_bytes(content)
        start = time.perf_counter()
        check_folder(folder, date(2025, 6, 1))
        return time.perf_counter() - start


def main() -> None:
    cases = {path.name: path.read_bytes() for path in sorted(CORPUS.glob("*.yaml"))}
    cases["(20 MB file)"] = b"title: " + b"x" * (20 * 1024 * 1024) + b"\n"
    timings = {name: time_one(content) for name, content in cases.items()}
    for name, seconds in timings.items():
        print(f"{name:40s} {seconds * 1000:8.1f} ms")
    slowest = max(timings, key=timings.__getitem__)
    print(f"\n{len(timings)} files; slowest: {slowest} at {timings[slowest] * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Time lcspr as whole processes at several sizes, next to baselines measured in the same run.

For each N (default 100, 1,000 and 10,000 recommendations) a synthetic data folder is made
(benchmarks/generate.py) and aged an hour, as real files are, and each command is run
several times; the median wall time and the peak memory (maximum resident set) are
printed, with the ratio to its baseline:

- `lcspr --version`, `lcspr --help`: against the import floor, `python -c "import typer,
  pydantic, rich"`. A minimal Typer command with two options is timed too, for scale.
- `lcspr check --no-cache` (cold: every file parsed and validated), `lcspr check` on its
  first run (cold, and filling the cache) and warm (from the cache), `lcspr status
  --format json` and `lcspr summary` (warm): against the import floor, a PyYAML C-loader
  parse of the same files with no validation, and `check-jsonschema` validating the
  recommendation files against lcspr's generated schema (when installed:
  `pip install -e '.[bench]'`).

Run: python benchmarks/run.py [N ...] [--repeat R]
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import AS_OF, generate

PYYAML_PARSE = (
    "import sys, pathlib, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


TYPER_COMMAND = (
    "import sys, typer\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def hello(name: str = 'x', loud: bool = False) -> None: print(name)\n"
    "@app.command()\n"
    "def other() -> None: pass\n"
    "sys.argv[1:] = ['hello', '--name', 'y', '--loud']\n"
    "app()\n"
)


def measure(
    command: list[str], repeat: int, before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """The median wall time (s) and the largest peak memory (MB) over `repeat` runs, each
    after `before`."""
    times, peaks = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def newest_typer() -> tuple[str, str] | None:
    """A Python with the newest Typer (and pydantic and rich) in a scratch environment, and
    that Typer's version: lcspr pins Typer below 0.29 (see pyproject.toml), and this row
    says when the pin can go. None when no environment can be made (no network)."""
    where = Path(tempfile.gettempdir()) / "lcspr-bench-newest-typer"
    python = where / "bin" / "python"
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-U", "typer", "pydantic", "rich"],
            check=True,
            capture_output=True,
        )
        version = subprocess.run(
            [str(python), "-c", "import typer; print(typer.__version__)"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return str(python), version


def lcspr(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "lcspr_cli", *arguments]


# --- lcspr history and lcspr trend -------------------------------------------------
# The generated folder of HISTORY_N recommendations committed to a git repository, then
# HISTORY_COMMITS - 1 commits of everyday edits (three owners changed in each), two days
# apart from 1 June 2025; `lcspr history` reads it all, and `lcspr trend` reads four
# quarters' ends as recorded.

HISTORY_N = 1000
HISTORY_COMMITS = 200


def _git(top: Path, *arguments: str, when: str = "2025-06-01T10:00:00+00:00") -> None:
    environment = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(
        ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org",
         "-c", "commit.gpgsign=false", *arguments],
        cwd=top, env=environment, check=True, capture_output=True,
    )  # fmt: skip


def make_history(top: Path) -> Path:
    """A repository whose data/ has HISTORY_COMMITS commits; the data folder."""
    import random
    from datetime import datetime, timedelta

    data = top / "data"
    generate(data, HISTORY_N)
    _git(top, "init", "-q", "-b", "main")
    _git(top, "add", "-A")
    _git(top, "commit", "-q", "-m", "The log")
    files = sorted((data / "recommendations").rglob("*.yaml"))
    owners = ["council-1a", "council-2b", "icb-1", "trust-2", "police-3"]
    rng = random.Random(200)
    start = datetime(2025, 6, 1, 10)
    for number in range(1, HISTORY_COMMITS):
        for path in rng.sample(files, 3):
            lines = path.read_text().splitlines(keepends=True)
            at = next(i for i, line in enumerate(lines) if line.startswith("owner: "))
            lines[at] = f"owner: {rng.choice(owners)}\n"
            path.write_text("".join(lines))
        when = (start + timedelta(days=2 * number)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        _git(top, "commit", "-q", "-a", "-m", f"Edit {number}", when=when)
    return data


def history_rows(record: Callable[..., float], top: Path, floor: float) -> None:
    """Time lcspr history and lcspr trend on the repository of `make_history`."""
    if shutil.which("git") is None:
        print("git is not installed: lcspr history is not timed")
        return
    top.mkdir(parents=True)
    data = make_history(top)
    # a fixed today (the day the generated data is valid on), so the quarters stay the same
    on = ["env", f"LCSPR_TODAY={AS_OF.isoformat()}"]
    folder = ("--data", str(data), "--format", "json")
    commits = f"{HISTORY_COMMITS} commits"
    record(
        f"lcspr history, {commits}", HISTORY_N, [*on, *lcspr("history", *folder)], floor, "floor"
    )
    one = [*on, *lcspr("history", "R1-1", *folder)]
    record(f"lcspr history R1-1, {commits}", HISTORY_N, one, floor, "floor")
    trend = [*on, *lcspr("trend", *folder)]
    record("lcspr trend, 4 quarters as recorded", HISTORY_N, trend, floor, "floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    rows: list[tuple[str, int, float, float, str]] = []

    def record(
        name: str,
        n: int,
        command: list[str],
        baseline: float | None,
        of: str,
        before: Callable[[], None] | None = None,
    ) -> float:
        seconds, peak = measure(command, options.repeat, before)
        ratio = f"{seconds / baseline:.2f}x {of}" if baseline else ""
        rows.append((name, n, seconds, peak, ratio))
        print(f"{name:34s} N={n:<6d} {seconds:8.3f} s {peak:8.1f} MB  {ratio}", flush=True)
        return seconds

    measure([sys.executable, "-c", "import typer, pydantic, rich"], 1)  # warm the disk cache
    floor = record(
        "import floor", 0, [sys.executable, "-c", "import typer, pydantic, rich"], None, ""
    )
    record("lcspr --version", 0, lcspr("--version"), floor, "floor")
    record("lcspr --help", 0, lcspr("--help"), floor, "floor")
    record("a minimal Typer command", 0, [sys.executable, "-c", TYPER_COMMAND], floor, "floor")
    newest = newest_typer()
    if newest is not None:
        python, version = newest
        newest_floor = measure([python, "-c", "import typer, pydantic, rich"], options.repeat)[0]
        record(
            f"the same on Typer {version}",
            0,
            [python, "-c", TYPER_COMMAND],
            newest_floor,
            "its floor",
        )
    # installed beside this Python (in its virtual environment), or on the PATH
    checker = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable))
    checker = checker or shutil.which("check-jsonschema")
    with tempfile.TemporaryDirectory() as temporary:
        schemas = Path(temporary) / "schemas"
        subprocess.run(lcspr("schema", "--output", str(schemas)), check=True, capture_output=True)
        previous: float | None = None
        prev_n = 1
        for n in options.sizes:
            data = Path(temporary) / f"n{n}" / "data"
            generate(data, n)
            hour_ago = time.time() - 3600  # the cache never keeps a file changed just now
            for path in data.rglob("*"):
                os.utime(path, (hour_ago, hour_ago))
            day = AS_OF.isoformat()
            parse = record(
                "PyYAML C-loader parse",
                n,
                [sys.executable, "-c", PYYAML_PARSE, str(data)],
                None,
                "",
            )
            if checker:
                files = [str(p) for p in sorted((data / "recommendations").rglob("*.yaml"))]
                record(
                    "check-jsonschema",
                    n,
                    [
                        checker,
                        "--schemafile",
                        str(schemas / "lcspr-recommendation.schema.json"),
                        *files,
                    ],
                    parse,
                    "PyYAML",
                )
            cache = data.parent / ".lcspr-cache"
            check = record(
                "lcspr check --no-cache",
                n,
                lcspr("check", "--no-cache", "--data", str(data), "--as-of", day),
                parse,
                "PyYAML",
            )
            record(
                "lcspr check, filling the cache",
                n,
                lcspr("check", "--data", str(data), "--as-of", day),
                parse,
                "PyYAML",
                before=functools.partial(shutil.rmtree, cache, ignore_errors=True),
            )
            warm = record(
                "lcspr check, warm cache",
                n,
                lcspr("check", "--data", str(data), "--as-of", day),
                parse,
                "PyYAML",
            )
            rows[-1] = (*rows[-1][:4], f"{warm / floor:.2f}x floor, {rows[-1][4]}")
            record(
                "lcspr status --format json",
                n,
                lcspr("status", "--data", str(data), "--as-of", day, "--format", "json"),
                floor,
                "floor",
            )
            record(
                "lcspr summary",
                n,
                lcspr("summary", "--data", str(data), "--quarter", "2026/27-Q2"),
                floor,
                "floor",
            )
            if previous is not None:
                print(
                    f"{'':34s} check time grew {check / previous:.1f}x for {n // prev_n}x the files"
                )
            previous, prev_n = check, n
        # --- lcspr history and lcspr trend: see history_rows below ---------------------
        if HISTORY_N in options.sizes:
            history_rows(record, Path(temporary) / "history", floor)
    print("\n| command | N | seconds | peak MB | ratio |\n| --- | ---: | ---: | ---: | --- |")
    for name, n, seconds, peak, ratio in rows:
        print(f"| {name} | {n or ''} | {seconds:.2f} | {peak:.0f} | {ratio} |")


if __name__ == "__main__":
    main()

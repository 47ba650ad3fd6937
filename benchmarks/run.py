"""Time lcspr as whole processes at several sizes, next to baselines measured in the same run.

For each N (default 100, 1,000 and 10,000 recommendations) a synthetic data folder is made
(benchmarks/generate.py) and aged an hour, as real files are, and each command is run
several times; the median wall time and the peak memory (maximum resident set) are
printed, with the ratio to its baseline:

- `lcspr --version`, `lcspr --help`: against the import floor, `python -c "import typer,
  pydantic, rich"`. A minimal Typer command with two options is timed too, for scale.
- `lcspr check --no-cache` (cold: every file parsed and validated), `lcspr check` on its
  first run (cold, and filling the cache) and warm (from the cache), `lcspr status` (as a
  table and in JSON), `overdue`, `agencies` and `summary` (warm), and the Word and HTML
  papers: against the import floor, a PyYAML C-loader parse of the same files with no
  validation, and `check-jsonschema` validating the recommendation files against lcspr's
  generated schema (when installed: `pip install -e '.[bench]'`).

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

from generate import AS_OF, age, generate

PYYAML_PARSE = (
    "import sys, pathlib, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


# The targets, where the performance issue sets them: at a partnership's size against the
# import floor, at a national one against the PyYAML parse; none between (where a fixed
# start-up cost weighs on any ratio to the parse).
_FLOOR_TARGET = "1.5x floor"
TARGETS: dict[int, dict[str, str]] = {
    100: {
        "lcspr check --no-cache": _FLOOR_TARGET,
        "lcspr check, warm cache": _FLOOR_TARGET,
        "lcspr status (table)": _FLOOR_TARGET,
        "lcspr status --format json": _FLOOR_TARGET,
        "lcspr overdue --format json": _FLOOR_TARGET,
        "lcspr agencies --format json": _FLOOR_TARGET,
    },
    10000: {
        "lcspr check --no-cache": "0.8x PyYAML",
        "lcspr check, warm cache": "0.1x PyYAML",
        "lcspr status --format json": "0.3x PyYAML",
        "lcspr overdue --format json": "0.3x PyYAML",
        "lcspr agencies --format json": "0.3x PyYAML",
        "lcspr summary (markdown)": "0.3x PyYAML",
    },
}


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


def _once(command: list[str], before: Callable[[], None] | None) -> tuple[float, float]:
    if before is not None:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: problems found, still a run
        sys.exit(f"benchmark: {' '.join(command)[:200]} failed; run it to see why")
    return seconds, usage.ru_maxrss / 1024


def measure(
    command: list[str],
    repeat: int,
    before: Callable[[], None] | None = None,
    baselines: tuple[list[str], ...] = (),
) -> tuple[float, float, list[float]]:
    """The median wall time (s) and the largest peak memory (MB) over `repeat` runs, each
    after `before`; and for each baseline the median ratio of a run to the baseline run just
    before it (B A B A ...), so a machine that slows down mid-run moves both alike."""
    times, peaks = [], []
    ratios: list[list[float]] = [[] for _ in baselines]
    for _ in range(repeat):
        paired = [_once(baseline, None)[0] for baseline in baselines]
        seconds, peak = _once(command, before)
        times.append(seconds)
        peaks.append(peak)
        for each, base in zip(ratios, paired, strict=True):
            each.append(seconds / base)
    return statistics.median(times), max(peaks), [statistics.median(r) for r in ratios]


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


def history_rows(record: Callable[..., float], top: Path) -> None:
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
    every = [*on, *lcspr("history", *folder)]
    record(f"lcspr history, {commits}", HISTORY_N, every, target="2 s")
    one = [*on, *lcspr("history", "R1-1", *folder)]
    record(f"lcspr history R1-1, {commits}", HISTORY_N, one, target="2 s")
    trend = [*on, *lcspr("trend", *folder)]
    record("lcspr trend, 4 quarters as recorded", HISTORY_N, trend, target="2 s")


FLOOR = [sys.executable, "-c", "import typer, pydantic, rich"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    rows: list[tuple[str, int, float, float, str, str]] = []

    def record(
        name: str,
        n: int,
        command: list[str],
        against: dict[str, list[str]] | None = None,
        before: Callable[[], None] | None = None,
        target: str = "",
    ) -> float:
        """Time `command`, each run paired with a run of each baseline in `against` (named
        by its key); print and keep the row."""
        against = {"floor": FLOOR} if against is None else against
        seconds, peak, ratios = measure(command, options.repeat, before, (*against.values(),))
        ratio = ", ".join(f"{r:.2f}x {of}" for r, of in zip(ratios, against, strict=True))
        rows.append((name, n, seconds, peak, ratio, target))
        print(f"{name:34s} N={n:<6d} {seconds:8.3f} s {peak:8.1f} MB  {ratio}", flush=True)
        return seconds

    # compiled once, so an environment with PYTHONDONTWRITEBYTECODE=1 does not compile
    # lcspr's modules on every start
    package = Path(__file__).resolve().parent.parent / "src" / "lcspr_cli"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    measure(FLOOR, 1)  # warm the disk cache
    record("import floor", 0, FLOOR, {})
    record("lcspr --version", 0, lcspr("--version"), target="1.0x floor")
    record("lcspr --help", 0, lcspr("--help"), target="1.5x floor")
    record("a minimal Typer command", 0, [sys.executable, "-c", TYPER_COMMAND])
    newest = newest_typer()
    if newest is not None:
        python, version = newest
        its_floor = {"its floor": [python, *FLOOR[1:]]}
        record(f"the same on Typer {version}", 0, [python, "-c", TYPER_COMMAND], its_floor)
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
            age(data)
            day = AS_OF.isoformat()
            parse = [sys.executable, "-c", PYYAML_PARSE, str(data)]
            both = {"floor": FLOOR, "PyYAML": parse}
            targets = TARGETS.get(n, {})
            record("PyYAML C-loader parse", n, parse, {})
            if checker:
                files = [str(p) for p in sorted((data / "recommendations").rglob("*.yaml"))]
                schema = str(schemas / "lcspr-recommendation.schema.json")
                record("check-jsonschema", n, [checker, "--schemafile", schema, *files], both)
            cache = data.parent / ".lcspr-cache"
            check = record(
                "lcspr check --no-cache",
                n,
                lcspr("check", "--no-cache", "--data", str(data), "--as-of", day),
                both,
                target=targets.get("lcspr check --no-cache", ""),
            )
            record(
                "lcspr check, filling the cache",
                n,
                lcspr("check", "--data", str(data), "--as-of", day),
                both,
                before=functools.partial(shutil.rmtree, cache, ignore_errors=True),
            )
            record(
                "lcspr check, warm cache",
                n,
                lcspr("check", "--data", str(data), "--as-of", day),
                both,
                target=targets.get("lcspr check, warm cache", ""),
            )
            reports = {
                "lcspr status (table)": ["status", "--as-of", day],
                "lcspr status --format json": ["status", "--as-of", day, "--format", "json"],
                "lcspr overdue --format json": ["overdue", "--as-of", day, "--format", "json"],
                "lcspr agencies --format json": ["agencies", "--as-of", day, "--format", "json"],
                "lcspr summary (markdown)": ["summary", "--quarter", "2026/27-Q2"],
            }
            for name, arguments in reports.items():
                command = lcspr(*arguments, "--data", str(data))
                record(name, n, command, both, target=targets.get(name, ""))
            for form in ("docx", "html"):
                paper = Path(temporary) / f"paper-{n}.{form}"
                command = lcspr("summary", "--quarter", "2026/27-Q2", "--data", str(data))
                record(f"lcspr summary -o paper.{form}", n, [*command, "-o", str(paper)], both)
            if previous is not None:
                grew = f"check time grew {check / previous:.1f}x for {n // prev_n}x the files"
                print(f"{'':34s} {grew} (target: at most 11x for 10x)")
            previous, prev_n = check, n
        if HISTORY_N in options.sizes:
            history_rows(record, Path(temporary) / "history")
    print(
        "\n| command | N | seconds | peak MB | ratio (paired) | target |"
        "\n| --- | ---: | ---: | ---: | --- | --- |"
    )
    for name, n, seconds, peak, ratio, target in rows:
        print(f"| {name} | {n or ''} | {seconds:.2f} | {peak:.0f} | {ratio} | {target} |")
    print("\nPeak memory target: under 500 MB for every command.")


if __name__ == "__main__":
    main()

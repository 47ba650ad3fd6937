"""Time the board paper in each format: markdown, Word and HTML, for the same Paper.

For each N (default 2,000 recommendations) a synthetic data folder is made
(benchmarks/generate.py), aged an hour and its cache filled; then, several times each:

- `lcspr summary -o FILE` itself, once per format (load through the warm cache,
  summarise, work out the trend for the charts, build the paper, render it, write it),
  each run paired with a markdown run just before it (run.measure): the issue's budget is
  2x markdown for Word and HTML;
- the render alone, in one process, for the same Paper: the first call (which imports
  python-docx, matplotlib or tabulate) and the median of the later ones.

Run: python benchmarks/paper_formats.py [N ...] [--repeat R]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import AS_OF, age, generate
from run import lcspr, measure

FORMATS = ("markdown", "docx", "html")
SUFFIX = {"markdown": "md", "docx": "docx", "html": "html"}

# The render alone: argv is FOLDER REPEAT TODAY; prints FORMAT FIRST MEDIAN per format.
RENDER = """\
import statistics, sys, time
from datetime import date
from pathlib import Path
from lcspr_cli.pipeline import summarise_folder
from lcspr_cli.queries.paper import PaperInputs, build_paper
from lcspr_cli.queries.quarters import Quarter
result = summarise_folder(
    Path(sys.argv[1]), Quarter.parse("2026/27-Q2"), date(2026, 9, 30),
    date.fromisoformat(sys.argv[3]), use_cache=True,
)
summary = result.summary
inputs = PaperInputs("Made-up partnership", trend=(summary.previous, summary.counts))
paper = build_paper(summary, inputs)
from lcspr_cli.render import paper_markdown, paper_docx, paper_html
for name, render in (
    ("markdown", paper_markdown.render_paper_markdown),
    ("docx", paper_docx.render_paper_docx),
    ("html", paper_html.render_paper_html),
):
    times = []
    for _ in range(int(sys.argv[2]) + 1):
        start = time.perf_counter()
        render(paper)
        times.append(time.perf_counter() - start)
    print(name, times[0], statistics.median(times[1:]), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[2000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print("| N | format | whole process (s) | ratio | render, first (s) | render, later (s) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as temporary:
        for n in options.sizes:
            data = Path(temporary) / f"n{n}" / "data"
            generate(data, n)
            age(data)
            papers = {form: Path(temporary) / f"paper.{SUFFIX[form]}" for form in FORMATS}
            command = lcspr("summary", "--quarter", "2026/27-Q2", "--data", str(data))
            commands = {form: [*command, "-o", str(papers[form])] for form in FORMATS}
            measure(commands["markdown"], 1)  # fills the cache
            seconds, ratios = {}, {}
            for form in FORMATS:
                baseline = () if form == "markdown" else (commands["markdown"],)
                seconds[form], _, paired = measure(commands[form], options.repeat, None, baseline)
                ratios[form] = paired[0] if paired else 1.0
            renders = subprocess.run(
                [sys.executable, "-c", RENDER, str(data), str(options.repeat), AS_OF.isoformat()],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split("\n")
            alone = {line.split()[0]: line.split()[1:] for line in renders if line}
            for form in FORMATS:
                first, later = (float(t) for t in alone[form])
                print(
                    f"| {n} | {form} | {seconds[form]:.2f} | {ratios[form]:.2f}x | {first:.2f} | "
                    f"{later:.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()

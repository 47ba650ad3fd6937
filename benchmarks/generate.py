"""Make a realistic synthetic data folder of N recommendations, for the benchmarks.

Several reviews with their themes; agencies that were replaced, some in chains; 4 to 6
actions per recommendation, with evidence, progress updates, revised and dropped
actions; every record valid as of 26 November 2026. All names are made up.

Run: python benchmarks/generate.py N FOLDER
"""

from __future__ import annotations

import os
import random
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2026, 11, 26)
MODELINE = "# yaml-language-server: $schema=../../../schemas/lcspr-recommendation.schema.json"
WORDS = [
    "agencies",
    "assurance",
    "practitioners",
    "training",
    "audit",
    "referral",
    "early",
    "help",
    "fathers",
    "feeding",
    "health",
    "visiting",
    "midwifery",
    "records",
    "information",
    "sharing",
    "safeguarding",
    "partnership",
    "review",
    "learning",
    "practice",
    "procedure",
    "guidance",
    "families",
    "children",
    "assessment",
    "response",
    "timely",
]


def _agencies() -> tuple[str, list[str]]:
    lines = ["agencies:"]
    current: list[str] = []
    for n in range(1, 9):
        lines += [
            f"  - id: old-council-{n}",
            f"    name: Old Council {n}",
            "    until: 2023-03-31",
            f"    replaced_by: [middle-council-{n}]",
        ]
        lines += [
            f"  - id: middle-council-{n}",
            f"    name: Middle Council {n}",
            "    from: 2023-04-01",
            "    until: 2025-03-31",
            f"    replaced_by: [council-{n}a, council-{n}b]",
        ]
        for suffix in "ab":
            lines += [
                f"  - id: council-{n}{suffix}",
                f"    name: Council {n}{suffix.upper()}",
                "    from: 2025-04-01",
            ]
            current.append(f"council-{n}{suffix}")
    for kind in ("icb", "trust", "police", "partnership"):
        for n in range(1, 4):
            lines += [f"  - id: {kind}-{n}", f"    name: Made-up {kind} {n}"]
            current.append(f"{kind}-{n}")
    return "\n".join(lines) + "\n", current


def _reviews(count: int) -> str:
    lines = ["reviews:"]
    for r in range(1, count + 1):
        lines += [
            f"  - id: R{r}",
            f"    title: Made-up review {r}",
            "    kind: LCSPR",
            "    published: 2024-06-30",
            "    partnership: partnership-1",
            "    themes:",
        ]
        lines += [f"      - id: theme-{t}\n        title: Learning theme {t}" for t in range(1, 6)]
    return "\n".join(lines) + "\n"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _recommendation(rng: random.Random, review: int, number: int, owners: list[str]) -> str:
    rid = f"R{review}-{number}"
    text = textwrap.wrap(_sentence(rng, 45), width=86)
    lines = [
        MODELINE,
        "# Synthetic benchmark data.",
        f"id: {rid}",
        f"review: R{review}",
        f"number: {number}",
        f"title: {_sentence(rng, 6)}",
        "text: >-",
        *(f"  {line}" for line in text),
        f"themes: [theme-{rng.randint(1, 5)}]",
        f"owner: {rng.choice(owners)}",
        f"due: {_day(rng, date(2025, 1, 1), date(2027, 12, 31))}",
        "status: in-progress",
        "",
        "actions:",
    ]
    for a in range(1, rng.randint(4, 6) + 1):
        due = _day(rng, date(2024, 9, 1), date(2027, 6, 30))
        status = rng.choice(
            ["not-started", "in-progress", "in-progress", "complete", "complete", "dropped"]
        )
        lines += [
            f"  - id: {rid}.{a}",
            f"    action: {_sentence(rng, 12)}",
            f"    owner: {rng.choice(owners)}",
            "    lead_role: Head of Service",
            f"    due: {due}",
        ]
        if rng.random() < 0.2:
            lines += [
                f"    revised_due: {due + timedelta(days=90)}",
                "    revised_reason: Agreed by the subgroup.",
            ]
        lines.append(f"    status: {status}")
        # after the councils of 1 April 2025 were formed, who hold the evidence
        done = _day(rng, date(2025, 4, 1), date(2026, 6, 30))
        if status == "complete":
            lines.append(f"    completed_on: {done}")
        if status == "dropped":
            lines.append("    dropped_reason: Overtaken by a national change.")
        evidence = rng.randint(0, 2) if status == "complete" else 0
        if evidence:
            lines.append("    evidence:")
            for _ in range(evidence):
                lines += [
                    f"      - title: {_sentence(rng, 5)}",
                    f"        date: {done}",
                    f"        held_by: {rng.choice(owners)}",
                ]
        updates = rng.randint(0, 3)
        if updates:
            lines.append("    updates:")
            for _ in range(updates):
                lines += [
                    f"      - date: {_day(rng, date(2024, 9, 1), date(2026, 11, 1))}",
                    f"        note: {_sentence(rng, 14)}",
                ]
        lines.append("")
    return "\n".join(lines)


def generate(folder: Path, count: int, seed: int = 20261126) -> None:
    """Write a data folder of `count` recommendations to `folder`."""
    rng = random.Random(seed)
    agencies, owners = _agencies()
    reviews = max(3, count // 25)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agencies.yaml").write_text(agencies)
    (folder / "reviews.yaml").write_text(_reviews(reviews))
    for index in range(count):
        review, number = index % reviews + 1, index // reviews + 1
        target = folder / "recommendations" / f"R{review}" / f"R{review}-{number}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_recommendation(rng, review, number, owners))


def age(folder: Path) -> None:
    """Date every file in `folder` an hour ago, as real files are: the cache never keeps a
    file changed just now."""
    hour_ago = time.time() - 3600
    for path in folder.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))


if __name__ == "__main__":
    generate(Path(sys.argv[2]), int(sys.argv[1]))

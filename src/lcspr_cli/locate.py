"""Find the data folder (--data, else LCSPR_DATA, else data/ here or in a parent folder)
and list the files it holds."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .problems import Problem

AGENCIES_FILE = "agencies.yaml"
REVIEWS_FILE = "reviews.yaml"
RECOMMENDATIONS_FOLDER = "recommendations"
PRIVATE_TERMS_FILE = ".private-terms"
"""Words that must never appear in the data (names of the family), one per line: kept out
of git, and looked for in every free text (`load.privacy`)."""
MARKER = AGENCIES_FILE
ENVIRONMENT_VARIABLE = "LCSPR_DATA"


class DataFolderNotFound(Exception):
    """No data folder could be found; the message says where lcspr looked."""


def locate_data(explicit: Path | None, environment: Mapping[str, str], cwd: Path) -> Path:
    """The data folder to use, as git finds `.git`: the nearest `data/` holding agencies.yaml."""
    if explicit is not None:
        return _checked(explicit, "--data")
    from_environment = environment.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        return _checked(Path(from_environment), ENVIRONMENT_VARIABLE)
    for folder in (cwd, *cwd.parents):
        candidate = folder / "data"
        if (candidate / MARKER).is_file():  # named from here, as a person would type it
            return Path(os.path.relpath(candidate, cwd))
    raise DataFolderNotFound(
        f"no data folder found: looked for data/{MARKER} in {cwd} and every folder above it; "
        f"give one with --data PATH or set {ENVIRONMENT_VARIABLE}"
    )


def _checked(folder: Path, source: str) -> Path:
    if not folder.is_dir():
        raise DataFolderNotFound(f"{source} names {folder}, which is not a folder")
    if not (folder / MARKER).is_file():
        raise DataFolderNotFound(
            f"{source} names {folder}, which has no {MARKER}; an lcspr data folder holds "
            f"{MARKER}, reviews.yaml and a recommendations/ folder"
        )
    return folder


def recommendation_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The .yaml files under `folder`, sorted, and a problem for each file that looks like
    YAML but will not be read."""
    found: list[Path] = []
    ignored: list[Problem] = []
    if not folder.is_dir():
        return found, ignored
    for directory, subfolders, names in os.walk(folder):  # never follows links to folders
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        here = Path(directory)
        found.extend(here / name for name in subfolders if name.endswith(".yaml"))
        for name in names:
            if name.startswith("."):
                continue
            if name.endswith(".yaml"):
                found.append(here / name)
            elif name.endswith(".yml"):
                ignored.append(
                    Problem.of(
                        "ignored-file",
                        "this file is not read: recommendation files end in .yaml",
                        here / name,
                        hint=f"rename it to {name[:-4]}.yaml",
                    )
                )
    return sorted(found, key=lambda path: path.parts), ignored  # as sorted(found), faster


def repository_top(folder: Path) -> Path | None:
    """The top of the git repository holding `folder` (the folder with `.git`, a folder in
    a clone, a file in a worktree or submodule), or None outside git. It reads the disk,
    not git, so it needs no git installed."""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return None

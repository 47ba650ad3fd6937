"""Find the data folder: --data, else LCSPR_DATA, else data/ here or in a parent folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

MARKER = "agencies.yaml"
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
        if (candidate / MARKER).is_file():
            return candidate
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

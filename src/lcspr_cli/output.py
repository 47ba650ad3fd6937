"""Writing a generated document: atomically, and never over a file lcspr did not write."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """The file was not written; the message says why in one line."""


def write_generated(path: Path, text: str, marker: str, *, force: bool = False) -> None:
    """Write `text` to `path` through a temporary file renamed over it.

    An existing file is replaced only if its first line is `marker` (lcspr wrote it), or
    with `force`. On any failure the original file is left as it was.
    """
    if path.is_dir():
        raise WriteRefused(f"{path} is a folder; give a file name")
    if path.exists() and not force and _first_line(path) != marker:
        raise WriteRefused(
            f"{path} exists and was not written by lcspr; choose another file, or add "
            "--force to replace it"
        )
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise WriteRefused(
            f"cannot write {path}: {error.strerror or error}; nothing was changed"
        ) from None


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            return stream.readline().rstrip("\r\n")
    except OSError:
        return ""


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask

"""Writing files: always atomically, never over a change made meanwhile, and never over a
document lcspr did not write."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
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
    _atomic_write(path, text.encode("utf-8"))


def write_owned(
    path: Path, data: bytes, ours: Callable[[bytes], bool], *, force: bool = False
) -> None:
    """Write `data` to `path` atomically, replacing an existing file only if `ours` says
    lcspr wrote it (a Word file carries a mark in its properties), or with `force`."""
    if path.is_dir():
        raise WriteRefused(f"{path} is a folder; give a file name")
    if path.exists() and not force and not ours(_read(path)):
        raise WriteRefused(
            f"{path} exists and was not written by lcspr; choose another file, or add "
            "--force to replace it"
        )
    _atomic_write(path, data)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


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


def replace_file(path: Path, before: bytes | None, after: bytes) -> None:
    """Write `after` to `path` atomically, only if the file still holds `before`.

    `before` is None for a new file, which must still not exist. Refusing when the file
    changed since it was read means a change made meanwhile (by an editor, a merge) is
    never lost. The file keeps its permissions.
    """
    try:
        current = path.read_bytes() if path.exists() else None
    except OSError as error:
        raise WriteRefused(f"cannot read {path}: {error.strerror or error}") from None
    if current != before:
        raise WriteRefused(
            f"{path} changed on disk since lcspr read it; nothing was written: run the "
            "command again"
        )
    if before is None:  # a new recommendation may open its review's folder
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteRefused(f"cannot create {path.parent}: {error.strerror or error}") from None
    _atomic_write(path, after)


def _atomic_write(path: Path, data: bytes) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise WriteRefused(
            f"cannot write {path}: {error.strerror or error}; nothing was changed"
        ) from None


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file holds it already; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    _atomic_write(path, data)
    return True

"""A cache of what each file holds, so that an unchanged file is not read again.

It lives beside the data folder, in `.lcspr-cache/` (git-ignored), so the data folder
itself is never written to; there is one cache file per data folder. An entry holds one
file's result on its own (see `reading`): its problems, the facts of its valid records, and
apart from those, the records themselves, which `lcspr check` never reads. It is used only
while the file's path, size and change times are as they were, with the same versions of
lcspr and pydantic: a cached file keeps its problems. The checks across records always
run.

The cache is signed with a secret key kept outside the repository (in the user's cache
folder), and a cache whose signature does not match is ignored: a cache file committed
to a repository, or made on another machine, is never unpickled. A cache that cannot be
read, or written, is simply not used; it is never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.util
import os
import pickle
import secrets
import struct
import sys
import time
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from .. import __version__

CACHE_FOLDER = ".lcspr-cache"
FORMAT = 9
"""Raise when what an entry holds changes, or what reading a file finds (9: problems are
msgspec Structs, not dataclasses)."""
_RACY_NS = 2_000_000_000
"""A file changed this recently may change again within its time stamp's resolution, with
the same size: its entry is not kept (as git does with its index)."""
_SIGNATURE_BYTES = 32
_HEAD = struct.Struct(f">{_SIGNATURE_BYTES}sQ")
"""The signature of the index, and the index's length: the records follow it."""

Stamp = tuple[int, int, int]
"""A file's size, modification time and status-change time (ns)."""


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


class Cache(Struct):
    """The entries of one data folder's cache, by path relative to the folder.

    An entry is in two parts: what the checks need (plain values, in the index, which is
    read whole), and the file's records, encoded (`records.codec`), which follow the index
    in the cache file and are read only when a command first asks for one.
    """

    file: Path
    context: str
    """What else the results depend on (versions, the private terms); part of the key."""
    key: bytes
    entries: dict[str, tuple[Stamp, Any]] = field(default_factory=dict)
    blobs: dict[str, bytes | memoryview] = field(default_factory=dict)
    """The encoded records of the entries, once read (and of the entries new this run):
    views into the cache file's records, which are not copied again."""
    stored: tuple[int, dict[str, tuple[int, int]], bytes, Stamp] | None = None
    """Where the records are in the cache file, until they are read: their offset, the
    span of each entry's, their digest, and the cache file's stamp."""
    changed: bool = False

    @classmethod
    def open(cls, root: Path, context: str) -> Cache | None:
        """The cache of the data folder at `root` (empty when absent or unusable), or None
        when no key can be had."""
        key = _secret_key()
        if key is None:
            return None
        resolved = root.resolve()
        name = hashlib.sha256(str(resolved).encode()).hexdigest()[:16]
        file = resolved.parent / CACHE_FOLDER / f"{resolved.name}-{name}.pickle"
        cache = cls(file, _header(context), key)
        cache._read_index()
        return cache

    def get(self, relative: str, stamp: Stamp) -> Any:
        """What the checks need of the file, if it has not changed since it was cached."""
        entry = self.entries.get(relative)
        return entry[1] if entry is not None and entry[0] == stamp else None

    def records(self, relative: str) -> bytes | memoryview | None:
        """The encoded records of an entry, if the cache has them."""
        if self.stored is not None:
            self._read_records()
        return self.blobs.get(relative)

    def put(self, relative: str, stamp: Stamp, checked: Any, records: bytes) -> None:
        if stamp[1] > time.time_ns() - _RACY_NS:
            self.discard(relative)
        else:
            self.entries[relative] = (stamp, checked)
            self.blobs[relative] = records
            self.changed = True

    def discard(self, relative: str) -> None:
        self.blobs.pop(relative, None)
        if self.entries.pop(relative, None) is not None:
            self.changed = True

    def keep_only(self, relatives: set[str]) -> None:
        """Forget the entries of files that are gone."""
        for gone in self.entries.keys() - relatives:
            self.discard(gone)

    def save(self) -> None:
        """Write the cache if it changed, atomically; failing to write it is not an error."""
        if not self.changed:
            return
        if self.stored is not None:
            self._read_records()  # the entries kept need their records written again
        spans: dict[str, tuple[int, int]] = {}
        chunks: list[bytes | memoryview] = []
        offset = 0
        for relative in self.entries:
            blob = self.blobs.get(relative)
            if blob is not None:
                spans[relative] = (offset, len(blob))
                chunks.append(blob)
                offset += len(blob)
        records = b"".join(chunks)
        index = (self.context, self.entries, spans, _digest(records))
        payload = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        folder = self.file.parent
        temporary = folder / f".{self.file.name}.{os.getpid()}.tmp"
        try:
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# lcspr's cache: never commit it\n*\n", encoding="utf-8")
            with temporary.open("wb") as stream:
                stream.write(_HEAD.pack(self._sign(payload), len(payload)))
                stream.write(payload)
                stream.write(records)
            os.replace(temporary, self.file)
            self.changed = False
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)

    def _read_index(self) -> None:
        try:
            with self.file.open("rb") as stream:
                stamp = stamp_of(os.fstat(stream.fileno()))
                signature, length = _HEAD.unpack(stream.read(_HEAD.size))
                if _HEAD.size + length > stamp[0]:
                    return  # cut short, or not a cache at all
                payload = stream.read(length)
        except (OSError, struct.error):
            return
        if not hmac.compare_digest(signature, self._sign(payload)):
            return  # not made by this user's lcspr, or damaged
        try:
            context, entries, spans, digest = pickle.loads(payload)
            size = _HEAD.size + length + sum(span for _, span in spans.values())
        except Exception:  # a damaged cache is rebuilt, whatever the damage
            return
        if context == self.context and isinstance(entries, dict) and stamp[0] == size:
            self.entries = entries
            self.stored = (_HEAD.size + length, spans, digest, stamp)

    def _read_records(self) -> None:
        assert self.stored is not None
        offset, spans, digest, stamp = self.stored
        self.stored = None
        try:
            with self.file.open("rb") as stream:
                if stamp_of(os.fstat(stream.fileno())) != stamp:
                    return  # another lcspr has saved the cache since: read the files
                stream.seek(offset)
                records = stream.read()
            if _digest(records) != digest:  # damaged: read the files, and rebuild next time
                self.file.unlink()
                return
        except OSError:
            return
        view = memoryview(records)
        for relative, (start, length) in spans.items():
            if relative in self.entries:
                self.blobs.setdefault(relative, view[start : start + length])

    def _sign(self, payload: bytes) -> bytes:
        return hashlib.blake2b(payload, key=self.key, digest_size=_SIGNATURE_BYTES).digest()


def _digest(records: bytes) -> bytes:
    return hashlib.blake2b(records, digest_size=_SIGNATURE_BYTES).digest()


def _header(context: str) -> str:
    python = ".".join(map(str, sys.version_info[:2]))
    return f"lcspr {__version__} cache {FORMAT} python {python} pydantic {_pydantic()} {context}"


def _pydantic() -> str:
    """Which pydantic the cached records were made with, without importing it (which
    would cost a check from the cache more than the rest of its work): where its package
    is, and when it was installed."""
    spec = importlib.util.find_spec("pydantic")
    origin = spec.origin if spec is not None else None
    if origin is None:
        return "none"
    try:
        status = os.stat(origin)
    except OSError:
        return origin
    return f"{origin} {status.st_size} {status.st_mtime_ns}"


def _secret_key() -> bytes | None:
    """This user's key for signing caches, made on first use; None if it cannot be had."""
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        path = base / "lcspr" / "cache-key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(secrets.token_bytes(32))
        key = path.read_bytes()
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None  # FileExistsError included: another lcspr is making it right now
    return key if len(key) >= 32 else None

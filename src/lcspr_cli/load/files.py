"""Load the files of a data folder, each one on its own (`file.load_file`).

This is the costly part of loading a folder, so an unchanged file's result comes from
the cache (see `cache`) when it is on, and a large folder is read on every core: helper
processes read a share of the files each and hand back their results packed, which is
also the form the cache keeps: what the checks need (problems and facts) as plain
values, and the records encoded apart (`records.codec`), decoded only if a command asks
for them. Either way the results are the same as one process reading every file, which a
test checks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from .. import parallel
from ..problems import Problem, relative_name
from ..records.located import Located
from ..yamlfile.positions import DataPath, SourceMap
from ..yamlfile.read import reread_positions
from .cache import Cache, Stamp, stamp_of
from .file import FileResult, Kind, load_file

PARALLEL_FROM = 400
"""Fewer files than this are read in this process: starting helpers would cost more."""


def load_files(
    root: Path,
    files: Sequence[tuple[Path, Kind]],
    private_terms: Sequence[str],
    *,
    use_cache: bool,
    records: bool = True,
) -> list[FileResult]:
    """The result of each of `files` (of the data folder at `root`), in order. Without
    `records` (a check, which needs only problems and facts), helper processes do not send
    the records back unless the cache keeps them; a file's records are then read again if
    asked for after all.

    A file that is a link to somewhere outside the data folder is not read.
    """
    paths = [path for path, _ in files]
    inside = root.resolve()
    # The walk never follows a linked folder, so only a linked file, or a linked
    # recommendations folder, can lead out of the data folder.
    folder_inside = {str(root): True}
    results: dict[int, FileResult] = {}
    to_read: list[int] = []
    stamps: dict[int, tuple[str, Stamp]] = {}
    cache = Cache.open(root, _context(private_terms)) if use_cache else None
    relatives = [relative_name(path, root) for path in paths] if cache is not None else []
    for index, path in enumerate(paths):
        name = str(path)
        folder = os.path.dirname(name)
        if folder not in folder_inside:
            folder_inside[folder] = is_inside(path.parent, inside)
        try:
            status: os.stat_result | None = os.lstat(name)
        except OSError:
            status = None  # reading it will say why
        if (status and stat.S_ISLNK(status.st_mode)) or not folder_inside[folder]:
            if not is_inside(path, inside):
                results[index] = _outside(path)
                continue
        elif cache is not None and status is not None:
            key = (relatives[index], stamp_of(status))
            cached = _from_cache(cache, *key, files[index], private_terms)
            if cached is not None:
                results[index] = cached
                continue
            stamps[index] = key
        to_read.append(index)
    read = _read_many(
        [files[i] for i in to_read], private_terms, packed=cache is not None, records=records
    )
    for index, (result, packed) in zip(to_read, read, strict=True):
        results[index] = result
        if cache is not None and packed is not None and index in stamps:
            cache.put(*stamps[index], *packed)
    if cache is not None:
        cache.keep_only(set(relatives))
        cache.save()
    return [results[index] for index in range(len(paths))]


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, following links, stays inside the (resolved) data folder."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links: reading it will say so
        return True


def _outside(path: Path) -> FileResult:
    problem = Problem.of(
        "link-outside",
        "this file is a link to a file outside the data folder; lcspr does not follow it",
        path,
        hint="copy the file into the data folder, or remove the link",
    )
    return FileResult((problem,), readable=False)


def _from_cache(
    cache: Cache,
    relative: str,
    stamp: Stamp,
    file: tuple[Path, Kind],
    private_terms: Sequence[str],
) -> FileResult | None:
    part = cache.get(relative, stamp)
    if part is None:
        return None
    records = partial(_cached_records, cache, relative, file, private_terms)
    try:
        return _unpack(part, records, file[0])
    except Exception:  # an entry lcspr cannot use, whatever the reason: read the file
        cache.discard(relative)
        return None


def _cached_records(
    cache: Cache, relative: str, file: tuple[Path, Kind], private_terms: Sequence[str]
) -> tuple[Located[Any], ...]:
    blob = cache.records(relative)
    if blob is not None:
        with contextlib.suppress(Exception):  # records lcspr cannot use: read the file
            return _records(blob, file)
    return load_file(*file, private_terms).records()


def _context(private_terms: Sequence[str]) -> str:
    """What a file's result depends on besides the file: the private terms looked for."""
    return hashlib.sha256("\n".join(private_terms).encode()).hexdigest()


def _read_many(
    files: Sequence[tuple[Path, Kind]],
    private_terms: Sequence[str],
    *,
    packed: bool,
    records: bool = True,
) -> list[tuple[FileResult, Packed | None]]:
    """Read `files`, sharing them out between every core when there are many. Each result
    comes with its packed form when it is to be cached, or was read by a helper (without
    its records when they are neither `records` wanted nor to be cached)."""

    def here(part: Sequence[tuple[Path, Kind]]) -> list[tuple[FileResult, Packed | None]]:
        return [_read_one(file, private_terms, packed, records) for file in part]

    cores = parallel.cores()
    if cores < 2 or len(files) < PARALLEL_FROM:
        return here(files)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return here(files)
    share = len(files) // cores
    chunk = max(50, (len(files) - share) // (4 * (cores - 1)))
    helped = files[share:]
    chunks = [helped[start : start + chunk] for start in range(0, len(helped), chunk)]
    try:
        with ProcessPoolExecutor(cores - 1, multiprocessing.get_context("fork")) as pool:
            send = records or packed
            futures = [pool.submit(_read_chunk, part, private_terms, send) for part in chunks]
            read = here(files[:share])
            for part, future in zip(chunks, futures, strict=True):
                read.extend(
                    (_unpack(checked, _later(file, blob, private_terms), file[0]), (checked, blob))
                    for file, (checked, blob) in zip(part, future.result(), strict=True)
                )
    except (OSError, RuntimeError):  # no helper could start, or one died: read here
        return here(files)
    return read


def _read_chunk(
    files: Sequence[tuple[Path, Kind]], private_terms: Sequence[str], records: bool
) -> list[Packed]:
    return [_pack(load_file(path, kind, private_terms), records) for path, kind in files]


def _later(
    file: tuple[Path, Kind], blob: bytes, private_terms: Sequence[str]
) -> Callable[[], tuple[Located[Any], ...]]:
    """A file's records from a helper, when asked for: decoded, or read again when the
    helper did not send them."""
    if blob:
        return partial(_records, blob, file)
    return lambda: load_file(*file, private_terms).records()


def _read_one(
    file: tuple[Path, Kind], private_terms: Sequence[str], packed: bool, records: bool
) -> tuple[FileResult, Packed | None]:
    """A file read here, with its packed form when it is to be cached. Without `records` (a
    check) only what a helper would have sent is kept, not the records nor the positions
    the file was parsed with: all of a large folder's would not fit in memory."""
    result = load_file(*file, private_terms)
    if records and not packed:
        return result, None
    pack = _pack(result, records=packed)
    if not records:
        result = _unpack(pack[0], _later(file, pack[1], private_terms), file[0])
    return result, pack if packed else None


Checked = tuple[tuple[Problem, ...], list[tuple[Any, DataPath]], frozenset[str], bool]
"""What checks need of a file's result: its problems, facts, unvalidated ids, and whether
it was readable."""
Packed = tuple[Checked, bytes]
"""A file's result, for the cache or from a helper: what checks need, as plain values, and
its records encoded apart, to be decoded only if asked for. Neither holds the file's
path, which whoever unpacks them knows."""


def _pack(result: FileResult, records: bool = True) -> Packed:
    from ..records import codec

    blob = b""
    if records:
        read = result.records()
        source = read[0].source.pack() if read else (b"", b"")
        blob = codec.encode(source, [(r.record, r.path) for r in read])
    facts = [(located.record, located.path) for located in result.facts]
    return (result.problems, facts, result.unvalidated, result.readable), blob


def _unpack(
    checked: Checked, records: Callable[[], tuple[Located[Any], ...]], path: Path
) -> FileResult:
    problems, facts, unvalidated, readable = checked
    source = reread_positions(path)
    return FileResult(
        # A file's own problems are all about it, wherever the folder was named from.
        tuple(p if p.file == path else replace(p, file=path) for p in problems),
        tuple(Located(record, source, at) for record, at in facts),
        unvalidated,
        readable,
        records,
    )


def _records(blob: bytes | memoryview, file: tuple[Path, Kind]) -> tuple[Located[Any], ...]:
    # Imported here: a check whose files all come from the cache decodes no records.
    from ..records import codec
    from ..records.models import Agency, Recommendation, Review

    path, kind = file
    held = Recommendation if kind == "recommendation" else Agency if kind == "agencies" else Review
    packed, records = codec.decode(held, blob)
    source = SourceMap.unpack(path, packed)
    return tuple(Located(record, source, at) for record, at in records)

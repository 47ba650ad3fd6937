"""Read the files of a data folder: parse each one and look in it for personal data.

This is the costly part of loading a folder, so an unchanged file's reading comes from
the cache (see `cache`) when it is on, and a large folder is read on every core: helper
processes read a share of the files each and hand back their readings pickled, which is
also the form the cache keeps. Either way the readings are the same as one process
reading every file, which a test checks.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import Cache, Stamp, stamp_of
from .privacy import check_privacy
from .problems import Problem
from .yamlsource import ParsedFile, SourceMap, read_yaml

PARALLEL_FROM = 400
"""Fewer files than this are read in this process: starting helpers would cost more."""


@dataclass(frozen=True)
class Reading:
    """One file as read: its data and source map, its YAML problems, and its privacy
    problems (kept apart: they do not stop its records being reported)."""

    parsed: ParsedFile
    privacy: tuple[Problem, ...] = ()


def read_file(path: Path, private_terms: Sequence[str]) -> Reading:
    parsed = read_yaml(path)
    privacy = (
        ()
        if parsed.data is None
        else tuple(check_privacy(parsed.data, parsed.source, parsed.text, private_terms))
    )
    return Reading(replace(parsed, text=""), privacy)


def read_files(
    root: Path, paths: Sequence[Path], private_terms: Sequence[str], *, use_cache: bool
) -> list[Reading]:
    """The reading of each of `paths` (files of the data folder at `root`), in order.

    A file that is a link to somewhere outside the data folder is not read.
    """
    inside = root.resolve()
    # The walk never follows a linked folder, so only a linked file, or a linked
    # recommendations folder, can lead out of the data folder.
    folder_inside = {str(root): True}
    prefix = len(str(root)) + 1
    readings: dict[int, Reading] = {}
    to_read: list[int] = []
    stamps: dict[int, tuple[str, Stamp]] = {}
    cache = Cache.open(root, _context(private_terms)) if use_cache else None
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
                readings[index] = _outside(path)
                continue
        elif cache is not None and status is not None:
            relative = name[prefix:].replace(os.sep, "/")
            cached = _from_cache(cache, relative, stamp_of(status), path)
            if cached is not None:
                readings[index] = cached
                continue
            stamps[index] = (relative, stamp_of(status))
        to_read.append(index)
    read = _read_many([paths[i] for i in to_read], private_terms, pickled=cache is not None)
    for index, (reading, blob) in zip(to_read, read, strict=True):
        readings[index] = reading
        if cache is not None and blob is not None and index in stamps:
            cache.put(*stamps[index], blob)
    if cache is not None:
        cache.keep_only({str(path)[prefix:].replace(os.sep, "/") for path in paths})
        cache.save()
    return [readings[index] for index in range(len(paths))]


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, following links, stays inside the (resolved) data folder."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links: reading it will say so
        return True


def _outside(path: Path) -> Reading:
    problem = Problem.of(
        "link-outside",
        "this file is a link to a file outside the data folder; lcspr does not follow it",
        path,
        hint="copy the file into the data folder, or remove the link",
    )
    return Reading(ParsedFile(None, SourceMap(path), (problem,)))


def _from_cache(cache: Cache, relative: str, stamp: Stamp, path: Path) -> Reading | None:
    blob = cache.get(relative, stamp)
    try:
        return None if blob is None else _unpickle(blob, path)
    except Exception:  # an entry lcspr cannot use, whatever the reason: read the file
        cache.discard(relative)
        return None


def _context(private_terms: Sequence[str]) -> str:
    """What readings depend on besides the file: the private terms looked for."""
    return hashlib.sha256("\n".join(private_terms).encode()).hexdigest()


def _read_many(
    paths: Sequence[Path], private_terms: Sequence[str], *, pickled: bool
) -> list[tuple[Reading, bytes | None]]:
    """Read `paths`, sharing them out between every core when there are many. Each reading
    comes with its pickled form when it is to be cached, or was read by a helper."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2 or len(paths) < PARALLEL_FROM:
        return [_read_one(path, private_terms, pickled) for path in paths]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return [_read_one(path, private_terms, pickled) for path in paths]
    share = len(paths) // cores
    chunk = max(50, (len(paths) - share) // (4 * (cores - 1)))
    helped = paths[share:]
    chunks = [helped[start : start + chunk] for start in range(0, len(helped), chunk)]
    try:
        with ProcessPoolExecutor(cores - 1, multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_read_chunk, part, private_terms) for part in chunks]
            read = [_read_one(path, private_terms, pickled) for path in paths[:share]]
            for part, future in zip(chunks, futures, strict=True):
                read.extend(
                    (_unpickle(blob, path), blob)
                    for path, blob in zip(part, future.result(), strict=True)
                )
    except (OSError, RuntimeError):  # no helper could start, or one died: read here
        return [_read_one(path, private_terms, pickled) for path in paths]
    return read


def _read_chunk(paths: Sequence[Path], private_terms: Sequence[str]) -> list[bytes]:
    return [_pickle(read_file(path, private_terms)) for path in paths]


def _read_one(
    path: Path, private_terms: Sequence[str], pickled: bool
) -> tuple[Reading, bytes | None]:
    reading = read_file(path, private_terms)
    return reading, _pickle(reading) if pickled else None


def _pickle(reading: Reading) -> bytes:
    """The reading without its file's path, which the one unpickling it knows."""
    parsed = reading.parsed
    state = (parsed.data, parsed.source.pack(), parsed.problems, reading.privacy)
    return pickle.dumps(state, pickle.HIGHEST_PROTOCOL)


def _unpickle(blob: bytes, path: Path) -> Reading:
    data, source, problems, privacy = pickle.loads(blob)
    return Reading(ParsedFile(data, SourceMap.unpack(path, source), problems), privacy)

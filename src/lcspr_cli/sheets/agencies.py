"""Agencies as a tracker names them, matched to agencies.yaml: by id, name or short name,
without case or punctuation ("Cumberland Council", "cumberland-council", "NENC ICB"), or by
the initials of the name when only one agency has them. A cell naming several agencies
(joint owners) is split at semicolons, line breaks, commas, slashes, and then "and" or
"&", as long as every part is an agency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msgspec import Struct

from ..wording import suggest


class Known(Struct, frozen=True):
    """An agency as the register gives it."""

    id: str
    name: str
    short_name: str | None = None

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.id})"


def agency_key(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and "))
    return " ".join(cleaned.split())


def initials(name: str) -> str:
    words = [w for w in agency_key(name).split() if w not in ("and", "of", "the", "for")]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


_SPLITS = (r"\s*(?:;|\n)\s*", r"\s*(?:,|/|\+)\s*", r"\s+(?:and|&)\s+")


class Agencies:
    """The agencies a tracker's cells may name."""

    def __init__(self, known: Iterable[Known]) -> None:
        self.known = list(known)
        self._matched: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._by_key: dict[str, str] = {}
        by_initials: dict[str, set[str]] = {}
        for agency in self.known:
            for form in (agency.id, agency.name, agency.short_name):
                if form:
                    self._by_key.setdefault(agency_key(form), agency.id)
            if initials(agency.name):
                by_initials.setdefault(initials(agency.name), set()).add(agency.id)
        for letters, ids in by_initials.items():
            if len(ids) == 1:
                self._by_key.setdefault(letters, next(iter(ids)))

    def add(self, agency: Known) -> None:
        self._matched.clear()
        self.known.append(agency)
        self._by_key[agency_key(agency.name)] = agency.id
        self._by_key[agency_key(agency.id)] = agency.id

    def one(self, text: str) -> str | None:
        return self._by_key.get(agency_key(text))

    def match(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ids of the agencies a cell names, and the parts of it that name none."""
        found = self._matched.get(text)
        if found is None:
            found = self._matched[text] = self._match(text)
        return found

    def _match(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        whole = self.one(text)
        if whole is not None:
            return (whole,), ()
        parts, levels = [text], []
        for pattern in _SPLITS:
            parts = [p for part in parts for p in re.split(pattern, part) if p.strip()]
            ids = [self.one(part) for part in parts]
            if all(ids):
                return tuple(dict.fromkeys(i for i in ids if i)), ()
            levels.append(parts)
        # "and" is in many names: what is unknown is said without splitting at it
        parts = levels[1]
        ids = [self.one(part) for part in parts]
        unknown = tuple(p.strip() for p, i in zip(parts, ids, strict=True) if i is None)
        return tuple(dict.fromkeys(i for i in ids if i)), unknown

    def hint(self, text: str) -> str:
        """The agency whose id, name or short name is nearest a name it does not know, as
        "did you mean ...?"; empty when none is near."""
        forms: dict[str, Known] = {}
        for agency in self.known:
            for form in (agency.id, agency.name, agency.short_name):
                if form:
                    forms[agency_key(form)] = agency
        close = suggest(agency_key(text), list(forms))
        return f"did you mean {forms[close].shown}?" if close else ""


def new_id(name: str, taken: Iterable[str]) -> str:
    """An agency id made from a name: lower-case words joined by hyphens, kept unique."""
    base = "-".join(agency_key(name).split())[:60].strip("-") or "agency"
    used = set(taken)
    ident, number = base, 2
    while ident in used:
        ident, number = f"{base}-{number}", number + 1
    return ident

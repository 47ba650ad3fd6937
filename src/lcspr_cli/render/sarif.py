"""A SARIF 2.1.0 log, for GitHub code scanning and the other tools that read SARIF.

The log is built from typed models of the parts lcspr writes: TypedDicts whose keys are
SARIF's own property names, so the log is `json.dumps` of them, and a property that SARIF
or GitHub requires and the code leaves out is a type error (mypy --strict), not a log
that an upload rejects. (pydantic models would be checked at run time only, and pydantic
is kept to records/; `sarif-om` has no type annotations for mypy to check.)

What GitHub requires beyond the schema is required here too: every result has a `ruleId`
and a location with a region and a `startLine` (a problem about a whole file is placed
at line 1, as in the GitLab report), and every rule a `fullDescription` and `help`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NotRequired, TypedDict
from urllib.parse import quote

from .. import __version__
from ..pipeline import CheckResult
from ..problems import CODES, Code, Problem, Severity, fingerprints
from . import json_text
from .code_docs import CODE_DOCS_BY_NAME, HOME_PAGE, CodeDoc, absolute, plain
from .problems import full_message, repository_path

Level = Literal["error", "warning", "note", "none"]
_LEVELS: dict[Severity, Level] = {Severity.ERROR: "error", Severity.WARNING: "warning"}


class Message(TypedDict):
    """SARIF §3.11 (a result's message) and §3.12 (a rule's descriptions and help)."""

    text: str
    markdown: NotRequired[str]


class ReportingConfiguration(TypedDict):
    level: Level


class ReportingDescriptor(TypedDict):
    """A rule (§3.49): one per problem code."""

    id: str
    name: str
    shortDescription: Message
    fullDescription: Message
    help: Message
    helpUri: str
    defaultConfiguration: ReportingConfiguration


class ToolComponent(TypedDict):
    name: str
    version: str
    semanticVersion: str
    informationUri: str
    rules: list[ReportingDescriptor]


class Tool(TypedDict):
    driver: ToolComponent


class ArtifactLocation(TypedDict):
    uri: str
    uriBaseId: str


class Region(TypedDict):
    startLine: int
    startColumn: NotRequired[int]


class PhysicalLocation(TypedDict):
    artifactLocation: ArtifactLocation
    region: Region


class Location(TypedDict):
    physicalLocation: PhysicalLocation


class Result(TypedDict):
    ruleId: str
    ruleIndex: int
    level: Level
    message: Message
    locations: list[Location]
    partialFingerprints: dict[str, str]


class Run(TypedDict):
    tool: Tool
    results: list[Result]


SarifLog = TypedDict("SarifLog", {"$schema": str, "version": Literal["2.1.0"], "runs": list[Run]})

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
"""The base of every file's uri: the top of the repository (see `render_sarif`)."""
FINGERPRINT = "lcsprProblem/v1"
"""Still v1: a problem alone of its kind keeps the value it had before alike problems were
counted (`problems.fingerprints`), so code scanning sees no old alert as new."""


def rule(code: Code) -> ReportingDescriptor:
    """A problem code as a rule, described and explained as docs/problems.md does."""
    # A code missing from the page fails tests/test_problems.py; its rule still has help.
    doc = CODE_DOCS_BY_NAME.get(code.name) or CodeDoc(
        code.name, "Problem codes", code.summary, "see docs/problems.md."
    )
    return {
        "id": code.name,
        "name": "".join(word.capitalize() for word in code.name.split("-")),
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": plain(doc.meaning), "markdown": absolute(doc.meaning)},
        "help": {
            "text": f"{plain(doc.meaning)}\n\nHow to fix it: {plain(doc.fix)}",
            "markdown": f"{absolute(doc.meaning)}\n\n**How to fix it:** {absolute(doc.fix)}",
        },
        "helpUri": doc.url,
        "defaultConfiguration": {"level": _LEVELS[code.severity]},
    }


def _location(problem: Problem, base: Path) -> Location:
    region: Region = {"startLine": problem.line or 1}
    if problem.line is not None and problem.column is not None:
        region["startColumn"] = problem.column
    uri = quote(repository_path(problem.file, base), safe="/")
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": SOURCE_ROOT},
            "region": region,
        }
    }


def sarif_log(result: CheckResult, base: Path, *, strict: bool = False) -> SarifLog:
    """The log of a check: every problem code a rule, every problem a result, its file
    named relative to `base` (the top of the repository, where there is one)."""
    rule_index = {code.name: index for index, code in enumerate(CODES)}
    prints = fingerprints(result.problems, result.dataset.root)
    results: list[Result] = [
        {
            "ruleId": p.code,
            "ruleIndex": rule_index[p.code],
            "level": "error" if strict else _LEVELS[p.severity],
            "message": {"text": full_message(p)},
            "locations": [_location(p, base)],
            "partialFingerprints": {FINGERPRINT: key},
        }
        for p, key in zip(result.problems, prints, strict=True)
    ]
    driver: ToolComponent = {
        "name": "lcspr",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": HOME_PAGE,
        "rules": [rule(code) for code in CODES],
    }
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def render_sarif(result: CheckResult, base: Path, *, strict: bool = False) -> str:
    """The SARIF log as JSON."""
    return json_text.dumps(sarif_log(result, base, strict=strict))

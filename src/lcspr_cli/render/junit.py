"""JUnit XML, the test report that Jenkins, GitLab (`artifacts:reports:junit`), Azure
DevOps and CircleCI show: one test case per data file, failed when the file has errors.

It is valid against the Apache Ant JUnit schema (Windy Road's `JUnit.xsd`, the one JUnit
tools validate against; the tests check it). That schema allows a test case one
`failure`, and Jenkins and Azure DevOps read only the first, so a file's failure lists
each of its errors on a line of its own, `file:line: code message`, with the hint
indented under it. Warnings, which do not fail a file, are the suite's `system-out`, one
line each in the same form; with `strict` they are failures like the errors.

The report is the same however often it is made: its timestamp is the as-of day, its
times are 0 and its host is `localhost`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..pipeline import CheckResult
from ..problems import Problem
from ..wording import plural
from .problems import repository_path
from .safe import clean

SUITE = "lcspr check"


def render_junit(result: CheckResult, base: Path, as_of: date, *, strict: bool = False) -> str:
    """The check as a JUnit XML document, files named relative to `base`."""
    by_file: defaultdict[Path, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_file[problem.file].append(problem)
    files = sorted(
        {_xml_text(repository_path(f, base)): f for f in (*result.dataset.files, *by_file)}.items()
    )
    suite = ET.Element("testsuite")
    ET.SubElement(suite, "properties")
    failed = 0
    for name, file in files:
        case = ET.SubElement(suite, "testcase", name=name, classname="lcspr", time="0")
        failures = [p for p in by_file[file] if p.is_error or strict]
        if failures:
            failed += 1
            failure = ET.SubElement(
                case,
                "failure",
                type="lcspr",
                message=f"{plural(len(failures), 'error')}: "
                + ", ".join(dict.fromkeys(p.code for p in failures)),
            )
            failure.text = _lines(failures, base)
    warnings = [p for p in result.problems if not (p.is_error or strict)]
    ET.SubElement(suite, "system-out").text = _lines(warnings, base)
    ET.SubElement(suite, "system-err")
    suite.attrib.update(
        name=SUITE,
        package="lcspr",
        id="0",
        timestamp=f"{as_of.isoformat()}T00:00:00",
        hostname="localhost",
        tests=str(len(files)),
        failures=str(failed),
        errors="0",
        time="0",
    )
    suites = ET.Element("testsuites")
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _lines(problems: Iterable[Problem], base: Path) -> str:
    """Each problem as `file:line: code message`, its hint indented on the next line."""
    lines = []
    for p in problems:
        lines.append(f"{repository_path(p.file, base)}:{p.line or 1}: {p.code} {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    return _xml_text("\n".join(lines))


def _xml_text(text: str) -> str:
    """`text` with what XML 1.0 cannot hold shown as escapes: the controls `clean`
    escapes, and the two noncharacters U+FFFE and U+FFFF."""
    return clean(text).replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")

"""JUnit XML, for CI systems that show test results: a testsuite per event.

JUnit allows one ``<failure>`` per testcase, so each discrepancy is its own testcase, named
by its topic and fingerprint (stable across runs, so CI test history follows a finding),
with a ``<failure type="major|minor">``. An event without discrepancies holds one passing
testcase, "event checked"; each file that could not be read is a testcase with an
``<error>``. The severity is in ``type``: whether a minor one should fail the build is
``--fail-on``'s business, not this file's.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from factcheck.models import Article, Claim, Discrepancy, Report
from factcheck.report.locations import Locator, display_path, side_claims

# characters XML 1.0 cannot hold even escaped (form feeds and vertical tabs do occur in text)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(report: Report) -> str:
    return render_junit_batch([report])


def render_junit_batch(reports: Iterable[Report]) -> str:
    """One ``<testsuites>`` document with a ``<testsuite>`` per report."""
    root = ET.Element("testsuites", name="factcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for report in reports:
        suite = _suite(report)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report: Report) -> ET.Element:
    classname = f"factcheck.{report.event}"
    suite = ET.Element("testsuite", name=_clean(report.event))
    if report.generated:
        suite.set("timestamp", report.generated)
    properties = ET.SubElement(suite, "properties")
    for name, value in (("articles", len(report.articles)), ("claims", len(report.claims)),
                        ("source", report.source_dir)):
        ET.SubElement(properties, "property", name=name, value=_clean(str(value)))
    locator = Locator(report.articles)
    claims = {c.id: c for c in report.claims}
    articles = {a.id: a for a in report.articles}
    for d in report.discrepancies:
        case = ET.SubElement(suite, "testcase", name=_clean(f"{d.topic} [{d.fingerprint or d.id}]"),
                             classname=_clean(classname))
        failure = ET.SubElement(case, "failure", type=d.severity, message=_clean(d.explanation))
        failure.text = _clean(_details(d, claims, articles, locator))
    for problem in report.problems:
        case = ET.SubElement(suite, "testcase", name=_clean(f"read {display_path(problem.path)}"),
                             classname=_clean(classname))
        ET.SubElement(case, "error", type="unreadable", message=_clean(problem.reason))
    if not report.discrepancies:
        ET.SubElement(suite, "testcase", name="event checked", classname=_clean(classname))
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(len(report.discrepancies)))
    suite.set("errors", str(len(report.problems)))
    suite.set("skipped", "0")
    return suite


def _details(d: Discrepancy, claims: dict[str, Claim], articles: dict[str, Article],
             locator: Locator) -> str:
    """Who says what, where: one line a claim, grouped by side."""
    lines = [f"{d.severity} {d.kind} discrepancy {d.id}: {d.topic}"]
    if d.changed_over_time:
        lines.append("(the figures changed over time)")
    for number, claim, article in side_claims(d, claims, articles):
        region = locator.region(claim)
        where = display_path(article.path)
        if region is not None:
            where += f":{region.start_line}:{region.start_column}"
        sentence = " ".join(claim.sentence.split())
        lines.append(f'side {number}: {article.outlet} says "{claim.quote}" ({where})')
        lines.append(f"    {sentence}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


__all__ = ["render_junit", "render_junit_batch"]

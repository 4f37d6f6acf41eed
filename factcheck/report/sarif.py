"""SARIF 2.1.0: discrepancies as static-analysis results, for GitHub code scanning and SARIF viewers.

One run per file, whatever the number of events (code scanning refuses several runs of one
tool in one upload): a rule per claim kind (``FC-QUANTITY``, ``FC-DATE``, ``FC-TIME``), a
result per discrepancy located at each of its claims, and the discrepancy's fingerprint as
``partialFingerprints["factcheck/v1"]`` so an alert keeps its identity across runs.
Files that could not be read are tool execution notifications.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from factcheck import __version__
from factcheck.models import Article, Claim, Discrepancy, Report
from factcheck.report.locations import Locator, Region, artifact_uri, side_claims

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {"major": "error", "minor": "warning"}

RULES: dict[str, tuple[str, str]] = {
    # kind: (rule name, what a result of the rule means)
    "quantity": ("ConflictingQuantity", "Articles on one event give different numbers for the same fact"),
    "date": ("ConflictingDate", "Articles on one event give different dates for the same fact"),
    "time": ("ConflictingTime", "Articles on one event give different clock times for the same fact"),
}


def rule_id(kind: str) -> str:
    """The stable rule id of a claim kind: ``quantity`` -> ``FC-QUANTITY``."""
    return f"FC-{kind.upper()}"


def render_sarif(report: Report) -> str:
    return render_sarif_batch([report])


def render_sarif_batch(reports: Iterable[Report]) -> str:
    """One SARIF log with one run holding the results of every report."""
    return json.dumps(sarif_log(list(reports)), ensure_ascii=False, indent=2) + "\n"


def sarif_log(reports: list[Report]) -> dict[str, Any]:
    kinds = list(RULES)
    kinds += sorted({d.kind for r in reports for d in r.discrepancies} - set(kinds))
    index = {kind: i for i, kind in enumerate(kinds)}
    results = []
    notifications = []
    for report in reports:
        locator = Locator(report.articles)
        claims = {c.id: c for c in report.claims}
        articles = {a.id: a for a in report.articles}
        for d in report.discrepancies:
            results.append(_result(report.event, d, index[d.kind], claims, articles, locator))
        for problem in report.problems:
            notifications.append({
                "level": "error",
                "message": {"text": f"skipped: {problem.reason}"},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(problem.path)}}],
            })
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "factcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(kind) for kind in kinds],
        }},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {"events": [r.event for r in reports]},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(kind: str) -> dict[str, Any]:
    name, text = RULES.get(kind, (f"Conflicting{kind.title()}",
                                  f"Articles on one event disagree on a {kind} claim"))
    return {
        "id": rule_id(kind),
        "name": name,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text + " (a discrepancy found by comparing their claims)."},
        "defaultConfiguration": {"level": "error"},
        "help": {"text": "Check which outlet is right, or record the finding as accepted with "
                         "`factcheck baseline` so scheduled runs report only new ones."},
        "properties": {"tags": ["factcheck", kind]},
    }


def _result(event: str, d: Discrepancy, rule_index: int, claims: dict[str, Claim],
            articles: dict[str, Article], locator: Locator) -> dict[str, Any]:
    locations = [{
        "physicalLocation": {
            "artifactLocation": _artifact(article.path),
            "region": _region(locator.region(claim), claim),
        },
        "message": {"text": f'{article.outlet} (side {side_number}) says "{claim.quote}"'},
    } for side_number, claim, article in side_claims(d, claims, articles)]
    result: dict[str, Any] = {
        "ruleId": rule_id(d.kind),
        "ruleIndex": rule_index,
        "level": LEVELS.get(d.severity, "warning"),
        "message": {"text": d.explanation},
        "locations": locations,
        "properties": {
            "event": event, "discrepancy": d.id, "severity": d.severity, "topic": d.topic,
            "sides": [list(side) for side in d.sides], "changedOverTime": d.changed_over_time,
        },
    }
    if d.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: d.fingerprint}
    return result


def _artifact(path: str) -> dict[str, str]:
    uri, relative = artifact_uri(path)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _region(region: Region | None, claim: Claim) -> dict[str, Any]:
    if region is None:  # the quote is not verbatim in the file (markup, JSON escapes)
        return {"startLine": 1}
    return {"startLine": region.start_line, "startColumn": region.start_column,
            "endLine": region.end_line, "endColumn": region.end_column,
            "snippet": {"text": claim.quote}}


__all__ = ["FINGERPRINT_KEY", "render_sarif", "render_sarif_batch", "rule_id", "sarif_log"]

"""The JSON report exactly as CONTRACT.md fixes it (schema factcheck/report-v1), plus extras."""

from __future__ import annotations

import json
from typing import Any

from factcheck.models import Article, Claim, Discrepancy, Report

SCHEMA = "factcheck/report-v1"


def article_to_dict(a: Article) -> dict[str, Any]:
    return {"id": a.id, "path": a.path, "outlet": a.outlet, "title": a.title,
            "published": a.published_iso(), "url": a.url}


def claim_to_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "article": c.article, "kind": c.kind, "quote": c.quote,
        "sentence": c.sentence, "start": c.start, "end": c.end, "low": c.low, "high": c.high,
        "unit": c.unit, "subject": c.subject, "value": c.value, "qualifier": c.qualifier,
        "dimension": c.dimension, "stated_unit": c.stated_unit, "granularity": c.granularity,
        "noun": c.noun,
    }


def discrepancy_to_dict(d: Discrepancy) -> dict[str, Any]:
    return {
        "id": d.id, "kind": d.kind, "severity": d.severity, "topic": d.topic,
        "sides": [list(side) for side in d.sides], "explanation": d.explanation,
        "fingerprint": d.fingerprint, "changed_over_time": d.changed_over_time,
        "relative_difference": d.relative_difference, "syndicated": list(d.syndicated),
        "confidence": d.confidence, "compatible": list(d.compatible),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "event": report.event,
        "generated": report.generated,
        "articles": [article_to_dict(a) for a in report.articles],
        "claims": [claim_to_dict(c) for c in report.claims],
        "discrepancies": [discrepancy_to_dict(d) for d in report.discrepancies],
        "counts": report.counts(),
        "syndication": [{"copy": c, "original": o} for c, o in report.syndication],
        "problems": [{"path": p.path, "reason": p.reason} for p in report.problems],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"

"""CSV: one row per claim, with the discrepancy and side it belongs to, through pandas."""

from __future__ import annotations

import pandas as pd

from factcheck.models import Report

COLUMNS = ["event", "claim", "article", "outlet", "published", "kind", "quote", "low", "high",
           "unit", "subject", "start", "end", "discrepancy", "severity", "side", "topic", "sentence"]


def claims_frame(report: Report) -> pd.DataFrame:
    """The report's claims as a DataFrame (one row per claim), for notebooks and CSV."""
    placed: dict[str, tuple[str, str, int, str]] = {}
    empty: tuple[str, str, int, str] = ("", "", 0, "")
    for d in report.discrepancies:
        for i, side in enumerate(d.sides, 1):
            for cid in side:
                placed[cid] = (d.id, d.severity, i, d.topic)
    articles = {a.id: a for a in report.articles}
    rows = []
    for c in report.claims:
        article = articles.get(c.article)
        d_id, severity, side_no, topic = placed.get(c.id, empty)
        rows.append({
            "event": report.event, "claim": c.id, "article": c.article,
            "outlet": article.outlet if article else "",
            "published": article.published_iso() if article else None,
            "kind": c.kind, "quote": c.quote, "low": c.low, "high": c.high, "unit": c.unit,
            "subject": c.subject, "start": c.start, "end": c.end, "discrepancy": d_id,
            "severity": severity, "side": side_no or None, "topic": topic, "sentence": c.sentence,
        })
    return pd.DataFrame(rows, columns=COLUMNS).astype({"low": "object", "high": "object", "side": "Int64"})


def render_csv(report: Report) -> str:
    return str(claims_frame(report).to_csv(index=False, lineterminator="\n"))

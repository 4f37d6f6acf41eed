"""The terminal report: what a person reads first, one discrepancy a block."""

from __future__ import annotations

import textwrap

from factcheck.models import Claim, Report


def render_text(report: Report) -> str:
    counts = report.counts()
    lines = [
        f"== factcheck: {report.event}",
        f"{len(report.articles)} articles, {len(report.claims)} claims, "
        f"{len(report.discrepancies)} discrepancies ({counts['major']} major, {counts['minor']} minor)",
    ]
    for copy, original in report.syndication:
        lines.append(f"  note: {copy} is a copy of {original} (not counted as independent)")
    for problem in report.problems:
        lines.append(f"  skipped {problem}")
    claims = {c.id: c for c in report.claims}
    articles = {a.id: a for a in report.articles}

    def outlet(c: Claim) -> str:
        return articles[c.article].outlet if c.article in articles else c.article

    for d in report.discrepancies:
        mark = " [changed over time]" if d.changed_over_time else ""
        lines.append("")
        lines.append(f"{d.id} {d.severity.upper():5} {d.topic}{mark}")
        lines.append(textwrap.fill(d.explanation, 96, initial_indent="   ", subsequent_indent="   "))
        for i, side in enumerate(d.sides, 1):
            for cid in side:
                c = claims[cid]
                sentence = " ".join(c.sentence.split())
                if len(sentence) > 110:
                    sentence = sentence[:107] + "..."
                lines.append(f"   {i}. {outlet(c)}: \"{c.quote}\"  ({sentence})")
        for cid in d.compatible:
            c = claims[cid]
            lines.append(f"   also {outlet(c)}: \"{c.quote}\"  (fits more than one side)")
    if not report.discrepancies:
        lines.append("")
        lines.append("No discrepancies found.")
    return "\n".join(lines) + "\n"

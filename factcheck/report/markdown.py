"""GitHub-flavoured Markdown: a summary for ``$GITHUB_STEP_SUMMARY``, pull requests and issues.

Counts, then a table of discrepancies (severity, kind, topic, who says what). Article text
is untrusted: every piece of it is escaped so it shows as written and never turns into
markup, links, HTML or extra table cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcheck.models import Article, Claim, Discrepancy, Report
from factcheck.report.locations import display_path

SEVERITY_MARKS = {"major": "🔴 major", "minor": "🟡 minor"}
QUOTE_CHARS = 80

# punctuation that starts inline markup in GFM (emphasis, code, links, strikethrough, math,
# e-mail autolinks, #issue references, cell borders); a backslash makes each literal
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]!|~@$#])")
_URL_SCHEME = re.compile(r":(?=//)")  # "https://..." would become a link
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(text: str) -> str:
    """Text that renders as itself in GFM, on one line and inside a table cell."""
    text = _CONTROL.sub(" ", " ".join(text.split()))
    text = _URL_SCHEME.sub(r"\\:", _MARKDOWN_SPECIAL.sub(r"\\\1", text))
    return "".join(_HTML.get(ch, ch) for ch in text)


def render_markdown(report: Report) -> str:
    return "\n".join(_event_section(report, level=2)) + "\n"


def render_markdown_batch(reports: Iterable[Report]) -> str:
    """One summary for several events: an overview table, then a section per event."""
    reports = list(reports)
    lines = ["## factcheck", "", "| Event | Articles | Major | Minor | Skipped files |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for report in reports:
        counts = report.counts()
        lines.append(f"| {escape(report.event)} | {len(report.articles)} | {counts['major']} | "
                     f"{counts['minor']} | {len(report.problems)} |")
    for report in reports:
        lines.append("")
        lines.extend(_event_section(report, level=3))
    return "\n".join(lines) + "\n"


def _event_section(report: Report, level: int) -> list[str]:
    counts = report.counts()
    total = len(report.discrepancies)
    lines = [
        f"{'#' * level} factcheck: {escape(report.event)}",
        "",
        f"**{len(report.articles)}** articles, **{len(report.claims)}** claims, "
        f"**{total}** {'discrepancy' if total == 1 else 'discrepancies'} "
        f"({counts['major']} major, {counts['minor']} minor)",
    ]
    if report.problems:
        lines.append("")
        lines.append(f"> [!WARNING]\n> {len(report.problems)} file(s) could not be read:")
        for problem in report.problems:
            lines.append(f"> - `{_code(display_path(problem.path))}`: {escape(problem.reason)}")
    if report.discrepancies:
        claims = {c.id: c for c in report.claims}
        articles = {a.id: a for a in report.articles}
        lines += ["", "| # | Severity | Kind | Topic | Who says what |", "| --- | --- | --- | --- | --- |"]
        for d in report.discrepancies:
            lines.append(_row(d, claims, articles))
    else:
        lines += ["", "No discrepancies found."]
    if report.syndication:
        lines.append("")
        copies = ", ".join(f"{escape(c)} (copy of {escape(o)})" for c, o in report.syndication)
        lines.append(f"Syndicated copies, not counted as independent: {copies}")
    return lines


def _row(d: Discrepancy, claims: dict[str, Claim], articles: dict[str, Article]) -> str:
    topic = escape(d.topic) + (" *(changed over time)*" if d.changed_over_time else "")
    sides = []
    for side in d.sides:
        outlets: list[str] = []
        quotes: list[str] = []
        for claim_id in side:
            claim = claims.get(claim_id)
            if claim is None:
                continue
            article = articles.get(claim.article)
            outlet = article.outlet if article else claim.article
            if outlet not in outlets:
                outlets.append(outlet)
            if claim.quote not in quotes:
                quotes.append(claim.quote)
        said = " / ".join(f"“{escape(_shorten(q))}”" for q in quotes)
        sides.append(f"**{', '.join(escape(o) for o in outlets)}**: {said}")
    severity = SEVERITY_MARKS.get(d.severity, escape(d.severity))
    return f"| {escape(d.id)} | {severity} | {escape(d.kind)} | {topic} | {'<br>'.join(sides)} |"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + "…"


def _code(text: str) -> str:
    """Text for inside a code span: backticks cannot be escaped there, and | would split a cell."""
    return " ".join(text.split()).replace("`", "'").replace("|", "¦")


__all__ = ["escape", "render_markdown", "render_markdown_batch"]

"""GitHub Actions annotations: one workflow command a line, for each claim of each discrepancy.

    ::error file=PATH,line=L,col=C,endColumn=E,title=TITLE::MESSAGE

``error`` for a major discrepancy, ``warning`` for a minor one; skipped files are a
``warning`` on the file. Lines and columns are the quote's place in the file (front matter
counted, see :mod:`factcheck.report.locations`); ``endColumn`` is the quote's last
character, as GitHub counts it. When the quote cannot be found in the file the
annotation points at line 1. GitHub shows at most a few annotations of each level per
step, so major discrepancies come first.
"""

from __future__ import annotations

from factcheck.models import Claim, Discrepancy, Report
from factcheck.report.locations import Locator, Region, display_path

LEVELS = {"major": "error", "minor": "warning"}


def render_github(report: Report) -> str:
    locator = Locator(report.articles)
    claims = {c.id: c for c in report.claims}
    articles = {a.id: a for a in report.articles}
    lines = []
    ordered = sorted(report.discrepancies, key=lambda d: d.severity != "major")
    for d in ordered:
        level = LEVELS.get(d.severity, "warning")
        title = f"factcheck: {d.severity} {d.kind} discrepancy: {d.topic}"
        for side in d.sides:
            for claim_id in side:
                claim = claims.get(claim_id)
                if claim is None:
                    continue
                article = articles.get(claim.article)
                path, outlet = (article.path, article.outlet) if article else ("", claim.article)
                message = _message(report.event, d, claim, outlet)
                lines.append(_command(level, _position(path, locator.region(claim)), title, message))
    for problem in report.problems:
        lines.append(_command("warning", {"file": display_path(problem.path)},
                              "factcheck: file skipped", problem.reason))
    return "".join(line + "\n" for line in lines)


def _message(event: str, d: Discrepancy, claim: Claim, outlet: str) -> str:
    mark = " (changed over time)" if d.changed_over_time else ""
    return f'{outlet} says "{claim.quote}"{mark}. {d.explanation} [{event} {d.id}, {d.fingerprint}]'


def _position(path: str, region: Region | None) -> dict[str, str | int]:
    if not path:
        return {}
    props: dict[str, str | int] = {"file": display_path(path)}
    if region is None:
        props["line"] = 1
        return props
    props["line"] = region.start_line
    if region.end_line != region.start_line:
        # GitHub takes columns only for an annotation on a single line
        props["endLine"] = region.end_line
        return props
    props["col"] = region.start_column
    props["endColumn"] = max(region.start_column, region.end_column - 1)
    return props


def _command(level: str, props: dict[str, str | int], title: str, message: str) -> str:
    fields = [f"{key}={escape_property(str(value))}" for key, value in props.items()]
    fields.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(fields)}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A message as @actions/core escapes it: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, plus ``:`` and ``,`` which end properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


__all__ = ["escape_data", "escape_property", "render_github"]

"""The stages in order: load -> extract -> align -> compare -> Report.

    check_event(folder, settings) -> Report      one event folder
    check(path, settings) -> list[Report]        a folder of articles, or a folder of event folders
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck.align import align
from factcheck.compare import compare
from factcheck.config import Settings
from factcheck.errors import SourceError
from factcheck.models import Article, Claim, Problem, Report
from factcheck.runner import extract_all
from factcheck.sources import find_events, load_event
from factcheck.syndication import find_copies


def analyse(event: str, articles: list[Article], settings: Settings | None = None,
            problems: tuple = (), source_dir: str = "") -> Report:
    """Extract, align and compare already-loaded articles (the library entry point for notebooks)."""
    settings = settings or Settings()
    articles = [a for a in articles if a.outlet not in settings.ignore_outlets]
    # 1. extract (through the cache when one is set; over processes for a big event)
    claims: list[Claim] = extract_all(articles, settings)
    # 2. syndicated copies
    copies = find_copies(articles, settings.syndication_threshold)
    # 3. align
    groups = align(claims, settings)
    # 4. compare
    discrepancies = compare(groups, articles, event, settings, copies, claims)
    if settings.ignore_topics:
        discrepancies = [d for d in discrepancies
                         if not any(t.lower() in d.topic.lower() for t in settings.ignore_topics)]
    return Report(
        event=event, articles=tuple(articles), claims=tuple(claims),
        discrepancies=tuple(discrepancies), problems=tuple(problems),
        syndication=tuple(sorted(copies.items())), source_dir=source_dir,
        generated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


def check_event(folder: Path, settings: Settings | None = None) -> Report:
    """Check one event folder.

    An event that cannot be checked (unreadable folder, fewer than two readable articles)
    gives a report with ``error`` set and no claims, so a batch can go on with the others;
    :func:`check` raises it as a :class:`SourceError` instead.
    """
    settings = settings or Settings()
    event = folder.resolve().name
    try:
        articles, problems = load_event(folder, settings)
    except SourceError as exc:
        return Report(event, (), (), (), (Problem(str(folder), exc.reason),), source_dir=str(folder),
                      error=str(exc))
    if len(articles) < 2:
        detail = f"; {len(problems)} unreadable (first: {problems[0]})" if problems else ""
        reason = f"needs at least two readable articles, found {len(articles)}{detail}"
        return Report(event, tuple(articles), (), (), tuple(problems), source_dir=str(folder),
                      error=str(SourceError(folder, reason)))
    return analyse(event, articles, settings, tuple(problems), str(folder))


def check(path: Path, settings: Settings | None = None) -> list[Report]:
    """Check a folder of articles (one event) or a folder of event folders (one report each).

    Raises :class:`SourceError` for the first event that cannot be checked.
    """
    reports = [check_event(folder, settings) for folder in find_events(path)]
    for report in reports:
        if report.error:
            raise SourceError(report.source_dir, report.error.split(": ", 1)[-1])
    return reports

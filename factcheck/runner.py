"""Running many events: serially, over local processes (--jobs), with a progress bar.

Every executor maps the same per-event function and returns reports in event order, so
the output is identical whatever runs it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from factcheck.config import Settings
from factcheck.models import Report
from factcheck.pipeline import check_event


def _check(args: tuple[Path, Settings]) -> Report:
    return check_event(*args)


def run_events(events: Sequence[Path], settings: Settings, progress: bool = True) -> list[Report]:
    """One report per event folder, in the order given."""
    work = [(event, settings) for event in events]
    jobs = min(settings.jobs, len(work)) if settings.jobs > 1 else 1
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results: Iterator[Report] = pool.map(_check, work, chunksize=max(1, len(work) // (jobs * 8)))
            return list(_progress(results, len(work), progress))
    return list(_progress(map(_check, work), len(work), progress))


def _progress(results: Iterator[Report], total: int, enabled: bool) -> Iterator[Report]:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""
    if not enabled or total < 3 or not sys.stderr.isatty():
        yield from results
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("checking events", total=total)
        for report in results:
            bar.advance(task)
            yield report


Runner = Callable[[Sequence[Path], Settings], list[Report]]

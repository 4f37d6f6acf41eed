"""Running the pipeline at scale: many events over local processes (--jobs) or a dask cluster,
and one big event's extraction over its articles.

    run_events(events, settings, progress, executor, scheduler) -> list[Report]
    extract_all(articles, settings, jobs) -> list[Claim]

Every executor maps the same per-event function and returns reports in event order, and
parallel extraction returns claims in article order, so the output is identical whatever
runs it. An event's work never starts processes of its own when events already run in
parallel (its settings get ``jobs=1``).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Literal

from factcheck.cache import cached_extract
from factcheck.config import Settings
from factcheck.errors import ConfigError, FactcheckError, SourceError
from factcheck.models import Article, Claim, Report

Executor = Literal["local", "dask"]
EXECUTORS: tuple[str, ...] = ("local", "dask")
# below this many articles, starting processes costs more than extracting in this one
PARALLEL_EXTRACTION_MIN = 40


def run_events(events: Sequence[Path], settings: Settings, progress: bool = True,
               executor: str = "local", scheduler: str | None = None) -> list[Report]:
    """One report per event folder, in the order given.

    ``executor="local"`` runs events in this process, or over ``settings.jobs`` processes;
    ``executor="dask"`` maps them over a dask.distributed cluster: the one at ``scheduler``
    (an address such as ``tcp://host:8786``; its workers must see the same paths and have
    factcheck installed), else a LocalCluster of ``settings.jobs`` worker processes.
    A single event with ``jobs > 1`` runs here and parallelises its extraction instead.
    """
    if executor not in EXECUTORS:
        raise ConfigError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
    if scheduler and executor != "dask":
        raise ConfigError("a scheduler address needs the dask executor")
    if executor == "dask":
        return _dask_run(events, settings.replace(jobs=1), settings.jobs, progress, scheduler)
    jobs = min(settings.jobs, len(events))
    if jobs > 1:
        work = [(event, settings.replace(jobs=1)) for event in events]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(_check_portable, work, chunksize=max(1, len(work) // (jobs * 8)))
            return _unwrap(_progress(results, len(work), progress))
    return list(_progress(map(_check, [(event, settings) for event in events]), len(events), progress))


def extract_all(articles: Sequence[Article], settings: Settings, jobs: int | None = None) -> list[Claim]:
    """The extract stage for one event: every article's claims, in article order.

    Uses the extraction cache when ``settings.cache_dir`` is set. With ``jobs`` (default
    ``settings.jobs``) above 1 and enough articles, articles are spread over processes;
    the claims are the same as extracting them one after another.
    """
    jobs = settings.jobs if jobs is None else jobs
    if jobs <= 1 or len(articles) < PARALLEL_EXTRACTION_MIN:
        return [claim for article in articles for claim in cached_extract(article, settings)]
    work = [(article, settings) for article in articles]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        per_article = pool.map(_extract, work, chunksize=max(1, len(work) // (jobs * 4)))
        return [claim for claims in per_article for claim in claims]


def _extract(args: tuple[Article, Settings]) -> list[Claim]:
    return cached_extract(*args)


def _check(args: tuple[Path, Settings]) -> Report:
    # imported here: the pipeline imports extract_all from this module
    from factcheck.pipeline import check_event

    return check_event(*args)


@dataclasses.dataclass(frozen=True)
class _Failed:
    """A FactcheckError raised in a worker, carried back as plain values: SourceError
    takes (path, reason) and so does not survive pickling as an exception."""

    error: type[FactcheckError]
    args: tuple[Any, ...]

    def rebuild(self) -> FactcheckError:
        return self.error(*self.args)


def _check_portable(args: tuple[Path, Settings]) -> Report | _Failed:
    try:
        return _check(args)
    except SourceError as exc:
        return _Failed(type(exc), (exc.path, exc.reason))
    except FactcheckError as exc:
        return _Failed(type(exc), exc.args)


def _unwrap(results: Iterable[Report | _Failed]) -> list[Report]:
    """Reports in order; the first failure (in event order, as a serial run) is raised."""
    reports = []
    for result in results:
        if isinstance(result, _Failed):
            raise result.rebuild()
        reports.append(result)
    return reports


def _dask_run(events: Sequence[Path], settings: Settings, workers: int, progress: bool,
              scheduler: str | None) -> list[Report]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("the dask executor needs dask.distributed: pip install 'factcheck[dask]'") from None
    import logging

    # workers need not share our working directory: send absolute paths, report them as given
    absolute = [Path(os.path.abspath(event)) for event in events]
    work = [(event, settings) for event in absolute]
    if scheduler:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None
        cluster = None
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        keys = [f"factcheck-event-{i}" for i in range(len(work))]
        futures = client.map(_check_portable, work, key=keys, pure=False)
        results = (_as_given(future.result(), there, here)
                   for future, there, here in zip(futures, absolute, events, strict=True))
        return _unwrap(_progress(results, len(work), progress))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _as_given(result: Report | _Failed, absolute: Path, given: Path) -> Report | _Failed:
    """``result`` with the file paths a run on ``given`` (as the caller wrote it) would show."""
    if absolute == given:
        return result

    def local(path: str) -> str:
        try:
            return str(given / Path(path).relative_to(absolute))
        except ValueError:
            return path

    if isinstance(result, _Failed):
        if issubclass(result.error, SourceError):
            return dataclasses.replace(result, args=(local(result.args[0]), *result.args[1:]))
        return result
    where, colon, why = result.error.partition(": ")  # "<folder>: <reason>"
    return dataclasses.replace(
        result, source_dir=local(result.source_dir), error=local(where) + colon + why if colon else result.error,
        articles=tuple(dataclasses.replace(a, path=local(a.path)) for a in result.articles),
        problems=tuple(dataclasses.replace(p, path=local(p.path)) for p in result.problems))


def _progress(results: Iterable[Any], total: int, enabled: bool) -> Iterator[Any]:
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


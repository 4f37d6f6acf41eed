"""Running at scale gives the same reports as running serially; the extraction cache is exact.

No timings here: speed is the benchmark's business (benchmarks/bench.py).
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import pytest

from factcheck import cache as cache_module
from factcheck import runner
from factcheck.config import Settings
from factcheck.errors import ConfigError, SourceError
from factcheck.models import Article, Claim, Report
from factcheck.report.json import render_json
from factcheck.sources import find_events, load_event

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"


def _json(reports: list[Report]) -> list[dict[str, Any]]:
    """The JSON reports without their time stamp, the one field allowed to differ."""
    out = []
    for report in reports:
        data = json.loads(render_json(report))
        data.pop("generated")
        out.append(data)
    return out


@pytest.fixture(name="events")
def events_fixture(tmp_path: Path) -> list[Path]:
    """The bundled events, twice over, so that two workers each get several."""
    for copy in ("a", "b"):
        for event in find_events(SOURCES):
            shutil.copytree(event, tmp_path / copy / event.name)
    return sorted(p for copy in ("a", "b") for p in (tmp_path / copy).iterdir())


@pytest.fixture(name="big_event")
def big_event_fixture() -> list[Article]:
    return [a for event in find_events(SOURCES) for a in load_event(event)[0]]


def test_jobs_2_reports_as_serial(events: list[Path]) -> None:
    serial = runner.run_events(events, Settings(jobs=1), progress=False)
    parallel = runner.run_events(events, Settings(jobs=2), progress=False)
    assert [r.event for r in parallel] == [e.name for e in events]
    assert _json(parallel) == _json(serial)


def test_parallel_extraction_is_serial_extraction(big_event: list[Article],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "PARALLEL_EXTRACTION_MIN", 2)  # the bundled events are small
    serial = runner.extract_all(big_event, Settings(), jobs=1)
    parallel = runner.extract_all(big_event, Settings(), jobs=2)
    assert parallel == serial


def _lonely_event(tmp_path: Path) -> Path:
    folder = tmp_path / "lonely"
    folder.mkdir()
    shutil.copy(next(p for p in find_events(SOURCES)[0].iterdir() if p.suffix == ".md"), folder)
    return folder


def test_an_unusable_event_reports_the_same_whatever_runs_it(events: list[Path], tmp_path: Path) -> None:
    batch = [*events[:2], _lonely_event(tmp_path), *events[2:]]
    serial = runner.run_events(batch, Settings(jobs=1), progress=False)
    parallel = runner.run_events(batch, Settings(jobs=2), progress=False)
    assert serial[2].error and not serial[2].claims
    assert parallel == serial
    assert _json(parallel) == _json(serial)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patch must reach the workers")
def test_an_error_raised_in_a_worker_arrives_whole(events: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import pipeline

    def broken(folder: Path, settings: Settings | None = None) -> Report:
        raise SourceError(folder, "unreadable in the worker")

    monkeypatch.setattr(pipeline, "check_event", broken)
    with pytest.raises(SourceError) as raised:  # not BrokenProcessPool: SourceError does not pickle
        runner.run_events(events, Settings(jobs=2), progress=False)
    assert (raised.value.path, raised.value.reason) == (str(events[0]), "unreadable in the worker")


def test_unknown_executor_and_stray_scheduler_are_config_errors(events: list[Path]) -> None:
    with pytest.raises(ConfigError, match="unknown executor"):
        runner.run_events(events, Settings(), executor="spark")
    with pytest.raises(ConfigError, match="needs the dask executor"):
        runner.run_events(events, Settings(), scheduler="tcp://127.0.0.1:8786")


@pytest.mark.slow
def test_dask_local_cluster_reports_as_serial(events: list[Path], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed")
    # relative paths, as a user types them: workers get absolute ones, reports show these
    monkeypatch.chdir(tmp_path)
    batch = [event.relative_to(tmp_path) for event in events]
    batch.insert(1, _lonely_event(tmp_path).relative_to(tmp_path))
    serial = runner.run_events(batch, Settings(jobs=1), progress=False)
    on_dask = runner.run_events(batch, Settings(jobs=2), progress=False, executor="dask")
    assert on_dask == serial
    assert _json(on_dask) == _json(serial)
    assert serial[1].error.startswith("lonely: ")


# --- the extraction cache -------------------------------------------------------------------


class _Spy:
    """Counts extractions and hands over to the real extractor."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.real = cache_module.extract_claims

    def __call__(self, article: Article, settings: Settings | None = None) -> list[Claim]:
        self.calls.append(article.id)
        return self.real(article, settings)


@pytest.fixture(name="spy")
def spy_fixture(monkeypatch: pytest.MonkeyPatch) -> _Spy:
    spy = _Spy()
    monkeypatch.setattr(cache_module, "extract_claims", spy)
    return spy


def test_a_cache_hit_returns_the_same_claims_without_extracting(big_event: list[Article], tmp_path: Path,
                                                                spy: _Spy) -> None:
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    cold = [cache_module.cached_extract(a, settings) for a in big_event]
    assert spy.calls == [a.id for a in big_event]
    warm = [cache_module.cached_extract(a, settings) for a in big_event]
    assert spy.calls == [a.id for a in big_event]  # no second extraction
    assert warm == cold
    assert all(isinstance(c.context, tuple) and isinstance(c.entities, tuple) for cs in warm for c in cs)
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_without_a_cache_dir_nothing_is_stored(big_event: list[Article], tmp_path: Path, spy: _Spy,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        cache_module.cached_extract(big_event[0], Settings())
    assert spy.calls == [big_event[0].id] * 2
    assert list(tmp_path.iterdir()) == []


def test_the_pipeline_stage_reads_the_cache(big_event: list[Article], tmp_path: Path, spy: _Spy) -> None:
    settings = Settings(cache_dir=str(tmp_path))
    first = runner.extract_all(big_event, settings, jobs=1)
    second = runner.extract_all(big_event, settings, jobs=1)
    assert second == first
    assert len(spy.calls) == len(big_event)


def test_the_key_follows_what_extraction_reads(big_event: list[Article]) -> None:
    article, settings = big_event[0], Settings()
    key = cache_module.cache_key(article, settings)
    changed = [
        dataclasses.replace(article, body=article.body + " It rained."),
        dataclasses.replace(article, body=article.body.replace("1", "2", 1)),
        dataclasses.replace(article, published=None),
        dataclasses.replace(article, id=article.id + "-copy"),
    ]
    assert all(cache_module.cache_key(a, settings) != key for a in changed)
    assert cache_module.cache_key(article, settings.replace(approx_tolerance=0.2)) != key
    # settings of later stages or of the run leave extraction, and so the key, alone
    unchanged = settings.replace(align_threshold=70.0, jobs=4, cache_dir="elsewhere", fail_on="minor")
    assert cache_module.cache_key(article, unchanged) == key
    retitled = dataclasses.replace(article, title="Other", outlet="Other")
    assert cache_module.cache_key(retitled, settings) == key


def test_a_damaged_entry_is_a_miss_and_is_rewritten(big_event: list[Article], tmp_path: Path,
                                                     spy: _Spy) -> None:
    article, settings = big_event[0], Settings(cache_dir=str(tmp_path))
    expected = cache_module.cached_extract(article, settings)
    entry = cache_module.entry_path(tmp_path, cache_module.cache_key(article, settings))
    entry.write_text('{"format": "claims-v1", "claims": [{"id": ', encoding="utf-8")
    assert cache_module.cached_extract(article, settings) == expected
    assert len(spy.calls) == 2
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == "claims-v1"


def test_an_unwritable_cache_warns_and_the_run_goes_on(big_event: list[Article], tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    claims = cache_module.cached_extract(big_event[0], Settings(cache_dir=str(blocker)))
    assert claims == cache_module.extract_claims(big_event[0], Settings())
    assert "cannot write to the extraction cache" in caplog.text

"""Tests of the pipeline as a library: analyse, check_event, check, their settings, and baselines.

Event folders are written into ``tmp_path`` by each test; the articles are short texts
written for these tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.baseline import SCHEMA, apply_baseline, baseline_text
from factcheck.config import Settings
from factcheck.errors import SourceError
from factcheck.models import Article, Report
from factcheck.pipeline import analyse, check, check_event
from factcheck.report import render

ROOT = Path(__file__).resolve().parents[1]

BODIES = {
    "alpha": ("Alpha", dt.datetime(2025, 4, 18, 9),
              "Floods in the northern province have killed 12 people, the disaster agency said on Friday. "
              "The school board voted to close 40 classrooms across the district."),
    "beta": ("Beta", dt.datetime(2025, 4, 18, 11),
             "The disaster agency said 15 people have been killed by floods in the northern province. "
             "The district school board will close 60 classrooms after the vote."),
    "gamma": ("Gamma", dt.datetime(2025, 4, 18, 13),
              "Twelve people died in the floods that hit the northern province, according to the disaster agency. "
              "The wildfire has spread 10 miles along the coast since Sunday."),
    "delta": ("Delta", dt.datetime(2025, 4, 18, 15),
              "Since Sunday the wildfire has spread 30 km along the coast, firefighters said."),
}


def articles(*ids: str) -> list[Article]:
    chosen = ids or tuple(BODIES)
    return [Article(id=i, path=f"{i}.md", outlet=BODIES[i][0], title="", body=BODIES[i][2],
                    published=BODIES[i][1]) for i in chosen]


def write_folder(folder: Path, *ids: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in ids or tuple(BODIES):
        outlet, published, body = BODIES[i]
        (folder / f"{i}.md").write_text(f"---\noutlet: {outlet}\npublished: {published.isoformat()}\n---\n{body}\n",
                                        encoding="utf-8")
    return folder


def without_generated(report: Report) -> dict[str, object]:
    data = json.loads(render(report, "json"))
    assert data.pop("generated")
    return data


# --- analyse -------------------------------------------------------------------------------

def test_analyse_finds_each_conflict_once() -> None:
    report = analyse("floods", articles())
    assert report.event == "floods" and report.error == ""
    by_topic = {d.topic: d for d in report.discrepancies}
    assert set(by_topic) == {"people killed", "classrooms", "distance"}
    assert by_topic["people killed"].explanation == "Alpha and Gamma say 12; Beta says 15"
    assert [d.id for d in report.discrepancies] == [f"d{n}" for n in range(1, len(report.discrepancies) + 1)]
    assert report.counts() == {"major": 3, "minor": 0}


def test_analyse_claims_point_into_their_article() -> None:
    report = analyse("floods", articles())
    assert {c.article for c in report.claims} == set(BODIES)
    for claim in report.claims:
        assert report.article(claim.article).body[claim.start:claim.end] == claim.quote
    for d in report.discrepancies:
        for side in d.sides:
            for claim_id in side:
                assert report.claim(claim_id).id == claim_id


def test_analyse_is_deterministic() -> None:
    first, second = analyse("floods", articles()), analyse("floods", articles())
    assert first == second  # ``generated`` takes no part in equality
    assert without_generated(first) == without_generated(second)


def test_analyse_is_deterministic_across_processes() -> None:
    """Nothing depends on hash order: two interpreters with different hash seeds agree."""
    script = (
        "import json, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from tests.test_pipeline import analyse, articles\n"
        "from factcheck.report import render\n"
        "data = json.loads(render(analyse('floods', articles()), 'json'))\n"
        "data.pop('generated')\n"
        "print(json.dumps(data, sort_keys=True))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", script, str(ROOT)], cwd=ROOT, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=60, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0]) == json.loads(json.dumps(without_generated(analyse("floods", articles())),
                                                           sort_keys=True))


def test_ignore_outlets_drops_their_articles() -> None:
    report = analyse("floods", articles(), Settings(ignore_outlets=("Beta", "Delta")))
    assert [a.id for a in report.articles] == ["alpha", "gamma"]
    assert {c.article for c in report.claims} == {"alpha", "gamma"}
    assert report.discrepancies == ()


def test_ignore_topics_drops_matching_discrepancies() -> None:
    everything = analyse("floods", articles())
    report = analyse("floods", articles(), Settings(ignore_topics=("KILLED", "distan")))
    assert [d.topic for d in report.discrepancies] == ["classrooms"]
    assert report.claims == everything.claims  # only findings are filtered, not claims


# --- check_event and check -----------------------------------------------------------------

def test_check_event_reads_a_folder(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "floods")
    report = check_event(folder)
    assert report.error == "" and report.event == "floods"
    assert report.source_dir == str(folder)
    in_memory = analyse("floods", articles())
    assert sorted((c.id, c.quote, str(c.low), str(c.high)) for c in report.claims) == \
        sorted((c.id, c.quote, str(c.low), str(c.high)) for c in in_memory.claims)
    assert [dataclasses.astuple(d) for d in report.discrepancies] == \
        [dataclasses.astuple(d) for d in in_memory.discrepancies]


def test_one_readable_article_is_an_error_not_a_crash(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "floods", "alpha")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    report = check_event(folder)
    assert "needs at least two readable articles, found 1" in report.error
    assert "scan.txt" in report.error
    assert report.claims == () and report.discrepancies == ()
    assert [a.id for a in report.articles] == ["alpha"]
    assert [Path(p.path).name for p in report.problems] == ["scan.txt"]
    with pytest.raises(SourceError) as raised:
        check(folder)
    assert "needs at least two readable articles" in str(raised.value)
    assert Path(raised.value.path) == folder


def test_a_single_article_folder_is_an_error(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "floods", "beta")
    assert check_event(folder).error.endswith("needs at least two readable articles, found 1")
    with pytest.raises(SourceError):
        check(folder)


def test_check_reports_each_event_of_a_batch(tmp_path: Path) -> None:
    write_folder(tmp_path / "batch" / "floods", "alpha", "beta")
    write_folder(tmp_path / "batch" / "fire", "gamma", "delta")
    reports = check(tmp_path / "batch")
    assert sorted(r.event for r in reports) == ["fire", "floods"]
    assert all(r.error == "" for r in reports)


def test_check_event_applies_settings(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "floods")
    report = check_event(folder, Settings(ignore_outlets=("Alpha",), ignore_topics=("classrooms",)))
    assert "alpha" not in {a.id for a in report.articles}
    assert "classrooms" not in {d.topic for d in report.discrepancies}


# --- baseline ------------------------------------------------------------------------------

def test_baseline_text_is_sorted_and_stable() -> None:
    reports = [analyse("floods", articles()), analyse("another", articles("alpha", "beta"))]
    text = baseline_text(reports)
    assert text == baseline_text(reports[::-1])
    assert text == baseline_text([analyse("floods", articles()[::-1]), analyse("another", articles("beta", "alpha"))])
    data = json.loads(text)
    assert data["schema"] == SCHEMA
    keys = [(e["event"], e["fingerprint"]) for e in data["findings"]]
    assert keys == sorted(keys) and len(keys) == 5
    assert text.endswith("\n") and "\n  " in text  # indented, diff-friendly
    for entry in data["findings"]:
        assert set(entry) == {"fingerprint", "event", "kind", "severity", "topic", "explanation"}


def test_apply_baseline_removes_accepted_findings_and_lists_gone_ones() -> None:
    accepted_report = analyse("floods", articles("alpha", "beta"))  # floods and classrooms
    accepted = {e["fingerprint"]: e for e in json.loads(baseline_text([accepted_report]))["findings"]}
    elsewhere = {"0" * 16: {"fingerprint": "0" * 16, "event": "another", "topic": "x"}}

    today = analyse("floods", articles("alpha", "gamma", "delta"))  # distance is new; the others are gone
    fresh, gone = apply_baseline(today, {**accepted, **elsewhere})
    assert [d.topic for d in fresh.discrepancies] == ["distance"]
    assert sorted(e["topic"] for e in gone) == ["classrooms", "people killed"]
    assert fresh.claims == today.claims

    same, none_gone = apply_baseline(analyse("floods", articles("beta", "alpha")), accepted)
    assert same.discrepancies == () and none_gone == []

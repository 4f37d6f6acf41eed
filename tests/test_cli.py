"""The command line as users and CI run it: ``python -m factcheck`` in a subprocess.

Exit codes (0 nothing at or above --fail-on, 1 found, 2 could not run), one-line errors,
``-o -``, several formats and events at once, and the baseline round trip. Every event
folder is written by the test into its own ``tmp_path``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]
WriteEvent = Callable[[Path, dict[str, Any]], Path]


def _md(outlet: str, body: str, published: str = "2024-03-05") -> str:
    return f"---\ntitle: {outlet} report\noutlet: {outlet}\npublished: {published}\n---\n\n{body}\n"


# a central figure (people killed) that two outlets give differently: one major discrepancy
CONFLICT = {
    "ap.md": _md("Associated Press", "A bus plunged off the coastal highway near Porto Vale on Monday "
                 "and killed 12 people, police said.\n\nThe bus was carrying 40 passengers from the "
                 "capital to the coast. Rescue teams searched the ravine through the night while "
                 "relatives gathered at the local hospital."),
    "reuters.md": _md("Reuters", "Regional officials told reporters that the accident killed 20 people "
                      "when the vehicle left the road near Porto Vale.\nThe driver, who survived, was "
                      "questioned by investigators, a spokesman for the regional government added."),
}
# a new article whose passenger count disagrees with AP's and says nothing of the dead
NEW_CONFLICT = {
    "afp.md": _md("Agence France-Presse", "Local media said 55 passengers were on board the coach when "
                  "it left the road near Porto Vale, according to the operator.", "2024-03-06"),
}
# a small difference in a figure that is not central: one minor discrepancy
MINOR = {
    "ap.md": _md("Associated Press", "The bus was carrying 40 passengers from the capital to the coast "
                 "when it left the road near Porto Vale."),
    "afp.md": _md("Agence France-Presse", "Local media said 44 passengers were on board the coach, "
                  "according to the operator, which runs daily services to the coast.", "2024-03-06"),
}
AGREE = {
    "ap.md": _md("Associated Press", "The old stone bridge over the river reopened to traffic after "
                 "repairs that cost 3 million euros, the mayor said.", "2024-06-01"),
    "bbc.md": _md("BBC", "Residents cheered as the restored bridge, whose renovation cost 3 million euros, "
                  "welcomed its first cars on Saturday morning.", "2024-06-01"),
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _json_report(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


# --- exit codes 0 and 1 ----------------------------------------------------------------

def test_agreeing_articles_exit_0(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "bridge", AGREE)
    result = run_cli("compare", event, "-f", "json", "-o", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert _json_report(tmp_path / "r.json")["discrepancies"] == []


def test_major_discrepancy_exits_1(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "crash", CONFLICT)
    result = run_cli("compare", event, "-f", "json", "-o", tmp_path / "r.json")
    assert result.returncode == 1, result.stderr
    (d,) = _json_report(tmp_path / "r.json")["discrepancies"]
    assert d["severity"] == "major"
    quotes = {c["id"]: c["quote"] for c in _json_report(tmp_path / "r.json")["claims"]}
    assert sorted(quotes[cid] for side in d["sides"] for cid in side) == ["12", "20"]


@pytest.mark.parametrize("flags", [["--fail-on", "none"], ["--exit-zero"]])
def test_fail_on_none_and_exit_zero(tmp_path: Path, run_cli: Run, write_event: WriteEvent,
                                    flags: list[str]) -> None:
    event = write_event(tmp_path / "crash", CONFLICT)
    assert run_cli("compare", event, *flags).returncode == 0


def test_fail_on_minor(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "bus", MINOR)
    assert run_cli("compare", event, "-f", "json", "-o", tmp_path / "r.json").returncode == 0
    assert [d["severity"] for d in _json_report(tmp_path / "r.json")["discrepancies"]] == ["minor"]
    assert run_cli("compare", event, "--fail-on", "minor").returncode == 1
    config = tmp_path / "factcheck.toml"
    config.write_text('[tool.factcheck]\nfail-on = "minor"\n', encoding="utf-8")
    assert run_cli("compare", event, "--config", config).returncode == 1
    # the flag wins over the file
    assert run_cli("compare", event, "--config", config, "--fail-on", "major").returncode == 0


# --- exit code 2: one line on stderr, no traceback -------------------------------------

def _bad_config(tmp: Path) -> list[str]:
    (tmp / "bad.toml").write_text("[tool.factcheck]\nmajor-diference = 0.2\n", encoding="utf-8")
    return ["--config", str(tmp / "bad.toml")]


def _bad_baseline(content: str) -> Callable[[Path], list[str]]:
    def args(tmp: Path) -> list[str]:
        (tmp / "baseline.json").write_text(content, encoding="utf-8")
        return ["--baseline", str(tmp / "baseline.json")]
    return args


ERRORS: dict[str, tuple[str, Callable[[Path], list[str]], str]] = {
    # case: (event folder, extra arguments, text the error line must contain)
    "missing path": ("missing", lambda tmp: [], "no such file or folder"),
    "empty folder": ("empty", lambda tmp: [], "no article files"),
    "one readable article": ("single", lambda tmp: [], "at least two readable articles"),
    "bad format": ("crash", lambda tmp: ["--format", "json,xml"], "unknown format 'xml'"),
    "bad fail-on": ("crash", lambda tmp: ["--fail-on", "sometimes"], "--fail-on"),
    "unknown config key": ("crash", _bad_config, "major-diference"),
    "missing config": ("crash", lambda tmp: ["--config", str(tmp / "nope.toml")], "nope.toml"),
    "baseline not JSON": ("crash", _bad_baseline("not json"), "baseline.json"),
    "baseline of another shape": ("crash", _bad_baseline('{"accepted": []}'), "not a factcheck baseline"),
    "baseline list of strings": ("crash", _bad_baseline('{"findings": ["abc"]}'), "not a factcheck baseline"),
    "missing baseline": ("crash", lambda tmp: ["--baseline", str(tmp / "none.json")], "none.json"),
    "outputs do not match formats": ("crash", lambda tmp: ["-f", "json,csv,text", "-o", "a", "-o", "b"],
                                     "--output"),
    "jobs below 1": ("crash", lambda tmp: ["--jobs", "0"], "--jobs"),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_cannot_run_exits_2_with_one_line(tmp_path: Path, run_cli: Run, write_event: WriteEvent,
                                          case: str) -> None:
    folder, extra, expected = ERRORS[case]
    write_event(tmp_path / "crash", CONFLICT)
    write_event(tmp_path / "single", {"ap.md": CONFLICT["ap.md"]})
    (tmp_path / "empty").mkdir()
    result = run_cli("compare", tmp_path / folder, *extra(tmp_path))
    line = _one_line_error(result)
    assert line.startswith("factcheck: error: ")
    assert expected in line
    assert result.stdout == ""


def test_unreadable_file_is_named_and_the_report_still_written(tmp_path: Path, run_cli: Run,
                                                               write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "crash", {**CONFLICT, "photo.md": PNG})
    result = run_cli("compare", event, "-f", "json", "-o", tmp_path / "r.json")
    line = _one_line_error(result)
    assert "photo.md" in line
    report = _json_report(tmp_path / "r.json")
    assert sorted(a["id"] for a in report["articles"]) == ["ap", "reuters"]
    assert [Path(p["path"]).name for p in report["problems"]] == ["photo.md"]
    assert len(report["discrepancies"]) == 1


def test_baseline_command_with_an_unreadable_file_exits_2(tmp_path: Path, run_cli: Run,
                                                          write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "crash", {**CONFLICT, "photo.md": PNG})
    result = run_cli("baseline", event, "-o", tmp_path / "b.json")
    assert result.returncode == 2
    assert "photo.md" in result.stderr and "Traceback" not in result.stderr


# --- JSON on stdout --------------------------------------------------------------------

def test_json_on_stdout_is_the_contract_report(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "crash", CONFLICT)
    result = run_cli("compare", event, "--format", "json", "-o", "-")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)  # stdout holds the report and nothing else
    assert report["schema"] == "factcheck/report-v1"
    assert report["event"] == "crash"
    for article in report["articles"]:
        assert {"id", "path", "outlet", "title", "published", "url"} <= set(article)
    bodies = {a["id"]: (tmp_path / "crash" / f"{a['id']}.md").read_text(encoding="utf-8")
              for a in report["articles"]}
    claim_ids = set()
    for claim in report["claims"]:
        assert {"id", "article", "kind", "quote", "sentence", "start", "end", "low", "high", "unit",
                "subject"} <= set(claim)
        assert claim["kind"] in ("quantity", "date", "time")
        assert claim["quote"] in claim["sentence"]
        assert claim["quote"] in bodies[claim["article"]]
        assert claim["end"] - claim["start"] == len(claim["quote"])
        claim_ids.add(claim["id"])
    for d in report["discrepancies"]:
        assert {"id", "kind", "severity", "topic", "sides", "explanation"} <= set(d)
        assert len(d["sides"]) >= 2
        assert all(cid in claim_ids for side in d["sides"] for cid in side)


def test_event_name_of_the_current_folder(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    """``cd crash && factcheck compare .`` names the event after the folder, not ''."""
    event = write_event(tmp_path / "crash", CONFLICT)
    run_cli("compare", ".", "-f", "json", "-o", tmp_path / "r.json", cwd=event)
    assert _json_report(tmp_path / "r.json")["event"] == "crash"


# --- several formats, several events ---------------------------------------------------

def test_several_formats_to_several_files(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "crash", CONFLICT)
    result = run_cli("compare", event, "--format", "json,csv", "-o", "a.json", "-o", "b.csv")
    assert result.returncode == 1, result.stderr
    assert _json_report(tmp_path / "a.json")["event"] == "crash"
    assert (tmp_path / "b.csv").read_text(encoding="utf-8").count("\n") >= 2


def test_batch_writes_a_report_per_event_and_exits_with_the_worst(tmp_path: Path, run_cli: Run,
                                                                   write_event: WriteEvent) -> None:
    write_event(tmp_path / "events" / "crash", CONFLICT)
    write_event(tmp_path / "events" / "bridge", AGREE)
    result = run_cli("compare", "events", "--format", "json", "-o", "out")
    assert result.returncode == 1, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bridge.json", "crash.json"]
    assert _json_report(tmp_path / "out" / "crash.json")["event"] == "crash"
    assert _json_report(tmp_path / "out" / "bridge.json")["discrepancies"] == []
    shutil.rmtree(tmp_path / "events" / "crash")
    write_event(tmp_path / "events" / "bus", MINOR)
    assert run_cli("compare", "events", "-f", "json", "-o", "out2").returncode == 0
    assert run_cli("compare", "events", "-f", "json", "-o", "out3", "--fail-on", "minor").returncode == 1


def test_folder_of_events_with_a_readme_is_a_batch(tmp_path: Path, run_cli: Run,
                                                    write_event: WriteEvent) -> None:
    """sources/ as shipped: event folders and a README.md that describes them (not an article)."""
    write_event(tmp_path / "sources" / "crash", CONFLICT)
    write_event(tmp_path / "sources" / "bridge", AGREE)
    (tmp_path / "sources" / "README.md").write_text("# Sample events\n\nOne folder per event.\n")
    result = run_cli("compare", "sources", "-f", "json", "-o", "out")
    assert result.returncode == 1, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bridge.json", "crash.json"]


def test_ci_formats_of_the_scheduled_workflow(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    """What .github/workflows/factcheck.yml runs: several formats of several events into one folder."""
    write_event(tmp_path / "sources" / "crash", CONFLICT)
    write_event(tmp_path / "sources" / "bridge", AGREE)
    result = run_cli("compare", "sources", "--format", "html,markdown,sarif,junit,github", "-o", "reports")
    assert result.returncode == 1, result.stderr
    names = {p.name for p in (tmp_path / "reports").iterdir()}
    assert {f"{e}.{x}" for e in ("crash", "bridge") for x in ("html", "md", "sarif", "xml", "txt")} <= names
    assert (tmp_path / "reports" / "crash.md").read_text(encoding="utf-8").startswith("## factcheck: crash")
    ET.parse(tmp_path / "reports" / "crash.xml")
    sarif = json.loads((tmp_path / "reports" / "crash.sarif").read_text(encoding="utf-8"))
    (result_,) = sarif["runs"][0]["results"]
    locations = {loc["physicalLocation"]["artifactLocation"]["uri"]: loc["physicalLocation"]["region"]
                 for loc in result_["locations"]}
    ap = locations["sources/crash/ap.md"]
    ap_lines = (tmp_path / "sources" / "crash" / "ap.md").read_text(encoding="utf-8").split("\n")
    line = ap_lines[ap["startLine"] - 1]
    assert line[ap["startColumn"] - 1:ap["endColumn"] - 1] == "12"
    annotations = (tmp_path / "reports" / "crash.txt").read_text(encoding="utf-8").splitlines()
    assert len(annotations) == 2
    assert any(a.startswith(f"::error file=sources/crash/ap.md,line={ap['startLine']},") for a in annotations)


# --- baselines -------------------------------------------------------------------------

def test_baseline_round_trip(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "crash", CONFLICT)
    made = run_cli("baseline", event, "-o", "b.json")
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "b.json").read_text(encoding="utf-8")
    baseline = json.loads(text)
    assert text == json.dumps(baseline, indent=2, ensure_ascii=False) + "\n"  # indented, diff-friendly
    findings = baseline["findings"]
    assert len(findings) == 1
    assert findings == sorted(findings, key=lambda f: (f["event"], f["fingerprint"]))

    accepted = run_cli("compare", event, "--baseline", "b.json", "-f", "json", "-o", "r.json")
    assert accepted.returncode == 0, accepted.stderr
    assert _json_report(tmp_path / "r.json")["discrepancies"] == []

    write_event(event, NEW_CONFLICT)
    fresh = run_cli("compare", event, "--baseline", "b.json", "-f", "json", "-o", "r.json")
    assert fresh.returncode == 1, fresh.stderr
    (new,) = _json_report(tmp_path / "r.json")["discrepancies"]
    assert new["fingerprint"] != findings[0]["fingerprint"]
    quotes = {c["id"]: c["quote"] for c in _json_report(tmp_path / "r.json")["claims"]}
    assert sorted(quotes[cid] for side in new["sides"] for cid in side) == ["40", "55"]


def test_baseline_is_the_same_bytes_whatever_the_file_order(tmp_path: Path, run_cli: Run,
                                                             write_event: WriteEvent) -> None:
    files = {**CONFLICT, **NEW_CONFLICT}
    first = write_event(tmp_path / "a" / "crash", files)
    # the same event written in the reverse order (other inodes, other creation times)
    second = write_event(tmp_path / "b" / "crash", dict(reversed(list(files.items()))))
    assert run_cli("baseline", first, "-o", "1.json").returncode == 0
    assert run_cli("baseline", first, "-o", "2.json").returncode == 0
    assert run_cli("baseline", second, "-o", "3.json").returncode == 0
    one = (tmp_path / "1.json").read_bytes()
    assert len(json.loads(one)["findings"]) == 2
    assert one == (tmp_path / "2.json").read_bytes() == (tmp_path / "3.json").read_bytes()
    assert run_cli("compare", second, "--baseline", "1.json").returncode == 0


# an article published later that repeats AP's toll: no new disagreement
AGREEING_LATER = {
    "afp.md": _md("Agence France-Presse", "At least 12 people were killed when the coach overturned on "
                  "the mountain road, local officials said on Tuesday.", "2024-03-06"),
}


def test_baseline_holds_when_a_new_article_agrees_with_an_accepted_side(
        tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "crash", CONFLICT)
    assert run_cli("baseline", event, "-o", "b.json").returncode == 0
    write_event(event, AGREEING_LATER)
    result = run_cli("compare", event, "--baseline", "b.json")
    assert result.returncode == 0, result.stdout


def test_baseline_holds_when_files_are_renamed(tmp_path: Path, run_cli: Run, write_event: WriteEvent) -> None:
    event = write_event(tmp_path / "a" / "crash", CONFLICT)
    assert run_cli("baseline", event, "-o", "b.json").returncode == 0
    renamed = write_event(tmp_path / "b" / "crash", {f"x-{name}": text for name, text in CONFLICT.items()})
    assert run_cli("compare", renamed, "--baseline", "b.json").returncode == 0


def test_batch_with_an_unusable_event_still_reports_the_others(tmp_path: Path, run_cli: Run,
                                                               write_event: WriteEvent) -> None:
    write_event(tmp_path / "events" / "crash", CONFLICT)
    write_event(tmp_path / "events" / "lonely", {"ap.md": AGREE["ap.md"]})
    result = run_cli("compare", "events", "-f", "json", "-o", "out")
    line = _one_line_error(result)
    assert "lonely" in line
    assert _json_report(tmp_path / "out" / "crash.json")["event"] == "crash"

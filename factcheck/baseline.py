"""Baselines: accepted findings recorded by fingerprint, so scheduled runs fail only on new ones.

The file is JSON, sorted and indented (diff-friendly), one entry per discrepancy with
enough words for a person to recognise it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path

from factcheck.errors import SourceError
from factcheck.models import Discrepancy, Report

SCHEMA = "factcheck/baseline-v1"


def baseline_text(reports: Iterable[Report]) -> str:
    entries = []
    for report in reports:
        for d in report.discrepancies:
            entries.append({"fingerprint": d.fingerprint, "event": report.event, "kind": d.kind,
                            "severity": d.severity, "topic": d.topic, "explanation": d.explanation})
    entries.sort(key=lambda e: (e["event"], e["fingerprint"]))
    return json.dumps({"schema": SCHEMA, "findings": entries}, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> dict[str, dict[str, str]]:
    """{fingerprint: entry} from a baseline file; a bad file is a clear error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        findings = data["findings"]
        return {str(e["fingerprint"]): e for e in findings}
    except OSError as exc:
        raise SourceError(path, f"cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError):
        raise SourceError(path, "not a factcheck baseline file (expected {\"findings\": [...]})") from None


def apply_baseline(report: Report, accepted: dict[str, dict[str, str]]) -> tuple[Report, list[dict[str, str]]]:
    """The report with accepted discrepancies removed, and the accepted ones no longer found."""
    fresh: list[Discrepancy] = [d for d in report.discrepancies if d.fingerprint not in accepted]
    present = {d.fingerprint for d in report.discrepancies}
    gone = [e for fp, e in sorted(accepted.items())
            if e.get("event") == report.event and fp not in present]
    return dataclasses.replace(report, discrepancies=tuple(fresh)), gone

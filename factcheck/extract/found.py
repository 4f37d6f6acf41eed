"""The raw result of an extractor: a span and its interval, before it becomes a Claim."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str
    low: float | str | None
    high: float | str | None
    value: float | str | None
    unit: str
    dimension: str
    qualifier: str = "exact"
    stated_unit: str = ""
    granularity: str = ""
    noun: str = ""  # the thing counted, when the extractor saw it

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

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


class Spans:
    """Character spans already claimed in a text: adding and testing cost the span's length,
    not the number of spans taken so far."""

    def __init__(self, length: int) -> None:
        self._mask = bytearray(length + 1)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) != -1

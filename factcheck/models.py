"""The typed values passed between the pipeline's stages.

load -> :class:`Article`; extract -> :class:`Claim`; align -> :class:`ClaimGroup`;
compare -> :class:`Discrepancy`; the whole run -> :class:`Report`.
All are frozen dataclasses: immutable, hashable, safe to share between processes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

ClaimKind = Literal["quantity", "date", "time"]
Severity = Literal["major", "minor"]
SEVERITIES: tuple[Severity, ...] = ("major", "minor")


@dataclass(frozen=True)
class Article:
    """One article as read from a file: metadata and the body text claims point into."""

    id: str
    path: str
    outlet: str
    title: str
    body: str
    published: dt.datetime | None = None
    url: str = ""
    author: str = ""

    @property
    def published_date(self) -> dt.date | None:
        return self.published.date() if self.published else None

    def published_iso(self) -> str | None:
        """The publication moment as written back to reports (date only when no time was given)."""
        if self.published is None:
            return None
        if (self.published.hour, self.published.minute, self.published.second) == (0, 0, 0) \
                and self.published.tzinfo is None:
            return self.published.date().isoformat()
        return self.published.isoformat()


@dataclass(frozen=True)
class Claim:
    """One quantitative, dated or clock-time statement, with its exact place in the body.

    ``low``/``high`` bound what the claim allows (None = unbounded): floats in ``unit`` for
    quantities, ISO dates for dates, ISO date-times for times. ``value`` is the point the
    text names (the middle of a range), used for sorting and relative differences.
    """

    id: str
    article: str
    kind: ClaimKind
    quote: str
    sentence: str
    start: int
    end: int
    low: float | int | str | None
    high: float | int | str | None
    unit: str
    subject: str
    value: float | int | str | None = None
    qualifier: str = "exact"  # exact, approx, lower, upper, range, vague, relative
    stated_unit: str = ""
    dimension: str = ""  # count, money, percent, length, duration, ...; dates: date; times: time
    noun: str = ""  # the thing counted ("troops"), when one follows the number
    # when the sentence says the claim happened: the span of its dates (ISO low, high);
    # None when the sentence names no date (the claim is then taken to be about the event)
    anchor: tuple[str, str] | None = None
    historical: bool = False  # the anchor lies well before publication: another, older event
    granularity: str = ""  # dates: day, month, year, ...; times: minute, hour
    context: tuple[str, ...] = ()  # content words near the claim, nearest first
    entities: tuple[str, ...] = ()  # capitalised names in the sentence
    sentence_start: int = 0
    lead: bool = False  # in the article's opening sentence, which states its main event


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from several articles that speak of the same fact."""

    kind: ClaimKind
    topic: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Discrepancy:
    """Aligned claims that do not agree: two or more sides, each a set of agreeing claims."""

    id: str
    kind: ClaimKind
    severity: Severity
    topic: str
    sides: tuple[tuple[str, ...], ...]
    explanation: str
    fingerprint: str = ""
    changed_over_time: bool = False
    relative_difference: float | None = None
    syndicated: tuple[str, ...] = ()  # article ids that are copies of another article
    confidence: float = 0.0  # how sure alignment is that the sides state one fact (0-100)
    compatible: tuple[str, ...] = ()  # claims of the group that fit more than one side


@dataclass(frozen=True)
class Problem:
    """A file that could not be used, and why (shown as a warning; the run goes on)."""

    path: str
    reason: str

    def __str__(self) -> str:
        # one line, whatever the file is called ("new\nline.txt")
        path = self.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return f"{path!r}: {self.reason}" if any(ch < " " for ch in path) else f"{path}: {self.reason}"


@dataclass(frozen=True)
class Report:
    """Everything one event's check found."""

    event: str
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    discrepancies: tuple[Discrepancy, ...]
    problems: tuple[Problem, ...] = ()
    syndication: tuple[tuple[str, str], ...] = ()  # (copy, original) article id pairs
    source_dir: str = ""
    generated: str = field(default="", compare=False)
    error: str = ""  # why the event could not be checked at all (then it has no claims)

    def claim(self, claim_id: str) -> Claim:
        return self._claims_by_id[claim_id]

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    @cached_property
    def _claims_by_id(self) -> dict[str, Claim]:
        # built once: cached_property writes the instance dict, which a frozen dataclass allows
        return {c.id: c for c in self.claims}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {s: 0 for s in SEVERITIES}
        for d in self.discrepancies:
            out[d.severity] += 1
        return out

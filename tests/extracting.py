"""Shared by the extraction tests: run the extractors on one sentence and check the claim
contract's invariants on every claim they return."""

from __future__ import annotations

import datetime as dt

from factcheck.extract import extract_claims
from factcheck.models import Article, Claim

PUBLISHED = dt.datetime(2025, 4, 18)  # a Friday


def check_invariants(body: str, claim: Claim) -> None:
    """What holds for every claim: the quote is its span, and the interval is not reversed."""
    assert body[claim.start:claim.end] == claim.quote, claim
    if claim.low is not None and claim.high is not None:
        if claim.kind == "quantity":
            assert float(claim.low) <= float(claim.high), claim
        else:
            assert str(claim.low) <= str(claim.high), claim


def extract(body: str, published: dt.datetime | None = PUBLISHED) -> list[Claim]:
    article = Article(id="t", path="t.md", outlet="T", title="", body=body, published=published)
    claims = extract_claims(article)
    for claim in claims:
        check_invariants(body, claim)
    return claims

"""Syndication: find articles that are copies of another (wire copy reposted elsewhere).

A copy's agreement is not independent confirmation, so reports mark it. Bodies are
compared with rapidfuzz on their normalised opening; the earlier-published one is the original.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from factcheck.models import Article

_SAMPLE = 3000


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:_SAMPLE]


def find_copies(articles: Sequence[Article], threshold: float = 90.0) -> dict[str, str]:
    """{copy id: original id} for every pair of near-identical bodies."""
    texts = [_normalise(a.body) for a in articles]
    copies: dict[str, str] = {}
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            a, b = texts[i], texts[j]
            if not a or not b or min(len(a), len(b)) < 0.5 * max(len(a), len(b)):
                continue
            if fuzz.ratio(a, b, score_cutoff=threshold):
                first, second = sorted((articles[i], articles[j]), key=_order)
                if second.id not in copies:
                    copies[second.id] = copies.get(first.id, first.id)
    return copies


def _order(article: Article) -> tuple[dt.datetime, str]:
    moment = article.published
    if moment is None:
        return dt.datetime.max, article.id
    return moment.replace(tzinfo=None) - (moment.utcoffset() or dt.timedelta()), article.id

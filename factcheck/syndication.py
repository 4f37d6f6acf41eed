"""Syndication: find articles that are copies of another (wire copy reposted elsewhere).

A copy's agreement is not independent confirmation, so reports mark it. Bodies are
compared with rapidfuzz on their normalised opening; the earlier-published one is the original.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import re
import zlib
from collections import Counter, defaultdict
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
    for i, j in _candidates(texts):
        a, b = texts[i], texts[j]
        if not a or not b or min(len(a), len(b)) < 0.5 * max(len(a), len(b)):
            continue
        if fuzz.ratio(a, b, score_cutoff=threshold):
            first, second = sorted((articles[i], articles[j]), key=_order)
            if second.id not in copies:
                copies[second.id] = copies.get(first.id, first.id)
    return copies


# events up to this many articles compare every pair; larger ones only pairs whose sketches meet
_ALL_PAIRS = 40
_SKETCH = 64  # the smallest shingle hashes kept per article (a bottom-k MinHash sketch)
_SHARED = 24  # sketch values two articles must share to be compared in full (near-copies share most)


def _candidates(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs worth comparing in full: all of them in small events, else those whose shingle
    sketches overlap, so a 1,000-article event does not compare half a million pairs."""
    n = len(texts)
    if n <= _ALL_PAIRS:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        words = text.split()
        shingles = {zlib.crc32(" ".join(words[k:k + 5]).encode()) for k in range(max(1, len(words) - 4))}
        for h in heapq.nsmallest(_SKETCH, shingles):
            buckets[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        if len(members) > 1:
            shared.update(itertools.combinations(members, 2))
    return sorted(pair for pair, count in shared.items() if count >= _SHARED)


def _order(article: Article) -> tuple[dt.datetime, str]:
    moment = article.published
    if moment is None:
        return dt.datetime.max, article.id
    return moment.replace(tzinfo=None) - (moment.utcoffset() or dt.timedelta()), article.id

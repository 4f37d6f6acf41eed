"""Align: Claims -> groups of claims that speak of the same fact across articles.

Claims are blocked by what they measure (a count, money, a length, a date...), scored
pairwise on their features (the thing counted, the words around them, the names nearby)
with rapidfuzz, and grouped by average-linkage clustering. Two claims of one article
with different values do not share a group: an outlet rarely contradicts itself, so
different values in one article are different facts (troops withdrawn vs remaining),
unless the article sets them against each other as rival accounts (:func:`disputed`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from factcheck.config import Settings
from factcheck.extract.units import to_canonical
from factcheck.models import Claim, ClaimGroup
from factcheck.reading import (
    CONCEPTS,
    ROLES,
    SPEECH,
    canonical_noun,
    concept,
    is_reporting_date,
    is_running_total,
    person,
    roles,
    same_person,
)


def block_key(claim: Claim) -> str:
    """Claims are only compared within their block: the same kind of measure."""
    if claim.kind != "quantity":
        return claim.kind
    if claim.dimension == "money":
        return f"money:{claim.unit}"
    return claim.dimension


# how far apart the dates of two background claims may be for them to state one fact
HISTORICAL_GAP_DAYS = 800


def same_moment(a: Claim, b: Claim) -> bool:
    """Claims anchored to different times (this quake vs the one in 2003) are different facts."""
    if a.historical != b.historical:
        return False
    if a.anchor and b.anchor:
        gap_days = max(_days(a.anchor[0]) - _days(b.anchor[1]), _days(b.anchor[0]) - _days(a.anchor[1]))
        # recent events are dated to the day; background ("founded in 2007", "raised by 2009")
        # is dated loosely, and its sentences carry several dates
        return gap_days <= (HISTORICAL_GAP_DAYS if a.historical else 7)
    return True


def _days(iso: str) -> int:
    import datetime as dt
    return dt.date.fromisoformat(iso[:10]).toordinal()


def _value_factor(a: Claim, b: Claim) -> float:
    """Same facts are reported within a small factor of each other; far-apart values are
    more likely different facts (612 killed in another quake, 10 in this one)."""
    if a.kind == "date":
        gap = _days_apart(a, b)
        return 1.0 / (1.0 + 0.2 * max(0.0, math.log2(1 + gap / 7)))  # days apart, not months
    if a.kind != "quantity":
        return 1.0
    va, vb = _point(a), _point(b)
    if va is None or vb is None or va <= 0 or vb <= 0:
        return 1.0
    if a.dimension == "magnitude":  # a logarithmic scale: 3.8 is an aftershock beside a 6.1 quake
        return 1.0 / (1.0 + max(0.0, abs(va - vb) - 0.5))
    ratio = max(va, vb) / min(va, vb)
    return 1.0 / (1.0 + 0.25 * max(0.0, math.log2(ratio) - 1.0))


def _days_apart(a: Claim, b: Claim) -> int:
    """Days between two dates' spans (0 when they overlap or one is unresolved)."""
    if not (a.low and a.high and b.low and b.high):
        return 0
    return max(_days(str(a.low)) - _days(str(b.high)), _days(str(b.low)) - _days(str(a.high)), 0)


def _point(c: Claim) -> float | None:
    """The figure in its dimension's canonical unit: "one minute" and "30 seconds" are 2x apart."""
    for x in (c.value, c.low, c.high):
        if isinstance(x, (int, float)):
            return to_canonical(float(x), c.unit, c.dimension)
    return None


def similarity(a: Claim, b: Claim) -> float:
    """How likely two claims state the same fact, 0-100, from their features only."""
    if a.kind != b.kind or not same_moment(a, b):
        return 0.0
    score = _similarity(a, b) * _value_factor(a, b)
    if a.low == b.low and a.high == b.high and a.kind == "quantity":
        score += SAME_VALUE_BONUS  # outlets that print the same figure usually report the same fact
    if a.anchor and b.anchor and a.anchor == b.anchor and a.anchor[0] == a.anchor[1]:
        score += SAME_DAY_BONUS  # both sentences date their figure to the same day
    if a.kind == "date" and a.lead and b.lead and _days_apart(a, b) <= 1:
        # both openings date the event they report; outlets that differ on it are usually a day
        # apart (time zones, the day it was reported), while leads further apart tell of what
        # followed (the quake on Sunday, the burials on Monday)
        score += LEAD_BONUS
    if roles_conflict(a, b):
        score *= ROLE_CONFLICT  # killed vs injured, withdrawn vs remaining, quake vs aftershock
    if a.kind == "quantity" and a.dimension in _ACCUMULATING and is_running_total(a) != is_running_total(b):
        score *= SCOPE_CONFLICT  # "14 rifles so far" is not the haul of this one raid
    return min(score, 100.0)


# the factor applied when two figures say different things happened (killed vs injured)
ROLE_CONFLICT = 0.5


def roles_conflict(a: Claim, b: Claim) -> bool:
    """Whether two figures' clauses say different things happened to what they count, or two
    days' clauses different happenings (the quake struck on Sunday; the dead were buried on
    Monday)."""
    if a.kind == "time":
        return False
    ra, rb = roles(a), roles(b)
    return bool(ra and rb and not (ra & rb))


# what adds up over occasions (not an age, a magnitude or a share)
_ACCUMULATING = frozenset({"count", "money", "duration", "length", "mass", "volume", "area"})
# the factor applied when one figure is a running total and the other is not
SCOPE_CONFLICT = 0.5
# points added when two quantities state the very same interval
SAME_VALUE_BONUS = 12.0
# points added when two claims' sentences name the same day
SAME_DAY_BONUS = 10.0
# points added when both claims are dates in their article's opening sentence
LEAD_BONUS = 15.0


def _similarity(a: Claim, b: Claim) -> float:
    fa, fb = _context_features(a.context[:8]), _context_features(b.context[:8])
    context = fuzz.token_set_ratio(fa.text, fb.text) if fa.words and fb.words else 0.0
    near = _weighted_overlap(fa, fb)
    score = 0.45 * context + 0.55 * near
    if a.kind == "quantity" and a.dimension == "age":
        pa, pb = person(a), person(b)
        if pa and pb:  # an age is a person's: a name in common, or two different people
            score = 0.4 * score + 60.0 if same_person(pa, pb) else score * 0.4
    elif a.kind == "quantity" and a.dimension == "percent" and a.context[:1] == b.context[:1] and a.context:
        score = 0.6 * score + 40.0  # the word next to a share names what it is of ("turnout")
    elif a.kind == "quantity" and a.dimension in _SELF_NAMED:
        score = 0.6 * score + 0.4 * 100.0  # the measure names the thing measured: the quake
    elif a.kind == "quantity" and a.dimension == "count":
        na, nb = canonical_noun(a.noun), canonical_noun(b.noun)
        if na and nb:
            noun_sim = 100.0 if na == nb else fuzz.ratio(na, nb)
            if noun_sim < 75:
                return score * 0.4
            score = 0.6 * score + 0.4 * noun_sim
    ea, eb = set(a.entities), set(b.entities)
    if ea and eb:
        shared = len(ea & eb)
        # the same names nearby support one fact; wholly different names (Athens, Salonika) doubt it
        score = score + 6.0 * min(2, shared) if shared else score * ENTITY_MISMATCH
    return min(score, 100.0)


# measures that say what they measure, as a counted noun does: an event's magnitude is its quake's
_SELF_NAMED = frozenset({"magnitude"})
# the factor applied when two claims' sentences name things and share none of them
ENTITY_MISMATCH = 0.85


class _Context(NamedTuple):
    """A claim's context as similarity reads it, computed once per distinct context."""

    words: tuple[str, ...]  # concepts of the nearest words, nearest first, no repeats
    text: str  # the first six, for rapidfuzz
    weights: dict[str, float]  # nearer words weigh more
    prefixes: dict[str, float]  # longer words by their first five letters ("destroy"/"destroyed")
    total: float


@lru_cache(maxsize=65536)
def _context_features(context: tuple[str, ...]) -> _Context:
    words = tuple(dict.fromkeys(concept(w) for w in context))
    weights = {w: 1.0 / (i + 1) for i, w in enumerate(words)}
    prefixes: dict[str, float] = {}
    for w, weight in weights.items():
        if len(w) > 4:
            prefixes.setdefault(w[:5], weight)
    return _Context(words, " ".join(words[:6]), weights, prefixes, sum(weights.values()))


def _weighted_overlap(a: _Context, b: _Context) -> float:
    """Overlap of two nearest-first word lists, nearer words weighing more (0-100)."""
    if not a.words or not b.words:
        return 0.0
    shared = 0.0
    for w, wa in a.weights.items():
        best = b.weights.get(w)
        if best is None and len(w) > 4:
            best = b.prefixes.get(w[:5])
        if best is not None:
            shared += min(wa, best)
    total = min(a.total, b.total)
    return 100.0 * shared / total if total else 0.0


def agree(a: Claim, b: Claim) -> bool:
    """Whether two claims' intervals meet (before any tolerance: used for within-article links)."""
    return _meets(a.low, a.high, b.low, b.high)


# words that set one figure against another within a sentence
_CONTRAST = re.compile(r"\b(?:but|while|whereas|however|although|though|than|versus|vs\.?)\b", re.I)


# words that give a figure to a source, besides words of speech: "the union put the number at"
_ATTRIBUTION = re.compile(r"\b(?:put|puts|claim\w*|estimat\w*|count\w*|gave|gives|tall(?:y|ied))\b", re.I)


def disputed(a: Claim, b: Claim) -> bool:
    """Whether one sentence gives two figures for the same thing as rival accounts: the same
    measure, the second set against the first and said by someone ("put it at 5.9, but the
    USGS said 6.1"), not a part of the first ("four bombs fell, but only two in the camp")."""
    if a.sentence_start != b.sentence_start or a.kind != b.kind or block_key(a) != block_key(b):
        return False
    first, second = sorted((a, b), key=lambda c: c.start)
    between = a.sentence[first.end - first.sentence_start:second.start - second.sentence_start]
    na, nb = canonical_noun(a.noun), canonical_noun(b.noun)
    return bool(_CONTRAST.search(between) and (SPEECH.search(between) or _ATTRIBUTION.search(between))) \
        and (na == nb or not na or not nb)  # "1.09 million people ..., the union put it at 3.5 million"


Rivals = dict[tuple[str, str, str], set[tuple[object, object]]]


def rival_figures(claims: Iterable[Claim]) -> Rivals:
    """Per (article, measure, thing counted): the figures one of its sentences gives as rival
    accounts (see :func:`disputed`)."""
    rivals: Rivals = defaultdict(set)
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_sentence[(claim.article, claim.sentence_start)].append(claim)
    for same in by_sentence.values():
        for k, a in enumerate(same):
            for b in same[k + 1:]:
                if not agree(a, b) and disputed(a, b):
                    rivals[_measure(a)].update(((a.low, a.high), (b.low, b.high)))
    return rivals


def _measure(claim: Claim) -> tuple[str, str, str]:
    return claim.article, block_key(claim), canonical_noun(claim.noun)


def must_part(a: Claim, b: Claim, rivals: Rivals) -> bool:
    """Whether two claims of one article must not share a group: their figures differ, and the
    article does not report them as rival accounts of one measure (in one sentence set against
    each other, or elsewhere repeating such figures)."""
    if agree(a, b) or disputed(a, b):
        return False
    known = rivals.get(_measure(a))
    return not (known and _measure(a) == _measure(b) and (a.low, a.high) in known and (b.low, b.high) in known)


def _meets(al: object, ah: object, bl: object, bh: object) -> bool:
    lo = max((x for x in (al, bl) if x is not None), default=None)  # type: ignore[type-var]
    hi = min((x for x in (ah, bh) if x is not None), default=None)  # type: ignore[type-var]
    return lo is None or hi is None or lo <= hi  # type: ignore[operator]


def align(claims: Iterable[Claim], settings: Settings | None = None,
          exclude_articles: frozenset[str] = frozenset()) -> list[ClaimGroup]:
    """Groups of claims from two or more articles about the same fact."""
    settings = settings or Settings()
    blocks: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.article in exclude_articles or (claim.low is None and claim.high is None) \
                or claim.qualifier == "vague" or is_reporting_date(claim):
            # vague amounts ("tens of thousands") would glue unrelated figures together
            continue
        blocks[block_key(claim)].append(claim)
    groups: list[ClaimGroup] = []
    for key in sorted(blocks):
        for cluster in _cluster(blocks[key], settings.align_threshold):
            if len({c.article for c in cluster}) >= 2:
                ordered = tuple(sorted(cluster, key=lambda c: (c.article, c.start)))
                groups.append(ClaimGroup(ordered[0].kind, topic(ordered), ordered))
    return groups


# the share of the threshold that mutual best matches must reach
MUTUAL_FLOOR = 0.62


def _cluster(claims: list[Claim], threshold: float) -> list[list[Claim]]:
    """Average-linkage agglomeration over pairs above ``threshold``, with cannot-links
    (one article's claims that disagree never share a cluster).

    Only candidate pairs are scored (:func:`_candidate_pairs`); in small blocks they are every
    pair that can score, so the result is that of scoring all pairs. Link sums between
    clusters are carried through merges, so checking a merge does not rescan its members.
    """
    pairs, complete = _candidate_pairs(claims)
    sims: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        s = similarity(claims[i], claims[j])
        if s >= threshold * 0.6:
            sims[(i, j)] = s
    sims = _boost_mutual_best(claims, sims, threshold)
    clusters = _Clusters(claims, sims, None if complete else pairs)
    for (i, j), s in sorted(sims.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = clusters.owner[i], clusters.owner[j]
        if a == b or s < threshold or clusters.cannot_link(a, b):
            continue
        if clusters.mean_link(a, b, threshold * 0.8) < threshold * 0.8:
            continue
        clusters.merge(a, b)
    return clusters.groups()


class _Clusters:
    """The agglomeration's state: members, per-article index and link sums of each cluster.

    A class because a merge updates these indexes together. Internally a merge keeps the
    larger cluster's indexes and folds the smaller one in (cost ~ the smaller one); outside,
    a merged cluster keeps the name of the cluster of the pair's first claim and lists its
    members in merge order, as the all-pairs version did, so the output is the same.
    """

    def __init__(self, claims: list[Claim], sims: dict[tuple[int, int], float],
                 scored_pairs: list[tuple[int, int]] | None) -> None:
        n = len(claims)
        self.claims = claims
        self.sims = sims
        self.owner = list(range(n))  # claim -> cluster handle
        self.name = list(range(n))  # handle -> the cluster's name (the all-pairs version's id)
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}  # by name, in merge order
        self.by_article: dict[int, dict[str, list[int]]] = {i: {c.article: [i]} for i, c in enumerate(claims)}
        self.total: dict[int, dict[int, float]] = {i: {} for i in range(n)}
        for (i, j), s in sims.items():
            self.total[i][j] = s
            self.total[j][i] = s
        self.rivals = rival_figures(claims)
        # large blocks scored some pairs only: the mean is over those (None: over all pairs)
        self.scored: dict[int, dict[int, float]] | None = None
        if scored_pairs is not None:
            self.scored = {i: {} for i in range(n)}
            for i, j in scored_pairs:
                self.scored[i][j] = 1.0
                self.scored[j][i] = 1.0

    def cannot_link(self, a: int, b: int) -> bool:
        """Whether an article in both clusters states values there that do not meet (unless it
        sets them against each other as two sources' figures: "5.9, but the USGS said 6.1")."""
        small, large = sorted((self.by_article[a], self.by_article[b]), key=len)
        return any(must_part(self.claims[x], self.claims[y], self.rivals)
                   for article, xs in small.items() for x in xs for y in large.get(article, ()))


    def mean_link(self, a: int, b: int, bar: float) -> float:
        """Mean similarity over the pairs of different articles across two clusters."""
        total = self.total[a].get(b, 0.0)
        if self.scored is not None:
            scored = self.scored[a].get(b, 0.0)
            return total / scored if scored else 0.0
        small, large = sorted((self.by_article[a], self.by_article[b]), key=len)
        same = sum(len(xs) * len(large.get(article, ())) for article, xs in small.items())
        ma, mb = self.members[self.name[a]], self.members[self.name[b]]
        pairs = len(ma) * len(mb) - same
        if not pairs:
            return bar
        mean = total / pairs
        if abs(mean - bar) <= 1e-9 * max(1.0, abs(bar)):
            # sums carried through merges may differ in the last bits: add up as the original did
            mean = sum(self.sims.get((min(x, y), max(x, y)), 0.0) for x in ma for y in mb
                       if self.claims[x].article != self.claims[y].article) / pairs
        return mean

    def merge(self, a: int, b: int) -> None:
        """Merge cluster ``b`` into cluster ``a`` (handles): the result is named as ``a`` was."""
        name = self.name[a]
        self.members[name] = self.members[name] + self.members.pop(self.name[b])
        keep, fold = (a, b) if len(self.by_article[a]) + len(self.total[a]) >= \
            len(self.by_article[b]) + len(self.total[b]) else (b, a)
        self.name[keep] = name
        for k in (k for xs in self.by_article[fold].values() for k in xs):
            self.owner[k] = keep
        into = self.by_article[keep]
        for article, xs in self.by_article.pop(fold).items():
            into.setdefault(article, []).extend(xs)
        _fold_links(self.total, keep, fold)
        if self.scored is not None:
            _fold_links(self.scored, keep, fold)

    def groups(self) -> list[list[Claim]]:
        return [[self.claims[i] for i in sorted(group)] for _, group in sorted(self.members.items())]


def _fold_links(links: dict[int, dict[int, float]], keep: int, fold: int) -> None:
    """Add cluster ``fold``'s link sums to ``keep``'s, in both directions, and forget ``fold``."""
    into = links[keep]
    into.pop(fold, None)
    for k, v in links.pop(fold).items():
        if k == keep:
            continue
        into[k] = into.get(k, 0.0) + v
        neighbour = links[k]
        neighbour[keep] = neighbour.get(keep, 0.0) + neighbour.pop(fold)


# Blocks whose claims share at most this many (claim, claim) key pairs are scored in full;
# above it each claim keeps its best-placed candidates only, so the cost grows with n, not n².
EXACT_PAIRS = 20_000
_WINDOW = 6  # neighbours each side in a key's value-ordered list (large blocks)
_NEIGHBOURS = 10  # candidates kept per claim (large blocks)


def _candidate_pairs(claims: list[Claim]) -> tuple[list[tuple[int, int]], bool]:
    """Pairs (i < j, different articles) worth scoring, and whether they are all that can score.

    Keys are what :func:`similarity` compares: the concepts of the words near a claim (its
    first eight; words of five letters or more by their first five, as _weighted_overlap
    matches them), the thing counted (nouns within a fuzz.ratio of 75 share a key), for
    quantities the interval itself, and the day a sentence dates its figure to. A pair sharing
    none has no word, noun, figure or day in common: its score comes from letters of unrelated
    words and shared names only, below the default threshold, and below 0.6 of it on the bundled
    and shared corpora (tests/test_align_candidates). A bonus for a new shared feature needs a key.

    Small blocks: every pair sharing a key. Large blocks: each key's claims are ordered by
    value, each claim meets its ``_WINDOW`` neighbours on either side in every key, and keeps
    the ``_NEIGHBOURS`` met through the most (and rarest) keys.
    """
    postings: dict[tuple[str, object], list[int]] = defaultdict(list)
    for i, keys in enumerate(_claim_keys(claims)):
        for key in keys:
            postings[key].append(i)
    lists = [p for p in postings.values() if len(p) > 1]
    if sum(len(p) * (len(p) - 1) // 2 for p in lists) <= EXACT_PAIRS:
        found = {(x, y) for p in lists for k, x in enumerate(p) for y in p[k + 1:]
                 if claims[x].article != claims[y].article}
        return sorted(found), True
    return _nearest_pairs(claims, lists), False


def _claim_keys(claims: list[Claim]) -> list[set[tuple[str, object]]]:
    nouns = sorted({canonical_noun(c.noun) for c in claims if c.noun})
    similar: dict[str, list[str]] = {noun: [noun] for noun in nouns}
    if len(nouns) <= 200:  # a loop: cdist would import numpy, a tenth of a second for a small event
        close = [(a, b) for k, a in enumerate(nouns) for b in nouns[k + 1:] if fuzz.ratio(a, b, score_cutoff=74)]
    else:
        from rapidfuzz import process

        scores = process.cdist(nouns, nouns, scorer=fuzz.ratio, score_cutoff=74)
        close = [(nouns[a], nouns[b]) for a, b in zip(*scores.nonzero(), strict=True) if a < b]
    for a, b in close:
        similar[a].append(b)
        similar[b].append(a)
    out = []
    for c in claims:
        keys: set[tuple[str, object]] = set()
        for word in dict.fromkeys(concept(w) for w in c.context[:8]):
            keys.add(("w", word[:5]) if len(word) > 4 else ("w", word))
        if c.noun:
            keys.update(("n", noun) for noun in similar[canonical_noun(c.noun)])
        if c.kind == "quantity":
            keys.add(("v", (c.low, c.high)))
            if c.dimension in _SELF_NAMED:
                keys.add(("m", c.dimension))  # the measure stands for the thing counted
            if c.dimension == "age":
                keys.update(("p", name) for name in person(c).split())  # whose age it is
        if c.anchor and c.anchor[0] == c.anchor[1]:
            keys.add(("d", c.anchor))  # SAME_DAY_BONUS
        if c.kind == "date" and c.lead:
            keys.add(("l", True))  # LEAD_BONUS
        out.append(keys)
    return out


def _nearest_pairs(claims: list[Claim], lists: list[list[int]]) -> list[tuple[int, int]]:
    """Each claim's best-placed candidates in large blocks (vectorised: there are many)."""
    import numpy as np

    n = len(claims)
    order = sorted(range(n), key=lambda i: (_sort_value(claims[i]), claims[i].article, i))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    articles = {a: k for k, a in enumerate(sorted({c.article for c in claims}))}
    article = np.array([articles[c.article] for c in claims], dtype=np.int64)
    xs, ys, ws = [], [], []
    for p in lists:
        members = np.array(p, dtype=np.int64)
        members = members[np.argsort(rank[members], kind="stable")]
        weight = math.log(n / len(p)) + 1.0  # rarer keys say more
        for d in range(1, min(_WINDOW, len(members) - 1) + 1):
            xs.append(members[:-d])
            ys.append(members[d:])
            ws.append(np.full(len(members) - d, weight))
    x, y, w = np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)
    x, y, w = np.concatenate((x, y)), np.concatenate((y, x)), np.concatenate((w, w))
    keep = article[x] != article[y]
    x, y, w = x[keep], y[keep], w[keep]
    pair, inverse = np.unique(x * n + y, return_inverse=True)
    votes = np.bincount(inverse, weights=w)
    px, py = pair // n, pair % n
    # per claim: most votes first, then nearest in value order, then lowest index
    best = np.lexsort((py, np.abs(rank[px] - rank[py]), -votes, px))
    px, py = px[best], py[best]
    starts = np.searchsorted(px, np.arange(n))
    position = np.arange(len(px)) - starts[px]
    px, py = px[position < _NEIGHBOURS], py[position < _NEIGHBOURS]
    chosen = np.unique(np.minimum(px, py) * n + np.maximum(px, py))
    return [(int(v // n), int(v % n)) for v in chosen]


def _sort_value(claim: Claim) -> tuple[int, float, str]:
    for x in (claim.value, claim.low, claim.high):
        if isinstance(x, (int, float)):
            return (0, float(x), "")
        if isinstance(x, str):
            return (1, 0.0, x)
    return (2, 0.0, "")


def _boost_mutual_best(claims: list[Claim], sims: dict[tuple[int, int], float],
                       threshold: float) -> dict[tuple[int, int], float]:
    """Two claims that are each other's best match between their two articles likely state the
    same fact even in different words: such pairs need only a lower score to be linked."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), s in sims.items():
        for x, y in ((i, j), (j, i)):
            key = (x, claims[y].article)
            if s > best.get(key, (-1.0, -1))[0]:
                best[key] = (s, y)
    boosted = dict(sims)
    floor = threshold * MUTUAL_FLOOR
    for (i, j), s in sims.items():
        mutual = best.get((i, claims[j].article), (0, -1))[1] == j \
            and best.get((j, claims[i].article), (0, -1))[1] == i
        if floor <= s < threshold and mutual and _may_boost(claims[i]) and _may_boost(claims[j]) \
                and not roles_conflict(claims[i], claims[j]):
            boosted[(i, j)] = threshold
    return boosted


def _may_boost(claim: Claim) -> bool:
    """Figures, times and days; not months or weeks, which background sentences are full of."""
    return claim.kind != "date" or claim.granularity == "day"


_ROLE_WORDS = {"killed": "killed", "injured": "injured", "withdraw": "withdrawn", "remain": "remaining",
               "arrest": "arrested", "missing": "missing", "displace": "displaced", "rescue": "rescued",
               "quake": "", "aftershock": "aftershock"}
_DIMENSION_LABELS = {"length": "distance", "duration": "duration", "percent": "percentage",
                     "percent-points": "percentage points", "magnitude": "magnitude", "age": "age",
                     "speed": "speed", "area": "area", "mass": "weight", "volume": "volume",
                     "tally": "tally", "temperature": "temperature", "power": "power"}


def _primary_role(claim: Claim) -> str:
    """The role named by the word nearest the claim ("10 killed and 50 injured": killed for 10)."""
    return _primary_role_of(claim.context[:5], claim.noun)


@lru_cache(maxsize=65536)
def _primary_role_of(context: tuple[str, ...], noun: str) -> str:
    if noun and (ROLES.get(noun) or ROLES.get(noun.rstrip("s"))):
        return ROLES.get(noun) or ROLES[noun.rstrip("s")]
    for word in context:
        for stem, role in ROLES.items():
            if word.startswith(stem):
                return role
    return ""


def topic(claims: Sequence[Claim]) -> str:
    """A short human label for a group: what is measured or counted, what happened to it, and
    the name its sentences share ("people killed, Qeshm"; "magnitude"; "date: attack")."""
    first = claims[0]
    nouns = Counter(c.noun for c in claims if c.noun and c.noun not in ("others", "more", "other"))
    head: str
    if first.kind in ("date", "time"):
        head = str(first.kind)
    elif first.dimension == "money":
        head = f"amount ({first.unit})"
    elif first.dimension in _DIMENSION_LABELS:
        head = _DIMENSION_LABELS[first.dimension]
    else:
        head = nouns.most_common(1)[0][0] if nouns else "number"
    role_counts = Counter(r for r in map(_primary_role, claims) if r)
    label: list[str] = [head]
    for role, count in role_counts.most_common(1):
        word = _ROLE_WORDS.get(role, "")
        if word and count * 2 >= len(claims) and not head.startswith(word):
            label.append(word)
    if first.kind in ("date", "time") and len(label) == 1:
        concepts = Counter(concept(w) for c in claims for w in dict.fromkeys(c.context[:4]))
        shared = [w for w, n in concepts.most_common(3) if n >= 2 and w in set(CONCEPTS.values())]
        if shared:
            label.append(shared[0])
    names = Counter(e for c in claims for e in dict.fromkeys(c.entities))
    place = next((e for e, n in names.most_common(3) if n >= 2 and len(e) > 2), "")
    text = " ".join(label)
    return f"{text}, {place}" if place else text

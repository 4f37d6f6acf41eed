"""Compare: groups of aligned claims -> Discrepancies.

Within a group, claims agree when their intervals meet, after converting units and
allowing for rounding where a figure was converted ("10 miles (16 km)"). Agreeing claims
form sides; a group with two or more sides is a discrepancy, with a severity and a
one-line explanation naming who said what.

Severity (documented in the README):
- major: a quantity whose sides differ by at least ``major_difference`` (15%) of the larger
  value, or by any amount when the fact is central (people killed or injured, money,
  magnitude); a day-level date or a clock time more than 15 minutes apart;
- minor: everything else (small relative differences, month- or year-level dates).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from factcheck.align import similarity
from factcheck.config import Settings
from factcheck.extract.quantities import WRITTEN_FIGURE
from factcheck.extract.units import to_canonical
from factcheck.models import Article, Claim, ClaimGroup, Discrepancy, Severity
from factcheck.reading import canonical_noun, roles

_CENTRAL_ROLES = {"killed", "injured"}
# counts that grow as reports come in: a bound on one is the figure known so far
_TALLIES = frozenset({"killed", "injured", "arrest", "missing", "rescue", "displace"})


def interval(claim: Claim, widen: float = 0.0) -> tuple[float, float]:
    """The claim's interval as comparable numbers (canonical units, days, UTC minutes)."""
    if claim.kind == "quantity":
        lo = -float("inf") if claim.low is None else to_canonical(float(claim.low), claim.unit, claim.dimension)
        hi = float("inf") if claim.high is None else to_canonical(float(claim.high), claim.unit, claim.dimension)
        if widen:
            lo, hi = lo - abs(lo) * widen, hi + abs(hi) * widen
        return lo, hi
    if claim.kind == "date":
        lo = -float("inf") if claim.low is None else dt.date.fromisoformat(str(claim.low)).toordinal()
        hi = float("inf") if claim.high is None else dt.date.fromisoformat(str(claim.high)).toordinal()
        return float(lo), float(hi)
    return _minutes(claim.low), _minutes(claim.high)


def _minutes(text: object) -> float:
    """Minutes of the day, in UTC when the time carries an offset."""
    s = str(text)
    clock = s.split("T", 1)[-1]
    parsed = dt.time.fromisoformat(clock)
    minutes = parsed.hour * 60 + parsed.minute
    offset = parsed.utcoffset()
    return float(minutes) - (offset.total_seconds() / 60 if offset else 0.0)


def claims_agree(a: Claim, b: Claim, settings: Settings) -> bool:
    """Whether two claims about one fact can both be true."""
    if a.kind == "time" and _zoned(a.low) != _zoned(b.low):
        # "12:00 GMT" and "2:53 p.m. local time": without the local zone, either may be right
        return True
    if a.dimension == "tally" or b.dimension == "tally":
        return a.stated_unit == b.stated_unit
    widen = 0.0
    if a.kind == "quantity" and (a.stated_unit != b.stated_unit or a.unit != b.unit):
        widen = settings.rounding_tolerance  # a converted figure is rounded
    if a.kind == "quantity" and a.dimension == "count" and {a.qualifier, b.qualifier} == {"lower", "exact"} \
            and roles(a) & roles(b) & _TALLIES:
        at_least, exact = (a, b) if a.qualifier == "lower" else (b, a)
        if not _round_hedge(at_least):
            # "at least 11 killed" beside "12 killed": a toll known so far, 11, against 12; but
            # "more than 100 arrested" rounds down, and "more than 100,000 live there" is no toll
            return _meet(_point_interval(at_least, "low", widen), _rounded(exact, interval(exact, widen)))
    if a.kind == "quantity" and a.qualifier == b.qualifier and a.qualifier in ("lower", "upper"):
        # "at least 3" and "at least 10" dead are two different tolls, though both could be
        # true: news reports a bound as the figure known so far, so the bounds must match
        bound = "high" if a.qualifier == "upper" else "low"
        return _meet(_point_interval(a, bound, widen), _point_interval(b, bound, widen))
    return _meet(_rounded(a, interval(a, widen)), _rounded(b, interval(b, widen)))


def _rounded(claim: Claim, span: tuple[float, float]) -> tuple[float, float]:
    """A figure's interval with the precision its digits state. A measurement: "72 percent" is
    71.5-72.5, "72.2%" 72.15-72.25. Counts and money are stated to the unit, unless written
    with a decimal and a scale word: "1.09 million" is 1,085,000-1,095,000 (just inside, so
    that "$3.5 billion" does not reach "about $3.6 billion")."""
    written = _written(claim)
    if claim.qualifier != "exact" or written is None or not isinstance(claim.value, (int, float)):
        return span
    figure, decimals, scaled = written
    share = 0.5
    if claim.dimension in _STATED_EXACTLY:
        if not (decimals and scaled):
            return span
        share = 0.495
    half = share * 10.0 ** -decimals * abs(to_canonical(float(claim.value), claim.unit, claim.dimension) / figure)
    return span[0] - half, span[1] + half


def _written(claim: Claim) -> tuple[float, int, bool] | None:
    """How a quantity's figure is written: (the figure, its decimals, whether a scale word
    follows: "1.09 million" is (1.09, 2, True)); None when no nonzero figure is written."""
    digits = WRITTEN_FIGURE.search(claim.quote) if claim.kind == "quantity" else None
    if digits is None or not claim.value:
        return None
    figure = float(digits.group().replace(",", ""))
    if not figure:
        return None
    return figure, len(digits.group(1) or ""), bool(_SCALE_WORD.match(claim.quote, digits.end()))


_STATED_EXACTLY = ("count", "money", "tally", "age")
_SCALE_WORD = re.compile(r"\s?(?:million|billion|trillion|mn|bn|tn|m|b|lakh|crore)\b", re.I)


def _round_hedge(claim: Claim) -> bool:
    """A bound on a round figure ("more than 100", "over 1,100"): a hedge, not a tally."""
    return isinstance(claim.value, (int, float)) and claim.value >= 100 and float(claim.value) % 10 == 0


def _point_interval(claim: Claim, bound: str, widen: float) -> tuple[float, float]:
    """The stated figure of a bound ("more than 100" states 100), as an interval."""
    if isinstance(claim.value, (int, float)):
        value = to_canonical(float(claim.value), claim.unit, claim.dimension)
    else:
        lo, hi = interval(claim)
        value = hi if bound == "high" else lo
    return value - abs(value) * widen, value + abs(value) * widen


_ZONE = re.compile(r"(?:[+-]\d\d:\d\d|Z)$")


def _zoned(iso: object) -> bool:
    return bool(_ZONE.search(str(iso)))


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def sides_of(claims: Sequence[Claim], settings: Settings) -> list[list[Claim]]:
    """Partition claims into sides whose members all agree, leaving out hedged measurements
    that take no side: a magnitude of "at least 5.9" agrees with both "5.9" and "6.1"."""
    sides = _sides(claims, settings)
    neutral = _neutral(sides, settings) if len(sides) > 1 else set()
    if not neutral:
        return sides
    return _sides([c for c in claims if c.id not in neutral], settings)


def _sides(claims: Sequence[Claim], settings: Settings) -> list[list[Claim]]:
    """Partition claims into sides whose members all agree.

    Claims stating the same figure start as one side ("10", "at least 10"); sides then merge,
    nearest figures first, when every pair across them agrees. So "at least three" stays apart
    from "at least 10" even though both agree with a plain "10". Claims are compared by what
    agreement reads of them, so a hundred outlets printing "600" cost one comparison.
    """
    by_signature: dict[tuple[object, ...], list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: c.id):
        by_signature.setdefault(_signature(claim), []).append(claim)
    signatures = list(by_signature)
    representative = [by_signature[sig][0] for sig in signatures]
    agreed: dict[tuple[int, int], bool] = {}

    def agree(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in agreed:
            agreed[key] = claims_agree(representative[x], representative[y], settings)
        return agreed[key]

    by_figure: dict[tuple[str, float], list[int]] = {}
    for k, claim in enumerate(representative):
        by_figure.setdefault(_figure(claim), []).append(k)
    # a figure's own claims must agree too ("about 600" and "600" do; a bound may not)
    groups: list[list[int]] = []
    for _, members in sorted(by_figure.items()):
        parts: list[list[int]] = []
        for k in members:
            part = next((p for p in parts if all(agree(k, other) for other in p)), None)
            if part is None:
                parts.append([k])
            else:
                part.append(k)
        groups.extend(parts)
    centres = [_centre([representative[k] for k in g]) for g in groups]
    owner = list(range(len(groups)))
    members_of: dict[int, list[int]] = dict(enumerate(groups))
    pairs = sorted((abs(centres[x] - centres[y]), x, y) for x in range(len(groups))
                   for y in range(x + 1, len(groups)))
    for _, a, b in pairs:
        ra, rb = owner[a], owner[b]
        if ra == rb or not all(agree(x, y) for x in members_of[ra] for y in members_of[rb]):
            continue
        for k in range(len(owner)):
            if owner[k] == rb:
                owner[k] = ra
        members_of[ra] = members_of[ra] + members_of.pop(rb)
    sides = [sorted((c for k in ks for c in by_signature[signatures[k]]), key=lambda c: c.id)
             for ks in members_of.values()]
    return sorted(sides, key=lambda side: (_centre(side), side[0].id))


def _neutral(sides: list[list[Claim]], settings: Settings) -> set[str]:
    """Ids of measurements that take no side: each agrees with every claim of two sides that
    hold a committed claim (one that agrees with a single side only). "At least 5.9" beside
    "5.9" and "6.1"; a rounded "72 percent" beside "71.8" and "72.2". Counts and money are
    not read this way: "at least 12 dead" is the toll known so far, so it states 12."""
    if sides[0][0].kind != "quantity" or sides[0][0].dimension in ("count", "money", "tally"):
        return set()
    backing: dict[str, list[int]] = {}
    for side in sides:
        for claim in side:
            backing[claim.id] = [k for k, other_side in enumerate(sides)
                                 if any(other is not claim for other in other_side)
                                 and all(claims_agree(claim, other, settings)
                                         for other in other_side if other is not claim)]
    committed = {k for k, side in enumerate(sides) if any(len(backing[c.id]) <= 1 for c in side)}
    return {cid for cid, ks in backing.items() if len(committed.intersection(ks)) >= 2}




def _signature(claim: Claim) -> tuple[object, ...]:
    """What agreement reads of a claim: claims with equal signatures agree with the same others.
    Besides the interval: the precision its digits state ("72" vs "72.0") and whether it is a
    toll (see claims_agree)."""
    written = _written(claim)
    precision = written[1:] if written else None
    return (claim.kind, claim.low, claim.high, claim.unit, claim.stated_unit, claim.qualifier,
            claim.value, claim.dimension, precision, bool(roles(claim) & _TALLIES))


def _figure(claim: Claim) -> tuple[str, float]:
    """The number a claim states, comparable across units (dates as days, times as minutes)."""
    if claim.kind == "quantity" and isinstance(claim.value, (int, float)):
        return claim.kind, round(to_canonical(float(claim.value), claim.unit, claim.dimension), 9)
    lo, hi = interval(claim)
    return claim.kind, lo if hi == float("inf") else hi if lo == -float("inf") else (lo + hi) / 2


def _split(side: list[Claim], settings: Settings) -> list[list[Claim]]:
    parts: list[list[Claim]] = []
    for claim in side:
        for part in parts:
            if all(claims_agree(claim, other, settings) for other in part):
                part.append(claim)
                break
        else:
            parts.append([claim])
    return parts


def _centre(side: Sequence[Claim]) -> float:
    lo, hi = interval(side[0])
    if lo == -float("inf"):
        return hi
    if hi == float("inf"):
        return lo
    return (lo + hi) / 2


def compare(groups: Sequence[ClaimGroup], articles: Sequence[Article], event: str,
            settings: Settings | None = None, copies: dict[str, str] | None = None,
            claims: Sequence[Claim] = ()) -> list[Discrepancy]:
    """A discrepancy for every group whose claims do not all agree.

    ``claims`` (all the event's claims) lets a thing counted that each outlet mentions only
    once ("passengers") count as evidence that their figures state the same fact.
    """
    settings = settings or Settings()
    copies = copies or {}
    by_id = {a.id: a for a in articles}
    noun_uses = Counter((c.article, canonical_noun(c.noun)) for c in claims if c.noun)
    found: list[Discrepancy] = []
    for group in groups:
        # "dozens", "hundreds": too vague to stand as a side of their own
        sides = [s for s in sides_of(group.claims, settings) if any(c.qualifier != "vague" for c in s)]
        independent = [s for s in sides if any(c.article not in copies for c in s)] if copies else sides
        if len(sides) < 2 or len(independent) < 1:
            continue
        articles_involved = {c.article for s in sides for c in s}
        if len(articles_involved) < 2:
            continue
        confidence = _confidence(sides, len(articles_involved - set(copies)))
        if noun_uses and _sole_mentions(group, noun_uses):
            confidence = min(100.0, confidence + SOLE_NOUN_BONUS)
        if confidence < settings.min_confidence:
            continue  # the claims may not speak of the same fact: not worth a reader's time
        placed = {c.id for s in sides for c in s}
        compatible = tuple(c.id for c in group.claims if c.id not in placed and c.qualifier != "vague")
        found.append(replace(_discrepancy(group, sides, by_id, event, settings, copies),
                             confidence=round(confidence, 1), compatible=compatible))
    found.sort(key=lambda d: (d.severity != "major", d.topic, d.fingerprint))
    return [_renumber(d, i) for i, d in enumerate(found, 1)]


def _renumber(d: Discrepancy, i: int) -> Discrepancy:
    return replace(d, id=f"d{i}")


# confidence added for every independent article beyond two that takes part in a discrepancy
CORROBORATION_BONUS = 6.0
# claims per side scored when looking for the best link between sides
CONFIDENCE_SAMPLE = 25
# confidence added when every outlet counts the thing only once in its article
SOLE_NOUN_BONUS = 10.0


def _sole_mentions(group: ClaimGroup, noun_uses: Counter[tuple[str, str]]) -> bool:
    """Whether all claims count one thing, which each article counts in this claim alone."""
    nouns = {canonical_noun(c.noun) for c in group.claims}
    if len(nouns) != 1 or "" in nouns:
        return False
    noun = nouns.pop()
    return all(noun_uses[(c.article, noun)] == 1 for c in group.claims)


def _confidence(sides: Sequence[Sequence[Claim]], independent_articles: int) -> float:
    """The best alignment score between claims on different sides, plus corroboration."""
    best = 0.0
    # the best link is found among a side's first claims; huge sides need not all be scored
    capped = [side[:CONFIDENCE_SAMPLE] for side in sides]
    for i, side in enumerate(capped):
        for other in capped[i + 1:]:
            for a in side:
                for b in other:
                    if a.article != b.article:
                        best = max(best, similarity(a, b))
    return min(100.0, best + CORROBORATION_BONUS * max(0, independent_articles - 2))


def _discrepancy(group: ClaimGroup, sides: list[list[Claim]], articles: dict[str, Article],
                 event: str, settings: Settings, copies: dict[str, str]) -> Discrepancy:
    relative = _relative_difference(sides)
    severity = _severity(group, sides, relative, settings)
    changed = _changed_over_time(sides, articles)
    parts = []
    for side in (sorted(sides, key=lambda s: _earliest(s, articles)) if changed else sides):
        outlets = _names(side, articles, copies)
        verb = "says" if len(outlets) == 1 else "say"
        parts.append(f"{_join(outlets)} {verb} {side[0].quote}")
    explanation = "; ".join(parts)
    if changed:
        explanation = "changed over time: " + explanation.replace("; ", "; later ", )
    syndicated = tuple(sorted({c.article for s in sides for c in s if c.article in copies}))
    return Discrepancy(
        id="", kind=group.kind, severity=severity, topic=group.topic,
        sides=tuple(tuple(c.id for c in side) for side in sides), explanation=explanation,
        fingerprint=fingerprint(event, group, sides), changed_over_time=changed,
        relative_difference=None if relative is None else round(relative, 4), syndicated=syndicated,
    )


def _names(side: Sequence[Claim], articles: dict[str, Article], copies: dict[str, str]) -> list[str]:
    names: list[str] = []
    for claim in side:
        article = articles.get(claim.article)
        name = article.outlet if article else claim.article
        if claim.article in copies:
            original = articles.get(copies[claim.article])
            name += f" (copy of {original.outlet if original else copies[claim.article]})"
        if name not in names:
            names.append(name)
    return names


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _relative_difference(sides: list[list[Claim]]) -> float | None:
    if sides[0][0].kind != "quantity":
        return None
    centres = [_centre(s) for s in sides]
    lo, hi = min(centres), max(centres)
    if hi == lo or max(abs(lo), abs(hi)) == 0:
        return 0.0 if hi == lo else 1.0
    return (hi - lo) / max(abs(lo), abs(hi))


def _severity(group: ClaimGroup, sides: list[list[Claim]], relative: float | None,
              settings: Settings) -> Severity:
    first = group.claims[0]
    if first.kind == "quantity":
        central = first.dimension in ("money", "magnitude") or any(
            roles(c) & _CENTRAL_ROLES for c in group.claims)
        if relative is not None and (relative >= settings.major_difference or central):
            return "major"
        return "minor"
    if first.kind == "time":
        centres = [_centre(s) for s in sides]
        return "major" if max(centres) - min(centres) > 15 else "minor"
    day_level = all(c.granularity == "day" for c in group.claims)
    return "major" if day_level else "minor"


def _earliest(side: Sequence[Claim], articles: dict[str, Article]) -> dt.datetime:
    times = [_when(articles.get(c.article)) for c in side]
    return min(times)


def _when(article: Article | None) -> dt.datetime:
    if article is None or article.published is None:
        return dt.datetime.max
    moment = article.published
    return moment.replace(tzinfo=None) - (moment.utcoffset() or dt.timedelta())


def _changed_over_time(sides: list[list[Claim]], articles: dict[str, Article]) -> bool:
    """A figure that later reports revised: sides published one after the other, about a toll."""
    if sides[0][0].kind != "quantity":
        return False
    spans = []
    for side in sides:
        times = [_when(articles.get(c.article)) for c in side]
        if dt.datetime.max in times:
            return False
        spans.append((min(times), max(times)))
    spans.sort()
    ordered = all(a[1] < b[0] for a, b in itertools.pairwise(spans))
    # a toll (people killed or hurt) is the figure that grows as reports come in
    return ordered and any(roles(c) & _CENTRAL_ROLES for s in sides for c in s)


def _narrowest(side: Sequence[Claim]) -> str:
    def width(c: Claim) -> tuple[float, str]:
        lo, hi = interval(c)
        return hi - lo, f"{c.low}|{c.high}"
    return min(width(c) for c in side)[1]


def fingerprint(event: str, group: ClaimGroup, sides: Sequence[Sequence[Claim]]) -> str:
    """Stable across runs, file order and articles that merely agree with a side: the event,
    what is measured and the values in dispute (not who holds them, which grows over time)."""
    first = group.claims[0]
    nouns = sorted({canonical_noun(c.noun) for c in group.claims if c.noun})
    parts = [event, first.kind, first.dimension, ",".join(nouns)]
    # each side by its narrowest claim, which agreeing newcomers ("at least 12" beside "12") keep
    values = sorted(_narrowest(side) for side in sides)
    parts.extend(values)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

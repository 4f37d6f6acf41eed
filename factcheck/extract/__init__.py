"""Extract: Article -> Claims (quantities, dates, clock times), each pinned to its span."""

from __future__ import annotations

import datetime as dt
import re

from factcheck.config import Settings
from factcheck.extract.dates import find_dates
from factcheck.extract.found import Found
from factcheck.extract.quantities import find_quantities
from factcheck.extract.text import Sentence, SentenceIndex, context_words, entities
from factcheck.models import Article, Claim

__all__ = ["extract_claims", "find_dates", "find_quantities"]


def extract_claims(article: Article, settings: Settings | None = None) -> list[Claim]:
    """Every claim in ``article.body``, in text order, with ids ``<article>:<n>``."""
    settings = settings or Settings()
    body = article.body
    dates = find_dates(body, article.published_date)
    quantities = find_quantities(body, dates, settings.approx_tolerance)
    index = SentenceIndex(body)
    anchors = _anchors(index, dates, article)
    claims = []
    dates = [f for f in dates if f.kind != "invalid"]
    # each sentence once: is it a byline, and which names does it hold
    by_sentence: dict[int, list[Found]] = {}
    for f in sorted(dates + quantities, key=lambda f: (f.start, f.end)):
        by_sentence.setdefault(index.at(f.start).start, []).append(f)
    lead = _lead(index)
    n = 0
    for found_here in by_sentence.values():
        sentence = index.at(found_here[0].start)
        if _is_metadata(sentence, found_here):
            continue
        names = entities(sentence.text)
        for found in found_here:
            n += 1
            anchor = _nearest(anchors.get(sentence.start), found) if found.kind != "date" else None
            if found.kind == "time" and anchor and anchor[0] == anchor[1] and article.published_date:
                found = _redate(found, anchor[0], article.published_date.isoformat())
            claims.append(_claim(article, n, found, sentence.text, sentence.start,
                                 context_words(sentence, found.start, found.end), names, anchor,
                                 sentence.start == lead))
    return claims


# the fewest words of an opening sentence: shorter ones are datelines and time stamps
LEAD_WORDS = 6


def _lead(index: SentenceIndex) -> int:
    """Where the lead starts: the first sentence of LEAD_WORDS words or more (-1: none)."""
    return next((s.start for s in index.sentences if len(_STAMP_WORDS.findall(s.text)) >= LEAD_WORDS), -1)


# bylines and time stamps ("Published Apr 18, 2025", "Last Updated: ...") are not claims
_METADATA = re.compile(r"\s*(?:published|updated|last updated|posted|first published|modified|"
                       r"created|\u00a9|copyright|photo|image|credit)\b", re.I)
# a sentence whose dates all end this long before publication speaks of an earlier event
HISTORICAL_DAYS = 180
_STAMP_WORDS = re.compile(r"[A-Za-z]{3,}")


def _is_metadata(sentence: Sentence, found: list[Found]) -> bool:
    """A byline or time stamp: a line opening with "Updated", or one that is nearly all date.
    ``found`` holds the claims found in this sentence."""
    if _METADATA.match(sentence.text):
        return True
    rest = sentence.text
    for f in found:
        if f.kind != "quantity":
            rest = rest.replace(sentence.text[f.start - sentence.start:f.end - sentence.start], " ")
    return len(_STAMP_WORDS.findall(rest)) < 2


# "the lowest since 1985", "the highest turnout since 1992": a comparison with now, so the year is
# not when the sentence's figures happened (unlike "the war waged since 1955")
_SINCE = re.compile(r"\b(?:\w+est|most|least|first|only)\b[^.;]{0,60}\bsince\s+(?:the\s+)?$", re.I)
_PRONOUN_START = re.compile(r"\s*(?:It|That|This|They|The (?:quake|attack|storm|blast|disaster)|"
                            r"(?:Before|Until|By|At) (?:that|then|the time)\b)\b")


def _redate(found: Found, day: str, published: str) -> Found:
    """A clock time belongs to the day its sentence names ("Thursday at 3:20 p.m.")."""
    from dataclasses import replace

    def move(x: float | str | None) -> float | str | None:
        return x.replace(published, day, 1) if isinstance(x, str) and x.startswith(published) else x
    return replace(found, low=move(found.low), high=move(found.high))


Anchor = tuple[str, str, bool]  # (low, high, historical)


def _nearest(anchors: list[tuple[int, Anchor]] | None, found: Found) -> Anchor | None:
    """The anchor of the date nearest the claim: "520,000 last year, a third of the 1.6
    million in 2000" dates each figure by its own neighbour."""
    if not anchors:
        return None
    return min(anchors, key=lambda a: abs(a[0] - found.start))[1]


def _anchors(index: SentenceIndex, dates: list[Found], article: Article) -> dict[int, list[tuple[int, Anchor]]]:
    """{sentence start: [(offset, anchor)]}: the dates that say when a sentence's claims happened.

    A sentence's own dates anchor it; a sentence opening with a pronoun ("It killed 612")
    inherits the anchors of the sentence before.
    """
    by_sentence: dict[int, list[Found]] = {}
    for f in dates:
        if f.kind == "date" and f.low is not None and f.high is not None \
                and not _SINCE.search(article.body, max(0, f.start - 80), f.start):
            by_sentence.setdefault(index.at(f.start).start, []).append(f)
    try:
        cutoff = (article.published_date - dt.timedelta(days=HISTORICAL_DAYS)).isoformat() \
            if article.published_date else None
    except OverflowError:
        cutoff = None  # published in the first year of the calendar: nothing is older
    out: dict[int, list[tuple[int, Anchor]]] = {}
    previous: list[tuple[int, Anchor]] | None = None
    for sentence in index.sentences:
        found = by_sentence.get(sentence.start)
        anchors: list[tuple[int, Anchor]] | None = None
        if found:
            anchors = [(f.start, (str(f.low), str(f.high), cutoff is not None and str(f.high) < cutoff))
                       for f in found]
        elif previous is not None and _PRONOUN_START.match(sentence.text):
            anchors = previous
        if anchors is not None:
            out[sentence.start] = anchors
        previous = anchors
    return out


def _claim(article: Article, n: int, f: Found, sentence: str, sentence_start: int,
           context: tuple[str, ...], names: tuple[str, ...],
           anchor: tuple[str, str, bool] | None, lead: bool = False) -> Claim:
    words = [w for w in context if not f.noun or not f.noun.startswith(w)][:3]
    subject = " ".join([f.noun, *words] if f.noun else words)
    return Claim(
        id=f"{article.id}:{n}", article=article.id, kind=f.kind,  # type: ignore[arg-type]
        quote=article.body[f.start:f.end], sentence=sentence, start=f.start, end=f.end,
        low=_tidy(f.low), high=_tidy(f.high), unit=f.unit, subject=subject, value=_tidy(f.value),
        qualifier=f.qualifier, stated_unit=f.stated_unit, granularity=f.granularity,
        dimension=f.dimension, context=context, entities=names, sentence_start=sentence_start,
        noun=f.noun, anchor=anchor[:2] if anchor else None,
        historical=bool(anchor and anchor[2]), lead=lead,
    )


def _tidy(x: float | str | None) -> float | str | None:
    """Whole floats as ints in reports (600, not 600.0); others rounded to drop float noise."""
    if isinstance(x, float):
        return int(x) if x.is_integer() and abs(x) < 2**53 else round(x, 6)
    return x

"""Tests of date and clock-time extraction: absolute, partial, ranged and relative dates.

Relative dates are resolved against the publication date, Friday 18 April 2025, unless a
test says otherwise. Each table row is (sentence, expected quote, expected low/high); the
sentences are written for these tests. Every extracted claim is also checked against the
claim contract's invariants (``check_invariants``).

"""

from __future__ import annotations

import datetime as dt

import pytest
from extracting import PUBLISHED, extract

from factcheck.models import Claim


def claim_of(kind: str, body: str, quote: str, published: dt.datetime | None = PUBLISHED) -> Claim:
    """The one claim of ``kind`` quoting exactly ``quote``."""
    found = [c for c in extract(body, published) if c.kind == kind]
    matches = [c for c in found if c.quote == quote]
    assert len(matches) == 1, f"want one {kind} {quote!r} in {body!r}, got {[c.quote for c in found]}"
    return matches[0]



def test_publication_day_is_a_friday() -> None:
    assert PUBLISHED.strftime("%A") == "Friday"  # the relative tables below rely on it


# --- absolute dates --------------------------------------------------------------------------

ABSOLUTE = [
    ("The attack began on October 7, 2023.", "October 7, 2023", "2023-10-07"),
    ("The ceasefire collapsed on 7 October 2023.", "7 October 2023", "2023-10-07"),
    ("Voters went to the polls on 2024-11-05.", "2024-11-05", "2024-11-05"),
    ("The towers fell on Sept. 11, 2001.", "Sept. 11, 2001", "2001-09-11"),
    ("On March 4, 2025, the court ruled against him.", "March 4, 2025", "2025-03-04"),
    ("She was born on 29 February 2024.", "29 February 2024", "2024-02-29"),
    ("The minister resigned on Wednesday, April 16.", "April 16", "2025-04-16"),
]


@pytest.mark.parametrize(("sentence", "quote", "day"), ABSOLUTE)
def test_absolute_date(sentence: str, quote: str, day: str) -> None:
    claim = claim_of("date", sentence, quote)
    assert claim.low == claim.high == day
    assert claim.granularity == "day"


def test_two_dates_in_one_sentence() -> None:
    body = "Elections were held on November 5, 2024, and on 2024-11-19."
    dates = [(c.quote, c.low) for c in extract(body) if c.kind == "date"]
    assert dates == [("November 5, 2024", "2024-11-05"), ("2024-11-19", "2024-11-19")]


# --- partial dates: month, year, part of a month or year -------------------------------------

PARTIAL = [
    ("Prices peaked in January 2024.", "January 2024", "2024-01-01", "2024-01-31", "month"),
    ("Prices peaked in February 2024, a leap year.", "February 2024", "2024-02-01", "2024-02-29", "month"),
    ("The factory opened in 2019.", "2019", "2019-01-01", "2019-12-31", "year"),
    ("He began his first term in 2017.", "2017", "2017-01-01", "2017-12-31", "year"),
    # a year naming what follows ("the 1934 earthquake"): news writes such counts "1,934"
    ("The 1934 earthquake levelled the old city.", "1934", "1934-01-01", "1934-12-31", "year"),
    ("Arrests peaked in the 2000 fiscal year.", "2000", "2000-01-01", "2000-12-31", "year"),
    ("Prices fell in mid-December, traders said.", "mid-December", "2024-12-11", "2024-12-20", "part-month"),
    ("The deal will be signed in mid-December, aides said.", "mid-December",
     "2025-12-11", "2025-12-20", "part-month"),
    pytest.param("Prices fell in mid-December.", "mid-December", "2024-12-11", "2024-12-20", "part-month"),
    pytest.param("Mid-December is the busiest time for the port.", "Mid-December", "2024-12-11", "2024-12-20",
          "part-month"),
    ("Construction began in early 2025.", "early 2025", "2025-01-01", "2025-04-30", "part-year"),
    pytest.param("Early 2025 brought heavy rain.", "Early 2025", "2025-01-01", "2025-04-30", "part-year"),
    ("The line will open in late 2026.", "late 2026", "2026-09-01", "2026-12-31", "part-year"),
]


@pytest.mark.parametrize(("sentence", "quote", "low", "high", "granularity"), PARTIAL)
def test_partial_date(sentence: str, quote: str, low: str, high: str, granularity: str) -> None:
    claim = claim_of("date", sentence, quote)
    assert (claim.low, claim.high) == (low, high)
    assert claim.granularity == granularity


# --- date ranges -----------------------------------------------------------------------------

RANGES = [
    ("The summit ran March 3-5, 2024.", "March 3-5, 2024", "2024-03-03", "2024-03-05"),
    ("Fighting raged on 7-9 March 2024.", "7-9 March 2024", "2024-03-07", "2024-03-09"),
    ("The festival ran from June 10 to June 14, 2023.", "June 10 to June 14, 2023",
     "2023-06-10", "2023-06-14"),
]


@pytest.mark.parametrize(("sentence", "quote", "low", "high"), RANGES)
def test_date_range(sentence: str, quote: str, low: str, high: str) -> None:
    claim = claim_of("date", sentence, quote)
    assert (claim.low, claim.high) == (low, high)
    assert not [c.quote for c in extract(sentence) if c.kind == "quantity"]


# --- relative dates, resolved against publication (Friday 2025-04-18) ------------------------

RELATIVE = [
    # a weekday in the past: the latest one on or before publication, the same day included
    ("The minister resigned on Thursday.", "Thursday", "2025-04-17", "2025-04-17"),
    ("The minister resigned on Friday.", "Friday", "2025-04-18", "2025-04-18"),
    ("The minister resigned on Saturday.", "Saturday", "2025-04-12", "2025-04-12"),
    ("Protests began on Sunday in the capital.", "Sunday", "2025-04-13", "2025-04-13"),
    ("Protests began Thursday night.", "Thursday", "2025-04-17", "2025-04-17"),
    ("The minister resigned last Friday.", "last Friday", "2025-04-11", "2025-04-11"),
    # a weekday in the future: the next one
    ("Parliament will vote on Monday.", "Monday", "2025-04-21", "2025-04-21"),
    ("Talks will resume on Thursday.", "Thursday", "2025-04-24", "2025-04-24"),
    ("The summit will be held on Thursday.", "Thursday", "2025-04-24", "2025-04-24"),
    # a future word that a past verb follows: the date is the past event's
    ("He said he would not retaliate for the reported bombing on Tuesday.", "Tuesday",
     "2025-04-15", "2025-04-15"),
    # same-day future: wire style writes "on Friday" for the day of publication
    ("The court will rule on Friday, officials said.", "Friday", "2025-04-18", "2025-04-18"),
    # days, weeks, years
    ("The minister resigned yesterday.", "yesterday", "2025-04-17", "2025-04-17"),
    ("The minister resigned today.", "today", "2025-04-18", "2025-04-18"),
    ("The minister resigned two days ago.", "two days ago", "2025-04-16", "2025-04-16"),
    ("The minister resigned last week.", "last week", "2025-04-07", "2025-04-13"),
    ("Talks continue next week.", "next week", "2025-04-21", "2025-04-27"),
    ("Three climbers died over the weekend.", "the weekend", "2025-04-12", "2025-04-13"),
    ("The minister resigned last year.", "last year", "2024-01-01", "2024-12-31"),
    ("Growth slowed this year.", "this year", "2025-01-01", "2025-12-31"),
    # a year-less date: the last one before publication, or the next one in the future tense
    ("The talks resumed on Oct. 7 in Doha.", "Oct. 7", "2024-10-07", "2024-10-07"),
    ("The talks will resume on Oct. 7 in Doha.", "Oct. 7", "2025-10-07", "2025-10-07"),
    ("The shops closed on Dec. 25.", "Dec. 25", "2024-12-25", "2024-12-25"),
    ("The shops will close on Dec. 25.", "Dec. 25", "2025-12-25", "2025-12-25"),
    ("The shops closed on April 2.", "April 2", "2025-04-02", "2025-04-02"),
    ("Talks will begin on April 2.", "April 2", "2026-04-02", "2026-04-02"),
]


@pytest.mark.parametrize(("sentence", "quote", "low", "high"), RELATIVE)
def test_relative_date(sentence: str, quote: str, low: str, high: str) -> None:
    claim = claim_of("date", sentence, quote)
    assert (claim.low, claim.high) == (low, high)


NO_PUBLICATION_DATE = [
    ("The minister resigned on Thursday.", "Thursday"),
    ("Parliament will vote on Monday.", "Monday"),
    ("The minister resigned yesterday.", "yesterday"),
    ("The minister resigned last week.", "last week"),
    ("He left the party two days ago.", "two days ago"),
    ("The talks resumed on Oct. 7.", "Oct. 7"),
]


@pytest.mark.parametrize(("sentence", "quote"), NO_PUBLICATION_DATE)
def test_relative_date_without_publication_date_stays_unresolved(sentence: str, quote: str) -> None:
    claim = claim_of("date", sentence, quote, published=None)
    assert claim.low is None
    assert claim.high is None


def test_absolute_date_needs_no_publication_date() -> None:
    claim = claim_of("date", "The attack began on October 7, 2023.", "October 7, 2023", published=None)
    assert claim.low == claim.high == "2023-10-07"


# --- impossible dates ------------------------------------------------------------------------

IMPOSSIBLE = [
    pytest.param("The wedding was set for February 30, 2024."),
    pytest.param("The contract expires on 31 April 2025."),
]


@pytest.mark.parametrize("sentence", IMPOSSIBLE)
def test_impossible_date_gives_no_claim(sentence: str) -> None:
    assert [(c.kind, c.quote) for c in extract(sentence)] == []


@pytest.mark.parametrize("sentence", [
    "The wedding was set for February 30, 2024.",
    "The contract expires on 31 April 2025.",
])
def test_impossible_date_gives_no_day(sentence: str) -> None:
    assert [c.quote for c in extract(sentence) if c.kind == "date" and c.granularity == "day"] == []


@pytest.mark.parametrize("sentence", [
    "The company was founded in 2009 by Jan Koum and Brian Acton.",
    "The award went to June Carter for her work.",
])
def test_a_month_word_starting_a_name_is_not_a_date(sentence: str) -> None:
    assert [c.quote for c in extract(sentence) if c.kind == "date" and not c.quote.isdigit()] == []


# --- clock times -----------------------------------------------------------------------------

# (sentence, quote, the moment stated, as an ISO date-time with its offset when the text gives one)
TIMES = [
    ("The quake struck at 1:53 p.m.", "1:53 p.m.", "2025-04-18T13:53"),
    ("The quake struck at 1353 (1023 GMT) on Friday.", "1353 (1023 GMT)", "2025-04-18T13:53+03:30"),
    ("Voting opened at 9.25 a.m. on Friday.", "9.25 a.m.", "2025-04-18T09:25"),
    ("The blast happened at 3:20 p.m. local time.", "3:20 p.m. local time", "2025-04-18T15:20"),
    ("The speech is due at 3 p.m. ET.", "3 p.m. ET", "2025-04-18T15:00-04:00"),
    ("The plane landed at 14:05 GMT.", "14:05 GMT", "2025-04-18T14:05+00:00"),
    ("Polls close at 8 p.m. sharp.", "8 p.m.", "2025-04-18T20:00"),
    ("The meeting began at noon.", "noon", "2025-04-18T12:00"),
    ("The storm hit at about 4 a.m.", "4 a.m.", "2025-04-18T04:00"),
]


@pytest.mark.parametrize(("sentence", "quote", "moment"), TIMES)
def test_clock_time(sentence: str, quote: str, moment: str) -> None:
    claim = claim_of("time", sentence, quote)
    stated = dt.datetime.fromisoformat(moment)
    low = dt.datetime.fromisoformat(str(claim.low))
    high = dt.datetime.fromisoformat(str(claim.high))
    assert low <= stated <= high
    assert low.utcoffset() == high.utcoffset() == stated.utcoffset()
    assert high - low <= dt.timedelta(minutes=30)


@pytest.mark.parametrize(("sentence", "quote", "moment"), [
    ("The quake struck at 1:53 p.m.", "1:53 p.m.", "2025-04-18T13:53"),
    ("Voting opened at 9.25 a.m. sharp.", "9.25 a.m.", "2025-04-18T09:25"),
    ("The quake struck at 1353 (1023 GMT).", "1353 (1023 GMT)", "2025-04-18T13:53+03:30"),
])
def test_clock_time_to_the_minute_is_a_point(sentence: str, quote: str, moment: str) -> None:
    claim = claim_of("time", sentence, quote)
    assert claim.low == claim.high == moment
    assert claim.granularity == "minute"


def test_clock_time_without_publication_date_invents_no_date() -> None:
    claim = claim_of("time", "The quake struck at 1:53 p.m.", "1:53 p.m.", published=None)
    assert dt.time.fromisoformat(str(claim.low)) == dt.time(13, 53)
    assert dt.time.fromisoformat(str(claim.high)) == dt.time(13, 53)


def test_times_of_a_span_are_two_claims() -> None:
    body = "The talks ran from 2 p.m. to 5 p.m. on Thursday."
    assert [(c.kind, c.quote) for c in extract(body)] == [
        ("time", "2 p.m."), ("time", "5 p.m."), ("date", "Thursday")]

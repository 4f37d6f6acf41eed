"""Dates and clock times in article text, each an interval with its granularity.

Candidate spans are found by patterns (the calendar is a closed vocabulary, so patterns
find them exactly and keep their offsets); relative ones ("Thursday", "last week",
"Oct. 7") are resolved against the publication date, looking back unless the sentence
speaks of the future. Without a publication date they stay unresolved, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from factcheck.extract.found import Found, Spans

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_MON_DOT = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
            r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.(?!\d))?)")
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|\u2013|\u2014|to|through|and)\s*"
_NUMWORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a few|"
            r"several|\d{1,3})")
_NUMWORD_VALUE = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("numeric", re.compile(r"\b(?P<a>[01]?\d|[23][01]?)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b")),
    ("month_day", re.compile(
        rf"\b(?P<mon>{_MON_DOT})\s+(?P<d1>{_DAY})(?!\d|,\d{{3}})"
        rf"(?:{_DASH}(?:(?P<mon2>{_MON_DOT})\s+)?(?P<d2>{_DAY})(?!\d))?"
        rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?")),
    ("day_month", re.compile(
        rf"\b(?:the\s+)?(?P<d1>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<mon>{_MON_DOT})"
        rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?")),
    ("part_month", re.compile(
        rf"\b(?P<mod>(?i:early|mid|late|the end of|the start of|the beginning of|the middle of|"
        rf"end of|start of))[-\s]+(?P<mon>{_MON_DOT})(?:,?\s+(?P<y>{_YEAR})(?!\d))?")),
    ("month_year", re.compile(rf"\b(?P<mon>{_MON_DOT}),?\s+(?P<y>{_YEAR})(?!\d)")),
    ("part_year", re.compile(rf"\b(?P<mod>(?i:early|mid|late|the end of|the start of))[-\s]+(?P<y>{_YEAR})\b")),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<y>(?:1[89]|20)\d0)(?:'s|s)\b")),
    ("rel_month", re.compile(
        rf"\b(?:(?P<rel>(?i:last|next|this|in|since|until|till|by|from|during|through|of|"
        rf"before|after))\s+)(?P<mon>{_MON_DOT})(?![\w-])(?!\s+[A-Z][a-z])")),  # not "by Jan Koum"
    ("ago", re.compile(
        rf"\b(?P<q>(?:more than|over|less than|nearly|almost|about|some|only|just)\s+)?"
        rf"(?P<n>{_NUMWORD})\s+(?P<u>day|week|month|year|decade)s?\s+ago\b", re.I)),
    ("rel_period", re.compile(
        r"\b(?P<rel>last|this|next|earlier this|later this|past"
        r"|(?:(?<=over )|(?<=at )|(?<=during ))the(?=\s+weekend))\s+(?P<u>week|month|year|weekend)\b",
        re.I)),
    ("rel_day", re.compile(r"\b(?P<w>today|yesterday|tomorrow|tonight|last night|this morning|"
                           r"this afternoon|this evening)\b", re.I)),
    ("weekday", re.compile(
        r"\b(?:(?P<rel>last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
        r"Saturday|Sunday)(?!s\b)(?!,?\s+(?:\d|" + _MON + r"))")),
    ("year", re.compile(rf"(?<![\d$\u20ac\u00a3.,/-])(?P<y>{_YEAR})(?![\d%]|,\d|\.\d|-\d|\s*(?:percent|per cent))")),
]

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|expected to|due to|scheduled|set to|plans? to|planned|upcoming|"
    r"next|would)\b", re.I)
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|to|of|during|before|after|between|and|early|late|"
    r"mid|year|through|around|circa|spring|summer|autumn|fall|winter)|-)\s*$", re.I)
# a year naming what follows: "the 1934 earthquake", "its 2003 invasion", "the 2000 fiscal year"
# (a count of that size is written with a comma in news copy: "the 2,000 troops")
_YEAR_ATTRIBUTE = re.compile(r"\b(?:the|its|their|that|this|a)\s*$", re.I)
_ZONES = {
    "gmt": 0, "utc": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
    "ist": 330, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "aest": 600, "nzst": 720, "nzdt": 780, "jst": 540, "msk": 180,
}
_TIME_12 = re.compile(
    r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap])(?:\.m\.|\.m\b|m\b)", re.I)
_TIME_24 = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d)|(?P<mi2>[0-5]\d)(?=\s*(?:GMT|UTC|hrs|hours|h\b|"
    r"local|\()))(?!\d|\s*[ap]\.?m)(?!,\d)")
_TIME_WORD = re.compile(r"\b(?P<w>noon|midday|midnight)\b", re.I)
_ZONE_AFTER = re.compile(
    r"\s*(?:\((?P<conv>[^()]{1,20})\)|(?P<z>GMT|UTC|EST|EDT|ET|CST|CDT|CT|PST|PDT|PT|BST|CET|CEST|"
    r"EET|EEST|IST|MSK|JST|AEST|NZST|NZDT)\b(?:\s*[+-]\d{1,2})?|(?P<local>local time))")
_APPROX_BEFORE = re.compile(r"\b(?:about|around|approximately|roughly|some|nearly|almost|shortly "
                            r"(?:before|after)|just (?:before|after))\s+(?:at\s+)?$", re.I)


def find_dates(text: str, published: dt.date | None) -> list[Found]:
    """Every date and time in ``text``, non-overlapping, in text order.

    Spans that look like dates but are not ("February 30") come back with kind "invalid",
    so that their numbers are not read as quantities; callers drop them from the claims.
    """
    taken: list[Found] = []
    spans = Spans(len(text))
    try:
        taken.extend(_iter_times(text, published))
    except (OverflowError, ValueError):
        taken.clear()  # clock times on a day at the calendar's edge: none rather than a crash
    for f in taken:
        spans.add(f.start, f.end)
    lowered = text.lower()
    for name, pattern in _PATTERNS:
        if name == "ago" and "ago" not in lowered:
            continue  # the costliest pattern, and its word is rare
        for m in pattern.finditer(text):
            if spans.overlaps(m.start(), m.end()):
                continue
            try:
                found = _resolve(name, m, text, published)
            except (OverflowError, ValueError):
                found = None  # a publication date at the edge of the calendar: leave it unresolved
            if found is None and name in ("iso", "month_day", "day_month", "numeric"):
                # "February 30, 2024": not a date, and its numbers are not counts either
                found = Found(m.start(), m.end(), "invalid", None, None, None, "", "")
            if found is not None:
                taken.append(found)
                spans.add(found.start, found.end)
    return sorted(taken, key=lambda f: f.start)


# --- dates -------------------------------------------------------------------------------


def _resolve(name: str, m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    g = m.groupdict()
    future = _is_future(text, m.start())
    span = (m.start(), m.end())
    if name == "iso":
        day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return _found(span, day, day, "day") if day else None
    if name == "numeric":
        a, b = int(g["a"]), int(g["b"])
        month, day_ = (b, a) if a > 12 else (a, b)  # US order unless the first part cannot be a month
        day = _safe_date(int(g["y"]), month, day_)
        return _found(span, day, day, "day") if day else None
    if name in ("month_day", "day_month"):
        month = MONTHS[g["mon"].rstrip(".").lower()]
        month2 = MONTHS[g["mon2"].rstrip(".").lower()] if g.get("mon2") else month
        d1, d2 = _day(g["d1"]), _day(g["d2"]) if g.get("d2") else None
        if name == "day_month" and d2 is None and not g.get("y") and _looks_like_count(text, m):
            return None
        year = int(g["y"]) if g.get("y") else _year_for(month, d1, pub, future)
        if year is None:
            return _unresolved(span, "day")
        low = _safe_date(year, month, d1)
        high = _safe_date(year, month2, d2) if d2 else low
        if low is None or high is None or high < low:
            return None
        return _found(span, low, high, "day" if low == high else "days")
    if name == "part_month":
        month = MONTHS[g["mon"].rstrip(".").lower()]
        year = int(g["y"]) if g.get("y") else _year_for(month, 1, pub, future)
        if year is None:
            return _unresolved(span, "part-month")
        last = calendar.monthrange(year, month)[1]
        mod = g["mod"].lower()
        first_day, last_day = ((1, 10) if mod in ("early", "the start of", "start of", "the beginning of")
                               else (21, last) if mod in ("late", "the end of", "end of")
                               else (11, 20))
        return _found(span, dt.date(year, month, first_day), dt.date(year, month, last_day), "part-month")
    if name == "month_year":
        month, year = MONTHS[g["mon"].rstrip(".").lower()], int(g["y"])
        return _found(span, *_month_bounds(year, month), "month")
    if name == "decade":
        year = int(g["y"])
        return _found(span, dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "decade")
    if name == "part_year":
        year, mod = int(g["y"]), g["mod"].lower()
        months = (1, 4) if mod in ("early", "the start of") else (9, 12) if mod in ("late", "the end of") else (5, 8)
        return _found(span, dt.date(year, months[0], 1), _month_bounds(year, months[1])[1], "part-year")
    if name == "rel_month":
        if g["mon"] == "May" and g["rel"].lower() not in ("in", "last", "next", "since", "until", "by"):
            return None
        rel = g["rel"].lower()
        month = MONTHS[g["mon"].rstrip(".").lower()]
        quote_start = m.start() if rel in ("last", "next", "this") else m.start("mon")
        span = (quote_start, m.end())
        if pub is None:
            return _unresolved(span, "month")
        if rel == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif future and rel != "last":
            year = pub.year if month >= pub.month else pub.year + 1
        elif rel == "this":
            year = pub.year
        else:
            year = pub.year if month < pub.month or (month == pub.month and rel != "last") else pub.year - 1
        return _found(span, *_month_bounds(year, month), "month")
    if name == "ago":
        return _ago(span, g, pub)
    if name == "rel_period":
        return _rel_period(span, g["rel"].lower(), g["u"].lower(), pub)
    if name == "rel_day":
        if pub is None:
            return _unresolved(span, "day")
        w = g["w"].lower()
        shift = -1 if w in ("yesterday", "last night") else 1 if w == "tomorrow" else 0
        day = pub + dt.timedelta(days=shift)
        return _found(span, day, day, "day")
    if name == "weekday":
        return _weekday(m, g, pub, future)
    if name == "year":
        before = text[max(0, m.start() - 20):m.start()]
        after = text[m.end():m.end() + 2]
        if _YEAR_BEFORE.search(before) or not after.strip() or after[0] in ",.;:)'\u2019" \
                or after.startswith("s ") or _YEAR_ATTRIBUTE.search(before):
            year = int(g["y"])
            return _found(span, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        return None
    return None


def _found(span: tuple[int, int], low: dt.date, high: dt.date, granularity: str,
           qualifier: str = "exact") -> Found:
    mid = low + (high - low) / 2
    return Found(span[0], span[1], "date", low.isoformat(), high.isoformat(), mid.isoformat(),
                 unit="date", dimension="date", qualifier=qualifier, granularity=granularity)


def _unresolved(span: tuple[int, int], granularity: str) -> Found:
    return Found(span[0], span[1], "date", None, None, None, unit="date", dimension="date",
                 qualifier="relative", granularity=granularity)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "February 30": not a date, and not a claim either


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, day: int, pub: dt.date | None, future: bool) -> int | None:
    """The year of a year-less date: the latest one not after publication (a week's slack),
    or the next one when the sentence speaks of the future."""
    if pub is None:
        return None
    candidates = [y for y in (pub.year - 1, pub.year, pub.year + 1) if _safe_date(y, month, day)]
    if not candidates:
        return None
    if future:
        later = [y for y in candidates if _safe_date(y, month, day) >= pub]  # type: ignore[operator]
        return min(later) if later else max(candidates)
    slack = pub + dt.timedelta(days=7)
    earlier = [y for y in candidates if _safe_date(y, month, day) <= slack]  # type: ignore[operator]
    return max(earlier) if earlier else min(candidates)


def _is_future(text: str, pos: int) -> bool:
    """Whether the words before a date put it in the future: a cue ("will", "due to") that no
    past verb follows ("would not retaliate for the reported bombing on Tuesday" is past)."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), pos - 120)
    cues = list(_FUTURE.finditer(text, max(0, start), pos))
    return bool(cues) and not _PAST_VERB.search(text, cues[-1].end(), pos)


# a past verb (or participle used as one): "the reported bombing", "which killed seven";
# not a passive or perfect future ("will be held", "will have finished")
_PAST_VERB = re.compile(r"(?<!\bbe )(?<!\bbeen )(?<!\bhave )\b[a-z]{3,}ed\b", re.I)


def _looks_like_count(text: str, m: re.Match[str]) -> bool:
    """"3 May" is a date, but "the 3 March rallies"? Also a date. Only "of" forms are doubtful."""
    return "of" in m.group().split() and not m.group().lower().startswith("the ")


def _weekday(m: re.Match[str], g: dict[str, str], pub: dt.date | None, future: bool) -> Found | None:
    rel = (g.get("rel") or "").lower()
    span = (m.start("wd") if not rel else m.start(), m.end())
    if pub is None:
        return _unresolved(span, "day")
    target = WEEKDAYS[g["wd"].lower()]
    back = (pub.weekday() - target) % 7
    if rel == "last":
        day = pub - dt.timedelta(days=back or 7)
    elif rel == "next" or (future and rel != "last"):
        day = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or (7 if rel == "next" else 0))
    else:
        day = pub - dt.timedelta(days=back)
    return _found(span, day, day, "day")


def _ago(span: tuple[int, int], g: dict[str, str], pub: dt.date | None) -> Found | None:
    if pub is None:
        return _unresolved(span, g["u"].lower())
    raw = g["n"].lower()
    if raw in ("a few", "several"):
        return None
    n = int(raw) if raw.isdigit() else _NUMWORD_VALUE.get(raw)
    if n is None:
        return None
    unit = g["u"].lower()
    qual = (g.get("q") or "").strip().lower()
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        low = high = pub - dt.timedelta(days=days)
        if unit == "week":
            low, high = low - dt.timedelta(days=3), high + dt.timedelta(days=3)
        granularity = unit
    else:
        months = n * {"month": 1, "year": 12, "decade": 120}[unit]
        low, high = _month_bounds(*_shift_months(pub.year, pub.month, -months))
        if unit in ("year", "decade"):
            low, high = dt.date(low.year, 1, 1), dt.date(high.year, 12, 31)
        granularity = unit
    qualifier = "exact"
    if qual in ("more than", "over"):
        low, qualifier = None, "upper"  # type: ignore[assignment]
    elif qual in ("less than", "nearly", "almost"):
        high, qualifier = pub, "lower"
    if unit == "decade" and qualifier == "exact":
        low, high = dt.date(low.year - 2, 1, 1), dt.date(high.year + 2, 12, 31)
    return Found(span[0], span[1], "date", low.isoformat() if low else None, high.isoformat(),
                 (low or high).isoformat(), "date", "date", qualifier=qualifier, granularity=granularity)


def _rel_period(span: tuple[int, int], rel: str, unit: str, pub: dt.date | None) -> Found | None:
    if pub is None:
        return _unresolved(span, unit)
    step = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
    if rel == "the":  # "over the weekend": the one just past, or the one under way
        step = 0 if pub.weekday() >= 5 else -1
    if unit in ("week", "weekend"):
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
        low, high = (monday, monday + dt.timedelta(days=6)) if unit == "week" else \
            (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        if rel == "past" and unit == "week":
            low, high = pub - dt.timedelta(days=7), pub
    elif unit == "month":
        low, high = _month_bounds(*_shift_months(pub.year, pub.month, step))
    else:
        low, high = dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31)
    if rel == "earlier this":
        high = pub
    elif rel == "later this":
        low = pub
    return _found(span, low, high, unit)


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# --- clock times -------------------------------------------------------------------------


def _iter_times(text: str, pub: dt.date | None) -> Iterator[Found]:
    taken: list[tuple[int, int]] = []
    for pattern in (_TIME_12, _TIME_24, _TIME_WORD):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found = _time(m, text, pub)
            if found is not None:
                taken.append((found.start, found.end))
                yield found


def _time(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    g = m.groupdict()
    if g.get("w"):
        hour, minute, precise = (12 if g["w"].lower() in ("noon", "midday") else 0), 0, False
    else:
        hour = int(g["h"])
        minute_text = g.get("mi") or g.get("mi2")
        minute = int(minute_text) if minute_text else 0
        precise = minute_text is not None
        if g.get("ap"):
            hour = hour % 12 + (12 if g["ap"].lower() == "p" else 0)
        elif g.get("mi") and re.match(r"\s*(?:GMT|UTC|local|[A-Z]{2,4}T\b)", text[m.end():]) is None \
                and len(g["h"]) < 2:
            return None  # "3:1" ratios or scores: a 24-hour time is written with two-digit hours
    end = m.end()
    offset: int | None = None
    zone = _ZONE_AFTER.match(text, end)
    if zone:
        if zone.group("z"):
            offset = _ZONES.get(zone.group("z").lower(), _us_zone(zone.group("z"), pub))
            end = zone.end()
        elif zone.group("local"):
            end = zone.end()
        elif zone.group("conv"):
            inner = re.match(r"\s*(\d{1,2})[:.]?(\d{2})\s*(GMT|UTC)", zone.group("conv"))
            if inner:  # "1353 (1023 GMT)": the bracket gives the local zone's offset
                utc = int(inner.group(1)) * 60 + int(inner.group(2))
                offset = (hour * 60 + minute - utc + 720) % 1440 - 720
                end = zone.end()
    approx = bool(_APPROX_BEFORE.search(text[max(0, m.start() - 30):m.start()]))
    band = 10 if approx else (0 if precise else 15)
    minutes = hour * 60 + minute
    day = pub or dt.date(1900, 1, 1)
    base = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    tz = dt.timezone(dt.timedelta(minutes=offset)) if offset is not None else None

    def iso(moment: dt.datetime) -> str:
        moment = moment.replace(tzinfo=tz) if tz else moment
        text_ = moment.isoformat(timespec="minutes")
        return text_ if pub else text_.split("T", 1)[1]

    low, high = base - dt.timedelta(minutes=band), base + dt.timedelta(minutes=band)
    if pub is None:
        # no day to carry into: "midnight" stays within its clock day (00:00-00:15), so that
        # the ISO times written without a date still run from low to high
        low, high = max(low, base.replace(hour=0, minute=0)), min(high, base.replace(hour=23, minute=59))
    return Found(m.start(), end, "time", iso(low), iso(high), float(minutes), unit="time",
                 dimension="time", qualifier="approx" if approx else "exact",
                 granularity="minute" if precise else "hour",
                 stated_unit=f"UTC{offset / 60:+g}" if offset is not None else "")


def _us_zone(zone: str, pub: dt.date | None) -> int | None:
    """ET/CT/PT name no season: daylight time from March to early November."""
    summer = pub is not None and 3 <= pub.month <= 10
    return {"ET": -240 if summer else -300, "CT": -300 if summer else -360,
            "PT": -420 if summer else -480}.get(zone)

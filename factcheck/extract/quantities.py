"""Quantities in article text: counts, money, percentages, measures, ages, magnitudes.

A cheap scan finds number atoms (digits, spelled numbers, vague words like "dozens");
each atom then takes what surrounds it: a qualifier before it ("fewer than", "about"),
a second number making a range, a scale ("million", "bn"), a currency, a unit, the thing
counted. Identifiers (F-35, Route 66), phone numbers and ordinals are rejected here, and
spans already taken by dates and times are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.found import Found, Spans
from factcheck.extract.text import NAME_LOWER, NAME_UPPER, STOPWORDS
from factcheck.extract.units import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    UNIT_PATTERN,
    lookup,
    rare_unit,
)

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "dozen": 12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}  # South Asian lakh, crore
SCALE_ABBREV = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
# vague amounts: honest intervals for "dozens", "hundreds", ...
VAGUE = {
    "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
    "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
    "millions": (2e6, 9.99e8), "billions": (2e9, 9.99e11),
}

_WORDNUM = "|".join(sorted([*SMALL, *SCALES], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d\d)+,\d{3}|\d{1,3}(?:\.\d{3}){2,}(?!\d)|\d+(?:\.\d+)?"
_ATOM = re.compile(
    rf"(?P<cur>US\$|A\$|C\$|NZ\$|HK\$|[$\u20ac\u00a3\u00a5\u20b9]|Rs\.?\s?|(?:USD|EUR|GBP|INR)\s)?\s?"
    rf"(?P<num>{_DIGITS})(?![\d])"
    rf"|(?P<vague>tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions|billions)\b"
    rf"|(?P<words>(?:\b(?:half|(?:a|one|three)\s+quarters?\s+of|(?:a|one|two)\s+thirds?\s+of)\s+"
    rf"(?=an?\s+(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?:\ban?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"\b(?:{_WORDNUM})\b(?:(?:[\s-]+|\s+and\s+)(?:{_WORDNUM})\b)*)",
    re.I,
)
_QUALIFIER = re.compile(
    r"(?P<q>about|around|some|roughly|approximately|approx\.|an estimated|estimated|nearly|almost|"
    r"close to|just under|just over|fewer than|less than|under|below|at most|no more than|up to|"
    r"as many as|as much as|at least|no fewer than|no less than|more than|over|above|in excess of|"
    r"upwards of|well over|exceeding|a maximum of|a minimum of|between|from|only|exactly|precisely|"
    r"an? additional|another|a further)\s+(?:a\s+)?(?:magnitude[\s-])?$",
    re.I,
)
_BOUNDS = {
    "fewer than": "upper_open", "less than": "upper_open", "under": "upper_open",
    "below": "upper_open", "just under": "upper_open", "at most": "upper", "no more than": "upper",
    "up to": "upper", "as many as": "upper", "as much as": "upper", "a maximum of": "upper",
    "at least": "lower", "no fewer than": "lower", "no less than": "lower", "a minimum of": "lower",
    "more than": "lower_open", "over": "lower_open", "above": "lower_open", "in excess of": "lower_open",
    "upwards of": "lower_open", "well over": "lower_open", "just over": "lower_open",
    "exceeding": "lower_open",
}
_APPROX = {"about", "around", "some", "roughly", "approximately", "approx.", "an estimated",
           "estimated", "close to"}
_NEARLY = {"nearly", "almost"}
_RANGE_JOIN = re.compile(r"[ \t]*(?:-|\u2013|\u2014|to|and|or)[ \t]*(?:about[ \t]+|around[ \t]+)?"
                         r"(?=[$\u20ac\u00a3]?\d|[a-z])", re.I)
_IDENT_BEFORE = re.compile(
    r"(?:[A-Za-z]-?|\b(?!USD|EUR|GBP|INR|US|UK|UN|EU)[A-Z]{2,3}\s|\b(?:Route|Section|Article|Channel|Chapter|Room|No\.|Number|Flight|Boeing|Airbus|"
    r"Highway|Interstate|Resolution|Title|Rule|Phase|Gate|Terminal|Platform|Bus|Line|Suite|Unit|"
    r"Block|Model|Version|Category|Class|Grade|Stage|Level|Part|Act|Proposition|Amendment|Bill|"
    r"Item|Case|Volume|Page|Figure|Table|Apollo|Operation|Air Force|Pier|Camp|District|Zone|Sector|"
    r"Psalm|Windows|iPhone|Galaxy|Series|Type|Mark|Mk\.?|Mission|[Jj]unctions?|[Ee]xits?)\s)$"
    # the second of a pair of numbered places: "junctions 10 and 11", "gates 4 to 6"
    r"|\b(?:[Jj]unctions|[Ee]xits|[Pp]latforms|[Gg]ates|[Tt]erminals|[Ll]ines|[Rr]outes)\s+\d+\s*(?:,|and|or|to|-)\s*$")
_MEASURE_BEFORE = re.compile(r"\bmagnitude-$", re.I)  # a measure's name, not a model's
_SPACED_HINT = re.compile(r"\b0\d{2,4}\s\d")  # cheap test before _PHONE_SPACED
_AGE_HINT = re.compile(r", \d{1,3}[,.;) ]|\baged\s\d")  # cheap test before the age patterns
_PHONE_SPACED = re.compile(r"(?<![\d,.])0\d{2,4}(?:\s\d{3,4}){1,3}\b")  # "0800 555 111"
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,5}[\s.-])?\d{3,4}[\s.-]\d{4}\b")
_ADJECTIVES = {
    "more", "other", "additional", "new", "small", "major", "strong", "foreign", "armed",
    "fellow", "further", "separate", "large", "big", "smaller", "larger", "local", "military",
    "civilian", "american", "u.s.", "us", "british", "young", "old", "senior", "junior",
    "unarmed", "remaining", "extra", "active", "total", "heavily", "lightly", "powerful", "main",
    "former", "current", "special", "operating", "single-core", "dual-core", "intel", "atom",
    "worst-hit", "hardest-hit", "badly", "severely", "seriously", "critically", "suspected",
    "alleged", "combat", "ground", "regular", "known", "confirmed", "registered", "daily",
    "monthly", "weekly", "annual", "paying", "unique",
}
_AGE = re.compile(r"(?P<n>\d{1,3})[\s-]years?[\s-]old\b|(?<=\baged\s)(?P<n2>\d{1,3})\b", re.I)
_NOUN_AGE = re.compile(r"\b(?:aged\s+(?P<a>\d{1,3})\b|(?i:the|a|an)\s+(?:\w+\s+)?(?:suspect|victim|man|woman|boy|girl|"
                       r"driver|gunman|attacker|pilot|captain|mother|father|son|daughter|teenager|student|"
                       r"officer|soldier|climber|passenger|nurse|doctor|teacher|worker)s?,\s(?P<n>\d{1,3})(?=,))")
# an age after a name: "Jan Koum, 37,", "Mr. Cameron, 49, who", "his brother Cherif, 32,".
# The figure is found first and the name looked for just before it, so that a long run of
# capitalised words costs linear time.
_AGE_AFTER_NAME = re.compile(r", (?P<n>\d{1,3})(?=[,.;)]|\s+(?:and|of|from|who|a|an|was|is)\b)")
_NAME_BEFORE_AGE = re.compile(
    rf"\b(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Col|Capt|Prof|Sir|Lord|Dame)\.? [{NAME_UPPER}][{NAME_LOWER}'\-]+|"
    rf"(?:brother|sister|wife|husband|son|daughter|father|mother) [{NAME_UPPER}][{NAME_LOWER}'\-]+|"
    rf"[{NAME_UPPER}][{NAME_LOWER}]+(?: [{NAME_UPPER}][{NAME_LOWER}'\-]+)+)$")
_CONVERSION = re.compile(
    r"\s*\((?:about |around |roughly |some |approximately |nearly |almost |or |c\. )?"
    r"(?:US\$|[$\u20ac\u00a3\u00a5]|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|a)\b)[^()]{0,40}\)")
_PARTICIPLE_NOUNS = {"wounded", "injured", "dead", "killed", "displaced", "missing", "detained",
                     "arrested", "hospitalised", "hospitalized", "rescued", "evacuated", "unemployed"}
_ZERO = re.compile(
    r"\b(?P<q>[Nn]o(?: one|body)(?=(?:\s+\w+){0,3}?\s+(?:killed|injured|hurt|wounded|died|dead|harmed|"
    r"missing|arrested|hospitali[sz]ed))|[Nn]o (?=(?:dead|deaths|casualties|fatalities|injuries|victims|one|"
    r"people|lives)\b)(?P<n>\w+))\b")
_WORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'\u2019\-]*")


@dataclass
class _Atom:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    currency: str = ""
    vague: bool = False
    spelled: bool = False
    scaled: bool = False


def find_quantities(text: str, taken: list[Found], approx_tolerance: float = 0.1) -> list[Found]:
    """Every quantity in ``text`` outside the ``taken`` spans, in text order."""
    out: list[Found] = []
    blocked = Spans(len(text))
    for f in taken:
        blocked.add(f.start, f.end)
    if _PHONE_HINT.search(text):
        for m in _PHONE.finditer(text):
            blocked.add(m.start(), m.end())
    for m in _PHONE_SPACED.finditer(text) if _SPACED_HINT.search(text) else ():
        blocked.add(m.start(), m.end())
    # ages: "Jan Koum, 37,", "the suspect, 22,", "aged 34"
    ages = _AGE_HINT.search(text)
    named = (m for m in _AGE_AFTER_NAME.finditer(text) if _NAME_BEFORE_AGE.search(text, max(0, m.start() - 60),
                                                                                  m.start()))
    for m in (*named, *_NOUN_AGE.finditer(text)) if ages else ():
        group = "n" if m.group("n") else "a"
        n = int(m.group(group))
        if 0 < n < 120 and not blocked.overlaps(m.start(group), m.end(group)):
            out.append(Found(m.start(group), m.end(group), "quantity", n, n, n, "years old", "age",
                             stated_unit="years old", noun="age"))
            blocked.add(m.start(group), m.end(group))
    for m in _ZERO.finditer(text):
        # "no one was killed", "no casualties": a count of zero, often the heart of a dispute
        noun = (m.group("n") or "people").lower()
        out.append(Found(m.start(), m.end(), "quantity", 0, 0, 0, noun, "count",
                         qualifier="exact", noun=noun))
        blocked.add(m.start(), m.end())
    pos = 0
    for start in _atom_starts(text):
        if start < pos:
            continue
        atom_match = _ATOM.match(text, start)
        if atom_match is None:
            continue
        m = atom_match
        pos = m.end()
        if blocked.overlaps(m.start(), m.end()) or not m.group().strip():
            continue
        atom = _atom(m, text)
        if atom is None:
            continue
        found = _build(atom, text, approx_tolerance, blocked)
        if found is not None:
            out.append(found)
            blocked.add(found.start, found.end)
            pos = max(pos, found.end)
            conversion = _CONVERSION.match(text, found.end)
            if conversion and found.dimension not in ("count", "tally"):
                # "58km (36 miles)", "$2.6m (two million euros)": the same figure restated
                blocked.add(conversion.start(), conversion.end())
                pos = max(pos, conversion.end())
    return sorted(out, key=lambda f: f.start)


_PHONE_HINT = re.compile(r"\d{3,4}[\s.-]\d{4}\b")
_DIGIT_START = re.compile(r"US\$|A\$|C\$|NZ\$|HK\$|[$\u20ac\u00a3\u00a5\u20b9]|Rs\.?\s?(?=\d)|"
                          r"(?:USD|EUR|GBP|INR)\s(?=\d)|(?<![\d.,])\d")
_LETTERS = re.compile(r"[A-Za-z]+")
_NUMBER_WORDS = frozenset([*SMALL, *SCALES, "tens", "dozens", "scores", "hundreds", "thousands",
                           "millions", "billions"])
_SCALE_NEXT = re.compile(r"\s+(?:hundred|thousand|million|billion|dozen)\b", re.I)


def _atom_starts(text: str) -> list[int]:
    """Where a number may begin: a digit or currency sign, or a number word. Matching the full
    pattern only there is many times faster than searching with it across the text."""
    starts = {m.start() for m in _DIGIT_START.finditer(text)}
    for m in _LETTERS.finditer(text):
        word = m.group().lower()
        if word in _NUMBER_WORDS or (word in ("a", "an") and _SCALE_NEXT.match(text, m.end())) \
                or ((word == "half" or (word in ("a", "one", "three", "two")
                                        and text.startswith((" quarter", " third"), m.end())))
                    and _FRACTION.match(text, m.start())):
            starts.add(m.start())
    return sorted(starts)


def _atom(m: re.Match[str], text: str) -> _Atom | None:
    start = m.start()
    while text[start].isspace():
        start += 1
    if m.group("num"):
        raw = m.group("num")
        before = text[max(0, m.start("num") - 24):m.start("num")]
        after = text[m.end("num"):m.end("num") + 12]
        if not m.group("cur") and _IDENT_BEFORE.search(before) and not _MEASURE_BEFORE.search(before):
            return None  # F-35, G7, Route 66, Boeing 737, Section 230 (but "magnitude-5.9")
        if re.match(r"-?(?![CF]\b)[A-Z]|(?:st|nd|rd|th|s)\b|[.,]\d", after) or (
                re.match(r"[A-Za-z]", after) and not _attached_unit(after)):
            return None  # 7-Eleven, 1st, COVID-19's tail, "3D"
        if len(raw.replace(",", "").replace(".", "")) > 15:
            return None  # account numbers and identifiers, not amounts
        if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", raw):
            value = float(raw.replace(".", ""))
        else:
            value = float(raw.replace(",", ""))
        cur = (m.group("cur") or "").strip().lower()
        cur = {"usd": "$", "eur": "\u20ac", "gbp": "\u00a3", "inr": "rs"}.get(cur, cur)
        return _Atom(start, m.end(), value, currency=CURRENCY_SYMBOLS.get(cur, ""))
    if m.group("vague"):
        word = m.group("vague").lower()
        low, high = VAGUE[word]
        return _Atom(start, m.end(), None, low=low, high=high, vague=True)
    words = m.group("words")
    if re.search(r"\d-$", text[max(0, start - 2):start]) or re.match(r"-?[A-Z]", text[m.end():m.end() + 2]):
        return None  # "7-Eleven", "Seven-Up": a name
    spelled = _words_value(words)
    if spelled is None:
        return None
    value = spelled
    lw = words.lower().strip()
    if lw in ("one", "a", "an"):
        nxt = _next_word(text, m.end())
        prev = _prev_word(text, start)
        if nxt in STOPWORDS or nxt in ("", "another", "day", "point", "time", "way", "side", "hand") \
                or prev in ("no", "any", "every", "each", "some"):
            return None  # "one of the officials", "no one", "one day"
    if lw in ("second", "hundred", "thousand", "million", "billion", "dozen"):
        return None
    return _Atom(start, m.end(), value, spelled=True)


def _attached_unit(after: str) -> bool:
    return bool(re.match(r"(?:km|m|mi|ft|kg|mph|kph|bn|mn|m|k|b|tn|pc|pct|GW|MW|cm|mm|g|h|s|C|F)\b", after))


# a fraction of a scale word: "half a million", "a quarter of a million", "two thirds of a dozen"
_FRACTION = re.compile(r"(half|(?:a|one|three)\s+quarters?\s+of|(?:a|one|two)\s+thirds?\s+of)\s+", re.I)
_FRACTIONS = {"half": 0.5, "a quarter of": 0.25, "one quarter of": 0.25, "three quarters of": 0.75,
              "a third of": 1 / 3, "one third of": 1 / 3, "two thirds of": 2 / 3}


def _words_value(words: str) -> float | None:
    fraction = _FRACTION.match(words)
    if fraction:
        whole = _words_value(words[fraction.end():])
        share = _FRACTIONS.get(re.sub(r"\s+", " ", fraction.group(1).lower()))
        return None if whole is None or share is None else whole * share
    total, current = 0.0, 0.0
    seen = False
    for token in re.split(r"[\s-]+", words.lower()):
        if token in ("a", "an"):
            current = max(current, 1.0)
            continue
        if token == "and" or not token:
            continue
        if token in SMALL:
            current += SMALL[token]
            seen = True
        elif token == "hundred":
            current = max(current, 1.0) * 100
            seen = True
        elif token == "dozen":
            current = max(current, 1.0) * 12
            seen = True
        elif token in SCALES:
            total += max(current, 1.0) * SCALES[token]
            current = 0.0
            seen = True
    return total + current if seen else None


def _next_word(text: str, pos: int) -> str:
    m = _WORD_TOKEN.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
    return m.group().lower().rstrip(".") if m else ""


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z']+)\W*$", text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


def _build(atom: _Atom, text: str, tol: float, blocked: Spans) -> Found | None:
    start, end = atom.start, atom.end
    value, low, high = atom.value, atom.low, atom.high
    # scale: "2.3 million", "$500m", "110 billion"
    scale = re.match(r"\s?(?P<s>hundred|thousand|million|billion|trillion|lakhs?|crores?|mln|mn|bn|tn|trn|m|b|k)\b",
                     text[end:], re.I)
    if scale and value is not None and not atom.spelled:
        word = scale.group("s").lower()
        is_abbrev = word in SCALE_ABBREV and word not in SCALES
        # a bare "200m" is metres, "$200m" is money, "450m users" a count of millions
        if not is_abbrev or atom.currency or (word in ("bn", "mn", "mln", "tn", "trn")) \
                or (word in ("m", "k") and _COUNTED_AFTER.match(text, end + scale.end())):
            value *= SCALES.get(word) or SCALE_ABBREV[word]
            end += scale.end()
            atom.scaled = True
    # a range: "500-700", "500 to 700", "between 500 and 700"
    qual_m = _QUALIFIER.search(text[max(0, start - 30):start])
    qual = qual_m.group("q").lower() if qual_m else ""
    range_m = _RANGE_JOIN.match(text, end)
    partner: tuple[_Atom, int] | None = None  # the other end of a change ("from 10 to 12 percent")
    if range_m and value is not None and not atom.vague:
        nxt = _ATOM.match(text, range_m.end())
        if (nxt and nxt.group("num")) or (nxt and nxt.group("words")):
            other = _atom(nxt, text)
            joiner = range_m.group().strip().lower()
            if other is not None and other.value is not None and not blocked.overlaps(nxt.start(), nxt.end()):
                second = other.value
                tail = re.match(r"\s?(?P<s>hundred|thousand|million|billion|m|bn|k)\b", text[nxt.end():], re.I)
                if tail and (atom.currency or tail.group("s").lower() in SCALES):
                    factor = SCALES.get(tail.group("s").lower()) or SCALE_ABBREV[tail.group("s").lower()]
                    second *= factor
                    if not atom.scaled and value * factor <= second:
                        value *= factor
                spread = qual == "from" and _SPREAD_BEFORE.search(text, max(0, start - 40), start)
                is_range = second > value and ((joiner in ("-", "\u2013", "\u2014", "to")
                                               and (qual != "from" or spread))
                                               or (joiner == "and" and qual == "between")
                                               or (joiner == "or" and atom.spelled))
                if is_range:
                    low, high = value, second
                    end = nxt.end() + (tail.end() if tail else 0)
                    value = (low + high) / 2
                    qual = "range"
                elif joiner == "to":
                    partner = (other, nxt.end())
                elif joiner in ("-", "\u2013") and second <= value and not atom.spelled:
                    # "52-48": a vote tally or a score, kept as what it is
                    tally_end = nxt.end()
                    return Found(start, tally_end, "quantity", value, value, value, "tally", "tally",
                                 stated_unit=text[start:tally_end], noun="tally")
    # unit, currency, percent after the number
    unit, dimension, stated, end = _unit_after(text, end, atom)
    if partner is not None and dimension == "count" and not unit and not atom.currency:
        # "from 10 to 12 percent": the first figure is in the unit the second one names
        partner_unit, partner_dimension, partner_stated, _ = _unit_after(text, partner[1], partner[0])
        if partner_dimension != "count":
            unit, dimension, stated = partner_unit, partner_dimension, partner_stated
    if atom.currency:
        unit, dimension, stated = atom.currency, "money", atom.currency
    kept = qual not in ("from", "only", "exactly", "precisely", "between", "another", "a further",
                        "an additional", "additional")
    if qual_m and (kept or (qual == "between" and low is not None)):
        start = start - len(text[max(0, start - 30):start]) + qual_m.start()
    noun = _counted_noun(text, end) if dimension == "count" else ""
    if dimension == "count" and noun in ("percent", "thirds", "quarters", "fifths", "tenths", "halves"):
        return None  # "two thirds of voters": a share, not a count of thirds
    if value is None and low is None:
        return None
    # the interval the words allow
    qualifier = "exact"
    if atom.vague:
        qualifier = "vague"
    elif low is not None and high is not None:
        qualifier = "range"
    elif qual in _APPROX:
        band = _approx_band(text[atom.start:atom.end], value, tol)  # type: ignore[arg-type]
        low, high, qualifier = value - band, value + band, "approx"  # type: ignore[operator]
    elif qual in _NEARLY:
        band = _approx_band(text[atom.start:atom.end], value, tol)  # type: ignore[arg-type]
        low, high, qualifier = value - band, value, "approx"  # type: ignore[operator]
    elif qual in _BOUNDS:
        kind = _BOUNDS[qual]
        step = 1.0 if dimension == "count" and float(value).is_integer() else 0.0  # type: ignore[arg-type]
        if kind.startswith("upper"):
            low = None  # as CONTRACT.md writes "fewer than 1,000": no lower bound stated
            high = value - (step if kind == "upper_open" else 0)  # type: ignore[operator]
            qualifier = "upper"
        else:
            low, high = value + (step if kind == "lower_open" else 0), None  # type: ignore[operator]
            qualifier = "lower"
    else:
        low = high = value
    if dimension == "count" and value is not None and atom.spelled is False and not atom.scaled \
            and not atom.currency and 1900 <= value <= 2100 and float(value).is_integer() \
            and "," not in text[start:end]:
        return None  # a year the date patterns left ("the 2001 invasion"): news writes counts "2,000"
    point = value if value is not None else ((low or 0) + (high or low or 0)) / 2
    below_zero = _BELOW_ZERO.search(text, max(0, start - 8), start) if dimension == "temperature" else None
    if below_zero:  # "minus 12C", "-5C"
        start = below_zero.start()
        low, high = (None if high is None else -high), (None if low is None else -low)
        point = -point
    return Found(start, end, "quantity", low, high, point, unit or noun or "count", dimension,
                 qualifier=qualifier, stated_unit=stated, noun=noun)


_BELOW_ZERO = re.compile(r"(?:\bminus\s+|(?<![\w.,])[-\u2212])$", re.I)


# a plural noun right after "450m": the m is millions ("450m users"), not metres ("100m sprint")
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?!metres|meters|miles|feet|yards)"
                            r"(?:[a-z]{3,}s|people|children|men|women)\b(?!['\u2019])")  # not "men's final"


# the figure as written in a quote, with its decimals as group 1 ("1.09" in "1.09 million")
WRITTEN_FIGURE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _approx_band(written: str, value: float, tol: float) -> float:
    """How far "about X" may stray: half a unit of X's last significant digit, at most ``tol``
    of X. "about 600" is 550-650, "about $3.6 billion" 3.55-3.65bn, "about 100,000" 90-110k."""
    digits = WRITTEN_FIGURE.search(written)
    if digits is None or value == 0:
        return abs(value) * tol
    if digits.group(1):
        unit = 10.0 ** -len(digits.group(1))
    else:
        whole = digits.group().replace(",", "")
        unit = 10.0 ** (len(whole) - len(whole.rstrip("0")))
    scale = value / float(digits.group().replace(",", "")) if float(digits.group().replace(",", "")) else 1.0
    return min(abs(value) * tol, 0.5 * unit * abs(scale))


def _unit_after(text: str, end: int, atom: _Atom) -> tuple[str, str, str, int]:
    """(unit, dimension, unit as written, new end) for what follows a number."""
    rest = text[end:end + 40]
    if re.match(r"\s?(?:%|percent\b|per cent\b|pct\b)", rest, re.I):
        m = re.match(r"\s?(?:%|percent|per cent|pct)", rest, re.I)
        return "percent", "percent", "percent", end + m.end()  # type: ignore[union-attr]
    before = text[max(0, atom.start - 25):atom.start]
    if re.match(r"[\s-]?(?:magnitude|on the Richter)", rest, re.I) or \
            re.search(r"magnitude(?:\s+of)?[\s-]*$", before, re.I) or (
            re.search(r"\b(?:registering|measuring|measured)\s*$", before, re.I)
            and not UNIT_PATTERN.match(rest.lstrip())):
        m = re.match(r"-magnitude|\s+magnitude", rest, re.I)
        return "magnitude", "magnitude", "magnitude", end + (m.end() if m else 0)
    m = _TEMPERATURE.match(rest)
    if m:
        unit = "\u00b0F" if (m.group("scale") or m.group("attached")).upper().startswith("F") else "\u00b0C"
        return unit, "temperature", m.group().strip(), end + m.end()
    m = re.match(r"[\s-]?(?:years?[\s-]old|-year-old)", rest, re.I)
    if m:
        return "years old", "age", "years old", end + m.end()
    m = re.match(r"\s?([A-Za-z]+)", rest)
    if m and m.group(1).lower() in CURRENCY_WORDS and not atom.currency:
        code = CURRENCY_WORDS[m.group(1).lower()]
        return code, "money", code, end + m.end()
    m = re.match(r"(?:\s|-)?", rest)
    gap = m.end() if m else 0
    um = UNIT_PATTERN.match(text, end + gap)
    if um:
        surface = um.group()
        if surface.lower() in ("m", "g", "b") and gap and text[end + gap - 1] == " ":
            um = None  # a spaced single letter is an initial, not a unit
        elif surface.lower() in ("in", "min", "sec", "g", "ha", "mi") and gap:
            um = None
    if um:
        unit, dimension, _ = lookup(um.group()) or ("", "count", 1.0)
        if dimension == "duration" and atom.vague:
            return "", "count", "", end
        return unit, dimension, um.group(), um.end()
    token = re.match(r"\s?([A-Za-z\u00b5][A-Za-z/\u00b2\u00b3]{0,5})\b(?!-\d)", rest)  # not "F-16"
    if token and not atom.spelled:
        found = rare_unit(token.group(1))
        if found:
            return found[0], found[1], token.group(1), end + token.end()
    if atom.value is not None and not atom.spelled and not atom.currency and 1 <= atom.value < 10 \
            and "." in text[atom.start:end] and _QUAKE_WORDS.search(text[max(0, atom.start - 80):end + 40]):
        return "magnitude", "magnitude", "magnitude", end  # "put the quake's magnitude at 5.9"
    return "", "count", "", end


# "12 degrees Celsius", "40\u00b0C", "104 \u00b0F"; or a capital C or F right after the digits: "40C"
_TEMPERATURE = re.compile(r"(?:\s?\u00b0\s?|\s?degrees?\s+)(?P<scale>(?i:c|f|celsius|fahrenheit|centigrade))\b"
                          r"|(?P<attached>[CF])\b")
# "ranging from 3.6 to 4.3": a spread of values, not a change from one to the other
_SPREAD_BEFORE = re.compile(r"\b(?:rang\w*|var\w*)\s+from\s+$", re.I)
_QUAKE_WORDS = re.compile(r"magnitude|richter|quake|temblor|tremor|seismic|aftershock", re.I)


def _counted_noun(text: str, end: int) -> str:
    """The thing counted: the first noun after the number, past adjectives and "of the"."""
    pos = end
    skipped = 0
    for _ in range(7):
        # the thing counted follows the number directly: "2,000, officials said" counts no officials
        m = re.match(r"[ \t]*(?:-\s*)?([A-Za-z0-9][\w.'\u2019\-]*)", text[pos:pos + 60])
        if not m:
            return ""
        word = m.group(1)
        if word[0].isdigit():
            pos += m.end()
            skipped += 1
            continue  # "AK 47 rifles": part of a model name
        lw = word.lower().rstrip(".")
        head, _, tail = lw.partition("-")
        if tail and (tail in SMALL or tail in STOPWORDS):
            lw = head  # "people-one with broken bones": a dash written as a hyphen
        pos += m.end()
        if text[pos - len(word) - 1:pos - len(word)] == "-" and skipped == 0:
            return lw  # "200-student"
        if lw in ("of", "its", "the", "their", "his", "her", "our", "those", "these") or lw in SMALL:
            skipped += 1
            continue
        if lw in _ADJECTIVES or word[:1].isupper() or ("-" in lw and lw.endswith("ed")):  # "well-armed"
            skipped += 1
            continue
        if lw in STOPWORDS or (lw.endswith("ed") and lw not in _PARTICIPLE_NOUNS):
            return ""  # "two landed inside": a verb, not the thing counted
        return lw
    return ""

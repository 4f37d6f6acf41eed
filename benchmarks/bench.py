"""Speed and memory of factcheck at newsroom scale, on a synthetic corpus from a fixed seed.

    python benchmarks/bench.py                  # every size (several minutes)
    python benchmarks/bench.py --quick          # small sizes only: a CI smoke run
    python benchmarks/bench.py --sizes 10,200   # chosen single-event sizes
    python benchmarks/bench.py --profile 1000   # where the time goes (pyinstrument)

1. generate: events shaped like real coverage (see :func:`make_event`) into a temp folder;
2. measure: each size in a fresh subprocess, so peak memory is that size's own;
3. compare: quantulum3 and dateparser over the same sentences as factcheck's extractors;
4. print: per-stage times, articles/s, peak memory, growth per doubling, targets met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEED = 20250417
FULL_SIZES = (10, 50, 200, 1000)
QUICK_SIZES = (10, 50)
STAGES = ("load", "extract", "syndication", "align", "compare", "report-json")
# the targets (issue 7, "Fast at newsroom scale")
TARGET_RATE = 150.0          # articles/s, whole pipeline, one core, ordinary events
TARGET_BIG_EVENT = 30.0      # s for one event of 1,000 articles
TARGET_GROWTH = 2.5          # align+compare time per doubling of articles per event
TARGET_BATCH = 180.0         # s for 1,000 events x 10 articles with --jobs 2
TARGET_MEMORY = 1024.0       # MB peak


# --- 1. a synthetic corpus shaped like real coverage ----------------------------------------
#
# Real coverage of one event (../shared/corpus) runs ~3.3 claims per 100 words: two thirds
# quantities (mostly counts, then money, durations, lengths), a third dates, a few clock
# times. Outlets repeat the same facts in their own words: digits or words, rounded with
# "about" / "at least" / "nearly", a unit converted, a date as a weekday or a day of a month.
# Every word list below is made up for this file.

_SYLLABLES = ("kor", "va", "len", "ash", "bri", "dor", "mel", "tan", "sar", "en", "vel", "mar",
              "or", "ris", "tal", "ven", "bel", "ora", "cas", "tel", "dun", "mer", "fen", "wick",
              "hal", "ston", "ith", "ka", "lo", "mira", "sen", "dal", "qu", "ren", "zo", "pal")
_FIRST = ("Amira", "Tomas", "Lena", "Idris", "Marta", "Jonas", "Priya", "Karim", "Sofia", "Emre",
          "Nadia", "Pavel", "Rosa", "Yusuf", "Elena", "Omar", "Ines", "Viktor", "Hana", "Luca")
_OUTLET_A = ("Daily", "Evening", "Morning", "Northern", "Coastal", "Metro", "Valley", "Harbour",
             "Capital", "Global", "City", "Frontier", "Continental", "Lakeside", "Union", "Eastern")
_OUTLET_B = ("Courier", "Herald", "Wire", "Post", "Ledger", "Gazette", "Dispatch", "Chronicle",
             "Observer", "Tribune", "Bulletin", "Record", "Sentinel", "Monitor", "Journal", "Times")
_ROLES = ("a spokesperson", "a local official", "the provincial governor", "the police chief",
          "an analyst", "an aid worker", "a resident", "a shopkeeper", "a senior engineer")
_AGENCIES = ("the national disaster agency", "the interior ministry", "the civil defence service",
             "the regional health authority", "the coast guard", "state broadcaster {P}TV",
             "the {P} provincial council", "the emergency coordination centre")
_ADJ = ("tense", "chaotic", "calm", "uncertain", "grim", "difficult", "stable", "fragile")
_NOUNS = ("rubble", "debris", "confusion", "queues", "convoys", "crowds", "shelters", "roadblocks")
_AREAS = ("the old town", "the harbour district", "the eastern suburbs", "the market quarter",
          "the river valley", "the industrial zone", "the hillside villages", "the coastal road")
_VERBS = ("did", "tried", "managed", "planned", "checked", "organised", "prepared", "repaired")
_FILLER = (
    "{Person}, {role} in {place}, said the situation remained {adj}.",
    "\"We {verb} everything we could,\" {person} told reporters outside the building.",
    "Residents described scenes of {noun} as teams from {agency} moved through {area}.",
    "{Agency} urged people to stay away from {area} while the work went on.",
    "Television pictures showed {noun} and damaged cars along {area}.",
    "{Person} said families had been waiting for news since early morning.",
    "The mood in {place} was {adj}, with {noun} forming near the main square.",
    "Officials in {place} said they were still assessing the damage across {area}.",
    "Neighbouring governments offered help, and {agency} said it would accept it.",
    "\"It happened so fast,\" said {person}, who lives near {area}.",
    "Critics said warnings had been ignored for years and called for an inquiry.",
    "{Agency} said more details would be released once teams reached {area}.",
    "Roads into {place} were blocked by {noun}, slowing the arrival of supplies.",
    "{Person}, {role}, said the response had been {adj} but improving.",
    "Local radio broadcast appeals for blood donors and volunteers.",
    "Schools in {place} were closed and used as temporary shelters.",
    "The cause was still under investigation, {agency} said in a statement.",
    "Witnesses said they heard a loud noise before the {noun} began.",
    "Power and water supplies were cut in parts of {area}, {person} said.",
    "{Agency} said it had set up a hotline for relatives.",
)

# A fact: what is measured, its true value, and sentences that state it ({q} is the figure
# with its counted noun, {Q} the same at a sentence start, {n} the bare figure).
_FACTS: dict[str, list[tuple[str, str, str, tuple[float, float], tuple[str, ...]]]] = {
    # key: (name, dimension, noun synonyms, value range, templates)
    "disaster": [
        ("killed", "count", "people|people|residents|civilians", (4, 400), (
            "The {event} killed {q} in {place}, {agency} said.",
            "{Q} were killed when the {event} struck {place}.",
            "Officials said {q} had died and the toll could rise.",
            "{Agency} put the death toll at {n}.",
            "At the latest count {q} were confirmed dead in {place}.")),
        ("injured", "count", "people|people|residents", (20, 3000), (
            "{Q} were injured, many of them seriously.",
            "Hospitals in {place} treated {q} for injuries.",
            "The {event} also injured {q}, {agency} said.",
            "{Agency} said {q} were wounded.")),
        ("missing", "count", "people|people|residents", (3, 60), (
            "{Q} were still missing on {weekday}.",
            "Rescuers were searching for {q} reported missing.")),
        ("homes", "count", "homes|houses|buildings", (80, 9000), (
            "{Q} were destroyed or badly damaged.",
            "The {event} damaged {q} across {area}.",
            "Engineers said {q} would have to be demolished.")),
        ("displaced", "count", "people|residents|families", (500, 60000), (
            "{Q} had been forced from their homes.",
            "{Agency} said {q} were sleeping in tents and schools.")),
        ("rescuers", "count", "rescuers|rescue workers|soldiers", (100, 5000), (
            "{Q} were sent to the area, {agency} said.",
            "The government deployed {q} to help search the rubble.")),
        ("aid", "money", "", (1e6, 9e8), (
            "The government pledged {m} in emergency aid.",
            "Donors promised {m} for reconstruction.")),
        ("distance", "length", "", (8, 160), (
            "The epicentre was {l} from {place}.",
            "{Place} lies {l} from the worst-hit villages.")),
        ("duration", "duration", "", (5, 90), (
            "The main shock lasted {d}, witnesses said.",
            "Residents said the shaking went on for {d}.")),
        ("share", "percent", "", (10, 90), (
            "About {p} of buildings in {area} were damaged.",
            "{Agency} estimated that {p} of the harvest was lost.")),
    ],
    "deal": [
        ("price", "money", "", (2e8, 9e10), (
            "{Company} agreed to buy {target} for {m}.",
            "The deal values {target} at {m}, including debt.",
            "{Company} will pay {m} in cash and shares.")),
        ("per_share", "money", "", (12, 140), (
            "The offer of {m} a share was a premium to Friday's close.",
            "Shareholders of {target} will receive {m} for each share.")),
        ("premium", "percent", "", (8, 60), (
            "The price is a premium of {p} to the last close.",
            "Analysts said the {p} premium was generous.")),
        ("employees", "count", "employees|staff|workers", (300, 40000), (
            "{Target} has {q} in {place}.",
            "{Q} will join {company} when the deal closes.",
            "Unions said {q} could be affected.")),
        ("stores", "count", "stores|sites|branches", (20, 900), (
            "{Target} runs {q} across the region.",
            "The company operates {q}.")),
        ("revenue", "money", "", (5e7, 5e9), (
            "{Target} reported revenue of {m} last year.",
            "Sales at {target} reached {m}.")),
        ("jump", "percent", "", (3, 40), (
            "Shares of {target} jumped {p} after the announcement.",
            "{Target} stock rose {p} in early trading.")),
        ("founded", "count", "years|years", (8, 60), (
            "{Target} was founded {n} years ago in {place}.",)),
    ],
    "troops": [
        ("withdrawn", "count", "troops|soldiers|troops", (300, 9000), (
            "{Country} will withdraw {q} from {place}, {agency} said.",
            "The plan would pull {q} out of {place}.",
            "About half of the {q} being withdrawn will leave within weeks.")),
        ("remaining", "count", "troops|soldiers|troops", (100, 4000), (
            "{Q} will remain to protect the bases.",
            "Officials said {q} would stay behind.")),
        ("bases", "count", "bases|outposts|sites", (2, 40), (
            "{Country} will close {q} in the north.",
            "The troops are spread across {q}.")),
        ("cost", "money", "", (2e8, 9e9), (
            "The mission has cost {m} so far.",
            "Lawmakers said the deployment cost {m} a year.")),
        ("months", "duration", "", (2, 18), (
            "The withdrawal will take {d}.",
            "Commanders said the drawdown could last {d}.")),
        ("share", "percent", "", (10, 80), (
            "The cut amounts to {p} of the force.",
            "Officials said {p} of the equipment would be shipped home.")),
    ],
}
_EVENT_NOUNS = {"disaster": ("earthquake", "quake", "flood", "storm", "landslide"),
                "deal": ("deal", "acquisition", "takeover"),
                "troops": ("withdrawal", "drawdown", "pullout")}
_DATE_TEMPLATES = (
    "The {event} struck on {date}.",
    "It happened on {date}, {agency} said.",
    "{Agency} first reported the {event} on {date}.",
    "Events began on {date} in {place}.",
)
_DATED = (
    "{Agency} said on {date} that {fact}",
    "By {date}, {fact}",
    "As of {date}, {fact}",
)
_LATER_DATE_TEMPLATES = (
    "A review is due by {later}.",
    "{Agency} said the work should be finished by {later}.",
    "A final report is expected in {later}.",
)
_TIME_TEMPLATES = (
    "It began at {time}, {agency} said.",
    "The first reports came in at {time}.",
    "{Agency} said the {event} began at {time}.",
)
_BACKGROUND = (
    "A similar {event} in {year} killed {n} people in the same region.",
    "{Place} has a population of about {pop}.",
    "The last comparable {event} was in {month} {year}.",
    "The region has seen {k} such events since {year}.",
    "{Person}, {age}, said it was the worst she had seen in {k} years.",
    "The {noun2} was built in {year} and renovated {k} years ago.",
    "In {month} {year}, a smaller {event} forced {n} people from their homes.",
    "{Agency} was set up in {year} after floods killed {k} people.",
    "The {noun2}, opened in {year}, serves {pop} people.",
)
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _name(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, parts))).capitalize()


def _words(n: int) -> str:
    """English words for 0..99 and round hundreds/thousands; digits otherwise."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    for scale, word in ((1_000_000, "million"), (1000, "thousand"), (100, "hundred")):
        if n % scale == 0 and n // scale < 100:
            return f"{_words(n // scale)} {word}"
    return f"{n:,}"


def _round_sig(x: float, digits: int = 2) -> int:
    if x <= 0:
        return 0
    scale = 10 ** max(0, math.floor(math.log10(x)) - digits + 1)
    return int(round(x / scale) * scale)


def _say_count(rng: random.Random, value: int, noun: str) -> tuple[str, str]:
    """(figure with noun, bare figure): the same value as an outlet might write it."""
    style = rng.random()
    if style < 0.45:
        bare = _words(value) if value <= 12 and rng.random() < 0.6 else f"{value:,}"
    elif style < 0.65:
        bare = f"{rng.choice(('about', 'around', 'some', 'roughly', 'an estimated'))} {_round_sig(value):,}"
    elif style < 0.8:
        low = _round_sig(value * 0.97) if value > 20 else value
        bare = f"{rng.choice(('at least', 'more than'))} {min(low, value - 1) if value > 1 else 0:,}"
    elif style < 0.9:
        high = max(_round_sig(value * 1.03), value + 1)
        bare = f"{rng.choice(('nearly', 'almost', 'up to'))} {high:,}"
    elif 24 <= value <= 99 and rng.random() < 0.5:
        return f"dozens of {noun}", "dozens"
    elif 200 <= value <= 999 and rng.random() < 0.5:
        return f"hundreds of {noun}", "hundreds"
    else:
        bare = _words(value) if value % 1000 == 0 else f"{value:,}"
    return f"{bare} {noun}", bare


def _say_money(rng: random.Random, value: float) -> str:
    if value >= 1e9:
        x = round(value / 1e9, 1)
        return rng.choice((f"${x:g} billion", f"${x:g}bn", f"{x:g} billion dollars", f"US${x:g} billion"))
    if value >= 1e6:
        x = round(value / 1e6)
        return rng.choice((f"${x:,} million", f"${x:,}m", f"{x:,} million dollars"))
    x = round(value, 2) if value < 100 else round(value)
    return rng.choice((f"${x:g}", f"${x:,}", f"{x:g} dollars"))


def _say_length(rng: random.Random, km: float) -> str:
    miles = round(km / 1.609344)
    return rng.choice((f"{round(km)} km", f"{round(km)} kilometres ({miles} miles)", f"{miles} miles",
                       f"about {round(km)} kilometres"))


def _say_date(rng: random.Random, day: dt.date, published: dt.date) -> str:
    styles = [f"{day:%B} {day.day}", f"{day.day} {day:%B}", f"{day:%B} {day.day}, {day.year}",
              f"{day:%A}, {day:%B} {day.day}"]
    if 0 < (published - day).days < 6:
        styles.append(f"{day:%A}")
    return rng.choice(styles)


def _say_time(rng: random.Random, moment: dt.time) -> str:
    h12 = moment.hour % 12 or 12
    ap = "a.m." if moment.hour < 12 else "p.m."
    return rng.choice((f"{h12}:{moment.minute:02d} {ap} local time", f"{moment:%H:%M} GMT",
                       f"about {h12}:{moment.minute:02d} {ap}"))


@dataclass(frozen=True)
class _Fact:
    name: str
    dimension: str
    nouns: tuple[str, ...]
    value: float
    conflict: float | None  # a value some outlets report instead (a planted disagreement)
    templates: tuple[str, ...]
    weight: float  # how likely an article mentions it


def make_event(seed: int, n_articles: int, event_no: int = 0) -> list[tuple[str, str]]:
    """(file name, Markdown text) for one event's articles: same facts, varied wording,
    one or two planted conflicts, a few wire copies. Deterministic in ``seed``."""
    rng = random.Random(seed * 1_000_003 + event_no)
    kind = rng.choice(tuple(_FACTS))
    event_noun = rng.choice(_EVENT_NOUNS[kind])
    place, region = _name(rng), _name(rng)
    names = {
        "place": place, "region": region, "country": _name(rng, 2) + "ia",
        "company": _name(rng) + " Holdings", "target": _name(rng) + " Systems",
        "area": rng.choice(_AREAS),
    }
    people = [f"{rng.choice(_FIRST)} {_name(rng)}" for _ in range(8)]
    day = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(15 * 365))
    start = dt.time(rng.randrange(24), rng.randrange(60))
    facts = []
    for name, dimension, nouns, (lo, hi), templates in _FACTS[kind]:
        value = math.exp(rng.uniform(math.log(lo), math.log(hi)))
        value = round(value) if dimension in ("count", "duration", "percent", "length") else value
        facts.append(_Fact(name, dimension, tuple(nouns.split("|")) if nouns else ("",), value,
                           None, templates, rng.choice((0.5, 0.7, 0.9))))
    # one or two planted conflicts: a share of outlets report another figure
    for i in rng.sample(range(len(facts)), rng.choice((1, 2))):
        f = facts[i]
        other = f.value * rng.choice((1.25, 1.4, 0.7, 1.6))
        other = round(other) if f.dimension != "money" else other
        facts[i] = _Fact(f.name, f.dimension, f.nouns, f.value, other, f.templates, max(f.weight, 0.7))
    conflict_day = rng.random() < 0.3  # some events disagree on the day itself
    background = [(t, rng.randrange(1950, 2009), rng.randrange(5, 3000), rng.randrange(20, 90))
                  for t in rng.sample(_BACKGROUND, 6)]
    files: list[tuple[str, str]] = []
    bodies: list[tuple[str, str, str]] = []  # earlier articles, for wire copies
    for n in range(n_articles):
        outlet = f"{rng.choice(_OUTLET_A)} {rng.choice(_OUTLET_B)}"
        slug = outlet.lower().replace(" ", "-")
        published = dt.datetime.combine(day, dt.time()) + dt.timedelta(
            hours=start.hour + 1 + rng.randrange(0, 72), minutes=rng.randrange(60))
        if bodies and rng.random() < 0.04:
            title, body, _ = rng.choice(bodies)  # wire copy reposted by another outlet
        else:
            dissent = rng.random() < 0.3
            title, body = _article(rng, kind, event_noun, names, people, facts, background, day, start,
                                   published.date(), dissent, conflict_day and dissent)
            bodies.append((title, body, outlet))
        text = (f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published:%Y-%m-%dT%H:%M:00Z}\n"
                f"url: https://{slug}.example/{published:%Y/%m/%d}/{event_no}-{n}\n"
                f"author: {rng.choice(people)}\n---\n{body}\n")
        files.append((f"{slug}-{n:04d}.md", text))
    return files


def _article(rng: random.Random, kind: str, event_noun: str, names: dict[str, str], people: list[str],
             facts: list[_Fact], background: list[tuple[str, int, int, int]], day: dt.date,
             start: dt.time, published: dt.date, dissent: bool, other_day: bool) -> tuple[str, str]:
    target_words = rng.randint(400, 800)
    agency = rng.choice(_AGENCIES).replace("{P}", names["place"][:3].upper())
    slots = {**names, "event": event_noun, "agency": agency, "weekday": f"{day:%A}"}
    stated: list[str] = []
    told = {f.name: (f.conflict if dissent and f.conflict is not None else f.value) for f in facts}

    def fill(template: str, **extra: str) -> str:
        values = {**slots, "person": rng.choice(people), "role": rng.choice(_ROLES),
                  "adj": rng.choice(_ADJ), "noun": rng.choice(_NOUNS), "verb": rng.choice(_VERBS),
                  "area": rng.choice(_AREAS), **extra}
        values.update({k[:1].upper() + k[1:]: v[:1].upper() + v[1:] for k, v in list(values.items())})
        return template.format(**values)

    def fact_sentence(f: _Fact) -> str:
        value = told[f.name]
        template = rng.choice(f.templates)
        if f.dimension == "count":
            q, bare = _say_count(rng, int(value), rng.choice(f.nouns))
            return fill(template, q=q, n=bare)
        if f.dimension == "money":
            return fill(template, m=_say_money(rng, value))
        if f.dimension == "length":
            return fill(template, l=_say_length(rng, value))
        if f.dimension == "duration":
            unit = "months" if kind == "troops" else "seconds"
            return fill(template, d=f"{_words(int(value)) if value < 13 else int(value)} {unit}")
        percent = int(value)
        return fill(template, p=rng.choice((f"{percent}%", f"{percent} percent", f"{percent} per cent")))

    when = day - dt.timedelta(days=1) if other_day else day
    later = day + dt.timedelta(days=rng.choice((30, 60, 90)))
    lede_fact = max(facts, key=lambda f: f.weight)
    stated.append(fill(f"{names['place'].upper()} \u2014 " + rng.choice(_DATE_TEMPLATES),
                       date=_say_date(rng, when, published)))
    stated.append(fact_sentence(lede_fact))
    pool: list[Callable[[], str]] = []
    def dated(f: _Fact) -> str:
        sentence = fact_sentence(f)
        on = _say_date(rng, published - dt.timedelta(days=rng.randrange(0, 2)), published)
        first = sentence.split()[0]
        proper = any(first == v.split()[0] for v in names.values())
        fact = sentence if proper else sentence[:1].lower() + sentence[1:]
        return fill(rng.choice(_DATED), date=on, fact=fact)

    for f in facts:
        if rng.random() < f.weight:
            pool.append(lambda f=f: (dated if rng.random() < 0.25 else fact_sentence)(f))  # type: ignore[misc]
            if rng.random() < 0.3:
                pool.append(lambda f=f: fact_sentence(f))  # type: ignore[misc]
    if rng.random() < 0.7:
        pool.append(lambda: fill(rng.choice(_TIME_TEMPLATES), time=_say_time(rng, start)))
    if rng.random() < 0.6:
        pool.append(lambda: fill(rng.choice(_LATER_DATE_TEMPLATES),
                                 later=rng.choice((f"{later:%B} {later.year}", f"{later:%B} {later.day}"))))
    for template, year, k, age in background:
        if rng.random() < 0.5:
            pool.append(lambda t=template, y=year, k=k, a=age: fill(  # type: ignore[misc]
                t, year=str(y), n=f"{k * 7:,}", pop=f"{k * 1000:,}",
                month=f"{dt.date(2000, 1 + k % 12, 1):%B}", k=str(k % 40 + 2), age=str(a),
                noun2=rng.choice(("bridge", "dam", "hospital", "port"))))
    # one or two figures only this article has (a witness's age, a street number of victims)
    pool.append(lambda: fill(rng.choice(("{Person}, {a}, said {b} neighbours had left.",
                                         "{Person} said {b} neighbours had left.")),
                             a=str(rng.randrange(19, 80)), b=_words(rng.randrange(2, 12))))
    rng.shuffle(pool)
    sentences = stated + [make() for make in pool]
    words = sum(len(s.split()) for s in sentences)
    paragraphs: list[list[str]] = []
    for sentence in sentences:
        if not paragraphs or len(paragraphs[-1]) >= rng.randint(1, 3):
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    # filler between the facts until the article is long enough
    while words < target_words:
        sentence = fill(rng.choice(_FILLER))
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), [sentence])
        words += len(sentence.split())
    title = fill(rng.choice(("{Event} in {place}: what we know", "{Place} {event} leaves many dead",
                             "{Company} and {target}: the deal explained", "{Country} announces {event}",
                             "Latest on the {place} {event}")))
    return title, "\n\n".join(" ".join(p) for p in paragraphs)


def write_corpus(root: Path, events: int, articles: int, seed: int = SEED) -> Path:
    """``events`` event folders of ``articles`` articles each under ``root`` (one folder when 1)."""
    root.mkdir(parents=True, exist_ok=True)
    for e in range(events):
        folder = root if events == 1 else root / f"event-{e:04d}"
        folder.mkdir(exist_ok=True)
        for name, text in make_event(seed, articles, e):
            (folder / name).write_text(text, encoding="utf-8")
    return root


# --- 2. measuring one size in this process ----------------------------------------------------


class _Stopwatch:
    """CPU seconds spent in each wrapped stage function (wrappers installed on the pipeline module).

    CPU time, not wall time: the machine may be shared, and "articles/s on one core" is a CPU
    measure. Wall time is reported for whole runs.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.process_time() - t0
        return timed

    @contextmanager
    def stage(self, stage: str) -> Iterator[None]:
        t0 = time.process_time()
        yield
        self.seconds[stage] += time.process_time() - t0


def _instrument(watch: _Stopwatch) -> None:
    """Time the pipeline's own calls, whatever the pipeline does around them."""
    from factcheck import pipeline

    for name, stage in (("load_event", "load"), ("extract_claims", "extract"), ("cached_extract", "extract"),
                        ("extract_all", "extract"), ("find_copies", "syndication"), ("align", "align"),
                        ("compare", "compare")):
        if hasattr(pipeline, name):
            setattr(pipeline, name, watch.wrap(stage, getattr(pipeline, name)))


def _startup() -> float:
    """Import the pipeline and pay the one-off costs (regexes, quantulum's unit table)."""
    t0 = time.perf_counter()
    from factcheck.extract import extract_claims
    from factcheck.models import Article

    extract_claims(Article(id="w", path="w", outlet="w", title="w",
                           body="About 10 people died on Sunday, May 4, at 1:52 p.m., 3 km away."))
    return time.perf_counter() - t0


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (--jobs workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _use_cache_in_pipeline() -> str:
    """Make analyse() read the extraction cache; returns who wired it ("pipeline" or "bench")."""
    import inspect

    from factcheck import pipeline

    if any(name in inspect.getsource(pipeline.analyse) for name in ("cached_extract", "extract_all")):
        return "pipeline"
    from factcheck.cache import cached_extract

    pipeline.extract_claims = cached_extract  # type: ignore[attr-defined]  # until analyse() calls it
    return "bench"


def _peak_mb() -> dict[str, float]:
    # ru_maxrss is in kilobytes on Linux
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def measure(corpus: Path, jobs: int = 1, cache: str = "", executor: str = "local") -> dict[str, Any]:
    """Run the whole pipeline (and JSON rendering) over ``corpus``; times per stage."""
    startup = _startup()
    from factcheck.config import Settings
    from factcheck.report.json import render_json
    from factcheck.runner import run_events
    from factcheck.sources import find_events

    watch = _Stopwatch()
    cache_wired = _use_cache_in_pipeline() if cache else ""
    in_process = jobs == 1 and executor == "local"
    if in_process:
        _instrument(watch)
    settings = Settings(jobs=jobs, cache_dir=cache)
    events = find_events(corpus)
    wall0, cpu0 = time.perf_counter(), _cpu()
    kwargs = {"executor": executor} if executor != "local" else {}
    reports = run_events(events, settings, progress=False, **kwargs)
    with watch.stage("report-json"):
        size = sum(len(render_json(r)) for r in reports)
    wall, cpu = time.perf_counter() - wall0, _cpu() - cpu0
    articles = sum(len(r.articles) for r in reports)
    return {"events": len(events), "articles": articles, "claims": sum(len(r.claims) for r in reports),
            "discrepancies": sum(len(r.discrepancies) for r in reports), "json_bytes": size,
            "startup": startup, "wall": wall, "cpu": cpu, "stages": watch.seconds if in_process else {},
            "rate_cpu": articles / cpu if cpu else 0.0, "rate_wall": articles / wall if wall else 0.0,
            "peak_mb": _peak_mb(), "jobs": jobs, "cache_wired": cache_wired}


def measure_parallel_extraction(corpus: Path, jobs: int) -> dict[str, Any]:
    """extract_all over one big event: serial vs ``jobs`` processes, and whether outputs match."""
    _startup()
    from factcheck.config import Settings
    from factcheck.runner import extract_all
    from factcheck.sources import load_event

    articles, _ = load_event(corpus)
    t0 = time.perf_counter()
    serial = extract_all(articles, Settings(), jobs=1)
    t1 = time.perf_counter()
    parallel = extract_all(articles, Settings(), jobs=jobs)
    t2 = time.perf_counter()
    return {"articles": len(articles), "serial": t1 - t0, "parallel": t2 - t1, "jobs": jobs,
            "identical": serial == parallel, "peak_mb": _peak_mb()}


def measure_reference(corpus: Path, limit: int) -> dict[str, Any]:
    """factcheck's extractors vs quantulum3 and dateparser over the same sentences."""
    _startup()
    from factcheck.extract import find_dates, find_quantities
    from factcheck.extract.text import split_sentences
    from factcheck.sources import load_event

    articles, _ = load_event(corpus)
    sentences = [(s.text, a.published_date) for a in articles for s in split_sentences(a.body)][:limit]
    out: dict[str, Any] = {"sentences": len(sentences)}
    t0 = time.process_time()
    for text, published in sentences:
        find_quantities(text, find_dates(text, published))
    out["factcheck"] = time.process_time() - t0
    try:
        from quantulum3 import parser

        t0 = time.perf_counter()
        parser.parse("warm up 3 km")
        out["quantulum3_load"] = time.perf_counter() - t0
        t0 = time.process_time()
        for text, _ in sentences:
            parser.parse(text)
        out["quantulum3"] = time.process_time() - t0
    except ImportError:
        out["quantulum3"] = None
    try:
        from dateparser.search import search_dates

        t0 = time.perf_counter()
        search_dates("warm up on Sunday, May 4", languages=["en"])
        out["dateparser_load"] = time.perf_counter() - t0
        t0 = time.process_time()
        for text, _ in sentences:
            search_dates(text, languages=["en"])
        out["dateparser"] = time.process_time() - t0
    except ImportError:
        out["dateparser"] = None
    return out


def profile(corpus: Path) -> None:
    """Print where one run's time goes (pyinstrument, from the bench dependency group)."""
    from pyinstrument import Profiler

    _startup()
    from factcheck.config import Settings
    from factcheck.report.json import render_json
    from factcheck.runner import run_events
    from factcheck.sources import find_events

    profiler = Profiler(interval=0.002)
    with profiler:
        for report in run_events(find_events(corpus), Settings(), progress=False):
            render_json(report)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


# --- 3. orchestration: one subprocess per measurement ------------------------------------------


def _child(mode: str, corpus: Path, **options: Any) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", mode, "--corpus", str(corpus),
               "--child-options", json.dumps(options)]
    env = {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench child {mode} {corpus} failed:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _repeat_small(corpus: Path, n_articles: int, **options: Any) -> dict[str, Any]:
    """Small sizes finish in milliseconds: run a few fresh processes and keep the median."""
    runs = [_child("run", corpus, **options) for _ in range(3 if n_articles <= 50 else 1)]
    runs.sort(key=lambda r: r["cpu"])
    return runs[len(runs) // 2]


def _growth(times: dict[int, float]) -> tuple[list[tuple[int, int, float]], float | None]:
    """Per-doubling growth between consecutive sizes, and over the whole range."""
    sizes = sorted(times)
    steps = []
    for a, b in itertools.pairwise(sizes):
        if times[a] > 0 and times[b] > 0:
            steps.append((a, b, (times[b] / times[a]) ** (1 / math.log2(b / a))))
    whole = None
    if len(sizes) >= 2 and times[sizes[0]] > 0:
        whole = (times[sizes[-1]] / times[sizes[0]]) ** (1 / math.log2(sizes[-1] / sizes[0]))
    return steps, whole


def _row(label: str, r: dict[str, Any]) -> str:
    stages = r.get("stages") or {}
    cells = [f"{stages[s]:8.3f}" if s in stages else f"{'-':>8}" for s in STAGES]
    return (f"{label:<24}{r['articles']:>6}{r['claims']:>7} {r['startup']:6.2f} " + " ".join(cells) +
            f" {r['cpu']:8.2f} {r['wall']:8.2f} {r['rate_cpu']:7.1f} {r['rate_wall']:7.1f}"
            f" {max(r['peak_mb'].values()):7.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes only (CI smoke run)")
    parser.add_argument("--sizes", help="comma-separated articles per single event (default 10,50,200,1000)")
    parser.add_argument("--events", type=int, help="events in the many-events run (default 1000; quick 50)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one event of N articles and stop")
    parser.add_argument("--dask", action="store_true",
                        help="also run the many-events batch on a dask LocalCluster (needs factcheck[dask])")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-options", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        options = json.loads(args.child_options)
        run = {"run": measure, "extract": measure_parallel_extraction, "reference": measure_reference}
        print(json.dumps(run[args.child](args.corpus, **options)))
        return 0

    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as scratch:
        root = args.keep or Path(scratch)
        if args.profile:
            profile(write_corpus(root / f"profile-{args.profile}", 1, args.profile, args.seed))
            return 0
        return _bench(args, root)


def _bench(args: argparse.Namespace, root: Path) -> int:
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else \
        (QUICK_SIZES if args.quick else FULL_SIZES)
    n_events = args.events or (50 if args.quick else 1000)

    # 1. generate
    t0 = time.perf_counter()
    corpora = {n: write_corpus(root / f"one-event-{n}", 1, n, args.seed) for n in sizes}
    batch = write_corpus(root / f"{n_events}-events", n_events, 10, args.seed + 1)
    print(f"corpus: seed {args.seed}, {sum(sizes) + n_events * 10} articles written to {root} "
          f"in {time.perf_counter() - t0:.1f}s; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)

    # 2. measure, each in a fresh process
    results: dict[str, dict[str, Any]] = {}
    for n in sizes:
        results[f"1 event x {n}"] = _repeat_small(corpora[n], n)
        _progress_line(f"1 event x {n}", results[f"1 event x {n}"])
    for jobs in (1, 2):
        label = f"{n_events} events x 10" + (f" -j{jobs}" if jobs > 1 else "")
        results[label] = _child("run", batch, jobs=jobs)
        _progress_line(label, results[label])
    if args.dask:
        results[f"{n_events} x 10 dask -j2"] = _child("run", batch, jobs=2, executor="dask")
    cache_size = 200 if 200 in sizes else max(sizes)
    with tempfile.TemporaryDirectory(prefix="factcheck-cache-") as cache:
        results[f"cache cold, {cache_size}"] = _child("run", corpora[cache_size], cache=cache)
        results[f"cache warm, {cache_size}"] = _child("run", corpora[cache_size], cache=cache)
    big = max(sizes)
    parallel = _child("extract", corpora[big], jobs=2)
    reference = _child("reference", corpora[50 if 50 in sizes else big], limit=60 if args.quick else 400)

    hostile = measure_hostile()

    # 3. print
    _print_table(results)
    growth = _print_growth(results, sizes)
    _print_extraction(parallel, results, cache_size, reference)
    _print_hostile(hostile)
    _print_targets(results, sizes, n_events, growth)
    return 0


# bodies that once cost quadratic time somewhere in extraction: one "sentence" of 60 KB each
HOSTILE = {
    "a flattened table (10,000 figures, no full stop)": "from 1 to 2 " * 5000,
    "3,000 names with ages in one run": "Jan Koum, 37, and " * 3000,
    "20,000 capitalised words before an age": "Ab " * 20000 + "Cd, 34, was there.",
    "30,000 bare digits": "1 " * 30000,
}


def measure_hostile() -> dict[str, float]:
    """CPU seconds to extract each hostile body (see HOSTILE)."""
    from factcheck.extract import extract_claims
    from factcheck.models import Article

    out = {}
    for label, body in HOSTILE.items():
        start = _cpu()
        extract_claims(Article(id="h", path="h.txt", outlet="H", title="", body=body,
                               published=dt.datetime(2025, 4, 18)))
        out[label] = _cpu() - start
    return out


def _print_hostile(hostile: dict[str, float]) -> None:
    print()
    print("hostile inputs, 60 KB each (extraction CPU s; each should stay near linear, ~2 s at most):")
    for label, seconds in hostile.items():
        print(f"  {label:52} {seconds:6.2f}")


def _progress_line(label: str, r: dict[str, Any]) -> None:
    print(f"  measured {label}: {r['cpu']:.1f} CPU s, {r['wall']:.1f} s wall", file=sys.stderr, flush=True)


def _print_table(results: dict[str, dict[str, Any]]) -> None:
    head = (f"{'run':<24}{'arts':>6}{'claims':>7} {'start':>6} " +
            " ".join(f"{s:>8}" for s in ("load", "extract", "syndic.", "align", "compare", "json")) +
            f" {'CPU s':>8} {'wall s':>8} {'a/CPUs':>7} {'a/wall':>7} {'peak MB':>7}")
    print()
    print(head)
    print("-" * len(head))
    for label, r in results.items():
        print(_row(label, r))
    print("stages and 'CPU s' in CPU seconds (children included); 'start' = imports and first use, not in\n"
          "the totals; stages are blank where they ran in worker processes; peak = max RSS of the run's\n"
          "process or of any of its workers")


def _print_growth(results: dict[str, dict[str, Any]], sizes: tuple[int, ...]) -> float | None:
    times = {n: results[f"1 event x {n}"]["stages"]["align"] + results[f"1 event x {n}"]["stages"]["compare"]
             for n in sizes}
    steps, whole = _growth(times)
    print()
    print("align+compare CPU time as articles per event grow (growth normalised per doubling):")
    for a, b, g in steps:
        only_align = _growth({n: results[f"1 event x {n}"]["stages"]["align"] for n in (a, b)})[1] or 0.0
        print(f"  {a:>5} -> {b:<5} {times[a]:8.3f}s -> {times[b]:8.3f}s   x{g:.2f} per doubling "
              f"(align alone x{only_align:.2f})")
    if whole is not None:
        print(f"  overall {sizes[0]} -> {sizes[-1]}: x{whole:.2f} per doubling")
    return whole


def _print_extraction(parallel: dict[str, Any], results: dict[str, dict[str, Any]], cache_size: int,
                      reference: dict[str, Any]) -> None:
    print()
    print(f"parallel extraction (runner.extract_all), one event of {parallel['articles']} articles: "
          f"serial {parallel['serial']:.2f}s, -j{parallel['jobs']} {parallel['parallel']:.2f}s wall "
          f"(x{parallel['serial'] / parallel['parallel']:.2f}); identical output: {parallel['identical']}")
    cold, warm = results[f"cache cold, {cache_size}"], results[f"cache warm, {cache_size}"]
    print(f"extraction cache ({cache_size} articles, wired by {cold['cache_wired']}): extract "
          f"{cold['stages']['extract']:.3f}s cold -> {warm['stages']['extract']:.3f}s warm; "
          f"whole run {cold['cpu']:.2f} -> {warm['cpu']:.2f} CPU s")
    n_s, ours = reference["sentences"], reference["factcheck"]
    print()
    print(f"extractors over the same {n_s} sentences (CPU ms per sentence; ratio to factcheck):")
    print(f"  {'factcheck (dates + quantities)':<32} {1000 * ours / n_s:8.3f}")
    for name, what in (("quantulum3", "quantulum3 parser.parse"), ("dateparser", "dateparser search_dates")):
        if reference.get(name) is None:
            print(f"  {what:<32} not installed")
            continue
        print(f"  {what:<32} {1000 * reference[name] / n_s:8.3f}   x{reference[name] / ours:.1f} slower "
              f"(+{reference[name + '_load']:.2f}s on first call)")


def _print_targets(results: dict[str, dict[str, Any]], sizes: tuple[int, ...], n_events: int,
                   growth: float | None) -> None:
    ordinary = [results[f"1 event x {n}"]["rate_cpu"] for n in sizes if n <= 50]
    ordinary.append(results[f"{n_events} events x 10"]["rate_cpu"])
    big = results.get("1 event x 1000")
    batch = results[f"{n_events} events x 10 -j2"] if n_events == 1000 else None
    checks: list[tuple[str, float | None, bool, str]] = [
        (f"whole pipeline >= {TARGET_RATE:.0f} articles/s on one core (events of <= 50)",
         min(ordinary), min(ordinary) >= TARGET_RATE, f"{min(ordinary):.0f} art/CPU s"),
        (f"1,000-article event < {TARGET_BIG_EVENT:.0f}s", big and big["wall"],
         bool(big) and big["wall"] < TARGET_BIG_EVENT, f"{big['wall']:.1f}s wall" if big else ""),
        (f"align+compare growth <= {TARGET_GROWTH}x per doubling", growth,
         growth is not None and growth <= TARGET_GROWTH, f"x{growth:.2f}" if growth else ""),
        (f"10,000 articles in 1,000 events < {TARGET_BATCH:.0f}s with --jobs 2", batch and batch["wall"],
         bool(batch) and batch["wall"] < TARGET_BATCH, f"{batch['wall']:.1f}s wall" if batch else ""),
    ]
    peak = max(max(r["peak_mb"].values()) for r in results.values())
    checks.append((f"peak memory < {TARGET_MEMORY:.0f} MB", peak, peak < TARGET_MEMORY, f"{peak:.0f} MB"))
    print()
    print("targets (issue 7):")
    for text, value, ok, shown in checks:
        verdict = "not measured" if value is None else ("met" if ok else "MISSED")
        print(f"  {text:<62} {shown:>16}  {verdict}")


if __name__ == "__main__":
    sys.exit(main())

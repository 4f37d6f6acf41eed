"""Sentences, words and context around a span: the text plumbing the extractors share.

Everything works on offsets into the article body, so every claim can point back at the
exact characters it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations whose dot does not end a sentence ("Mr. Gray", "U.S. troops", "3 p.m. ET").
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep",
    "gov", "pres", "st", "mt", "no", "vs", "inc", "ltd", "co", "corp", "jr", "sr", "u.s", "u.k",
    "u.n", "e.g", "i.e", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "est", "dept", "fig", "ft", "sq", "km", "mph",
}
# a sentence ends at . ! ? before a capital, at a blank line, or at a line break that does not
# fall mid-sentence (wrapped Markdown goes on in lower case, or breaks after a comma)
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n\s*|"
                       r"(?<![,;:\-])\n\s*(?![a-z])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.\-]*[A-Za-z]|[A-Za-z]")

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto over under about after
before since until than then that this these those there their they them its it is are was
were be been being has have had do does did not no nor so such also just only more most less
least some any all each every both either neither other another which who whom whose what
when where while why how he she his her him we our us you your i me my will would shall
should can could may might must said says say told according per up down out off again
further once here very own same too s t just new one
""".split())


# words that open a sentence and almost never follow an abbreviation inside one
_STARTER = re.compile(r"\s+(?:He|She|It|They|We|I|The|A|An|This|That|These|Those|Then|But|And|"
                      r"There|His|Her|Their|Its|Our|In|On|At|After|Before|When|While)\b")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(body: str) -> list[Sentence]:
    """Sentences with their offsets; newlines always end a sentence (headlines, captions)."""
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(body):
        if m.group().strip() and _ends_with_abbreviation(body, m.start()):
            continue
        _append(out, body, pos, m.start() + len(m.group().rstrip()))
        pos = m.end()
    _append(out, body, pos, len(body))
    return out


def _ends_with_abbreviation(body: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", body[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    if _STARTER.match(body, dot + 1):
        return False  # "at 8 p.m. He said": the abbreviation also ends the sentence
    # a single capital letter ("John F. Kennedy") or a known abbreviation
    return token in _ABBREV or (len(token) == 1 and body[dot - 1].isupper())


# the longest stretch read as one sentence: longer ones (a table flattened into one line, a
# list without full stops) are cut at a space, so that work per claim stays bounded
MAX_SENTENCE_CHARS = 1500


def _append(out: list[Sentence], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = body.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        _append(out, body, start, cut)
        start = cut
        while start < end and body[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, body[start:end]))


class SentenceIndex:
    """Finds the sentence holding an offset in O(log n)."""

    def __init__(self, body: str) -> None:
        self.sentences = split_sentences(body)
        self._starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Sentence:
        i = max(0, bisect_right(self._starts, offset) - 1)
        if not self.sentences:
            return Sentence(0, 0, "")
        return self.sentences[i]


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light stemmer: enough to meet "killing"/"killed", "troops"/"troop", "injuries"/"injured"."""
    w = word.lower().strip("'\u2019.-")
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "wounding"/"stopped" -> "wound"/"stop"
    return w


def words(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Words as (start, end, text) with offsets shifted by ``offset``."""
    return [(m.start() + offset, m.end() + offset, m.group()) for m in _WORD.finditer(text)]


def context_words(sentence: Sentence, start: int, end: int, limit: int = 12) -> tuple[str, ...]:
    """Stems of content words in the sentence, nearest to the span first."""
    scored: list[tuple[int, str]] = []
    for ws, we, w in words(sentence.text, sentence.start):
        if ws < end and start < we:
            continue
        lw = w.lower()
        if lw in STOPWORDS or len(lw) < 3:
            continue
        distance = start - we if we <= start else ws - end
        scored.append((distance, stem(lw)))
    scored.sort()
    seen: list[str] = []
    for _, s in scored:
        if s not in seen:
            seen.append(s)
        if len(seen) >= limit:
            break
    return tuple(seen)


# letters that may start and continue a name, accented Latin ones included ("Sa\u00efd", "Ch\u00e9rif")
NAME_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
NAME_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff"
_ENTITY = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+)(?:\s+(?:[A-Z][a-z]+|[A-Z]{2,}))*")
_NOT_ENTITY = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "We", "This",
    "That", "After", "Before", "Since", "As", "For", "By", "Of", "If", "When", "While", "Some",
    "About", "More", "Most", "Many", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Mr", "Mrs", "Ms", "There",
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Twelve",
    "Dozens", "Hundreds", "Thousands", "Several", "No", "Nobody", "Almost", "Nearly",
    "Around", "Only", "Witnesses", "Officials", "Police", "Rescuers",
})


def entities(sentence: str) -> tuple[str, ...]:
    """Capitalised names in a sentence (places, organisations, people), in order."""
    found: list[str] = []
    for m in _ENTITY.finditer(sentence):
        name = m.group()
        first = name.split()[0]
        if first in _NOT_ENTITY:
            name = " ".join(name.split()[1:])
        if name and name not in found and name not in _NOT_ENTITY:
            found.append(name)
    return tuple(found)

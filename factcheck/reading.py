"""Reading a claim's sentence: what the words around a figure say about it.

The thing counted and its synonyms, what happened to it (its role: killed, injured,
withdrawn, rescued...), whether it is a running total, whether a date is the day something
was said rather than done, and whose age a figure is. Alignment (:mod:`factcheck.align`)
scores pairs of claims on these readings; they depend on one claim only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from factcheck.extract.text import NAME_LOWER, NAME_UPPER, STOPWORDS
from factcheck.extract.text import stem as word_stem
from factcheck.models import Claim


def _lexicon(groups: Sequence[tuple[str, str]]) -> dict[str, str]:
    """{word: label} from (label, "word word ...") groups."""
    return {word: label for label, words in groups for word in words.split()}


# nouns that name the same thing counted in news copy (the first of each group stands for all)
_SYNONYMS = _lexicon([(words.split()[0], words) for words in (
    "troops soldiers forces personnel servicemembers service-members service marines sailors",
    "people persons individuals civilians residents",
    "dead deaths fatalities killed bodies victims lives",
    "injured wounded hurt injuries casualties",
    "homes houses buildings dwellings",
    "students pupils children",
    "bases outposts sites installations",
    "aftershocks tremors",
    "villages hamlets",
    "arrests apprehensions detentions",
)])

# verbs and nouns that say what happened to the thing counted: they must not contradict
ROLES = _lexicon((
    ("killed", "kill killed killing die died dead death toll fatal fatality life lives bodies "
               "drown drowned perish perished"),
    ("injured", "injur injury wound wounded hurt hospital hospitalis hospitaliz"),
    ("withdraw", "withdraw withdrawn withdrawal pull pulled leav depart departure drawdown "
                 "cut reduc reduction"),
    ("remain", "remain stay left leav keep kept footprint maintain"),
    ("arrest", "arrest detain detained apprehension apprehend"),
    ("missing", "missing"),
    ("displace", "displac flee fled homeless"),
    ("rescue", "rescu rescue rescued saved airlift evacuat"),
    ("aboard", "aboard onboard board carrying"),
    ("affected", "affect affected"),
    ("quake", "quake earthquake temblor"),
    ("aftershock", "aftershock"),
))

# stems of words that name the same happening in news copy, for comparing contexts
CONCEPTS = _lexicon((
    ("attack", "bomb bombing bomber explosion explod blast attack strike airstrike raid shell shelling"),
    ("quake", "quake earthquake tremor temblor jolt shook shake"),
    ("killed", "kill die died dead death toll fatal fatality life drown perish"),
    ("injured", "injur injury wound hurt"),
    ("troop", "troop soldier forc force personnel servicemember service"),
    ("withdraw", "withdraw withdrawal pull drawdown redeploy"),
    ("remain", "remain stay footprint"),
    ("fund", "fund funding rais invest investor capital financ backer"),
    ("buy", "acquir acquisition buy purchas bought takeover"),
    ("fall", "fell fall fallen plung plummet tumbl slid"),
    ("march", "march marcher rally protest protester demonstr demonstrator crowd"),
    ("share", "stock shar index bours"),
    ("military", "military defense defence pentagon army"),
    ("divert", "divert redirect unlock tap reallocat shift"),
    ("arrest", "arrest apprehen apprehension detain detention"),
))


def concept(word: str) -> str:
    """The happening a context word names ("blast" and "bomb" are both an attack)."""
    return CONCEPTS.get(word) or CONCEPTS.get(word.rstrip("s")) or word


def canonical_noun(noun: str) -> str:
    noun = noun.lower()
    if noun in _SYNONYMS:
        return _SYNONYMS[noun]
    if noun.endswith("s") and noun[:-1] + "s" in _SYNONYMS:
        return _SYNONYMS[noun]
    return noun.rstrip("s")


def roles(claim: Claim) -> frozenset[str]:
    """What the sentence says happened to the counted thing: from the words of the claim's own
    clause ("475 were on board, and 179 were rescued"), else from the words nearest it."""
    offset = claim.start - claim.sentence_start
    found = _clause_roles(claim.sentence, offset, offset + len(claim.quote), claim.noun)
    return found if found else _roles(claim.context[:5], claim.noun)


_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
# what ends a clause around a figure
_CLAUSE_BREAK = re.compile(r"[,;:\u2014()]|\s-\s|\b(?:and|but|while|whereas|after|before)\b", re.I)


@lru_cache(maxsize=4096)
def _clause_breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _CLAUSE_BREAK.finditer(sentence))


@lru_cache(maxsize=65536)
def _clause_roles(sentence: str, start: int, end: int, noun: str) -> frozenset[str]:
    breaks = _clause_breaks(sentence)  # once per sentence, not once per figure in it
    left = max((b for a, b in breaks if b <= start), default=0)
    right = min((a for a, b in breaks if a >= end), default=len(sentence))
    clause = sentence[left:start] + " " + sentence[end:right]
    # content words only: not "with" (withdraw?) nor names ("State Department": depart?)
    stems = tuple(dict.fromkeys(word_stem(w.lower()) for w in _WORD.findall(clause)
                                if len(w) >= 3 and w.lower() not in STOPWORDS and not w[0].isupper()))
    return _roles(stems, noun)


@lru_cache(maxsize=65536)
def _roles(context: tuple[str, ...], noun: str) -> frozenset[str]:
    # pairs of claims ask for the same roles again and again: computed once per distinct context
    found = set()
    for word in context:
        for stem, role in ROLES.items():
            if word.startswith(stem) or (stem.startswith(word) and len(word) >= 4):
                found.add(role)
    if noun:
        noun_role = ROLES.get(noun) or ROLES.get(noun.rstrip("s"))
        if noun_role:
            found.add(noun_role)
        if noun.startswith("casualt"):
            found.update(("killed", "injured"))  # casualties are the dead and the hurt
    if "aftershock" in found:
        found.discard("quake")  # an aftershock's sentence speaks of the quake too
    return frozenset(found)


# words that make the figures of a sentence sums over several occasions ("so far", "to date"),
# and words that make the figures after them sums ("a total of 14 rifles, 31 magazines")
_RUNNING_TOTAL = re.compile(r"\b(?:so far|to date|thus far|in all|all told|in total|altogether|"
                            r"cumulative(?:ly)?)\b", re.I)
_TOTAL_OF = re.compile(r"\btotal of\b", re.I)


def is_running_total(claim: Claim) -> bool:
    """Whether the sentence makes a figure a running total rather than one occasion's figure."""
    return _running_total(claim.sentence, claim.start - claim.sentence_start)


@lru_cache(maxsize=65536)
def _running_total(sentence: str, offset: int) -> bool:
    return _sums_over_occasions(sentence) or _TOTAL_OF.search(sentence, 0, offset) is not None


@lru_cache(maxsize=4096)
def _sums_over_occasions(sentence: str) -> bool:
    return _RUNNING_TOTAL.search(sentence) is not None


# a date said to be when someone spoke ("said Thursday") is the reporting, not the fact
SPEECH = re.compile(r"\b(?:said|says|say|told|tells|announc\w*|report\w*|confirm\w*|stated|statement|"
                     r"added|disclosed|according|spoke|briefing|interview|posted|tweeted|wrote|"
                     r"declared|revealed|acknowledged|condemn\w*|denied|denies|urged|warned|welcomed|"
                     r"critici[sz]ed|pledged|vowed)\b", re.I)


def is_reporting_date(claim: Claim) -> bool:
    """Whether a date names the day something was said rather than the day something happened:
    a word of speech next to it ("said Thursday", "in a statement on Monday", "on Friday
    announced", "according to police on Wednesday"), not one further off in the sentence
    ("the bombing on Tuesday, which he said killed seven")."""
    if claim.kind != "date" or claim.granularity not in ("day", ""):
        return False
    offset = claim.start - claim.sentence_start
    if _DATELINE.match(claim.sentence[:offset]):
        return True  # "LONDON, June 24 (Reuters) -": the day the story was filed
    before = claim.sentence[max(0, offset - 40):offset]
    after = claim.sentence[offset + len(claim.quote):offset + len(claim.quote) + 25]
    return bool(_SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(after))


# a dateline's place: capitals, then the date ("KATHMANDU, April 25 (Reuters) -")
_DATELINE = re.compile(r"\s*[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?,\s*$")
# a word of speech, then at most two words (a listener, "police", "reporters") and "on"
_SPEECH_BEFORE = re.compile(SPEECH.pattern + r"(?:\s+[\w.'\u2019-]+){0,2}?(?:\s+(?:on|late|early|last))?\s*$",
                            re.I)
# the date, then the speech: "on Friday announced", "Thursday's statement"
_SPEECH_AFTER = re.compile(r"(?:'s|\u2019s)?,?\s*(?:(?:that|it|they|he|she|officials)\s+)?(?:\w+ly\s+)?"
                           + SPEECH.pattern, re.I)


_NAME = rf"[{NAME_UPPER}][{NAME_LOWER}'\u2019-]+(?:\s+[{NAME_UPPER}][{NAME_LOWER}'\u2019-]+)*"
_NAME_BEFORE = re.compile(rf"({_NAME}),\s*(?:the\s+|a\s+|an\s+)?$")
_NAME_AFTER = re.compile(rf"^(?:-year-old|\s*years?\s+old|\s*,)?\s*(?:[a-z]+\s+){{0,2}}?({_NAME})")


def same_person(a: str, b: str) -> bool:
    """"Jan Koum" and "Koum", "Captain Lee Joon-seok" and "Lee"; not "Cherif Kouachi" and
    "Said Kouachi", brothers: two full names must agree in full."""
    ta, tb = a.split(), b.split()
    if len(ta) == 1 or len(tb) == 1:
        return bool(set(ta) & set(tb))
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def person(claim: Claim) -> str:
    """The name an age belongs to: "Jan Koum, 37", "the 38-year-old Koum", "Mr. Cameron, 49"."""
    offset = claim.start - claim.sentence_start
    return _person(claim.sentence, offset, offset + len(claim.quote))


@lru_cache(maxsize=65536)
def _person(sentence: str, start: int, end: int) -> str:
    before = _NAME_BEFORE.search(sentence[max(0, start - 40):start])
    if before:
        return before.group(1)
    after = _NAME_AFTER.match(sentence[end:end + 40])
    return after.group(1) if after else ""

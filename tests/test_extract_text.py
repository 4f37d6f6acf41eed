"""Tests of the text plumbing the extractors share: sentences and their offsets, words,
context and names; and the claim invariants on arbitrary text.

"""

from __future__ import annotations

import datetime as dt

import pytest
from extracting import PUBLISHED, extract
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from factcheck.extract.text import (
    MAX_SENTENCE_CHARS,
    SentenceIndex,
    context_words,
    entities,
    split_sentences,
    words,
)


def sentences(body: str) -> list[str]:
    """The sentence texts, after checking that each is the slice its offsets name."""
    found = split_sentences(body)
    for s in found:
        assert body[s.start:s.end] == s.text
    return [s.text for s in found]



# --- sentence splitting ----------------------------------------------------------------------

SPLITS = [
    # abbreviations inside a sentence do not end it
    ("The U.S. sent 600 troops. Officials confirmed the figure.",
     ["The U.S. sent 600 troops.", "Officials confirmed the figure."]),
    ("The U.S. Army said so. It declined to elaborate.",
     ["The U.S. Army said so.", "It declined to elaborate."]),
    ("Mr. Gray arrived late. Mrs. Gray did not come.",
     ["Mr. Gray arrived late.", "Mrs. Gray did not come."]),
    ("Dr. Okafor met Gen. Hale in the capital. They spoke for an hour.",
     ["Dr. Okafor met Gen. Hale in the capital.", "They spoke for an hour."]),
    ("Talks resumed on Oct. 7 in Doha. No deal was reached.",
     ["Talks resumed on Oct. 7 in Doha.", "No deal was reached."]),
    ("The vote was held on Sept. 14 and Nov. 2. Turnout was low.",
     ["The vote was held on Sept. 14 and Nov. 2.", "Turnout was low."]),
    ("The speech starts at 3 p.m. ET on Monday. Tickets are sold out.",
     ["The speech starts at 3 p.m. ET on Monday.", "Tickets are sold out."]),
    ("Polls open at 7 a.m. Monday in most states. Results come later.",
     ["Polls open at 7 a.m. Monday in most states.", "Results come later."]),
    ("John F. Kennedy was shot in 1963. The nation mourned.",
     ["John F. Kennedy was shot in 1963.", "The nation mourned."]),
    # decimals and percentages are not sentence ends
    ("It cost 3.5 million dollars. That was a record.",
     ["It cost 3.5 million dollars.", "That was a record."]),
    ("The rate rose 2.5%. Analysts were surprised.",
     ["The rate rose 2.5%.", "Analysts were surprised."]),
    # other ends
    ("Is it over? Nobody knows! The talks go on.",
     ["Is it over?", "Nobody knows!", "The talks go on."]),
    ('He said "We will stay." Then he left.',
     ['He said "We will stay."', "Then he left."]),
    ("Flood warning\nThe river rose overnight. Roads closed.",
     ["Flood warning", "The river rose overnight.", "Roads closed."]),
    ("  Leading spaces.  \n\n  Trailing spaces.  ",
     ["Leading spaces.", "Trailing spaces."]),
    ("", []),
    ("   \n\n  ", []),
    # an abbreviation that does end the sentence
    pytest.param("Polls close at 8 p.m. He expects a long night.",
          ["Polls close at 8 p.m.", "He expects a long night."]),
    pytest.param("He moved to the U.K. Then he moved back.",
          ["He moved to the U.K.", "Then he moved back."]),
]


@pytest.mark.parametrize(("body", "expected"), SPLITS)
def test_split_sentences(body: str, expected: list[str]) -> None:
    assert sentences(body) == expected


def test_sentence_offsets_point_into_the_body() -> None:
    body = "Mr. Gray left. The U.S. stayed."
    found = split_sentences(body)
    assert [(s.start, s.end) for s in found] == [(0, 14), (15, 31)]


@pytest.mark.parametrize(("offset", "expected"), [
    (0, "Mr. Gray left."),
    (5, "Mr. Gray left."),
    (13, "Mr. Gray left."),
    (14, "Mr. Gray left."),  # the space between sentences belongs to the one before
    (15, "The U.S. stayed."),
    (30, "The U.S. stayed."),
])
def test_sentence_index_finds_the_sentence_at_an_offset(offset: int, expected: str) -> None:
    assert SentenceIndex("Mr. Gray left. The U.S. stayed.").at(offset).text == expected


def test_a_run_without_full_stops_is_cut_into_bounded_sentences() -> None:
    # a table flattened into one line: thousands of figures and no full stop
    body = "from 1 to 2 " * 2000 + "and 17 people were killed"
    sentences = split_sentences(body)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(body[s.start:s.end] == s.text for s in sentences)
    # nothing is lost between the pieces but the spaces they were cut at
    assert "".join(s.text for s in sentences).replace(" ", "") == body.replace(" ", "")
    assert [c.quote for c in extract(body) if c.noun == "people"] == ["17"]


def test_sentence_index_of_empty_body() -> None:
    assert SentenceIndex("").at(0).text == ""


# --- claims carry their sentence -------------------------------------------------------------

# (body, a claim's quote, the sentence it must carry)
CLAIM_SENTENCES = [
    ("The U.S. will withdraw about 600 troops. Mr. Gray said 1,000 would remain.",
     "1,000", "Mr. Gray said 1,000 would remain."),
    ("The U.S. will withdraw about 600 troops. Mr. Gray said 1,000 would remain.",
     "about 600", "The U.S. will withdraw about 600 troops."),
    ("Talks resumed on Oct. 7 in Doha. Some 40 delegates attended.",
     "Oct. 7", "Talks resumed on Oct. 7 in Doha."),
    ("Talks resumed on Oct. 7 in Doha. Some 40 delegates attended.",
     "Some 40", "Some 40 delegates attended."),
    ("The quake struck at 1:53 p.m. ET on Friday, killing 12 people.",
     "12", "The quake struck at 1:53 p.m. ET on Friday, killing 12 people."),
    ("Storm update\nMore than 200 flights were cancelled.",
     "More than 200", "More than 200 flights were cancelled."),
]


@pytest.mark.parametrize(("body", "quote", "sentence"), CLAIM_SENTENCES)
def test_claim_carries_its_sentence(body: str, quote: str, sentence: str) -> None:
    matches = [c for c in extract(body) if c.quote == quote]
    assert len(matches) == 1, [c.quote for c in extract(body)]
    claim = matches[0]
    assert claim.sentence == sentence
    assert body[claim.sentence_start:claim.sentence_start + len(claim.sentence)] == claim.sentence
    assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_start + len(claim.sentence)


def test_claim_ids_follow_text_order() -> None:
    body = "On Thursday, about 600 troops left. By 3 p.m. another 200 had gone."
    claims = extract(body)
    assert [c.id for c in claims] == [f"t:{n}" for n in range(1, len(claims) + 1)]
    assert [c.start for c in claims] == sorted(c.start for c in claims)


# --- words, context and names ----------------------------------------------------------------

def test_words_carry_offsets_shifted_into_the_body() -> None:
    body = "Intro. The U.S. army's 600-strong unit left."
    offset = body.index("The")
    for start, end, word in words(body[offset:], offset):
        assert body[start:end] == word
    found = [w for _, _, w in words(body[offset:], offset)]
    assert found == ["The", "U.S", "army's", "strong", "unit", "left"]


def test_context_words_are_nearest_first_and_skip_the_claim() -> None:
    body = "The army withdrew 600 troops from Syria."
    sentence = split_sentences(body)[0]
    start = body.index("600")
    context = context_words(sentence, start, start + 3)
    assert context[:2] == ("troop", "withdrew")
    assert "600" not in context
    assert "the" not in context


@pytest.mark.parametrize(("sentence", "names"), [
    ("Mr. Gray met officials from the United Nations in New York on Monday.",
     ("Gray", "United Nations", "New York")),
    ("The Pentagon said NATO allies were told.", ("Pentagon", "NATO")),
])
def test_entities(sentence: str, names: tuple[str, ...]) -> None:
    assert entities(sentence) == names


# --- properties on arbitrary text ------------------------------------------------------------

FRAGMENTS = [
    "The U.S. sent about 600 troops.", "Mr. Gray said fewer than 1,000 remain.",
    "Talks resumed on Oct. 7 in Doha.", "The quake struck at 1:53 p.m. on Friday.",
    "Dozens of villages lost power.", "The deal is worth $1.2 billion.", "Turnout was 61.4 percent.",
    "The Senate voted 52-48.", "Between 500 and 700 fighters remain.", "A 24-hour curfew began.",
    "The convoy travelled 30 miles.", "Prices fell in mid-December.", "No one was hurt.",
    "Call 555-0199 today.", "The 500-700 fighters left last week.", "\n", " ", "-", "(", ")",
    "twenty-three", "a dozen", "F-35", "2019", "Sept. 11, 2001", "1353 (1023 GMT)", "\u2013", "%",
]


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
       st.sampled_from([PUBLISHED, None]))
def test_claims_on_composed_text_keep_the_invariants(body: str, published: dt.datetime | None) -> None:
    claims = extract(body, published)  # checks quote == body[start:end] and low <= high
    for claim in claims:
        assert claim.sentence_start <= claim.start


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.?!\n\"'0123456789,:-$%pm")), max_size=80))
def test_claims_on_arbitrary_text_keep_the_invariants(body: str) -> None:
    extract(body)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_sentences_are_ordered_disjoint_trimmed_slices(body: str) -> None:
    found = split_sentences(body)
    previous_end = 0
    for s in found:
        assert body[s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert previous_end <= s.start < s.end
        previous_end = s.end

"""Tests of comparison: when aligned claims agree, how they split into sides, and how a
discrepancy is judged (severity, revision over time, syndicated copies, fingerprint).

Articles are short texts written for these tests; each discrepancy test runs the whole
analysis (:func:`factcheck.pipeline.analyse`) on two or three of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.align import align
from factcheck.compare import claims_agree, compare, fingerprint, sides_of
from factcheck.config import Settings
from factcheck.extract import extract_claims
from factcheck.models import Article, Claim, ClaimGroup, Discrepancy, Report
from factcheck.pipeline import analyse

PUBLISHED = dt.datetime(2025, 4, 18, 12, 0)  # a Friday
DEFAULTS = Settings()


def article(id: str, outlet: str, body: str, published: dt.datetime = PUBLISHED) -> Article:
    return Article(id=id, path=f"{id}.md", outlet=outlet, title="", body=body, published=published)


def claim(text: str) -> Claim:
    """The one quantity or time claim of a one-sentence article."""
    found = [c for c in extract_claims(article("t", "T", text)) if c.kind in ("quantity", "time")]
    assert len(found) == 1, f"want one claim in {text!r}, got {[c.quote for c in found]}"
    return found[0]


def run(*articles: Article, event: str = "event", config: Settings = DEFAULTS) -> Report:
    return analyse(event, list(articles), config)


def only(report: Report) -> Discrepancy:
    assert len(report.discrepancies) == 1, [d.explanation for d in report.discrepancies]
    return report.discrepancies[0]


def quotes(report: Report, d: Discrepancy) -> list[set[str]]:
    return [{report.claim(i).quote for i in side} for side in d.sides]


def pair(first: str, second: str) -> tuple[Article, Article]:
    return article("a", "Alpha", first), article("b", "Beta", second)


# --- when two claims agree -----------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "agree"), [
    # intervals
    ("Fewer than 1,000 people joined the march.", "About 1,400 people joined the march.", False),
    ("About 600 troops will leave.", "Exactly 600 troops will leave.", True),
    ("About 600 troops will leave.", "Some 800 troops will leave.", False),
    ("About 600 troops will leave.", "Some 700 troops will leave.", True),  # 550-650 meets 650-750
    ("Between 500 and 700 troops will leave.", "About 600 troops will leave.", True),
    ("Fewer than 1,000 people joined the march.", "About 900 people joined the march.", True),
    # units, with a rounding allowance for converted figures
    ("The epicentre was about 58km from the city.", "The epicentre was 36 miles from the city.", True),
    ("The pipeline runs 1,500 km across the country.", "The pipeline runs 940 miles across the country.", True),
    ("The fire spread 10 miles along the coast.", "The fire spread 30 km along the coast.", False),
    ("The fire spread 10 miles along the coast.", "The fire spread 16 km along the coast.", True),
    # a measurement is as precise as its digits; counts and money are stated to the unit
    ("Turnout was 72 percent.", "Turnout was 72.2%.", True),
    ("Turnout was 71.8 per cent.", "Turnout was 72.2%.", False),
    ("The quake measured 5.9.", "The quake measured 6.1.", False),
    ("The plan costs $3.5 billion.", "The plan costs $3.6 billion.", False),
    ("The plan costs $3.5 billion.", "The plan costs about $3.6 billion.", False),
    # ... unless written with a decimal and a scale word: then rounded at the last digit
    ("The ministry said 1.09 million people marched.", "The ministry said 1.089 million people marched.", True),
    ("The ministry said 1.09 million people marched.", "The ministry said 1.2 million people marched.", False),
    # bounds: news reports a bound as the figure known so far
    ("At least 3 people were killed.", "At least 10 people were killed.", False),
    ("At least 10 people were killed.", "12 people were killed.", False),  # the toll then: 10
    ("At least 12 people were killed.", "12 people were killed.", True),
    ("Police said more than 100 people were arrested.", "Police said 103 people were arrested.", True),
    ("The island is home to more than 100,000 people.", "The island is home to 120,000 people.", True),
    ("At least 10 people were killed.", "At least 10 people were killed in all.", True),
    # clock times
    ("The quake struck at 2:53 p.m. local time.", "The quake struck at 3:20 p.m. local time.", False),
    ("The quake struck at about 3 p.m. local time.", "The quake struck at 2:53 p.m. local time.", True),
    ("The quake struck at 3:20 p.m. GMT.", "The quake struck at 3:50 p.m. GMT.", False),
    # a zoned time and a local one: without the local zone neither can be shown wrong
    ("The quake struck at about 12:00 GMT.", "The quake struck at 2:53 p.m. local time.", True),
    ("The quake struck at 10:00 GMT.", "The quake struck at 10:40 a.m.", True),
])
def test_claims_agree(first: str, second: str, agree: bool) -> None:
    a, b = claim(first), claim(second)
    assert claims_agree(a, b, DEFAULTS) is agree
    assert claims_agree(b, a, DEFAULTS) is agree


def test_an_inline_conversion_is_one_claim() -> None:
    found = [c for c in extract_claims(article("t", "T", "The epicentre was 58km (36 miles) from the city."))
             if c.kind == "quantity"]
    assert [c.quote for c in found] == ["58km"]


def test_an_inline_conversion_is_not_a_discrepancy() -> None:
    report = run(*pair("The epicentre was 58km (36 miles) north of the capital, seismologists said.",
                       "Seismologists placed the epicentre 36 miles north of the capital."))
    assert report.discrepancies == ()


@pytest.mark.parametrize(("first", "second", "conflict"), [
    ("The wildfire has spread 10 miles along the coast since Sunday.",
     "Since Sunday the wildfire has spread 30 km along the coast.", True),
    ("The epicentre was about 58km north-east of the capital.",
     "The epicentre lay 36 miles north-east of the capital.", False),
    ("The new pipeline will run 1,500 km from the gas fields to the port.",
     "The new pipeline, 940 miles long, will run from the gas fields to the port.", False),
])
def test_distances_are_compared_after_conversion(first: str, second: str, conflict: bool) -> None:
    report = run(*pair(first, second))
    assert bool(report.discrepancies) is conflict
    if conflict:
        assert only(report).topic == "distance"


@pytest.mark.parametrize(("first", "second", "conflict"), [
    ("Fewer than 1,000 people joined the march through the capital.",
     "About 1,400 people joined the march through the capital.", True),
    ("About 600 people joined the march through the capital.",
     "Police said 600 people joined the march through the capital.", False),
])
def test_intervals_in_a_report(first: str, second: str, conflict: bool) -> None:
    report = run(*pair(first, second))
    assert bool(report.discrepancies) is conflict


# --- sides ---------------------------------------------------------------------------------

def test_bounds_on_a_toll_split_into_sides() -> None:
    # each bound is the toll known when it was written: 3, then 10, then 12
    report = run(
        article("a", "Alpha", "At least 3 people were killed in the landslide near the mine, police said."),
        article("b", "Beta", "Police said at least 10 people were killed in the landslide near the mine."),
        article("c", "Gamma", "The landslide near the mine killed 12 people, police said."),
        article("d", "Delta", "Police said at least 12 people were killed in the landslide near the mine."),
    )
    d = only(report)
    assert quotes(report, d) == [{"At least 3"}, {"at least 10"}, {"12", "at least 12"}]


def _count(n: int, value: float, qualifier: str, dimension: str = "count") -> Claim:
    low: float | None = value
    high: float | None = value
    if qualifier == "approx":
        low, high = value * 0.9, value * 1.1
    elif qualifier == "lower":
        high = None
    elif qualifier == "upper":
        low = None
    return Claim(id=f"a{n}:1", article=f"a{n}", kind="quantity", quote=str(value), sentence="", start=0,
                 end=1, low=low, high=high, unit="people" if dimension == "count" else dimension, subject="",
                 value=value, qualifier=qualifier, dimension=dimension,
                 noun="people" if dimension == "count" else "")


figures = st.lists(st.tuples(st.sampled_from([3, 10, 12, 100, 110, 1000]),
                             st.sampled_from(["exact", "approx", "lower", "upper"])), min_size=1, max_size=7)


@settings(max_examples=150, deadline=None)
@given(figures, st.sampled_from(["count", "length"]))
def test_sides_partition_agreeing_claims_and_disagree_with_each_other(stated: list[tuple[int, str]],
                                                                     dimension: str) -> None:
    claims = [_count(n, value, qualifier, dimension) for n, (value, qualifier) in enumerate(stated)]
    sides = sides_of(claims, DEFAULTS)
    placed = [c for side in sides for c in side]
    assert len(placed) == len({c.id for c in placed})
    for left_out in (c for c in claims if c not in placed):
        # a measurement left out takes no side: it agrees with every claim of two sides
        assert left_out.dimension != "count"
        assert sum(all(claims_agree(left_out, c, DEFAULTS) for c in side) for side in sides) >= 2
    for side in sides:
        assert side and all(claims_agree(x, y, DEFAULTS) for x, y in itertools.combinations(side, 2))
    for one, other in itertools.combinations(sides, 2):
        assert not all(claims_agree(x, y, DEFAULTS) for x in one for y in other)


def test_a_hedged_measure_compatible_with_two_sides_takes_neither() -> None:
    claims = [_count(0, 5.9, "exact", "magnitude"), _count(1, 5.9, "lower", "magnitude"),
              _count(2, 6.1, "exact", "magnitude"), _count(3, 6.1, "exact", "magnitude")]
    sides = sides_of(claims, DEFAULTS)
    assert [[c.id for c in side] for side in sides] == [["a0:1"], ["a2:1", "a3:1"]]


def test_a_rounded_measurement_compatible_with_two_sides_takes_neither() -> None:
    # turnout "72 percent" (71.5-72.5) beside "71.8 per cent" and "72.2%"
    claims = [claim("Turnout was 72 percent, officials said."), claim("Turnout was 71.8 per cent."),
              claim("Turnout was 72.2%, the highest in years.")]
    claims = [dataclasses.replace(c, id=f"a{n}:1", article=f"a{n}") for n, c in enumerate(claims)]
    sides = sides_of(claims, DEFAULTS)
    assert [[c.quote for c in side] for side in sides] == [["71.8 per cent"], ["72.2%"]]
    assert claims_agree(claims[0], claims[1], DEFAULTS) and claims_agree(claims[0], claims[2], DEFAULTS)


def test_a_claim_that_takes_no_side_is_listed_as_compatible() -> None:
    quake = "The earthquake struck the coast of the island on Sunday, the agency said."
    report = run(
        article("a", "Alpha", quake + " It had a magnitude of 5.9, the national seismology centre said."),
        article("b", "Beta", quake + " It had a magnitude of 6.1, the US Geological Survey said."),
        article("c", "Gamma", quake + " It had a magnitude of at least 5.9, seismologists said."),
    )
    d = only(report)
    assert quotes(report, d) == [{"5.9"}, {"6.1"}]
    assert [report.claim(i).quote for i in d.compatible] == ["at least 5.9"]


def test_a_bound_on_a_count_states_its_figure() -> None:
    # "at least 12 dead" is the toll known so far: it sides with "12", not with "15"
    claims = [_count(0, 12, "exact"), _count(1, 12, "lower"), _count(2, 15, "exact")]
    sides = sides_of(claims, DEFAULTS)
    assert [[c.id for c in side] for side in sides] == [["a0:1", "a1:1"], ["a2:1"]]


def test_a_hedged_figure_that_rules_a_side_out_keeps_its_place() -> None:
    # "at least 3" disagrees with "at least 10" (a toll known so far), so it is on a side
    claims = [_count(0, 3, "lower"), _count(1, 3, "exact"), _count(2, 10, "exact"), _count(3, 10, "lower")]
    sides = sides_of(claims, DEFAULTS)
    assert [[c.id for c in side] for side in sides] == [["a0:1", "a1:1"], ["a2:1", "a3:1"]]


def test_sides_do_not_depend_on_input_order() -> None:
    claims = [_count(n, value, q) for n, (value, q) in enumerate(
        [(10, "lower"), (3, "lower"), (12, "exact"), (10, "exact"), (100, "approx"), (110, "exact")])]
    expected = [[c.id for c in side] for side in sides_of(claims, DEFAULTS)]
    for order in (claims[::-1], claims[2:] + claims[:2]):
        assert [[c.id for c in side] for side in sides_of(order, DEFAULTS)] == expected


# --- severity (compare's docstring, README "How it decides") -------------------------------

FLOODS = "Floods in the northern province have killed {}, the disaster agency said."
FLOODS_LATER = "The disaster agency said {} have been killed by floods in the northern province."
CLASSROOMS = "The school board voted to close {} classrooms across the district."
CLASSROOMS_LATER = "The district school board will close {} classrooms after the vote."
QUAKE_TIME = "The quake struck at {} local time, shaking buildings across the capital."
QUAKE_TIME_LATER = "Buildings across the capital shook when the quake struck at {} local time."


@pytest.mark.parametrize(("first", "second", "severity"), [
    pytest.param(FLOODS.format("40 people"), FLOODS_LATER.format("41 people"), "major", id="killed-any-difference"),
    pytest.param("The blast injured 40 people near the station, police said.",
                 "Police said 41 people were injured by the blast near the station.", "major",
                 id="injured-any-difference"),
    pytest.param("The ferry capsized on the river on Sunday, and 40 passengers drowned.",
                 "Officials say 41 passengers drowned when a ferry capsized on the river on Sunday.", "major",
                 id="drowned-any-difference"),
    pytest.param("The council approved $40 million for the new stadium.",
                 "The new stadium will receive $41 million, the council approved.", "major", id="money"),
    pytest.param("The magnitude 6.1 earthquake shook the coastal town.",
                 "A 6.2-magnitude earthquake shook the coastal town.", "major", id="magnitude"),
    pytest.param(CLASSROOMS.format(40), CLASSROOMS_LATER.format(41), "minor", id="count-small-difference"),
    pytest.param(CLASSROOMS.format(86), CLASSROOMS_LATER.format(100), "minor", id="count-14-percent"),
    pytest.param(CLASSROOMS.format(85), CLASSROOMS_LATER.format(100), "major", id="count-15-percent"),
    pytest.param(CLASSROOMS.format(40), CLASSROOMS_LATER.format(60), "major", id="count-large-difference"),
    pytest.param("The bridge collapsed on April 12, trapping commuters.",
                 "The bridge collapsed on April 13, trapping dozens of commuters.", "major", id="day-level-date"),
    pytest.param(QUAKE_TIME.format("2:53 p.m."), QUAKE_TIME_LATER.format("3:20 p.m."), "major", id="time-27-min"),
    pytest.param(QUAKE_TIME.format("2:53 p.m."), QUAKE_TIME_LATER.format("3:09 p.m."), "major", id="time-16-min"),
    pytest.param(QUAKE_TIME.format("2:53 p.m."), QUAKE_TIME_LATER.format("3:08 p.m."), "minor", id="time-15-min"),
    pytest.param(QUAKE_TIME.format("2:53 p.m."), QUAKE_TIME_LATER.format("3:03 p.m."), "minor", id="time-10-min"),
])
def test_severity(first: str, second: str, severity: str) -> None:
    assert only(run(*pair(first, second))).severity == severity


def test_major_difference_is_a_setting() -> None:
    articles = pair(CLASSROOMS.format(86), CLASSROOMS_LATER.format(100))
    assert only(run(*articles, config=Settings(major_difference=0.1))).severity == "major"
    assert only(run(*articles, config=Settings(major_difference=0.5))).severity == "minor"


def test_month_level_dates_are_minor() -> None:
    claims = [c for a in pair("The factory will open in March 2026 under the plan.",
                              "The factory is due to open in May 2026 under the plan.")
              for c in extract_claims(a)]
    assert [c.granularity for c in claims] == ["month", "month"]
    group = ClaimGroup("date", "date", tuple(claims))
    (d,) = compare([group], pair("", ""), "event", Settings(min_confidence=0))
    assert d.severity == "minor"


def test_times_agree_within_an_approximate_hour() -> None:
    assert run(*pair(QUAKE_TIME.format("about 3 p.m."), QUAKE_TIME_LATER.format("2:53 p.m."))).discrepancies == ()


# --- changed over time ---------------------------------------------------------------------

def test_a_toll_that_rises_between_reports_changed_over_time() -> None:
    early = article("a", "Alpha", FLOODS.format("3 people"), published=dt.datetime(2025, 4, 14, 8))
    late = article("b", "Beta", FLOODS_LATER.format("10 people"), published=dt.datetime(2025, 4, 16, 9))
    for order in ((early, late), (late, early)):
        d = only(run(*order))
        assert d.changed_over_time
        assert d.explanation == "changed over time: Alpha says 3; later Beta says 10"


def test_simultaneous_reports_are_a_contradiction_not_a_revision() -> None:
    d = only(run(*pair(FLOODS.format("3 people"), FLOODS_LATER.format("10 people"))))
    assert not d.changed_over_time
    assert not d.explanation.startswith("changed over time")


def test_a_figure_that_is_not_a_toll_is_not_a_revision() -> None:
    d = only(run(article("a", "Alpha", CLASSROOMS.format(40), published=dt.datetime(2025, 4, 14)),
                 article("b", "Beta", CLASSROOMS_LATER.format(60), published=dt.datetime(2025, 4, 16))))
    assert not d.changed_over_time


def test_a_report_without_a_date_is_not_placed_in_time() -> None:
    d = only(run(article("a", "Alpha", FLOODS.format("3 people"), published=dt.datetime(2025, 4, 14)),
                 Article("b", "b.md", "Beta", "", FLOODS_LATER.format("10 people"))))
    assert not d.changed_over_time


# --- explanation and syndication -----------------------------------------------------------

def test_explanation_names_each_outlet_and_its_words() -> None:
    report = run(
        article("a", "Alpha", FLOODS.format("12 people")),
        article("b", "Beta", FLOODS_LATER.format("15 people")),
        article("d", "Delta", "Twelve people died in the floods that hit the northern province, "
                              "according to the disaster agency."),
    )
    d = only(report)
    assert quotes(report, d) == [{"12", "Twelve"}, {"15"}]
    assert d.explanation == "Alpha and Delta say 12; Beta says 15"
    assert d.syndicated == ()
    assert report.syndication == ()


def test_a_syndicated_copy_is_marked() -> None:
    wire = ("Floods in the northern province have killed 12 people, the disaster agency said. "
            "Rescue teams are searching villages cut off by the water.")
    original = article("a", "Alpha", wire, published=dt.datetime(2025, 4, 18, 9))
    copy = article("c", "Gamma", wire.replace("the water", "water"), published=dt.datetime(2025, 4, 18, 15))
    other = article("b", "Beta", FLOODS_LATER.format("15 people"))
    report = run(copy, other, original)
    assert report.syndication == (("c", "a"),)
    d = only(report)
    assert d.syndicated == ("c",)
    assert quotes(report, d) == [{"12"}, {"15"}]
    assert "Alpha and Gamma (copy of Alpha) say 12" in d.explanation
    # a copy is not independent corroboration: it adds no confidence
    assert d.confidence == only(run(original, other)).confidence


def test_the_later_of_two_near_identical_articles_is_the_copy() -> None:
    wire = ("Floods in the northern province have killed 12 people, the disaster agency said. "
            "Rescue teams are searching villages cut off by the water.")
    early = article("z", "Zeta", wire.replace("the water", "water"), published=dt.datetime(2025, 4, 17, 9))
    late = article("a", "Alpha", wire, published=dt.datetime(2025, 4, 18, 9))
    assert run(late, early).syndication == (("a", "z"),)


def test_an_independent_agreeing_article_adds_confidence() -> None:
    base = pair(FLOODS.format("12 people"), FLOODS_LATER.format("15 people"))
    third = article("d", "Delta", "Twelve people died in the floods that hit the northern province, "
                                  "according to the disaster agency.")
    assert only(run(*base, third)).confidence > only(run(*base)).confidence


def test_confidence_is_at_most_100() -> None:
    report = run(*pair("Fewer than 1,000 people joined the march through the capital.",
                       "About 1,400 people joined the march through the capital."))
    assert 0.0 <= only(report).confidence <= 100.0


# --- fingerprint ---------------------------------------------------------------------------

FINGERPRINT_ARTICLES = (
    article("a", "Alpha", FLOODS.format("12 people")),
    article("b", "Beta", FLOODS_LATER.format("15 people")),
    article("c", "Gamma", "The wildfire has spread 10 miles along the coast since Sunday. "
                          "The school board voted to close 40 classrooms across the district."),
    article("d", "Delta", "Since Sunday the wildfire has spread 30 km along the coast. "
                          "The district school board will close 60 classrooms after the vote."),
)


def fingerprints(report: Report) -> set[str]:
    return {d.fingerprint for d in report.discrepancies}


def test_fingerprint_is_stable_across_file_order() -> None:
    expected = fingerprints(run(*FINGERPRINT_ARTICLES))
    assert len(expected) == 3
    for order in itertools.permutations(FINGERPRINT_ARTICLES):
        assert fingerprints(run(*order)) == expected


@pytest.mark.parametrize("newcomer", [
    article("e", "Epsilon", "Twelve people died in the floods that hit the northern province, "
                            "according to the disaster agency."),
    article("e", "Epsilon", "At least 12 people were killed by the floods in the northern province, "
                            "the disaster agency said."),
    article("e", "Epsilon", "The disaster agency said the floods in the northern province killed 15 people."),
])
def test_fingerprint_is_stable_when_an_article_agrees_with_a_side(newcomer: Article) -> None:
    before = run(*FINGERPRINT_ARTICLES)
    after = run(*FINGERPRINT_ARTICLES, newcomer)
    assert fingerprints(after) == fingerprints(before)
    floods = next(d for d in after.discrepancies if any(i.startswith("e:") for side in d.sides for i in side))
    assert floods.fingerprint in fingerprints(before)


def test_fingerprint_changes_with_the_values_in_dispute_and_the_event() -> None:
    base = fingerprints(run(*FINGERPRINT_ARTICLES[:2]))
    assert fingerprints(run(*FINGERPRINT_ARTICLES[:2], event="other")) != base
    changed = (FINGERPRINT_ARTICLES[0], article("b", "Beta", FLOODS_LATER.format("16 people")))
    assert fingerprints(run(*changed)) != base


def test_fingerprint_function_ignores_who_holds_a_side() -> None:
    report = run(*FINGERPRINT_ARTICLES[:2])
    (group,) = align(report.claims)
    sides = sides_of(group.claims, DEFAULTS)
    assert fingerprint("event", group, sides) == only(report).fingerprint
    assert fingerprint("event", group, sides[::-1]) == only(report).fingerprint
    assert len(only(report).fingerprint) == 16

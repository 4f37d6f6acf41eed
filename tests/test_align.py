"""Tests of alignment: which claims of different articles are taken to state the same fact.

Each test writes two or three short articles about one made-up event, extracts their claims
and aligns them; a claim is named by its article and its quote, so the assertions read as
"this figure of Alpha's is grouped with that figure of Beta's".
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.align import align, disputed, is_reporting_date, is_running_total, roles, same_moment, similarity, topic
from factcheck.config import Settings
from factcheck.extract import extract_claims
from factcheck.models import Article, Claim, ClaimGroup
from factcheck.pipeline import analyse

PUBLISHED = dt.datetime(2025, 4, 18, 12, 0)  # a Friday


def article(id: str, outlet: str, body: str, published: dt.datetime = PUBLISHED) -> Article:
    return Article(id=id, path=f"{id}.md", outlet=outlet, title="", body=body, published=published)


def claims_of(*articles: Article) -> list[Claim]:
    return [c for a in articles for c in extract_claims(a)]


def one(claims: list[Claim], article_id: str, quote: str, in_sentence: str = "") -> Claim:
    """The one claim of ``article_id`` quoting ``quote`` (in a sentence containing ``in_sentence``)."""
    found = [c for c in claims if c.article == article_id and c.quote == quote and in_sentence in c.sentence]
    assert len(found) == 1, f"want one {quote!r} in {article_id}, got {[(c.article, c.quote) for c in claims]}"
    return found[0]


def group_of(groups: list[ClaimGroup], claim: Claim) -> ClaimGroup | None:
    return next((g for g in groups if claim in g.claims), None)


def named(group: ClaimGroup) -> set[tuple[str, str]]:
    return {(c.article, c.quote) for c in group.claims}


# --- the same fact in different words ------------------------------------------------------

def test_spelled_and_digit_figures_of_one_toll_are_grouped() -> None:
    claims = claims_of(
        article("a", "Alpha", "An earthquake struck the mountain villages on Tuesday, killing 10 people."),
        article("b", "Beta", "Ten people were killed when an earthquake struck the mountain villages on Tuesday."),
    )
    groups = align(claims)
    group = group_of(groups, one(claims, "a", "10"))
    assert group is not None
    assert ("b", "Ten") in named(group)
    assert group.kind == "quantity"


def test_a_group_spans_at_least_two_articles() -> None:
    claims = claims_of(
        article("a", "Alpha", "The storm destroyed 300 homes and damaged 45 schools along the coast."),
        article("b", "Beta", "Along the coast 300 homes were destroyed by the storm, officials said."),
    )
    for group in align(claims):
        assert len({c.article for c in group.claims}) >= 2


# --- what happened to the counted thing: roles ---------------------------------------------

KILLED_AND_INJURED_IN_BOTH = (
    article("a", "Alpha", "The blast killed 12 people and injured 40 others near the market."),
    article("b", "Beta", "Police said the blast injured 40 people at the market and killed 15."),
)
KILLED_VS_INJURED_UNDATED = (
    article("a", "Alpha", "A car bomb outside the central market killed 12 people, the governor said."),
    article("b", "Beta", "The governor said 30 people were injured by the car bomb outside the central market."),
)
KILLED_VS_INJURED_SAME_DAY = (
    article("a", "Alpha", "A car bomb exploded outside the central market in Kandahar on Monday "
                          "and killed 12 people."),
    article("b", "Beta", "Hospital staff in Kandahar treated 30 people injured by Monday's car bomb "
                         "at the central market."),
)


@pytest.mark.parametrize(("articles", "killed", "injured"), [
    pytest.param(KILLED_AND_INJURED_IN_BOTH, {("a", "12"), ("b", "15")}, {("a", "40"), ("b", "40")},
                 id="both-figures-in-both"),
    pytest.param(KILLED_VS_INJURED_UNDATED, {("a", "12")}, {("b", "30")}, id="one-figure-each"),
    pytest.param(KILLED_VS_INJURED_SAME_DAY, {("a", "12")}, {("b", "30")}, id="one-figure-each-same-day"),
])
def test_killed_and_injured_figures_are_not_grouped(articles: tuple[Article, ...], killed: set[tuple[str, str]],
                                                    injured: set[tuple[str, str]]) -> None:
    for group in align(claims_of(*articles)):
        members = named(group)
        assert not (members & killed and members & injured), f"{group.topic}: {sorted(members)}"


def test_a_killed_toll_and_an_injured_count_are_not_reported_as_a_conflict() -> None:
    report = analyse("kandahar", [
        *KILLED_VS_INJURED_SAME_DAY,
        article("c", "Gamma", "Doctors in Kandahar said 30 people were injured by Monday's car bomb "
                              "near the central market."),
        article("d", "Delta", "The car bomb in Kandahar on Monday killed 12 people outside the central "
                              "market, police said."),
    ])
    assert [d.explanation for d in report.discrepancies if d.kind == "quantity"] == []


def test_killed_figures_of_two_outlets_are_grouped_beside_injured_ones() -> None:
    claims = claims_of(*KILLED_AND_INJURED_IN_BOTH)
    group = group_of(align(claims), one(claims, "a", "12"))
    assert group is not None
    assert named(group) == {("a", "12"), ("b", "15")}


@pytest.mark.parametrize(("sentence", "quote", "expected"), [
    ("Officials now say 475 people were on board, and 179 were rescued.", "475", {"aboard"}),
    ("Officials now say 475 people were on board, and 179 were rescued.", "179", {"rescue"}),
    ("Twelve people were killed and 20 wounded in the attack.", "20", {"injured"}),
    ("Ten people, including two children, were killed.", "Ten", {"killed"}),
    ("There were no casualties in the camp.", "no casualties", {"killed", "injured"}),
    # neither a function word nor a name gives a role ("with", "Department")
    ("It is buying the firm for $334 million, with $218 million of that paid in cash.", "$218 million", set()),
    ("The State Department said 12 people were killed.", "12", {"killed"}),
])
def test_a_figure_takes_its_role_from_its_own_clause(sentence: str, quote: str, expected: set[str]) -> None:
    assert roles(one(claims_of(article("a", "Alpha", sentence)), "a", quote)) == expected


def test_ages_of_one_person_are_grouped_and_of_two_people_kept_apart() -> None:
    claims = claims_of(
        article("a", "Alpha", "Jan Koum, 37, and Brian Acton, 42, met while working at Yahoo as engineers."),
        article("b", "Beta", "The 38-year-old Koum will join the board of directors, the companies said."),
    )
    koum, acton, later = one(claims, "a", "37"), one(claims, "a", "42"), one(claims, "b", "38-year-old")
    assert similarity(acton, later) < 0.5 * similarity(koum, later)
    group = group_of(align(claims), later)
    assert group is not None and named(group) == {("a", "37"), ("b", "38-year-old")}


def test_brothers_ages_are_kept_apart_and_a_pilots_two_ages_compared() -> None:
    claims = claims_of(
        article("a", "Alpha", "The attackers, Sa\u00efd Kouachi, 34, and his brother Ch\u00e9rif, 32, were killed."),
        article("b", "Beta", "The police named the brothers as Ch\u00e9rif Kouachi, 32, and Sa\u00efd Kouachi, 34."),
        article("c", "Gamma", "The pilot, Lee Kang-kook, 45, had 43 hours on the jet and 9,793 hours in total."),
        article("d", "Delta", "The pilot at the controls, Lee Kang-kook, 46, was in training, the airline said."),
    )
    groups = align(claims)
    said = group_of(groups, one(claims, "a", "34"))
    assert said is not None and named(said) == {("a", "34"), ("b", "34")}
    pilot = group_of(groups, one(claims, "c", "45"))
    assert pilot is not None and named(pilot) == {("c", "45"), ("d", "46")}
    # "in total" sums the hours, not the pilot's age: the two ages stay a confident match
    assert similarity(one(claims, "c", "45"), one(claims, "d", "46")) >= Settings().min_confidence


def test_days_of_different_happenings_are_kept_apart() -> None:
    claims = claims_of(
        article("a", "Alpha", "A strong earthquake struck the island in the gulf on Sunday, "
                              "officials in the capital said."),
        article("b", "Beta", "Villagers on the island in the gulf began burying their dead on Monday "
                             "after the earthquake."),
    )
    assert group_of(align(claims), one(claims, "a", "Sunday")) is None


def test_shares_of_the_same_thing_are_grouped() -> None:
    claims = claims_of(
        article("a", "Alpha", "Turnout was 72.2%, the highest at a national vote in decades."),
        article("b", "Beta", "Leave won 51.9 per cent of the vote on a turnout of 71.8 per cent, "
                             "with strong support in the east."),
    )
    turnout, won, other_turnout = claims
    # the word next to each share names what it is of: enough on its own to align the two
    assert similarity(turnout, other_turnout) >= Settings().align_threshold > similarity(turnout, won)
    group = group_of(align(claims), turnout)
    assert group is not None and named(group) == {("a", "72.2%"), ("b", "71.8 per cent")}


def test_troops_withdrawn_and_troops_remaining_are_kept_apart() -> None:
    claims = claims_of(
        article("a", "Alpha", "The Pentagon will withdraw 600 troops from Syria. "
                              "Officials said about 1,400 troops will remain in the country."),
        article("b", "Beta", "The Pentagon is pulling 1,000 soldiers out of Syria. "
                             "A force of 1,000 troops would stay in the country, officials said."),
    )
    groups = align(claims)
    withdrawn = group_of(groups, one(claims, "a", "600"))
    remaining = group_of(groups, one(claims, "a", "about 1,400"))
    assert withdrawn is not None and remaining is not None
    assert set(withdrawn.claims) == {one(claims, "a", "600"), one(claims, "b", "1,000", "pulling")}
    assert set(remaining.claims) == {one(claims, "a", "about 1,400"), one(claims, "b", "1,000", "stay")}
    assert "withdrawn" in withdrawn.topic and "remaining" in remaining.topic


def test_the_dates_two_openings_give_their_event_are_compared() -> None:
    claims = claims_of(
        article("a", "Alpha", "Rebels overran the garrison town of Kalo on Thursday after heavy fighting. "
                              "Later, the army shelled the hills around the town on Sunday, killing several fighters."),
        article("b", "Beta", "Insurgents seized the town of Kalo on Friday, capturing its small garrison. "
                             "The army shelled the hills around the town on Sunday."),
    )
    assert [(c.quote, c.lead) for c in claims if c.kind == "date"] == [
        ("Thursday", True), ("Sunday", False), ("Friday", True), ("Sunday", False)]
    group = group_of(align(claims), one(claims, "a", "Thursday"))
    assert group is not None and named(group) == {("a", "Thursday"), ("b", "Friday")}


@pytest.mark.parametrize(("other_day", "bonus"), [("Friday", True), ("Wednesday", True), ("Saturday", False)])
def test_openings_a_day_apart_date_one_event_and_further_apart_different_ones(other_day: str,
                                                                              bonus: bool) -> None:
    # the attack on Thursday; an opening on Friday may date it wrongly, one five days off
    # (last Saturday) tells of something else
    claims = claims_of(
        article("a", "Alpha", "Rebels overran the garrison town of Kalo on Thursday after heavy fighting."),
        article("b", "Beta", f"Mourners gathered in the garrison town of Kalo on {other_day} for prayers."),
    )
    a, b = (c for c in claims if c.kind == "date")
    assert a.lead and b.lead
    unled = similarity(dataclasses.replace(a, lead=False), b)
    assert similarity(a, b) > unled if bonus else similarity(a, b) == unled


def test_a_dateline_is_not_the_opening() -> None:
    claims = claims_of(article("a", "Alpha", "KALO, April 18 (Wire) -\n\nRebels overran the garrison town "
                                             "of Kalo on Thursday after heavy fighting."))
    assert [(c.quote, c.lead) for c in claims if c.kind == "date"] == [("April 18", False), ("Thursday", True)]


# --- different facts that look alike ------------------------------------------------------

def test_a_running_total_is_kept_apart_from_one_occasions_figure() -> None:
    # the coastguard's haul from one patrol vs its total over the season; one outlet gives
    # the season's total as the haul of the patrol: that is the disagreement to find
    claims = claims_of(
        article("a", "Alpha", "On the patrol, officers seized eight outboard engines from the smugglers. "
                              "So far this season the coastguard has seized 40 outboard engines."),
        article("b", "Beta", "The coastguard has seized a total of 40 outboard engines this season. "
                             "On the latest patrol officers seized eight outboard engines."),
        article("c", "Gamma", "Officers seized 40 outboard engines from the smugglers on the patrol."),
    )
    groups = align(claims)
    occasion = group_of(groups, one(claims, "a", "eight"))
    season = group_of(groups, one(claims, "a", "40"))
    assert occasion is not None and season is not None
    assert named(occasion) == {("a", "eight"), ("b", "eight"), ("c", "40")}
    assert named(season) == {("a", "40"), ("b", "40")}


def test_an_article_reporting_two_agencies_figures_stands_on_both_sides() -> None:
    quake = "The earthquake struck the island on Sunday."
    claims = claims_of(
        article("a", "Alpha", quake + " The national seismology centre put the magnitude at 5.8, "
                              "but the US Geological Survey said it was 6.2. "
                              "The US Geological Survey puts the magnitude at 6.2."),
        article("b", "Beta", quake + " It had a magnitude of 5.8, the national seismology centre said."),
        article("c", "Gamma", "A 6.2-magnitude earthquake struck the island on Sunday."),
    )
    group = group_of(align(claims), one(claims, "b", "5.8"))
    assert group is not None
    # the article's 6.2 of the next sentence too: it repeats one of the figures set against each other
    assert sorted((c.article, c.quote) for c in group.claims) == [
        ("a", "5.8"), ("a", "6.2"), ("a", "6.2"), ("b", "5.8"), ("c", "6.2-magnitude")]


@pytest.mark.parametrize(("sentence", "first", "second", "rivals"), [
    ("The centre put the magnitude at 5.8, but the US Geological Survey said it was 6.2.", "5.8", "6.2", True),
    ("Police said 2,000 people marched, while organisers said 5,000 people marched.", "2,000", "5,000", True),
    ("Four bombs were dropped, but only two bombs fell inside the camp.", "Four", "two", False),
    ("The ministry said 1.09 million people marched, while the union put the number at 3.5 million.",
     "1.09 million", "3.5 million", True),
    ("The quake killed 10 people, the agency said, and injured 50 people.", "10", "50", False),
])
def test_disputed_figures_are_rival_accounts_not_parts(sentence: str, first: str, second: str,
                                                        rivals: bool) -> None:
    claims = claims_of(article("a", "Alpha", sentence))
    assert disputed(one(claims, "a", first), one(claims, "a", second)) is rivals


@pytest.mark.parametrize(("sentence", "quote", "total"), [
    ("So far, the navy has confiscated 14 rifles, 31 magazines and 923 rounds.", "923", True),
    ("The agency has recorded 2,300 cases to date.", "2,300", True),
    ("The three boats had a total of 26 crew on board.", "26", True),
    ("The three boats had a total of 26 crew on board.", "three", False),
    ("Officers seized six rifles and 12 magazines during the operation.", "12", False),
])
def test_is_running_total(sentence: str, quote: str, total: bool) -> None:
    claim = one(claims_of(article("a", "Alpha", sentence)), "a", quote)
    assert is_running_total(claim) is total



@pytest.mark.parametrize(("sentence", "quote", "historical"), [
    ("Turnout was 72.2%, the highest at a national vote since 1992.", "72.2%", False),
    ("The pound fell as much as 10 percent, its lowest level since 1985.", "as much as 10 percent", False),
    ("Some 2 million people died in the civil war, waged since 1955.", "Some 2 million", True),
])
def test_a_year_a_record_is_compared_with_does_not_date_the_figure(sentence: str, quote: str,
                                                                   historical: bool) -> None:
    claims = claims_of(article("a", "Alpha", sentence))
    assert one(claims, "a", quote).historical is historical


def test_a_figure_of_the_year_named_event_is_another_event() -> None:
    claims = claims_of(article("a", "Alpha", "The 1934 earthquake killed some 10,700 people in the region."))
    assert one(claims, "a", "some 10,700").historical


def test_a_figure_dated_years_before_publication_is_another_event() -> None:
    claims = claims_of(
        article("a", "Alpha", "The earthquake on Tuesday killed 14 people. "
                              "A quake in 2003 killed 10 people in the same province."),
        article("b", "Beta", "Ten people were killed in Tuesday's earthquake, officials said."),
    )
    earlier = one(claims, "a", "10")
    assert earlier.historical
    groups = align(claims)
    assert group_of(groups, earlier) is None  # the same figure, but of the 2003 quake
    group = group_of(groups, one(claims, "b", "Ten"))
    assert group is not None
    assert named(group) == {("a", "14"), ("b", "Ten")}


def test_figures_in_different_units_are_as_far_apart_as_their_measures() -> None:
    claims = claims_of(article("a", "Alpha", "The tremor lasted 30 seconds in the city."),
                       article("b", "Beta", "The tremor lasted one minute in the city."),
                       article("c", "Gamma", "The tremor lasted 60 seconds in the city."))
    thirty, minute, sixty = claims
    assert similarity(thirty, minute) == pytest.approx(similarity(thirty, sixty))


@pytest.mark.parametrize("opening", ["Before that date,", "At the time,", "Until then,"])
def test_a_sentence_pointing_back_to_an_old_date_is_dated_by_it(opening: str) -> None:
    claims = claims_of(article("a", "Alpha", "The base was built after the attack of October 7, 2023. "
                                             f"{opening} the garrison had roughly 900 troops."))
    assert one(claims, "a", "roughly 900").historical


@settings(max_examples=30, deadline=None)
@given(north=st.integers(2, 900), south=st.integers(2, 900), total=st.integers(2, 900))
def test_two_values_of_one_article_never_share_a_group(north: int, south: int, total: int) -> None:
    claims = claims_of(
        article("a", "Alpha", f"Floods killed {north} people in the north and {south} people "
                              "in the south of the province."),
        article("b", "Beta", f"Floods killed {total} people in the province, officials said."),
        article("c", "Gamma", f"Officials said {south} people died in the south of the province."),
    )
    for group in align(claims):
        for article_id in {c.article for c in group.claims}:
            values = {(c.low, c.high) for c in group.claims if c.article == article_id}
            assert len(values) == 1, f"{article_id} contradicts itself in {group.topic}: {values}"


# --- left out of alignment -----------------------------------------------------------------

def test_the_day_something_was_said_is_left_out() -> None:
    claims = claims_of(
        article("a", "Alpha", "The ministry said Thursday that 200 homes were destroyed by the flood."),
        article("b", "Beta", "The flood destroyed 200 homes, the ministry told reporters Wednesday."),
    )
    thursday, wednesday = one(claims, "a", "Thursday"), one(claims, "b", "Wednesday")
    assert is_reporting_date(thursday) and is_reporting_date(wednesday)
    groups = align(claims)
    assert group_of(groups, thursday) is None and group_of(groups, wednesday) is None
    assert all(g.kind != "date" for g in groups)
    homes = group_of(groups, one(claims, "a", "200"))
    assert homes is not None and ("b", "200") in named(homes)


def test_the_day_something_happened_is_aligned() -> None:
    claims = claims_of(
        article("a", "Alpha", "The bridge collapsed on April 12, trapping commuters."),
        article("b", "Beta", "The bridge collapsed on April 13, trapping dozens of commuters."),
    )
    first = one(claims, "a", "April 12")
    assert not is_reporting_date(first)
    group = group_of(align(claims), first)
    assert group is not None and named(group) == {("a", "April 12"), ("b", "April 13")}


@pytest.mark.parametrize(("sentence", "quote", "reporting"), [
    ("The mayor said Thursday that the road would reopen.", "Thursday", True),
    ("The minister announced on Monday a new budget for schools.", "Monday", True),
    ("According to police on Wednesday, the suspect fled north.", "Wednesday", True),
    ("The road reopened on Thursday after repairs.", "Thursday", False),
    ("The storm hit the coast on Monday night and cut power to homes.", "Monday", False),
    ("The UN agency on Friday strongly condemned the bombing of the camp.", "Friday", True),
    # speech further off, or a word that only looks like speech ("state")
    ("He denied the bombing of Guffa in Upper Nile state on Tuesday, which he said killed seven.",
     "Tuesday", False),
    ("The leader said the rebels had attacked the northern town on Tuesday.", "Tuesday", False),
    # a dateline: the day the story was filed
    ("KALO, April 17 (Wire) - Rebels overran the garrison town after heavy fighting.", "April 17", True),
])
def test_is_reporting_date(sentence: str, quote: str, reporting: bool) -> None:
    claim = one(claims_of(article("a", "Alpha", sentence)), "a", quote)
    assert is_reporting_date(claim) is reporting


def test_vague_amounts_are_left_out() -> None:
    claims = claims_of(
        article("a", "Alpha", "Dozens of people were injured in the crash on the motorway."),
        article("b", "Beta", "Forty people were injured in the crash on the motorway."),
        article("c", "Gamma", "Police said 40 people were injured in the motorway crash."),
    )
    dozens = one(claims, "a", "Dozens")
    assert dozens.qualifier == "vague"
    groups = align(claims)
    assert group_of(groups, dozens) is None
    group = group_of(groups, one(claims, "b", "Forty"))
    assert group is not None and named(group) == {("b", "Forty"), ("c", "40")}


# --- topic ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("articles", "quote", "words"), [
    pytest.param((article("a", "Alpha", "An earthquake struck the mountain villages on Tuesday, killing 10 people."),
                  article("b", "Beta", "Ten people were killed when an earthquake struck the mountain villages.")),
                 "10", ("people", "killed"), id="people-killed"),
    pytest.param((article("a", "Alpha", "The school board voted to close 40 classrooms across the district."),
                  article("b", "Beta", "The district school board will close 41 classrooms after the vote.")),
                 "40", ("classrooms",), id="classrooms"),
    pytest.param((article("a", "Alpha", "The epicentre was about 58km north-east of the capital."),
                  article("b", "Beta", "The epicentre lay 36 miles north-east of the capital.")),
                 "about 58km", ("distance",), id="distance"),
])
def test_topic_is_a_readable_label_naming_what_is_counted(articles: tuple[Article, ...], quote: str,
                                                          words: tuple[str, ...]) -> None:
    claims = claims_of(*articles)
    group = group_of(align(claims), one(claims, "a", quote))
    assert group is not None
    assert group.topic == topic(group.claims)
    label = group.topic
    assert label == label.strip() and "  " not in label and "_" not in label and len(label) < 60
    assert label.split()[0] == words[0]  # what is counted or measured comes first
    for word in words:
        assert word in label.split() or f"{word}," in label.split()


# --- the scores ----------------------------------------------------------------------------

def _quantity(anchor: tuple[str, str] | None = None, historical: bool = False) -> Claim:
    return Claim(id="x:1", article="x", kind="quantity", quote="10", sentence="10 people died.", start=0,
                 end=2, low=10, high=10, unit="people", subject="", value=10, dimension="count",
                 noun="people", anchor=anchor, historical=historical, context=("people", "died"))


@pytest.mark.parametrize(("a", "b", "same"), [
    ((None, False), (None, False), True),
    ((("2025-04-15", "2025-04-15"), False), (None, False), True),
    ((("2025-04-15", "2025-04-15"), False), (("2025-04-18", "2025-04-18"), False), True),
    ((("2025-04-01", "2025-04-01"), False), (("2025-04-15", "2025-04-15"), False), False),
    ((("2003-01-01", "2003-12-31"), True), (("2025-04-15", "2025-04-15"), False), False),
    ((("2003-01-01", "2003-12-31"), True), (None, False), False),
    ((("2003-01-01", "2003-12-31"), True), (("2004-06-01", "2004-06-30"), True), True),
    ((("2003-01-01", "2003-12-31"), True), (("2012-01-01", "2012-12-31"), True), False),
])
def test_same_moment(a: tuple[tuple[str, str] | None, bool], b: tuple[tuple[str, str] | None, bool],
                     same: bool) -> None:
    x, y = _quantity(*a), _quantity(*b)
    assert same_moment(x, y) is same
    assert same_moment(y, x) is same
    if not same:
        assert similarity(x, dataclasses.replace(y, id="y:1", article="y")) == 0.0


def test_similarity_is_symmetric_bounded_and_zero_across_kinds() -> None:
    claims = claims_of(
        article("a", "Alpha", "The quake struck at 2:53 p.m. on Tuesday, killing 10 people and injuring 40."),
        article("b", "Beta", "Ten people died and dozens were hurt when the quake hit on Tuesday at 3:20 p.m."),
    )
    for x in claims:
        for y in claims:
            s = similarity(x, y)
            assert 0.0 <= s <= 100.0
            assert s == pytest.approx(similarity(y, x))
            if x.kind != y.kind:
                assert s == 0.0

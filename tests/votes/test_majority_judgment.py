"""Majority judgment: majority grade, Balinski-Laraki tie-breaking, ranking, properties.

Grades run from 0 ("À rejeter") to 6 ("Excellent"). The worked examples follow the
definitions of Balinski & Laraki, *Majority Judgment* (MIT Press, 2011): the lower
median for an even number of grades, and ties broken by the majority value.
"""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convention.votes.methods.majority_judgment import (
    EXCELLENT, GRADES, REJECT, approved, gauge, majority_grade, majority_value, merit_profile, rank,
)

REJ, INS, PAS, FAIR, GOOD, VGOOD, EXC = range(7)


def test_the_scale_has_seven_grades_from_reject_to_excellent():
    assert (GRADES[REJECT], GRADES[EXCELLENT], len(GRADES)) == ("reject", "excellent", 7)


def test_majority_grade_is_the_lower_median():
    assert majority_grade(merit_profile([REJ, GOOD, EXC])) == GOOD
    # Even count: of the two middle grades (FAIR, VGOOD) the lower one.
    assert majority_grade(merit_profile([REJ, FAIR, VGOOD, EXC])) == FAIR
    assert majority_grade(merit_profile([PAS, EXC])) == PAS


def test_the_median_resists_a_minority_that_exaggerates_unlike_the_mean():
    # A: three "Bien" and one enthusiastic "Excellent"; B: "Très bien" from a majority of three.
    a = merit_profile([INS, GOOD, GOOD, GOOD, EXC])  # mean 3.8, median Bien
    b = merit_profile([REJ, REJ, VGOOD, VGOOD, VGOOD])  # mean 3.0, median Très bien
    assert [item.key for item in rank({"A": a, "B": b})] == ["B", "A"]


def test_tie_on_the_majority_grade_is_broken_by_removing_medians():
    # Both have majority grade "Assez bien"; removing medians one at a time:
    # A 1 3 3 3 6 -> medians 3, 3, 3, 1, 6;  B 0 3 3 4 4 -> medians 3, 3, 4, 0, 4.
    a = merit_profile([INS, FAIR, FAIR, FAIR, EXC])
    b = merit_profile([REJ, FAIR, FAIR, GOOD, GOOD])
    assert majority_value(a) == (3, 3, 3, 1, 6)
    assert majority_value(b) == (3, 3, 4, 0, 4)
    ranking = rank({"A": a, "B": b})
    assert [(item.key, item.rank) for item in ranking] == [("B", 1), ("A", 2)]
    # The gauge says the same: B is "Assez bien +" (2/5 above, 1/5 below), A "Assez bien −".
    assert gauge(b).sign == "+" and (gauge(b).above, gauge(b).below) == (Fraction(2, 5), Fraction(1, 5))
    assert gauge(a).sign == "-"


def test_identical_merit_profiles_share_their_rank_whatever_the_ballot_order():
    a = merit_profile([GOOD, PAS, EXC, GOOD])
    b = merit_profile([EXC, GOOD, GOOD, PAS])
    c = merit_profile([REJ, REJ, PAS, GOOD])
    ranking = rank({"A": a, "B": b, "C": c})
    assert {(item.key, item.rank) for item in ranking} == {("A", 1), ("B", 1), ("C", 3)}


def test_approval_above_a_grade_and_bad_input():
    assert approved(merit_profile([PAS, GOOD, GOOD]), minimum=GOOD)
    assert not approved(merit_profile([PAS, PAS, GOOD]), minimum=GOOD)
    with pytest.raises(ValueError, match="unknown grade"):
        merit_profile([7])
    with pytest.raises(ValueError, match="no grade"):
        majority_grade(merit_profile([]))
    with pytest.raises(ValueError, match="as many grades"):
        rank({"A": merit_profile([GOOD]), "B": merit_profile([GOOD, GOOD])})


grade = st.integers(min_value=REJECT, max_value=EXCELLENT)


def elections(min_items=1):
    """Ballots of n voters, each grading every one of k items."""
    return st.integers(min_value=1, max_value=25).flatmap(
        lambda voters: st.lists(st.lists(grade, min_size=voters, max_size=voters),
                                min_size=min_items, max_size=5))


def profiles_of(grades_per_item):
    return {index: merit_profile(grades) for index, grades in enumerate(grades_per_item)}


@given(elections(), st.randoms())
def test_profiles_add_up_and_permuting_ballots_changes_nothing(items, rng):
    profiles = profiles_of(items)
    assert all(sum(profile) == len(items[0]) for profile in profiles.values())
    voters = list(zip(*items))  # one ballot per voter, grading every item
    rng.shuffle(voters)
    shuffled = profiles_of([list(column) for column in zip(*voters)])
    assert rank(shuffled) == rank(profiles)


@given(elections())
def test_majority_value_starts_with_the_majority_grade_and_is_a_permutation(items):
    for profile in profiles_of(items).values():
        value = majority_value(profile)
        assert value[0] == majority_grade(profile)
        assert sorted(value) == [g for g, count in enumerate(profile) for _ in range(count)]


@given(elections(min_items=2), st.data())
def test_raising_one_grade_of_an_item_never_lowers_its_rank(items, data):
    target = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    voter = data.draw(st.integers(min_value=0, max_value=len(items[0]) - 1))
    before = {item.key: item.rank for item in rank(profiles_of(items))}
    raised = [list(grades) for grades in items]
    raised[target][voter] = data.draw(st.integers(min_value=raised[target][voter], max_value=EXCELLENT))
    after = {item.key: item.rank for item in rank(profiles_of(raised))}
    assert after[target] <= before[target]


@given(elections(min_items=2), st.data())
def test_a_ballot_with_the_top_grade_for_an_item_never_lowers_its_rank(items, data):
    target = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    before = {item.key: item.rank for item in rank(profiles_of(items))}
    # The new voter gives the target "Excellent" and every other item "À rejeter".
    extended = [grades + [EXCELLENT if index == target else REJECT] for index, grades in enumerate(items)]
    after = {item.key: item.rank for item in rank(profiles_of(extended))}
    assert after[target] <= before[target]


@given(elections(min_items=2))
def test_the_gauge_agrees_with_the_ranking_when_it_tells_items_apart(items):
    ranking = rank(profiles_of(items))
    for better, worse in zip(ranking, ranking[1:]):
        gb, gw = better.gauge, worse.gauge
        assert gb.grade >= gw.grade
        if gb.grade == gw.grade and gb.sign != gw.sign:
            assert gb.sign == "+"

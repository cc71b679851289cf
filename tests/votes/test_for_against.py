"""For/against/abstain tallies: worked examples, thresholds at the boundary, properties."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convention.votes.methods.for_against import (
    ABSTAIN, AGAINST, CHOICES, FOR, SIMPLE_MAJORITY, THREE_FIFTHS, TWO_THIRDS, Rule, tally,
    tally_counts,
)


def test_constitutional_revision_of_2008_adopted_by_one_vote_over_three_fifths():
    # Congrès du Parlement, 21 July 2008: 539 for, 357 against; three fifths of the 896
    # votes cast is 537.6, so 538 votes were required and the revision passed.
    rule = Rule(threshold=THREE_FIFTHS)
    result = tally_counts(539, 357, 0, eligible=908, rule=rule)
    assert result.adopted and result.share_for == Fraction(539, 896)
    assert tally_counts(538, 358, 0, eligible=908, rule=rule).adopted
    assert not tally_counts(537, 359, 0, eligible=908, rule=rule).adopted


def test_simple_majority_is_strict_a_tie_is_rejected():
    assert not tally_counts(10, 10, 0, eligible=30).adopted
    assert tally_counts(11, 10, 0, eligible=30).adopted


def test_two_thirds_is_reached_at_exactly_two_thirds():
    rule = Rule(threshold=TWO_THIRDS)
    assert tally_counts(20, 10, 5, eligible=40, rule=rule).adopted
    assert not tally_counts(19, 10, 5, eligible=40, rule=rule).adopted


def test_abstentions_weigh_like_votes_against_only_when_they_count():
    # 12 for, 10 against, 5 abstain: a majority of the votes cast, not of those present.
    assert tally_counts(12, 10, 5, eligible=30).adopted
    counted = tally_counts(12, 10, 5, eligible=30, rule=Rule(abstentions_count=True))
    assert not counted.adopted and counted.share_for == Fraction(12, 27) and counted.base == 27


def test_quorum_counts_abstaining_voters_as_present():
    rule = Rule(quorum=Fraction(1, 2))
    missing = tally_counts(10, 2, 2, eligible=30, rule=rule)  # 14 of 30 took part
    assert not missing.quorum_reached and not missing.adopted and missing.turnout == 14
    reached = tally_counts(10, 2, 3, eligible=30, rule=rule)  # 15 of 30: exactly half
    assert reached.quorum_reached and reached.adopted


def test_nothing_is_adopted_when_everybody_abstains_or_nobody_votes():
    only_abstentions = tally_counts(0, 0, 7, eligible=10)
    assert only_abstentions.share_for is None and not only_abstentions.adopted
    assert not tally_counts(0, 0, 0, eligible=0).adopted


def test_tally_from_individual_choices_and_bad_input():
    result = tally([FOR, AGAINST, FOR, ABSTAIN], eligible=5)
    assert (result.votes_for, result.votes_against, result.abstentions) == (2, 1, 1)
    with pytest.raises(ValueError, match="unknown choice"):
        tally([FOR, "maybe"], eligible=5)
    with pytest.raises(ValueError, match="more votes than eligible"):
        tally([FOR, FOR], eligible=1)
    with pytest.raises(ValueError, match="negative"):
        tally_counts(-1, 0, 0, eligible=3)


rules = st.builds(
    Rule, threshold=st.sampled_from([SIMPLE_MAJORITY, TWO_THIRDS, THREE_FIFTHS]),
    abstentions_count=st.booleans(), quorum=st.fractions(min_value=0, max_value=1),
)
ballots = st.lists(st.sampled_from(CHOICES), max_size=60)


@given(ballots, st.integers(min_value=0, max_value=20), rules, st.randoms())
def test_counts_add_up_and_order_does_not_matter(choices, absent, rule, rng):
    eligible = len(choices) + absent
    result = tally(choices, eligible, rule)
    assert result.turnout == len(choices)
    assert result.votes_for == choices.count(FOR) and result.abstentions == choices.count(ABSTAIN)
    shuffled = list(choices)
    rng.shuffle(shuffled)
    assert tally(shuffled, eligible, rule) == result


@given(ballots, st.integers(min_value=1, max_value=20), rules)
def test_one_more_vote_for_never_turns_an_adoption_into_a_rejection(choices, absent, rule):
    eligible = len(choices) + absent
    if tally(choices, eligible, rule).adopted:
        assert tally(choices + [FOR], eligible, rule).adopted


@given(ballots, st.integers(min_value=0, max_value=20), rules)
def test_adopted_means_quorum_and_threshold(choices, absent, rule):
    eligible = len(choices) + absent
    result = tally(choices, eligible, rule)
    if result.adopted:
        assert result.quorum_reached and result.share_for is not None
        assert result.share_for >= rule.threshold.fraction
        assert Fraction(result.turnout, eligible) >= rule.quorum

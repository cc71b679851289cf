"""Approval voting: worked examples, ties, bad input, properties."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convention.votes.methods.approval import tally

WORDINGS = ("A", "B", "C")


def test_the_most_approved_wins_even_when_it_is_nobodys_only_choice():
    # Brams & Fishburn's point: approval finds the consensual alternative. Four voters
    # prefer A alone, three B alone, but everybody can live with C.
    ballots = [{"A", "C"}] * 4 + [{"B", "C"}] * 3
    result = tally(WORDINGS, ballots)
    assert result.winners == ("C",)
    assert [(item.key, item.rank, item.approvals) for item in result.ranking] == [
        ("C", 1, 7), ("A", 2, 4), ("B", 3, 3)]
    assert result.ranking[1].share == Fraction(4, 7)


def test_ties_share_a_rank_and_are_not_broken():
    result = tally(WORDINGS, [{"A"}, {"B"}, {"A", "B", "C"}])
    assert set(result.winners) == {"A", "B"}
    assert [item.rank for item in result.ranking] == [1, 1, 3]


def test_an_empty_ballot_counts_in_the_turnout_and_approves_nothing():
    result = tally(WORDINGS, [set(), {"B"}])
    assert result.ballots == 2 and result.winners == ("B",)
    assert tally(WORDINGS, []).winners == ()


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown alternatives"):
        tally(WORDINGS, [{"A", "Z"}])
    with pytest.raises(ValueError, match="distinct"):
        tally(("A", "A"), [])


ballots = st.lists(st.sets(st.sampled_from(WORDINGS)), max_size=40)


@given(ballots, st.randoms())
def test_counts_add_up_and_permuting_ballots_changes_nothing(votes, rng):
    result = tally(WORDINGS, votes)
    assert sum(item.approvals for item in result.ranking) == sum(len(ballot) for ballot in votes)
    assert result.ballots == len(votes)
    shuffled = list(votes)
    rng.shuffle(shuffled)
    assert {item.key: item.rank for item in tally(WORDINGS, shuffled).ranking} == {
        item.key: item.rank for item in result.ranking}


@given(ballots, st.sampled_from(WORDINGS), st.sets(st.sampled_from(WORDINGS)))
def test_a_ballot_approving_an_alternative_never_lowers_its_rank(votes, target, others):
    before = {item.key: item.rank for item in tally(WORDINGS, votes).ranking}
    after = {item.key: item.rank for item in tally(WORDINGS, votes + [{target} | others]).ranking}
    assert after[target] <= before[target]

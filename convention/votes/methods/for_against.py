"""For / against / abstain per item: threshold, abstentions rule and quorum.

The threshold is a fraction of the votes that count: with ``abstentions_count`` false
(the usual rule) an item needs more than half of the for+against votes; with it true,
abstentions are in the base and weigh like votes against. A simple majority is strict
("more than half"); a supermajority is reached at the fraction ("at least two thirds").
The quorum is a minimum turnout: a share of the eligible voters who took part,
abstentions included (an abstaining member is present).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
CHOICES = (FOR, AGAINST, ABSTAIN)


@dataclass(frozen=True)
class Threshold:
    fraction: Fraction
    inclusive: bool

    def reached(self, share: Fraction) -> bool:
        return share >= self.fraction if self.inclusive else share > self.fraction


SIMPLE_MAJORITY = Threshold(Fraction(1, 2), inclusive=False)
TWO_THIRDS = Threshold(Fraction(2, 3), inclusive=True)
THREE_FIFTHS = Threshold(Fraction(3, 5), inclusive=True)


@dataclass(frozen=True)
class Rule:
    threshold: Threshold = SIMPLE_MAJORITY
    abstentions_count: bool = False
    quorum: Fraction = Fraction(0)  # share of eligible voters who must take part


@dataclass(frozen=True)
class Result:
    votes_for: int
    votes_against: int
    abstentions: int
    eligible: int
    quorum_reached: bool
    share_for: Fraction | None  # None when no vote counts (nothing to divide by)
    adopted: bool
    counts_abstentions: bool = False

    @property
    def turnout(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def base(self) -> int:
        """The votes the threshold is measured against."""
        return self.votes_for + self.votes_against + (self.abstentions if self.counts_abstentions else 0)


def count(choices: Iterable[str]) -> dict[str, int]:
    counts = {choice: 0 for choice in CHOICES}
    for choice in choices:
        if choice not in counts:
            raise ValueError(f"unknown choice {choice!r}")
        counts[choice] += 1
    return counts


def tally(choices: Iterable[str], eligible: int, rule: Rule = Rule()) -> Result:
    """Tally one item from the individual choices of the voters who took part."""
    counts = count(choices)
    return tally_counts(counts[FOR], counts[AGAINST], counts[ABSTAIN], eligible, rule)


def tally_counts(votes_for: int, votes_against: int, abstentions: int, eligible: int,
                 rule: Rule = Rule()) -> Result:
    if min(votes_for, votes_against, abstentions, eligible) < 0:
        raise ValueError("counts cannot be negative")
    turnout = votes_for + votes_against + abstentions
    if turnout > eligible:
        raise ValueError("more votes than eligible voters")
    quorum_reached = eligible > 0 and Fraction(turnout, eligible) >= rule.quorum
    base = votes_for + votes_against + (abstentions if rule.abstentions_count else 0)
    share_for = Fraction(votes_for, base) if base else None
    adopted = quorum_reached and share_for is not None and rule.threshold.reached(share_for)
    return Result(votes_for, votes_against, abstentions, eligible, quorum_reached, share_for,
                  adopted, counts_abstentions=rule.abstentions_count)

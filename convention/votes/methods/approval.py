"""Approval voting: each voter approves any number of the alternatives; most approvals wins.

Used to choose among alternatives (e.g. several wordings of one measure). A ballot is the
set of alternatives the voter approves; an empty ballot is a valid vote that approves
nothing (it counts in the turnout). Ties share a rank: the method does not break them,
the organisers decide (a second round, or a vote between the tied alternatives).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Hashable, Iterable, Sequence


@dataclass(frozen=True)
class Ranked:
    key: Hashable
    rank: int  # 1 for the most approved; equal counts share a rank
    approvals: int
    share: Fraction | None  # approvals / ballots; None when nobody voted


@dataclass(frozen=True)
class Result:
    ballots: int
    ranking: tuple[Ranked, ...]

    @property
    def winners(self) -> tuple[Hashable, ...]:
        """The alternatives ranked first (several on a tie, none without ballots)."""
        if not self.ballots:
            return ()
        return tuple(item.key for item in self.ranking if item.rank == 1)


def tally(alternatives: Sequence[Hashable], ballots: Iterable[Iterable[Hashable]]) -> Result:
    counts = {alternative: 0 for alternative in alternatives}
    if len(counts) != len(alternatives):
        raise ValueError("the alternatives must be distinct")
    total = 0
    for ballot in ballots:
        chosen = set(ballot)
        unknown = chosen - counts.keys()
        if unknown:
            raise ValueError(f"unknown alternatives {sorted(map(str, unknown))}")
        for alternative in chosen:
            counts[alternative] += 1
        total += 1
    order = sorted(alternatives, key=lambda key: counts[key], reverse=True)  # stable on ties
    ranking: list[Ranked] = []
    for position, key in enumerate(order, start=1):
        tied = ranking and ranking[-1].approvals == counts[key]
        ranking.append(Ranked(key, ranking[-1].rank if tied else position, counts[key],
                              Fraction(counts[key], total) if total else None))
    return Result(total, tuple(ranking))

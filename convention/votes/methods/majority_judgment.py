"""Majority judgment (Balinski & Laraki): grades, majority grade, tie-breaking, ranking.

Every voter gives every item a grade on one common scale, here seven grades from
"À rejeter" (0) to "Excellent" (6). An item's *merit profile* is how many voters gave
each grade. Its *majority grade* is the lower median of its grades: the best grade that
a majority (more than half, or exactly half for an even count with the lower median)
of the voters judge it to deserve at least.

Ties between items with the same majority grade are broken by Balinski & Laraki's
*majority value*: the sequence of medians obtained by removing, one at a time, a median
grade from the item's grades. Items are ranked by comparing these sequences
lexicographically; two items tie only when their merit profiles are identical.
All items must be judged by the same number of voters: a voter who leaves an item
ungraded gives it "À rejeter", as Balinski & Laraki prescribe.

The *majority gauge* (p, grade, q), with p the share of grades above the majority grade
and q the share below, says whether the grade is a "+" (p > q) or a "−"; it agrees with
the first step of the majority value and is what the results page shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Hashable, Iterable, Mapping

GRADES = ("reject", "insufficient", "passable", "fairly_good", "good", "very_good", "excellent")
REJECT, EXCELLENT = 0, len(GRADES) - 1


def merit_profile(grades: Iterable[int]) -> tuple[int, ...]:
    """How many voters gave each grade, from "À rejeter" (index 0) to "Excellent"."""
    profile = [0] * len(GRADES)
    for grade in grades:
        if not isinstance(grade, int) or not REJECT <= grade <= EXCELLENT:
            raise ValueError(f"unknown grade {grade!r}")
        profile[grade] += 1
    return tuple(profile)


def _sorted_grades(profile: tuple[int, ...]) -> list[int]:
    if len(profile) != len(GRADES) or min(profile) < 0:
        raise ValueError("a merit profile has one non-negative count per grade")
    return [grade for grade, count in enumerate(profile) for _ in range(count)]


def majority_grade(profile: tuple[int, ...]) -> int:
    """The lower median grade; ValueError for an item nobody graded."""
    grades = _sorted_grades(profile)
    if not grades:
        raise ValueError("no grade to take the median of")
    return grades[(len(grades) - 1) // 2]


def majority_value(profile: tuple[int, ...]) -> tuple[int, ...]:
    """The medians met while removing, one at a time, a median grade (best first)."""
    grades = _sorted_grades(profile)
    value = []
    while grades:
        value.append(grades.pop((len(grades) - 1) // 2))
    return tuple(value)


@dataclass(frozen=True)
class Gauge:
    above: Fraction  # p: share of grades better than the majority grade
    grade: int
    below: Fraction  # q: share of grades worse than the majority grade

    @property
    def sign(self) -> str:
        return "+" if self.above > self.below else "-"


def gauge(profile: tuple[int, ...]) -> Gauge:
    grade = majority_grade(profile)
    total = sum(profile)
    return Gauge(Fraction(sum(profile[grade + 1:]), total), grade, Fraction(sum(profile[:grade]), total))


@dataclass(frozen=True)
class Ranked:
    key: Hashable
    rank: int  # 1 for the best; items with identical profiles share a rank
    profile: tuple[int, ...]
    majority_grade: int
    gauge: Gauge


def rank(profiles: Mapping[Hashable, tuple[int, ...]]) -> list[Ranked]:
    """Rank the items best first; ValueError if they were not judged by as many voters."""
    if len({sum(profile) for profile in profiles.values()}) > 1:
        raise ValueError("every item must have as many grades (ungraded counts as 'reject')")
    values = {key: majority_value(profile) for key, profile in profiles.items()}
    order = sorted(profiles, key=lambda key: values[key], reverse=True)
    ranked: list[Ranked] = []
    for position, key in enumerate(order, start=1):
        tied = ranked and values[ranked[-1].key] == values[key]
        profile = profiles[key]
        ranked.append(Ranked(key, ranked[-1].rank if tied else position, profile,
                             majority_grade(profile), gauge(profile)))
    return ranked


def approved(profile: tuple[int, ...], minimum: int) -> bool:
    """Approval of one item on its own: its majority grade is at least `minimum`."""
    return majority_grade(profile) >= minimum

"""Replacements: complete a panel after some selected people declined.

The confirmed members are fixed; the quotas are reduced by what they already
fill; the missing seats are drawn from the rest of the pool with the same
algorithm (re-optimised, so the fairness guarantee holds for the remaining pool),
and sampled with the given seed.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InfeasibleQuotas, Relaxation, ReplacementInfeasible
from .lottery import sample
from .model import Distribution, Pool, Quota, Quotas, norm_value


@dataclass
class Replacement:
    selected: tuple[str, ...]          # the new people, sorted
    distribution: Distribution         # over the remaining pool, for the record
    quotas: Quotas                     # the reduced quotas the draw used
    pool: Pool                         # the remaining pool the draw used


def remaining_problem(pool: Pool, quotas: Quotas, size: int, kept: list[str],
                      excluded: list[str], households: bool) -> tuple[Pool, Quotas, int]:
    """The pool, quotas and size left once ``kept`` sit on the panel."""
    kept_people = [pool.get(pid) for pid in kept]
    counts = quotas.panel_counts(kept_people)
    reduced = []
    over = []
    for q in quotas:
        n = counts[(q.feature, norm_value(q.value))]
        if n > q.max:
            over.append(Relaxation(q.feature, q.value, "max", q.max, n))
        reduced.append(Quota(q.feature, q.value, max(0, q.min - n), max(0, q.max - n)))
    if over:
        raise ReplacementInfeasible("The confirmed members already exceed some quotas.", over)
    drop = set(kept) | set(excluded)
    if households:
        taken = {p.household for p in kept_people if p.household}
        drop |= {p.id for p in pool if p.household and p.household in taken}
    return pool.without(drop), Quotas(reduced), size - len(kept)


def draw_replacements(pool: Pool, quotas: Quotas, size: int, kept: list[str],
                      declined: list[str], seed, *, households: bool = False,
                      algorithm: str = "leximin", progress=None) -> Replacement:
    """Draw ``size - len(kept)`` people to join ``kept``; ``declined`` are never drawn.

    Raises ReplacementInfeasible (with the relaxations of the *original* quotas that
    would help) when the remaining pool cannot complete the panel.
    """
    from .algorithms import ALGORITHMS

    rest, reduced, missing = remaining_problem(pool, quotas, size, kept, declined, households)
    if missing <= 0:
        return Replacement((), Distribution(algorithm, [], [{}], [1.0], {}), reduced, rest)
    import numpy as np

    from .pipeline import canonical_inputs

    rest, reduced = canonical_inputs(rest, reduced)   # any row order: the same replacements
    rng = np.random.default_rng(seed) if isinstance(seed, int) and seed >= 0 else None
    try:
        distribution = ALGORITHMS[algorithm](rest, reduced, missing, households=households,
                                             rng=rng, progress=progress)
    except InfeasibleQuotas as error:
        kept_counts = quotas.panel_counts(pool.get(pid) for pid in kept)
        shifted = [Relaxation(r.feature, r.value, r.bound,
                              r.current + kept_counts[(r.feature, norm_value(r.value))],
                              r.suggested + kept_counts[(r.feature, norm_value(r.value))])
                   for r in error.relaxations]
        raise ReplacementInfeasible(
            f"The remaining pool cannot complete the panel with {missing} more people "
            "within the quotas.", shifted, error.conflicting) from error
    return Replacement(sample(distribution, seed), distribution, reduced, rest)

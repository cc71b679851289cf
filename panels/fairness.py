"""Checking that a record's lottery is as fair as its algorithm promises.

The selection probabilities of any lottery over panels lie in the LP relaxation of the
panel polytope (panels.relaxed), so the relaxation's leximin levels are an upper bound
that no lottery can beat. The record's lottery is a real lottery (the other checks prove
each of its panels meets the quotas), so when its probabilities equal the relaxation's
leximin point within TOLERANCE, it *is* the leximin lottery (for maximin: when its lowest
probability among the people some panel can include equals the relaxation's maximin).
When they differ, the relaxation may simply be loose (its point is not a lottery over
whole panels): the exact levels are then computed by column generation over integer
panels (panels.algorithms.leximin.optimise), which is slower, and compared instead.

Only leximin and maximin make such a promise; for the others, nothing is checked.
"""
from __future__ import annotations

import time

import numpy as np

TOLERANCE = 1e-6
PROMISES = ("leximin", "maximin")


def _type_levels(space, size: int, stages, exact: bool) -> np.ndarray:
    """Selection probability of each type at the (relaxed or exact) leximin / maximin point."""
    from .relaxed import relaxed_leximin

    if not exact:
        expected, _ = relaxed_leximin(space, size, stages=stages)
        return np.asarray(expected) / space.sizes
    from .algorithms.leximin import optimise
    from .solver import PanelFinder

    stats: dict = {}
    distribution = optimise(space, PanelFinder(space, size), size, initial=[], progress=None,
                            stages=stages, name="check", stats=stats, started=time.perf_counter())
    expected = np.asarray(distribution.expected_counts())
    return expected / space.sizes


def _deviation(algorithm: str, space, levels: np.ndarray, marginals: dict) -> tuple[float, str]:
    """How far the record falls short of (or above) the promise, and a sentence about it."""
    record = [np.array([marginals.get(pid, 0.0) for pid in ids]) for ids in space.members]
    if algorithm == "leximin":
        worst = max(float(np.max(np.abs(r - level))) for r, level in zip(record, levels))
        return worst, f"largest difference {worst:.2e}"
    selectable = [r for r, level in zip(record, levels) if level > TOLERANCE]
    target = min((float(level) for level in levels if level > TOLERANCE), default=0.0)
    lowest = min((float(r.min()) for r in selectable), default=0.0)
    return abs(lowest - target), f"lowest probability {lowest:.6f}, maximin {target:.6f}"


def check_fairness(record: dict, pool, quotas):
    """A ``Check`` that the record's probabilities are its algorithm's promise."""
    from .pipeline import canonical_inputs
    from .typespace import build_type_space
    from .verification import Check

    algorithm = record["algorithm"]
    if algorithm not in PROMISES:
        return Check("fairness", True, f"The {algorithm} algorithm makes no promise of "
                     "fairness that can be checked; not checked.")
    pool, quotas = canonical_inputs(pool, quotas)
    try:
        space = build_type_space(pool, quotas, households=record["households"])
    except Exception as error:   # noqa: BLE001 -- a tampered record or inputs: report, never raise
        return Check("fairness", False, f"The inputs cannot be grouped into types: {error}")
    stages = None if algorithm == "leximin" else 1
    for exact in (False, True):
        try:
            levels = _type_levels(space, record["size"], stages, exact)
        except Exception as error:   # noqa: BLE001
            return Check("fairness", False, f"The {algorithm} levels cannot be computed: {error}")
        deviation, detail = _deviation(algorithm, space, levels, record["marginals"])
        if deviation <= TOLERANCE:
            how = ("the LP relaxation's (an upper bound no lottery can beat)" if not exact
                   else "those computed again over whole panels")
            return Check("fairness", True, f"The selection probabilities are the {algorithm} "
                         f"ones: they equal {how} within {TOLERANCE:g} ({detail}).")
    return Check("fairness", False, f"The selection probabilities are not the {algorithm} "
                 f"ones ({detail}): a fairer lottery exists for these inputs.")

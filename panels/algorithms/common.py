"""Pieces shared by the algorithms: feasibility check and turning type-space
portfolios into a Distribution over volunteers."""
from __future__ import annotations

import numpy as np

from ..model import Distribution
from ..typespace import TypeSpace

WEIGHT_FLOOR = 1e-12  # panels drawn with a smaller probability are dropped


def ensure_feasible(finder, pool, quotas, size, households) -> np.ndarray:
    """A first panel, or InfeasibleQuotas with the smallest relaxation that helps."""
    x = finder.feasible_panel()
    if x is None:
        from ..diagnose import explain_infeasible
        raise explain_infeasible(pool, quotas, size, households=households)
    return x


def to_distribution(name: str, space: TypeSpace, panels: list[np.ndarray],
                    weights: np.ndarray, stats: dict) -> Distribution:
    """Merge identical panels, drop negligible ones, renormalise, compute marginals."""
    merged: dict[tuple, float] = {}
    for x, w in zip(panels, weights):
        if w > WEIGHT_FLOOR:
            chosen = np.flatnonzero(x)
            key = tuple(chosen.tolist()), tuple(x[chosen].tolist())
            merged[key] = merged.get(key, 0.0) + float(w)
    total = sum(merged.values())
    items = sorted(merged.items(), key=lambda kv: -kv[1])
    distribution = Distribution(algorithm=name, groups=[tuple(m) for m in space.members],
                                panels=[dict(zip(t, c)) for (t, c), _ in items],
                                probabilities=[w / total for _, w in items], marginals={},
                                stats=stats)
    distribution.marginals = space.counts_to_probabilities(np.array(distribution.expected_counts()))
    return distribution

"""NASH welfare: the lottery maximising the sum of the logs of the selection
probabilities (the same paper's second baseline).

Column generation again: over the current portfolio, the mixture weights are
optimised by the EM fixed point ``lambda_j <- lambda_j * g_j / N`` (g the gradient,
N the pool size; it increases the objective at every step), and the pricing adds
the panel with the largest gradient ``sum_t x_t / p_t``. At the optimum no panel
has a gradient above N.
"""
from __future__ import annotations

import time

import numpy as np

from ..solver import PanelFinder
from ..typespace import build_type_space
from .common import to_distribution
from .leximin import leximin

EM_STEPS = 300
MAX_ROUNDS = 200
GAP = 1e-4  # relative optimality gap of the gradient test


def nash(pool, quotas, size, *, households=False, rng=None, progress=None):
    started = time.perf_counter()
    space = build_type_space(pool, quotas, households=households)
    finder = PanelFinder(space, size)
    # leximin raises InfeasibleQuotas when no panel exists, and gives every type a
    # positive probability where one is possible: a safe start
    start = leximin(pool, quotas, size, households=households)
    panels = [_template_to_vector(p, space.n_types) for p in start.panels]
    lam = np.asarray(start.probabilities, float)
    # types no panel can include (probability 0 in leximin) stay out of the objective
    reachable = np.asarray(start.expected_counts()) > 0
    sizes = np.where(reachable, space.sizes, 0).astype(float)
    total = sizes.sum()
    rounds = 0
    for rounds in range(1, MAX_ROUNDS + 1):
        matrix = np.stack(panels, axis=1)[reachable] / sizes[reachable, None]  # p = matrix @ lam
        for _ in range(EM_STEPS):
            p = matrix @ lam
            lam = lam * (matrix.T @ (sizes[reachable] / p)) / total
        p = matrix @ lam
        weights = np.zeros(space.n_types)
        weights[reachable] = 1.0 / p
        found = finder.best(weights)
        if found is None or found[0] <= total * (1 + GAP):
            break
        panels.append(found[2])
        lam = np.append(lam * (1 - 1.0 / (rounds + 1)), 1.0 / (rounds + 1))
        if progress:
            progress(None, f"nash round {rounds}: gradient {found[0] / total:.6f}")
    stats = {"types": space.n_types, "rounds": rounds, "seconds": time.perf_counter() - started,
             "objective": float(np.sum(sizes[reachable] * np.log(p)))}
    return to_distribution("nash", space, panels, lam, stats)


def _template_to_vector(template: dict[int, int], n: int) -> np.ndarray:
    x = np.zeros(n, dtype=np.int64)
    for g, c in template.items():
        x[g] = c
    return x

"""The greedy sequential draw many organisers still use ("legacy").

Repeatedly take the quota cell furthest from its minimum relative to the people
left in it, draw a random person from it, and drop everyone whose cells are full;
restart on a dead end. Its distribution is the empirical one over ``runs`` draws.
"""
from __future__ import annotations

import numpy as np

from ..errors import InfeasibleQuotas
from ..typespace import build_type_space
from ..solver import PanelFinder
from .common import ensure_feasible, to_distribution

RUNS = 1000
ATTEMPTS = 100


def legacy(pool, quotas, size, *, households=False, rng=None, progress=None, runs: int = RUNS):
    rng = rng if rng is not None else np.random.default_rng(0)
    space = build_type_space(pool, quotas, households=households)
    ensure_feasible(PanelFinder(space, size), pool, quotas, size, households)
    cell_of = np.zeros((space.n_types, len(quotas.features)), dtype=np.int64)
    feature_of_cell = {}
    for f_index, f in enumerate(quotas.features):
        for c, q in enumerate(quotas.items):
            if q.feature == f:
                feature_of_cell[c] = f_index
    for c, types in enumerate(space.cell_types):
        cell_of[types, feature_of_cell[c]] = c
    household_of = {}
    for h, group in enumerate(space.households):
        for t in group:
            household_of[int(t)] = h
    panels = []
    for run in range(runs):
        x = _one_draw(space, size, cell_of, household_of, rng)
        if x is None:
            raise InfeasibleQuotas(f"The greedy draw failed {ATTEMPTS} times in a row.")
        panels.append(x)
        if progress and run % 100 == 0:
            progress(run / runs, f"legacy draw {run}/{runs}")
    weights = np.full(len(panels), 1.0 / len(panels))
    return to_distribution("legacy", space, panels, weights, {"runs": runs})


def _one_draw(space, size, cell_of, household_of, rng):
    for _ in range(ATTEMPTS):
        left = space.sizes.copy()
        x = np.zeros(space.n_types, dtype=np.int64)
        filled = np.zeros(len(space.cell_types))
        used_households = set()
        ok = True
        for _seat in range(size):
            for c in np.flatnonzero(filled >= space.cell_max):
                left[space.cell_types[c]] = 0
            available = left > 0
            if not available.any():
                ok = False
                break
            people_in_cell = np.array([left[t].sum() for t in space.cell_types], dtype=float)
            need = (space.cell_min - filled) / np.maximum(people_in_cell, 1e-9)
            need[people_in_cell == 0] = -np.inf
            cell = int(np.argmax(need)) if need.max() > 0 else None
            candidates = space.cell_types[cell] if cell is not None else np.flatnonzero(available)
            weights = left[candidates].astype(float)
            if weights.sum() == 0:
                ok = False
                break
            t = int(rng.choice(candidates, p=weights / weights.sum()))
            x[t] += 1
            left[t] -= 1
            filled[cell_of[t]] += 1
            if t in household_of:
                h = household_of[t]
                for other in space.households[h]:
                    left[other] = 0
        if ok and np.all(filled >= space.cell_min):
            return x
    return None

"""LEXIMIN: the maximally fair distribution over quota-satisfying panels.

Flanigan, Gölz, Gupta, Hennig, Procaccia, "Fair algorithms for selecting citizens'
assemblies", Nature 596 (2021). Stage by stage, maximise the smallest selection
probability among the types not yet fixed (column generation: the master LP over a
portfolio of panels, the pricing integer program finds a panel that improves it),
then fix the types whose constraint is binding (positive dual) and go on.
``maximin`` is the first stage alone.
"""
from __future__ import annotations

import time

import numpy as np

from ..decompose import decompose
from ..peel import peel
from ..relaxed import ZERO_LEVEL, relaxed_leximin
from ..solver import Master, PanelFinder
from ..typespace import TypeSpace, build_type_space
from .common import ensure_feasible, to_distribution

PRICING_TOL = 1e-9   # a panel must improve the master by more than this to enter
DUAL_TOL = 1e-7      # types with a larger dual are binding and get fixed
MAX_DECOMPOSITION_ROUNDS = 200


def leximin(pool, quotas, size, *, households=False, rng=None, progress=None):
    """LEXIMIN distribution. Fast path: the leximin point of the LP relaxation, when
    peeling writes it as a lottery over integer panels, is the exact answer; otherwise
    the column generation below finishes the job, warm-started with those panels."""
    return _relaxation_first(pool, quotas, size, households, progress, None, "leximin")


def maximin(pool, quotas, size, *, households=False, rng=None, progress=None):
    """A MAXIMIN distribution (the first stage of leximin alone)."""
    return _relaxation_first(pool, quotas, size, households, progress, 1, "maximin")


def _relaxation_first(pool, quotas, size, households, progress, stages, name):
    started = time.perf_counter()
    space = build_type_space(pool, quotas, households=households)
    finder = PanelFinder(space, size)
    ensure_feasible(finder, pool, quotas, size, households)
    target, levels = relaxed_leximin(space, size, stages=stages, progress=progress)
    stats = {"types": space.n_types, "relaxation_stages": len(levels)}
    panels, weights, complete = peel(space, size, target, finder, stats=stats, progress=progress)
    method = "relaxation+peeling"
    if not complete:  # let an LP re-weight the peeled panels, adding panels where needed
        panels, weights, complete = decompose(space, size, target, finder, panels,
                                              max_rounds=MAX_DECOMPOSITION_ROUNDS, stats=stats,
                                              progress=progress)
        method = "relaxation+decomposition"
    if complete:
        stats.update(method=method, pricing=dict(finder.calls),
                     seconds=time.perf_counter() - started, portfolio=len(panels))
        return to_distribution(name, space, panels, weights, stats)
    return optimise(space, finder, size, initial=panels, progress=progress, stages=stages,
                    name=name, stats=stats, started=started)


def optimise(space, finder, size, *, initial, progress, stages, name, stats, started):
    """Column generation, stage by stage (Flanigan et al.), from the portfolio ``initial``."""
    master = Master(space)
    for x in initial:
        master.add_panel(x)
    if not initial:
        master.add_panel(finder.feasible_panel())
        _seed_portfolio(master, finder, space)
    stats.update(method="column generation", stages=0, pricing_rounds=0)
    positive = 0   # stages above level 0: the people no panel can take do not count (as in relaxed)
    while master.free.any() and (stages is None or positive < stages):
        z, y = _column_generation(master, finder, space, stats)
        stats["stages"] += 1
        positive += z > ZERO_LEVEL
        free = np.flatnonzero(master.free)
        binding = free[y[free] > DUAL_TOL]
        if len(binding) == 0:
            binding = free[[int(np.argmax(y[free]))]]
        master.fix(binding, z)
        if progress:
            progress(float((~master.free).mean()), f"stage {stats['stages']}: "
                     f"{int((~master.free).sum())}/{space.n_types} types fixed at >= {z:.6f}")
    stats.update(pricing=dict(finder.calls), seconds=time.perf_counter() - started,
                 portfolio=len(master.panels))
    return to_distribution(name, space, master.panels, master.weights(), stats)


def _seed_portfolio(master: Master, finder: PanelFinder, space: TypeSpace) -> None:
    """Start from a panel that favours the rarest types, so the first LP is not degenerate."""
    found = finder.best(1.0 / space.sizes)
    if found is not None:
        master.add_panel(found[2])


def _column_generation(master: Master, finder: PanelFinder, space: TypeSpace, stats):
    """Solve the current stage to optimality; return its optimal minimum probability and
    the type duals of the final master (positive where a type's constraint binds)."""
    inv = 1.0 / space.sizes
    while True:
        z, y, mu = master.solve()
        weights = y * inv
        found = finder.improving(weights, mu, PRICING_TOL)
        stats["pricing_rounds"] += 1
        if not found:
            return z, y
        for x in found:
            master.add_panel(x)

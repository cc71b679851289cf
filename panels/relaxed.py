"""LEXIMIN over the LP relaxation of the panel polytope.

The expected number of selected people per type, ``m``, of any lottery over
panels lies in the convex hull H of the integer panels, inside the relaxation
Q = {0 <= m_t <= n_t, sum m = k, quota bounds on cell sums}. The leximin point of
Q is found with plain LPs (no integer program): stage by stage maximise the
smallest free ``m_t / n_t`` and fix the types whose row is binding. When that
point can be written as a lottery over integer panels (panels.decompose), it is
the leximin point of H too, since H is inside Q: exact, and much faster.
"""
from __future__ import annotations

import highspy
import numpy as np

from .solver import INF, PanelFinder, run_lp
from .typespace import TypeSpace

DUAL_TOL = 1e-9
FIX_SLACK = 1e-10
ZERO_LEVEL = 1e-9   # a stage at this level or below fixes people no panel can take


def relaxed_leximin(space: TypeSpace, size: int, *, stages: int | None = None,
                    progress=None) -> tuple[np.ndarray, list[float]]:
    """Expected counts per type at the leximin point of Q, and the level of each stage.

    ``stages`` counts the stages above level 0 only: the types no panel can take (a quota
    excludes them) are fixed at 0 first, so that maximin (``stages=1``) maximises the
    minimum over the people who can be selected, not a minimum of 0 that every lottery
    reaches (issue 18 B: a one-panel lottery).
    """
    finder = PanelFinder(space, size)
    h = finder.models["lp"]
    n = space.n_types
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.zeros(n))
    h.addCol(1.0, 0.0, 1.0, 0, np.zeros(0, np.int32), np.zeros(0))  # z, column n
    first_row = h.getNumRow()
    sizes = space.sizes.astype(float)
    starts = np.arange(0, 2 * n, 2, dtype=np.int32)
    index = np.empty(2 * n, dtype=np.int32)
    index[0::2] = np.arange(n)
    index[1::2] = n
    values = np.empty(2 * n)
    values[0::2] = 1.0
    values[1::2] = -sizes
    h.addRows(n, np.zeros(n), np.full(n, INF), 2 * n, starts, index, values)
    free = np.ones(n, dtype=bool)
    levels = []
    while free.any() and (stages is None or sum(z > ZERO_LEVEL for z in levels) < stages):
        if run_lp(h) != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError("relaxed leximin: " + h.modelStatusToString(h.getModelStatus()))
        z = h.getInfo().objective_function_value
        duals = np.abs(np.asarray(h.getSolution().row_dual)[first_row:first_row + n])
        idx = np.flatnonzero(free)
        binding = idx[duals[idx] > DUAL_TOL]
        if z >= 1 - FIX_SLACK:     # no probability exceeds 1: every free type is at 1
            binding = idx
        elif len(binding) == 0:
            binding = idx[[int(np.argmax(duals[idx]))]]
        for t in binding:
            h.changeCoeff(first_row + int(t), n, 0.0)
            h.changeRowBounds(first_row + int(t), sizes[t] * (z - FIX_SLACK), INF)
        free[binding] = False
        levels.append(z)
        if progress:
            progress(None, f"relaxation stage {len(levels)}: {n - int(free.sum())}/{n} types at >= {z:.6f}")
    if free.any():  # stopped early (maximin): the free types keep the last solution
        h.run()
    m = np.asarray(h.getSolution().col_value)[:n]
    return np.clip(m, 0.0, sizes), levels

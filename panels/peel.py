"""Decompose a target vector of expected counts into a lottery over integer panels
by peeling (a constructive Carathéodory argument).

Let q be the current target (normalised). An integer panel x that rounds every
coordinate of q down or up, and every quota cell sum down or up, lies in the same
"box" as q. Moving q away from x, q' = (q - beta x) / (1 - beta), stays in the box
(so in the polytope) until one more coordinate or cell sum of q' becomes an
integer; those stay integral from then on, so at most (types + cells) panels are
needed. Each step is a small feasibility integer program over the coordinates
still fractional. If it is infeasible the target may still be in the integer hull:
the caller falls back to column generation.
"""
from __future__ import annotations

import highspy
import numpy as np

from .repair import Repairer
from .solver import PanelFinder

EPS = 1e-9
WEIGHT_LEFT = 1e-8  # below this, the rest of the target is dropped (the weights are renormalised)


def peel(space, size: int, target: np.ndarray, finder: PanelFinder, *, stats=None, progress=None):
    """``(panels, weights, complete)``; ``complete`` is False when a step found no panel."""
    mip = finder.models["mip"]
    n = space.n_types
    mip.changeColsCost(n, np.arange(n, dtype=np.int32), np.zeros(n))
    n_cells = len(space.cell_types)
    cell_rows = np.arange(1, 1 + n_cells, dtype=np.int32)
    repairer = Repairer(space, size)
    x = None
    residual = np.asarray(target, float).copy()
    weight_left = 1.0
    panels, weights = [], []
    complete = True
    while weight_left > WEIGHT_LEFT:
        q = residual / weight_left
        q = np.where(np.abs(q - np.rint(q)) < EPS, np.rint(q), q)
        lo, hi = np.floor(q), np.ceil(q)
        cq = np.array([q[t].sum() for t in space.cell_types])
        cq = np.where(np.abs(cq - np.rint(cq)) < EPS, np.rint(cq), cq)
        clo = np.maximum(space.cell_min, np.floor(cq))
        chi = np.minimum(space.cell_max, np.ceil(cq))
        repaired = repairer.repair(x, lo, hi, clo, chi)
        if repaired is not None:
            x = repaired.astype(float)
            finder.calls["repair"] = finder.calls.get("repair", 0) + 1
        else:
            x = _box_panel(mip, finder, n, n_cells, cell_rows, lo, hi, clo, chi)
        if x is None:
            complete = False
            break
        beta = _step(q, x, lo, hi)
        cx = np.array([x[t].sum() for t in space.cell_types])
        beta = min(beta, _step(cq, cx, clo, chi))
        alpha = beta * weight_left
        panels.append(x.astype(np.int64))
        weights.append(alpha)
        residual = np.maximum(residual - alpha * x, 0.0)
        weight_left -= alpha
        if progress and len(panels) % 100 == 0:
            progress(f"decomposition: {len(panels)} panels, {weight_left:.3e} left", 1 - weight_left)
    # restore the finder's bounds for later use
    mip.changeColsBounds(n, np.arange(n, dtype=np.int32), finder.lower, finder.upper)
    mip.changeRowsBounds(n_cells, cell_rows, space.cell_min, space.cell_max)
    if stats is not None:
        stats["peeling_steps"] = len(panels)
    return panels, np.array(weights), complete


def _box_panel(mip, finder, n, n_cells, cell_rows, lo, hi, clo, chi):
    """An integer panel inside the box, from the integer program; None if there is none."""
    mip.changeColsBounds(n, np.arange(n, dtype=np.int32), lo, hi)
    mip.changeRowsBounds(n_cells, cell_rows, clo, chi)
    mip.run()
    finder.calls["mip"] += 1
    if mip.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.rint(np.asarray(mip.getSolution().col_value))


def _step(q, x, lo, hi) -> float:
    """Largest beta keeping (q - beta x)/(1 - beta) within [lo, hi]."""
    beta = 1.0
    up = (x > q + EPS) & (x > lo)      # x at the ceiling: q' falls towards lo
    if up.any():
        beta = min(beta, float(np.min((q[up] - lo[up]) / (x[up] - lo[up]))))
    down = (x < q - EPS) & (hi > x)    # x at the floor: q' rises towards hi
    if down.any():
        beta = min(beta, float(np.min((hi[down] - q[down]) / (hi[down] - x[down]))))
    return beta

"""Write a target vector of expected counts per type as a lottery over panels.

Column generation on ``min sum |deviation|`` subject to ``sum_j lambda_j x_j +
deviation = target`` and ``sum_j lambda_j = 1``: the pricing finds the integer
panel with the best reduced cost. Reaching zero deviation proves the target is in
the integer hull H; a pricing that proves no panel improves while the deviation
is positive proves it is not.
"""
from __future__ import annotations

import highspy
import numpy as np

from .solver import INF, PanelFinder, new_highs, run_lp
from .typespace import TypeSpace

# Total absolute deviation (in expected counts) accepted as "equal": HiGHS's MIP
# tolerances stop the pricing from finding improvements much below this, and it moves
# no selection probability by more than 1e-5 (the marginals reported are always the
# portfolio's own, so the record stays exactly consistent).
DEVIATION_TOL = 1e-5
PRICING_TOL = 1e-10


class Decomposition:
    def __init__(self, space: TypeSpace, target: np.ndarray):
        self.space = space
        n = space.n_types
        self.target = target
        self.h = h = new_highs(presolve="off", simplex_strategy=4)  # primal: see Master
        h.addRows(n, target, target, 0, np.zeros(n, np.int32), np.zeros(0, np.int32), np.zeros(0))
        h.addRow(1.0, 1.0, 0, np.zeros(0, np.int32), np.zeros(0))
        # deviation columns: +e_t and -e_t, cost 1 each
        idx = np.arange(n, dtype=np.int32)
        starts = np.arange(n, dtype=np.int32)
        for sign in (1.0, -1.0):
            h.addCols(n, np.ones(n), np.zeros(n), np.full(n, INF), n, starts, idx, np.full(n, sign))
        self.first_panel = 2 * n
        self.panels: list[np.ndarray] = []

    def add_panel(self, x: np.ndarray) -> None:
        t = np.flatnonzero(x).astype(np.int32)
        index = np.concatenate([t, [self.space.n_types]]).astype(np.int32)
        values = np.concatenate([x[t].astype(float), [1.0]])
        self.h.addCol(0.0, 0.0, INF, len(index), index, values)
        self.panels.append(np.asarray(x, dtype=np.int64))

    def solve(self):
        """``(deviation, pricing weights, threshold)``: a panel x improves iff w.x > threshold."""
        if run_lp(self.h) != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError("decomposition LP: " + self.h.modelStatusToString(self.h.getModelStatus()))
        duals = np.asarray(self.h.getSolution().row_dual)
        n = self.space.n_types
        # reduced cost of a panel column: -(duals[:n] . x) - duals[n]; it improves when < 0
        return self.h.getInfo().objective_function_value, duals[:n], -duals[n]

    def weights(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().col_value)[self.first_panel:]


def decompose(space: TypeSpace, size: int, target: np.ndarray, finder: PanelFinder,
              initial: list[np.ndarray] = (), *, max_rounds: int = 100000, stats=None,
              progress=None):
    """``(panels, weights, complete)``: ``complete`` when their expected counts equal ``target``."""
    dec = Decomposition(space, target)
    for x in initial:
        dec.add_panel(x)
    if not initial:
        dec.add_panel(finder.best(target / space.sizes)[2])
    rounds = 0
    deviation, weights, threshold = dec.solve()
    first = deviation
    while rounds < max_rounds:
        if deviation <= DEVIATION_TOL:
            break
        rounds += 1
        x = finder.improving(weights, threshold, PRICING_TOL)
        if not x:
            break
        for panel in x:
            dec.add_panel(panel)
        deviation, weights, threshold = dec.solve()
        if progress and rounds % 20 == 0:
            progress(_fraction_done(first, deviation),
                     f"decomposition round {rounds}: deviation {deviation:.2e}")
    if stats is not None:
        stats["decomposition_rounds"] = rounds
        stats["deviation"] = deviation
    return dec.panels, dec.weights(), deviation <= DEVIATION_TOL


def _fraction_done(first: float, deviation: float) -> float:
    """How far the deviation has come down from ``first`` to the tolerance, on a log scale
    (column generation halves it again and again rather than removing it linearly)."""
    if first <= DEVIATION_TOL or deviation <= DEVIATION_TOL:
        return 1.0
    return float(min(1.0, max(0.0, np.log(first / deviation) / np.log(first / DEVIATION_TOL))))

"""HiGHS models shared by the algorithms: the panel-finding integer program
(pricing problem) and the restricted master LP over a portfolio of panels.

Both work in type space (see panels.typespace): a panel is an integer vector
``x`` with ``0 <= x[t] <= size of type t``, ``sum(x) == panel size``, every quota
cell within its bounds and at most one person per shared household.
"""
from __future__ import annotations

import highspy
import numpy as np

from .errors import SolverError
from .typespace import TypeSpace

INF = highspy.kHighsInf
_STOPPED_EARLY = (highspy.HighsModelStatus.kObjectiveTarget,)


def new_highs(**options) -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    # probabilities are compared to 1e-6 and below: tighter than HiGHS's 1e-7 defaults
    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.setOptionValue("dual_feasibility_tolerance", 1e-9)
    for name, value in options.items():
        h.setOptionValue(name, value)
    return h


def _csr(rows: list[np.ndarray]):
    starts = np.zeros(len(rows), dtype=np.int32)
    pos = 0
    for i, r in enumerate(rows):
        starts[i] = pos
        pos += len(r)
    index = np.concatenate(rows).astype(np.int32) if rows else np.zeros(0, np.int32)
    return starts, index, np.ones(len(index))


def run_lp(h: highspy.Highs):
    """Run an LP warm-started; if simplex gives up on the warm basis, solve it afresh."""
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        h.clearSolver()
        h.run()
        status = h.getModelStatus()
    return status


class PanelFinder:
    """Finds a quota-satisfying panel of maximum weight: ``max w.x`` over panels.

    One LP relaxation and one integer program are built once; each call only
    changes the objective, so HiGHS reuses the structure (and the LP its basis).
    """

    def __init__(self, space: TypeSpace, size: int, *, lower: np.ndarray | None = None,
                 upper: np.ndarray | None = None, mip_rel_gap: float = 1e-9):
        self.space = space
        self.size = size
        n = space.n_types
        self.lower = np.zeros(n) if lower is None else np.asarray(lower, float)
        self.upper = space.sizes.astype(float) if upper is None else np.asarray(upper, float)
        rows = [np.arange(n, dtype=np.int32)] + list(space.cell_types) + list(space.households)
        lo = np.concatenate([[size], space.cell_min, np.zeros(len(space.households))])
        hi = np.concatenate([[size], space.cell_max, np.ones(len(space.households))])
        self.models = {}
        for kind in ("lp", "mip"):
            h = (new_highs(mip_rel_gap=mip_rel_gap, mip_abs_gap=1e-12, mip_improving_solution_save=True)
                 if kind == "mip" else new_highs())
            h.addVars(n, self.lower, self.upper)
            starts, index, values = _csr(rows)
            h.addRows(len(rows), lo, hi, len(index), starts, index, values)
            h.changeObjectiveSense(highspy.ObjSense.kMaximize)
            if kind == "mip":
                h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                        np.full(n, highspy.HighsVarType.kInteger, dtype=np.uint8))
            self.models[kind] = h
        self.calls = {"lp": 0, "mip": 0}

    def _solve(self, kind: str, weights: np.ndarray, accept=()):
        h = self.models[kind]
        n = self.space.n_types
        h.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(weights, float))
        h.run()
        self.calls[kind] += 1
        status = h.getModelStatus()
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kObjectiveBound):
            return None
        if status != highspy.HighsModelStatus.kOptimal and status not in accept:
            raise SolverError(f"HiGHS stopped with status {h.modelStatusToString(status)}")
        return h

    def relaxation(self, weights: np.ndarray):
        """LP bound and solution: ``(bound, x)``, or None if even the LP is infeasible."""
        h = self._solve("lp", weights)
        if h is None:
            return None
        return h.getInfo().objective_function_value, np.asarray(h.getSolution().col_value)

    def best(self, weights: np.ndarray):
        """``(value, upper_bound, x)`` of the best panel, x an int vector; None if no panel exists."""
        h = self._solve("mip", weights)
        if h is None:
            return None
        info = h.getInfo()
        x = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
        return info.objective_function_value, info.mip_dual_bound, x

    def improving(self, weights: np.ndarray, threshold: float, tol: float) -> list[np.ndarray]:
        """Panels whose weight exceeds ``threshold + tol``; empty when none exists (proven).

        The LP relaxation comes first: when its bound is below the threshold no panel
        improves, and when its optimum is integral it is the best panel. Otherwise the
        integer program decides, and every improving solution it met is returned.
        """
        relaxed = self.relaxation(weights)
        if relaxed is None:
            return []
        bound, x = relaxed
        if bound <= threshold + tol:
            return []
        xi = np.rint(x)
        if np.abs(x - xi).max() < 1e-9:
            return [xi.astype(np.int64)]
        # Any improving panel will do: stop at the first one, or as soon as the bound
        # proves there is none. That early stop relies on HiGHS's tolerances, so a "none"
        # is confirmed by solving to optimality before it is believed.
        found = self._early_stop_mip(weights, threshold, tol)
        if not found:
            h = self._solve("mip", weights)
            found = self._improving_solutions(h, weights, threshold, tol) if h else []
        return found

    def _early_stop_mip(self, weights, threshold, tol) -> list[np.ndarray]:
        mip = self.models["mip"]
        mip.setOptionValue("objective_target", float(threshold + 2 * tol))
        mip.setOptionValue("objective_bound", float(threshold + tol))
        try:
            h = self._solve("mip", weights, accept=_STOPPED_EARLY)
        finally:
            mip.setOptionValue("objective_target", -INF)
            mip.setOptionValue("objective_bound", INF)
        return self._improving_solutions(h, weights, threshold, tol) if h else []

    @staticmethod
    def _improving_solutions(h, weights, threshold, tol) -> list[np.ndarray]:
        found = {}
        candidates = [np.asarray(sol.col_value) for sol in h.getSavedMipSolutions()]
        candidates.append(np.asarray(h.getSolution().col_value))
        for values in candidates:
            xs = np.rint(values).astype(np.int64)
            if weights @ xs > threshold + tol:
                found[xs.tobytes()] = xs
        return list(found.values())

    def feasible_panel(self) -> np.ndarray | None:
        found = self.best(np.zeros(self.space.n_types))
        return None if found is None else found[2]


class Master:
    """The restricted master LP of the leximin / maximin column generation.

    Variables: one probability per panel of the portfolio, and z. Rows: for every
    type ``sum_j lambda_j x_jt / n_t  >=  z`` (free types) or ``>= q_t`` (types
    whose probability an earlier stage fixed), and ``sum_j lambda_j == 1``.
    Maximise z. Columns are added as the pricing finds them; HiGHS warm-starts.
    """

    def __init__(self, space: TypeSpace):
        self.space = space
        n = space.n_types
        self.inv_size = 1.0 / space.sizes.astype(float)
        # columns are added between solves: the basis stays primal feasible, so the primal
        # simplex restarts where it stopped (8x fewer iterations than the default dual)
        self.h = h = new_highs(presolve="off", simplex_strategy=4)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        # rows 0..n-1 types, row n convexity
        h.addRows(n, np.zeros(n), np.full(n, INF), 0, np.zeros(n, np.int32),
                  np.zeros(0, np.int32), np.zeros(0))
        h.addRow(1.0, 1.0, 0, np.zeros(0, np.int32), np.zeros(0))
        # column 0: z, free, coefficient -1 in every type row
        h.addCol(1.0, -INF, INF, n, np.arange(n, dtype=np.int32), -np.ones(n))
        self.free = np.ones(n, dtype=bool)
        self.panels: list[np.ndarray] = []

    def add_panel(self, x: np.ndarray) -> None:
        t = np.flatnonzero(x).astype(np.int32)
        index = np.concatenate([t, [self.space.n_types]]).astype(np.int32)
        values = np.concatenate([x[t] * self.inv_size[t], [1.0]])
        self.h.addCol(0.0, 0.0, INF, len(index), index, values)
        self.panels.append(np.asarray(x, dtype=np.int64))

    def fix(self, types: np.ndarray, value: float, slack: float = 1e-9) -> None:
        """Fix the given free types' probability at (at least) ``value``."""
        for t in types:
            self.h.changeCoeff(int(t), 0, 0.0)
            self.h.changeRowBounds(int(t), value - slack, INF)
        self.free[types] = False

    def solve(self):
        """``(z, type duals y >= 0, convexity dual)``; y_t / n_t are the pricing weights."""
        status = run_lp(self.h)
        if status != highspy.HighsModelStatus.kOptimal:
            raise SolverError(f"master LP: {self.h.modelStatusToString(status)}")
        sol = self.h.getSolution()
        duals = np.asarray(sol.row_dual)
        z = self.h.getInfo().objective_function_value
        y = np.maximum(-duals[: self.space.n_types], 0.0)
        return z, y, duals[self.space.n_types]

    def weights(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().col_value)[1:]

    def expected_counts(self) -> np.ndarray:
        lam = self.weights()
        out = np.zeros(self.space.n_types)
        for l, x in zip(lam, self.panels):
            if l > 0:
                out += l * x
        return out

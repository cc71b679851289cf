"""Decompose a target vector of expected counts into a lottery over integer panels
by peeling (a constructive Carathéodory argument).

Let q be the current target (normalised to weight 1). Take an integer panel x that
satisfies, with equality, every constraint that is tight at q, and move q away from
it: q' = (q - beta x) / (1 - beta), beta as large as keeps q' feasible. One more
constraint becomes tight and stays tight, so the walk ends after at most
(types + rows) panels, with the weights beta.

Two kinds of step:

* **box step**: x rounds every coordinate of q, and every quota-cell (and household)
  sum, down or up. The previous panel repaired greedily (panels.repair) mostly fits.
* **face step**: x only keeps the constraints of the panel polytope that are tight at
  q (types at 0 or at their size, cells at their quota bound) and is otherwise near q.
  The box rule also fixes the coordinates that happen to be integers, which is what
  made the walk get stuck near the end; the face is as large as Carathéodory allows.

Greedy repairs come first (milliseconds); integer programs only when they fail: the
box's feasibility program over a neighbourhood of the previous panel (a few hundred
types set free), then over the whole box, then the L1-nearest panel of the face.
Once less than DUST of weight is left, only greedy steps are tried; the first that
fails ends the walk and the rest is dropped (no probability moves by more than DUST).

If even the face has no integer panel, q left the integer hull on the way: the caller
finishes with column generation (panels.decompose).
"""
from __future__ import annotations

import highspy
import numpy as np

from .repair import Repairer
from .rows import Rows
from .solver import INF, PanelFinder, new_highs

EPS = 1e-9
WEIGHT_LEFT = 1e-9   # below this, the rest of the target is dropped (the weights are renormalised)
MIN_STEP = 1e-13     # a step this small makes no progress: give up and let the caller finish...
DUST = 1e-7          # ...unless less weight than this is left: then the rest is rounding dust.
                     # Renormalising moves no probability by more than DUST (absolute), so
                     # below it only greedy steps are tried: the walk's last steps each
                     # needed an integer program, for 1e-10 of weight, half the time on
                     # 10,000 / 150 / 8
FACE_GAP = 0.5       # the nearest face panel need not be the very nearest: any close one will do
NEIGHBOURHOOD = 300  # types set free around the previous panel before the full box program
RESTARTS = 10        # roundings of q tried when repairing the previous panel fails (_restarts)
MAX_RESTARTS = 60
FEW_MOVABLE = 600
LARGE_SPACE = 3000


def peel(space, size: int, target: np.ndarray, finder: PanelFinder, *, stats=None, progress=None):
    """``(panels, weights, complete)``; ``complete`` is False when a step found no panel."""
    rows = Rows(space)
    search = _Steps(space, size, finder, rows)
    sizes = space.sizes.astype(float)
    x = None
    residual = np.clip(np.asarray(target, float), 0.0, sizes)
    weight_left = 1.0
    panels, weights = [], []
    complete = True
    while weight_left > WEIGHT_LEFT:
        # late in the walk q drifts just above a group's size (1.0000000028 for a group of 1):
        # a box [1, 2] would let a panel take 2 people from a group of 1
        q = np.clip(_snap(residual / weight_left), 0.0, sizes)
        rq = _snap(rows.sums(q))
        found = search.next_panel(x, q, rq, greedy_only=weight_left <= DUST)
        if found is None:
            complete = weight_left <= DUST
            break
        x, (lo, hi, rlo, rhi) = found
        beta = min(_step(q, x, lo, hi), _step(rq, rows.sums(x), rlo, rhi))
        if beta < MIN_STEP:
            complete = weight_left <= DUST
            break
        alpha = beta * weight_left
        panels.append(x.astype(np.int64))
        weights.append(alpha)
        residual = np.clip(residual - alpha * x, 0.0, sizes)
        weight_left = residual.sum() / size   # not 1 - sum(weights): no drift from q
        if progress and len(panels) % 100 == 0:
            progress(_done(weight_left), f"decomposition: {len(panels)} panels, {weight_left:.3e} left")
    search.count_calls()
    if stats is not None:
        stats["peeling_steps"] = len(panels)
        stats["peeling"] = dict(search.steps)
    return panels, np.array(weights), complete


class _Steps:
    """The next panel of the walk, cheapest way first: repair the previous panel into q's
    box; repair a rounding of q into q's face; the box's integer program around the
    previous panel, then over the whole box; the face's nearest panel."""

    def __init__(self, space, size, finder, rows):
        self.finder, self.rows = finder, rows
        self.sizes = space.sizes.astype(float)
        self.repairer = Repairer(rows, size)
        self.programs = _Programs(rows, size)
        self.steps = {"box repair": 0, "face repair": 0, "box LNS": 0, "box MIP": 0, "face MIP": 0}
        self.rng = np.random.default_rng(1)

    def next_panel(self, x, q, rq, greedy_only=False):
        """``(panel, bounds it was found within)`` or None."""
        rows = self.rows
        box = (np.clip(np.floor(q), 0.0, self.sizes), np.clip(np.ceil(q), 0.0, self.sizes), np.maximum(rows.lo, np.floor(rq)), np.minimum(rows.hi, np.ceil(rq)))
        face = (np.where(q >= self.sizes, self.sizes, 0.0), np.where(q <= 0, 0.0, self.sizes),
                np.where(rq >= rows.hi, rows.hi, rows.lo), np.where(rq <= rows.lo, rows.lo, rows.hi))
        restarts = _restarts(len(q), int(np.count_nonzero(box[1] > box[0])))
        attempts = (
            ("box repair", box, lambda: self.repairer.repair(x, *box, q=q, restarts=restarts)),
            ("face repair", face, lambda: self.repairer.repair(None, *face, q=q, restarts=restarts)),
            ("box LNS", box, lambda: self._neighbourhood(x, NEIGHBOURHOOD, *box)),
            ("box LNS", box, lambda: self._neighbourhood(x, 3 * NEIGHBOURHOOD, *box)),
            ("box MIP", box, lambda: self.programs.box(*box)),
            ("face MIP", face, lambda: self.programs.face(q, *face)),
        )
        for kind, bounds, attempt in attempts[:2] if greedy_only else attempts:
            panel = attempt()
            if panel is not None:
                self.steps[kind] += 1
                return panel.astype(float), bounds
        return None

    def _neighbourhood(self, x, size, lo, hi, rlo, rhi):
        """The previous panel with ``size`` movable types set free: a smaller program."""
        if x is None:
            return None
        movable = np.flatnonzero(hi > lo)
        if len(movable) <= 2 * size:
            return None   # the full program is about as small
        start = np.clip(x, lo, hi)
        free = np.zeros(len(x), bool)
        free[self.rng.choice(movable, size, replace=False)] = True
        free |= start != x   # the coordinates the new box moved
        return self.programs.box(np.where(free, lo, start), np.where(free, hi, start), rlo, rhi)

    def count_calls(self):
        calls = self.finder.calls
        calls["repair"] = calls.get("repair", 0) + self.steps["box repair"] + self.steps["face repair"]
        calls["mip"] += self.programs.calls


def _restarts(n_types: int, movable: int) -> int:
    """How many roundings of q to try before the integer programs. RESTARTS, and in a large
    space late in the walk (fewer than FEW_MOVABLE types can move) up to MAX_RESTARTS: there
    each rounding succeeds a few times in a hundred for about a millisecond, and the program
    that follows costs ~100 ms (measured on 10,000 / 150 / 8: seed 1 went from 54 s to 37 s).
    In smaller spaces that program takes ~10 ms, and more roundings do not pay."""
    if n_types < LARGE_SPACE:
        return RESTARTS
    return min(MAX_RESTARTS, max(RESTARTS, RESTARTS * FEW_MOVABLE // max(movable, 1)))


def _done(weight_left: float) -> float:
    """Share of the work done: the weight peeled falls fast, then the last percent (smaller
    and smaller steps) takes about as long again, so half linear, half on a log scale."""
    log_part = np.log(max(weight_left, WEIGHT_LEFT)) / np.log(WEIGHT_LEFT)
    return float(0.5 * (1 - weight_left) + 0.5 * log_part)


def _snap(v: np.ndarray) -> np.ndarray:
    """Round the values within EPS of an integer to it (floating-point dust)."""
    r = np.rint(v)
    return np.where(np.abs(v - r) < EPS, r, v)


class _Programs:
    """Integer programs over the types that can still move: the others are fixed at their
    bound and only shift the rows' bounds, so late in the walk the programs are tiny.

    ``box``: any panel within the bounds (objective 0). ``face``: the panel within the
    bounds nearest to q in L1 (``min sum d`` with ``d >= |x - q|``), to a loose gap.
    """

    def __init__(self, rows: Rows, size: int):
        self.rows, self.size = rows, size
        self.calls = 0

    def box(self, lo, hi, rlo, rhi):
        return self._solve(lo, hi, rlo, rhi, None)

    def face(self, q, lo, hi, rlo, rhi):
        return self._solve(lo, hi, rlo, rhi, q)

    def _solve(self, lo, hi, rlo, rhi, q):
        self.calls += 1
        rows = self.rows
        movable = np.flatnonzero(hi > lo)
        m = len(movable)
        local = np.full(len(lo), -1, dtype=np.int64)
        local[movable] = np.arange(m)
        # x = lo + y with 0 <= y <= hi - lo
        base = rows.sums(lo)
        # presolve finds little in these small programs of fixed rows and bounded columns
        h = new_highs(mip_rel_gap=FACE_GAP if q is not None else 1e-6, presolve="off")
        h.addVars(m, np.zeros(m), (hi - lo)[movable])
        h.changeColsIntegrality(m, np.arange(m, dtype=np.int32),
                                np.full(m, highspy.HighsVarType.kInteger, dtype=np.uint8))
        free = self.size - lo.sum()
        h.addRow(free, free, m, np.arange(m, dtype=np.int32), np.ones(m))
        keep = local[rows.type] >= 0
        row_of, col_of = rows.row[keep], local[rows.type[keep]]
        starts = np.searchsorted(row_of, np.arange(rows.count)).astype(np.int32)
        h.addRows(rows.count, rlo - base, rhi - base, len(col_of), starts,
                  col_of.astype(np.int32), np.ones(len(col_of)))
        if q is not None:   # distance columns d_j, rows d - y >= lo - q and d + y >= q - lo
            h.addVars(m, np.zeros(m), np.full(m, INF))
            h.changeColsCost(m, np.arange(m, 2 * m, dtype=np.int32), np.ones(m))
            offset = (q - lo)[movable]
            starts = np.arange(0, 2 * m, 2, dtype=np.int32)
            index = np.empty(2 * m, np.int32)
            index[0::2], index[1::2] = np.arange(m, 2 * m), np.arange(m)
            for sign, bound in ((-1.0, -offset), (1.0, offset)):
                values = np.empty(2 * m)
                values[0::2], values[1::2] = 1.0, sign
                h.addRows(m, bound, np.full(m, INF), 2 * m, starts, index, values)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        x = lo.copy()
        x[movable] += np.rint(np.asarray(h.getSolution().col_value)[:m])
        return x


def _step(q, x, lo, hi) -> float:
    """Largest beta keeping (q - beta x)/(1 - beta) within [lo, hi]."""
    beta = 1.0
    up = (x > q + EPS) & (x > lo)      # x above q: q' falls towards lo
    if up.any():
        beta = min(beta, float(np.min((q[up] - lo[up]) / (x[up] - lo[up]))))
    down = (x < q - EPS) & (hi > x)    # x below q: q' rises towards hi
    if down.any():
        beta = min(beta, float(np.min((hi[down] - q[down]) / (hi[down] - x[down]))))
    return beta

"""Cheap integer panels for peeling: repair the previous panel to fit a new box.

Successive peeling boxes differ by a coordinate or a cell sum that became an
integer, so the previous panel is almost always one or two moves away from a panel
of the new box. A greedy repair (add or remove one person of a type at a time,
choosing the move that fixes the most broken cell bounds and breaks the fewest)
finds it in a millisecond or so where an integer program takes tens; when the
previous panel cannot be repaired, roundings of the target are; the caller falls
back to the integer program when all fail.

The roundings are systematic (one uniform offset along the types sorted by the cell
of a random feature): the panel size is exact and every cell of that feature is
within one of its target, so the greedy starts a few moves from a panel instead of
dozens for an independent rounding.
"""
from __future__ import annotations

import numpy as np

from .rows import Rows

MAX_MOVES = 40
RESTART_MOVES = 80   # a rounding of many fractional types starts further from a panel


class Repairer:
    """Greedy repairs over the rows of panels.rows.Rows (plus the unbounded row of the
    types in no household)."""

    def __init__(self, rows: Rows, size: int, seed: int = 0):
        self.rows, self.size = rows, size
        self.rows_of = rows.rows_of
        self.incidence = rows.incidence.astype(np.float32)
        self.households = bool(rows.n_households)
        self.rng = np.random.default_rng(seed)

    def counts(self, x: np.ndarray) -> np.ndarray:
        return np.append(self.rows.sums(x), 0.0)

    def repair(self, x, lo, hi, clo, chi, *, q=None, restarts=0):
        """A panel within [lo, hi] and the cell bounds, near ``x``; None when not found.

        When ``x`` cannot be repaired, up to ``restarts`` systematic roundings of ``q``
        are tried.
        """
        box = _Box(self, lo, hi, clo, chi)   # the same for every start: built once
        found = None if x is None else _Greedy(box, x).run(MAX_MOVES)
        for _ in range(restarts if q is not None else 0):
            if found is not None:
                break
            found = _Greedy(box, self._rounding(q)).run(RESTART_MOVES)
        return found

    def _rounding(self, q: np.ndarray) -> np.ndarray:
        """Systematic rounding of q along the types grouped by a random feature's cell."""
        base = np.floor(q)
        fractional = (q > base).nonzero()[0]
        feature = self.rng.integers(self.rows_of.shape[1])
        key = self.rows_of[fractional, feature] + self.rng.random(len(fractional))
        order = fractional[np.argsort(key)]
        frac = q[order] - base[order]
        cum = np.cumsum(frac)
        u = self.rng.random()
        base[order] += np.floor(cum + u) - np.floor(cum - frac + u)
        return base


class _Box:
    """The bounds of one repair, restricted once to the types that can move (late in a
    peeling, few): every start of the repair shares them."""

    def __init__(self, repairer: Repairer, lo, hi, clo, chi):
        self.repairer, self.lo_all, self.hi_all = repairer, lo, hi
        self.clo, self.chi = np.append(clo, -np.inf), np.append(chi, np.inf)   # the "no household" row
        self.movable = movable = np.flatnonzero(hi > lo)
        self.lo, self.hi = lo[movable], hi[movable]
        self.rows_of = repairer.rows_of[movable]           # (movable types, features)
        self.incidence = repairer.incidence[movable]       # (movable types, quota cells)
        self.household = self.rows_of[:, -1] if repairer.households else None


class _Greedy:
    """One greedy repair. A move's score, over the rows of the type moved, is the broken
    bounds it fixes minus the bounds it breaks. Removing: only the types in the panel
    above their lower bound are candidates (a panel's worth), so their rows are gathered.
    Adding: any movable type is; its score over the quota cells is one product of the
    (types x cells) incidence matrix with the cells' scores (exact in float32: small
    integers), plus its household's score."""

    def __init__(self, box: _Box, x):
        self.box, self.size, self.rng = box, box.repairer.size, box.repairer.rng
        self.x = x = np.clip(x, box.lo_all, box.hi_all)
        self.cnt = box.repairer.counts(x)
        self.total = int(x.sum())
        self.movable, self.lo, self.hi = box.movable, box.lo, box.hi
        self.rows_of, self.incidence, self.household = box.rows_of, box.incidence, box.household
        self.xm = x[self.movable]

    def run(self, moves: int):
        cnt, clo, chi = self.cnt, self.box.clo, self.box.chi
        n_features = self.rows_of.shape[1]
        stuck = len(self.movable) == 0
        # (few numpy calls a move: at a few microseconds each, they are what a move costs)
        for moves_left in range(moves, 0, -1):
            over, under = cnt - chi, clo - cnt     # > 0: broken by this much
            broken = np.maximum(np.maximum(over, under), 0.0).sum()
            if self.total == self.size and broken == 0:
                self.x[self.movable] = self.xm
                return self.x
            # a move fixes at most one unit in each feature's cell: give up when out of moves
            if broken > moves_left * n_features or stuck:
                return None
            excess = over > 0
            if self.total > self.size or (self.total == self.size and excess.any()):
                # fixes an excess, breaks a row at its minimum
                t = self._best_removal(excess.view(np.int8) - (under >= 0).view(np.int8))
                step = -1
            else:   # fixes a lack, breaks a row at its maximum
                t = self._best_addition((under > 0).view(np.int8) - (over >= 0).view(np.int8))
                step = 1
            if t is None:
                return None
            self.xm[t] += step
            self.total += step
            cnt[self.rows_of[t]] += step
        return None

    def _best_removal(self, row_score):
        candidates = (self.xm > self.lo).nonzero()[0]
        if len(candidates) == 0:
            return None
        scores = row_score[self.rows_of[candidates]].sum(1)
        return int(candidates[self._pick(scores)])

    def _best_addition(self, row_score):
        scores = self.incidence @ row_score[:self.incidence.shape[1]].astype(np.float32)
        if self.household is not None:
            scores += row_score[self.household].astype(np.float32)
        scores[self.xm >= self.hi] = -np.inf
        t = self._pick(scores)
        return None if scores[t] == -np.inf else t

    def _pick(self, scores) -> int:
        """The best score's index, ties broken at random anew each move (a fixed order
        makes the greedy cycle)."""
        ties = (scores == scores.max()).nonzero()[0]
        return int(ties[self.rng.integers(len(ties))]) if len(ties) > 1 else int(ties[0])

"""Cheap integer panels for peeling: repair the previous panel to fit a new box.

Successive peeling boxes differ by a coordinate or a cell sum that became an
integer, so the previous panel is almost always one or two moves away from a panel
of the new box. A greedy repair (add or remove one person of a type at a time,
choosing the move that fixes the most broken cell bounds and breaks the fewest)
finds it in a millisecond or so where an integer program takes tens; when the
previous panel cannot be repaired, random roundings of the target are; the caller
falls back to the integer program when all fail.
"""
from __future__ import annotations

import numpy as np

MAX_MOVES = 40
RESTART_MOVES = 80   # a random rounding of many fractional types starts further from a panel


class Repairer:
    """Rows are the quota cells, then the households (at most one person each), as in
    panels.peel.Rows; each type lies in one cell per feature and in at most one household."""

    def __init__(self, space, size: int, seed: int = 0):
        self.size = size
        features = len(space.quotas.features)
        n_cells, n_households = len(space.cell_types), len(space.households)
        # one column per feature, and one for the household (a last, unbounded row for none)
        self.cells_of = np.full((space.n_types, features + bool(n_households)),
                                n_cells + n_households, dtype=np.int64)
        feature_index = {f: i for i, f in enumerate(space.quotas.features)}
        for c, types in enumerate(space.cell_types):
            self.cells_of[types, feature_index[space.quotas.items[c].feature]] = c
        for h, types in enumerate(space.households):
            self.cells_of[types, features] = n_cells + h
        self.n_rows = n_cells + n_households + 1
        self.rng = np.random.default_rng(seed)

    def counts(self, x: np.ndarray) -> np.ndarray:
        return np.bincount(self.cells_of.ravel(), weights=np.repeat(x, self.cells_of.shape[1]),
                           minlength=self.n_rows)

    def repair(self, x, lo, hi, clo, chi, *, q=None, restarts=0):
        """A panel within [lo, hi] and the cell bounds, near ``x``; None when not found.

        When ``x`` cannot be repaired, up to ``restarts`` random roundings of ``q``
        (each coordinate up with the probability of its fractional part) are tried.
        """
        clo, chi = np.append(clo, -np.inf), np.append(chi, np.inf)   # the "no household" row
        found = None if x is None else self._greedy(x, lo, hi, clo, chi)
        base = None if q is None else np.floor(q)
        for _ in range(restarts if q is not None else 0):
            if found is not None:
                break
            found = self._greedy(base + (self.rng.random(len(q)) < q - base), lo, hi, clo, chi,
                                 moves=RESTART_MOVES)
        return found

    def _greedy(self, x, lo, hi, clo, chi, moves=MAX_MOVES):
        x = np.clip(x, lo, hi)
        cnt = self.counts(x)
        total = int(x.sum())
        # only the types whose bounds leave room can move: late in a peeling, few
        movable = np.flatnonzero(hi > lo)
        xm, lo_m, hi_m = x[movable], lo[movable], hi[movable]
        # (features, types): summing over the first axis is vectorised over the types
        cells_of = self.cells_of[movable].T.copy()
        for moves_left in range(moves, 0, -1):
            excess = np.maximum(cnt - chi, 0.0)
            lack = np.maximum(clo - cnt, 0.0)
            broken = excess.sum() + lack.sum()
            if total == self.size and broken == 0:
                x[movable] = xm
                return x
            # a move fixes at most one unit in each feature's cell: give up when out of moves
            if broken > moves_left * cells_of.shape[0] or len(movable) == 0:
                return None
            noise = self.rng.random(len(movable)) * 1e-3   # ties broken at random, anew each move
            if total > self.size or (total == self.size and excess.any()):
                cell_score = (excess > 0).astype(float) - (cnt <= clo)
                score = cell_score[cells_of].sum(0) + noise
                score[xm <= lo_m] = -np.inf
                step = -1
            else:
                cell_score = (lack > 0).astype(float) - (cnt >= chi)
                score = cell_score[cells_of].sum(0) + noise
                score[xm >= hi_m] = -np.inf
                step = 1
            t = int(np.argmax(score))
            if score[t] == -np.inf:
                return None
            xm[t] += step
            total += step
            cnt[cells_of[:, t]] += step
        return None

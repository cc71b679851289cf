"""Cheap integer panels for peeling: repair the previous panel to fit a new box.

Successive peeling boxes differ by a coordinate or a cell sum that became an
integer, so the previous panel is almost always one or two moves away from a panel
of the new box. A greedy repair (add or remove one person of a type at a time,
choosing the move that fixes the most broken cell bounds and breaks the fewest)
finds it in microseconds where an integer program takes milliseconds; the caller
falls back to the integer program when the repair fails.
"""
from __future__ import annotations

import numpy as np

MAX_MOVES = 40


class Repairer:
    def __init__(self, space, size: int, seed: int = 0):
        self.size = size
        features = len(space.quotas.features)
        self.cells_of = np.zeros((space.n_types, features), dtype=np.int64)
        feature_index = {f: i for i, f in enumerate(space.quotas.features)}
        for c, types in enumerate(space.cell_types):
            self.cells_of[types, feature_index[space.quotas.items[c].feature]] = c
        self.n_cells = len(space.cell_types)
        self.usable = not space.households  # household rows: leave those to the MIP
        self.rng = np.random.default_rng(seed)

    def counts(self, x: np.ndarray) -> np.ndarray:
        return np.bincount(self.cells_of.ravel(), weights=np.repeat(x, self.cells_of.shape[1]),
                           minlength=self.n_cells)

    def repair(self, x, lo, hi, clo, chi):
        """A panel within [lo, hi] and the cell bounds, near ``x``; None when not found."""
        if not self.usable or x is None:
            return None
        x = np.clip(x, lo, hi)
        cnt = self.counts(x)
        for _ in range(MAX_MOVES):
            total = x.sum()
            over, under = cnt > chi, cnt < clo
            if total == self.size and not over.any() and not under.any():
                return x
            at_min, at_max = cnt <= clo, cnt >= chi
            noise = self.rng.random(len(x)) * 1e-3
            if total > self.size or (total == self.size and over.any()):
                score = (over[self.cells_of].sum(1) - at_min[self.cells_of].sum(1)) + noise
                score[x <= lo] = -np.inf
                t = int(np.argmax(score))
                if not np.isfinite(score[t]):
                    return None
                x[t] -= 1
                cnt[self.cells_of[t]] -= 1
            else:
                score = (under[self.cells_of].sum(1) - at_max[self.cells_of].sum(1)) + noise
                score[x >= hi] = -np.inf
                t = int(np.argmax(score))
                if not np.isfinite(score[t]):
                    return None
                x[t] += 1
                cnt[self.cells_of[t]] += 1
        return None

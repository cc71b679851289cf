"""The sums a panel constrains besides its size, in one layout for the peeling walk
(panels.peel), its integer programs and its greedy repairs (panels.repair).

Rows are the quota cells, then the households (at most one person each). Each type
lies in exactly one cell per feature and in at most one household.
"""
from __future__ import annotations

import numpy as np


class Rows:
    def __init__(self, space):
        cells, households = list(space.cell_types), list(space.households)
        self.n_cells, self.n_households = len(cells), len(households)
        self.count = self.n_cells + self.n_households
        groups = cells + households
        # (row, type) pairs, sorted by row: the integer programs' sparse rows
        self.row = np.concatenate([np.full(len(g), r) for r, g in enumerate(groups)]).astype(np.int64)
        self.type = np.concatenate(groups).astype(np.int64) if groups else np.zeros(0, np.int64)
        self.lo = np.concatenate([space.cell_min, np.zeros(self.n_households)])
        self.hi = np.concatenate([space.cell_max, np.ones(self.n_households)])
        # (types x cells): a panel's cell sums are one product (a gather costs several times more)
        self.incidence = np.zeros((space.n_types, self.n_cells))
        # each type's row in every feature, then its household's; types in no household
        # point to one more row, never bounded (index ``count``)
        features = {f: i for i, f in enumerate(space.quotas.features)}
        self.rows_of = np.full((space.n_types, len(features) + bool(households)), self.count,
                               dtype=np.int64)
        for c, types in enumerate(cells):
            self.incidence[types, c] = 1.0
            self.rows_of[types, features[space.quotas.items[c].feature]] = c
        for h, types in enumerate(households):
            self.rows_of[types, len(features)] = self.n_cells + h
        in_household = self.row >= self.n_cells
        self._household_row = self.row[in_household] - self.n_cells
        self._household_type = self.type[in_household]

    def sums(self, x: np.ndarray) -> np.ndarray:
        cells = x @ self.incidence
        if not self.n_households:
            return cells
        households = np.bincount(self._household_row, weights=x[self._household_type],
                                 minlength=self.n_households)
        return np.concatenate([cells, households])

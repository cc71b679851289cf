"""Compress a pool into *types*: volunteers with identical feature vectors.

Interchangeable volunteers get the same probability in the leximin (and maximin,
nash) optimum, so the optimisation works on counts per type and is expanded to
individuals at the end. People who share a household with someone else stay
singleton types, because the one-per-household rule tells them apart.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import BadQuotas, Problem
from .model import Pool, Quotas, norm_value


@dataclass
class TypeSpace:
    """Types of a pool against a set of quotas.

    ``members[t]`` are the ids of type t (``sizes[t] == len(members[t])``);
    ``cell_types[c]`` are the types counted by quota cell c (``quotas.items[c]``);
    ``households`` lists groups of singleton types of which at most one may be drawn.
    """

    pool: Pool
    quotas: Quotas
    members: list[list[str]]
    sizes: np.ndarray
    cell_types: list[np.ndarray]
    cell_min: np.ndarray
    cell_max: np.ndarray
    households: list[np.ndarray]

    @property
    def n_types(self) -> int:
        return len(self.members)

    def counts_to_probabilities(self, expected: np.ndarray) -> dict[str, float]:
        """Expected count per type -> selection probability per person id."""
        out = {}
        for t, ids in enumerate(self.members):
            p = float(expected[t]) / len(ids)
            for pid in ids:
                out[pid] = p
        return out


def build_type_space(pool: Pool, quotas: Quotas, *, households: bool = False) -> TypeSpace:
    """Group the pool into types; raise BadQuotas if someone falls in no quota cell."""
    features = quotas.features
    cell_index = {(q.feature, norm_value(q.value)): c for c, q in enumerate(quotas.items)}
    shared = set()
    if households:
        by_household: dict[str, list[str]] = {}
        for p in pool.people:
            if p.household:
                by_household.setdefault(p.household, []).append(p.id)
        shared = {pid for ids in by_household.values() if len(ids) > 1 for pid in ids}

    key_to_type: dict[tuple, int] = {}
    members: list[list[str]] = []
    type_cells: list[tuple[int, ...]] = []
    problems = []
    for p in pool.people:
        try:
            cells = tuple(cell_index[(f, norm_value(p.features[f]))] for f in features)
        except KeyError:
            missing = [f for f in features if (f, norm_value(p.features.get(f, ""))) not in cell_index]
            problems.append(Problem("value_without_quota",
                                    f"person {p.id} has {missing[0]} = {p.features.get(missing[0])!r}, "
                                    "which has no quota row", column=missing[0],
                                    value=str(p.features.get(missing[0]))))
            continue
        key = ("person", p.id) if p.id in shared else cells
        t = key_to_type.get(key)
        if t is None:
            t = key_to_type[key] = len(members)
            members.append([])
            type_cells.append(cells)
        members[t].append(p.id)
    if problems:
        raise BadQuotas(problems)

    n_cells = len(quotas.items)
    cell_lists: list[list[int]] = [[] for _ in range(n_cells)]
    for t, cells in enumerate(type_cells):
        for c in cells:
            cell_lists[c].append(t)
    groups = []
    if households:
        t_of = {pid: t for t, ids in enumerate(members) for pid in ids}
        seen: dict[str, list[int]] = {}
        for p in pool.people:
            if p.id in shared:
                seen.setdefault(p.household, []).append(t_of[p.id])
        groups = [np.array(ts, dtype=np.int32) for ts in seen.values()]
    return TypeSpace(
        pool=pool, quotas=quotas, members=members,
        sizes=np.array([len(m) for m in members], dtype=np.int64),
        cell_types=[np.array(c, dtype=np.int32) for c in cell_lists],
        cell_min=np.array([q.min for q in quotas.items], dtype=float),
        cell_max=np.array([q.max for q in quotas.items], dtype=float),
        households=groups,
    )

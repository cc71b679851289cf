"""Infeasibility diagnosis: which quotas to relax, and by how much.

An integer program finds a panel that breaks the quotas as little as possible
(minimum total slack over all bounds, and among those the fewest bounds changed); its
slacks are the relaxations to suggest.
Forbidding the slacks used and solving again yields an alternative, so the
organiser can choose ("raise the maximum of A from 8 to 10, or lower the
minimum of B from 5 to 3").
"""
from __future__ import annotations

import highspy
import numpy as np

from .errors import InfeasibleQuotas, Relaxation
from .model import Pool, Quotas
from .solver import INF, new_highs
from .typespace import build_type_space

MAX_ALTERNATIVES = 3


def minimal_relaxations(pool: Pool, quotas: Quotas, size: int, *, households: bool = False,
                        forbidden: set[tuple[int, str]] = frozenset(),
                        require: str | None = None) -> list[Relaxation] | None:
    """Smallest set of bound changes making a panel possible; None if no change can.

    With ``require`` (a person's id), a panel that includes that person.
    """
    space = build_type_space(pool, quotas, households=households)
    n, m = space.n_types, len(quotas.items)
    h = new_highs(mip_rel_gap=0.0)
    # columns: x_t (n), lower-the-min s_c (m), raise-the-max r_c (m)
    h.addVars(n, np.zeros(n), space.sizes.astype(float))
    min_room = space.cell_min  # a min can go down to 0
    max_room = np.full(m, float(size))
    ub_s = np.array([0.0 if (c, "min") in forbidden else min_room[c] for c in range(m)])
    ub_r = np.array([0.0 if (c, "max") in forbidden else max_room[c] for c in range(m)])
    h.addVars(m, np.zeros(m), ub_s)
    h.addVars(m, np.zeros(m), ub_r)
    h.changeColsIntegrality(n + 2 * m, np.arange(n + 2 * m, dtype=np.int32),
                            np.full(n + 2 * m, highspy.HighsVarType.kInteger, dtype=np.uint8))
    h.changeColsCost(2 * m, np.arange(n, n + 2 * m, dtype=np.int32), np.ones(2 * m))
    # one binary per bound, 1 when that bound changes, costing less than one seat in total:
    # among the changes of least total, the fewest come first (one change rather than three)
    ub = np.concatenate([ub_s, ub_r])
    h.addVars(2 * m, np.zeros(2 * m), np.ones(2 * m))
    flags = np.arange(n + 2 * m, n + 4 * m, dtype=np.int32)
    h.changeColsIntegrality(2 * m, flags, np.full(2 * m, highspy.HighsVarType.kInteger, dtype=np.uint8))
    h.changeColsCost(2 * m, flags, np.full(2 * m, 1.0 / (2 * m + 1)))
    for k in range(2 * m):   # slack_k <= ub_k * flag_k
        h.addRow(-INF, 0.0, 2, np.array([n + k, n + 2 * m + k], np.int32), np.array([1.0, -ub[k]]))
    h.addRow(size, size, n, np.arange(n, dtype=np.int32), np.ones(n))
    for c, types in enumerate(space.cell_types):
        idx = np.concatenate([types, [n + c]]).astype(np.int32)
        h.addRow(space.cell_min[c], INF, len(idx), idx, np.concatenate([np.ones(len(types)), [1.0]]))
        idx = np.concatenate([types, [n + m + c]]).astype(np.int32)
        h.addRow(-INF, space.cell_max[c], len(idx), idx, np.concatenate([np.ones(len(types)), [-1.0]]))
    for group in space.households:
        h.addRow(0, 1, len(group), group.astype(np.int32), np.ones(len(group)))
    if require is not None:
        t = next(t for t, ids in enumerate(space.members) if require in ids)
        h.addRow(1, INF, 1, np.array([t], np.int32), np.ones(1))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = np.rint(np.asarray(h.getSolution().col_value))
    out = []
    for c, q in enumerate(quotas.items):
        lower, raise_ = int(values[n + c]), int(values[n + m + c])
        if lower:
            out.append(Relaxation(q.feature, q.value, "min", q.min, q.min - lower))
        if raise_:
            out.append(Relaxation(q.feature, q.value, "max", q.max, q.max + raise_))
    return out


def explain_infeasible(pool: Pool, quotas: Quotas, size: int, *,
                       households: bool = False) -> InfeasibleQuotas:
    """Build (not raise) the InfeasibleQuotas error for quotas no panel can meet."""
    if size > len(pool):
        people = "person" if len(pool) == 1 else "people"
        return InfeasibleQuotas(f"The panel size {size} is larger than the pool ({len(pool)} {people}).")
    index = {(q.feature, q.value): c for c, q in enumerate(quotas.items)}
    options: list[list[Relaxation]] = []
    forbidden: set[tuple[int, str]] = set()
    while len(options) < MAX_ALTERNATIVES:
        found = minimal_relaxations(pool, quotas, size, households=households, forbidden=forbidden)
        if not found or (options and _cost(found) > 2 * _cost(options[0])):
            break
        options.append(found)
        forbidden |= {(index[(r.feature, r.value)], r.bound) for r in found}
    if not options:
        why = " with one person per household" if households else ""
        return InfeasibleQuotas(f"No panel of {size} people can be drawn from this pool{why}, "
                                "whatever the quotas.")
    conflicting = sorted({(r.feature, r.value) for option in options for r in option})
    error = InfeasibleQuotas("No panel meets all the quotas.", options[0], conflicting)
    if len(options) > 1:   # after the suggested change, not before it
        error.args = (error.args[0] + " Alternatives: " + "; or ".join(
            ", and ".join(map(str, o)) for o in options[1:]) + ".",)
    error.alternatives = options
    return error


def _cost(relaxations: list[Relaxation]) -> int:
    return sum(abs(r.suggested - r.current) for r in relaxations)

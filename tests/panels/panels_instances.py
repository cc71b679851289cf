"""Random small instances for the algorithm tests, and a brute-force oracle.

Small enough (at most 12 people) to enumerate every panel, so the brute force gives
the true feasible set and the exact leximin probabilities to compare against.
"""
from __future__ import annotations

import itertools

import highspy
import numpy as np
from hypothesis import strategies as st

from panels.model import Person, Pool, Quota, Quotas

VALUES = ["a", "b", "c"]


@st.composite
def instances(draw, households: bool = False):
    n_features = draw(st.integers(1, 3))
    features = [f"f{i}" for i in range(n_features)]
    values = {f: VALUES[: draw(st.integers(2, 3))] for f in features}
    n = draw(st.integers(4, 12))
    people = []
    for i in range(n):
        feats = {f: draw(st.sampled_from(values[f])) for f in features}
        home = f"home{draw(st.integers(0, n // 2))}" if households else None
        people.append(Person(f"p{i:02d}", feats, home))
    size = draw(st.integers(1, min(6, n)))
    items = []
    for f in features:
        for v in values[f]:
            lo = draw(st.integers(0, size))
            hi = draw(st.integers(lo, size))
            items.append(Quota(f, v, lo, hi))
    return Pool(people, features), Quotas(items), size


def feasible_panels(pool: Pool, quotas: Quotas, size: int, households: bool = False):
    out = []
    for combo in itertools.combinations(pool.people, size):
        if quotas.violations(combo):
            continue
        if households:
            homes = [p.household for p in combo if p.household]
            if len(homes) != len(set(homes)):
                continue
        out.append(tuple(p.id for p in combo))
    return out


def brute_force_leximin(pool: Pool, panels: list[tuple[str, ...]]) -> list[float]:
    """Sorted leximin probability vector over an explicit list of panels (plain LPs)."""
    ids = [p.id for p in pool.people]
    index = {pid: i for i, pid in enumerate(ids)}
    n, m = len(ids), len(panels)
    fixed: dict[int, float] = {}
    while len(fixed) < n:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addVars(m + 1, np.zeros(m + 1), np.concatenate([np.full(m, np.inf), [1.0]]))
        h.changeColCost(m, 1.0)
        h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
        for i in range(n):
            cols = [j for j, panel in enumerate(panels) if ids[i] in panel]
            if i in fixed:
                h.addRow(fixed[i] - 1e-9, np.inf, len(cols), np.array(cols, dtype=np.int32), np.ones(len(cols)))
            else:
                idx = np.array(cols + [m], dtype=np.int32)
                h.addRow(0.0, np.inf, len(idx), idx, np.concatenate([np.ones(len(cols)), [-1.0]]))
        h.run()
        z = h.getInfo().objective_function_value
        duals = np.abs(np.asarray(h.getSolution().row_dual)[1:])
        free = [i for i in range(n) if i not in fixed]
        binding = [i for i in free if duals[i] > 1e-9] or [max(free, key=lambda i: duals[i])]
        for i in binding:
            fixed[i] = z
    return sorted(fixed.values())

"""Spherical k-means in which some items are fixed to their group (curation)."""
from __future__ import annotations

import numpy as np

from .vectors import unit_rows


def seeds(points, existing, count, rng) -> np.ndarray:
    """k-means++ seeds among ``points``, far from each other and from the ``existing`` centres."""
    chosen = []
    if len(existing):
        nearest = 1 - (points @ existing.T).max(axis=1)
    else:
        chosen.append(points[rng.integers(len(points))])
        nearest = 1 - points @ chosen[0]
    while len(chosen) < count:
        weights = np.clip(nearest, 0, None) ** 2
        total = weights.sum()
        index = rng.choice(len(points), p=weights / total) if total > 0 else rng.integers(len(points))
        chosen.append(points[index])
        nearest = np.minimum(nearest, 1 - points @ points[index])
    return np.array(chosen).reshape(count, points.shape[1])


def constrained_kmeans(points, fixed_labels, new, rng, n_init=4, max_iter=100):
    """Group ``points`` (unit rows): items with fixed_labels >= 0 stay in that group; the others
    go to the nearest of the fixed groups' centres and of ``new`` new groups, numbered after the
    largest fixed id. Returns (labels, group ids, centres in the order of the ids)."""
    fixed_groups = np.unique(fixed_labels[fixed_labels >= 0])
    free = np.flatnonzero(fixed_labels < 0)
    first_new = int(fixed_groups.max()) + 1 if len(fixed_groups) else 0
    ids = np.concatenate([fixed_groups, np.arange(first_new, first_new + new)]).astype(int)
    fixed_centres = unit_rows(np.array([points[fixed_labels == g].mean(axis=0)
                                        for g in fixed_groups]).reshape(-1, points.shape[1]))
    best, best_fit = None, -np.inf
    for _ in range(n_init if new and len(free) else 1):
        centres = np.vstack([fixed_centres, seeds(points[free], fixed_centres, new, rng)])
        labels, choice = fixed_labels.copy(), None
        for _ in range(max_iter):
            similarity = points[free] @ centres.T
            previous, choice = choice, similarity.argmax(axis=1)
            labels[free] = ids[choice]
            if previous is not None and np.array_equal(choice, previous):
                break
            centres = _update(points, labels, ids, centres, free, similarity)
        fit = float((points[free] @ centres.T).max(axis=1).sum()) if len(free) else 0.0
        if fit > best_fit:
            best, best_fit = (labels, ids, centres), fit
    return best


def _update(points, labels, ids, centres, free, similarity):
    """Mean direction of each group; an emptied group takes the free item worst served."""
    rows = np.searchsorted(ids, labels)  # ids are sorted: fixed ids, then the new ones after them
    sums = np.column_stack([np.bincount(rows, weights=points[:, column], minlength=len(ids))
                            for column in range(points.shape[1])])
    empty = np.bincount(rows, minlength=len(ids)) == 0
    if empty.any():
        sums[empty] = points[free[similarity.max(axis=1).argmin()]] if len(free) else centres[empty]
    return unit_rows(sums)

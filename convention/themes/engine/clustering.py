"""Clustering of embedded contributions into themes, with groups that curation fixed.

The vectors are centred on the corpus mean and re-normalised first: sentence embeddings are
anisotropic (they share a large common direction), which hides the themes from cosine distances.
Then a spherical k-means in which the fixed items never move and their groups keep their ids.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Clustering:
    """labels[i] is the group of item i; centroids[j] is the centre of group groups[j]."""

    labels: np.ndarray
    k: int
    confidence: np.ndarray
    centroids: np.ndarray
    method: str
    scores: dict = field(default_factory=dict)
    groups: np.ndarray | None = None

    def centroid(self, group: int) -> np.ndarray:
        return self.centroids[int(np.flatnonzero(self.groups == group)[0])]


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1)


def centred(vectors: np.ndarray) -> np.ndarray:
    """Rows minus the corpus mean, re-normalised to unit length."""
    vectors = unit_rows(vectors)
    return unit_rows(vectors - vectors.mean(axis=0)) if len(vectors) > 1 else vectors


def cluster(vectors, texts=None, *, k=None, k_min=2, k_max=12, fixed=None, random_state=0,
            progress=None) -> Clustering:
    """Group ``vectors`` (n, d) into themes.

    k: the total number of groups (fixed ones included), or None to choose it in [k_min, k_max].
    fixed: {item index: group id} kept as they are; their ids are not given to new groups, which
    are numbered after the largest fixed id; free items close to a fixed group's centre join it.
    progress(fraction, message) is called after each k tried. Raises ValueError on bad arguments.
    """
    from threadpoolctl import threadpool_limits

    points = centred(vectors)
    n = len(points)
    fixed = _check_fixed(fixed or {}, n)
    fixed_labels = np.full(n, -1)
    for index, group in fixed.items():
        fixed_labels[index] = group
    fixed_groups = sorted(set(fixed.values()))
    free = int((fixed_labels < 0).sum())
    candidates = _candidate_new_groups(k, k_min, k_max, len(fixed_groups), free)
    rng = np.random.default_rng(random_state)
    results, scores = {}, {}
    with threadpool_limits(1):  # BLAS threads cost more than they save at these sizes
        for step, new in enumerate(candidates):
            labels, centres = _constrained_kmeans(points, fixed_labels, fixed_groups, new, rng)
            results[new] = (labels, centres)
            scores[len(fixed_groups) + new] = _score(points, labels, rng)
            if progress is not None:
                progress((step + 1) / len(candidates), f"k={len(fixed_groups) + new}")
    if len(candidates) == 1:
        best = candidates[0]
    else:
        best = max(candidates, key=lambda new: scores[len(fixed_groups) + new])
    labels = results[best][0]
    groups = np.array(sorted(set(labels.tolist())))
    centres = _centres_by_group(points, labels, groups)
    confidence = _confidence(points, labels, groups, centres, fixed_labels)
    return Clustering(labels=labels, k=len(groups), confidence=confidence, centroids=centres,
                      method="centred-kmeans", scores=scores, groups=groups)


def _check_fixed(fixed: dict, n: int) -> dict[int, int]:
    checked = {}
    for index, group in fixed.items():
        index, group = int(index), int(group)
        if not 0 <= index < n:
            raise ValueError(f"fixed item {index} is not among the {n} vectors")
        if group < 0:
            raise ValueError(f"fixed group ids must be >= 0, not {group}")
        checked[index] = group
    return checked


def _candidate_new_groups(k, k_min, k_max, n_fixed, free) -> list[int]:
    """How many new groups to try, given the fixed groups and the free items."""
    if free == 0:
        return [0]
    if k is not None:
        if k < 1:
            raise ValueError("k must be at least 1")
        return [min(max(k - n_fixed, 0 if n_fixed else 1), free)]
    low = max(k_min - n_fixed, 0 if n_fixed else 1)
    high = min(k_max - n_fixed, free)
    if high < low:
        return [max(min(low, free), 0 if n_fixed else 1)]
    return list(range(low, high + 1))


def _kmeans_plus_plus(points, existing, count, rng):
    """``count`` seeds among ``points``, far from each other and from the ``existing`` centres."""
    seeds = []
    if len(existing):
        nearest = 1 - (points @ np.asarray(existing).T).max(axis=1)
    else:
        first = points[rng.integers(len(points))]
        seeds.append(first)
        nearest = 1 - points @ first
    while len(seeds) < count:
        weights = np.clip(nearest, 0, None) ** 2
        total = weights.sum()
        index = rng.choice(len(points), p=weights / total) if total > 0 else rng.integers(len(points))
        seeds.append(points[index])
        nearest = np.minimum(nearest, 1 - points @ points[index])
    return np.array(seeds).reshape(count, points.shape[1])


def _constrained_kmeans(points, fixed_labels, fixed_groups, new, rng, n_init=4, max_iter=50):
    """Spherical k-means where fixed items stay in their group: (labels, centres by group id)."""
    free = np.flatnonzero(fixed_labels < 0)
    first_new = (max(fixed_groups) + 1) if fixed_groups else 0
    ids = np.array(list(fixed_groups) + list(range(first_new, first_new + new)), dtype=int)
    fixed_centres = np.array([points[fixed_labels == g].mean(axis=0) for g in fixed_groups]
                             ).reshape(len(fixed_groups), points.shape[1])
    best, best_inertia = None, -np.inf
    for _ in range(n_init if new else 1):
        centres = np.vstack([unit_rows(fixed_centres),
                             _kmeans_plus_plus(points[free], unit_rows(fixed_centres), new, rng)])
        labels = fixed_labels.copy()
        previous = None
        for _ in range(max_iter):
            similarity = points[free] @ centres.T
            choice = similarity.argmax(axis=1)
            labels[free] = ids[choice]
            if previous is not None and np.array_equal(choice, previous):
                break
            previous = choice
            centres = _update_centres(points, labels, ids, centres, free, similarity, rng)
        inertia = float((points[free] @ centres.T).max(axis=1).sum()) if len(free) else 0.0
        if inertia > best_inertia:
            best, best_inertia = (labels, centres), inertia
    return best


def _update_centres(points, labels, ids, centres, free, similarity, rng):
    """Mean direction of each group; an emptied new group takes the free item worst served."""
    updated = centres.copy()
    for row, group in enumerate(ids):
        members = labels == group
        if members.any():
            updated[row] = points[members].mean(axis=0)
        elif len(free):
            worst = free[similarity.max(axis=1).argmin()]
            updated[row] = points[worst]
    return unit_rows(updated)


def _centres_by_group(points, labels, groups):
    return unit_rows(np.array([points[labels == g].mean(axis=0) for g in groups]))


def _score(points, labels, rng, sample=2000):
    """Mean silhouette (cosine) on at most ``sample`` items; -1 when undefined."""
    from sklearn.metrics import silhouette_score

    if len(set(labels.tolist())) < 2 or len(set(labels.tolist())) >= len(labels):
        return -1.0
    size = min(sample, len(labels))
    return float(silhouette_score(points, labels, metric="cosine", sample_size=size,
                                  random_state=int(rng.integers(2**31))))


def _confidence(points, labels, groups, centres, fixed_labels):
    """Per item in [0, 1]: margin between its two nearest centres, relative to the typical margin;
    1 for fixed items and when there is one group."""
    confidence = np.ones(len(points))
    if len(groups) < 2:
        return confidence
    similarity = np.sort(points @ centres.T, axis=1)
    margin = similarity[:, -1] - similarity[:, -2]
    typical = float(np.median(margin)) or 1.0
    confidence = np.clip(margin / (margin + typical), 0, 1)
    confidence[fixed_labels >= 0] = 1.0
    return confidence

"""Clustering of embedded contributions into themes, keeping the groups curation fixed.

Default (measured in benchmarks/themes.py, see docs/themes.md): spectral clustering of the
10-nearest-neighbour graph of the mean-centred vectors, the number of groups chosen by the graph's
modularity. Fixed items never move and their groups keep their ids.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..defaults import K_MAX, K_MIN
from .graph import graph_and_embedding, knn_graph, modularity
from .kmeans import constrained_kmeans
from .vectors import centred, unit_rows

NEIGHBOURS = 10
METHODS = ("spectral", "kmeans")
CRITERIA = ("modularity", "silhouette")


@dataclass
class Clustering:
    """labels[i] is the group of item i; centroids[j] (mean-centred space) is the centre of group
    groups[j]; confidence[i] in [0, 1] is how clearly item i is nearer its group than any other."""

    labels: np.ndarray
    k: int
    confidence: np.ndarray
    centroids: np.ndarray
    method: str
    scores: dict = field(default_factory=dict)
    groups: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))


def cluster(vectors, *, k=None, k_min=K_MIN, k_max=K_MAX, fixed=None, random_state=0,
            progress=None, method="spectral", criterion="modularity",
            neighbours=NEIGHBOURS) -> Clustering:
    """Group ``vectors`` (n, d) into themes.

    k: the total number of groups (fixed ones included), or None to choose it in [k_min, k_max]
    by ``criterion``. fixed: {item index: group id} kept as they are; their ids are not given to
    new groups, which are numbered after the largest fixed id (largest group first); free items
    close to a fixed group join it. progress(fraction, message) is called after each k tried.
    Raises ValueError on bad arguments.
    """
    from threadpoolctl import threadpool_limits

    if method not in METHODS or criterion not in CRITERIA:
        raise ValueError(f"method must be one of {METHODS} and criterion one of {CRITERIA}")
    points = centred(vectors)
    n = len(points)
    fixed_labels = _fixed_labels(fixed or {}, n)
    n_fixed = len(np.unique(fixed_labels[fixed_labels >= 0]))
    candidates = _candidate_new_groups(k, k_min, k_max, n_fixed, int((fixed_labels < 0).sum()))
    if n < 3:
        return _trivial(points, fixed_labels, apart=k is not None and k >= n)
    rng = np.random.default_rng(random_state)
    neighbours = min(neighbours, max(2, n // 3))
    if method == "spectral":
        graph, embedding = graph_and_embedding(points, neighbours, n_fixed + max(candidates),
                                               random_state)
    else:
        graph = knn_graph(points, neighbours)
    with threadpool_limits(1):  # BLAS threads cost more than they save on these small products
        results, scores = {}, {}
        for step, new in enumerate(candidates):
            total = n_fixed + new
            space = unit_rows(embedding[:, :max(total, 2)]) if method == "spectral" else points
            results[total] = (space, *constrained_kmeans(space, fixed_labels, new, rng))
            scores[total] = _score(criterion, graph, points, results[total][1], rng)
            if progress is not None:
                progress((step + 1) / len(candidates), f"k={total}")
    best = max(scores, key=lambda total: (scores[total], -total))
    space, labels, ids, centres = results[best]
    labels, ids, centres = _renumber(labels, ids, centres, fixed_labels)
    return Clustering(labels=labels, k=len(ids), method=_describe(method, criterion, neighbours),
                      confidence=_confidence(space, centres, fixed_labels), scores=scores,
                      centroids=_group_means(points, labels, ids), groups=ids)


def _describe(method, criterion, neighbours):
    graph = f"spectral clustering of the {neighbours}-NN graph" if method == "spectral" else "k-means"
    return f"{graph} of mean-centred vectors, k by {criterion}"


def _fixed_labels(fixed: dict, n: int) -> np.ndarray:
    labels = np.full(n, -1)
    for index, group in fixed.items():
        index, group = int(index), int(group)
        if not 0 <= index < n:
            raise ValueError(f"fixed item {index} is not among the {n} vectors")
        if group < 0:
            raise ValueError(f"fixed group ids must be >= 0, not {group}")
        labels[index] = group
    return labels


def _candidate_new_groups(k, k_min, k_max, n_fixed, free) -> list[int]:
    """The numbers of new groups to try, given the fixed groups and the free items."""
    least = 0 if n_fixed else 1
    if free == 0:
        return [0]
    if k is not None:
        if k < 1:
            raise ValueError("k must be at least 1")
        return [min(max(k - n_fixed, least), free)]
    if k_min > k_max:
        raise ValueError("k_min must not exceed k_max")
    low, high = max(k_min - n_fixed, least), min(k_max - n_fixed, free)
    return list(range(low, high + 1)) if high >= low else [max(min(low, free), least)]


def _score(criterion, graph, points, labels, rng, sample=2000) -> float:
    if criterion == "modularity":
        return modularity(graph, labels)
    from sklearn.metrics import silhouette_score

    if not 1 < len(np.unique(labels)) < len(labels):
        return -1.0
    return float(silhouette_score(points, labels, metric="cosine", random_state=int(rng.integers(2**31)),
                                  sample_size=min(sample, len(labels))))


def _renumber(labels, ids, centres, fixed_labels):
    """Drop emptied groups; new groups numbered after the fixed ones, the largest first."""
    fixed_ids = set(fixed_labels[fixed_labels >= 0].tolist())
    sizes = {int(g): int((labels == g).sum()) for g in ids}
    new = sorted((g for g in ids if g not in fixed_ids and sizes[g]), key=lambda g: (-sizes[g], g))
    first = max(fixed_ids) + 1 if fixed_ids else 0
    mapping = {g: g for g in fixed_ids} | {g: first + rank for rank, g in enumerate(new)}
    rows = [int(np.flatnonzero(ids == g)[0]) for g in mapping]
    order = np.argsort([mapping[g] for g in mapping])
    renumbered = np.array([mapping[g] for g in labels.tolist()], dtype=int)
    new_ids = np.array([mapping[g] for g in mapping], dtype=int)[order]
    return renumbered, new_ids, centres[np.array(rows, dtype=int)[order]]


def _group_means(points, labels, ids):
    return unit_rows(np.array([points[labels == g].mean(axis=0) for g in ids]))


def _confidence(space, centres, fixed_labels):
    """Margin between the nearest and second-nearest centre, relative to the median margin
    (0.5 at the median, 0 on a tie); 1 for fixed items and when there is one group."""
    confidence = np.ones(len(space))
    if len(centres) > 1:
        similarity = np.sort(space @ centres.T, axis=1)
        margin = np.clip(similarity[:, -1] - similarity[:, -2], 0, None)
        typical = float(np.median(margin)) or 1.0
        confidence = margin / (margin + typical)
    confidence[fixed_labels >= 0] = 1.0
    return confidence


def _trivial(points, fixed_labels, apart=False):
    """Fewer than three items: each fixed item in its group, the others together in one new group
    (or each in its own when ``apart``)."""
    labels = fixed_labels.copy()
    free = np.flatnonzero(labels < 0)
    first = labels.max() + 1 if (labels >= 0).any() else 0
    labels[free] = first + np.arange(len(free)) if apart else first
    ids = np.unique(labels)
    return Clustering(labels=labels, k=len(ids), confidence=np.ones(len(labels)),
                      centroids=_group_means(points, labels, ids).reshape(len(ids), -1),
                      method="trivial", scores={}, groups=ids)

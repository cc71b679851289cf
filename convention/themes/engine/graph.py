"""The k-nearest-neighbour graph of the contributions, its spectral embedding and modularity."""
from __future__ import annotations

import numpy as np

DENSE_LIMIT = 1500  # below, a dense eigendecomposition is faster and exact
LOCAL_SCALE = 7  # the neighbour whose distance sets each point's scale
SEARCH_DIMENSIONS = 128  # neighbours of large inputs are searched in the leading principal axes
_cache: dict[tuple, tuple] = {}


def graph_and_embedding(points: np.ndarray, neighbours: int, dimensions: int, random_state: int = 0):
    """(knn_graph, spectral_embedding) of ``points``, memoised for the last few inputs: re-clustering
    after a curation reuses them (re-clusters of 10,000 items in well under 2 s)."""
    import hashlib

    key = (hashlib.blake2b(np.ascontiguousarray(points).view(np.uint8), digest_size=16).hexdigest(),
           points.shape, neighbours, random_state)
    cached = _cache.get(key)
    if cached is None or cached[1].shape[1] < min(dimensions, len(points) - 1):
        graph = knn_graph(points, neighbours)
        cached = (graph, spectral_embedding(graph, max(dimensions, 16), random_state))
        while len(_cache) >= 4:
            _cache.pop(next(iter(_cache)))
        _cache[key] = cached
    return cached


def knn_graph(points: np.ndarray, neighbours: int, chunk: int = 2048):
    """Symmetric sparse graph linking each point to its ``neighbours`` most similar (cosine) ones.

    Weights are self-tuning (Zelnik-Manor and Perona): exp(-d² / (σi σj)) with d the cosine
    distance and σi the distance from i to its 7th neighbour, so that dense and sparse themes
    count alike (measured: ARI of e5 0.31 → 0.37 with k chosen, MiniLM unchanged).
    """
    from scipy.sparse import csr_matrix

    n = len(points)
    neighbours = min(neighbours, n - 1)
    search = _leading_axes(points, SEARCH_DIMENSIONS) if n > DENSE_LIMIT else points
    search = search.astype(np.float32)
    nearest = np.empty((n, neighbours), dtype=np.int64)
    distance = np.empty((n, neighbours))
    for start in range(0, n, chunk):
        similarity = search[start:start + chunk] @ search.T
        local = np.arange(len(similarity))
        similarity[local, start + local] = -np.inf
        found = np.argpartition(similarity, n - neighbours, axis=1)[:, n - neighbours:]
        nearest[start:start + chunk] = found
        distance[start:start + chunk] = 1 - similarity[local[:, None], found]
    scale = np.maximum(np.sort(distance, axis=1)[:, min(LOCAL_SCALE, neighbours) - 1], 1e-3)
    rows = np.repeat(np.arange(n), neighbours)
    weights = np.exp(-distance.ravel() ** 2 / (scale[rows] * scale[nearest.ravel()]))
    graph = csr_matrix((weights + 1e-9, (rows, nearest.ravel())), shape=(n, n))
    return graph.maximum(graph.T).tocsr()


def _leading_axes(points: np.ndarray, dimensions: int) -> np.ndarray:
    """``points`` projected on their ``dimensions`` principal axes (cosines barely change)."""
    from threadpoolctl import threadpool_limits

    if points.shape[1] <= dimensions:
        return points
    with threadpool_limits(1):  # a d x d problem: threads only wait for each other
        _, axes = np.linalg.eigh(points.T @ points)
    return points @ axes[:, -dimensions:]


def spectral_embedding(graph, dimensions: int, random_state: int = 0) -> np.ndarray:
    """The leading ``dimensions`` eigenvectors of the normalised adjacency D^-1/2 A D^-1/2."""
    from scipy.sparse import diags

    n = graph.shape[0]
    degree = np.asarray(graph.sum(axis=1)).ravel()
    scale = diags(1 / np.sqrt(np.where(degree > 0, degree, 1)))
    normalised = scale @ graph @ scale
    dimensions = min(dimensions, n - 1)
    if n <= DENSE_LIMIT:
        values, vectors = np.linalg.eigh(normalised.toarray())
    else:
        from scipy.sparse.linalg import eigsh

        start = np.random.default_rng(random_state).uniform(-1, 1, n)
        values, vectors = eigsh(normalised, dimensions, which="LA", v0=start, tol=1e-6)
    order = np.argsort(-values)[:dimensions]
    vectors = vectors[:, order]
    # eigenvector signs are arbitrary: fix them so runs are reproducible
    return vectors * np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(len(order))])


def modularity(graph, labels: np.ndarray) -> float:
    """Newman's modularity of the partition ``labels`` of ``graph`` (higher: denser groups)."""
    from scipy.sparse import csr_matrix

    groups, index = np.unique(labels, return_inverse=True)
    membership = csr_matrix((np.ones(len(labels)), (np.arange(len(labels)), index)),
                            shape=(len(labels), len(groups)))
    total = graph.sum()
    inside = (membership.T @ graph @ membership).diagonal().sum() / total
    degree = np.asarray(membership.T @ graph.sum(axis=1)).ravel() / total
    return float(inside - (degree ** 2).sum())

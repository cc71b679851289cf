"""The clustering methods compared by benchmarks/themes.py, each a function
(vectors, texts, k or None, seed) -> labels; with k None the method chooses k in [2, 12]."""
from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from convention.themes.engine import cluster
from convention.themes.engine.french import content_lemmas
from convention.themes.engine.vectors import centred, unit_rows

K_RANGE = range(2, 13)


def by_silhouette(points, labels_for_k, metric="cosine"):
    """Labels for the k of [2, 12] with the best mean silhouette of ``points``."""
    from sklearn.metrics import silhouette_score

    best = None
    for k in K_RANGE:
        if k >= len(points):
            break
        labels = labels_for_k(k)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette_score(points, labels, metric=metric)
        if best is None or score > best[0]:
            best = (score, labels)
    return best[1]


def kmeans(points, k, seed):
    from sklearn.cluster import KMeans

    with threadpool_limits(1):  # 9x faster than 2 OpenMP threads on small inputs (ANCHORS.md)
        return KMeans(k, n_init=4, random_state=seed).fit_predict(points)


def tfidf(texts, dimensions=None):
    """TF-IDF over French lemmas without stop words or proposal verbs (optionally reduced by SVD)."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(analyzer=lambda text: [lemma for lemma, _ in content_lemmas(text)],
                             sublinear_tf=True).fit_transform(texts)
    if dimensions is None:
        return matrix
    reduced = TruncatedSVD(min(dimensions, matrix.shape[1] - 1), random_state=0).fit_transform(matrix)
    return unit_rows(reduced)


def _points_method(make_points, cluster_points=kmeans):
    def method(vectors, texts, k, seed):
        points = make_points(vectors, texts, seed)
        if k is not None:
            return cluster_points(points, k, seed)
        dense = points.toarray() if hasattr(points, "toarray") else points
        return by_silhouette(dense, lambda kk: cluster_points(points, kk, seed))
    return method


def _average_linkage(points, k, seed):
    from sklearn.cluster import AgglomerativeClustering

    return AgglomerativeClustering(k, metric="cosine", linkage="average").fit_predict(points)


def _umap(vectors, texts, seed):
    import umap

    return umap.UMAP(n_components=5, metric="cosine", n_neighbors=15, min_dist=0.0,
                     random_state=seed, n_jobs=1).fit_transform(centred(vectors))


def _engine(**options):
    def method(vectors, texts, k, seed):
        return cluster(vectors, k=k, random_state=seed, **options).labels
    return method


DEFAULT = "spectral 10-NN, k by modularity (default)"
METHODS = {
    "TF-IDF + k-means, k by silhouette": _points_method(lambda v, t, s: tfidf(t)),
    "embeddings + k-means, k by silhouette": _points_method(lambda v, t, s: unit_rows(v)),
    "centred + k-means, k by silhouette": _engine(method="kmeans", criterion="silhouette"),
    "centred + k-means, k by modularity": _engine(method="kmeans"),
    "centred + average linkage, k by silhouette":
        _points_method(lambda v, t, s: centred(v), _average_linkage),
    "hybrid centred + TF-IDF (SVD 100) + k-means":
        _points_method(lambda v, t, s: np.hstack([centred(v), 0.5 * tfidf(t, 100)])),
    "UMAP 5-d + k-means, k by silhouette": _points_method(_umap),
    "spectral 10-NN, k by silhouette": _engine(criterion="silhouette"),
    DEFAULT: _engine(),
}

"""Vector helpers shared by the engine's modules."""
from __future__ import annotations

import numpy as np


def unit_rows(vectors) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float64."""
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1)


def centred(vectors) -> np.ndarray:
    """Rows minus the corpus mean, re-normalised.

    Sentence embeddings share a large common direction (anisotropy) that hides the themes from
    cosine similarities: without this, average linkage puts everything in one cluster.
    """
    vectors = unit_rows(vectors)
    return unit_rows(vectors - vectors.mean(axis=0)) if len(vectors) > 1 else vectors

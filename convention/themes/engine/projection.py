"""A 2-D map of the contributions, for the themes page."""
from __future__ import annotations

import numpy as np


def project_2d(vectors, random_state=0) -> np.ndarray:
    """(n, 2) coordinates in [0, 1]² by PCA of the centred vectors (deterministic, fast)."""
    from .vectors import centred

    points = centred(vectors)
    n = len(points)
    if n == 0:
        return np.zeros((0, 2))
    if n < 3:
        return np.full((n, 2), 0.5)
    centre = points - points.mean(axis=0)
    # The two leading principal axes (from the d x d covariance: fast for many items); signs fixed
    # so that the map does not flip between runs.
    _, axes = np.linalg.eigh(centre.T @ centre)
    components = axes[:, ::-1][:, :2].T.copy()
    components *= np.sign(components[np.arange(2), np.abs(components).argmax(axis=1)])[:, None]
    coordinates = centre @ components.T
    low, high = coordinates.min(axis=0), coordinates.max(axis=0)
    span = np.where(high > low, high - low, 1)
    return np.clip((coordinates - low) / span, 0, 1)

